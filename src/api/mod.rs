//! The typed API layer: every operation validates with `palisade-core`, signs with the
//! browser's clock, goes through the same-origin proxy (`{base}/bce/{region}/...`,
//! `{base}/huawei/{region}/...`) and comes back as a typed result or an [`ApiError`].

pub mod bce;
pub mod client;
pub mod credentials;
pub mod huawei;
pub mod idempotence;
pub mod team;
pub mod transport;

use palisade_core::codes::{self, ErrorCode, Operation};
use palisade_core::validate::Problem;

pub use client::{use_api, Api, Call};
pub use credentials::Credentials;
pub use palisade_core::Cloud;

/// What a refused signature most likely means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SigningHint {
    /// The secret key does not match the access key.
    SecretKey,
    /// The access key is not known to the cloud.
    AccessKey,
    /// This computer's clock is off (by so many seconds, ahead if positive, when known).
    Clock(Option<i64>),
}

/// Why an operation did not succeed. The UI shows each with its code and request id.
#[derive(Debug, Clone, PartialEq)]
pub enum ApiError {
    /// Refused before sending: what `palisade-core` found, in the cloud's order.
    Invalid(Vec<Problem>),
    /// No access key / secret key (or Huawei project id) to sign with.
    MissingCredentials(Cloud),
    /// The credential provider of a host page failed.
    CredentialProvider(String),
    /// The request could not be signed (the clock is out of the signable range).
    Signing(palisade_core::sign::SignError),
    /// The cloud (or the proxy in the cloud's format) answered with an error.
    /// `operation` is the seed operation the call was, when it is one.
    /// `server_time` is the answer's `Date`, to tell a wrong clock from a wrong key.
    Cloud { status: u16, code: String, message: String, request_id: String, operation: Option<Operation>, server_time: Option<i64> },
    /// The console that made the call was unmounted (or the page left) before it ended;
    /// nothing is shown for it.
    Cancelled,
    /// Something in this browser failed (a file could not be saved): no request was made.
    Local(String),
    /// The request never got an answer: the network or the proxy is down.
    Network(String),
    /// An answer that is not what the API documents (e.g. not JSON).
    Unexpected { status: u16, detail: String, request_id: String },
    /// The group holds other rules than the change was computed from: someone else
    /// changed it, and nothing (more) was sent.
    ChangedMeanwhile,
}

impl ApiError {
    /// The catalogue entry that explains this error, when the catalogue knows which
    /// situation it was (`codes::explain`); else the cloud's message is the explanation.
    pub fn documented(&self) -> Option<&'static ErrorCode> {
        match self {
            ApiError::Cloud { code, message, operation, .. } => codes::explain(code, message, *operation),
            ApiError::Invalid(p) => p.first().map(|p| p.code),
            _ => None,
        }
    }

    /// The cloud's (or this browser's) own words for the error: what to show when the
    /// catalogue has no explanation for it.
    pub fn words(&self) -> String {
        match self {
            ApiError::Cloud { message, .. } => message.clone(),
            ApiError::Unexpected { detail, .. } => detail.clone(),
            ApiError::Network(m) | ApiError::Local(m) | ApiError::CredentialProvider(m) => m.clone(),
            ApiError::Signing(e) => e.to_string(),
            ApiError::MissingCredentials(_) | ApiError::Invalid(_) | ApiError::Cancelled | ApiError::ChangedMeanwhile => String::new(),
        }
    }

    pub fn code(&self) -> Option<&str> {
        match self {
            ApiError::Cloud { code, .. } => Some(code),
            ApiError::Invalid(p) => p.first().map(|p| p.code.code),
            _ => None,
        }
    }

    pub fn request_id(&self) -> Option<&str> {
        match self {
            ApiError::Cloud { request_id, .. } | ApiError::Unexpected { request_id, .. } if !request_id.is_empty() => Some(request_id),
            _ => None,
        }
    }

    /// What is most likely wrong when the cloud refused the signature or its time, in
    /// words: the keys, or this computer's clock (off by how many seconds, measured
    /// against the answer's `Date`). `now` is this computer's clock.
    pub fn signing_hint(&self, now: i64) -> Option<SigningHint> {
        let ApiError::Cloud { code, server_time, .. } = self else { return None };
        let skew = server_time.map(|t| now - t).filter(|d| d.abs() > 5 * 60);
        let code = code.as_str();
        if code == codes::REQUEST_EXPIRED.code {
            Some(SigningHint::Clock(skew))
        } else if code == codes::SIGNATURE_DOES_NOT_MATCH.code || code == codes::HW_AUTH_FAILED.code {
            Some(skew.map_or(SigningHint::SecretKey, |s| SigningHint::Clock(Some(s))))
        } else if code == codes::INVALID_ACCESS_KEY_ID.code {
            Some(SigningHint::AccessKey)
        } else {
            None
        }
    }

    /// True when the same submission may be retried as is (nothing reached a verdict).
    pub fn is_retryable(&self) -> bool {
        match self {
            ApiError::Network(_) => true,
            ApiError::Cloud { status, .. } | ApiError::Unexpected { status, .. } => *status >= 500,
            _ => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refused(code: &str, server_time: Option<i64>) -> ApiError {
        ApiError::Cloud { status: 400, code: code.into(), message: String::new(), request_id: String::new(), operation: None, server_time }
    }

    #[test]
    fn a_refused_signature_says_what_is_likely_wrong() {
        let now = 1_800_000_000;
        assert_eq!(refused("SignatureDoesNotMatch", Some(now)).signing_hint(now), Some(SigningHint::SecretKey));
        assert_eq!(refused("APIGW.0301", Some(now - 3600)).signing_hint(now), Some(SigningHint::Clock(Some(3600))), "an hour ahead");
        assert_eq!(refused("RequestExpired", Some(now + 7200)).signing_hint(now), Some(SigningHint::Clock(Some(-7200))));
        assert_eq!(refused("RequestExpired", None).signing_hint(now), Some(SigningHint::Clock(None)));
        assert_eq!(refused("InvalidAccessKeyId", None).signing_hint(now), Some(SigningHint::AccessKey));
        assert_eq!(
            refused("SignatureDoesNotMatch", Some(now - 60)).signing_hint(now),
            Some(SigningHint::SecretKey),
            "a minute is no clock error"
        );
        assert_eq!(refused("NoSuchObject", None).signing_hint(now), None);
    }
}
