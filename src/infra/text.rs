//! Small text helpers shared by forms and lists.

/// The trimmed text, or `None` when blank: forms send unset fields as absent.
pub fn non_blank(s: String) -> Option<String> {
    let t = s.trim();
    (!t.is_empty()).then(|| t.to_owned())
}

/// Case-insensitive "every word of the filter appears somewhere in the row".
pub fn matches_filter(haystack: &str, filter: &str) -> bool {
    let hay = haystack.to_lowercase();
    filter.to_lowercase().split_whitespace().all(|word| hay.contains(word))
}

/// A rule as a filter searches it: its words, and its reach (for port numbers).
#[derive(Debug, Clone, PartialEq)]
pub struct Searchable {
    text: String,
    rules: Vec<palisade_core::reach::Rule>,
}

impl Searchable {
    /// A row and the rules it stands for (one for a rule; a group's or an instance's
    /// rules for a list of those). CHOICE: lists of groups and instances pass only their
    /// ingress rules, so `22` finds who accepts SSH, not every group with allow-all egress.
    pub fn new(text: &str, rules: impl IntoIterator<Item = palisade_core::reach::Rule>) -> Searchable {
        Searchable { text: text.to_lowercase(), rules: rules.into_iter().collect() }
    }

    /// Every word of the filter must match. CHOICE: a word that is a port number matches
    /// the rows with a rule that lets that port through (`22` finds `20-30`, `22,3389` and all-port
    /// rules, not `220`); any other word is looked for in the row's text.
    pub fn matches(&self, query: &Query) -> bool {
        query.matches(&self.text, || self.rules.iter())
    }

    /// As `matches`, with the rules given by the caller (found only if a word is a port).
    pub fn matches_query<'a, I: Iterator<Item = &'a palisade_core::reach::Rule>>(&self, query: &Query, rules: impl Fn() -> I) -> bool {
        query.matches(&self.text, rules)
    }
}

/// A filter's words, lower-cased and read as port numbers once per keystroke rather than
/// once per row.
#[derive(Debug, Clone, PartialEq)]
pub struct Query(Vec<Word>);

#[derive(Debug, Clone, PartialEq)]
enum Word {
    Port(u16),
    Text(String),
}

impl Query {
    pub fn new(filter: &str) -> Query {
        Query(
            filter
                .to_lowercase()
                .split_whitespace()
                .map(|w| palisade_core::reach::ports::query_port(w).map_or_else(|| Word::Text(w.to_owned()), Word::Port))
                .collect(),
        )
    }

    /// Every word matches: a port one of the `rules` (asked for only then), any other
    /// word the lower-cased `text`.
    pub fn matches<'a, I: Iterator<Item = &'a palisade_core::reach::Rule>>(&self, text: &str, rules: impl Fn() -> I) -> bool {
        self.0.iter().all(|word| match word {
            Word::Port(port) => rules().any(|r| r.covers_port(*port)),
            Word::Text(t) => text.contains(t.as_str()),
        })
    }

    /// Whether a word of the query is a port number (the rows' rules are needed).
    pub fn names_a_port(&self) -> bool {
        self.0.iter().any(|w| matches!(w, Word::Port(_)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use palisade_core::bce::security_group::SecurityGroupRule;
    use palisade_core::reach::Rule;
    use palisade_core::Direction;

    fn rule(ports: &str) -> Rule {
        let r = SecurityGroupRule {
            direction: Some(Direction::Ingress.as_str().into()),
            protocol: Some("tcp".into()),
            port_range: Some(ports.into()),
            ..Default::default()
        };
        Rule::from_bce(&r).unwrap()
    }

    #[test]
    fn a_port_number_finds_the_rules_covering_it_and_words_find_text() {
        let range = Searchable::new("ingress tcp 20-30 web", [rule("20-30")]);
        let other = Searchable::new("ingress tcp 220 ftp-ish", [rule("220")]);
        let q = |s: &str| Query::new(s);
        assert!(range.matches(&q("22")) && !other.matches(&q("22")));
        assert!(other.matches(&q("220")) && other.matches(&q("FTP")));
        assert!(range.matches(&q("tcp 22")) && !range.matches(&q("udp 22")));
        let group = Searchable::new("web g-1", [rule("443"), rule("22")]);
        assert!(group.matches(&q("22")) && !group.matches(&q("80")));
        assert!(q("tcp 22").names_a_port() && !q("tcp").names_a_port());
    }
}
