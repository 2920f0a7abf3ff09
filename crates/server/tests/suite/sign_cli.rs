//! `palisade sign` through the real binary: its output verifies with the core verifier,
//! and it reproduces an official vector.

use std::process::Command;

use palisade_core::sign::{bce, huawei, SignableRequest, StaticCredentials};

fn palisade(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_palisade")).args(args).env_remove("PALISADE_SK").output().expect("run palisade");
    (out.status.code().unwrap_or(-1), String::from_utf8(out.stdout).unwrap(), String::from_utf8(out.stderr).unwrap())
}

fn headers(stdout: &str) -> Vec<(String, String)> {
    stdout.lines().map(|l| l.split_once(": ").map(|(n, v)| (n.to_owned(), v.to_owned())).expect("Name: value")).collect()
}

#[test]
fn bce_signature_verifies_and_adds_the_date() {
    let (code, out, err) = palisade(&[
        "sign",
        "bce",
        "--ak",
        "AKID",
        "--sk",
        "SECRET",
        "--method",
        "PUT",
        "--url",
        "http://127.0.0.1:8787/v2/securityGroup/g-1?authorizeRule&clientToken=t%201",
        "-H",
        "Content-Type: application/json",
        "--data",
        "{}",
        "--timestamp",
        "2026-03-02T04:58:06Z",
    ]);
    assert_eq!(code, 0, "{err}");
    let added = headers(&out);
    assert_eq!(added.len(), 2, "Authorization and x-bce-date: {out}");
    assert_eq!(added[1], ("x-bce-date".to_owned(), "2026-03-02T04:58:06Z".to_owned()));
    assert!(added[0].1.starts_with("bce-auth-v1/AKID/2026-03-02T04:58:06Z/1800//"));
    assert!(!out.contains("SECRET") && !err.contains("SECRET"), "the secret key is never printed");

    let mut h = vec![("Content-Type", "application/json")];
    h.extend(added.iter().map(|(n, v)| (n.as_str(), v.as_str())));
    let q = [("authorizeRule", ""), ("clientToken", "t 1")];
    let req = SignableRequest { method: "PUT", host: "127.0.0.1:8787", path: "/v2/securityGroup/g-1", query: &q, headers: &h, body: b"{}" };
    let creds = StaticCredentials(vec![("AKID".into(), "SECRET".into())]);
    assert_eq!(bce::verify(&req, 1772427486, &creds), Ok("AKID".to_owned()));
}

#[test]
fn bce_reproduces_an_official_vector() {
    // bce-001 of shared/vectors/bce-auth-v1.json (explicit signed headers, encoded path).
    let (code, out, err) = palisade(&[
        "sign",
        "bce",
        "--ak",
        "PkkGoaXmI63JozGw82KwD6rQJM",
        "--sk",
        &vector_sk(),
        "--method",
        "GET",
        "--url",
        "http://bcc.fwh.baidubce.com/v1/%3D_%E5%85%A8/x-81c6r12m?q=CQ",
        "-H",
        "x-bce-date: 2019-05-15T18:32:34Z",
        "--signed-headers",
        "host;x-bce-date",
        "--timestamp",
        "2019-05-15T18:32:34Z",
    ]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(headers(&out)[0].1, vector_auth());
}

fn vector_case() -> serde_json::Value {
    let doc: serde_json::Value =
        serde_json::from_str(include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/../core/tests/data/vectors/bce-auth-v1.json"))).unwrap();
    doc["cases"].as_array().unwrap().iter().find(|c| c["name"] == "bce-001-get-read").unwrap().clone()
}
fn vector_sk() -> String {
    vector_case()["secret_access_key"].as_str().unwrap().to_owned()
}
fn vector_auth() -> String {
    vector_case()["expected"]["authorization"].as_str().unwrap().to_owned()
}

#[test]
fn huawei_signature_verifies() {
    let (code, out, err) = palisade(&[
        "sign",
        "huawei",
        "--ak",
        "HWAK",
        "--sk",
        "HWSK",
        "--method",
        "GET",
        "--url",
        "https://vpc.cn-north-4.myhuaweicloud.com/v3/p1/vpc/security-groups?limit=10",
        "--timestamp",
        "2026-03-02T04:58:06Z",
    ]);
    assert_eq!(code, 0, "{err}");
    let added = headers(&out);
    assert_eq!(added[1], ("X-Sdk-Date".to_owned(), "20260302T045806Z".to_owned()));
    assert!(added[0].1.starts_with("SDK-HMAC-SHA256 Access=HWAK, SignedHeaders=host;x-sdk-date, Signature="));
    let h: Vec<(&str, &str)> = added.iter().map(|(n, v)| (n.as_str(), v.as_str())).collect();
    let q = [("limit", "10")];
    let req = SignableRequest {
        method: "GET",
        host: "vpc.cn-north-4.myhuaweicloud.com",
        path: "/v3/p1/vpc/security-groups",
        query: &q,
        headers: &h,
        body: b"",
    };
    let creds = StaticCredentials(vec![("HWAK".into(), "HWSK".into())]);
    assert_eq!(huawei::verify(&req, 1772427486, &creds), Ok("HWAK".to_owned()));
}

#[test]
fn bad_input_is_a_clear_error_not_a_panic() {
    for (args, want) in [
        (vec!["--url", "not a url"], "--url is not an absolute"),
        (vec!["--url", "ftp://h/x"], "scheme ftp"),
        (vec!["--url", "http://h/x", "-H", "NoColon"], "a header must be 'Name: value'"),
        (vec!["--url", "http://h/x", "--timestamp", "yesterday"], "--timestamp must be RFC 3339"),
    ] {
        let mut full = vec!["sign", "bce", "--ak", "a", "--sk", "s"];
        full.extend(args);
        let (code, out, err) = palisade(&full);
        assert_eq!(code, 2, "{full:?}");
        assert!(out.is_empty());
        assert!(err.contains(want), "{err}");
    }
}
