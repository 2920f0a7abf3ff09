//! Headers every response of the console's origin carries.

use axum::http::{HeaderMap, HeaderValue};

/// The policy: scripts only from this origin (plus compiling the wasm), connections only
/// to this origin, no plugins, no inline script or style, embedding only where allowed.
pub fn content_security_policy(frame_ancestors: &str) -> String {
    format!(
        "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; \
         font-src 'self'; connect-src 'self'; manifest-src 'self'; base-uri 'none'; form-action 'none'; \
         object-src 'none'; frame-ancestors {frame_ancestors}"
    )
}

#[derive(Debug, Clone)]
pub struct SecurityHeaders {
    csp: HeaderValue,
}

#[derive(Debug, thiserror::Error)]
#[error("--frame-ancestors must be CSP sources without ';', ',' or control characters")]
pub struct BadFrameAncestors;

impl SecurityHeaders {
    pub fn new(frame_ancestors: &str) -> Result<Self, BadFrameAncestors> {
        if frame_ancestors.trim().is_empty() || frame_ancestors.contains([';', ',']) {
            return Err(BadFrameAncestors);
        }
        let csp = HeaderValue::from_str(&content_security_policy(frame_ancestors.trim())).map_err(|_| BadFrameAncestors)?;
        Ok(Self { csp })
    }

    pub fn apply(&self, h: &mut HeaderMap) {
        h.insert("content-security-policy", self.csp.clone());
        h.insert("x-content-type-options", HeaderValue::from_static("nosniff"));
        h.insert("referrer-policy", HeaderValue::from_static("no-referrer"));
        h.insert("cross-origin-opener-policy", HeaderValue::from_static("same-origin"));
        h.insert("cross-origin-resource-policy", HeaderValue::from_static("same-origin"));
        h.insert("permissions-policy", HeaderValue::from_static("camera=(), microphone=(), geolocation=(), payment=()"));
    }
}
