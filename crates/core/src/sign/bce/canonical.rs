//! The canonical request of `bce-auth-v1`: URI, query and header lines, built into one
//! string with as little work as the signing benchmark allows (see `sign_ratio`).

use super::DEFAULT_SIGNED_HEADERS;
use crate::sign::encoding::{escape_into, escape_lower_into, escape_path_into, is_canonical, sorted_items};
use crate::sign::{trim, SignableRequest};

/// `/` stays, every other reserved byte is escaped; an empty path is `/`.
pub fn canonical_uri(path: &str) -> String {
    let mut out = String::with_capacity(path.len() * 3 + 2);
    push_canonical_uri(&mut out, path);
    out
}

fn push_canonical_uri(out: &mut String, path: &str) {
    out.push('/');
    escape_path_into(out, path.strip_prefix('/').unwrap_or(path));
}

/// `k=v` with both sides encoded (`/` too), byte-sorted, joined by `&`; a flag is `k=`.
/// A parameter named `authorization` is left out: it carries the signature itself.
pub fn canonical_query(query: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(64);
    push_canonical_query(&mut out, query);
    out
}

fn push_canonical_query(out: &mut String, query: &[(&str, &str)]) {
    let kept = || query.iter().filter(|(k, _)| !k.eq_ignore_ascii_case("authorization"));
    // Fast path: names that need no escape, already in order (as the console builds its
    // queries): written as they come, without the sort.
    if kept().all(|(k, _)| is_canonical(k, false)) && in_item_order(kept().map(|(k, _)| *k)) {
        for (i, (k, v)) in kept().enumerate() {
            if i > 0 {
                out.push('&');
            }
            out.push_str(k);
            out.push('=');
            escape_into(out, v);
        }
        return;
    }
    push_query_sorted(out, query);
}

/// The general case: every item escaped, then sorted.
fn push_query_sorted(out: &mut String, query: &[(&str, &str)]) {
    sorted_items(out, '&', false, |items| {
        for (k, v) in query.iter().filter(|(k, _)| !k.eq_ignore_ascii_case("authorization")) {
            items.push(|s| {
                escape_into(s, k);
                s.push('=');
                escape_into(s, v);
            });
        }
    });
}

fn is_default_signed(name: &str) -> bool {
    name.get(..6).is_some_and(|p| p.eq_ignore_ascii_case("x-bce-")) || DEFAULT_SIGNED_HEADERS.iter().any(|h| h.eq_ignore_ascii_case(name))
}

/// The canonical header lines (`name:value`, both encoded, value trimmed, empty values
/// skipped, sorted, joined by `\n`) for the given list, or the default set.
pub fn canonical_headers(req: &SignableRequest<'_>, signed: Option<&[&str]>) -> String {
    let mut out = String::with_capacity(160);
    push_canonical_headers(&mut out, req, HeaderList::of(signed));
    out
}

/// The signed-header list as the signer uses it; classified once per signature because
/// both the canonical headers and the authorization string depend on it.
#[derive(Debug, Clone, Copy)]
pub(super) enum HeaderList<'a> {
    /// No list (or an empty one): the default set.
    Default,
    /// Lower-case, needing no escape, and in line order (see [`in_item_order`]), as the
    /// console passes `host;x-bce-date`: used as it is, with no sorting.
    Ordered(&'a [&'a str]),
    /// Anything else: trimmed, lower-cased and sorted on use.
    Unordered(&'a [&'a str]),
}

impl<'a> HeaderList<'a> {
    pub(super) fn of(signed: Option<&'a [&'a str]>) -> Self {
        match signed {
            None | Some([]) => Self::Default,
            Some(list) if list.iter().all(|h| !h.is_empty() && is_canonical(h, true)) && in_item_order(list.iter().copied()) => {
                Self::Ordered(list)
            }
            Some(list) => Self::Unordered(list),
        }
    }
}

/// Whether items `name` + separator + value, for these names, are already in the byte
/// order the canonical lists need: names strictly increasing, none a prefix of the next
/// (`a-b:` sorts before `a:` although `a` < `a-b`). Separators `=` and `:` sort after the
/// `-` and `.` that names may hold, which the prefix rule covers.
fn in_item_order<'a>(mut names: impl Iterator<Item = &'a str>) -> bool {
    let Some(mut prev) = names.next() else { return true };
    for name in names {
        if name <= prev || name.starts_with(prev) {
            return false;
        }
        prev = name;
    }
    true
}

fn push_canonical_headers(out: &mut String, req: &SignableRequest<'_>, list: HeaderList<'_>) {
    if let HeaderList::Ordered(names) = list {
        if push_listed_headers(out, req, names) {
            return;
        }
    }
    push_headers_sorted(out, req, list);
}

/// The general case: every signed header's line escaped, then sorted.
fn push_headers_sorted(out: &mut String, req: &SignableRequest<'_>, list: HeaderList<'_>) {
    let wanted = |name: &str| match list {
        HeaderList::Ordered(names) | HeaderList::Unordered(names) => names.iter().any(|h| trim(h).eq_ignore_ascii_case(name)),
        HeaderList::Default => is_default_signed(name),
    };
    sorted_items(out, '\n', false, |lines| {
        let mut push = |name: &str, value: &str| {
            let (name, value) = (trim(name), trim(value));
            if !value.is_empty() && wanted(name) {
                lines.push(|line| {
                    escape_lower_into(line, name);
                    line.push(':');
                    escape_into(line, value);
                });
            }
        };
        let mut saw_host = false;
        for (name, value) in req.headers.iter().copied() {
            saw_host |= trim(name).eq_ignore_ascii_case("host");
            push(name, value);
        }
        if !saw_host {
            push("host", req.host);
        }
    });
}

/// Fast path for an explicit list that is lower-case, escape-free and in line order (the
/// console's `host;x-bce-date`): each listed header is looked up and written in list
/// order, with no sort. Returns false, having written nothing, when a listed name is sent
/// twice with values (the lines would then need sorting by value).
fn push_listed_headers(out: &mut String, req: &SignableRequest<'_>, list: &[&str]) -> bool {
    let start = out.len();
    let mut first = true;
    for name in list {
        let mut value = None;
        let mut named = false;
        for (n, v) in req.headers.iter().copied() {
            if trim(n).eq_ignore_ascii_case(name) {
                named = true;
                let v = trim(v);
                if !v.is_empty() {
                    if value.is_some() {
                        out.truncate(start);
                        return false;
                    }
                    value = Some(v);
                }
            }
        }
        if !named && *name == "host" {
            value = Some(trim(req.host)).filter(|v| !v.is_empty());
        }
        if let Some(v) = value {
            if !first {
                out.push('\n');
            }
            first = false;
            out.push_str(name);
            out.push(':');
            escape_into(out, v);
        }
    }
    true
}

pub fn canonical_request(req: &SignableRequest<'_>, signed: Option<&[&str]>) -> String {
    let mut out = String::with_capacity(req.canonical_capacity());
    push_canonical_request(&mut out, req, HeaderList::of(signed));
    out
}

fn push_canonical_request(out: &mut String, req: &SignableRequest<'_>, list: HeaderList<'_>) {
    let start = out.len();
    out.push_str(req.method);
    out[start..].make_ascii_uppercase();
    out.push('\n');
    push_canonical_uri(out, req.path);
    out.push('\n');
    push_canonical_query(out, req.query);
    out.push('\n');
    push_canonical_headers(out, req, list);
}

// proptest is a native-only dev-dependency.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::sign::bce::DATE_HEADER;
    use proptest::prelude::*;

    fn header_name() -> impl Strategy<Value = String> {
        prop_oneof![
            Just("Host".to_owned()),
            Just("host".to_owned()),
            Just("x-bce-date".to_owned()),
            Just("X-Bce-Date".to_owned()),
            Just("content-type".to_owned()),
            Just("x-bce-a".to_owned()),
            Just("x-bce-a-b".to_owned()),
            Just("x-bce-ab".to_owned()),
            Just(" content-md5 ".to_owned()),
            "[a-zA-Z_ :-]{0,6}",
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

        // The unsorted fast paths must write exactly what the general sort writes.
        #[test]
        fn listed_headers_match_the_general_path(
            headers in prop::collection::vec((header_name(), prop_oneof![Just(String::new()), Just(" ".to_owned()), ".{0,8}"]), 0..6),
            list in prop::collection::vec(header_name(), 0..5),
            host in prop_oneof![Just(String::new()), "[a-z.]{1,10}"],
            added in prop::option::of("[0-9TZ:-]{1,6}"),
        ) {
            let mut pairs: Vec<(&str, &str)> = headers.iter().map(|(n, v)| (n.as_str(), v.as_str())).collect();
            // The date `sign` adds is a header of the request it signs.
            pairs.extend(added.as_deref().map(|v| (DATE_HEADER, v)));
            let req = SignableRequest { method: "GET", host: &host, path: "/", query: &[], headers: &pairs, body: b"" };
            let mut sorted: Vec<String> = list.iter().map(|h| h.trim().to_ascii_lowercase()).collect();
            sorted.sort();
            sorted.dedup();
            for list in [list.clone(), sorted] {
                let names: Vec<&str> = list.iter().map(String::as_str).collect();
                let (mut fast, mut general) = (String::new(), String::new());
                push_canonical_headers(&mut fast, &req, HeaderList::of(Some(&names)));
                let unsorted = if names.is_empty() { HeaderList::Default } else { HeaderList::Unordered(&names) };
                push_headers_sorted(&mut general, &req, unsorted);
                prop_assert_eq!(fast, general, "list {:?}", names);
            }
        }

        #[test]
        fn ordered_query_matches_the_general_path(keys in prop::collection::vec(prop_oneof!["[a-c]{0,3}", "[a-c.~_-]{1,3}", Just("Authorization".to_owned())], 0..6), values in prop::collection::vec(".{0,4}", 6)) {
            let mut sorted = keys.clone();
            sorted.sort();
            for keys in [keys.clone(), sorted] {
                let query: Vec<(&str, &str)> = keys.iter().zip(&values).map(|(k, v)| (k.as_str(), v.as_str())).collect();
                let (mut fast, mut general) = (String::new(), String::new());
                push_canonical_query(&mut fast, &query);
                push_query_sorted(&mut general, &query);
                prop_assert_eq!(fast, general, "query {:?}", query);
            }
        }
    }
}
