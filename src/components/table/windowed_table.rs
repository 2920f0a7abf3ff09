use leptos::prelude::*;

use crate::components::table::list_head::ListHead;
use crate::i18n::Msg;
use crate::infra::windowed::visible;

/// Pixel height of one row; the stylesheet pins `.line-row` to it so the window can be
/// computed.
pub const ROW_HEIGHT: f64 = 32.0;
/// Rows drawn above and below the visible ones, so fast scrolling shows no gaps.
const OVERSCAN: usize = 10;

/// A table of one-line rows of which only those in view (plus a margin) are in the DOM,
/// so a list of thousands scrolls and filters within a frame. `matching` holds the
/// indices of the rows to show, in order; `row` draws one of them and is called for the
/// rows in view only. The rule tables and the instance list share it (one copy in the
/// wasm, since the row is a type-erased view).
#[component]
pub fn WindowedTable(
    columns: &'static [Msg],
    matching: Memo<Vec<usize>>,
    /// A change of it (the filter) scrolls back to the top.
    #[prop(into)]
    reset: Signal<String>,
    row: Callback<usize, AnyView>,
) -> impl IntoView {
    let scroll_top = RwSignal::new(0.0f64);
    let viewport = RwSignal::new(480.0f64);
    let scroller = NodeRef::<leptos::html::Div>::new();
    Effect::new(move |_| {
        reset.track();
        if let Some(el) = scroller.get_untracked() {
            el.set_scroll_top(0);
        }
        // Only if it moved: a set always notifies, and the rows would be drawn twice.
        if scroll_top.get_untracked() != 0.0 {
            scroll_top.set(0.0);
        }
    });
    let window = move || {
        let total = matching.with(|m| m.len());
        let (first, last) = visible(scroll_top.get(), viewport.get(), ROW_HEIGHT, OVERSCAN, total);
        (first, last, total)
    };
    let rows = move || {
        let (first, last, _) = window();
        let shown: Vec<usize> = matching.with(|m| m[first..last].to_vec());
        shown.into_iter().map(|i| row.run(i)).collect_view()
    };
    // Whole pixels, formatted as integers: float formatting would add ~10 KB of wasm.
    let pad_top = move || format!("{}px", window().0 * ROW_HEIGHT as usize);
    let pad_bottom = move || {
        let (_, last, total) = window();
        format!("{}px", (total - last) * ROW_HEIGHT as usize)
    };
    let width = columns.len();
    view! {
        <div
            class="rule-scroll"
            node_ref=scroller
            tabindex="0"
            on:scroll=move |_| {
                if let Some(el) = scroller.get_untracked() {
                    scroll_top.set(el.scroll_top() as f64);
                    viewport.set(el.client_height().max(1) as f64);
                }
            }
        >
            <table>
                <ListHead columns=columns/>
                <tbody>
                    <tr class="spacer" aria-hidden="true"><td colspan=width style:height=pad_top></td></tr>
                    {rows}
                    <tr class="spacer" aria-hidden="true"><td colspan=width style:height=pad_bottom></td></tr>
                </tbody>
            </table>
        </div>
    }
}
