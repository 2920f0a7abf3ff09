//! Table-driven validation tests: at least one case for every error code of the seeds,
//! and valid variants that must pass.

use palisade_core::bce::endpoint::BindEsgRequest;
use palisade_core::bce::esg::{CreateEsgRequest, EsgRule};
use palisade_core::bce::security_group::{RuleRequest, SecurityGroupRule};
use palisade_core::codes::{self, ErrorCode};
use palisade_core::huawei::rule::CreateSecurityGroupRuleRequestBody;
use palisade_core::huawei::security_group::UpdateSecurityGroupRequestBody;
use palisade_core::validate::binding::{self, InstanceView};
use palisade_core::validate::{bce_rule, esg, huawei, state, Problem};
use serde_json::{json, Value};

const SEEDS: [&str; 5] = [
    include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/seeds/000_9b83935aeeee01b3.txt")),
    include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/seeds/001_bcce2232bc0fa82d.txt")),
    include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/seeds/002_74b6a4f3a8c6c8c1.txt")),
    include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/seeds/003_d564434f75706b0f.txt")),
    include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/seeds/004_f557e5f3d3c0ec93.txt")),
];

/// Rows `| code | description | status | explanation |` of the seeds' error tables.
fn seed_codes() -> Vec<(String, String, u16, String)> {
    let mut out = Vec::new();
    for seed in SEEDS {
        for line in seed.lines() {
            let cells: Vec<&str> = line.trim().trim_matches('|').split('|').map(str::trim).collect();
            if cells.len() == 4 {
                if let Ok(status) = cells[2].parse::<u16>() {
                    out.push((cells[0].to_owned(), cells[1].to_owned(), status, cells[3].to_owned()));
                }
            }
        }
    }
    out
}

#[test]
fn the_catalogue_carries_every_seed_code_verbatim() {
    let rows = seed_codes();
    assert_eq!(rows.len(), 27 + 3 + 10, "the seeds' three error tables");
    for (code, desc, status, expl) in rows {
        let found = codes::ALL
            .iter()
            .find(|c| c.code == code && c.description == desc)
            .unwrap_or_else(|| panic!("{code} ({desc}) is missing from the catalogue"));
        assert_eq!(found.status, status, "{code}: status");
        assert_eq!(found.explanation, expl, "{code}: explanation");
        assert!(!found.explanation_zh.is_empty(), "{code}: Chinese explanation");
    }
}

#[test]
fn every_seed_code_names_its_seeds_operation() {
    use codes::{Operation, Source};
    let ops = [Operation::BindEsg, Operation::CreateEsg, Operation::BindInstance, Operation::UpdateHuaweiGroup, Operation::AuthorizeRule];
    for (seed, op) in SEEDS.iter().zip(ops) {
        for line in seed.lines() {
            let cells: Vec<&str> = line.trim().trim_matches('|').split('|').map(str::trim).collect();
            if cells.len() == 4 && cells[2].parse::<u16>().is_ok() {
                let found = codes::ALL.iter().find(|c| c.code == cells[0] && c.description == cells[1]).unwrap();
                assert_eq!(found.source, Source::Seed(op), "{}", cells[0]);
            }
        }
    }
}

#[test]
fn explanations_follow_the_situation_not_the_first_entry() {
    use codes::{explain, Operation};
    // BadRequest is documented for the protocol (seed) and used for the ethertype.
    assert_eq!(explain("BadRequest", "protocol is invalid.", None).map(|c| c.explanation), Some("Protocol type error"));
    assert_eq!(explain("BadRequest", "ethertype is invalid.", None).map(|c| c.explanation), Some("Network type error"));
    assert_eq!(explain("BadRequest", "something else entirely", Some(Operation::AuthorizeRule)), None);
    // NoSuchObject's seed explanation speaks of the target security group of an authorize.
    assert!(explain("NoSuchObject", "instance i-1 does not exist", Some(Operation::BindInstance)).is_none());
    assert!(explain("NoSuchObject", "whatever the cloud says", Some(Operation::AuthorizeRule)).is_some());
    assert!(explain("NoSuchObject", codes::NO_SUCH_OBJECT.description, None).is_some());
    // Codes that are not seed-specific explain any answer; the proxy's own are there.
    for code in [
        "SignatureDoesNotMatch",
        "ServiceUnavailable",
        "GatewayTimeout",
        "BadGateway",
        "InternalError",
        "VPC.0500",
        "RequestEntityTooLarge",
    ] {
        assert!(explain(code, "", None).is_some(), "{code}");
    }
    assert!(explain("NoSuchCode", "", None).is_none());
}

fn esg_rule() -> Value {
    json!({"remark": "ssh", "protocol": "tcp", "portRange": "22", "sourcePortRange": "1-65535", "direction": "ingress",
           "sourceIp": "all", "localIp": "all", "ethertype": "IPv4", "action": "allow", "priority": "1000"})
}

fn esg_create(rules: Vec<Value>) -> Value {
    json!({"name": "web-esg", "desc": "for the docs", "rules": rules})
}

fn with(mut v: Value, key: &str, value: Value) -> Value {
    v[key] = value;
    v
}

fn first(problems: &[Problem]) -> (&'static str, String) {
    let p = problems.first().expect("expected a problem, found none");
    (p.code.code, p.path())
}

fn esg_problems(body: Value) -> Vec<Problem> {
    esg::validate_create(&serde_json::from_value::<CreateEsgRequest>(body).expect("a well-typed body"))
}

fn rule_problems(rule: Value) -> Vec<Problem> {
    bce_rule::validate_request(&serde_json::from_value::<RuleRequest>(json!({ "rule": rule })).unwrap())
}

#[test]
fn every_create_esg_code_is_produced_with_its_field() {
    let many_ports = (1..=16).map(|p| p.to_string()).collect::<Vec<_>>().join(",");
    let rule_cases: Vec<(&str, Value, &str, &str)> = vec![
        ("action", Value::Null, "Esg.EsgRuleActionEmpty", "rules[0].action"),
        ("action", json!("accept"), "Esg.EsgRuleActionInvalid", "rules[0].action"),
        ("remark", json!("r".repeat(256)), "Esg.EsgRuleRemarkTooLong", "rules[0].remark"),
        ("protocol", json!(""), "Esg.EsgRuleProtocolEmpty", "rules[0].protocol"),
        ("protocol", json!("gre"), "Esg.EsgRuleProtocolInvalid", "rules[0].protocol"),
        ("portRange", json!(""), "Esg.EsgRulePortEmpty", "rules[0].portRange"),
        ("portRange", json!("ssh"), "Esg.EsgRulePortFormatInvalid", "rules[0].portRange"),
        ("portRange", json!("80-80"), "Esg.EsgRulePortDuplicate", "rules[0].portRange"),
        ("portRange", json!("80,80,7000"), "Esg.EsgRulePortDuplicate", "rules[0].portRange"),
        ("portRange", json!("400-80"), "Esg.EsgRulePortOrderError", "rules[0].portRange"),
        ("portRange", json!(many_ports), "Esg.EsgRuleDispersedPortSizeExceed", "rules[0].portRange"),
        ("portRange", json!("70000"), "Esg.EsgRulePortValueExceed", "rules[0].portRange"),
        ("sourcePortRange", json!("9-1"), "Esg.EsgRulePortOrderError", "rules[0].sourcePortRange"),
        ("priority", Value::Null, "Esg.EsgRulePriorityEmpty", "rules[0].priority"),
        ("priority", json!(""), "Esg.EsgRulePriorityEmpty", "rules[0].priority"),
        ("priority", json!("1001"), "Esg.EsgRulePriorityInvalid", "rules[0].priority"),
        ("priority", json!(0), "Esg.EsgRulePriorityInvalid", "rules[0].priority"),
        ("priority", json!("high"), "Esg.EsgRulePriorityInvalid", "rules[0].priority"),
        ("ethertype", Value::Null, "Esg.EsgRuleEthertypeEmpty", "rules[0].ethertype"),
        ("ethertype", json!("IPv5"), "Esg.EsgRuleEthertypeInvalid", "rules[0].ethertype"),
        ("sourceIp", Value::Null, "Esg.EsgRuleIpAddressEmpty", "rules[0].sourceIp"),
        ("sourceIp", json!("10.0.0.0/33"), "Esg.EsgRuleIpAddressError", "rules[0].sourceIp"),
        ("sourceIp", json!("2400:da00::/32"), "Esg.EsgRuleIpAddressError", "rules[0].sourceIp"),
        ("localIp", json!("nowhere"), "Esg.EsgRuleIpAddressError", "rules[0].localIp"),
        ("direction", Value::Null, "Esg.EsgRuleDirectionEmpty", "rules[0].direction"),
        ("direction", json!("inbound"), "Esg.EsgRuleDirectionInvalid", "rules[0].direction"),
    ];
    for (field, value, code, path) in rule_cases {
        let body = esg_create(vec![with(esg_rule(), field, value.clone())]);
        assert_eq!(first(&esg_problems(body)), (code, path.to_owned()), "{field} = {value}");
    }
    let body_cases: Vec<(&str, Value, &str, &str)> = vec![
        ("name", json!(""), "Esg.EsgNameEmpty", "name"),
        ("name", Value::Null, "Esg.EsgNameEmpty", "name"),
        ("name", json!("a".repeat(66)), "Esg.EsgNameTooLong", "name"),
        ("name", json!("1st-group"), "Esg.EsgNameInvalid", "name"),
        ("name", json!("web group"), "Esg.EsgNameInvalid", "name"),
        ("desc", json!("d".repeat(esg::MAX_DESC_CHARS + 1)), "Esg.EsgDescTooLong", "desc"),
    ];
    for (field, value, code, path) in body_cases {
        let body = with(esg_create(vec![esg_rule()]), field, value.clone());
        assert_eq!(first(&esg_problems(body)), (code, path.to_owned()), "{field} = {value}");
    }
    let dup = esg_create(vec![esg_rule(), with(esg_rule(), "remark", json!("same rule, other remark"))]);
    assert_eq!(first(&esg_problems(dup)), ("Esg.EsgRuleDuplicated", "rules[1].rule".to_owned()));
    let too_many: Vec<Value> = (1..=21).map(|p| with(esg_rule(), "portRange", json!(p.to_string()))).collect();
    assert_eq!(first(&esg_problems(esg_create(too_many))), ("Esg.EsgRuleExceedQuota", "rules".to_owned()));
}

#[test]
fn problems_come_all_at_once_in_the_documented_order() {
    let rule = json!({"protocol": "gre", "portRange": "400-80", "direction": "sideways", "ethertype": "IPv4", "priority": 5000});
    let body = json!({"name": "", "desc": "x".repeat(300), "rules": [esg_rule(), rule]});
    let codes: Vec<(String, String)> = esg_problems(body).iter().map(|p| (p.code.code.to_owned(), p.path())).collect();
    let want = [
        ("Esg.EsgNameEmpty", "name"),
        ("Esg.EsgDescTooLong", "desc"),
        ("Esg.EsgRuleActionEmpty", "rules[1].action"),
        ("Esg.EsgRuleProtocolInvalid", "rules[1].protocol"),
        ("Esg.EsgRulePortOrderError", "rules[1].portRange"),
        ("Esg.EsgRulePriorityInvalid", "rules[1].priority"),
        ("Esg.EsgRuleDirectionInvalid", "rules[1].direction"),
    ];
    let want: Vec<(String, String)> = want.iter().map(|(c, p)| (c.to_string(), p.to_string())).collect();
    assert_eq!(codes, want);
}

#[test]
fn valid_esg_variants_pass() {
    let variants = vec![
        esg_rule(),
        with(esg_rule(), "priority", json!(1000)),
        with(esg_rule(), "priority", json!("1")),
        with(with(esg_rule(), "protocol", json!("icmp")), "portRange", json!("")),
        with(with(esg_rule(), "protocol", json!("all")), "portRange", json!("")),
        with(esg_rule(), "portRange", json!("22,80,443")),
        with(esg_rule(), "portRange", json!("1-65535")),
        with(esg_rule(), "sourceIp", json!("10.0.0.0/8")),
        with(with(with(esg_rule(), "direction", json!("egress")), "sourceIp", Value::Null), "destIp", json!("192.168.1.1")),
        with(with(esg_rule(), "ethertype", json!("IPv6")), "sourceIp", json!("2400:da00::/32")),
        with(esg_rule(), "sourcePortRange", Value::Null),
        with(esg_rule(), "remark", Value::Null),
    ];
    for (i, rule) in variants.into_iter().enumerate() {
        let problems = esg_problems(esg_create(vec![rule.clone()]));
        assert!(problems.is_empty(), "variant {i} {rule}: {problems:?}");
    }
    // Chinese names, the seed's own example body, tags, and SDK-style nulls.
    assert!(esg_problems(with(esg_create(vec![]), "name", json!("生产-安全组"))).is_empty());
    let seed_example = json!({"name": "test-enterprise-security-group", "desc": "create a enterprise security group for api doc",
        "rules": [{"remark": "Remarks", "protocol": "tcp", "portRange": "1-65535", "sourcePortRange": "1-65535", "direction": "ingress",
                   "sourceIp": "all", "localIp": "all", "ethertype": "IPv4", "action": "allow", "priority": "1000"}]});
    assert!(esg_problems(seed_example).is_empty());
    let with_nulls = json!({"name": "a", "desc": null, "rules": null, "tags": [{"tagKey": "env", "tagValue": null}]});
    assert!(esg_problems(with_nulls).is_empty());
    let twenty: Vec<Value> = (1..=20).map(|p| with(esg_rule(), "portRange", json!(p.to_string()))).collect();
    assert!(esg_problems(esg_create(twenty)).is_empty(), "20 rules is the limit, not over it");
}

fn sg_rule() -> Value {
    json!({"remark": "ssh", "protocol": "tcp", "portRange": "22", "direction": "ingress", "sourceIp": "0.0.0.0/0"})
}

#[test]
fn every_authorize_rule_code_is_produced() {
    let cases: Vec<(Value, &str, &str)> = vec![
        (with(sg_rule(), "protocol", json!("gre")), "BadRequest", "protocol"),
        (with(sg_rule(), "portRange", json!("100-1")), "SecurityGroup.RulePortOrderInvalid", "portRange"),
        (with(sg_rule(), "portRange", json!("65536")), "SecurityGroup.RulePortRangeInvalid", "portRange"),
        (with(sg_rule(), "portRange", json!("0-80")), "SecurityGroup.RulePortRangeInvalid", "portRange"),
        (with(sg_rule(), "portRange", json!("ssh")), "SecurityGroup.RulePortInvalid", "portRange"),
        (with(sg_rule(), "portRange", json!("22,80")), "SecurityGroup.RulePortInvalid", "portRange"),
        (with(sg_rule(), "sourceIp", json!("300.1.1.1")), "SecurityGroup.RuleCIDRAddressError", "sourceIp"),
        (with(sg_rule(), "sourceIp", json!("::/0")), "SecurityGroup.RuleCIDRAddressError", "sourceIp"),
        // Both an address and a group: named on the group (#34), apart from a bad address.
        (with(sg_rule(), "sourceGroupId", json!("g-other")), "SecurityGroup.RuleCIDRAddressError", "sourceGroupId"),
        (with(sg_rule(), "direction", json!("inbound")), "SecurityGroup.RuleDirectionError", "direction"),
        (with(sg_rule(), "direction", Value::Null), "SecurityGroup.RuleDirectionError", "direction"),
        (with(sg_rule(), "destIp", json!("10.0.0.1")), "SecurityGroup.RuleDirectionError", "direction"),
        (with(sg_rule(), "remark", json!("r".repeat(256))), "SecurityGroup.RuleRemarkTooLong", "remark"),
        (with(sg_rule(), "ethertype", json!("ipv4")), "BadRequest", "ethertype"),
    ];
    for (rule, code, path) in cases {
        assert_eq!(first(&rule_problems(rule.clone())), (code, path.to_owned()), "{rule}");
    }
    let missing = bce_rule::validate_request(&serde_json::from_value(json!({})).unwrap());
    assert_eq!(first(&missing), ("InappropriateJSON", "rule".to_owned()));
}

#[test]
fn valid_regular_rules_pass() {
    let variants = vec![
        sg_rule(),
        json!({"remark": "Remarks", "protocol": "tcp", "portRange": "1-65535", "direction": "ingress", "sourceIp": "", "sourceGroupId": ""}),
        with(sg_rule(), "portRange", json!("80-80")),
        with(sg_rule(), "portRange", Value::Null),
        with(with(sg_rule(), "protocol", json!("icmp")), "portRange", json!("")),
        with(sg_rule(), "protocol", json!("")),
        with(with(sg_rule(), "sourceIp", Value::Null), "sourceGroupId", json!("g-peer")),
        json!({"protocol": "udp", "portRange": "53", "direction": "egress", "destIp": "8.8.8.8"}),
        json!({"protocol": "tcp", "portRange": "443", "direction": "ingress", "ethertype": "IPv6", "sourceIp": "2400:da00::/32"}),
    ];
    for rule in variants {
        let problems = rule_problems(rule.clone());
        assert!(problems.is_empty(), "{rule}: {problems:?}");
    }
}

fn sg(rule: Value) -> SecurityGroupRule {
    serde_json::from_value(rule).unwrap()
}

#[test]
fn state_codes_come_from_core_too() {
    let existing = vec![sg(sg_rule())];
    // The 6-tuple, normalised: 0.0.0.0/0 and "" are the same address.
    let same = sg(with(sg_rule(), "sourceIp", json!("")));
    assert_eq!(state::check_authorize(&existing, &same).unwrap_err().code.code, "SecurityGroup.RuleDuplicated");
    assert_eq!(state::check_authorize(&existing, &same).unwrap_err().code.status, 409);
    let v4_all = sg(json!({"direction": "egress", "protocol": "", "portRange": "", "destIp": "0.0.0.0/0", "ethertype": "IPv4"}));
    let v6_all = sg(json!({"direction": "egress", "protocol": "", "portRange": "", "destIp": "::/0", "ethertype": "IPv6"}));
    assert!(state::check_authorize(std::slice::from_ref(&v4_all), &v6_all).is_ok(), "IPv4 and IPv6 everything are different rules");
    let v4_blank = sg(json!({"direction": "egress", "destIp": ""}));
    assert!(state::check_authorize(&[v4_all], &v4_blank).is_err(), "blank = 0.0.0.0/0 for IPv4");
    let other_remark = sg(with(sg_rule(), "remark", json!("other")));
    assert!(state::check_authorize(&existing, &other_remark).is_ok(), "the remark is part of the identity");
    let full: Vec<SecurityGroupRule> = (1..=50).map(|p| sg(with(sg_rule(), "portRange", json!(p.to_string())))).collect();
    let e = state::check_authorize(&full, &sg(with(sg_rule(), "portRange", json!("51")))).unwrap_err();
    assert_eq!((e.code.code, e.code.status), ("SecurityGroup.RuleNumberExceededLimit", 413));
    let egress = sg(json!({"protocol": "tcp", "portRange": "51", "direction": "egress", "destIp": "1.1.1.1"}));
    assert!(state::check_authorize(&full, &egress).is_ok(), "the limit is per direction");

    assert_eq!(state::check_version(7, Some(6)).unwrap_err().code.code, "VersionMismatch");
    assert!(state::check_version(7, Some(7)).is_ok());
    assert!(state::check_version(7, None).is_ok(), "no sgVersion, no check");
    assert_eq!(state::find_rule(&existing, &other_remark).unwrap_err().code.code, "SecurityGroup.RuleNotExist");

    assert_eq!(state::check_create_esg(&["a", "b"], "b").unwrap_err().code.code, "Esg.EsgNameDuplicate");
    let names: Vec<String> = (0..state::MAX_ESGS).map(|i| format!("esg{i}")).collect();
    let names: Vec<&str> = names.iter().map(String::as_str).collect();
    assert_eq!(state::check_create_esg(&names, "new").unwrap_err().code.code, "Esg.EsgExceedQuota");
    let r: EsgRule = serde_json::from_value(esg_rule()).unwrap();
    assert_eq!(state::check_esg_rules(std::slice::from_ref(&r), std::slice::from_ref(&r)).unwrap_err().code.code, "Esg.EsgRuleDuplicated");
}

#[test]
fn binding_codes() {
    let groups: Vec<String> = (0..10).map(|i| format!("g-{i}")).collect();
    let full = InstanceView { expired: false, security_group_ids: &groups };
    let e = binding::check_bind(full, "g-new").unwrap_err();
    assert_eq!((e.code.code, e.code.status), ("SecurityGroup.BindInstanceExceededLimit", 413));
    assert_eq!(binding::check_bind(full, "g-3"), Ok(binding::BindOutcome::AlreadyBound));
    let nine = InstanceView { expired: false, security_group_ids: &groups[..9] };
    assert_eq!(binding::check_bind(nine, "g-new"), Ok(binding::BindOutcome::Bind));
    let expired = InstanceView { expired: true, security_group_ids: &groups[..1] };
    let e = binding::check_bind(expired, "g-new").unwrap_err();
    assert_eq!((e.code.code, e.code.status), ("SecurityGroup.ExpiredInstanceForbiddenBind", 403));
    let one = InstanceView { expired: false, security_group_ids: &groups[..1] };
    let e = binding::check_unbind(one, "g-0").unwrap_err();
    assert_eq!((e.code.code, e.code.status), ("SecurityGroup.NoSecurityGroup", 400));
    assert!(binding::check_unbind(nine, "g-0").is_ok());
    assert_eq!(binding::check_unbind(nine, "g-zzz").unwrap_err().code.code, "NoSuchObject");

    let bind = |v: Value| binding::validate_bind_esg(&serde_json::from_value::<BindEsgRequest>(v).unwrap());
    assert!(bind(json!({"enterpriseSecurityGroupIds": ["esg-gzsqygs59nxp"]})).is_empty());
    for bad in [
        json!({}),
        json!({"enterpriseSecurityGroupIds": []}),
        json!({"enterpriseSecurityGroupIds": ["esg-a", "esg-b"]}),
        json!({"enterpriseSecurityGroupIds": [""]}),
    ] {
        assert_eq!(first(&bind(bad.clone())), ("InappropriateJSON", "enterpriseSecurityGroupIds".to_owned()), "{bad}");
    }
}

#[test]
fn huawei_update_and_rules() {
    let update = |v: Value| huawei::validate_update(&serde_json::from_value::<UpdateSecurityGroupRequestBody>(v).unwrap());
    // The seed's example.
    assert!(update(json!({"security_group": {"name": "security_group_2", "description": "modified description"}})).is_empty());
    assert!(update(json!({"dry_run": true, "security_group": {"description": ""}})).is_empty());
    assert!(update(json!({"security_group": {"name": null, "description": null}})).is_empty(), "SDK nulls mean absent");
    let bad: Vec<(Value, &str)> = vec![
        (json!({"security_group": {"name": ""}}), "name"),
        (json!({"security_group": {"name": "a".repeat(65)}}), "name"),
        (json!({"security_group": {"name": "web servers"}}), "name"),
        (json!({"security_group": {"description": "<b>"}}), "description"),
        (json!({"security_group": {"description": "d".repeat(256)}}), "description"),
        (json!({"dry_run": true}), "security_group"),
    ];
    for (body, path) in bad {
        let p = update(body.clone());
        assert_eq!(first(&p), ("VPC.0601", path.to_owned()), "{body}");
        assert_eq!(p[0].code.status, 400);
    }
    let rule = |v: Value| {
        huawei::validate_rule(
            &serde_json::from_value::<CreateSecurityGroupRuleRequestBody>(json!({"security_group_rule": v}))
                .unwrap()
                .security_group_rule
                .unwrap(),
        )
    };
    let base = json!({"security_group_id": "sg-1", "direction": "ingress", "protocol": "tcp", "multiport": "22,3389,80", "remote_ip_prefix": "0.0.0.0/0", "priority": "1", "action": "allow"});
    assert!(rule(base.clone()).is_empty());
    assert!(rule(with(base.clone(), "priority", json!(100))).is_empty());
    assert!(rule(json!({"security_group_id": "sg-1", "direction": "egress"})).is_empty(), "everything else defaults");
    for (field, value, path) in [
        ("direction", json!("in"), "direction"),
        ("protocol", json!("icmpv6"), "protocol"),
        ("multiport", json!("0-5"), "multiport"),
        ("priority", json!("101"), "priority"),
        ("action", json!("drop"), "action"),
        ("remote_group_id", json!("sg-2"), "remote_group_id"),
        ("remote_ip_prefix", json!("::/0"), "remote_ip_prefix"),
        ("ethertype", json!("IPv7"), "ethertype"),
    ] {
        assert_eq!(first(&rule(with(base.clone(), field, value.clone()))), ("VPC.0601", path.to_owned()), "{field}={value}");
    }
}

/// A problem's message names the field, for the console and the emulator alike.
#[test]
fn messages_name_the_field() {
    let p = esg_problems(esg_create(vec![with(esg_rule(), "portRange", json!("400-80"))]));
    assert_eq!(p[0].message(), "Enterprise security group rule portRange order is wrong. (rules[0].portRange)");
    let _: &ErrorCode = p[0].code;
}

#[test]
fn a_huawei_project_id_is_32_hex_digits() {
    assert!(huawei::check_project_id("060576782980d5762f9ec014dd2f1148").is_ok());
    for bad in
        ["my-project", "", "060576782980D5762F9EC014DD2F1148", "060576782980d5762f9ec014dd2f114", "060576782980d5762f9ec014dd2f1148/x"]
    {
        assert_eq!(huawei::check_project_id(bad).map_err(|p| (p.code.code, p.path())), Err(("VPC.0601", "project_id".to_owned())), "{bad}");
    }
}

fn esg_rule_typed(v: Value) -> EsgRule {
    serde_json::from_value(v).expect("a well-typed rule")
}

#[test]
fn rules_added_to_a_group_are_checked_against_its_own() {
    let held = vec![esg_rule_typed(esg_rule())];
    let codes = |rules: Vec<Value>| -> Vec<(&'static str, String)> {
        let rules: Vec<EsgRule> = rules.into_iter().map(esg_rule_typed).collect();
        esg::validate_authorize(&rules, &held).iter().map(|p| (p.code.code, p.path())).collect()
    };
    assert_eq!(codes(vec![with(esg_rule(), "portRange", json!("443"))]), []);
    // The same rule as one the group holds (the remark is not part of the identity).
    assert_eq!(codes(vec![with(esg_rule(), "remark", json!("again"))]), [("Esg.EsgRuleDuplicated", "rules[0].rule".to_owned())]);
    assert_eq!(
        codes(vec![with(esg_rule(), "portRange", json!("70000"))]),
        [("Esg.EsgRulePortValueExceed", "rules[0].portRange".to_owned())]
    );
    let too_many: Vec<Value> = (100..=120).map(|p| with(esg_rule(), "portRange", json!(p.to_string()))).collect();
    assert_eq!(codes(too_many), [("Esg.EsgRuleExceedQuota", "rules".to_owned())]);
    assert_eq!(codes(vec![]), [("InvalidHTTPRequest", "rules".to_owned())]);
}

#[test]
fn an_edit_sends_only_what_changed_and_is_checked_as_the_rule_it_makes() {
    use palisade_core::bce::esg::{Priority, UpdateEsgRuleRequest};
    let from = esg_rule_typed(with(esg_rule(), "enterpriseSecurityGroupRuleId", json!("esgr-1")));
    let to = esg_rule_typed(with(with(esg_rule(), "portRange", json!("2222")), "priority", json!(10)));
    let change = UpdateEsgRuleRequest::between(&from, &to);
    assert_eq!(serde_json::to_value(&change).unwrap(), json!({"portRange": "2222", "priority": 10}));
    // "1000" and 1000 are the same priority: no change is sent for it.
    let same = esg_rule_typed(with(esg_rule(), "priority", json!(1000)));
    assert!(UpdateEsgRuleRequest::between(&from, &same).is_empty());
    // Applied, the change gives the edited rule, id and all.
    let after = change.applied_to(&from);
    assert_eq!(after.port_range.as_deref(), Some("2222"));
    assert_eq!(after.priority, Some(Priority::Number(10.into())));
    assert_eq!(after.enterprise_security_group_rule_id.as_deref(), Some("esgr-1"));
    assert!(esg::validate_update(&from, &change, &[]).is_empty());
    // A bad value is named by its body field; an edit into another rule's twin is refused.
    let bad = UpdateEsgRuleRequest { port_range: Some("0-99999".into()), ..Default::default() };
    let codes: Vec<_> = esg::validate_update(&from, &bad, &[]).iter().map(|p| (p.code.code, p.path())).collect();
    assert_eq!(codes, [("Esg.EsgRulePortValueExceed", "portRange".to_owned())]);
    let twin = esg_rule_typed(with(esg_rule(), "portRange", json!("2222")));
    let change = UpdateEsgRuleRequest { port_range: Some("2222".into()), ..Default::default() };
    let codes: Vec<_> = esg::validate_update(&from, &change, &[twin]).iter().map(|p| p.code.code).collect();
    assert_eq!(codes, ["Esg.EsgRuleDuplicated"]);
}

#[test]
fn a_regular_rule_edit_sends_only_what_changed_and_keeps_the_rule_valid() {
    use palisade_core::bce::security_group::{SecurityGroupRule, UpdateRuleRequest};
    let rule = |v: Value| -> SecurityGroupRule { serde_json::from_value(v).unwrap() };
    let from = rule(
        json!({"securityGroupRuleId": "r-1", "direction": "ingress", "protocol": "tcp", "portRange": "22", "sourceIp": "10.0.0.0/8", "remark": "ssh"}),
    );
    let mut to = from.clone();
    to.port_range = Some("2222".into());
    to.source_ip = None;
    to.source_group_id = Some("g-bastion1".into());
    let change = UpdateRuleRequest::between(&from, &to);
    assert_eq!(
        serde_json::to_value(&change).unwrap(),
        json!({"securityGroupRuleId": "r-1", "portRange": "2222", "sourceIp": "", "sourceGroupId": "g-bastion1"})
    );
    let after = change.applied_to(&from);
    assert_eq!((after.port_range.as_deref(), after.source_group_id.as_deref()), (Some("2222"), Some("g-bastion1")));
    assert!(bce_rule::validate_update(&from, &change, &[]).is_empty(), "{:?}", bce_rule::validate_update(&from, &change, &[]));
    assert!(UpdateRuleRequest::between(&from, &from).is_empty());
    // An address given clears the group on its side (they are exclusive).
    let back = UpdateRuleRequest { source_ip: Some("192.168.0.0/16".into()), ..Default::default() }.applied_to(&after);
    assert_eq!((back.source_ip.as_deref(), back.source_group_id.as_deref()), (Some("192.168.0.0/16"), None));
    let codes = |c: UpdateRuleRequest, others: &[SecurityGroupRule]| -> Vec<&'static str> {
        bce_rule::validate_update(&from, &c, others).iter().map(|p| p.code.code).collect()
    };
    assert_eq!(
        codes(UpdateRuleRequest { port_range: Some("99999".into()), ..Default::default() }, &[]),
        ["SecurityGroup.RulePortRangeInvalid"]
    );
    assert_eq!(
        codes(UpdateRuleRequest { protocol: Some("icmp".into()), port_range: Some(String::new()), ..Default::default() }, &[]),
        ["InvalidProtocolException"]
    );
    let twin = rule(json!({"direction": "ingress", "protocol": "tcp", "portRange": "80", "sourceIp": "10.0.0.0/8", "remark": "ssh"}));
    assert_eq!(codes(UpdateRuleRequest { port_range: Some("80".into()), ..Default::default() }, &[twin]), ["SecurityGroup.RuleDuplicated"]);
}

#[test]
fn a_huawei_batch_create_is_checked_rule_by_rule_with_the_batch_defaults() {
    use palisade_core::huawei::rule::BatchCreateSecurityGroupRulesRequestBody;
    let body = |rules: Value| -> BatchCreateSecurityGroupRulesRequestBody {
        serde_json::from_value(json!({ "security_group_rules": rules })).unwrap()
    };
    let ok = body(json!([{"direction": "ingress", "protocol": "tcp", "multiport": "22", "remote_ip_prefix": "10.0.0.0/8"}]));
    assert_eq!(huawei::validate_batch(&ok, "sg-1"), []);
    // No action or priority: allow at priority 1, not the single create's deny at 100.
    let rule = ok.security_group_rules.as_ref().unwrap()[0].to_single("sg-1").to_rule();
    assert_eq!((rule.action.as_str(), rule.priority, rule.security_group_id.as_str()), ("allow", 1, "sg-1"));
    // A bad rule is named by its index.
    let bad = body(json!([{"direction": "ingress"}, {"direction": "ingress", "protocol": "tcp", "priority": "101"}]));
    let p = huawei::validate_batch(&bad, "sg-1");
    assert_eq!((p[0].path(), p[0].code.code), ("rules[1].priority".to_owned(), "VPC.0601"));
    // None, or more than 200: the list itself.
    for n in [0, huawei::MAX_BATCH_RULES + 1] {
        let many = body(Value::Array(
            (0..n).map(|i| json!({"direction": "ingress", "protocol": "tcp", "multiport": (1000 + i).to_string()})).collect(),
        ));
        assert_eq!(first(&huawei::validate_batch(&many, "sg-1")), ("VPC.0601", "security_group_rules".to_owned()), "{n} rules");
    }
}

#[test]
fn a_huawei_batch_repeating_a_rule_is_refused_or_the_repeat_skipped() {
    use palisade_core::huawei::rule::SecurityGroupRule as Hw;
    let rule = |port: &str, description: &str| Hw {
        direction: "ingress".into(),
        protocol: Some("tcp".into()),
        multiport: Some(port.into()),
        action: "allow".into(),
        description: description.into(),
        ..Default::default()
    };
    let held = [Hw { ethertype: "IPv4".into(), ..rule("22", "office") }];
    let new = [rule("22", "again"), rule("443", ""), rule("443", "same traffic"), rule("8443", "")];
    let refused = state::check_huawei_batch(&held, &new, false).unwrap_err();
    assert_eq!((refused.code.code, refused.rule), ("VPC.0605", Some(0)), "an empty ethertype is the IPv4 the group holds");
    assert_eq!(state::check_huawei_batch(&held, &new, true), Ok(vec![1, 3]), "the held 22 and the second 443 skipped");
    assert_eq!(state::check_huawei_batch(&held, &new[1..2], false), Ok(vec![0]));
}
