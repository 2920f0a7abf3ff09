//! Whether a rule ever applies, and the exposure figures built on it (#31): documented
//! cases, and properties against brute force over every cell of a small world — a rule
//! "never applies" exactly when no connection it matches goes its way, and the exposure
//! view's open rules, per-port counts and reached targets are what the evaluator says.

use std::net::{IpAddr, Ipv4Addr};
use std::sync::OnceLock;

use palisade_core::huawei::rule::SecurityGroupRule as HuaweiRule;
use palisade_core::reach::estate::{Estate, Group, RuleRef, Target};
use palisade_core::reach::exposure::{is_internet_addr, SENSITIVE};
use palisade_core::reach::standing::{standing, standings, Scope, Standing};
use palisade_core::reach::{evaluate, matches, Action, Connection, Match, PortSet, Protocol, Remote, Rule, Semantics};
use palisade_core::validate::address::Family;
use palisade_core::Direction;
use proptest::prelude::*;

fn hw(action: &str, priority: i64, ports: &str, prefix: &str) -> Option<Rule> {
    Rule::from_huawei(&HuaweiRule {
        direction: "ingress".into(),
        ethertype: "IPv4".into(),
        protocol: Some("tcp".into()),
        multiport: Some(ports.into()),
        action: action.into(),
        priority,
        remote_ip_prefix: Some(prefix.into()),
        enabled: true,
        ..Default::default()
    })
}

#[test]
fn an_allow_under_a_deny_of_the_same_priority_never_applies() {
    // Huawei "bastion": allow 203.0.113.0/24 at 10 and deny everyone at 10: the deny wins.
    let rules = vec![hw("allow", 10, "22", "203.0.113.0/24"), hw("deny", 10, "22", "0.0.0.0/0"), hw("allow", 20, "443", "0.0.0.0/0")];
    assert_eq!(standings(&rules, Semantics::Priority), [Standing::Never { winner: Some(1) }, Standing::Applies, Standing::Applies]);
    // At a better priority it applies; and a deny that covers only part of it leaves the rest.
    let rules = vec![hw("allow", 9, "22", "203.0.113.0/24"), hw("deny", 10, "22", "0.0.0.0/0")];
    assert_eq!(standings(&rules, Semantics::Priority)[0], Standing::Applies);
    let rules = vec![hw("allow", 10, "20-23", "0.0.0.0/0"), hw("deny", 1, "22", "0.0.0.0/0")];
    assert_eq!(standings(&rules, Semantics::Priority)[0], Standing::Applies);
    // A deny that an allow read first covers never refuses anything.
    let rules = vec![hw("deny", 50, "22", "10.0.0.0/8"), hw("allow", 1, "1-65535", "0.0.0.0/0")];
    assert_eq!(standings(&rules, Semantics::Priority)[0], Standing::Never { winner: Some(1) });
    // From the internet only: an allow of everyone under a deny of the internet's blocks
    // applies to private addresses, and to no internet one.
    let rules: Vec<Rule> = vec![hw("allow", 20, "22", "0.0.0.0/0"), hw("deny", 10, "22", "0.0.0.0/1"), hw("deny", 10, "22", "128.0.0.0/1")]
        .into_iter()
        .flatten()
        .collect();
    assert_eq!(standing(&rules, Semantics::Priority, 0, Scope::INTERNET), Standing::Never { winner: Some(1) });
}

#[test]
fn the_exposure_view_does_not_count_what_never_applies() {
    let bastion = Group {
        semantics: Semantics::Priority,
        rules: vec![hw("allow", 10, "22", "203.0.113.0/24"), hw("deny", 10, "22", "0.0.0.0/0"), hw("allow", 20, "443", "0.0.0.0/0")],
    };
    let e = Estate { groups: vec![bastion], targets: vec![Target { groups: vec![0] }] };
    let open = e.open_rules();
    assert_eq!(open, [RuleRef { group: 0, rule: 2 }], "only https is open");
    assert!(e.by_sensitive_port(&open).is_empty(), "SSH reaches nothing");
    assert_eq!(e.reached_by(&open), [vec![0]]);
}

// ---- Properties against brute force, over every cell of a small world ----

/// Remote blocks: the internet's and private ones, nested and apart.
const BLOCKS: [&str; 6] = ["0.0.0.0/0", "10.0.0.0/8", "203.0.113.0/24", "203.0.113.7/32", "8.0.0.0/7", "192.168.0.0/16"];
/// Port ranges around SSH and RDP, and all.
const PORTS: [Option<(u16, u16)>; 5] = [None, Some((22, 22)), Some((20, 23)), Some((3389, 3389)), Some((80, 80))];

#[derive(Debug, Clone)]
struct Raw {
    ingress: bool,
    proto: Option<u8>,
    ports: usize,
    block: usize,
    deny: bool,
    priority: u32,
    enabled: bool,
}

fn raw() -> impl Strategy<Value = Raw> {
    let proto = prop_oneof![Just(None), prop::sample::select(vec![6u8, 17]).prop_map(Some)];
    (prop::bool::weighted(0.85), proto, 0..PORTS.len(), 0..BLOCKS.len(), any::<bool>(), 1u32..5, prop::bool::weighted(0.9))
        .prop_map(|(ingress, proto, ports, block, deny, priority, enabled)| Raw { ingress, proto, ports, block, deny, priority, enabled })
}

fn to_rule(r: &Raw, priority: bool) -> Rule {
    Rule {
        direction: if r.ingress { Direction::Ingress } else { Direction::Egress },
        family: Family::V4,
        protocol: r.proto.map(Protocol::from_number),
        ports: match PORTS[r.ports] {
            None => PortSet::All,
            Some((a, b)) => PortSet::Ranges(vec![(a, b)]),
        },
        source_ports: PortSet::All,
        remote: match BLOCKS[r.block] {
            "0.0.0.0/0" => Remote::Any,
            b => Remote::Net(b.parse().unwrap()),
        },
        local: None,
        action: if r.deny && priority { Action::Deny } else { Action::Allow },
        priority: r.priority,
        enabled: r.enabled,
    }
}

fn estate(groups: &[Vec<Raw>], targets: &[Vec<usize>], priority: bool) -> Estate {
    let semantics = if priority { Semantics::Priority } else { Semantics::AnyAllow };
    Estate {
        groups: groups.iter().map(|g| Group { semantics, rules: g.iter().map(|r| Some(to_rule(r, priority))).collect() }).collect(),
        targets: targets.iter().map(|t| Target { groups: t.clone() }).collect(),
    }
}

/// Every address where some block or private range starts or ends, and beside it: one
/// in each cell of the small world, whatever the rules.
fn addresses() -> Vec<IpAddr> {
    let mut cuts: Vec<u32> = vec![0, u32::MAX];
    for b in BLOCKS.iter().chain(&["172.16.0.0/12", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16"]) {
        let n: ipnet::Ipv4Net = b.parse().unwrap();
        let (lo, hi) = (u32::from(n.network()), u32::from(n.broadcast()));
        cuts.extend([lo, hi, lo.saturating_sub(1), hi.saturating_add(1)]);
    }
    cuts.sort();
    cuts.dedup();
    cuts.into_iter().map(|a| IpAddr::V4(Ipv4Addr::from(a))).collect()
}

/// Every port where some range starts or ends, and beside it; and the sensitive ports.
fn ports() -> Vec<u16> {
    let mut out = vec![1, 65535];
    out.extend(SENSITIVE.iter().map(|&(p, _)| p));
    for (a, b) in PORTS.iter().flatten() {
        out.extend([*a, *b, a - 1, b + 1]);
    }
    out.sort();
    out.dedup();
    out
}

/// Every cell's connection, made once per direction.
fn connections(direction: Direction) -> &'static [Connection] {
    static INGRESS: OnceLock<Vec<Connection>> = OnceLock::new();
    static EGRESS: OnceLock<Vec<Connection>> = OnceLock::new();
    let cell = if direction == Direction::Ingress { &INGRESS } else { &EGRESS };
    cell.get_or_init(|| all_connections(direction))
}

fn all_connections(direction: Direction) -> Vec<Connection> {
    let mut out = Vec::new();
    for remote in addresses() {
        for protocol in [Protocol::Tcp, Protocol::Udp, Protocol::Number(47)] {
            let ports: Vec<Option<u16>> = if protocol.has_ports() { ports().into_iter().map(Some).collect() } else { vec![None] };
            for port in ports {
                out.push(Connection { direction, protocol, port, source_port: None, remote, local: None, remote_groups: Some(Vec::new()) });
            }
        }
    }
    out
}

/// Brute force: whether `rules[r]` goes its way on some connection it matches.
fn applies(rules: &[Rule], semantics: Semantics, r: usize, internet: bool, port: Option<u16>) -> bool {
    let rule = &rules[r];
    if !rule.enabled || (semantics == Semantics::AnyAllow && rule.action == Action::Deny) {
        return false;
    }
    connections(rule.direction).iter().any(|c| {
        matches(rule, c) == Match::Yes
            && (!internet || is_internet_addr(c.remote))
            && port.is_none_or(|p| c.port == Some(p))
            && evaluate(rules, semantics, c).allowed == (rule.action == Action::Allow)
    })
}

fn group_sets() -> impl Strategy<Value = Vec<Vec<usize>>> {
    prop::collection::vec(prop::sample::subsequence(vec![0usize, 1, 2], 0..=3), 4)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn a_rule_never_applies_exactly_when_brute_force_finds_no_connection_going_its_way(
        rules in prop::collection::vec(raw(), 1..7),
        p in any::<bool>(),
    ) {
        let semantics = if p { Semantics::Priority } else { Semantics::AnyAllow };
        let rules: Vec<Rule> = rules.iter().map(|r| to_rule(r, p)).collect();
        for r in 0..rules.len() {
            for (internet, port) in [(false, None), (true, None), (true, Some(22))] {
                let scope = Scope { internet, port };
                let got = standing(&rules, semantics, r, scope) == Standing::Applies;
                prop_assert_eq!(got, applies(&rules, semantics, r, internet, port), "rule {} {:?} in {:?}", r, scope, rules);
            }
        }
    }

    #[test]
    fn the_exposure_figures_are_the_evaluators(
        groups in prop::collection::vec(prop::collection::vec(raw(), 0..5), 3),
        targets in group_sets(),
        p in any::<bool>(),
    ) {
        let e = estate(&groups, &targets, p);
        let semantics = if p { Semantics::Priority } else { Semantics::AnyAllow };
        let group_rules = |g: usize| -> Vec<Rule> { e.groups[g].rules.iter().flatten().cloned().collect() };
        let pooled = |t: usize| -> Vec<Rule> { e.targets[t].groups.iter().flat_map(|&g| group_rules(g)).collect() };
        // Open rules: open to the internet and going their way on some internet connection.
        let open = e.open_rules();
        let mut want = Vec::new();
        for g in 0..e.groups.len() {
            let rules = group_rules(g);
            for (i, r) in rules.iter().enumerate() {
                if r.open_to_internet() && applies(&rules, semantics, i, true, None) {
                    want.push(RuleRef { group: g, rule: i });
                }
            }
        }
        let mut got = open.clone();
        got.sort();
        prop_assert_eq!(got, want);
        // Per sensitive port: the rules that let an internet connection to it in, and the
        // targets that accept one.
        let by_port = e.by_sensitive_port(&open);
        for &(port, _) in SENSITIVE.iter() {
            let rules = open.iter().filter(|r| {
                let rules = group_rules(r.group);
                rules[r.rule].covers_port(port) && applies(&rules, semantics, r.rule, true, Some(port))
            }).count();
            let targets = (0..e.targets.len()).filter(|&t| {
                let pool = pooled(t);
                connections(Direction::Ingress).iter().any(|c| c.port == Some(port) && is_internet_addr(c.remote) && evaluate(&pool, semantics, c).allowed)
            }).count();
            let shown = by_port.iter().find(|x| x.port == port).map(|x| (x.rules, x.targets));
            prop_assert_eq!(shown, (rules > 0).then_some((rules, targets)), "port {}", port);
        }
        // Each open rule's targets: those on whose pooled rules it lets an internet connection in.
        let reached = e.reached_by(&open);
        for (k, r) in open.iter().enumerate() {
            let want: Vec<usize> = (0..e.targets.len()).filter(|&t| e.targets[t].groups.contains(&r.group)).filter(|&t| {
                let pool = pooled(t);
                let offset: usize = e.targets[t].groups.iter().take_while(|&&g| g != r.group).map(|&g| group_rules(g).len()).sum();
                applies(&pool, semantics, offset + r.rule, true, None)
            }).collect();
            prop_assert_eq!(&reached[k], &want, "rule {:?}", r);
        }
    }
}
