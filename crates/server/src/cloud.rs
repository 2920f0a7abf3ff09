//! `--upstream cloud`: the real API hosts over TLS (rustls, the system's roots), with
//! connect and read timeouts, and bodies streamed both ways.
//!
//! The address each host is reached at comes from DNS, or, for tests and egress
//! gateways, from `--cloud-address` on the command line: never from a request.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use axum::body::Body;
use axum::http::{HeaderMap, Method, StatusCode};
use axum::response::Response;

use palisade_core::config::Regions;
use palisade_core::Cloud;

use crate::proxy::Target;

/// How the cloud upstream connects.
#[derive(Debug, Clone)]
pub struct CloudOptions {
    pub connect_timeout: Duration,
    pub read_timeout: Duration,
    /// Every allowlisted API host resolves to this address instead of DNS.
    pub address: Option<SocketAddr>,
    /// An extra trusted root (PEM), e.g. a corporate TLS-inspecting proxy's, or a test CA.
    pub ca_file: Option<PathBuf>,
}

/// Why the upstream gave no answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UpstreamFailure {
    /// Nothing listening, or the TLS handshake failed: 502.
    Unreachable,
    /// No connection or no answer in time: 504.
    Timeout,
}

#[derive(Clone)]
pub struct CloudClient {
    client: reqwest::Client,
    /// `https`, except for a `palisade emulator` on loopback.
    scheme: &'static str,
}

#[derive(Debug, thiserror::Error)]
pub enum CloudSetupError {
    #[error("cannot read the CA file {0}: {1}")]
    CaFile(PathBuf, std::io::Error),
    #[error("the CA file {0} holds no PEM certificate: {1}")]
    CaPem(PathBuf, reqwest::Error),
    #[error("cannot build the TLS client: {0}")]
    Client(reqwest::Error),
}

impl CloudClient {
    pub fn new(options: &CloudOptions, regions: &Regions) -> Result<Self, CloudSetupError> {
        let mut builder = reqwest::Client::builder()
            .use_rustls_tls()
            .https_only(true)
            .redirect(reqwest::redirect::Policy::none())
            .no_proxy()
            .connect_timeout(options.connect_timeout)
            .read_timeout(options.read_timeout)
            .pool_idle_timeout(Duration::from_secs(60));
        if let Some(path) = &options.ca_file {
            let pem = std::fs::read(path).map_err(|e| CloudSetupError::CaFile(path.clone(), e))?;
            let cert = reqwest::Certificate::from_pem(&pem).map_err(|e| CloudSetupError::CaPem(path.clone(), e))?;
            builder = builder.add_root_certificate(cert);
        }
        if let Some(addr) = options.address {
            for region in &regions.bce {
                builder = builder.resolve(&Cloud::Bce.api_host(region), addr);
            }
            for region in &regions.huawei {
                builder = builder.resolve(&Cloud::Huawei.api_host(region), addr);
            }
        }
        Ok(Self { client: builder.build().map_err(CloudSetupError::Client)?, scheme: "https" })
    }

    /// A separate `palisade emulator` process on a loopback address, over plain HTTP
    /// (`serve --emulator-address`): the same hosts and paths as the clouds, no TLS.
    pub fn loopback_emulator(addr: SocketAddr, options: &CloudOptions, regions: &Regions) -> Result<Self, CloudSetupError> {
        let mut builder = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .no_proxy()
            .connect_timeout(options.connect_timeout)
            .read_timeout(options.read_timeout)
            .pool_max_idle_per_host(1024);
        for region in &regions.bce {
            builder = builder.resolve(&Cloud::Bce.api_host(region), addr);
        }
        for region in &regions.huawei {
            builder = builder.resolve(&Cloud::Huawei.api_host(region), addr);
        }
        Ok(Self { client: builder.build().map_err(CloudSetupError::Client)?, scheme: "http" })
    }

    /// Sends the request to `https://{target.host}{path}`; the request body is streamed
    /// up (already capped by the caller) and the answer's body streamed back.
    pub async fn send(&self, target: &Target, method: Method, headers: HeaderMap, body: bytes::Bytes) -> Result<Response, UpstreamFailure> {
        let url = format!("{}://{}{}", self.scheme, target.host, target.path_and_query);
        let upstream = self.client.request(method, url).headers(headers).body(body).send().await;
        let answer = upstream.map_err(|e| if e.is_timeout() { UpstreamFailure::Timeout } else { UpstreamFailure::Unreachable })?;
        let status = StatusCode::from_u16(answer.status().as_u16()).unwrap_or(StatusCode::BAD_GATEWAY);
        let mut res = Response::builder().status(status);
        if let Some(h) = res.headers_mut() {
            *h = answer.headers().clone();
        }
        let body = Body::from_stream(answer.bytes_stream());
        Ok(res.body(body).expect("status and headers came from a valid answer"))
    }
}
