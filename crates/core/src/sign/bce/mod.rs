//! Baidu AI Cloud `bce-auth-v1`, as `bce-python-sdk`'s `bce_v1_signer.sign` computes it.
//!
//! ```text
//! prefix      = bce-auth-v1/{ak}/{timestamp}/{expiration}
//! signing key = hex(HMAC(sk, prefix))                      -- the hex string is the next key
//! canonical   = METHOD \n URI \n QUERY \n HEADERS          -- no payload hash
//! signature   = hex(HMAC(signing key, canonical))
//! auth        = prefix/{signed headers or ""}/signature
//! ```

mod canonical;

use canonical::HeaderList;
pub use canonical::{canonical_headers, canonical_query, canonical_request, canonical_uri};

use super::crypto::hmac_sha256_hex_digest;
use super::encoding::sorted_items;
use super::timestamp::{format_bce, parse_bce};
use super::{constant_time_eq, hmac_sha256_hex, trim, SecretLookup, SignableRequest, VerifyError, ALLOWED_FUTURE_SKEW_SECS};

pub const AUTH_VERSION: &str = "bce-auth-v1";
pub const DATE_HEADER: &str = "x-bce-date";
pub const SECURITY_TOKEN_HEADER: &str = "x-bce-security-token";
pub const DEFAULT_EXPIRATION_SECS: u32 = 1800;
/// CHOICE: the longest `expirationPeriodInSeconds` a verifier accepts. The reference
/// documents only the SDKs' default (1800 s) and a 30-minute skew check on other
/// products; the official vectors go up to 3600 s, so twice the default.
pub const MAX_EXPIRATION_SECS: u32 = 3600;
/// Signed when no explicit list is given, besides every `x-bce-*` header.
pub const DEFAULT_SIGNED_HEADERS: [&str; 4] = ["host", "content-length", "content-type", "content-md5"];

/// Who signs, when, and which headers.
#[derive(Debug, Clone, Copy)]
pub struct SigningParams<'a> {
    pub access_key_id: &'a str,
    pub secret_access_key: &'a str,
    /// Seconds since the Unix epoch; the caller's clock.
    pub timestamp: i64,
    pub expiration_secs: u32,
    /// `None`: the default set, written as an empty list in the authorization string.
    pub signed_headers: Option<&'a [&'a str]>,
}

/// What signing produced: the headers to add to the request and the intermediate
/// canonical request (useful to compare with a server's).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signature {
    pub canonical_request: String,
    /// `Authorization`, and `x-bce-date` when the request did not carry one.
    pub headers_to_add: Vec<(String, String)>,
}

impl Signature {
    /// The `Authorization` value. Kept only in [`Self::headers_to_add`]: a second copy
    /// cost an allocation per signature.
    pub fn authorization(&self) -> &str {
        super::authorization_of(&self.headers_to_add)
    }
}

pub use super::SignError;

pub fn auth_string_prefix(access_key_id: &str, timestamp: &str, expiration_secs: u32) -> String {
    let mut out = String::with_capacity(64);
    push_auth_string_prefix(&mut out, access_key_id, timestamp, expiration_secs);
    out
}

// `format!` costs as much as an HMAC block here, so the parts are pushed one by one.
fn push_auth_string_prefix(out: &mut String, access_key_id: &str, timestamp: &str, expiration_secs: u32) {
    for part in [AUTH_VERSION, "/", access_key_id, "/", timestamp, "/"] {
        out.push_str(part);
    }
    push_decimal(out, expiration_secs);
}

fn push_decimal(out: &mut String, n: u32) {
    let mut digits = [0u8; 10];
    let mut n = n;
    let mut i = digits.len();
    loop {
        i -= 1;
        digits[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.extend(digits[i..].iter().map(|&d| char::from(d)));
}

/// The hex string of HMAC(sk, prefix); Baidu uses the hex text, not the raw bytes, as
/// the next key.
pub fn signing_key(secret_access_key: &str, prefix: &str) -> String {
    hmac_sha256_hex(secret_access_key.as_bytes(), prefix.as_bytes())
}

pub fn signature(signing_key: &str, canonical_request: &str) -> String {
    hmac_sha256_hex(signing_key.as_bytes(), canonical_request.as_bytes())
}

/// The signed-headers field of the authorization string: the explicit list, lower-case
/// and sorted, or empty for the default set.
pub fn signed_headers_field(signed: Option<&[&str]>) -> String {
    let mut out = String::new();
    push_signed_headers_field(&mut out, HeaderList::of(signed));
    out
}

fn push_signed_headers_field(out: &mut String, list: HeaderList<'_>) {
    match list {
        HeaderList::Default => {}
        // Already lower-case, trimmed, sorted and without repeats.
        HeaderList::Ordered(names) => {
            for (i, name) in names.iter().enumerate() {
                if i > 0 {
                    out.push(';');
                }
                out.push_str(name);
            }
        }
        HeaderList::Unordered(names) => sorted_items(out, ';', true, |items| {
            for name in names {
                items.push_lowercase(trim(name));
            }
        }),
    }
}

/// The whole authorization string: `prefix/{signed headers}/signature`.
pub fn authorization(prefix: &str, signed: Option<&[&str]>, signature: &str) -> String {
    let mut out = String::with_capacity(prefix.len() + signature.len() + 64);
    out.push_str(prefix);
    out.push('/');
    push_signed_headers_field(&mut out, HeaderList::of(signed));
    out.push('/');
    out.push_str(signature);
    out
}

/// Signs a request, as the steps above compose: canonical request, signing key,
/// signature, authorization string. If the request has no `x-bce-date` header, one is
/// added (and signed) with the signing timestamp, as the SDKs do.
pub fn sign(req: &SignableRequest<'_>, params: &SigningParams<'_>) -> Result<Signature, SignError> {
    let timestamp = format_bce(params.timestamp).ok_or(SignError::TimestampOutOfRange)?;
    let add_date = req.header(DATE_HEADER).is_none();
    let mut with_date: Vec<(&str, &str)> = Vec::new();
    let req = if add_date {
        with_date.reserve_exact(req.headers.len() + 1);
        with_date.extend_from_slice(req.headers);
        with_date.push((DATE_HEADER, timestamp.as_str()));
        SignableRequest { headers: &with_date, ..*req }
    } else {
        *req
    };
    let canonical = canonical_request(&req, params.signed_headers);
    let prefix = auth_string_prefix(params.access_key_id, &timestamp, params.expiration_secs);
    let key = signing_key(params.secret_access_key, &prefix);
    let sig = signature(&key, &canonical);
    let mut headers_to_add = Vec::with_capacity(2);
    headers_to_add.push(("Authorization".to_owned(), authorization(&prefix, params.signed_headers, &sig)));
    if add_date {
        headers_to_add.push((DATE_HEADER.to_owned(), timestamp));
    }
    Ok(Signature { canonical_request: canonical, headers_to_add })
}

/// The parts of a `bce-auth-v1` authorization string.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedAuthorization<'a> {
    pub access_key_id: &'a str,
    pub timestamp: &'a str,
    pub expiration_secs: u32,
    /// Empty for the default set.
    pub signed_headers: Vec<&'a str>,
    pub signature: &'a str,
}

pub fn parse_authorization(value: &str) -> Result<ParsedAuthorization<'_>, VerifyError> {
    use VerifyError::MalformedAuthorization as M;
    let mut parts = trim(value).split('/');
    if parts.next() != Some(AUTH_VERSION) {
        return Err(M("it does not begin with bce-auth-v1/"));
    }
    let access_key_id = parts.next().filter(|s| !s.is_empty()).ok_or(M("no access key id"))?;
    let timestamp = parts.next().ok_or(M("no timestamp"))?;
    let expiration_secs = parts.next().and_then(|s| s.parse().ok()).ok_or(M("the expiration is not a number"))?;
    let signed = parts.next().ok_or(M("no signed-headers field"))?;
    let signature = parts.next().ok_or(M("no signature"))?;
    if parts.next().is_some() {
        return Err(M("too many fields"));
    }
    if signature.len() != 64 || !signature.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(M("the signature is not 64 hex digits"));
    }
    let signed_headers = if signed.is_empty() { Vec::new() } else { signed.split(';').collect() };
    Ok(ParsedAuthorization { access_key_id, timestamp, expiration_secs, signed_headers, signature })
}

/// Verifies a request's `Authorization` header at time `now`. Returns the access key id
/// that signed it.
///
/// Valid from `timestamp - ALLOWED_FUTURE_SKEW_SECS` to `timestamp + expiration`.
pub fn verify(req: &SignableRequest<'_>, now: i64, secrets: &dyn SecretLookup) -> Result<String, VerifyError> {
    let header = req.header("authorization").ok_or(VerifyError::MissingAuthorization)?;
    let auth = parse_authorization(header)?;
    let ts = parse_bce(auth.timestamp).ok_or(VerifyError::MalformedAuthorization("the timestamp is not yyyy-mm-ddThh:mm:ssZ"))?;
    let secret = secrets.secret_key(auth.access_key_id).ok_or(VerifyError::UnknownAccessKey)?;
    if now < ts - ALLOWED_FUTURE_SKEW_SECS {
        return Err(VerifyError::NotYetValid);
    }
    if now > ts + i64::from(auth.expiration_secs) {
        return Err(VerifyError::Expired);
    }
    if auth.expiration_secs > MAX_EXPIRATION_SECS {
        return Err(VerifyError::MalformedAuthorization("expirationPeriodInSeconds is longer than 3600"));
    }
    // An explicit list must sign `host`: it is what binds the signature to the region
    // (the default set always includes it).
    if !auth.signed_headers.is_empty() && !auth.signed_headers.iter().any(|h| trim(h).eq_ignore_ascii_case("host")) {
        return Err(VerifyError::MalformedAuthorization("host is not among the signed headers"));
    }
    // `Content-MD5` is how a request binds its body (bce-auth-v1 has no payload hash).
    if let Some(md5) = req.header("content-md5") {
        if !constant_time_eq(trim(md5), &super::content_md5(req.body)) {
            return Err(VerifyError::PayloadMismatch);
        }
    }
    let signed = (!auth.signed_headers.is_empty()).then_some(auth.signed_headers.as_slice());
    let canonical = canonical_request(req, signed);
    let mut prefix = String::with_capacity(64);
    push_auth_string_prefix(&mut prefix, auth.access_key_id, auth.timestamp, auth.expiration_secs);
    let key = hmac_sha256_hex_digest(secret.as_bytes(), prefix.as_bytes());
    let expected = hmac_sha256_hex_digest(key.as_str().as_bytes(), canonical.as_bytes());
    if constant_time_eq(expected.as_str(), auth.signature) {
        Ok(auth.access_key_id.to_owned())
    } else {
        Err(VerifyError::SignatureMismatch { canonical_request: canonical })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc_request<'a>(headers: &'a [(&'a str, &'a str)], query: &'a [(&'a str, &'a str)]) -> SignableRequest<'a> {
        SignableRequest { method: "PUT", host: "bj.bcebos.com", path: "/v1/test/myfolder/readme.txt", query, headers, body: b"" }
    }

    // The official documentation's example ("Generate Authentication String").
    #[test]
    fn reproduces_the_documented_example() {
        let headers = [
            ("Host", "bj.bcebos.com"),
            ("Date", "Mon, 27 Apr 2015 16:23:49 +0800"),
            ("Content-Type", "text/plain"),
            ("Content-Length", "8"),
            ("Content-Md5", "NFzcPqhviddjRNnSOGo4rw=="),
            ("x-bce-date", "2015-04-27T08:23:49Z"),
        ];
        let query = [("partNumber", "9"), ("uploadId", "a44cc9bab11cbd156984767aad637851")];
        let req = doc_request(&headers, &query);
        let prefix = auth_string_prefix(&"a".repeat(32), "2015-04-27T08:23:49Z", 1800);
        let key = signing_key(&"b".repeat(32), &prefix);
        assert_eq!(key, "1d5ce5f464064cbee060330d973218821825ac6952368a482a592e6615aef479");
        let canonical = canonical_request(&req, None);
        assert_eq!(signature(&key, &canonical), "d74a04362e6a848f5b39b15421cb449427f419c95a480fd6b8cf9fc783e2999e");
        let only = ["host", "x-bce-date"];
        assert_eq!(
            signature(&key, &canonical_request(&req, Some(&only))),
            "1b8de5a23a56eef657c69f94c621e7acd227d049a4ba577f537d5e5cebf0cf32"
        );
    }

    #[test]
    fn canonical_parts_follow_the_documented_partial_vectors() {
        assert_eq!(canonical_uri("/example/测试"), "/example/%E6%B5%8B%E8%AF%95");
        assert_eq!(canonical_uri(""), "/");
        assert_eq!(canonical_query(&[("text", ""), ("text1", "测试"), ("text10", "test")]), "text10=test&text1=%E6%B5%8B%E8%AF%95&text=");
        assert_eq!(canonical_query(&[("authorization", "x"), ("a", "b")]), "a=b");
        let headers = [("Host", "localhost"), ("x-bce-a", "a/b:c"), ("C", ""), ("Content-MD5", "MD5")];
        let req = SignableRequest { method: "GET", host: "h", path: "/", query: &[], headers: &headers, body: b"" };
        assert_eq!(canonical_headers(&req, None), "content-md5:MD5\nhost:localhost\nx-bce-a:a%2Fb%3Ac");
    }

    #[test]
    fn sign_adds_a_date_header_when_missing_and_signs_it() {
        let req =
            SignableRequest { method: "GET", host: "bcc.bj.baidubce.com", path: "/v2/securityGroup", query: &[], headers: &[], body: b"" };
        let params = SigningParams {
            access_key_id: "ak",
            secret_access_key: "sk",
            timestamp: 1430123029,
            expiration_secs: 1800,
            signed_headers: None,
        };
        let sig = sign(&req, &params).unwrap();
        assert!(sig.canonical_request.ends_with("host:bcc.bj.baidubce.com\nx-bce-date:2015-04-27T08%3A23%3A49Z"));
        assert_eq!(sig.headers_to_add[1], ("x-bce-date".to_owned(), "2015-04-27T08:23:49Z".to_owned()));
        assert_eq!(sig.headers_to_add[0].1, sig.authorization());
    }

    #[test]
    fn parse_rejects_malformed_strings() {
        for bad in
            ["", "bce-auth-v2/a/t/1/h/s", "bce-auth-v1//t/1//x", "bce-auth-v1/a/t/x//s", "bce-auth-v1/a/t/1//short", "bce-auth-v1/a/t/1"]
        {
            assert!(matches!(parse_authorization(bad), Err(VerifyError::MalformedAuthorization(_))), "{bad}");
        }
    }
}
