//! Port-range grammar shared by regular and enterprise rules.

/// What is wrong with a port range, before it is mapped to one cloud's code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PortError {
    Empty,
    /// Not digits, `a-b` or (where allowed) a comma list.
    Format,
    /// A port outside 1–65535.
    ValueExceed,
    /// `400-80`.
    Order,
    /// `80-80`, or a port twice in a list.
    Duplicate,
    /// More comma-separated ports than allowed.
    TooManyDispersed,
}

#[derive(Debug, Clone, Copy)]
pub struct PortGrammar {
    /// Comma lists of single ports (`22,80,443`).
    pub lists: bool,
    pub max_dispersed: usize,
    /// Whether `80-80` is a duplicate (ESG) or a one-port range (regular rules).
    pub degenerate_range_is_duplicate: bool,
}

/// ESG rules: single port, `a-b`, or up to 15 comma-separated single ports.
/// CHOICE: a comma list holds single ports only, no ranges (the seed's examples are all
/// single ports); a range inside a list is a format error.
pub const ESG: PortGrammar = PortGrammar { lists: true, max_dispersed: 15, degenerate_range_is_duplicate: true };

/// Regular rules: a single port or `a-b`.
pub const REGULAR: PortGrammar = PortGrammar { lists: false, max_dispersed: 1, degenerate_range_is_duplicate: false };

fn port(s: &str) -> Result<u32, PortError> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return Err(PortError::Format);
    }
    // All digits: anything that does not fit is simply too large.
    match s.parse::<u32>() {
        Ok(p @ 1..=65535) => Ok(p),
        _ => Err(PortError::ValueExceed),
    }
}

/// Checks a port range. CHOICE: within one field the checks run format, value, order,
/// duplicate, count, and the first failure is the field's one problem.
pub fn check(s: &str, g: PortGrammar) -> Result<(), PortError> {
    if s.is_empty() {
        return Err(PortError::Empty);
    }
    if s.contains(',') {
        if !g.lists {
            return Err(PortError::Format);
        }
        let items: Vec<&str> = s.split(',').collect();
        let ports = items.iter().map(|i| port(i)).collect::<Vec<_>>();
        if ports.contains(&Err(PortError::Format)) {
            return Err(PortError::Format);
        }
        let mut values = ports.into_iter().collect::<Result<Vec<u32>, _>>()?;
        values.sort_unstable();
        if values.windows(2).any(|w| w[0] == w[1]) {
            return Err(PortError::Duplicate);
        }
        if values.len() > g.max_dispersed {
            return Err(PortError::TooManyDispersed);
        }
        return Ok(());
    }
    if let Some((a, b)) = s.split_once('-') {
        let (a, b) = (port(a), port(b));
        if a == Err(PortError::Format) || b == Err(PortError::Format) {
            return Err(PortError::Format);
        }
        let (a, b) = (a?, b?);
        return match a.cmp(&b) {
            std::cmp::Ordering::Greater => Err(PortError::Order),
            std::cmp::Ordering::Equal if g.degenerate_range_is_duplicate => Err(PortError::Duplicate),
            _ => Ok(()),
        };
    }
    port(s).map(|_| ())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn esg_grammar() {
        for ok in ["80", "1-65535", "22,80,443", "1", "65535", "8000-8080"] {
            assert_eq!(check(ok, ESG), Ok(()), "{ok}");
        }
        let cases = [
            ("", PortError::Empty),
            ("http", PortError::Format),
            ("80 ", PortError::Format),
            ("80-", PortError::Format),
            ("-80", PortError::Format),
            ("1-2-3", PortError::Format),
            ("80,,81", PortError::Format),
            ("80,1-5", PortError::Format),
            ("0", PortError::ValueExceed),
            ("65536", PortError::ValueExceed),
            ("99999999999999999999", PortError::ValueExceed),
            ("1-70000", PortError::ValueExceed),
            ("400-80", PortError::Order),
            ("80-80", PortError::Duplicate),
            ("80,80,7000", PortError::Duplicate),
            ("1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16", PortError::TooManyDispersed),
        ];
        for (input, want) in cases {
            assert_eq!(check(input, ESG), Err(want), "{input:?}");
        }
        assert_eq!(check("1,2,3,4,5,6,7,8,9,10,11,12,13,14,15", ESG), Ok(()), "15 is allowed");
    }

    #[test]
    fn regular_grammar() {
        assert_eq!(check("80-80", REGULAR), Ok(()), "a one-port range is fine for regular rules");
        assert_eq!(check("22,80", REGULAR), Err(PortError::Format));
        assert_eq!(check("100-1", REGULAR), Err(PortError::Order));
    }
}
