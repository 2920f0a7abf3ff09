//! The connection evaluator: cases taken from each cloud's documentation, and a
//! property test against a brute-force reference written separately from it.

use std::net::{IpAddr, Ipv4Addr};

use palisade_core::bce::esg::{EsgRule, Priority};
use palisade_core::bce::security_group::SecurityGroupRule;
use palisade_core::huawei::rule::SecurityGroupRule as HuaweiRule;
use palisade_core::reach::{evaluate, suggest, Action, Connection, NoSuggestion, PortSet, Protocol, Remote, Rule, Semantics};
use palisade_core::validate::address::Family;
use palisade_core::Direction;
use proptest::prelude::*;

fn tcp_in(port: u16, from: &str) -> Connection {
    Connection {
        direction: Direction::Ingress,
        protocol: Protocol::Tcp,
        port: Some(port),
        source_port: None,
        remote: from.parse().unwrap(),
        local: None,
        remote_groups: Some(vec![]),
    }
}

fn bce(direction: &str, protocol: &str, ports: &str, remote: &str) -> Rule {
    let mut r = SecurityGroupRule {
        direction: Some(direction.into()),
        ethertype: Some("IPv4".into()),
        protocol: Some(protocol.into()),
        port_range: Some(ports.into()),
        ..Default::default()
    };
    r.set_remote(Some(remote.into()), None);
    Rule::from_bce(&r).expect("a valid regular rule")
}

fn esg(action: &str, priority: i64, ports: &str, source: &str) -> Rule {
    Rule::from_esg(&EsgRule {
        direction: Some("ingress".into()),
        ethertype: Some("IPv4".into()),
        protocol: Some("tcp".into()),
        port_range: Some(ports.into()),
        source_ip: Some(source.into()),
        local_ip: Some("all".into()),
        action: Some(action.into()),
        priority: Some(Priority::Number(priority.into())),
        ..Default::default()
    })
    .expect("a valid enterprise rule")
}

fn huawei(action: &str, priority: i64, multiport: &str, prefix: &str, enabled: bool) -> Rule {
    Rule::from_huawei(&HuaweiRule {
        direction: "ingress".into(),
        protocol: Some("tcp".into()),
        ethertype: "IPv4".into(),
        multiport: Some(multiport.into()),
        action: action.into(),
        priority,
        remote_ip_prefix: Some(prefix.into()),
        enabled,
        ..Default::default()
    })
    .expect("a valid Huawei rule")
}

#[test]
fn baidu_regular_groups_are_a_union_of_allows_and_refuse_what_none_allows() {
    // Three groups on one instance (reference C.3: allow-only, all bound groups apply);
    // SSH is opened by the second only.
    let web = [bce("ingress", "tcp", "443", "0.0.0.0/0"), bce("egress", "", "", "all")];
    let ssh = [bce("ingress", "tcp", "22", "0.0.0.0/0")];
    let db = [bce("ingress", "tcp", "5432", "10.0.0.0/8")];
    let pooled: Vec<Rule> = web.iter().chain(&ssh).chain(&db).cloned().collect();
    let v = evaluate(&pooled, Semantics::AnyAllow, &tcp_in(22, "203.0.113.7"));
    assert!(v.allowed);
    assert_eq!(v.decided_by, Some(2), "the SSH group's rule decides");
    let v = evaluate(&pooled, Semantics::AnyAllow, &tcp_in(5432, "203.0.113.7"));
    assert_eq!((v.allowed, v.decided_by), (false, None), "refused by default: 5432 is open to 10/8 only");
    assert!(evaluate(&pooled, Semantics::AnyAllow, &tcp_in(5432, "10.2.3.4")).allowed);
    // The new group's allow-all egress rule (empty protocol and ports = all).
    let out = Connection { direction: Direction::Egress, ..tcp_in(8080, "198.51.100.1") };
    assert_eq!(evaluate(&pooled, Semantics::AnyAllow, &out).decided_by, Some(1));
    assert!(!evaluate(&ssh, Semantics::AnyAllow, &out).allowed, "no egress rule: egress refused");
    // An IPv6 remote is judged by IPv6 rules only.
    assert!(!evaluate(&pooled, Semantics::AnyAllow, &tcp_in(22, "2400:da00::1")).allowed);
}

#[test]
fn an_enterprise_deny_at_a_smaller_number_hides_an_allow_and_wins_a_tie() {
    // Reference C.5: priority 1–1000, smaller first, deny wins on a tie.
    let rules = [esg("allow", 100, "22", "203.0.113.0/24"), esg("deny", 10, "1-1024", "all")];
    let v = evaluate(&rules, Semantics::Priority, &tcp_in(22, "203.0.113.7"));
    assert_eq!((v.allowed, v.decided_by), (false, Some(1)));
    let tie = [esg("allow", 50, "22", "all"), esg("deny", 50, "22", "all")];
    assert_eq!(evaluate(&tie, Semantics::Priority, &tcp_in(22, "1.1.1.1")).decided_by, Some(1));
    // The smallest fix beats the deny by one.
    let s = suggest(&rules, Semantics::Priority, &tcp_in(22, "203.0.113.7"), 1000).unwrap();
    assert_eq!((s.priority, s.port, s.remote.to_string()), (Some(9), Some(22), "203.0.113.7/32".to_owned()));
    let top = [esg("deny", 1, "22", "all")];
    assert_eq!(suggest(&top, Semantics::Priority, &tcp_in(22, "1.1.1.1"), 1000), Err(NoSuggestion::DenyAtTop));
    // Source ports and the local address are part of an enterprise rule.
    let mut narrow = esg("allow", 5, "80", "all");
    narrow.source_ports = PortSet::parse(Some("1024-65535"));
    let mut c = tcp_in(80, "1.1.1.1");
    let v = evaluate(&[narrow.clone()], Semantics::Priority, &c);
    assert_eq!((v.allowed, v.unresolved.as_slice()), (false, &[0][..]), "unknown source port: uncertain");
    c.source_port = Some(40000);
    assert!(evaluate(&[narrow.clone()], Semantics::Priority, &c).allowed);
    c.source_port = Some(80);
    assert!(!evaluate(&[narrow], Semantics::Priority, &c).allowed);
}

#[test]
fn huawei_priorities_one_first_same_priority_deny_wins_disabled_rules_do_not_apply() {
    let rules = [
        huawei("allow", 1, "22", "203.0.113.0/24", true),
        huawei("deny", 1, "22,3389", "0.0.0.0/0", true),
        huawei("allow", 100, "1-65535", "0.0.0.0/0", true),
        huawei("deny", 1, "443", "0.0.0.0/0", false),
    ];
    let v = evaluate(&rules, Semantics::Priority, &tcp_in(22, "203.0.113.7"));
    assert_eq!((v.allowed, v.decided_by), (false, Some(1)), "same priority: deny wins");
    let v = evaluate(&rules, Semantics::Priority, &tcp_in(443, "198.51.100.1"));
    assert_eq!((v.allowed, v.decided_by), (true, Some(2)), "the disabled deny does not apply");
    // Empty protocol = all (reference D); a protocol number names the protocol.
    let mut gre = rules[2].clone();
    gre.protocol = Protocol::parse("47");
    let c = Connection { protocol: Protocol::Number(47), port: None, ..tcp_in(0, "1.1.1.1") };
    assert!(evaluate(&[gre], Semantics::Priority, &c).allowed);
}

#[test]
fn address_sets_and_remote_groups_make_a_verdict_uncertain_only_where_they_could_change_it() {
    let mut set = esg("deny", 5, "22", "all");
    set.remote = Remote::AddressSet("ipSet-1".into());
    let allow = esg("allow", 10, "22", "all");
    let v = evaluate(&[set.clone(), allow.clone()], Semantics::Priority, &tcp_in(22, "1.1.1.1"));
    assert_eq!((v.allowed, v.decided_by, v.unresolved), (true, Some(1), vec![0]));
    // An unknown allow before an allow changes nothing.
    let mut set_allow = set;
    set_allow.action = Action::Allow;
    let v = evaluate(&[set_allow, allow], Semantics::Priority, &tcp_in(22, "1.1.1.1"));
    assert!(v.unresolved.is_empty());
    // A remote group: known membership decides, unknown is reported.
    let mut by_group = bce("ingress", "tcp", "3306", "");
    by_group.remote = Remote::Group("g-app".into());
    let mut c = tcp_in(3306, "10.0.0.5");
    c.remote_groups = None;
    assert_eq!(evaluate(&[by_group.clone()], Semantics::AnyAllow, &c).unresolved, vec![0]);
    c.remote_groups = Some(vec!["g-app".into()]);
    assert!(evaluate(&[by_group], Semantics::AnyAllow, &c).allowed);
}

#[test]
fn a_port_search_matches_rules_covering_the_port_not_the_text() {
    assert!(bce("ingress", "tcp", "20-30", "all").covers_port(22));
    assert!(!bce("ingress", "tcp", "220", "all").covers_port(22));
    assert!(bce("ingress", "", "", "all").covers_port(22), "all protocols, all ports");
    assert!(!bce("ingress", "icmp", "", "all").covers_port(22), "icmp has no ports");
    assert!(huawei("allow", 1, "80,22,443", "0.0.0.0/0", true).covers_port(22));
}

// ---- The property test: a reference written the slow, obvious way. ----

#[derive(Debug, Clone)]
struct Raw {
    ingress: bool,
    proto: Option<u8>,
    ports: Option<(u16, u16)>,
    // (last octet, prefix) within 10.0.0.0/24, or a group name, or everything.
    remote: RawRemote,
    deny: bool,
    priority: u32,
    enabled: bool,
}

#[derive(Debug, Clone)]
enum RawRemote {
    Any,
    Block(u8, u8),
    Group(u8),
}

fn raw() -> impl Strategy<Value = Raw> {
    let remote = prop_oneof![
        Just(RawRemote::Any),
        (any::<u8>(), 24u8..=32).prop_map(|(o, p)| RawRemote::Block(o, p)),
        (0u8..3).prop_map(RawRemote::Group),
    ];
    let proto = prop_oneof![Just(None), prop::sample::select(vec![6u8, 17, 1, 47]).prop_map(Some)];
    let ports = prop_oneof![Just(None), (1u16..40, 0u16..10).prop_map(|(a, w)| Some((a, a + w)))];
    (any::<bool>(), proto, ports, remote, any::<bool>(), 1u32..6, prop::bool::weighted(0.9))
        .prop_map(|(ingress, proto, ports, remote, deny, priority, enabled)| Raw { ingress, proto, ports, remote, deny, priority, enabled })
}

fn to_rule(r: &Raw) -> Rule {
    Rule {
        direction: if r.ingress { Direction::Ingress } else { Direction::Egress },
        family: Family::V4,
        protocol: r.proto.map(Protocol::from_number),
        ports: match r.ports {
            None => PortSet::All,
            Some((a, b)) => PortSet::parse(Some(&if a == b { a.to_string() } else { format!("{a}-{b}") })),
        },
        source_ports: PortSet::All,
        remote: match r.remote {
            RawRemote::Any => Remote::Any,
            RawRemote::Block(o, p) => Remote::Net(format!("10.0.0.{o}/{p}").parse().unwrap()),
            RawRemote::Group(g) => Remote::Group(format!("g{g}")),
        },
        local: None,
        action: if r.deny { Action::Deny } else { Action::Allow },
        priority: r.priority,
        enabled: r.enabled,
    }
}

fn reference_matches(r: &Raw, ingress: bool, proto: u8, port: u16, last: u8, groups: &[u8]) -> bool {
    let ported = proto == 6 || proto == 17;
    r.enabled
        && r.ingress == ingress
        && r.proto.is_none_or(|p| p == proto)
        && (!ported || r.ports.is_none_or(|(a, b)| (a..=b).any(|x| x == port)))
        && match r.remote {
            RawRemote::Any => true,
            RawRemote::Block(o, p) => {
                let mask: u32 = if p == 32 { !0 } else { !0 << (32 - p) };
                let net = u32::from(Ipv4Addr::new(10, 0, 0, o)) & mask;
                u32::from(Ipv4Addr::new(10, 0, 0, last)) & mask == net
            }
            RawRemote::Group(g) => groups.contains(&g),
        }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn the_evaluator_agrees_with_a_brute_force_reference(
        raws in prop::collection::vec(raw(), 0..12),
        ingress in any::<bool>(),
        proto in prop::sample::select(vec![6u8, 17, 1, 47]),
        port in 1u16..50,
        last in any::<u8>(),
        groups in prop::collection::vec(0u8..3, 0..3),
        priority_semantics in any::<bool>(),
    ) {
        let semantics = if priority_semantics { Semantics::Priority } else { Semantics::AnyAllow };
        // Regular groups have no deny rules.
        let raws: Vec<Raw> = raws.into_iter().map(|mut r| { if !priority_semantics { r.deny = false; } r }).collect();
        let rules: Vec<Rule> = raws.iter().map(to_rule).collect();
        let c = Connection {
            direction: if ingress { Direction::Ingress } else { Direction::Egress },
            protocol: Protocol::from_number(proto),
            port: Some(port),
            source_port: None,
            remote: IpAddr::V4(Ipv4Addr::new(10, 0, 0, last)),
            local: None,
            remote_groups: Some(groups.iter().map(|g| format!("g{g}")).collect()),
        };
        let matching: Vec<usize> = (0..raws.len())
            .filter(|&i| reference_matches(&raws[i], ingress, proto, port, last, &groups))
            .collect();
        let expected = if priority_semantics {
            match matching.iter().map(|&i| raws[i].priority).min() {
                None => false,
                Some(top) => !matching.iter().any(|&i| raws[i].priority == top && raws[i].deny),
            }
        } else {
            !matching.is_empty()
        };
        let v = evaluate(&rules, semantics, &c);
        prop_assert_eq!(v.allowed, expected);
        prop_assert!(v.unresolved.is_empty(), "everything is known here");
        match v.decided_by {
            None => prop_assert!(matching.is_empty()),
            Some(i) => {
                prop_assert!(matching.contains(&i), "the decider matches");
                prop_assert_eq!(raws[i].deny, !expected, "and carries the verdict's action");
                if priority_semantics {
                    let top = matching.iter().map(|&j| raws[j].priority).min().unwrap();
                    prop_assert_eq!(raws[i].priority, top, "and comes first");
                }
            }
        }
        // A suggested rule does what it says: with it, the connection passes.
        match suggest(&rules, semantics, &c, 6) {
            Ok(s) => {
                let mut more = rules.clone();
                more.push(s.rule());
                prop_assert!(evaluate(&more, semantics, &c).allowed);
                // Written as a Baidu rule (what "put it in a draft" adds), it passes the
                // cloud's checks and, read back, still lets the connection through.
                if let (Some(b), Some(e)) = (s.to_bce(), s.to_esg()) {
                    prop_assert!(palisade_core::validate::bce_rule::validate_rule(&b).is_empty(), "{b:?}");
                    let mut out = Vec::new();
                    palisade_core::validate::esg::validate_rule(&e, 0, &mut out);
                    prop_assert!(out.is_empty(), "{e:?}: {out:?}");
                    let read = if priority_semantics { Rule::from_esg(&e) } else { Rule::from_bce(&b) };
                    let mut more = rules.clone();
                    more.push(read.expect("a written rule reads back"));
                    prop_assert!(evaluate(&more, semantics, &c).allowed);
                } else {
                    prop_assert!(matches!(s.protocol, Protocol::Number(_)), "only a protocol by number cannot be written");
                }
            }
            Err(NoSuggestion::Allowed) => prop_assert!(expected),
            Err(NoSuggestion::DenyAtTop) => prop_assert!(!expected && raws[v.decided_by.unwrap()].priority == 1),
        }
    }
}

// ---- The estate: the exposure view's questions. ----

mod estate {
    use super::*;
    use palisade_core::reach::estate::{Estate, Group, RuleRef, Target};

    fn open(ports: &str, from: &str) -> Option<Rule> {
        Some(bce("ingress", "tcp", ports, from))
    }

    #[test]
    fn open_rules_come_most_sensitive_first_and_count_what_they_reach() {
        let estate = Estate {
            groups: vec![
                Group { semantics: Semantics::AnyAllow, rules: vec![open("443", "0.0.0.0/0"), open("22", "10.0.0.0/8")] },
                Group { semantics: Semantics::AnyAllow, rules: vec![open("5432", "203.0.113.0/24"), open("20-30", "all")] },
                Group { semantics: Semantics::AnyAllow, rules: vec![None, open("3389", "172.16.0.0/12")] },
            ],
            targets: vec![Target { groups: vec![0, 1] }, Target { groups: vec![1] }, Target { groups: vec![2] }],
        };
        // 22 (in 20-30) outranks 5432, which outranks 443; private sources are not open.
        assert_eq!(estate.open_rules(), vec![RuleRef { group: 1, rule: 1 }, RuleRef { group: 1, rule: 0 }, RuleRef { group: 0, rule: 0 }]);
        let by_port = estate.by_sensitive_port(&estate.open_rules());
        let ssh = by_port.iter().find(|p| p.port == 22).unwrap();
        assert_eq!((ssh.rules, ssh.targets, ssh.service), (1, 2, "SSH"));
        assert!(by_port.iter().all(|p| p.port != 3389), "3389 is open to private space only");
        assert_eq!(estate.targets_of_groups(), vec![vec![0], vec![0, 1], vec![2]]);
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 500, ..ProptestConfig::default() })]

        /// `decide` walks the groups without pooling them; it must give the pooled verdict.
        #[test]
        fn decide_is_the_pooled_verdict(
            groups in prop::collection::vec(prop::collection::vec(raw(), 0..6), 1..5),
            bound in prop::collection::vec(0usize..5, 0..4),
            proto in prop::sample::select(vec![6u8, 17, 1]),
            port in 1u16..50,
            last in any::<u8>(),
            priority_semantics in any::<bool>(),
        ) {
            let semantics = if priority_semantics { Semantics::Priority } else { Semantics::AnyAllow };
            let estate = Estate {
                groups: groups.iter().map(|g| Group {
                    semantics,
                    rules: g.iter().map(|r| { let mut r = r.clone(); if !priority_semantics { r.deny = false; } Some(to_rule(&r)) }).collect(),
                }).collect(),
                targets: vec![Target { groups: bound.iter().copied().filter(|&g| g < groups.len()).collect() }],
            };
            let c = Connection {
                direction: Direction::Ingress,
                protocol: Protocol::from_number(proto),
                port: Some(port),
                source_port: None,
                remote: IpAddr::V4(Ipv4Addr::new(10, 0, 0, last)),
                local: None,
                remote_groups: Some(vec!["g1".into()]),
            };
            let mut refs = Vec::new();
            let mut pooled = Vec::new();
            for &g in &estate.targets[0].groups {
                for (i, r) in estate.groups[g].rules.iter().enumerate() {
                    refs.push(RuleRef { group: g, rule: i });
                    pooled.push(r.clone().unwrap());
                }
            }
            let v = evaluate(&pooled, semantics, &c);
            let (allowed, by) = estate.decide(0, &c);
            prop_assert_eq!(allowed, v.allowed);
            prop_assert_eq!(by, v.decided_by.map(|i| refs[i]));
            prop_assert_eq!(estate.who_accepts(&c).len(), usize::from(allowed));
        }
    }
}

/// Baidu names one protocol `icmp` for both families: an IPv6 rule's `icmp` lets ICMPv6
/// in (a ping over IPv6), and an IPv4 rule's does not.
#[test]
fn a_baidu_ipv6_icmp_rule_is_icmpv6() {
    let rule = |ethertype: &str, remote: &str| {
        let mut r = SecurityGroupRule {
            direction: Some("ingress".into()),
            ethertype: Some(ethertype.into()),
            protocol: Some("icmp".into()),
            ..Default::default()
        };
        r.set_remote(Some(remote.into()), None);
        Rule::from_bce(&r).expect("a valid regular rule")
    };
    let ping = |protocol: Protocol, from: &str| Connection {
        direction: Direction::Ingress,
        protocol,
        port: None,
        source_port: None,
        remote: from.parse().unwrap(),
        local: None,
        remote_groups: Some(vec![]),
    };
    let v6 = [rule("IPv6", "::/0")];
    assert_eq!(v6[0].protocol, Some(Protocol::Icmpv6));
    assert!(evaluate(&v6, Semantics::AnyAllow, &ping(Protocol::Icmpv6, "2001:db8::1")).allowed);
    let v4 = [rule("IPv4", "0.0.0.0/0")];
    assert_eq!(v4[0].protocol, Some(Protocol::Icmp));
    assert!(evaluate(&v4, Semantics::AnyAllow, &ping(Protocol::Icmp, "192.0.2.1")).allowed);
    // And an enterprise rule the same way.
    let esg = EsgRule {
        direction: Some("ingress".into()),
        ethertype: Some("IPv6".into()),
        protocol: Some("icmp".into()),
        source_ip: Some("::/0".into()),
        local_ip: Some("all".into()),
        action: Some("allow".into()),
        priority: Some(Priority::Number(10.into())),
        ..Default::default()
    };
    assert_eq!(Rule::from_esg(&esg).map(|r| r.protocol), Some(Some(Protocol::Icmpv6)));
}
