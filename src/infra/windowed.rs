//! Long lists draw only the rows in view: which ones those are.

/// The rows `first..last` to draw in a list of `total` rows of `row_height` pixels,
/// scrolled to `scroll_top` in a viewport `viewport` pixels tall, with `overscan` more on
/// each side so fast scrolling shows no gaps.
pub fn visible(scroll_top: f64, viewport: f64, row_height: f64, overscan: usize, total: usize) -> (usize, usize) {
    let first = ((scroll_top / row_height) as usize).saturating_sub(overscan).min(total);
    let count = (viewport / row_height).ceil() as usize + 2 * overscan;
    (first, (first + count).min(total))
}

#[cfg(test)]
mod tests {
    use super::visible;

    #[test]
    fn rows_in_view_with_a_margin() {
        assert_eq!(visible(0.0, 320.0, 32.0, 10, 1000), (0, 30));
        assert_eq!(visible(3200.0, 320.0, 32.0, 10, 1000), (90, 120));
        assert_eq!(visible(3200.0, 320.0, 32.0, 10, 95), (90, 95));
        assert_eq!(visible(0.0, 320.0, 32.0, 10, 0), (0, 0));
    }
}
