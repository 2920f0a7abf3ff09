//! `./dev bench`: validation of a 20-rule ESG create, and signing/verifying a typical
//! request of each scheme beside the bare primitive calls that scheme cannot avoid.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};
use palisade_core::bce::esg::CreateEsgRequest;
use palisade_core::sign::{bce, hmac_sha256_hex, huawei, sha256_hex, SignableRequest, StaticCredentials};
use palisade_core::validate::esg;

fn esg_create() -> CreateEsgRequest {
    let rules: Vec<serde_json::Value> = (0..20)
        .map(|i| {
            serde_json::json!({"remark": format!("rule {i}"), "protocol": "tcp", "portRange": format!("{}-{}", 1000 + i, 2000 + i),
                "sourcePortRange": "1-65535", "direction": "ingress", "sourceIp": format!("10.{i}.0.0/16"), "localIp": "all",
                "ethertype": "IPv4", "action": "allow", "priority": (i + 1).to_string()})
        })
        .collect();
    serde_json::from_value(serde_json::json!({"name": "bench-esg", "desc": "twenty rules", "rules": rules})).unwrap()
}

const BODY: &[u8] = br#"{"rule":{"remark":"ssh","protocol":"tcp","portRange":"22","direction":"ingress","sourceIp":"0.0.0.0/0"}}"#;

fn bench(c: &mut Criterion) {
    let req = esg_create();
    assert!(esg::validate_create(&req).is_empty());
    c.bench_function("validate/esg_create_20_rules", |b| b.iter(|| esg::validate_create(black_box(&req))));

    // Baidu: the console's authorize call, signing host;x-bce-date;content-type;content-md5.
    let q = [("authorizeRule", ""), ("clientToken", "3f0b6c1e-7d6f-4a8e-9a43-9c1f2a1b7e55"), ("sgVersion", "12")];
    let h = [("Content-Type", "application/json;charset=utf-8"), ("Content-MD5", "q8yH1nHq1qv2mF0aGm1K6w=="), ("x-bce-date", "2026-11-22T10:00:00Z")];
    let bce_req = SignableRequest { method: "PUT", host: "bcc.bj.baidubce.com", path: "/v2/securityGroup/g-nky7qeom", query: &q, headers: &h, body: BODY };
    let list: &[&str] = &["content-md5", "content-type", "host", "x-bce-date"];
    let params = bce::SigningParams { access_key_id: "ak", secret_access_key: "sk", timestamp: 1_795_341_600, expiration_secs: 1800, signed_headers: Some(list) };
    let signed = bce::sign(&bce_req, &params).unwrap();
    c.bench_function("part/bce_canonical", |b| b.iter(|| bce::canonical_request(black_box(&bce_req), Some(list))));
    c.bench_function("part/bce_query", |b| b.iter(|| bce::canonical_query(black_box(&q))));
    c.bench_function("part/bce_headers", |b| b.iter(|| bce::canonical_headers(black_box(&bce_req), Some(list))));
    c.bench_function("part/bce_uri", |b| b.iter(|| bce::canonical_uri(black_box("/v2/securityGroup/g-nky7qeom"))));
    c.bench_function("part/format_bce", |b| b.iter(|| palisade_core::sign::timestamp::format_bce(black_box(1_795_341_600))));
    c.bench_function("part/hmac_sk_prefix", |b| b.iter(|| hmac_sha256_hex(black_box(b"sk"), black_box(b"bce-auth-v1/ak/2026-11-22T10:00:00Z/1800"))));
    c.bench_function("sign/bce", |b| b.iter(|| bce::sign(black_box(&bce_req), black_box(&params))));
    let mut hv = h.to_vec();
    hv.push(("Authorization", signed.authorization()));
    let verify_req = SignableRequest { headers: &hv, ..bce_req };
    let creds = StaticCredentials(vec![("ak".into(), "sk".into())]);
    assert!(bce::verify(&verify_req, 1_795_341_600, &creds).is_ok());
    c.bench_function("verify/bce", |b| b.iter(|| bce::verify(black_box(&verify_req), 1_795_341_600, &creds)));
    // The floor: bce-auth-v1 needs two HMACs of these sizes.
    let prefix = "bce-auth-v1/ak/2026-11-22T10:00:00Z/1800";
    let key = hmac_sha256_hex(b"sk", prefix.as_bytes());
    c.bench_function("floor/bce_two_hmacs", |b| {
        b.iter(|| {
            let k = hmac_sha256_hex(black_box(b"sk"), black_box(prefix.as_bytes()));
            hmac_sha256_hex(k.as_bytes(), black_box(signed.canonical_request.as_bytes()))
        })
    });
    let _ = key;

    // What the console itself sends: `host;x-bce-date` signed, Content-Type sent unsigned.
    let console_h = [("Content-Type", "application/json;charset=utf-8")];
    let console_req = SignableRequest { headers: &console_h, ..bce_req };
    let console_list: &[&str] = &["host", "x-bce-date"];
    let console_params = bce::SigningParams { signed_headers: Some(console_list), ..params };
    let console_canonical = bce::sign(&console_req, &console_params).unwrap().canonical_request;
    c.bench_function("sign/bce_console", |b| b.iter(|| bce::sign(black_box(&console_req), black_box(&console_params))));
    c.bench_function("floor/bce_console_two_hmacs", |b| {
        b.iter(|| {
            let k = hmac_sha256_hex(black_box(b"sk"), black_box(prefix.as_bytes()));
            hmac_sha256_hex(k.as_bytes(), black_box(console_canonical.as_bytes()))
        })
    });

    // Huawei: the update call with its body.
    let hw_body = br#"{"security_group":{"name":"security_group_2","description":"modified description"}}"#;
    let hh = [("Content-Type", "application/json;charset=utf-8"), ("X-Project-Id", "060576782980d5762f9ec014dd2f1148"), ("X-Sdk-Date", "20261122T100000Z")];
    let hw_req = SignableRequest {
        method: "PUT",
        host: "vpc.cn-north-4.myhuaweicloud.com",
        path: "/v3/060576782980d5762f9ec014dd2f1148/vpc/security-groups/69c999ad-d9ef-4d79-94fd-35e6ceb75325",
        query: &[],
        headers: &hh,
        body: hw_body,
    };
    let hp = huawei::SigningParams { access_key: "ak", secret_key: "sk", timestamp: 1_795_341_600 };
    let hs = huawei::sign(&hw_req, &hp).unwrap();
    c.bench_function("sign/huawei", |b| b.iter(|| huawei::sign(black_box(&hw_req), black_box(&hp))));
    let mut hv = hh.to_vec();
    hv.push(("Authorization", hs.authorization()));
    let hw_verify = SignableRequest { headers: &hv, ..hw_req };
    assert!(huawei::verify(&hw_verify, 1_795_341_600, &creds).is_ok());
    c.bench_function("verify/huawei", |b| b.iter(|| huawei::verify(black_box(&hw_verify), 1_795_341_600, &creds)));
    // The floor: SHA-256 of the body, SHA-256 of the canonical request, one HMAC.
    c.bench_function("floor/huawei_two_sha256_one_hmac", |b| {
        b.iter(|| {
            let body = sha256_hex(black_box(hw_body));
            let cr = sha256_hex(black_box(hs.canonical_request.as_bytes()));
            let _ = (body, &cr);
            hmac_sha256_hex(black_box(b"sk"), black_box(hs.string_to_sign.as_bytes()))
        })
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(50).measurement_time(std::time::Duration::from_secs(3)).warm_up_time(std::time::Duration::from_secs(1));
    targets = bench
}
criterion_main!(benches);
