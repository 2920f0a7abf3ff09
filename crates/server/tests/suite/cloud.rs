//! `--upstream cloud` over real TLS: a local TLS upstream (a test CA, the real host names,
//! the emulator behind it) reached through `--cloud-address`-style configuration.

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::http::HeaderMap;
use palisade_core::sign::console;
use palisade_emulator::{Emulator, DEMO_ACCESS_KEY, DEMO_SECRET_KEY};
use palisade_server::cloud::{CloudClient, CloudOptions};
use palisade_server::proxy::{Regions, Upstream};
use palisade_server::security_headers::SecurityHeaders;
use palisade_server::serve::{router, AppState};
use palisade_server::static_files::StaticFiles;
use tokio::sync::Semaphore;
use tokio_rustls::rustls;
use tower::ServiceExt;

struct TlsUpstream {
    addr: SocketAddr,
    ca_file: std::path::PathBuf,
    seen: Arc<Mutex<Vec<HeaderMap>>>,
}

/// A TLS server for the real host names (signed by a throwaway CA) in front of the
/// emulator. `delay` holds each answer back; `handshake: false` accepts TCP and then
/// never speaks TLS.
async fn tls_upstream(delay: Duration, handshake: bool) -> TlsUpstream {
    let ca_key = rcgen::KeyPair::generate().unwrap();
    let mut ca_params = rcgen::CertificateParams::new(Vec::<String>::new()).unwrap();
    ca_params.is_ca = rcgen::IsCa::Ca(rcgen::BasicConstraints::Unconstrained);
    let ca = rcgen::CertifiedIssuer::self_signed(ca_params, ca_key).unwrap();
    let leaf_key = rcgen::KeyPair::generate().unwrap();
    let leaf = rcgen::CertificateParams::new(vec!["bcc.bj.baidubce.com".to_owned(), "vpc.cn-north-4.myhuaweicloud.com".to_owned()])
        .unwrap()
        .signed_by(&leaf_key, &ca)
        .unwrap();
    let ca_file = std::env::temp_dir().join(format!("palisade-test-ca-{}-{}.pem", std::process::id(), rand_suffix()));
    std::fs::write(&ca_file, ca.pem()).unwrap();

    let config = rustls::ServerConfig::builder_with_provider(Arc::new(rustls::crypto::ring::default_provider()))
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_no_client_auth()
        .with_single_cert(vec![leaf.der().clone()], rustls::pki_types::PrivateKeyDer::Pkcs8(leaf_key.serialize_der().into()))
        .unwrap();
    let acceptor = tokio_rustls::TlsAcceptor::from(Arc::new(config));
    let emulator = palisade_emulator::router(Arc::new(Emulator::open(":memory:", Emulator::demo_credentials()).unwrap()));
    let seen = Arc::new(Mutex::new(Vec::new()));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let seen2 = seen.clone();
    tokio::spawn(async move {
        loop {
            let (tcp, _) = listener.accept().await.unwrap();
            let (acceptor, emulator, seen) = (acceptor.clone(), emulator.clone(), seen2.clone());
            tokio::spawn(async move {
                if !handshake {
                    tokio::time::sleep(Duration::from_secs(30)).await;
                    drop(tcp);
                    return;
                }
                let Ok(tls) = acceptor.accept(tcp).await else { return };
                let service = hyper::service::service_fn(move |req: hyper::Request<hyper::body::Incoming>| {
                    let (emulator, seen) = (emulator.clone(), seen.clone());
                    async move {
                        seen.lock().unwrap().push(req.headers().clone());
                        tokio::time::sleep(delay).await;
                        let mut res = emulator.oneshot(req.map(axum::body::Body::new)).await.unwrap();
                        // Headers a browser must never get from the cloud through the proxy.
                        for (n, v) in [
                            ("set-cookie", "upstream=1"),
                            ("location", "https://evil.example/"),
                            ("access-control-allow-origin", "*"),
                            ("strict-transport-security", "max-age=1"),
                            ("clear-site-data", "\"*\""),
                        ] {
                            res.headers_mut().insert(n, v.parse().unwrap());
                        }
                        Ok::<_, std::convert::Infallible>(res)
                    }
                });
                let _ = hyper::server::conn::http1::Builder::new().serve_connection(hyper_util::rt::TokioIo::new(tls), service).await;
            });
        }
    });
    TlsUpstream { addr, ca_file, seen }
}

fn rand_suffix() -> u64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().subsec_nanos() as u64
}

/// `palisade serve` in cloud mode, pinned to `addr`, trusting `ca_file`.
async fn serve_cloud(addr: SocketAddr, ca_file: &std::path::Path, read_timeout: u64, max_in_flight: usize) -> String {
    let dist = std::env::temp_dir().join(format!("palisade-cloud-dist-{}", std::process::id()));
    std::fs::create_dir_all(&dist).unwrap();
    std::fs::write(dist.join("index.html"), "<!doctype html><title>t</title>").unwrap();
    let regions = Regions::default();
    let options = CloudOptions {
        connect_timeout: Duration::from_secs(1),
        read_timeout: Duration::from_secs(read_timeout),
        address: Some(addr),
        ca_file: Some(ca_file.to_owned()),
    };
    let state = Arc::new(AppState {
        files: StaticFiles::load(&dist).unwrap(),
        security: SecurityHeaders::new("'none'").unwrap(),
        upstream: Upstream::Cloud(CloudClient::new(&options, &regions).unwrap()),
        regions,
        in_flight: Arc::new(Semaphore::new(max_in_flight)),
        hosts: Default::default(),
        guard: Default::default(),
        journal_token: None,
    });
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    // The real accept loop with its default limits, as `palisade serve` runs it.
    tokio::spawn(palisade_server::listen::serve(listener, router(state), Default::default(), std::future::pending()));
    base
}

/// Signed by the console's own policy (for the real host; the proxy sets that Host).
fn signed(method: &str, path: &str, query: &[(&str, &str)], body: &str) -> Vec<(String, String)> {
    let call = console::Call { method, region: "bj", path, query, body: (!body.is_empty()).then_some(body) };
    let keys = console::Keys { access_key: DEMO_ACCESS_KEY, secret_key: DEMO_SECRET_KEY, security_token: None };
    console::bce(&call, &keys, palisade_emulator::now()).unwrap()
}

async fn get_groups(base: &str, extra: &[(&str, &str)]) -> reqwest::Response {
    let mut req = reqwest::Client::new().get(format!("{base}/api/bce/bj/v2/securityGroup"));
    for (n, v) in signed("GET", "/v2/securityGroup", &[], "") {
        req = req.header(n, v);
    }
    for (n, v) in extra {
        req = req.header(*n, *v);
    }
    req.send().await.unwrap()
}

#[tokio::test]
async fn cloud_mode_reaches_the_tls_upstream_as_the_real_host_with_clean_headers() {
    let up = tls_upstream(Duration::ZERO, true).await;
    let base = serve_cloud(up.addr, &up.ca_file, 5, 16).await;
    let res = get_groups(
        &base,
        &[
            ("cookie", "session=secret"),
            ("x-forwarded-for", "6.6.6.6"),
            ("origin", "http://evil"),
            ("x-real-ip", "6.6.6.6"),
            ("via", "1.1 somewhere"),
            ("x-http-method-override", "DELETE"),
            ("connection", "x-secret-hop"),
            ("x-secret-hop", "1"),
            ("x-anything-else", "1"),
        ],
    )
    .await;
    assert_eq!(res.status(), 200, "the browser's signature for the real host verifies upstream");
    for h in ["set-cookie", "location", "access-control-allow-origin", "strict-transport-security", "clear-site-data"] {
        assert!(res.headers().get(h).is_none(), "{h} does not come back");
    }
    assert!(res.headers().get("x-bce-request-id").is_some(), "the request id does");
    let body: serde_json::Value = res.json().await.unwrap();
    assert!(body["securityGroups"].as_array().unwrap().len() >= 3);
    let seen = up.seen.lock().unwrap().last().cloned().unwrap();
    assert_eq!(seen.get("host").unwrap(), "bcc.bj.baidubce.com");
    for h in [
        "cookie",
        "x-forwarded-for",
        "origin",
        "x-real-ip",
        "via",
        "x-http-method-override",
        "x-secret-hop",
        "x-anything-else",
        "connection",
    ] {
        assert!(seen.get(h).is_none(), "{h} is not forwarded");
    }
    assert!(seen.get("x-bce-date").is_some() && seen.get("authorization").is_some(), "what the cloud needs is");
}

#[tokio::test]
async fn cloud_mode_streams_a_request_body_up() {
    let up = tls_upstream(Duration::ZERO, true).await;
    let base = serve_cloud(up.addr, &up.ca_file, 5, 16).await;
    let body = r#"{"name":"via-tls","rules":[]}"#;
    let query = [("clientToken", "tls-1")];
    let mut req = reqwest::Client::new().post(format!("{base}/api/bce/bj/v1/enterprise/security?clientToken=tls-1")).body(body);
    for (n, v) in signed("POST", "/v1/enterprise/security", &query, body) {
        req = req.header(n, v);
    }
    let res = req.send().await.unwrap();
    assert_eq!(res.status(), 200);
    let made: serde_json::Value = res.json().await.unwrap();
    assert!(made["enterpriseSecurityGroupId"].as_str().unwrap().starts_with("esg-"));
}

#[tokio::test]
async fn an_upstream_that_is_down_is_a_502_in_the_clouds_format() {
    let up = tls_upstream(Duration::ZERO, true).await;
    let closed = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap().local_addr().unwrap(); // bound, then dropped
    let base = serve_cloud(closed, &up.ca_file, 5, 16).await;
    let res = get_groups(&base, &[]).await;
    assert_eq!(res.status(), 502);
    let body: serde_json::Value = res.json().await.unwrap();
    assert_eq!(body["code"], "BadGateway");
    assert!(body["requestId"].as_str().is_some_and(|s| !s.is_empty()));

    let res = reqwest::get(format!("{base}/api/huawei/cn-north-4/v3/p/vpc/security-groups")).await.unwrap();
    assert_eq!(res.status(), 502);
    let body: serde_json::Value = res.json().await.unwrap();
    assert_eq!(body["error_code"], "BadGateway", "Huawei's format for a Huawei route");
}

#[tokio::test]
async fn a_slow_answer_and_a_silent_handshake_are_504s() {
    let slow = tls_upstream(Duration::from_secs(3), true).await;
    let base = serve_cloud(slow.addr, &slow.ca_file, 1, 16).await;
    let res = get_groups(&base, &[]).await;
    assert_eq!(res.status(), 504, "read timeout");
    assert_eq!(res.json::<serde_json::Value>().await.unwrap()["code"], "GatewayTimeout");

    let silent = tls_upstream(Duration::ZERO, false).await;
    let base = serve_cloud(silent.addr, &silent.ca_file, 5, 16).await;
    let started = std::time::Instant::now();
    let res = get_groups(&base, &[]).await;
    assert_eq!(res.status(), 504, "connect (TLS handshake) timeout");
    assert!(started.elapsed() < Duration::from_secs(5), "the 1 s connect timeout applies, not the read timeout");
}

#[tokio::test]
async fn past_the_in_flight_limit_the_answer_is_503_at_once() {
    let up = tls_upstream(Duration::from_millis(1500), true).await;
    let base = serve_cloud(up.addr, &up.ca_file, 5, 1).await;
    let (a, b) = tokio::join!(get_groups(&base, &[]), async {
        tokio::time::sleep(Duration::from_millis(300)).await;
        get_groups(&base, &[]).await
    });
    assert_eq!((a.status().as_u16(), b.status().as_u16()), (200, 503));
    assert_eq!(b.json::<serde_json::Value>().await.unwrap()["code"], "ServiceUnavailable");
    // The permit is back once the first answer is done.
    assert_eq!(get_groups(&base, &[]).await.status(), 200);
}
