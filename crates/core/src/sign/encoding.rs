//! RFC 3986 percent-encoding as both clouds' signers use it: every byte but the
//! unreserved `A-Z a-z 0-9 - _ . ~` becomes `%XY` with upper-case hex, space as `%20`.

use percent_encoding::{percent_decode_str, utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

/// Everything but the unreserved characters.
pub const UNRESERVED: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'_').remove(b'.').remove(b'~');
/// The same, keeping `/` (Baidu's `UriEncodeExceptSlash`, for paths).
pub const UNRESERVED_AND_SLASH: &AsciiSet = &UNRESERVED.remove(b'/');

/// Appends the encoding of `s` to `out`. The crate's chunk iterator is pushed directly,
/// not through `Display`, which costs more than the encoding on signing's hot path.
pub fn encode_into(out: &mut String, s: &str, set: &'static AsciiSet) {
    let keep_slash = std::ptr::eq(set, UNRESERVED_AND_SLASH);
    if !keep_slash && !std::ptr::eq(set, UNRESERVED) {
        for chunk in utf8_percent_encode(s, set) {
            out.push_str(chunk);
        }
        return;
    }
    // The two sets signing uses, byte by byte: runs that need no escape are copied whole,
    // every other byte (including each byte of a non-ASCII character) becomes `%XY`.
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let bytes = s.as_bytes();
    // SAFETY: only whole runs of the valid UTF-8 input and ASCII bytes are appended, so
    // the string stays valid UTF-8.
    let buf = unsafe { out.as_mut_vec() };
    buf.reserve(bytes.len());
    let mut run = 0;
    for (i, &b) in bytes.iter().enumerate() {
        if is_unreserved(b) || (keep_slash && b == b'/') {
            continue;
        }
        buf.extend_from_slice(&bytes[run..i]);
        buf.extend_from_slice(&[b'%', HEX[usize::from(b >> 4)], HEX[usize::from(b & 15)]]);
        run = i + 1;
    }
    buf.extend_from_slice(&bytes[run..]);
}

fn is_unreserved(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~')
}

/// Items written one after another into a single buffer, then appended to `out` in
/// byte order, joined by `sep`: the canonical query and header lists without an
/// allocation per item. The buffers are kept per thread and reused, because on the
/// signing path allocation costs more than the encoding.
pub(crate) fn sorted_items(out: &mut String, sep: char, fill: impl FnOnce(&mut SortedItems)) {
    thread_local! {
        static SCRATCH: std::cell::RefCell<SortedItems> = std::cell::RefCell::new(SortedItems { buf: String::with_capacity(512), items: Vec::with_capacity(32) });
    }
    SCRATCH.with(|cell| match cell.try_borrow_mut() {
        Ok(mut scratch) => {
            scratch.buf.clear();
            scratch.items.clear();
            fill(&mut scratch);
            scratch.append_sorted(out, sep);
        }
        // Re-entered (cannot happen today): fall back to fresh buffers.
        Err(_) => {
            let mut fresh = SortedItems { buf: String::new(), items: Vec::new() };
            fill(&mut fresh);
            fresh.append_sorted(out, sep);
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

    fn append_sorted(&mut self, out: &mut String, sep: char) {
        let buf = self.buf.as_bytes();
        self.items.sort_unstable_by(|a, b| buf[a.0..a.1].cmp(&buf[b.0..b.1]));
        for (i, (start, end)) in self.items.iter().enumerate() {
            if i > 0 {
                out.push(sep);
            }
            out.push_str(&self.buf[*start..*end]);
        }
    }
}

pub fn uri_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    encode_into(&mut out, s, UNRESERVED);
    out
}

pub fn uri_encode_except_slash(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    encode_into(&mut out, s, UNRESERVED_AND_SLASH);
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
