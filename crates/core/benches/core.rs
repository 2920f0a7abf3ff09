//! `./dev bench`: validation of a 20-rule ESG create, a change plan between two 1,000-rule
//! versions of a group, and signing/verifying a typical
//! request of each scheme beside the bare primitive calls that scheme cannot avoid.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};
use palisade_core::bce::esg::{CreateEsgRequest, EsgRule, Priority};
use palisade_core::plan;
use palisade_core::sign::{bce, hmac_sha256_hex, huawei, SignableRequest, StaticCredentials};
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

mod typical;

/// A 1,000-rule enterprise group and a draft of it: every tenth rule's ports changed,
/// every twentieth deleted, 50 new rules.
fn esg_versions() -> (Vec<EsgRule>, Vec<EsgRule>) {
    let rule = |i: usize, id: Option<String>| EsgRule {
        enterprise_security_group_rule_id: id,
        direction: Some(if i.is_multiple_of(2) { "ingress" } else { "egress" }.into()),
        ethertype: Some("IPv4".into()),
        protocol: Some("tcp".into()),
        port_range: Some(format!("{}", 1000 + i)),
        source_ip: Some(format!("10.{}.{}.0/24", i / 256, i % 256)),
        local_ip: Some("all".into()),
        action: Some(if i.is_multiple_of(7) { "deny" } else { "allow" }.into()),
        priority: Some(Priority::Number(((i % 1000) as i64 + 1).into())),
        remark: Some(format!("rule {i}")),
        ..Default::default()
    };
    let base: Vec<EsgRule> = (0..1000).map(|i| rule(i, Some(format!("esgr-{i}")))).collect();
    let mut draft: Vec<EsgRule> = base.iter().enumerate().filter(|(i, _)| i % 20 != 19).map(|(_, r)| r.clone()).collect();
    for r in draft.iter_mut().step_by(10) {
        r.port_range = Some("8000-8100".into());
    }
    draft.extend((1000..1050).map(|i| rule(i, None)));
    (base, draft)
}

fn bench(c: &mut Criterion) {
    let (base, draft) = esg_versions();
    let caps = plan::Caps { semantics: palisade_core::reach::Semantics::Priority, update_in_place: true, quota_per_direction: None };
    c.bench_function("plan/esg_1000_rules", |b| b.iter(|| plan::plan(black_box(&base), black_box(&draft), caps)));
    let p = plan::plan(&base, &draft, caps);
    c.bench_function("plan/esg_1000_rules_warnings", |b| b.iter(|| plan::warnings(black_box(&base), black_box(&draft), &p, caps)));
    let req = esg_create();
    assert!(esg::validate_create(&req).is_empty());
    c.bench_function("validate/esg_create_20_rules", |b| b.iter(|| esg::validate_create(black_box(&req))));

    let (bce_req, params) = typical::bce_authorize();
    let list = typical::BCE_SIGNED;
    let signed = bce::sign(&bce_req, &params).unwrap();
    c.bench_function("part/bce_canonical", |b| b.iter(|| bce::canonical_request(black_box(&bce_req), Some(list))));
    c.bench_function("part/bce_query", |b| b.iter(|| bce::canonical_query(black_box(&typical::BCE_QUERY))));
    c.bench_function("part/bce_headers", |b| b.iter(|| bce::canonical_headers(black_box(&bce_req), Some(list))));
    c.bench_function("part/bce_uri", |b| b.iter(|| bce::canonical_uri(black_box(bce_req.path))));
    c.bench_function("part/format_bce", |b| b.iter(|| palisade_core::sign::timestamp::format_bce(black_box(typical::TIMESTAMP))));
    c.bench_function("part/hmac_sk_prefix", |b| b.iter(|| hmac_sha256_hex(black_box(b"sk"), black_box(typical::BCE_PREFIX.as_bytes()))));
    c.bench_function("sign/bce", |b| b.iter(|| bce::sign(black_box(&bce_req), black_box(&params))));
    let mut hv = bce_req.headers.to_vec();
    hv.push(("Authorization", signed.authorization()));
    let verify_req = SignableRequest { headers: &hv, ..bce_req };
    let creds = StaticCredentials(vec![("ak".into(), "sk".into())]);
    assert!(bce::verify(&verify_req, typical::TIMESTAMP, &creds).is_ok());
    c.bench_function("verify/bce", |b| b.iter(|| bce::verify(black_box(&verify_req), typical::TIMESTAMP, &creds)));
    c.bench_function("floor/bce_two_hmacs", |b| b.iter(|| typical::bce_floor(&signed.canonical_request)));

    let (console_req, console_params) = typical::bce_console();
    let console_canonical = bce::sign(&console_req, &console_params).unwrap().canonical_request;
    c.bench_function("sign/bce_console", |b| b.iter(|| bce::sign(black_box(&console_req), black_box(&console_params))));
    c.bench_function("floor/bce_console_two_hmacs", |b| b.iter(|| typical::bce_floor(&console_canonical)));

    let (hw_req, hp) = typical::huawei_update();
    let hs = huawei::sign(&hw_req, &hp).unwrap();
    c.bench_function("sign/huawei", |b| b.iter(|| huawei::sign(black_box(&hw_req), black_box(&hp))));
    let mut hv = hw_req.headers.to_vec();
    hv.push(("Authorization", hs.authorization()));
    let hw_verify = SignableRequest { headers: &hv, ..hw_req };
    assert!(huawei::verify(&hw_verify, typical::TIMESTAMP, &creds).is_ok());
    c.bench_function("verify/huawei", |b| b.iter(|| huawei::verify(black_box(&hw_verify), typical::TIMESTAMP, &creds)));
    c.bench_function("floor/huawei_two_sha256_one_hmac", |b| b.iter(|| typical::huawei_floor(&hs)));
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(50).measurement_time(std::time::Duration::from_secs(3)).warm_up_time(std::time::Duration::from_secs(1));
    targets = bench
}
criterion_main!(benches);
