//! Verification rejects a change to any signed part, and accepts what was signed.

use palisade_core::sign::{bce, huawei, SignableRequest, StaticCredentials, VerifyError};

const NOW: i64 = 1_790_000_000;

fn creds() -> StaticCredentials {
    StaticCredentials(vec![("AKID".into(), "secret-key".into())])
}

/// An owned request that tests can alter one part at a time.
#[derive(Clone)]
struct Req {
    method: String,
    host: String,
    path: String,
    query: Vec<(String, String)>,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Req {
    fn view<'a>(&'a self, q: &'a [(&'a str, &'a str)], h: &'a [(&'a str, &'a str)]) -> SignableRequest<'a> {
        SignableRequest { method: &self.method, host: &self.host, path: &self.path, query: q, headers: h, body: &self.body }
    }

    fn with<R>(&self, f: impl FnOnce(&SignableRequest<'_>) -> R) -> R {
        let q: Vec<(&str, &str)> = self.query.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
        let h: Vec<(&str, &str)> = self.headers.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
        f(&self.view(&q, &h))
    }

    fn set_header(&mut self, name: &str, value: &str) {
        self.headers.retain(|(n, _)| !n.eq_ignore_ascii_case(name));
        self.headers.push((name.to_owned(), value.to_owned()));
    }
}

fn base(host: &str) -> Req {
    Req {
        method: "PUT".into(),
        host: host.into(),
        path: "/v2/securityGroup/g-abc123".into(),
        query: vec![("authorizeRule".into(), "".into()), ("clientToken".into(), "tok-1".into())],
        headers: vec![("Content-Type".into(), "application/json;charset=utf-8".into())],
        body: br#"{"rule":{"protocol":"tcp","portRange":"22","direction":"ingress"}}"#.to_vec(),
    }
}

fn bce_signed(at: i64, list: Option<&[&str]>) -> Req {
    let mut r = base("bcc.bj.baidubce.com");
    let sig = r
        .with(|v| {
            bce::sign(
                v,
                &bce::SigningParams {
                    access_key_id: "AKID",
                    secret_access_key: "secret-key",
                    timestamp: at,
                    expiration_secs: 1800,
                    signed_headers: list,
                },
            )
        })
        .unwrap();
    for (n, v) in sig.headers_to_add {
        r.set_header(&n, &v);
    }
    r
}

fn bce_verify(r: &Req, now: i64) -> Result<String, VerifyError> {
    r.with(|v| bce::verify(v, now, &creds()))
}

#[test]
fn bce_accepts_what_it_signed_and_rejects_every_change() {
    let list: &[&str] = &["host", "x-bce-date", "content-type", "content-md5"];
    let good = bce_signed(NOW, Some(list));
    assert_eq!(bce_verify(&good, NOW).as_deref(), Ok("AKID"));
    let mismatch = |r: &Req| matches!(bce_verify(r, NOW), Err(VerifyError::SignatureMismatch { .. }));

    let mut r = good.clone();
    r.method = "POST".into();
    assert!(mismatch(&r), "method");
    let mut r = good.clone();
    r.path = "/v2/securityGroup/g-other".into();
    assert!(mismatch(&r), "path");
    let mut r = good.clone();
    r.query[1].1 = "tok-2".into();
    assert!(mismatch(&r), "query value");
    let mut r = good.clone();
    r.query.push(("sgVersion".into(), "3".into()));
    assert!(mismatch(&r), "added query parameter");
    let mut r = good.clone();
    r.set_header("Content-Type", "text/plain");
    assert!(mismatch(&r), "signed header");
    let mut r = good.clone();
    r.host = "bcc.gz.baidubce.com".into();
    assert!(mismatch(&r), "host");
    // bce-auth-v1 has no payload hash: the body is protected by signing Content-MD5,
    // which the verifier checks against the body that arrived.
    let with_md5 = |r: &mut Req| {
        let md5 = palisade_core::sign::content_md5(&r.body);
        r.set_header("Content-MD5", &md5);
    };
    let mut signed_md5 = base("bcc.bj.baidubce.com");
    with_md5(&mut signed_md5);
    let sig = signed_md5
        .with(|v| {
            bce::sign(
                v,
                &bce::SigningParams {
                    access_key_id: "AKID",
                    secret_access_key: "secret-key",
                    timestamp: NOW,
                    expiration_secs: 1800,
                    signed_headers: Some(list),
                },
            )
        })
        .unwrap();
    for (n, v) in sig.headers_to_add {
        signed_md5.set_header(&n, &v);
    }
    assert_eq!(bce_verify(&signed_md5, NOW).as_deref(), Ok("AKID"));
    let mut r = signed_md5.clone();
    r.body = br#"{"rule":{"protocol":"tcp","portRange":"1-65535","direction":"ingress"}}"#.to_vec();
    assert_eq!(bce_verify(&r, NOW), Err(VerifyError::PayloadMismatch), "another body under the same Content-MD5");
    with_md5(&mut r);
    assert!(mismatch(&r), "another body with its own Content-MD5: the signed digest changed");

    // The expiration is capped, and an explicit list must sign `host` (the region).
    let long = base("bcc.bj.baidubce.com")
        .with(|v| {
            bce::sign(
                v,
                &bce::SigningParams {
                    access_key_id: "AKID",
                    secret_access_key: "secret-key",
                    timestamp: NOW,
                    expiration_secs: 7200,
                    signed_headers: Some(list),
                },
            )
        })
        .unwrap();
    let mut r = base("bcc.bj.baidubce.com");
    for (n, v) in long.headers_to_add {
        r.set_header(&n, &v);
    }
    assert!(matches!(bce_verify(&r, NOW), Err(VerifyError::MalformedAuthorization(_))), "expiration over the cap");
    let no_host = bce_signed(NOW, Some(&["x-bce-date", "content-type"]));
    assert!(matches!(bce_verify(&no_host, NOW), Err(VerifyError::MalformedAuthorization(_))), "host not signed");

    let mut r = good.clone();
    let auth = r.headers.iter().find(|(n, _)| n == "Authorization").unwrap().1.replace("/AKID/", "/OTHER/");
    r.set_header("Authorization", &auth);
    assert_eq!(bce_verify(&r, NOW), Err(VerifyError::UnknownAccessKey));
    let mut r = good.clone();
    r.set_header("Authorization", "bce-auth-v1/AKID/garbage");
    assert!(matches!(bce_verify(&r, NOW), Err(VerifyError::MalformedAuthorization(_))));
    let mut r = good.clone();
    r.headers.retain(|(n, _)| n != "Authorization");
    assert_eq!(bce_verify(&r, NOW), Err(VerifyError::MissingAuthorization));

    assert_eq!(bce_verify(&good, NOW + 1801), Err(VerifyError::Expired));
    assert!(bce_verify(&good, NOW + 1800).is_ok(), "valid to the last second");
    assert_eq!(bce_verify(&good, NOW - 16 * 60), Err(VerifyError::NotYetValid));
}

#[test]
fn bce_default_set_signs_every_x_bce_header() {
    let mut good = bce_signed(NOW, None);
    good.set_header("x-bce-security-token", "sts-token");
    // Added after signing: the default set covers every x-bce-* header, so it breaks.
    assert!(matches!(bce_verify(&good, NOW), Err(VerifyError::SignatureMismatch { .. })));
}

fn hw_signed(at: i64) -> Req {
    let mut r = base("vpc.cn-north-4.myhuaweicloud.com");
    r.path = "/v3/0123456789abcdef0123456789abcdef/vpc/security-groups/69c999ad".into();
    r.query = vec![("limit".into(), "10".into())];
    r.set_header("X-Project-Id", "0123456789abcdef0123456789abcdef");
    let sig = r.with(|v| huawei::sign(v, &huawei::SigningParams { access_key: "AKID", secret_key: "secret-key", timestamp: at })).unwrap();
    for (n, v) in sig.headers_to_add {
        r.set_header(&n, &v);
    }
    r
}

fn hw_verify(r: &Req, now: i64) -> Result<String, VerifyError> {
    r.with(|v| huawei::verify(v, now, &creds()))
}

#[test]
fn huawei_accepts_what_it_signed_and_rejects_every_change() {
    let good = hw_signed(NOW);
    assert_eq!(hw_verify(&good, NOW).as_deref(), Ok("AKID"));
    let mismatch = |r: &Req| matches!(hw_verify(r, NOW), Err(VerifyError::SignatureMismatch { .. }));
    let mut r = good.clone();
    r.method = "DELETE".into();
    assert!(mismatch(&r), "method");
    let mut r = good.clone();
    r.path.push('x');
    assert!(mismatch(&r), "path");
    let mut r = good.clone();
    r.query[0].1 = "11".into();
    assert!(mismatch(&r), "query");
    let mut r = good.clone();
    r.set_header("X-Project-Id", "ffffffffffffffffffffffffffffffff");
    assert!(mismatch(&r), "signed header");
    let mut r = good.clone();
    r.body.push(b' ');
    assert!(mismatch(&r), "body (its SHA-256 is signed)");
    let mut r = good.clone();
    r.host = "vpc.cn-east-3.myhuaweicloud.com".into();
    assert!(mismatch(&r), "host");
    let mut r = good.clone();
    let auth = r.headers.iter().find(|(n, _)| n == "Authorization").unwrap().1.replace("Access=AKID", "Access=NOPE");
    r.set_header("Authorization", &auth);
    assert_eq!(hw_verify(&r, NOW), Err(VerifyError::UnknownAccessKey));
    assert_eq!(hw_verify(&good, NOW + 15 * 60 + 1), Err(VerifyError::Expired));
    assert_eq!(hw_verify(&good, NOW - 15 * 60 - 1), Err(VerifyError::NotYetValid));
    assert!(hw_verify(&good, NOW + 15 * 60).is_ok());
    // A client-sent payload hash must be the body's: otherwise a captured request would
    // accept any body under its signature.
    let mut claimed = base("vpc.cn-north-4.myhuaweicloud.com");
    claimed.path = good.path.clone();
    let hash = palisade_core::sign::sha256_hex(&claimed.body);
    claimed.set_header("X-Sdk-Content-Sha256", &hash);
    let sig =
        claimed.with(|v| huawei::sign(v, &huawei::SigningParams { access_key: "AKID", secret_key: "secret-key", timestamp: NOW })).unwrap();
    for (n, v) in sig.headers_to_add {
        claimed.set_header(&n, &v);
    }
    assert_eq!(hw_verify(&claimed, NOW).as_deref(), Ok("AKID"));
    let mut r = claimed.clone();
    r.body = b"{}".to_vec();
    assert_eq!(hw_verify(&r, NOW), Err(VerifyError::PayloadMismatch), "the claimed hash is not the body's");
    let mut r = claimed.clone();
    r.set_header("X-Sdk-Content-Sha256", "UNSIGNED-PAYLOAD");
    assert_eq!(hw_verify(&r, NOW), Err(VerifyError::PayloadMismatch), "UNSIGNED-PAYLOAD is not for a JSON body");
    // A header the signer did not sign may change (the proxy adds some).
    let mut r = good.clone();
    r.set_header("User-Agent", "curl");
    assert!(!mismatch(&r) && hw_verify(&r, NOW).is_ok(), "unsigned headers are free");
}
