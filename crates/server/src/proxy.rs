//! The same-origin API proxy: `/api/bce/{region}/...` and `/api/huawei/{region}/...`.
//!
//! The upstream host is built from an allowlisted region only, never from anything
//! else a request says, so the proxy cannot be pointed anywhere else. The `Host` sent
//! upstream is the real API host, so a signature made in the browser for it verifies.

use std::sync::Arc;
use std::time::Instant;

use axum::body::Body;
use axum::extract::Request;
use axum::http::{header, HeaderMap, HeaderName, HeaderValue, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::Router;
use http_body_util::BodyExt;
use palisade_core::codes::{self, ErrorCode};
pub use palisade_core::config::Regions;
use palisade_core::{bce, huawei, Cloud};
use tokio::sync::Semaphore;
use tower::ServiceExt;

use crate::cloud::{CloudClient, UpstreamFailure};

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
}

/// A resolved target: which cloud, its host, and the path and query to send there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    pub cloud: Cloud,
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
        || ["%2f", "%5c", "%2e", "%00", "%40", "\\", "@", "%0d", "%0a"].iter().any(|bad| lower.contains(bad));
    if suspicious {
        return Err(Refusal::BadPath);
    }
    let path_and_query = match uri.query() {
        Some(q) => format!("/{path}?{q}"),
        None => format!("/{path}"),
    };
    Ok(Target { cloud, host: cloud.api_host(region), path_and_query })
}

/// Headers that belong to one connection, or carry ambient credentials, and so are not
/// forwarded either way.
fn is_hop_by_hop(name: &HeaderName) -> bool {
    matches!(
        name.as_str(),
        "connection"
            | "keep-alive"
            | "proxy-connection"
            | "proxy-authenticate"
            | "proxy-authorization"
            | "te"
            | "trailer"
            | "transfer-encoding"
            | "upgrade"
            | "cookie"
            | "set-cookie"
            | "host"
            | "forwarded"
            | "x-forwarded-for"
            | "x-forwarded-host"
            | "x-forwarded-proto"
            | "origin"
            | "referer"
    )
}

fn forwardable(headers: &HeaderMap) -> HeaderMap {
    let mut out = HeaderMap::with_capacity(headers.len());
    for (name, value) in headers {
        if !is_hop_by_hop(name) {
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
        }
    }

    fn message(&self) -> &'static str {
        match self {
            Refusal::UnknownRoute => "no such API route on this proxy",
            Refusal::RegionNotAllowed => "this region is not allowed by the proxy",
            Refusal::BadPath => "the path is not a plain API path",
            Refusal::TooLarge | Refusal::Busy | Refusal::UpstreamTimeout | Refusal::UpstreamDown => "",
        }
    }
}

/// A refusal in the cloud's own error format, with the catalogue's status for its code.
pub fn refusal_response(cloud: Cloud, refusal: &Refusal, request_id: &str) -> Response {
    let code = refusal.code(cloud);
    let message = match refusal.message() {
        "" => code.description.to_owned(),
        m => m.to_owned(),
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
pub async fn forward(upstream: &Upstream, regions: &Regions, in_flight: &Arc<Semaphore>, req: Request) -> Response {
    let started = Instant::now();
    let method = req.method().clone();
    let route = req.uri().path().to_owned();
    let cloud_hint = if route.starts_with("/api/huawei/") { Cloud::Huawei } else { Cloud::Bce };
    let proxy_id = uuid::Uuid::new_v4().to_string();
    let res = match resolve(req.uri(), regions) {
        Err(refusal) => refusal_response(cloud_hint, &refusal, &proxy_id),
        Ok(target) => match in_flight.clone().try_acquire_owned() {
            Err(_) => refusal_response(target.cloud, &Refusal::Busy, &proxy_id),
            Ok(permit) => {
                let too_large = req
                    .headers()
                    .get(header::CONTENT_LENGTH)
                    .and_then(|v| v.to_str().ok()?.parse::<usize>().ok())
                    .is_some_and(|n| n > MAX_BODY_BYTES);
                if too_large {
                    refusal_response(target.cloud, &Refusal::TooLarge, &proxy_id)
                } else {
                    let res = send(upstream, &target, req, &proxy_id).await;
                    // The permit lives until the answer's body has been sent.
                    let (parts, body) = res.into_parts();
                    let body = Body::new(body.map_frame(move |f| {
                        let _ = &permit;
                        f
                    }));
                    Response::from_parts(parts, body)
                }
            }
        },
    };
    let request_id =
        ["x-bce-request-id", "x-request-id"].iter().find_map(|h| res.headers().get(*h)).and_then(|v| v.to_str().ok()).unwrap_or("-");
    // The access log: never the Authorization header, the body or the query (tokens).
    tracing::info!(target: "access", "{method} {route} {} {:.1}ms {request_id}", res.status().as_u16(), started.elapsed().as_secs_f64() * 1000.0);
    res
}

async fn send(upstream: &Upstream, target: &Target, req: Request, proxy_id: &str) -> Response {
    let (parts, body) = req.into_parts();
    let headers = forwardable(&parts.headers);
    let body = Body::new(http_body_limited(body));
    let res = match upstream {
        Upstream::Emulator(emulator) => {
            let mut headers = headers;
            headers.insert(header::HOST, HeaderValue::from_str(&target.host).expect("an allowlisted host is a valid header"));
            let uri: Uri = target.path_and_query.parse().expect("built from a parsed URI");
            let mut upstream = Request::builder().method(parts.method).uri(uri).body(body).expect("valid parts");
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
    parts.headers = forwardable(&parts.headers);
    Response::from_parts(parts, body)
}

/// The body, capped: a stream that goes past the limit ends in an error instead of
/// being buffered.
fn http_body_limited(body: Body) -> http_body_util::Limited<Body> {
    http_body_util::Limited::new(body, MAX_BODY_BYTES)
}
