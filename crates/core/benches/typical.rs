//! The typical requests signing is measured on, and the floor of each: shared by the
//! criterion bench (`benches/core.rs`) and `examples/sign_ratio.rs` so both time the same.

use std::hint::black_box;

use palisade_core::sign::{bce, hmac_sha256_hex, huawei, sha256_hex, SignableRequest};

pub const TIMESTAMP: i64 = 1_795_341_600;
pub const BCE_PREFIX: &str = "bce-auth-v1/ak/2026-11-22T10:00:00Z/1800";
const BCE_BODY: &[u8] = br#"{"rule":{"remark":"ssh","protocol":"tcp","portRange":"22","direction":"ingress","sourceIp":"0.0.0.0/0"}}"#;
pub const BCE_QUERY: [(&str, &str); 3] =
    [("authorizeRule", ""), ("clientToken", "3f0b6c1e-7d6f-4a8e-9a43-9c1f2a1b7e55"), ("sgVersion", "12")];
const BCE_HEADERS: [(&str, &str); 3] = [
    ("Content-Type", "application/json;charset=utf-8"),
    ("Content-MD5", "q8yH1nHq1qv2mF0aGm1K6w=="),
    ("x-bce-date", "2026-11-22T10:00:00Z"),
];
pub const BCE_SIGNED: &[&str] = &["content-md5", "content-type", "host", "x-bce-date"];
const CONSOLE_HEADERS: [(&str, &str); 1] = [("Content-Type", "application/json;charset=utf-8")];
const CONSOLE_SIGNED: &[&str] = &["host", "x-bce-date"];
const HUAWEI_BODY: &[u8] = br#"{"security_group":{"name":"security_group_2","description":"modified description"}}"#;
const HUAWEI_HEADERS: [(&str, &str); 3] = [
    ("Content-Type", "application/json;charset=utf-8"),
    ("X-Project-Id", "060576782980d5762f9ec014dd2f1148"),
    ("X-Sdk-Date", "20261122T100000Z"),
];

/// A Baidu authorize call signing `content-md5;content-type;host;x-bce-date`.
pub fn bce_authorize() -> (SignableRequest<'static>, bce::SigningParams<'static>) {
    let req = SignableRequest {
        method: "PUT",
        host: "bcc.bj.baidubce.com",
        path: "/v2/securityGroup/g-nky7qeom",
        query: &BCE_QUERY,
        headers: &BCE_HEADERS,
        body: BCE_BODY,
    };
    let params = bce::SigningParams {
        access_key_id: "ak",
        secret_access_key: "sk",
        timestamp: TIMESTAMP,
        expiration_secs: 1800,
        signed_headers: Some(BCE_SIGNED),
    };
    (req, params)
}

/// The same call as the console sends it: `host;x-bce-date` signed, Content-Type unsigned.
pub fn bce_console() -> (SignableRequest<'static>, bce::SigningParams<'static>) {
    let (req, params) = bce_authorize();
    (SignableRequest { headers: &CONSOLE_HEADERS, ..req }, bce::SigningParams { signed_headers: Some(CONSOLE_SIGNED), ..params })
}

/// A Huawei security-group update with its body.
pub fn huawei_update() -> (SignableRequest<'static>, huawei::SigningParams<'static>) {
    let req = SignableRequest {
        method: "PUT",
        host: "vpc.cn-north-4.myhuaweicloud.com",
        path: "/v3/060576782980d5762f9ec014dd2f1148/vpc/security-groups/69c999ad-d9ef-4d79-94fd-35e6ceb75325",
        query: &[],
        headers: &HUAWEI_HEADERS,
        body: HUAWEI_BODY,
    };
    (req, huawei::SigningParams { access_key: "ak", secret_key: "sk", timestamp: TIMESTAMP })
}

/// bce-auth-v1's floor: the two HMACs it needs, over a canonical request of this length.
pub fn bce_floor(canonical_request: &str) -> String {
    let key = hmac_sha256_hex(black_box(b"sk"), black_box(BCE_PREFIX.as_bytes()));
    hmac_sha256_hex(key.as_bytes(), black_box(canonical_request.as_bytes()))
}

/// SDK-HMAC-SHA256's floor: SHA-256 of the body and of the canonical request, one HMAC.
pub fn huawei_floor(signature: &huawei::Signature) -> String {
    black_box(sha256_hex(black_box(HUAWEI_BODY)));
    black_box(sha256_hex(black_box(signature.canonical_request.as_bytes())));
    hmac_sha256_hex(black_box(b"sk"), black_box(signature.string_to_sign.as_bytes()))
}
