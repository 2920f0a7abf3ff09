//! Huawei Cloud `SDK-HMAC-SHA256`, as `huaweicloudsdkcore`'s `Signer` computes it.
//!
//! ```text
//! canonical      = METHOD \n URI/ \n QUERY \n HEADERS\n \n SIGNED \n hex(sha256(body))
//! string to sign = SDK-HMAC-SHA256 \n X-Sdk-Date \n hex(sha256(canonical))
//! signature      = hex(HMAC(sk, string to sign))
//! ```

use super::crypto::{hmac_sha256_hex_digest, sha256_hex_digest};
use super::encoding::{escape_into, sorted_items};
use super::timestamp::{format_sdk_date, parse_sdk_date};
use super::{constant_time_eq, hmac_sha256_hex, sha256_hex, trim, SecretLookup, SignableRequest, VerifyError, ALLOWED_FUTURE_SKEW_SECS};

pub const ALGORITHM: &str = "SDK-HMAC-SHA256";
pub const DATE_HEADER: &str = "X-Sdk-Date";
pub const SECURITY_TOKEN_HEADER: &str = "X-Security-Token";
pub const PROJECT_ID_HEADER: &str = "X-Project-Id";
pub const CONTENT_SHA256_HEADER: &str = "X-Sdk-Content-Sha256";
/// The gateway refuses an `X-Sdk-Date` further than this from its clock, either way.
pub const MAX_CLOCK_SKEW_SECS: i64 = 15 * 60;

#[derive(Debug, Clone, Copy)]
pub struct SigningParams<'a> {
    pub access_key: &'a str,
    pub secret_key: &'a str,
    /// Seconds since the Unix epoch; the caller's clock.
    pub timestamp: i64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signature {
    pub canonical_request: String,
    pub string_to_sign: String,
    /// `Authorization`, and `X-Sdk-Date` when the request did not carry one.
    pub headers_to_add: Vec<(String, String)>,
}

impl Signature {
    /// The `Authorization` value, kept only in [`Self::headers_to_add`].
    pub fn authorization(&self) -> &str {
        super::authorization_of(&self.headers_to_add)
    }
}

pub use super::SignError;

/// Each segment encoded, and a `/` appended when the path does not end with one.
pub fn canonical_uri(path: &str) -> String {
    let mut out = String::with_capacity(path.len() * 3 + 2);
    push_canonical_uri(&mut out, path);
    out
}

fn push_canonical_uri(out: &mut String, path: &str) {
    let start = out.len();
    for (i, segment) in path.split('/').enumerate() {
        if i > 0 {
            out.push('/');
        }
        escape_into(out, segment);
    }
    if !out[start..].ends_with('/') {
        out.push('/');
    }
}

/// Sorted by name, then by value for a repeated name; both sides encoded; `k=` for an
/// empty value.
pub fn canonical_query(query: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(64);
    push_canonical_query(&mut out, query);
    out
}

fn push_canonical_query(out: &mut String, query: &[(&str, &str)]) {
    if query.is_empty() {
        return;
    }
    // One buffer of encoded `k=v` items; (start, '=' position, end) for each, sorted by
    // the encoded (name, value) pair as the SDK sorts them.
    let mut buf = String::with_capacity(96);
    let mut items: Vec<(usize, usize, usize)> = Vec::with_capacity(query.len());
    for (k, v) in query {
        let start = buf.len();
        escape_into(&mut buf, k);
        let eq = buf.len();
        buf.push('=');
        escape_into(&mut buf, v);
        items.push((start, eq, buf.len()));
    }
    items.sort_unstable_by(|a, b| (&buf[a.0..a.1], &buf[a.1 + 1..a.2]).cmp(&(&buf[b.0..b.1], &buf[b.1 + 1..b.2])));
    for (i, (start, _, end)) in items.iter().enumerate() {
        if i > 0 {
            out.push('&');
        }
        out.push_str(&buf[*start..*end]);
    }
}

/// The headers the SDK signs: every header it sends except `Authorization` and names
/// with `_`, plus `Host`. Lower-case, sorted, de-duplicated.
pub fn default_signed_headers(req: &SignableRequest<'_>) -> Vec<String> {
    let mut field = String::new();
    push_default_signed_headers(&mut field, req);
    field.split(';').map(str::to_owned).collect()
}

/// The default set as the `SignedHeaders` field (`a;b;c`).
fn push_default_signed_headers(out: &mut String, req: &SignableRequest<'_>) {
    sorted_items(out, ';', true, |names| {
        for (name, _) in req.headers.iter().copied().chain([("host", "")]) {
            let name = trim(name);
            if !name.contains('_') && !name.eq_ignore_ascii_case("authorization") {
                names.push_lowercase(name);
            }
        }
    });
}

/// `name:value\n` for each signed header, values trimmed, not encoded. `Host` falls back
/// to the request's host when no such header was sent.
pub fn canonical_headers(req: &SignableRequest<'_>, signed: &[&str]) -> String {
    let mut out = String::with_capacity(signed.len() * 40);
    push_canonical_headers(&mut out, req, &signed.join(";"));
    out
}

/// `field` is the `SignedHeaders` value (`a;b;c`).
fn push_canonical_headers(out: &mut String, req: &SignableRequest<'_>, field: &str) {
    if field.is_empty() {
        return;
    }
    for name in field.split(';') {
        let value = if name.eq_ignore_ascii_case("host") { Some(req.effective_host()) } else { req.header(name) };
        out.push_str(name);
        out.push(':');
        out.push_str(trim(value.unwrap_or("")));
        out.push('\n');
    }
}

/// The value the Go SDK sends in `X-Sdk-Content-Sha256` for a body it does not hash:
/// only for a `Content-Type` that is neither JSON nor BSON (`core/auth/signer`).
pub const UNSIGNED_PAYLOAD: &str = "UNSIGNED-PAYLOAD";

/// A client-sent `X-Sdk-Content-Sha256` must be the body's real hash, or the signature
/// would cover a body it never saw. `UNSIGNED-PAYLOAD` is accepted only where the SDK
/// uses it: a non-JSON content type (every VPC API body is JSON).
fn check_payload(req: &SignableRequest<'_>) -> Result<(), VerifyError> {
    let Some(claimed) = req.header(CONTENT_SHA256_HEADER).map(trim) else { return Ok(()) };
    let content_type = req.header("content-type").unwrap_or("").to_ascii_lowercase();
    let json = content_type.contains("json") || content_type.contains("bson");
    if claimed == UNSIGNED_PAYLOAD && !json {
        return Ok(());
    }
    if constant_time_eq(claimed, sha256_hex_digest(req.body).as_str()) {
        Ok(())
    } else {
        Err(VerifyError::PayloadMismatch)
    }
}

/// The body's SHA-256, or the `X-Sdk-Content-Sha256` header when the client sent one.
pub fn payload_hash(req: &SignableRequest<'_>) -> String {
    match req.header(CONTENT_SHA256_HEADER) {
        Some(v) => trim(v).to_owned(),
        None => sha256_hex(req.body),
    }
}

pub fn canonical_request(req: &SignableRequest<'_>, signed: &[&str]) -> String {
    let mut out = String::with_capacity(req.canonical_capacity());
    push_canonical_request(&mut out, req, &signed.join(";"));
    out
}

fn push_canonical_request(out: &mut String, req: &SignableRequest<'_>, field: &str) {
    let start = out.len();
    out.push_str(req.method);
    out[start..].make_ascii_uppercase();
    out.push('\n');
    push_canonical_uri(out, req.path);
    out.push('\n');
    push_canonical_query(out, req.query);
    out.push('\n');
    push_canonical_headers(out, req, field);
    out.push('\n');
    out.push_str(field);
    out.push('\n');
    match req.header(CONTENT_SHA256_HEADER) {
        Some(v) => out.push_str(trim(v)),
        None => out.push_str(sha256_hex_digest(req.body).as_str()),
    }
}

pub fn string_to_sign(sdk_date: &str, canonical_request: &str) -> String {
    let hash = sha256_hex_digest(canonical_request.as_bytes());
    let mut out = String::with_capacity(ALGORITHM.len() + sdk_date.len() + 66);
    for part in [ALGORITHM, "\n", sdk_date, "\n", hash.as_str()] {
        out.push_str(part);
    }
    out
}

pub fn signature(secret_key: &str, string_to_sign: &str) -> String {
    hmac_sha256_hex(secret_key.as_bytes(), string_to_sign.as_bytes())
}

pub fn authorization(access_key: &str, signed: &[&str], signature: &str) -> String {
    authorization_from_field(access_key, &signed.join(";"), signature)
}

// Pushed part by part: `format!` costs as much as a hash block on this path.
fn authorization_from_field(access_key: &str, field: &str, signature: &str) -> String {
    let mut out = String::with_capacity(ALGORITHM.len() + access_key.len() + field.len() + signature.len() + 40);
    for part in [ALGORITHM, " Access=", access_key, ", SignedHeaders=", field, ", Signature=", signature] {
        out.push_str(part);
    }
    out
}

/// Signs a request with the SDK's default header set, as the steps above compose:
/// signed headers, canonical request, string to sign, signature, authorization. If the
/// request has no `X-Sdk-Date`, one is added (and signed) with the signing timestamp.
pub fn sign(req: &SignableRequest<'_>, params: &SigningParams<'_>) -> Result<Signature, SignError> {
    let sent_date = req.header(DATE_HEADER).map(trim);
    let date = match sent_date {
        Some(d) => d.to_owned(),
        None => format_sdk_date(params.timestamp).ok_or(SignError::TimestampOutOfRange)?,
    };
    let mut with_date: Vec<(&str, &str)> = Vec::new();
    let req = if sent_date.is_none() {
        with_date.reserve_exact(req.headers.len() + 1);
        with_date.extend_from_slice(req.headers);
        with_date.push((DATE_HEADER, date.as_str()));
        SignableRequest { headers: &with_date, ..*req }
    } else {
        *req
    };
    let signed = default_signed_headers(&req);
    let signed: Vec<&str> = signed.iter().map(String::as_str).collect();
    let canonical = canonical_request(&req, &signed);
    let sts = string_to_sign(&date, &canonical);
    let sig = signature(params.secret_key, &sts);
    let mut headers_to_add = Vec::with_capacity(2);
    headers_to_add.push(("Authorization".to_owned(), authorization(params.access_key, &signed, &sig)));
    if sent_date.is_none() {
        headers_to_add.push((DATE_HEADER.to_owned(), date));
    }
    Ok(Signature { canonical_request: canonical, string_to_sign: sts, headers_to_add })
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedAuthorization<'a> {
    pub access_key: &'a str,
    pub signed_headers: Vec<&'a str>,
    pub signature: &'a str,
}

/// `SDK-HMAC-SHA256 Access=AK, SignedHeaders=a;b, Signature=hex`.
pub fn parse_authorization(value: &str) -> Result<ParsedAuthorization<'_>, VerifyError> {
    use VerifyError::MalformedAuthorization as M;
    let rest = trim(value).strip_prefix(ALGORITHM).ok_or(M("it does not begin with SDK-HMAC-SHA256"))?;
    let rest = rest.strip_prefix(' ').ok_or(M("no space after the algorithm"))?;
    let (mut access, mut signed, mut signature) = (None, None, None);
    for part in rest.split(',') {
        let (k, v) = trim(part).split_once('=').ok_or(M("a part is not name=value"))?;
        let slot = match k {
            "Access" => &mut access,
            "SignedHeaders" => &mut signed,
            "Signature" => &mut signature,
            _ => return Err(M("an unknown part")),
        };
        if slot.replace(v).is_some() {
            return Err(M("a part is repeated"));
        }
    }
    let access_key = access.filter(|s| !s.is_empty()).ok_or(M("no Access"))?;
    let signed = signed.filter(|s| !s.is_empty()).ok_or(M("no SignedHeaders"))?;
    let signature = signature.ok_or(M("no Signature"))?;
    if signature.len() != 64 || !signature.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(M("the signature is not 64 hex digits"));
    }
    let signed_headers: Vec<&str> = signed.split(';').collect();
    if signed_headers.iter().any(|h| h.is_empty() || h.bytes().any(|b| b.is_ascii_uppercase())) {
        return Err(M("SignedHeaders must be lower-case names"));
    }
    Ok(ParsedAuthorization { access_key, signed_headers, signature })
}

/// Verifies the request at time `now`; returns the access key that signed it.
/// `X-Sdk-Date` must be signed and within [`MAX_CLOCK_SKEW_SECS`] of `now`.
pub fn verify(req: &SignableRequest<'_>, now: i64, secrets: &dyn SecretLookup) -> Result<String, VerifyError> {
    let header = req.header("authorization").ok_or(VerifyError::MissingAuthorization)?;
    let auth = parse_authorization(header)?;
    if !auth.signed_headers.contains(&"x-sdk-date") {
        return Err(VerifyError::MalformedAuthorization("X-Sdk-Date is not signed"));
    }
    let date = req.header(DATE_HEADER).map(trim).ok_or(VerifyError::MalformedAuthorization("no X-Sdk-Date header"))?;
    let ts = parse_sdk_date(date).ok_or(VerifyError::MalformedAuthorization("X-Sdk-Date is not YYYYMMDDTHHMMSSZ"))?;
    let secret = secrets.secret_key(auth.access_key).ok_or(VerifyError::UnknownAccessKey)?;
    if now < ts - MAX_CLOCK_SKEW_SECS.max(ALLOWED_FUTURE_SKEW_SECS) {
        return Err(VerifyError::NotYetValid);
    }
    if now > ts + MAX_CLOCK_SKEW_SECS {
        return Err(VerifyError::Expired);
    }
    check_payload(req)?;
    let canonical = canonical_request(req, &auth.signed_headers);
    let expected = hmac_sha256_hex_digest(secret.as_bytes(), string_to_sign(date, &canonical).as_bytes());
    if constant_time_eq(expected.as_str(), auth.signature) {
        Ok(auth.access_key.to_owned())
    } else {
        Err(VerifyError::SignatureMismatch { canonical_request: canonical })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // The official documentation's example ("AK/SK signing algorithm").
    #[test]
    fn reproduces_the_documented_example() {
        let headers = [("Host", "service.region.example.com"), ("Content-Type", "application/json"), ("X-Sdk-Date", "20191115T033655Z")];
        let query = [("limit", "2"), ("marker", "13551d6b-755d-4757-b956-536f674975c0")];
        let req = SignableRequest {
            method: "GET",
            host: "service.region.example.com",
            path: "/v1/77b6a44cba5143ab91d13ab9a8ff44fd/vpcs",
            query: &query,
            headers: &headers,
            body: b"",
        };
        let sig = sign(
            &req,
            &SigningParams { access_key: "QTWAOYTTINDUT2QVKYUC", secret_key: "MFyfvK41ba2giqM7Uio6PznpdUKGpownRZlmVmHc", timestamp: 0 },
        )
        .unwrap();
        assert_eq!(sha256_hex(sig.canonical_request.as_bytes()), "b25362e603ee30f4f25e7858e8a7160fd36e803bb2dfe206278659d71a9bcd7a");
        assert!(sig.authorization().ends_with("Signature=7be6668032f70418fcc22abc52071e57aff61b84a1d2381bb430d6870f4f6ebe"));
        assert_eq!(sig.headers_to_add.len(), 1, "the date was given, so only Authorization is added");
    }

    #[test]
    fn canonical_parts() {
        assert_eq!(canonical_uri("/v3/p/vpc/security-groups"), "/v3/p/vpc/security-groups/");
        assert_eq!(canonical_uri("/"), "/");
        assert_eq!(canonical_uri("/a b/文"), "/a%20b/%E6%96%87/");
        let q = [
            ("limit", "1"),
            ("enable", "true"),
            ("test", "一 (&=?!#%.*)"),
            ("path", "/tmp/123"),
            ("multi", "3"),
            ("multi", "1"),
            ("multi", "2"),
        ];
        assert_eq!(
            canonical_query(&q),
            "enable=true&limit=1&multi=1&multi=2&multi=3&path=%2Ftmp%2F123&test=%E4%B8%80%20%28%26%3D%3F%21%23%25.%2A%29"
        );
    }

    #[test]
    fn parse_rejects_malformed_strings() {
        let sig = "a".repeat(64);
        for bad in [
            String::new(),
            format!("SDK-HMAC-SHA1 Access=a, SignedHeaders=x-sdk-date, Signature={sig}"),
            format!("SDK-HMAC-SHA256 Access=a, SignedHeaders=X-Sdk-Date, Signature={sig}"),
            format!("SDK-HMAC-SHA256 Access=, SignedHeaders=x-sdk-date, Signature={sig}"),
            "SDK-HMAC-SHA256 Access=a, SignedHeaders=x-sdk-date, Signature=abc".to_owned(),
            format!("SDK-HMAC-SHA256 Access=a, Access=b, SignedHeaders=x-sdk-date, Signature={sig}"),
        ] {
            assert!(matches!(parse_authorization(&bad), Err(VerifyError::MalformedAuthorization(_))), "{bad}");
        }
    }
}
