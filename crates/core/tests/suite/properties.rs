//! Property tests: validation never panics on arbitrary input, and whatever is signed
//! verifies.

use palisade_core::bce::esg::{CreateEsgRequest, EsgRule, Priority};
use palisade_core::bce::security_group::{RuleRequest, SecurityGroupRule};
use palisade_core::huawei::security_group::UpdateSecurityGroupRequestBody;
use palisade_core::sign::{bce, huawei, SignableRequest, StaticCredentials};
use palisade_core::validate::{bce_rule, esg, huawei as hw};
use proptest::prelude::*;
use serde_json::Value;

fn any_str() -> impl Strategy<Value = Option<String>> {
    prop_oneof![Just(None), ".{0,40}".prop_map(Some), "[0-9,\\-]{0,20}".prop_map(Some), "[0-9a-f:./]{0,30}".prop_map(Some)]
}

fn any_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_map(|f| serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number)),
        ".{0,12}".prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec(
                (
                    prop_oneof![
                        "[a-zA-Z_]{1,20}",
                        Just("rules".to_owned()),
                        Just("name".to_owned()),
                        Just("rule".to_owned()),
                        Just("security_group".to_owned()),
                        Just("priority".to_owned())
                    ],
                    inner
                ),
                0..6
            )
            .prop_map(|kv| Value::Object(kv.into_iter().collect())),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn esg_validation_never_panics(name in any_str(), desc in any_str(), fields in prop::collection::vec(any_str(), 12), prio in any_str()) {
        let rule = EsgRule {
            remark: fields[0].clone(), direction: fields[1].clone(), ethertype: fields[2].clone(), port_range: fields[3].clone(),
            source_port_range: fields[4].clone(), protocol: fields[5].clone(), source_ip: fields[6].clone(), dest_ip: fields[7].clone(),
            local_ip: fields[8].clone(), action: fields[9].clone(), priority: prio.map(Priority::Text), ..Default::default()
        };
        let _ = esg::validate_create(&CreateEsgRequest { name, desc, rules: Some(vec![rule.clone(), rule]), tags: None });
    }

    #[test]
    fn rule_validation_never_panics(fields in prop::collection::vec(any_str(), 9)) {
        let rule = SecurityGroupRule {
            remark: fields[0].clone(), direction: fields[1].clone(), ethertype: fields[2].clone(), port_range: fields[3].clone(),
            protocol: fields[4].clone(), source_group_id: fields[5].clone(), source_ip: fields[6].clone(), dest_group_id: fields[7].clone(),
            dest_ip: fields[8].clone(), ..Default::default()
        };
        let _ = bce_rule::validate_rule(&rule);
        let _ = bce_rule::rule_identity(&rule);
    }

    #[test]
    fn validation_never_panics_on_arbitrary_json(v in any_json()) {
        if let Ok(r) = serde_json::from_value::<CreateEsgRequest>(v.clone()) { let _ = esg::validate_create(&r); }
        if let Ok(r) = serde_json::from_value::<RuleRequest>(v.clone()) { let _ = bce_rule::validate_request(&r); }
        if let Ok(r) = serde_json::from_value::<UpdateSecurityGroupRequestBody>(v) { let _ = hw::validate_update(&r); }
    }

    #[test]
    fn whatever_is_signed_verifies(
        method in "(GET|PUT|POST|DELETE)",
        segments in prop::collection::vec("[a-zA-Z0-9 _.~!$&'()*+,;=:@%文-]{1,10}", 1..4),
        query in prop::collection::vec(("[a-zA-Z0-9_ %&=文-]{1,8}", ".{0,10}"), 0..4),
        header in "[ -~]{0,20}",
        body in ".{0,50}",
        ts in 0i64..4_000_000_000,
    ) {
        let path = format!("/{}", segments.join("/"));
        let q: Vec<(&str, &str)> = query.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
        let creds = StaticCredentials(vec![("ak".into(), "sk".into())]);
        let base = vec![("x-bce-meta".to_owned(), header.clone()), ("Content-Type".to_owned(), "application/json".to_owned())];
        // Baidu, default set.
        let req = SignableRequest { method: &method, host: "bcc.bj.baidubce.com", path: &path, query: &q, headers: &[], body: body.as_bytes() };
        let hv: Vec<(&str, &str)> = base.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
        let req = SignableRequest { headers: &hv, ..req };
        let sig = bce::sign(&req, &bce::SigningParams { access_key_id: "ak", secret_access_key: "sk", timestamp: ts, expiration_secs: 1800, signed_headers: None }).unwrap();
        let mut all = base.clone();
        all.extend(sig.headers_to_add);
        let hv: Vec<(&str, &str)> = all.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
        prop_assert_eq!(bce::verify(&SignableRequest { headers: &hv, ..req }, ts, &creds), Ok("ak".to_owned()));
        // Huawei.
        let hv: Vec<(&str, &str)> = base.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
        let req = SignableRequest { headers: &hv, host: "vpc.cn-north-4.myhuaweicloud.com", ..req };
        let sig = huawei::sign(&req, &huawei::SigningParams { access_key: "ak", secret_key: "sk", timestamp: ts }).unwrap();
        let mut all = base.clone();
        all.extend(sig.headers_to_add);
        let hv: Vec<(&str, &str)> = all.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
        prop_assert_eq!(huawei::verify(&SignableRequest { headers: &hv, ..req }, ts, &creds), Ok("ak".to_owned()));
    }
}
