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
    for chunk in utf8_percent_encode(s, set) {
        out.push_str(chunk);
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
