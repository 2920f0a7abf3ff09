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
        (vec!["--url", "http://h/x", "-H", "NoColon"], "-H number 1 is not 'Name: value'"),
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

/// Runs `palisade sign` with `stdin` on standard input.
fn palisade_stdin(args: &[&str], stdin: &str, env: &[(&str, &str)]) -> (i32, String, String) {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_palisade"))
        .args(args)
        .env_remove("PALISADE_SK")
        .env_remove("PALISADE_SECURITY_TOKEN")
        .envs(env.iter().copied())
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("run palisade");
    child.stdin.take().unwrap().write_all(stdin.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    (out.status.code().unwrap_or(-1), String::from_utf8(out.stdout).unwrap(), String::from_utf8(out.stderr).unwrap())
}

#[test]
fn the_secret_key_comes_from_standard_input_and_a_token_from_the_environment() {
    let url = "http://127.0.0.1:8787/v2/securityGroup?maxKeys=10";
    let base = ["sign", "bce", "--ak", "AKID", "--url", url, "--timestamp", "2026-03-02T04:58:06Z"];
    let with_flag: Vec<&str> = base.iter().copied().chain(["--sk", "SECRET"]).collect();
    let (code, expected, err) = palisade_stdin(&with_flag, "", &[]);
    assert_eq!(code, 0, "{err}");
    // The same signature with the key on standard input (a line end after it).
    let from_stdin: Vec<&str> = base.iter().copied().chain(["--sk-file", "-"]).collect();
    let (code, out, err) = palisade_stdin(&from_stdin, "SECRET\n", &[]);
    assert_eq!((code, out.as_str()), (0, expected.as_str()), "{err}");
    // Nothing to sign with: said, with the ways to give it.
    let (code, _, err) = palisade_stdin(&from_stdin, "\n", &[]);
    assert_eq!(code, 2);
    assert!(err.contains("empty"), "{err}");

    // A security token from the environment: sent, signed, and printed with the headers.
    let (code, out, err) = palisade_stdin(&from_stdin, "SECRET\n", &[("PALISADE_SECURITY_TOKEN", "sts-token-1")]);
    assert_eq!(code, 0, "{err}");
    let added = headers(&out);
    assert_eq!(added.last(), Some(&("x-bce-security-token".to_owned(), "sts-token-1".to_owned())));
    let h: Vec<(&str, &str)> = added.iter().map(|(n, v)| (n.as_str(), v.as_str())).collect();
    let q = [("maxKeys", "10")];
    let req = SignableRequest { method: "GET", host: "127.0.0.1:8787", path: "/v2/securityGroup", query: &q, headers: &h, body: b"" };
    let creds = StaticCredentials(vec![("AKID".into(), "SECRET".into())]);
    assert_eq!(bce::verify(&req, 1772427486, &creds), Ok("AKID".to_owned()), "the token is signed");
    // Another token does not verify under that signature.
    let forged: Vec<(&str, &str)> = h.iter().map(|&(n, v)| if n == "x-bce-security-token" { (n, "sts-token-2") } else { (n, v) }).collect();
    let req = SignableRequest { headers: &forged, ..req };
    assert!(bce::verify(&req, 1772427486, &creds).is_err());

    // Huawei takes the token as X-Security-Token, as an option too.
    let hw =
        ["sign", "huawei", "--ak", "AKID", "--sk-file", "-", "--url", "https://vpc.cn-north-4.myhuaweicloud.com/v3/p/vpc/security-groups"];
    let with_token: Vec<&str> = hw.iter().copied().chain(["--security-token", "hw-token"]).collect();
    let (code, out, err) = palisade_stdin(&with_token, "SECRET", &[]);
    assert_eq!(code, 0, "{err}");
    assert!(out.lines().any(|l| l == "X-Security-Token: hw-token"), "{out}");
    assert!(out.lines().any(|l| l.starts_with("Authorization:") && l.contains("x-security-token")), "signed: {out}");
}

#[test]
fn a_malformed_header_is_located_never_echoed() {
    let (code, out, err) = palisade(&[
        "sign",
        "bce",
        "--ak",
        "AKID",
        "--sk",
        "SECRET",
        "--url",
        "http://127.0.0.1:8787/v2/securityGroup",
        "-H",
        "Content-Type: application/json",
        "-H",
        "x-bce-security-token=secret-token-value",
    ]);
    assert_eq!((code, out.as_str()), (2, ""));
    assert!(err.contains("-H number 2"), "{err}");
    assert!(!err.contains("secret-token-value") && !err.contains("SECRET"), "{err}");
}
