//! The impact of a change (#31): documented cases, and properties against brute force —
//! no change has no impact, and over sampled connections the flows a change gains and
//! loses are exactly where the evaluator's verdict moves.

use std::net::{IpAddr, Ipv4Addr};

use palisade_core::bce::security_group::SecurityGroupRule;
use palisade_core::huawei::rule::SecurityGroupRule as HuaweiRule;
use palisade_core::reach::estate::{Estate, Group, Target};
use palisade_core::reach::impact::{effects, impact, Flow, Peer};
use palisade_core::reach::{evaluate, Action, Connection, PortSet, Protocol, Remote, Rule, Semantics};
use palisade_core::validate::address::Family;
use palisade_core::Direction;
use proptest::prelude::*;

fn bce(ports: &str, from: Option<&str>, group: Option<&str>) -> Option<Rule> {
    Rule::from_bce(&SecurityGroupRule {
        direction: Some("ingress".into()),
        ethertype: Some("IPv4".into()),
        protocol: Some("tcp".into()),
        port_range: Some(ports.into()),
        source_ip: from.map(str::to_owned),
        source_group_id: group.map(str::to_owned),
        ..Default::default()
    })
}

fn v4(s: &str) -> IpAddr {
    s.parse().unwrap()
}

#[test]
fn replacing_a_group_says_what_the_instance_loses() {
    // db-1 holds "database" (3306 from the members of web); its groups are replaced by one
    // that lets in https only.
    let database = Group { semantics: Semantics::AnyAllow, rules: vec![bce("3306", None, Some("g-web"))] };
    let https = Group { semantics: Semantics::AnyAllow, rules: vec![bce("443", Some("0.0.0.0/0"), None)] };
    let before = Estate { groups: vec![database.clone(), https.clone()], targets: vec![Target { groups: vec![0] }] };
    let after = Estate { groups: vec![database, https], targets: vec![Target { groups: vec![1] }] };
    let i = impact(&before, &after);
    assert_eq!(i.len(), 1);
    let lost = &i[0].lost;
    assert_eq!(lost.len(), 1, "{lost:?}");
    assert_eq!(
        (lost[0].protocol, lost[0].ports.clone(), lost[0].peer.clone()),
        (Some(Protocol::Tcp), vec![(3306, 3306)], Peer::Members("g-web".into()))
    );
    let gained = &i[0].gained;
    assert_eq!(gained.len(), 1);
    assert!(gained[0].peer.is_anywhere(Family::V4) && gained[0].ports == [(443, 443)] && gained[0].certain);
}

#[test]
fn an_edit_opening_rdp_to_the_world_is_a_gain_for_every_target_bound() {
    let group = |from: &str| Group { semantics: Semantics::AnyAllow, rules: vec![bce("3389", Some(from), None)] };
    let before = Estate {
        groups: vec![group("10.0.0.0/8")],
        targets: vec![Target { groups: vec![0] }, Target { groups: vec![0] }, Target { groups: vec![] }],
    };
    let after = Estate { groups: vec![group("0.0.0.0/0")], ..before.clone() };
    let i = impact(&before, &after);
    assert_eq!(i.iter().map(|t| t.target).collect::<Vec<_>>(), [0, 1], "the unbound target is untouched");
    let gained = &i[0].gained;
    // Everything but 10.0.0.0/8, which it let in already.
    let Peer::Addresses(ranges) = &gained[0].peer else { panic!("{gained:?}") };
    assert_eq!(ranges, &[(v4("0.0.0.0"), v4("9.255.255.255")), (v4("11.0.0.0"), v4("255.255.255.255"))]);
    assert!(i[0].lost.is_empty());
    let e = effects(&i);
    assert_eq!(e.len(), 1, "both targets alike: one line");
    assert_eq!(e[0].targets, [0, 1]);
}

#[test]
fn an_allow_under_a_deny_of_the_same_priority_gains_nothing() {
    let hw = |action: &str, prefix: &str| {
        Rule::from_huawei(&HuaweiRule {
            direction: "ingress".into(),
            ethertype: "IPv4".into(),
            protocol: Some("tcp".into()),
            multiport: Some("22".into()),
            action: action.into(),
            priority: 10,
            remote_ip_prefix: Some(prefix.into()),
            enabled: true,
            ..Default::default()
        })
    };
    let before = Estate {
        groups: vec![Group { semantics: Semantics::Priority, rules: vec![hw("deny", "0.0.0.0/0")] }],
        targets: vec![Target { groups: vec![0] }],
    };
    let mut after = before.clone();
    after.groups[0].rules.push(hw("allow", "203.0.113.0/24"));
    assert_eq!(impact(&before, &after), [], "the deny wins the tie (Huawei's documented rule)");
}

// ---- Properties against brute force ----

#[derive(Debug, Clone)]
struct Raw {
    ingress: bool,
    proto: Option<u8>,
    ports: Option<(u16, u16)>,
    block: Option<(u8, u8)>,
    deny: bool,
    priority: u32,
}

fn raw() -> impl Strategy<Value = Raw> {
    let proto = prop_oneof![Just(None), prop::sample::select(vec![6u8, 17, 1]).prop_map(Some)];
    let ports = prop_oneof![Just(None), (1u16..40, 0u16..10).prop_map(|(a, w)| Some((a, a + w)))];
    let block = prop_oneof![Just(None), (any::<u8>(), 24u8..=32).prop_map(Some)];
    (any::<bool>(), proto, ports, block, any::<bool>(), 1u32..5).prop_map(|(ingress, proto, ports, block, deny, priority)| Raw {
        ingress,
        proto,
        ports,
        block,
        deny,
        priority,
    })
}

fn to_rule(r: &Raw, priority_semantics: bool) -> Rule {
    Rule {
        direction: if r.ingress { Direction::Ingress } else { Direction::Egress },
        family: Family::V4,
        protocol: r.proto.map(Protocol::from_number),
        ports: match r.ports {
            None => PortSet::All,
            Some((a, b)) => PortSet::Ranges(vec![(a, b)]),
        },
        source_ports: PortSet::All,
        remote: match r.block {
            None => Remote::Any,
            Some((o, p)) => Remote::Net(format!("10.0.0.{o}/{p}").parse::<ipnet::IpNet>().unwrap().trunc()),
        },
        local: None,
        action: if r.deny && priority_semantics { Action::Deny } else { Action::Allow },
        priority: r.priority,
        enabled: true,
    }
}

fn estate(groups: &[Vec<Raw>], targets: &[Vec<usize>], priority_semantics: bool) -> Estate {
    let semantics = if priority_semantics { Semantics::Priority } else { Semantics::AnyAllow };
    Estate {
        groups: groups
            .iter()
            .map(|g| Group { semantics, rules: g.iter().map(|r| Some(to_rule(r, priority_semantics))).collect() })
            .collect(),
        targets: targets.iter().map(|t| Target { groups: t.clone() }).collect(),
    }
}

fn pooled(e: &Estate, t: usize) -> Vec<Rule> {
    e.targets[t].groups.iter().flat_map(|&g| e.groups[g].rules.iter().flatten().cloned()).collect()
}

/// Whether `flow` covers `c`, for a target whose rules name `named` protocols.
fn covers(flow: &Flow, c: &Connection, named: &[u8]) -> bool {
    let proto_ok = match flow.protocol {
        Some(p) => p.number() == c.protocol.number(),
        None => !named.contains(&c.protocol.number()),
    };
    let port_ok = match c.port {
        Some(p) if c.protocol.has_ports() => flow.ports.iter().any(|&(a, b)| a <= p && p <= b),
        _ => flow.ports.is_empty(),
    };
    let peer_ok = match &flow.peer {
        Peer::Addresses(r) => r.iter().any(|&(a, b)| a <= c.remote && c.remote <= b),
        _ => false,
    };
    flow.direction == c.direction && proto_ok && port_ok && peer_ok
}

fn group_sets() -> impl Strategy<Value = Vec<Vec<usize>>> {
    prop::collection::vec(prop::sample::subsequence(vec![0usize, 1, 2], 0..=3), 3)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1000, ..ProptestConfig::default() })]

    #[test]
    fn no_change_no_impact(groups in prop::collection::vec(prop::collection::vec(raw(), 0..6), 3), targets in group_sets(), p in any::<bool>()) {
        let e = estate(&groups, &targets, p);
        prop_assert_eq!(impact(&e, &e), vec![]);
    }

    #[test]
    fn the_impact_is_where_brute_force_verdicts_move(
        groups in prop::collection::vec(prop::collection::vec(raw(), 0..6), 3),
        changed in prop::collection::vec(prop::collection::vec(raw(), 0..6), 3),
        targets in group_sets(),
        rebound in group_sets(),
        rebind in any::<bool>(),
        p in any::<bool>(),
        samples in prop::collection::vec((any::<bool>(), prop::sample::select(vec![6u8, 17, 1, 47]), 1u16..60, any::<u8>(), any::<bool>()), 60),
    ) {
        let before = estate(&groups, &targets, p);
        // Some groups' rules change, and perhaps the bindings.
        let mut after_groups = groups.clone();
        after_groups[0] = changed[0].clone();
        after_groups[2].extend(changed[2].iter().cloned());
        let after = estate(&after_groups, if rebind { &rebound } else { &targets }, p);
        let semantics = if p { Semantics::Priority } else { Semantics::AnyAllow };
        let found = impact(&before, &after);
        for t in 0..3 {
            let (b, a) = (pooled(&before, t), pooled(&after, t));
            // Protocols named by the target's rules of each direction (tcp and udp always).
            let named = |d: Direction| -> Vec<u8> {
                b.iter().chain(&a).filter(|r| r.direction == d).filter_map(|r| r.protocol.map(|x| x.number())).chain([6, 17]).collect()
            };
            let mine = found.iter().find(|i| i.target == t);
            for &(ingress, proto, port, last, outside) in &samples {
                let remote = if outside { IpAddr::V4(Ipv4Addr::new(8, 8, 8, last)) } else { IpAddr::V4(Ipv4Addr::new(10, 0, 0, last)) };
                let c = Connection {
                    direction: if ingress { Direction::Ingress } else { Direction::Egress },
                    protocol: Protocol::from_number(proto),
                    port: Some(port),
                    source_port: None,
                    remote,
                    local: None,
                    remote_groups: Some(vec![]),
                };
                let (was, is) = (evaluate(&b, semantics, &c).allowed, evaluate(&a, semantics, &c).allowed);
                let named = named(c.direction);
                let in_gained = mine.is_some_and(|i| i.gained.iter().any(|f| covers(f, &c, &named)));
                let in_lost = mine.is_some_and(|i| i.lost.iter().any(|f| covers(f, &c, &named)));
                prop_assert_eq!(in_gained, !was && is, "target {} gained {:?}: {:?}", t, c, mine);
                prop_assert_eq!(in_lost, was && !is, "target {} lost {:?}: {:?}", t, c, mine);
            }
            if let Some(i) = mine {
                prop_assert!(i.gained.iter().chain(&i.lost).all(|f| f.certain), "nothing here is unknown");
            }
        }
    }
}
