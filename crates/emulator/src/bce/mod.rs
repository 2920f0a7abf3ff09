//! Baidu AI Cloud: `bcc.{region}.baidubce.com`, at the real paths.

mod bindings;
mod body;
mod endpoints;
mod error;
mod esg;
mod idempotence;
mod instances;
mod paging;
mod security_groups;
mod vpcs;

pub use error::BceError;

use std::sync::Arc;

use axum::extract::Request;
use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use palisade_core::codes;
use palisade_core::sign::{bce, VerifyError};
use palisade_core::validate::binding::BatchAction;
use palisade_core::Cloud;

use crate::request::{ApiRequest, ReadError};
use crate::{ids, Emulator, MAX_BODY_BYTES};

/// The region a request is for: from `Host: bcc.{region}.baidubce.com`, or the default
/// region (`bj`) when an SDK talks to the emulator's own address.
pub fn region_of(host: &str) -> String {
    Cloud::Bce.region_of_host(host).unwrap_or(Cloud::Bce.default_region()).to_owned()
}

pub async fn handle(emu: Arc<Emulator>, req: Request) -> Response {
    let request_id = ids::uuid();
    let result = match ApiRequest::read(req, MAX_BODY_BYTES).await {
        Err(ReadError::TooLarge(_)) => Err(BceError::new(&codes::REQUEST_TOO_LARGE)),
        Err(e) => Err(BceError::with_message(&codes::INVALID_URI, &e.to_string())),
        Ok(mut api) => {
            api.request_id.clone_from(&request_id);
            crate::off_the_runtime(emu, move |emu| authenticate(emu, &api).and_then(|_| route(emu, &api)))
                .await
                .unwrap_or_else(|| Err(BceError::new(&codes::INTERNAL_ERROR)))
        }
    };
    let mut res = match result {
        Ok(res) => res,
        Err(e) => e.into_response_with(&request_id),
    };
    if let Ok(v) = HeaderValue::from_str(&request_id) {
        res.headers_mut().insert("x-bce-request-id", v);
    }
    res
}

/// Maps a verifier's refusal to Baidu's general codes.
fn authenticate(emu: &Emulator, api: &ApiRequest) -> Result<String, BceError> {
    api.with_signable(|r| bce::verify(r, crate::now(), &emu.credentials)).map_err(|e| match e {
        // CHOICE: no Authorization at all is AccessDenied (403); a broken one is
        // InvalidHTTPAuthHeader (400).
        VerifyError::MissingAuthorization => BceError::with_message(&codes::ACCESS_DENIED, "the request is not signed"),
        VerifyError::MalformedAuthorization(why) => BceError::with_message(&codes::INVALID_HTTP_AUTH_HEADER, why),
        VerifyError::UnknownAccessKey => BceError::new(&codes::INVALID_ACCESS_KEY_ID),
        VerifyError::Expired | VerifyError::NotYetValid => BceError::new(&codes::REQUEST_EXPIRED),
        VerifyError::PayloadMismatch => BceError::with_message(&codes::INVALID_HTTP_REQUEST, "Content-MD5 does not match the body"),
        VerifyError::SignatureMismatch { canonical_request } => BceError::with_message(
            &codes::SIGNATURE_DOES_NOT_MATCH,
            // The server's canonical request (no secret in it) makes a mismatch debuggable.
            &format!("{} Canonical request on the server: {canonical_request:?}", codes::SIGNATURE_DOES_NOT_MATCH.description),
        ),
    })
}

fn route(emu: &Emulator, api: &ApiRequest) -> Result<Response, BceError> {
    let region = region_of(&api.host);
    let segs = api.segments();
    match (api.method.as_str(), segs.as_slice()) {
        ("GET", ["v2", "securityGroup"]) => security_groups::list(emu, api, &region),
        ("POST", ["v2", "securityGroup"]) => security_groups::create(emu, api, &region),
        ("PUT", ["v2", "securityGroup", "rule", "update"]) => security_groups::update_rule(emu, api, &region),
        ("DELETE", ["v2", "securityGroup", "rule", rule]) => security_groups::delete_rule(emu, api, &region, rule),
        ("GET", ["v2", "securityGroup", id]) => security_groups::get(emu, &region, id),
        ("DELETE", ["v2", "securityGroup", id]) => security_groups::delete(emu, api, &region, id),
        ("PUT", ["v2", "securityGroup", id]) if api.has_flag("authorizeRule") => security_groups::authorize(emu, api, &region, id),
        ("PUT", ["v2", "securityGroup", id]) if api.has_flag("revokeRule") => security_groups::revoke(emu, api, &region, id),
        ("GET", ["v2", "instance"]) => instances::list(emu, api, &region),
        ("PUT", ["v2", "instance", id]) if api.has_flag("bind") => instances::bind(emu, api, &region, id),
        ("PUT", ["v2", "instance", id]) if api.has_flag("unbind") => instances::unbind(emu, api, &region, id),
        ("PUT", ["v2", "securitygroup", action]) => match BatchAction::parse(action) {
            Some(action) => instances::batch(emu, api, &region, action),
            None => Err(BceError::with_message(&codes::INVALID_URI, &format!("no operation PUT {}", api.path))),
        },
        ("POST", ["v1", "enterprise", "security"]) => esg::create(emu, api, &region),
        ("GET", ["v1", "enterprise", "security"]) => esg::list(emu, api, &region),
        ("DELETE", ["v1", "enterprise", "security", "rule", rule]) => esg::delete_rule(emu, api, &region, rule),
        ("PUT", ["v1", "enterprise", "security", "rule", rule]) => esg::update_rule(emu, api, &region, rule),
        ("PUT", ["v1", "enterprise", "security", id]) if api.has_flag("authorizeRule") => esg::authorize(emu, api, &region, id),
        ("DELETE", ["v1", "enterprise", "security", id]) => esg::delete(emu, api, &region, id),
        ("GET", ["v1", "vpc"]) => vpcs::list(emu, api, &region),
        ("GET", ["v1", "endpoint"]) => endpoints::list(emu, api, &region),
        ("GET", ["v1", "endpoint", id]) => endpoints::get(emu, &region, id),
        ("PUT", ["v1", "endpoint", id]) if api.has_flag("bindEsg") => endpoints::bind_esg(emu, api, &region, id),
        ("PUT", ["v1", "endpoint", id]) if api.has_flag("bindSg") => endpoints::bind_sg(emu, api, &region, id),
        (_, [v, ..]) if !matches!(*v, "v1" | "v2") => Err(BceError::new(&codes::INVALID_VERSION)),
        // CHOICE: a path under a known version that names no operation is InvalidURI.
        _ => Err(BceError::with_message(&codes::INVALID_URI, &format!("no operation {} {}", api.method, api.path))),
    }
}

pub(crate) fn json<T: serde::Serialize>(value: &T) -> Response {
    raw(200, serde_json::to_string(value).unwrap_or_default())
}

pub(crate) fn raw(status: u16, body: String) -> Response {
    let status = StatusCode::from_u16(status).unwrap_or(StatusCode::OK);
    (status, [("content-type", "application/json;charset=UTF-8")], body).into_response()
}

/// Runs a change in one transaction with `clientToken` handling: a replay answers the
/// first result and changes nothing; a success is remembered with the change.
pub(crate) fn mutate(
    emu: &Emulator,
    api: &ApiRequest,
    region: &str,
    change: impl FnOnce(&rusqlite::Transaction<'_>) -> Result<String, BceError>,
) -> Result<Response, BceError> {
    emu.store.transaction(|tx| {
        if let Some(replay) = idempotence::check(tx, region, api)? {
            return Ok(raw(replay.status, replay.body));
        }
        let body = change(tx)?;
        idempotence::remember(tx, region, api, 200, &body)?;
        Ok(raw(200, body))
    })
}
