//! The same-origin API proxy: `/api/bce/{region}/...` and `/api/huawei/{region}/...`.
//!
//! The upstream host is built from an allowlisted region only, never from anything
//! else a request says, so the proxy cannot be pointed anywhere else. The `Host` sent
//! upstream is the real API host, so a signature made in the browser for it verifies.

use std::sync::Arc;
use std::time::Instant;

use axum::body::Body;
use axum::extract::Request;
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::Router;
use http_body_util::BodyExt;
use palisade_core::codes::{self, ErrorCode};
pub use palisade_core::config::Regions;
use palisade_core::{bce, huawei, Cloud};
use tokio::sync::Semaphore;
use tower::ServiceExt;

use crate::cloud::{CloudClient, UpstreamFailure};
use crate::guard::Guard;

/// Request bodies larger than this are refused (413) without being read in full.
pub const MAX_BODY_BYTES: usize = 1 << 20;

/// Why a request was not forwarded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    UnknownRoute,
    RegionNotAllowed,
    BadPath,
    TooLarge,
    /// Too many requests in flight (503).
    Busy,
    /// The upstream did not connect or answer in time (504).
    UpstreamTimeout,
    /// The upstream could not be reached (502).
    UpstreamDown,
    /// A method the APIs do not use (405).
    Method,
    /// A state-changing call from another site's page (`Origin`), 403.
    Origin,
    /// The body did not arrive in time (408).
    SlowBody,
    /// The change breaks the policy `serve --policy` enforces (403); the policy's reason.
    Policy(String),
}

/// A resolved target: which cloud, its host, and the path and query to send there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    pub cloud: Cloud,
    pub region: String,
    pub host: String,
    pub path_and_query: String,
}

/// Maps `/api/{cloud}/{region}/{rest}` to a target, refusing anything that is not a
/// plain path under an allowlisted region.
pub fn resolve(uri: &Uri, regions: &Regions) -> Result<Target, Refusal> {
    let raw = uri.path();
    let rest = raw.strip_prefix("/api/").ok_or(Refusal::UnknownRoute)?;
    let (cloud_name, rest) = rest.split_once('/').ok_or(Refusal::UnknownRoute)?;
    let cloud = Cloud::from_slug(cloud_name).ok_or(Refusal::UnknownRoute)?;
    let (region, path) = rest.split_once('/').ok_or(Refusal::BadPath)?;
    if !regions.allows(cloud, region) {
        return Err(Refusal::RegionNotAllowed);
    }
    // A plain path: no empty or dot segments, no encoded separators, nothing that a
    // lenient upstream could read as a different authority or path.
    let lower = path.to_ascii_lowercase();
    let suspicious = path.is_empty()
        || path.split('/').any(|s| s.is_empty() || s == "." || s == "..")
        || ["%2f", "%5c", "%2e", "%00", "%40", "\\", "@", "%0d", "%0a", "%25", ";", "%3b"].iter().any(|bad| lower.contains(bad));
    if suspicious {
        return Err(Refusal::BadPath);
    }
    let path_and_query = match uri.query() {
        Some(q) => format!("/{path}?{q}"),
        None => format!("/{path}"),
    };
    Ok(Target { cloud, region: region.to_owned(), host: cloud.api_host(region), path_and_query })
}

/// The request headers the clouds need, and the only ones forwarded (the proxy sets
/// `Host` and `Content-Length` itself): what the console and the official SDKs sign.
pub const FORWARDED_REQUEST_HEADERS: &[&str] = &[
    "authorization",
    "content-type",
    "content-md5",
    palisade_core::sign::bce::DATE_HEADER,
    palisade_core::sign::bce::SECURITY_TOKEN_HEADER,
    "x-bce-content-sha256",
    "x-sdk-date",
    "x-sdk-content-sha256",
    "x-project-id",
    "x-security-token",
    "accept",
];

/// The answer headers passed back to the browser: its type and framing, and the request
/// id. `Location`, `Set-Cookie`, `Access-Control-*`, `Strict-Transport-Security` and the
/// like never reach it.
pub const FORWARDED_RESPONSE_HEADERS: &[&str] = &["content-type", "content-length", "content-encoding", "x-bce-request-id", "x-request-id"];

/// The methods the APIs use; anything else (TRACE, CONNECT, invented ones) is refused.
pub const FORWARDED_METHODS: &[Method] = &[Method::GET, Method::POST, Method::PUT, Method::DELETE];

/// Keeps only the allowlisted headers, and none named in `Connection`.
fn allowlisted(headers: &HeaderMap, allowed: &[&str]) -> HeaderMap {
    let named_in_connection: Vec<String> = headers
        .get_all(header::CONNECTION)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(',').map(|n| n.trim().to_ascii_lowercase()))
        .collect();
    let mut out = HeaderMap::with_capacity(allowed.len());
    for (name, value) in headers {
        if allowed.contains(&name.as_str()) && !named_in_connection.iter().any(|n| n == name.as_str()) {
            out.append(name.clone(), value.clone());
        }
    }
    out
}

impl Refusal {
    /// The catalogue entry each refusal answers with, per cloud.
    pub fn code(&self, cloud: Cloud) -> &'static ErrorCode {
        match (self, cloud) {
            (Refusal::UnknownRoute | Refusal::RegionNotAllowed | Refusal::BadPath, Cloud::Bce) => &codes::INVALID_URI,
            (Refusal::UnknownRoute | Refusal::RegionNotAllowed | Refusal::BadPath, Cloud::Huawei) => &codes::HW_NOT_FOUND,
            (Refusal::TooLarge, _) => &codes::REQUEST_TOO_LARGE,
            (Refusal::Busy, _) => &codes::SERVICE_UNAVAILABLE,
            (Refusal::UpstreamTimeout, _) => &codes::GATEWAY_TIMEOUT,
            (Refusal::UpstreamDown, _) => &codes::BAD_GATEWAY,
            (Refusal::Method, _) => &codes::METHOD_NOT_ALLOWED,
            (Refusal::Origin, _) => &codes::ACCESS_DENIED,
            (Refusal::SlowBody, _) => &codes::REQUEST_TIMEOUT,
            (Refusal::Policy(_), _) => &codes::POLICY_VIOLATION,
        }
    }

    fn message(&self) -> String {
        match self {
            Refusal::UnknownRoute => "no such API route on this proxy".into(),
            Refusal::RegionNotAllowed => "this region is not allowed by the proxy".into(),
            Refusal::BadPath => "the path is not a plain API path".into(),
            Refusal::Origin => "a state-changing call from another site's page".into(),
            Refusal::Policy(reason) => reason.clone(),
            Refusal::TooLarge | Refusal::Busy | Refusal::UpstreamTimeout | Refusal::UpstreamDown | Refusal::Method | Refusal::SlowBody => {
                String::new()
            }
        }
    }
}

/// A refusal in the cloud's own error format, with the catalogue's status for its code.
pub fn refusal_response(cloud: Cloud, refusal: &Refusal, request_id: &str) -> Response {
    let code = refusal.code(cloud);
    let message = match refusal.message() {
        m if m.is_empty() => code.description.to_owned(),
        m => m,
    };
    let (body, id_header) = match cloud {
        Cloud::Huawei => (
            serde_json::to_string(&huawei::ErrorBody {
                request_id: request_id.to_owned(),
                error_code: code.code.to_owned(),
                error_msg: message,
            }),
            "x-request-id",
        ),
        Cloud::Bce => (
            serde_json::to_string(&bce::common::ErrorBody { request_id: request_id.to_owned(), code: code.code.to_owned(), message }),
            "x-bce-request-id",
        ),
    };
    let status = StatusCode::from_u16(code.status).unwrap_or(StatusCode::BAD_REQUEST);
    let mut res = (status, [(header::CONTENT_TYPE, "application/json;charset=UTF-8")], body.unwrap_or_default()).into_response();
    if let Ok(v) = HeaderValue::from_str(request_id) {
        res.headers_mut().insert(id_header, v);
    }
    res
}

/// Where `/api/...` goes: the embedded emulator (in process) or the real clouds.
#[derive(Clone)]
pub enum Upstream {
    Emulator(Router),
    /// A `palisade emulator` process on loopback (`--emulator-address`).
    LoopbackEmulator(CloudClient),
    Cloud(CloudClient),
}

/// Requests in flight at once; past this the proxy answers 503 at once instead of
/// queueing without bound.
pub const DEFAULT_MAX_IN_FLIGHT: usize = 512;

/// Forwards an `/api/{cloud}/{region}/...` request, or refuses it in the cloud's format.
pub async fn forward(upstream: &Upstream, regions: &Regions, in_flight: &Arc<Semaphore>, guard: &Guard, req: Request) -> Response {
    let started = Instant::now();
    let method = req.method().clone();
    let route = req.uri().path().to_owned();
    let cloud_hint = if route.starts_with("/api/huawei/") { Cloud::Huawei } else { Cloud::Bce };
    let proxy_id = uuid::Uuid::new_v4().to_string();
    let res = match resolve(req.uri(), regions) {
        Err(refusal) => refusal_response(cloud_hint, &refusal, &proxy_id),
        Ok(target) if !FORWARDED_METHODS.contains(req.method()) => refusal_response(target.cloud, &Refusal::Method, &proxy_id),
        Ok(target) => {
            // The body first, before a permit is taken: a client that sends it slowly (or
            // never) holds nothing another caller needs, and is cut off after a while.
            let (parts, body) = req.into_parts();
            match read_body(&parts, body).await {
                Err(refusal) => refusal_response(target.cloud, &refusal, &proxy_id),
                Ok(body) => match in_flight.clone().try_acquire_owned() {
                    Err(_) => refusal_response(target.cloud, &Refusal::Busy, &proxy_id),
                    Ok(permit) => {
                        let res = match guard.read(&target, &parts.method, &parts.headers, &body) {
                            Some(pending) => match guard.refuses(&pending) {
                                // Refused by the policy before anything reaches the cloud; journalled.
                                Some(reason) => {
                                    let res = refusal_response(target.cloud, &Refusal::Policy(reason), &proxy_id);
                                    guard.record(pending, target.cloud, res).await
                                }
                                None => {
                                    let res = send(upstream, &target, parts, body, &proxy_id).await;
                                    guard.record(pending, target.cloud, res).await
                                }
                            },
                            None => send(upstream, &target, parts, body, &proxy_id).await,
                        };
                        // The permit lives until the answer's body has been sent.
                        let (parts, body) = res.into_parts();
                        let body = Body::new(body.map_frame(move |f| {
                            let _ = &permit;
                            f
                        }));
                        Response::from_parts(parts, body)
                    }
                },
            }
        }
    };
    let request_id =
        ["x-bce-request-id", "x-request-id"].iter().find_map(|h| res.headers().get(*h)).and_then(|v| v.to_str().ok()).unwrap_or("-");
    // The access log: never the Authorization header, the body or the query (tokens).
    tracing::info!(target: "access", "{method} {route} {} {:.1}ms {request_id}", res.status().as_u16(), started.elapsed().as_secs_f64() * 1000.0);
    res
}

/// CHOICE: how long a request body may take to arrive (the API's bodies are a few KB).
pub const BODY_READ_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(10);

/// The whole body, at most 1 MiB however it is framed (`Content-Length` or chunked), so an
/// oversized one is refused before any of it goes upstream; 408 if it does not arrive in
/// [`BODY_READ_TIMEOUT`].
async fn read_body(parts: &axum::http::request::Parts, body: Body) -> Result<bytes::Bytes, Refusal> {
    let declared = parts.headers.get(header::CONTENT_LENGTH).and_then(|v| v.to_str().ok()?.parse::<usize>().ok());
    if declared.is_some_and(|n| n > MAX_BODY_BYTES) {
        return Err(Refusal::TooLarge);
    }
    match tokio::time::timeout(BODY_READ_TIMEOUT, http_body_util::Limited::new(body, MAX_BODY_BYTES).collect()).await {
        Err(_) => Err(Refusal::SlowBody),
        Ok(Err(_)) => Err(Refusal::TooLarge),
        Ok(Ok(body)) => Ok(body.to_bytes()),
    }
}

async fn send(upstream: &Upstream, target: &Target, parts: axum::http::request::Parts, body: bytes::Bytes, proxy_id: &str) -> Response {
    let headers = allowlisted(&parts.headers, FORWARDED_REQUEST_HEADERS);
    let res = match upstream {
        Upstream::Emulator(emulator) => {
            let mut headers = headers;
            headers.insert(header::HOST, HeaderValue::from_str(&target.host).expect("an allowlisted host is a valid header"));
            let uri: Uri = target.path_and_query.parse().expect("built from a parsed URI");
            let mut upstream = Request::builder().method(parts.method).uri(uri).body(Body::from(body)).expect("valid parts");
            *upstream.headers_mut() = headers;
            match emulator.clone().oneshot(upstream).await {
                Ok(r) => r,
                Err(never) => match never {},
            }
        }
        Upstream::Cloud(client) | Upstream::LoopbackEmulator(client) => match client.send(target, parts.method, headers, body).await {
            Ok(r) => r,
            Err(UpstreamFailure::Timeout) => return refusal_response(target.cloud, &Refusal::UpstreamTimeout, proxy_id),
            Err(UpstreamFailure::Unreachable) => return refusal_response(target.cloud, &Refusal::UpstreamDown, proxy_id),
        },
    };
    let (mut parts, body) = res.into_parts();
    parts.headers = allowlisted(&parts.headers, FORWARDED_RESPONSE_HEADERS);
    Response::from_parts(parts, body)
}
