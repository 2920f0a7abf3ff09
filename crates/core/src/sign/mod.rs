//! Request signing and verification for both clouds.
//!
//! The steps are split the way the `aws-sigv4` crate splits them (canonical URI, query,
//! headers, request, string to sign, signature) so each one can be tested on its own
//! against the official SDKs' vectors. Time is always an input: this module never reads
//! a clock, so the browser passes the JS clock and the server the system clock.

pub mod bce;
pub mod console;
pub mod encoding;
pub mod huawei;
pub mod timestamp;

mod crypto;

pub use crypto::{constant_time_eq, content_md5, hmac_sha256, hmac_sha256_hex, sha256_hex};

/// One HTTP request as a signer sees it. Everything is *decoded*: the path and the query
/// are given before percent-encoding, exactly as the official SDKs take them.
#[derive(Debug, Clone, Copy)]
pub struct SignableRequest<'a> {
    pub method: &'a str,
    /// The `Host` the request is addressed to (the real API host, never the proxy's).
    /// Used when `headers` has no `Host` of its own.
    pub host: &'a str,
    pub path: &'a str,
    /// Name/value pairs; a name may repeat. A flag such as `bindEsg` has the value `""`.
    pub query: &'a [(&'a str, &'a str)],
    /// Headers as sent, names in any case, values untrimmed.
    pub headers: &'a [(&'a str, &'a str)],
    pub body: &'a [u8],
}

impl<'a> SignableRequest<'a> {
    /// The value of the first header with this name (ASCII case-insensitive).
    pub fn header(&self, name: &str) -> Option<&'a str> {
        self.headers.iter().find(|(n, _)| trim(n).eq_ignore_ascii_case(name)).map(|(_, v)| *v)
    }

    /// An upper bound on the length of either scheme's canonical request (every byte
    /// escaped, plus room for an added date header, the signed-header list and a hash),
    /// so that it is built in one allocation: growing it cost as much as a hash block.
    pub(crate) fn canonical_capacity(&self) -> usize {
        let pairs = |p: &[(&str, &str)]| p.iter().map(|(a, b)| a.len() + b.len() + 2).sum::<usize>();
        self.method.len() + 3 * (self.path.len() + pairs(self.query) + pairs(self.headers) + self.host.len() + 64) + 128
    }

    /// The Host header if the caller sent one, else [`Self::host`].
    pub fn effective_host(&self) -> &'a str {
        self.header("host").unwrap_or(self.host)
    }
}

/// `str::trim`, with the common case (no space at either end) decided from two bytes:
/// the signers trim every header name and value, and the general trim costs more there
/// than the escaping.
pub(crate) fn trim(s: &str) -> &str {
    match (s.as_bytes().first(), s.as_bytes().last()) {
        (Some(first), Some(last)) if first.is_ascii_graphic() && last.is_ascii_graphic() => s,
        _ => s.trim(),
    }
}

/// The `Authorization` value among headers a signer returns.
fn authorization_of(headers: &[(String, String)]) -> &str {
    headers.iter().find(|(n, _)| n == "Authorization").map_or("", |(_, v)| v.as_str())
}

/// Why a request could not be signed (either scheme).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SignError {
    #[error("the timestamp is out of range")]
    TimestampOutOfRange,
}

/// Why a signed request was refused. The server maps each to the cloud's own code.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum VerifyError {
    #[error("the Authorization header is missing")]
    MissingAuthorization,
    #[error("the Authorization header is malformed: {0}")]
    MalformedAuthorization(&'static str),
    #[error("the access key id is not known")]
    UnknownAccessKey,
    #[error("the request has expired")]
    Expired,
    #[error("the request is not valid yet (its timestamp is in the future)")]
    NotYetValid,
    /// Carries the server's canonical request (no secret in it) so a client can see
    /// what was signed on this side, as Huawei's gateway does.
    /// The body is not the one the signature covers (`Content-MD5`, or Huawei's
    /// `X-Sdk-Content-Sha256`, does not match it).
    #[error("the body does not match its signed digest")]
    PayloadMismatch,
    #[error("the signature does not match")]
    SignatureMismatch { canonical_request: String },
}

/// Looks up the secret key of an access key id. The emulator keeps its credentials
/// behind this; nothing else needs to know how they are stored.
pub trait SecretLookup {
    fn secret_key(&self, access_key_id: &str) -> Option<&str>;
}

/// A set of access-key → secret-key pairs.
#[derive(Debug, Clone, Default)]
pub struct StaticCredentials(pub Vec<(String, String)>);

impl SecretLookup for StaticCredentials {
    fn secret_key(&self, access_key_id: &str) -> Option<&str> {
        self.0.iter().find(|(ak, _)| ak == access_key_id).map(|(_, sk)| sk.as_str())
    }
}

/// A clock skew that both verifiers tolerate for timestamps in the future.
pub const ALLOWED_FUTURE_SKEW_SECS: i64 = 15 * 60;
