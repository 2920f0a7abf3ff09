//! RFC 3986 percent-encoding as both clouds' signers use it: every byte but the
//! unreserved `A-Z a-z 0-9 - _ . ~` becomes `%XY` with upper-case hex, space as `%20`.

use percent_encoding::{percent_decode_str, AsciiSet, NON_ALPHANUMERIC};

/// Everything but the unreserved characters.
pub const UNRESERVED: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'_').remove(b'.').remove(b'~');
/// The same, keeping `/` (Baidu's `UriEncodeExceptSlash`, for paths).
pub const UNRESERVED_AND_SLASH: &AsciiSet = &UNRESERVED.remove(b'/');

/// Which bytes pass through unescaped, one lookup per byte: the signing path escapes
/// every header value, query item and path, which makes this the hottest non-crypto code
/// there. (Testing 8 or 16 bytes at once, with or without branches, measured no faster:
/// the strings are short and most have something to escape.)
struct PlainBytes([bool; 256]);

impl PlainBytes {
    const fn new(keep_slash: bool, keep_upper: bool) -> Self {
        let mut table = [false; 256];
        let mut b = 0;
        while b < 256 {
            let c = b as u8;
            table[b] = (c.is_ascii_alphanumeric() || matches!(c, b'-' | b'_' | b'.' | b'~') || (keep_slash && c == b'/'))
                && (keep_upper || !c.is_ascii_uppercase());
            b += 1;
        }
        Self(table)
    }
}

static PLAIN: PlainBytes = PlainBytes::new(false, true);
static PLAIN_PATH: PlainBytes = PlainBytes::new(true, true);
static PLAIN_LOWER: PlainBytes = PlainBytes::new(false, false);

/// Whether escaping leaves `s` as it is (and, with `lower`, lower-casing too): lets the
/// signers skip work for names that are already canonical.
pub(crate) fn is_canonical(s: &str, lower: bool) -> bool {
    let table = if lower { &PLAIN_LOWER } else { &PLAIN };
    s.bytes().all(|b| table.0[usize::from(b)])
}

/// Appends `s` with every byte outside [`UNRESERVED`] escaped (query items, header values,
/// Huawei path segments).
pub fn escape_into(out: &mut String, s: &str) {
    escape_with::<false, false>(out, s);
}

/// Appends `s` escaped as [`UNRESERVED_AND_SLASH`] (Baidu paths).
pub fn escape_path_into(out: &mut String, s: &str) {
    escape_with::<true, false>(out, s);
}

/// Appends `s` lower-cased (ASCII), then escaped as [`escape_into`] does: Baidu's
/// canonical header names, in one pass.
pub fn escape_lower_into(out: &mut String, s: &str) {
    escape_with::<false, true>(out, s);
}

fn escape_with<const KEEP_SLASH: bool, const LOWER: bool>(out: &mut String, s: &str) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let plain = if KEEP_SLASH { &PLAIN_PATH } else { &PLAIN };
    out.reserve(s.len() * 3);
    let bytes = s.as_bytes();
    let mut run = 0;
    for (i, &b) in bytes.iter().enumerate() {
        if plain.0[usize::from(b)] {
            continue;
        }
        // A non-empty run is plain ASCII, and it ends at an escaped byte that follows an
        // ASCII one: both ends are character boundaries.
        if run < i {
            push_run::<LOWER>(out, &s[run..i]);
        }
        out.push('%');
        out.push(char::from(HEX[usize::from(b >> 4)]));
        out.push(char::from(HEX[usize::from(b & 15)]));
        run = i + 1;
    }
    if run < bytes.len() {
        push_run::<LOWER>(out, &s[run..]);
    }
}

/// Appends a run of plain bytes in one copy, lower-cased for header names.
fn push_run<const LOWER: bool>(out: &mut String, run: &str) {
    let start = out.len();
    out.push_str(run);
    if LOWER {
        out[start..].make_ascii_lowercase();
    }
}

/// Items written one after another into a single buffer, then appended to `out` in
/// byte order, joined by `sep` (and with repeats left out when `unique`): the canonical
/// query and header lists without an allocation per item. The buffers are kept per
/// thread and reused, because on the signing path allocation costs more than the encoding.
pub(crate) fn sorted_items(out: &mut String, sep: char, unique: bool, fill: impl FnOnce(&mut SortedItems)) {
    thread_local! {
        // Const-initialised (no lazy-init check per use); the buffers grow on first use.
        static SCRATCH: std::cell::RefCell<SortedItems> = const { std::cell::RefCell::new(SortedItems { buf: String::new(), items: Vec::new() }) };
    }
    SCRATCH.with(|cell| match cell.try_borrow_mut() {
        Ok(mut scratch) => {
            scratch.buf.clear();
            scratch.items.clear();
            fill(&mut scratch);
            scratch.append_sorted(out, sep, unique);
        }
        // Re-entered (cannot happen today): fall back to fresh buffers.
        Err(_) => {
            let mut fresh = SortedItems { buf: String::new(), items: Vec::new() };
            fill(&mut fresh);
            fresh.append_sorted(out, sep, unique);
        }
    });
}

pub(crate) struct SortedItems {
    buf: String,
    items: Vec<(usize, usize)>,
}

impl SortedItems {
    /// Writes one item with `write`.
    pub(crate) fn push(&mut self, write: impl FnOnce(&mut String)) {
        let start = self.buf.len();
        write(&mut self.buf);
        self.items.push((start, self.buf.len()));
    }

    /// Writes `name` ASCII-lower-cased: both schemes' signed-header lists.
    pub(crate) fn push_lowercase(&mut self, name: &str) {
        self.push(|s| {
            let start = s.len();
            s.push_str(name);
            s[start..].make_ascii_lowercase();
        });
    }

    fn append_sorted(&mut self, out: &mut String, sep: char, unique: bool) {
        let buf = self.buf.as_bytes();
        self.items.sort_unstable_by(|a, b| buf[a.0..a.1].cmp(&buf[b.0..b.1]));
        let mut last: Option<&str> = None;
        for (start, end) in &self.items {
            let item = &self.buf[*start..*end];
            if unique && last == Some(item) {
                continue;
            }
            if last.is_some() {
                out.push(sep);
            }
            out.push_str(item);
            last = Some(item);
        }
    }
}

pub fn uri_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    escape_into(&mut out, s);
    out
}

pub fn uri_encode_except_slash(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    escape_path_into(&mut out, s);
    out
}

/// Decodes `%XY` escapes (and nothing else: `+` stays `+`, as RFC 3986 says). Invalid
/// UTF-8 after decoding is an error, because no signer could have produced it.
pub fn percent_decode(s: &str) -> Result<String, std::str::Utf8Error> {
    percent_decode_str(s).decode_utf8().map(|c| c.into_owned())
}

/// Splits a raw query string (`a=1&flag&b=%20`) into decoded pairs. A name without
/// `=` is a flag with an empty value, as both SDKs sign it (`flag=`).
pub fn parse_query(raw: &str) -> Result<Vec<(String, String)>, std::str::Utf8Error> {
    raw.split('&')
        .filter(|p| !p.is_empty())
        .map(|pair| {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            Ok((percent_decode(k)?, percent_decode(v)?))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use percent_encoding::utf8_percent_encode;

    // The byte tables must agree with the `percent-encoding` sets they stand for, for
    // every byte and for multi-byte characters.
    #[test]
    fn tables_agree_with_the_percent_encoding_sets() {
        let mut all: String = (0u8..128).map(char::from).collect();
        all.push_str("é测试😀\u{80}\u{7ff}");
        let long = format!("{}/{}", "Ab-_.~9".repeat(5), "x".repeat(16));
        // Every ASCII byte at every offset of a word, next to plain and escaped bytes.
        let mut mixed = Vec::new();
        for b in 0u8..128 {
            for offset in 0..9 {
                mixed.push(format!("{}{}{}", "aZ0-._~/".get(..offset).unwrap_or(""), char::from(b), "Q/%é".repeat(offset % 3)));
            }
        }
        for s in &mixed {
            let mut a = String::from("x");
            escape_into(&mut a, s);
            assert_eq!(&a[1..], utf8_percent_encode(s, UNRESERVED).to_string(), "{s:?}");
            let mut c = String::new();
            escape_lower_into(&mut c, s);
            assert_eq!(c, utf8_percent_encode(&s.to_ascii_lowercase(), UNRESERVED).to_string(), "{s:?}");
            let mut b = String::new();
            escape_path_into(&mut b, s);
            assert_eq!(b, utf8_percent_encode(s, UNRESERVED_AND_SLASH).to_string(), "{s:?}");
        }
        for s in [all.as_str(), "", "plain", "/a b/c", "%2F", "Content-Type", "APPLICATION/JSON;charset=utf-8", &long] {
            let (mut a, mut b, mut c) = (String::new(), String::new(), String::new());
            escape_into(&mut a, s);
            escape_path_into(&mut b, s);
            escape_lower_into(&mut c, s);
            assert_eq!(a, utf8_percent_encode(s, UNRESERVED).to_string(), "{s:?}");
            assert_eq!(b, utf8_percent_encode(s, UNRESERVED_AND_SLASH).to_string(), "{s:?}");
            assert_eq!(c, utf8_percent_encode(&s.to_ascii_lowercase(), UNRESERVED).to_string(), "{s:?}");
        }
    }
}
