//! Port sets as the rules write them (`80`, `80-9000`, `22,3389,80`, empty or
//! `1-65535` for every port), for asking "does this rule cover port 22?".

/// The ports a rule's port field covers. A field that does not parse covers nothing:
/// the cloud would have refused it, so no live rule holds one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PortSet {
    All,
    Ranges(Vec<(u16, u16)>),
}

impl PortSet {
    /// Parses a port field. Empty, `all` and `1-65535` cover every port (Baidu: "empty ⇒
    /// 1-65535"; Huawei: no multiport = all ports).
    pub fn parse(field: Option<&str>) -> PortSet {
        let s = field.unwrap_or("").trim();
        if s.is_empty() || s.eq_ignore_ascii_case("all") {
            return PortSet::All;
        }
        let mut ranges = Vec::new();
        for item in s.split(',') {
            let item = item.trim();
            let (a, b) = item.split_once('-').unwrap_or((item, item));
            match (port(a), port(b)) {
                (Some(a), Some(b)) if a <= b => ranges.push((a, b)),
                _ => return PortSet::Ranges(Vec::new()),
            }
        }
        if ranges.iter().any(|&(a, b)| a == 1 && b == 65535) {
            return PortSet::All;
        }
        PortSet::Ranges(ranges)
    }

    pub fn contains(&self, p: u16) -> bool {
        match self {
            PortSet::All => true,
            PortSet::Ranges(r) => r.iter().any(|&(a, b)| a <= p && p <= b),
        }
    }

    pub fn is_all(&self) -> bool {
        matches!(self, PortSet::All)
    }

    /// The first port of the set, for naming it in a suggestion.
    pub fn first(&self) -> Option<u16> {
        match self {
            PortSet::All => Some(1),
            PortSet::Ranges(r) => r.iter().map(|&(a, _)| a).min(),
        }
    }
}

fn port(s: &str) -> Option<u16> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse::<u16>().ok().filter(|&p| p >= 1)
}

/// A search box's text read as a port number: `22` is a port, `220x` and `0` are not.
pub fn query_port(q: &str) -> Option<u16> {
    port(q.trim())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_read_as_the_clouds_write_them() {
        assert!(PortSet::parse(None).is_all());
        assert!(PortSet::parse(Some("")).is_all());
        assert!(PortSet::parse(Some("1-65535")).is_all());
        let list = PortSet::parse(Some("22,3389,8000-8080"));
        assert!(list.contains(22) && list.contains(3389) && list.contains(8000) && list.contains(8080));
        assert!(!list.contains(220) && !list.contains(23) && !list.contains(8081));
        assert_eq!(PortSet::parse(Some("80")), PortSet::Ranges(vec![(80, 80)]));
        assert_eq!(PortSet::parse(Some("90-80")), PortSet::Ranges(vec![]), "a broken field covers nothing");
        assert_eq!(PortSet::parse(Some("0")), PortSet::Ranges(vec![]));
        assert_eq!(query_port(" 22 "), Some(22));
        assert_eq!(query_port("220x"), None);
        assert_eq!(query_port("70000"), None);
    }
}
