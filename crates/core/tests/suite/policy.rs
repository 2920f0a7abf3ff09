//! Guardrails (#35): the policy's judgement of written rules, the changing calls read
//! from the wire, and policy files with the line and field of what is wrong.

use palisade_core::bce::security_group::SecurityGroupRule;
use palisade_core::change;
use palisade_core::plan::{self, Caps};
use palisade_core::policy::{Breach, Forbid, Policy, Require, Written};
use palisade_core::reach::{Rule, Semantics};
use palisade_core::{Cloud, Direction};

fn no_ssh_rdp() -> Policy {
    Policy {
        forbid: vec![Forbid {
            reason: "No SSH or RDP from the internet".into(),
            direction: Some(Direction::Ingress),
            ports: vec!["22".into(), "3389".into()],
            sources: vec!["0.0.0.0/0".into(), "::/0".into()],
        }],
        require: Require { remark: true },
    }
}

fn bce(direction: &str, protocol: &str, ports: &str, source: &str, remark: &str) -> SecurityGroupRule {
    SecurityGroupRule {
        direction: Some(direction.into()),
        protocol: Some(protocol.into()),
        port_range: Some(ports.into()).filter(|p: &String| !p.is_empty()),
        source_ip: Some(source.into()).filter(|p: &String| !p.is_empty()),
        dest_ip: None,
        remark: Some(remark.into()).filter(|p: &String| !p.is_empty()),
        ..Default::default()
    }
}

fn judged(p: &Policy, r: &SecurityGroupRule) -> Vec<Breach> {
    p.breaches(&Written::whole(Rule::from_bce(r), r.remark.as_deref()))
}

#[test]
fn forbid_reads_ports_ranges_all_and_covering_sources() {
    let p = no_ssh_rdp();
    let forbidden = |r: &SecurityGroupRule| judged(&p, r).iter().any(|b| matches!(b, Breach::Forbidden { index: 0, .. }));
    assert!(forbidden(&bce("ingress", "tcp", "22", "0.0.0.0/0", "x")));
    assert!(forbidden(&bce("ingress", "tcp", "20-30", "0.0.0.0/0", "x")), "a range including 22");
    assert!(forbidden(&bce("ingress", "tcp", "", "0.0.0.0/0", "x")), "all ports");
    assert!(forbidden(&bce("ingress", "all", "", "", "x")), "all protocols from anywhere (empty source)");
    assert!(forbidden(&bce("ingress", "tcp", "3389", "::/0", "x").clone_with_ethertype("IPv6")), "IPv6 anywhere");
    assert!(!forbidden(&bce("ingress", "tcp", "23-3388", "0.0.0.0/0", "x")), "a range between the two");
    assert!(!forbidden(&bce("ingress", "tcp", "22", "10.0.0.0/8", "x")), "a private block covers no forbidden block");
    assert!(!forbidden(&bce("ingress", "tcp", "22", "0.0.0.0/1", "x")), "half the internet does not cover 0.0.0.0/0 entirely");
    assert!(!forbidden(&bce("egress", "tcp", "22", "0.0.0.0/0", "x")), "the forbid names ingress");
    assert!(!forbidden(&bce("ingress", "icmp", "", "0.0.0.0/0", "x")), "icmp has no ports");
    assert!(!forbidden(&bce("ingress", "udp", "443", "0.0.0.0/0", "x")));
}

trait WithEthertype {
    fn clone_with_ethertype(&self, e: &str) -> Self;
}
impl WithEthertype for SecurityGroupRule {
    fn clone_with_ethertype(&self, e: &str) -> Self {
        SecurityGroupRule { ethertype: Some(e.into()), ..self.clone() }
    }
}

#[test]
fn a_deny_or_a_disabled_rule_is_never_forbidden_and_a_remark_is_required() {
    let p = no_ssh_rdp();
    let deny = palisade_core::bce::esg::EsgRule {
        direction: Some("ingress".into()),
        protocol: Some("tcp".into()),
        port_range: Some("22".into()),
        source_ip: Some("0.0.0.0/0".into()),
        action: Some("deny".into()),
        priority: Some(palisade_core::bce::esg::Priority::Number(10.into())),
        remark: Some("block ssh".into()),
        ..Default::default()
    };
    assert_eq!(p.breaches(&Written::whole(Rule::from_esg(&deny), deny.remark.as_deref())), vec![]);
    let no_remark = bce("ingress", "tcp", "443", "10.0.0.0/8", "");
    assert_eq!(judged(&p, &no_remark), vec![Breach::NoRemark]);
    assert_eq!(judged(&p, &bce("ingress", "tcp", "443", "10.0.0.0/8", "  ")), vec![Breach::NoRemark], "blank is none");
    let lax = Policy { require: Require { remark: false }, ..no_ssh_rdp() };
    assert_eq!(judged(&lax, &no_remark), vec![]);
}

#[test]
fn a_plan_is_judged_on_the_rules_it_adds_or_changes_only() {
    let p = no_ssh_rdp();
    let live = vec![bce("ingress", "tcp", "22", "0.0.0.0/0", "legacy")];
    // The draft keeps the old open SSH (not the change's doing) and adds RDP to the world.
    let target = vec![live[0].clone(), bce("ingress", "tcp", "3389", "0.0.0.0/0", "rdp")];
    let caps = Caps { semantics: Semantics::AnyAllow, update_in_place: false, quota_per_direction: Some(50) };
    let pl = plan::plan(&live, &target, caps);
    let breaches = p.plan_breaches(&target, &pl);
    assert_eq!(breaches.len(), 1);
    assert_eq!(breaches[0].0, 1, "the added rule, by its index in the draft");
}

#[test]
fn changing_calls_are_read_with_their_resources_summary_and_rules() {
    let body = br#"{"rule":{"direction":"ingress","protocol":"tcp","portRange":"443","sourceIp":"10.0.0.0/8","remark":"web"}}"#;
    let c = change::read(Cloud::Bce, "PUT", "/v2/securityGroup/g-web00001", "authorizeRule&clientToken=x", body).expect("a change");
    assert_eq!(c.operation, "authorizeRule");
    assert_eq!(c.resources, vec!["g-web00001"]);
    assert_eq!(c.summary, "authorize ingress tcp 443 from 10.0.0.0/8 on g-web00001");
    assert_eq!(c.written.len(), 1);
    assert!(change::read(Cloud::Bce, "GET", "/v2/securityGroup", "", b"").is_none());

    let revoke = change::read(Cloud::Bce, "PUT", "/v2/securityGroup/g-1", "revokeRule", body).unwrap();
    assert_eq!((revoke.operation, revoke.written.len()), ("revokeRule", 0), "a revoke writes nothing");

    let batch = br#"{"instanceIds":["i-1","i-2"],"securityGroupIds":["g-2"],"securityGroupType":"normal"}"#;
    let c = change::read(Cloud::Bce, "PUT", "/v2/securitygroup/replace", "", batch).unwrap();
    assert_eq!(c.operation, "batchReplace");
    assert_eq!(c.resources, vec!["i-1", "i-2", "g-2"]);

    let hw = br#"{"security_group_rules":[{"direction":"ingress","protocol":"tcp","multiport":"22","remote_ip_prefix":"0.0.0.0/0"},{"direction":"ingress","protocol":"tcp","multiport":"443","remote_ip_prefix":"0.0.0.0/0","description":"web"}]}"#;
    let c = change::read(Cloud::Huawei, "POST", "/v3/p1/vpc/security-groups/sg-1/security-group-rules/batch-create", "", hw).unwrap();
    assert_eq!(c.operation, "batchCreateRules");
    assert_eq!(c.written.len(), 2);
    let p = no_ssh_rdp();
    assert!(matches!(p.first_breach(&c.written), Some(Breach::Forbidden { .. })), "the batch's first rule opens SSH");

    let garbled = change::read(Cloud::Bce, "PUT", "/v2/securityGroup/g-1", "authorizeRule", b"{not json").unwrap();
    assert!(garbled.unreadable, "a rule-writing body that cannot be read is flagged, so a policy fails closed");
    let delete = change::read(Cloud::Bce, "DELETE", "/v2/securityGroup/rule/r-1", "", b"").unwrap();
    assert!(!delete.unreadable);
}

#[test]
fn an_edit_in_place_is_judged_at_its_widest_where_it_says_nothing() {
    let p = no_ssh_rdp();
    let edit = |body: &str| change::read(Cloud::Bce, "PUT", "/v2/securityGroup/rule/update", "", body.as_bytes()).unwrap();
    // The source opened to the world without the ports: they could be 22.
    let wide = edit(r#"{"securityGroupRuleId":"r-1","sourceIp":"0.0.0.0/0","remark":"x"}"#);
    assert!(matches!(p.first_breach(&wide.written), Some(Breach::Forbidden { .. })));
    // A remark-only edit leaves the match alone.
    let remark = edit(r#"{"securityGroupRuleId":"r-1","remark":"office"}"#);
    assert_eq!(p.first_breach(&remark.written), None);
    let cleared = edit(r#"{"securityGroupRuleId":"r-1","remark":""}"#);
    assert_eq!(p.first_breach(&cleared.written), Some(Breach::NoRemark));
    // The ports and source sent, from a private block: fine.
    let fine = edit(r#"{"securityGroupRuleId":"r-1","portRange":"22","protocol":"tcp","sourceIp":"10.0.0.0/8"}"#);
    assert_eq!(p.first_breach(&fine.written), None);
}

#[cfg(feature = "policy-file")]
#[test]
fn policy_files_are_read_and_their_errors_name_line_and_field() {
    let text = "[[forbid]]\nreason = \"No SSH or RDP from the internet\"\ndirection = \"ingress\"\nports = [\"22\", \"3389\"]\nsources = [\"0.0.0.0/0\", \"::/0\"]\n\n[require]\nremark = true\n";
    assert_eq!(Policy::from_toml(text).unwrap(), no_ssh_rdp());
    let e = Policy::from_toml("[[forbid]]\nreason = \"x\"\nports = [\"22\", \"70000\"]\n").unwrap_err();
    assert_eq!((e.line, e.field.as_str()), (3, "forbid[0].ports"));
    assert!(e.message.contains("70000") && e.message.contains("1-65535"), "{e}");
    let e = Policy::from_toml("[[forbid]]\nreason = \"a\"\n[[forbid]]\nreason = \"b\"\nsources = [\"10.0.0.0/33\"]\n").unwrap_err();
    assert_eq!((e.line, e.field.as_str()), (5, "forbid[1].sources"));
    let e = Policy::from_toml("[[forbid]]\nreason = \"a\"\ndirection = \"inbound\"\n").unwrap_err();
    assert_eq!((e.line, e.field.as_str()), (3, "forbid[0].direction"));
    let e = Policy::from_toml("[[forbid]]\nreason = \"a\"\nport = [\"22\"]\n").unwrap_err();
    assert_eq!(e.line, 3);
    assert!(e.message.contains("port"), "the unknown field is named: {e}");
    let e = Policy::from_toml("[[forbid]]\nports = [\"22\"]\n").unwrap_err();
    assert!(e.message.contains("reason"), "the missing field is named: {e}");
}
