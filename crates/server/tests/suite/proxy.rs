//! The same-origin proxy over real HTTP, in front of the embedded emulator.

use palisade_core::sign::{console, huawei, SignableRequest};
use palisade_emulator::{fixtures, DEMO_ACCESS_KEY, DEMO_SECRET_KEY};
use palisade_server::proxy::{resolve, Refusal, Regions};

/// The proxy with its default limits, as `palisade serve` runs it; returns its base URL.
async fn serve() -> String {
    format!("http://{}", crate::support::serve(Default::default()).await)
}

/// Signed by the console's own policy for the region's real host.
fn bce_headers(host: &str, path: &str) -> Vec<(String, String)> {
    let region = palisade_core::Cloud::Bce.region_of_host(host).unwrap();
    let call = console::Call { method: "GET", region, path, query: &[], body: None };
    let keys = console::Keys { access_key: DEMO_ACCESS_KEY, secret_key: DEMO_SECRET_KEY, security_token: None };
    console::bce(&call, &keys, palisade_emulator::now()).unwrap()
}

#[tokio::test]
async fn a_browser_signed_baidu_call_goes_through_with_the_real_host() {
    let base = serve().await;
    let client = reqwest::Client::new();
    // Signed for the real host, as the console signs; sent to the proxy's own origin.
    let mut rb = client.get(format!("{base}/api/bce/bj/v2/securityGroup")).header("Cookie", "session=secret");
    for (n, v) in bce_headers("bcc.bj.baidubce.com", "/v2/securityGroup") {
        rb = rb.header(n, v);
    }
    let res = rb.send().await.unwrap();
    assert_eq!(res.status(), 200);
    assert!(res.headers().contains_key("x-bce-request-id"), "the request id comes back");
    assert!(res.headers().contains_key("content-security-policy"));
    let body: serde_json::Value = res.json().await.unwrap();
    assert_eq!(body["securityGroups"].as_array().unwrap().len(), 5, "the five demo groups");

    // Signed for another region's host than the route names: the emulator sees bcc.gz.
    let mut rb = client.get(format!("{base}/api/bce/gz/v2/securityGroup"));
    for (n, v) in bce_headers("bcc.bj.baidubce.com", "/v2/securityGroup") {
        rb = rb.header(n, v);
    }
    let body: serde_json::Value = rb.send().await.unwrap().json().await.unwrap();
    assert_eq!(body["code"], "SignatureDoesNotMatch", "Host is the route's region's host: {body}");
}

#[tokio::test]
async fn a_huawei_call_goes_through() {
    let base = serve().await;
    let path = format!("/v3/{}/vpc/security-groups", fixtures::DEMO_PROJECT);
    let req = SignableRequest { method: "GET", host: "vpc.cn-north-4.myhuaweicloud.com", path: &path, query: &[], headers: &[], body: b"" };
    let sig = huawei::sign(
        &req,
        &huawei::SigningParams { access_key: DEMO_ACCESS_KEY, secret_key: DEMO_SECRET_KEY, timestamp: palisade_emulator::now() },
    )
    .unwrap();
    let mut rb = reqwest::Client::new().get(format!("{base}/api/huawei/cn-north-4{path}"));
    for (n, v) in sig.headers_to_add {
        rb = rb.header(n, v);
    }
    let res = rb.send().await.unwrap();
    assert_eq!(res.status(), 200);
    assert!(res.headers().contains_key("x-request-id"));
    let body: serde_json::Value = res.json().await.unwrap();
    assert_eq!(body["security_groups"].as_array().unwrap().len(), 4);
}

#[tokio::test]
async fn config_offers_the_demo_credentials_in_emulator_mode() {
    let base = serve().await;
    let res = reqwest::get(format!("{base}/api/config")).await.unwrap();
    assert_eq!(res.headers()["cache-control"], "no-store");
    let body: serde_json::Value = res.json().await.unwrap();
    assert_eq!(body["mode"], "emulator");
    assert_eq!(body["demo"]["accessKey"], DEMO_ACCESS_KEY);
    assert!(body["regions"]["bce"].as_array().unwrap().iter().any(|r| r == "bj"));
    assert!(body["regions"]["huawei"].as_array().unwrap().iter().any(|r| r == "cn-north-4"));
}

#[tokio::test]
async fn refusals_are_in_the_clouds_format() {
    let base = serve().await;
    let client = reqwest::Client::new();
    // One status per code: the catalogue's (InvalidURI is 400).
    for (path, status, code) in [
        ("/api/bce/nowhere/v2/securityGroup", 400, "InvalidURI"),
        ("/api/bce/bj/v2/..%2F..%2Fetc", 400, "InvalidURI"),
        ("/api/aws/us-east-1/x", 400, "InvalidURI"),
    ] {
        let res = client.get(format!("{base}{path}")).send().await.unwrap();
        assert_eq!(res.status().as_u16(), status, "{path}");
        let body: serde_json::Value = res.json().await.unwrap();
        assert_eq!(body["code"], code, "{path}");
    }
    let res = client.get(format!("{base}/api/huawei/mars-1/v3/p/vpc/security-groups")).send().await.unwrap();
    assert_eq!(res.status(), 404);
    let body: serde_json::Value = res.json().await.unwrap();
    assert_eq!(body["error_code"], "APIGW.0101");
    let big = vec![b'x'; (1 << 20) + 1];
    let res = client.put(format!("{base}/api/bce/bj/v2/securityGroup/g-web00001?authorizeRule")).body(big).send().await.unwrap();
    assert_eq!(res.status(), 413);
    let body: serde_json::Value = res.json().await.unwrap();
    assert_eq!(body["code"], "RequestEntityTooLarge");
    // Every refusal's code is in the catalogue with the status it was answered with.
    for r in [
        Refusal::UnknownRoute,
        Refusal::RegionNotAllowed,
        Refusal::BadPath,
        Refusal::TooLarge,
        Refusal::Busy,
        Refusal::UpstreamTimeout,
        Refusal::UpstreamDown,
    ] {
        for cloud in palisade_core::Cloud::ALL {
            let code = r.code(cloud);
            assert!(palisade_core::codes::ALL.contains(code), "{r:?}");
            let res = palisade_server::proxy::refusal_response(cloud, &r, "id");
            assert_eq!(res.status().as_u16(), code.status, "{r:?} {cloud:?}");
        }
    }
}

#[tokio::test]
async fn idle_and_slow_body_clients_do_not_starve_the_proxy() {
    let base = serve().await; // 512 requests in flight at most
    let addr = base.strip_prefix("http://").unwrap().to_owned();
    let mut held = Vec::new();
    for _ in 0..600 {
        held.push(tokio::net::TcpStream::connect(&addr).await.unwrap()); // connects, sends nothing
    }
    for _ in 0..600 {
        let s = tokio::net::TcpStream::connect(&addr).await.unwrap();
        // Headers promising 100 bytes of body, then only a few of them.
        let head = format!(
            "PUT /api/bce/bj/v2/securityGroup/g-web00001?authorizeRule HTTP/1.1\r\nHost: {addr}\r\nContent-Length: 100\r\n\r\n{{\"rule\":"
        );
        s.writable().await.unwrap();
        assert_eq!(s.try_write(head.as_bytes()).unwrap(), head.len());
        held.push(s);
    }
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    let started = std::time::Instant::now();
    let mut req = reqwest::Client::new().get(format!("{base}/api/bce/bj/v2/securityGroup"));
    for (n, v) in bce_headers("bcc.bj.baidubce.com", "/v2/securityGroup") {
        req = req.header(n, v);
    }
    let res = req.send().await.unwrap();
    assert_eq!(res.status(), 200, "1,200 idle and slow clients hold no permit: {}", res.text().await.unwrap());
    let took = started.elapsed();
    println!("a normal request beside 600 idle and 600 slow-body connections: {took:?}");
    assert!(took < std::time::Duration::from_secs(1), "{took:?}");
    drop(held);
}

#[tokio::test]
async fn only_the_apis_methods_are_forwarded() {
    let base = serve().await;
    let client = reqwest::Client::new();
    for method in ["TRACE", "PATCH", "OPTIONS", "BREW"] {
        let res = client.request(method.parse().unwrap(), format!("{base}/api/bce/bj/v2/securityGroup")).send().await.unwrap();
        assert_eq!(res.status(), 405, "{method}");
        assert_eq!(res.json::<serde_json::Value>().await.unwrap()["code"], "MethodNotAllowed", "{method}");
    }
}

#[tokio::test]
async fn a_body_over_the_limit_is_413_however_it_is_framed() {
    let base = serve().await;
    let client = reqwest::Client::new();
    // Chunked (no Content-Length): a stream of 1 MiB + 1 bytes.
    let chunks: Vec<Result<Vec<u8>, std::io::Error>> = vec![Ok(vec![b' '; 1 << 19]), Ok(vec![b' '; 1 << 19]), Ok(vec![b' '; 1])];
    let body = reqwest::Body::wrap_stream(futures_util::stream::iter(chunks));
    let res = client.put(format!("{base}/api/bce/bj/v2/securityGroup/g-web00001?authorizeRule")).body(body).send().await.unwrap();
    assert_eq!(res.status(), 413);
    assert_eq!(res.json::<serde_json::Value>().await.unwrap()["code"], "RequestEntityTooLarge");
}

#[tokio::test]
async fn dns_rebinding_another_host_name_or_origin_gets_nothing() {
    let base = serve().await;
    let client = reqwest::Client::new();
    let res = client.get(format!("{base}/")).header("host", "evil.example.com").send().await.unwrap();
    assert_eq!(res.status(), 421, "a Host this server is not configured for");
    let res = client.get(format!("{base}/api/config")).header("host", "evil.example.com:8080").send().await.unwrap();
    assert_eq!(res.status(), 421);
    let mut req = client
        .put(format!("{base}/api/bce/bj/v2/securityGroup/g-web00001?revokeRule"))
        .header("origin", "http://evil.example.com")
        .body("{}");
    for (n, v) in bce_headers("bcc.bj.baidubce.com", "/v2/securityGroup/g-web00001") {
        req = req.header(n, v);
    }
    let res = req.send().await.unwrap();
    assert_eq!(res.status(), 403, "a state-changing call from another site's page");
    assert_eq!(res.json::<serde_json::Value>().await.unwrap()["code"], "AccessDenied");
    let res = client.get(format!("{base}/api/config")).header("origin", "http://evil.example.com").send().await.unwrap();
    assert_eq!(res.status(), 200, "a read is not state-changing");
}

/// Every crafted path is refused before anything is sent anywhere.
#[test]
fn crafted_paths_never_resolve() {
    let regions = Regions::default();
    let attempts = [
        "/api/bce/evil.com/v2/x",
        "/api/bce/bj.evil.com/v2/x",
        "/api/bce/bj@evil.com/v2/x",
        "/api/bce//v2/x",
        "/api/bce/bj//evil.com/x",
        "/api/bce/bj/v2/%2e%2e/x",
        "/api/bce/bj/v2/..%2fx",
        "/api/bce/bj/v2/%2F%2Fevil.com",
        "/api/bce/bj/../huawei/x",
        "/api/bce/bj/v2/./x",
        "/api/bce/127.0.0.1/v2/x",
        "/api/bce/[::1]/v2/x",
        "/api/bce/bj:8080/v2/x",
        "/api/bce/BJ/v2/x",
        "/api/bce/bj/v2/x%00",
        "/api/bce/bj/@evil.com/x",
        "/api/bce/bj/v2\\x",
        "/api/bce/bj/v2/x%0d%0aHost:%20evil.com",
        "/api/huawei/cn-north-4.evil.com/v3/x",
        "/api/huawei/cn-north-4@evil.com/v3/x",
        "/api/huawei/169.254.169.254/latest",
        "/api/http://evil.com/x",
        "/api/bce",
        "/api/bce/bj",
        "/api/bce/bj/",
        "/api//bce/bj/v2/x",
        "/api/bce/%62j/v2/x",
        "/api/bce/bj/v2/%5c..",
        "/api/huawei/cn-north-4/v3/%2E%2E/x",
        "/api/bce/localhost/v2/x",
        "/api/bce/bj/v2/%252e%252e/x",
        "/api/bce/bj/v2/x;y=1",
        "/api/bce/bj/v2/x%3bjsessionid",
        "/api/bce/bj/v2/x/..",
    ];
    assert!(attempts.len() >= 30);
    for a in attempts {
        let uri: axum::http::Uri = match a.parse() {
            Ok(u) => u,
            Err(_) => continue, // not even a URI: nothing to forward
        };
        assert!(resolve(&uri, &regions).is_err(), "{a} must be refused");
    }
    let ok: axum::http::Uri = "/api/bce/bj/v2/securityGroup?maxKeys=10".parse().unwrap();
    let t = resolve(&ok, &regions).unwrap();
    assert_eq!((t.host.as_str(), t.path_and_query.as_str()), ("bcc.bj.baidubce.com", "/v2/securityGroup?maxKeys=10"));
    let _ = Refusal::TooLarge;
}

/// Both `Content-Length` and `Transfer-Encoding: chunked`: the body is framed by the
/// chunks alone and `Content-Length` goes nowhere (a request-smuggling shape). The
/// signed `Content-MD5` covers the whole chunked body, so the emulator's 200 proves the
/// upstream saw exactly that body, not the 5 bytes the length claims.
#[tokio::test]
async fn content_length_beside_chunked_is_framed_by_the_chunks() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let base = serve().await;
    let addr = base.strip_prefix("http://").unwrap().to_owned();
    let body = r#"{"rule":{"protocol":"tcp","portRange":"2222","direction":"ingress","sourceIp":"10.9.0.0/16","remark":"te"}}"#;
    let path = "/v2/securityGroup/g-web00001";
    let query = [("authorizeRule", ""), ("clientToken", "te-cl-1")];
    let call = console::Call { method: "PUT", region: "bj", path, query: &query, body: Some(body) };
    let keys = console::Keys { access_key: DEMO_ACCESS_KEY, secret_key: DEMO_SECRET_KEY, security_token: None };
    let mut head = format!("PUT /api/bce/bj{path}?authorizeRule&clientToken=te-cl-1 HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n");
    for (n, v) in console::bce(&call, &keys, palisade_emulator::now()).unwrap() {
        head.push_str(&format!("{n}: {v}\r\n"));
    }
    head.push_str("Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n");
    let raw = format!("{head}{:x}\r\n{body}\r\n0\r\n\r\n", body.len());
    let mut s = tokio::net::TcpStream::connect(&addr).await.unwrap();
    s.write_all(raw.as_bytes()).await.unwrap();
    let mut answer = String::new();
    s.read_to_string(&mut answer).await.unwrap();
    let status = answer.split_whitespace().nth(1).unwrap_or_default();
    assert!(status == "200" || status == "400", "framed by the chunks (200) or refused (400): {answer}");
    if status == "200" {
        let mut req = reqwest::Client::new().get(format!("{base}/api/bce/bj{path}"));
        for (n, v) in bce_headers("bcc.bj.baidubce.com", path) {
            req = req.header(n, v);
        }
        let g: serde_json::Value = req.send().await.unwrap().json().await.unwrap();
        let added = g["rules"].as_array().unwrap().iter().find(|r| r["portRange"] == "2222").cloned();
        assert_eq!(added.unwrap()["remark"], "te", "the whole chunked body arrived: {g}");
    }
}
