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
