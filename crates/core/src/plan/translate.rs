//! Rules copied across clouds (#17): a Baidu regular rule as a Huawei rule and back, each
//! field translated, and what cannot be expressed on the other side listed with why, so
//! nothing is dropped silently. Pure: the console shows the list before anything joins a
//! draft.

use crate::bce::security_group::SecurityGroupRule as BceRule;
use crate::huawei::rule::SecurityGroupRule as HuaweiRule;
use crate::reach::{Action, PortSet, Protocol, Remote, Rule};
use crate::Direction;

/// Why a rule (by its index in the source list) has no counterpart.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Untranslatable {
    /// It names a security group: group ids belong to one cloud.
    RemoteGroup { rule: usize, group: String },
    /// It names a Huawei remote address group: Baidu regular groups have none.
    AddressGroup { rule: usize, group: String },
    /// A deny: Baidu regular groups hold allows only.
    Deny { rule: usize },
    /// An IP protocol by number: Baidu regular rules take tcp, udp, icmp or all.
    ProtocolNumber { rule: usize, protocol: String },
    /// A disabled Huawei rule: Baidu rules are always in force.
    Disabled { rule: usize },
    /// An allow a deny (`deny`, not copied) overrides for some of its traffic: copied
    /// alone it would let through what the deny stops.
    UnderDeny { rule: usize, deny: usize },
}

/// CHOICE: a Baidu regular group holds allows only and evaluates none before another,
/// so its rules become Huawei allows at priority 1: they hold whatever denies the target
/// group has further down.
pub const HUAWEI_PRIORITY: i64 = 1;

fn text(v: &Option<String>) -> Option<&str> {
    v.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

fn v6(ethertype: &str) -> bool {
    ethertype.eq_ignore_ascii_case("IPv6")
}

/// Baidu regular rules as Huawei rules (for the group `group_id`), and those that cannot be.
pub fn bce_to_huawei(rules: &[BceRule], group_id: &str) -> (Vec<HuaweiRule>, Vec<Untranslatable>) {
    let (mut out, mut lost) = (Vec::new(), Vec::new());
    for (i, r) in rules.iter().enumerate() {
        let (ip, group) = r.remote();
        if let Some(g) = text(group) {
            lost.push(Untranslatable::RemoteGroup { rule: i, group: g.to_owned() });
            continue;
        }
        let ethertype = text(&r.ethertype).unwrap_or("IPv4").to_owned();
        let protocol = match text(&r.protocol).map(str::to_ascii_lowercase).as_deref() {
            None | Some("all") => None,
            Some("icmp") if v6(&ethertype) => Some("icmpv6".to_owned()),
            Some(p) => Some(p.to_owned()),
        };
        // Empty, `all` and the whole range are every port: Huawei leaves `multiport` out.
        let multiport = text(&r.port_range).filter(|p| !matches!(*p, "all" | "1-65535")).map(str::to_owned);
        let any = if v6(&ethertype) { "::/0" } else { "0.0.0.0/0" };
        let prefix = match text(ip) {
            None | Some("all") => any.to_owned(),
            Some(p) => p.to_owned(),
        };
        out.push(HuaweiRule {
            description: r.remark.clone().unwrap_or_default(),
            security_group_id: group_id.to_owned(),
            direction: r.direction.clone().unwrap_or_else(|| Direction::Ingress.as_str().to_owned()),
            protocol,
            ethertype,
            multiport,
            action: "allow".to_owned(),
            priority: HUAWEI_PRIORITY,
            remote_ip_prefix: Some(prefix),
            enabled: true,
            ..Default::default()
        });
    }
    (out, lost)
}

/// Whether some connection matches both rules (conservative: an address set or group
/// whose members are unknown may hold any address).
fn overlaps(a: &Rule, b: &Rule) -> bool {
    let protocol = a.protocol.is_none() || b.protocol.is_none() || a.protocol == b.protocol;
    let with_ports = [a.protocol, b.protocol].iter().flatten().all(|p| p.has_ports());
    let ports = !with_ports || ports_meet(&a.ports, &b.ports);
    let remote = match (&a.remote, &b.remote) {
        (Remote::Invalid, _) | (_, Remote::Invalid) => false,
        (Remote::Net(x), Remote::Net(y)) => x.contains(y) || y.contains(x),
        _ => true,
    };
    a.direction == b.direction && a.family == b.family && protocol && ports && remote
}

fn ports_meet(a: &PortSet, b: &PortSet) -> bool {
    match (a, b) {
        (PortSet::All, _) | (_, PortSet::All) => true,
        (PortSet::Ranges(a), PortSet::Ranges(b)) => a.iter().any(|&(s, e)| b.iter().any(|&(t, f)| s <= f && t <= e)),
    }
}

/// Huawei rules as Baidu regular rules, and those that cannot be. A `multiport` list
/// (`22,3389`) becomes one rule per item: a Baidu port range is one port or one range.
pub fn huawei_to_bce(rules: &[HuaweiRule]) -> (Vec<BceRule>, Vec<Untranslatable>) {
    let (mut out, mut lost) = (Vec::new(), Vec::new());
    let reach: Vec<Option<Rule>> = rules.iter().map(Rule::from_huawei).collect();
    // The enabled denies, which Baidu cannot hold: an allow they override in part stays
    // behind too, or the copy would open what the group keeps shut.
    let denies: Vec<(usize, &Rule)> = reach
        .iter()
        .enumerate()
        .filter_map(|(i, r)| r.as_ref().filter(|r| r.enabled && r.action == Action::Deny).map(|r| (i, r)))
        .collect();
    for (i, r) in rules.iter().enumerate() {
        if r.action.trim().eq_ignore_ascii_case("deny") {
            lost.push(Untranslatable::Deny { rule: i });
            continue;
        }
        if !r.enabled {
            lost.push(Untranslatable::Disabled { rule: i });
            continue;
        }
        if let Some(g) = text(&r.remote_group_id) {
            lost.push(Untranslatable::RemoteGroup { rule: i, group: g.to_owned() });
            continue;
        }
        if let Some(g) = text(&r.remote_address_group_id) {
            lost.push(Untranslatable::AddressGroup { rule: i, group: g.to_owned() });
            continue;
        }
        let named = text(&r.protocol).map(str::to_ascii_lowercase);
        // A protocol by number that has a name (6, 17, 1, 58) is that name.
        let named = named.map(|p| match p.parse::<u8>().map(Protocol::from_number) {
            Ok(Protocol::Tcp) => "tcp".to_owned(),
            Ok(Protocol::Udp) => "udp".to_owned(),
            Ok(Protocol::Icmp) => "icmp".to_owned(),
            Ok(Protocol::Icmpv6) => "icmpv6".to_owned(),
            _ => p,
        });
        let protocol = match named.as_deref() {
            None | Some("all" | "any") => String::new(),
            Some("icmpv6") => "icmp".to_owned(),
            Some(p @ ("tcp" | "udp" | "icmp")) => p.to_owned(),
            Some(p) => {
                lost.push(Untranslatable::ProtocolNumber { rule: i, protocol: p.to_owned() });
                continue;
            }
        };
        // Huawei evaluates the lower number first, and a deny first on a tie.
        let under = reach[i].as_ref().and_then(|a| denies.iter().find(|(_, d)| d.priority <= a.priority && overlaps(d, a)));
        if let Some(&(deny, _)) = under {
            lost.push(Untranslatable::UnderDeny { rule: i, deny });
            continue;
        }
        let ethertype = if r.ethertype.trim().is_empty() { "IPv4".to_owned() } else { r.ethertype.trim().to_owned() };
        // No prefix is every address of the family, written as the CIDR every API takes.
        let any = if v6(&ethertype) { "::/0" } else { "0.0.0.0/0" };
        let remote = text(&r.remote_ip_prefix).unwrap_or(any).to_owned();
        let ports: Vec<String> = match text(&r.multiport) {
            None => vec![String::new()],
            Some(list) => list.split(',').map(|p| p.trim().to_owned()).filter(|p| !p.is_empty()).collect(),
        };
        for port in ports {
            let mut b = BceRule {
                remark: Some(r.description.clone()),
                direction: Some(r.direction.trim().to_owned()),
                ethertype: Some(ethertype.clone()),
                port_range: Some(port),
                protocol: Some(protocol.clone()),
                ..Default::default()
            };
            b.set_remote(Some(remote.clone()), None);
            out.push(b);
        }
    }
    (out, lost)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reach::Rule;

    fn bce(dir: &str, eth: &str, proto: &str, ports: &str, ip: &str) -> BceRule {
        let mut r = BceRule {
            direction: Some(dir.into()),
            ethertype: Some(eth.into()),
            protocol: Some(proto.into()),
            port_range: Some(ports.into()),
            remark: Some("r".into()),
            ..Default::default()
        };
        r.set_remote(Some(ip.into()), None);
        r
    }

    /// What a rule lets through, in the evaluator's terms, without its cloud's extras
    /// (the evaluator reads Baidu's `icmp` on an IPv6 rule as ICMPv6, as Huawei's `icmpv6`).
    fn meaning(r: Option<Rule>) -> Option<String> {
        // Both sides must read as rules: `None == None` would prove nothing.
        assert!(r.is_some(), "a rule the evaluator cannot read");
        r.map(|r| format!("{:?} {:?} {:?} {:?} {:?} {:?}", r.direction, r.family, r.protocol, r.ports, r.remote, r.action))
    }

    #[test]
    fn a_baidu_rule_means_the_same_on_huawei() {
        let cases = [
            bce("ingress", "IPv4", "tcp", "22", "10.0.0.0/8"),
            bce("ingress", "IPv4", "", "", "all"),
            bce("egress", "IPv4", "udp", "53", "0.0.0.0/0"),
            bce("ingress", "IPv6", "icmp", "", "::/0"),
            bce("ingress", "IPv4", "tcp", "8000-9000", "192.168.1.7"),
        ];
        let (out, lost) = bce_to_huawei(&cases, "sg-1");
        assert!(lost.is_empty(), "{lost:?}");
        for (b, h) in cases.iter().zip(&out) {
            assert_eq!(meaning(Rule::from_bce(b)), meaning(Rule::from_huawei(h)), "{b:?} → {h:?}");
            assert_eq!((h.priority, h.action.as_str(), h.security_group_id.as_str()), (HUAWEI_PRIORITY, "allow", "sg-1"));
        }
        assert_eq!(out[3].protocol.as_deref(), Some("icmpv6"));
        // And back: the same meaning again.
        let (back, lost) = huawei_to_bce(&out);
        assert!(lost.is_empty());
        for (b, again) in cases.iter().zip(&back) {
            assert_eq!(meaning(Rule::from_bce(b)), meaning(Rule::from_bce(again)));
        }
    }

    #[test]
    fn what_cannot_be_expressed_is_listed_not_dropped() {
        let mut grouped = bce("ingress", "IPv4", "tcp", "22", "");
        grouped.set_remote(None, Some("g-web".into()));
        let (out, lost) = bce_to_huawei(&[grouped], "sg-1");
        assert!(out.is_empty());
        assert_eq!(lost, [Untranslatable::RemoteGroup { rule: 0, group: "g-web".into() }]);

        let base = HuaweiRule {
            direction: "ingress".into(),
            ethertype: "IPv4".into(),
            protocol: Some("tcp".into()),
            action: "allow".into(),
            priority: 1,
            enabled: true,
            remote_ip_prefix: Some("10.0.0.0/8".into()),
            ..Default::default()
        };
        let rules = [
            // A deny that overrides none of the allows below (another remote).
            HuaweiRule { action: "deny".into(), remote_ip_prefix: Some("172.16.0.0/12".into()), ..base.clone() },
            HuaweiRule { protocol: Some("47".into()), ..base.clone() },
            HuaweiRule { enabled: false, ..base.clone() },
            HuaweiRule { remote_ip_prefix: None, remote_address_group_id: Some("ag-1".into()), ..base.clone() },
            HuaweiRule { multiport: Some("22,3389".into()), ..base.clone() },
        ];
        let (out, lost) = huawei_to_bce(&rules);
        assert_eq!(
            lost,
            [
                Untranslatable::Deny { rule: 0 },
                Untranslatable::ProtocolNumber { rule: 1, protocol: "47".into() },
                Untranslatable::Disabled { rule: 2 },
                Untranslatable::AddressGroup { rule: 3, group: "ag-1".into() },
            ]
        );
        // A port list becomes one Baidu rule per port.
        assert_eq!(out.iter().map(|r| r.port_range.clone().unwrap_or_default()).collect::<Vec<_>>(), ["22", "3389"]);
        assert!(out.iter().all(|r| crate::validate::bce_rule::validate_rule(r).is_empty()), "{out:?}");
    }

    #[test]
    fn protocols_by_number_with_a_name_are_that_name() {
        let rule = |p: &str| HuaweiRule {
            direction: "ingress".into(),
            ethertype: "IPv4".into(),
            protocol: Some(p.into()),
            multiport: Some("22".into()),
            action: "allow".into(),
            priority: 1,
            enabled: true,
            ..Default::default()
        };
        let (out, lost) = huawei_to_bce(&[rule("6"), rule("17"), rule("1")]);
        assert!(lost.is_empty(), "{lost:?}");
        assert_eq!(out.iter().map(|r| r.protocol.clone().unwrap_or_default()).collect::<Vec<_>>(), ["tcp", "udp", "icmp"]);
        // No prefix is every address, written as a CIDR.
        assert_eq!(out[0].remote().0.as_deref(), Some("0.0.0.0/0"));
    }

    /// The verdicts of the whole group on a set of connections, before and after the
    /// copy: the copy may refuse more (what it could not express), never allow more.
    #[test]
    fn a_deny_left_behind_takes_the_allows_it_overrides_with_it() {
        use crate::reach::{evaluate, Connection, Semantics};
        let rule = |action: &str, priority: i64, ports: Option<&str>, protocol: &str, remote: &str| HuaweiRule {
            direction: "ingress".into(),
            ethertype: "IPv4".into(),
            protocol: Some(protocol.into()),
            multiport: ports.map(Into::into),
            action: action.into(),
            priority,
            enabled: true,
            remote_ip_prefix: Some(remote.into()),
            ..Default::default()
        };
        let group = [
            rule("deny", 50, Some("22"), "tcp", "0.0.0.0/0"),
            // Every TCP port, after the deny: SSH from anywhere must not come with it.
            rule("allow", 100, None, "tcp", "0.0.0.0/0"),
            // Before the deny: this one is in force as it is.
            rule("allow", 10, Some("22"), "tcp", "10.0.0.0/8"),
            // After the deny, but on other traffic.
            rule("allow", 100, Some("53"), "udp", "0.0.0.0/0"),
            rule("allow", 100, Some("443"), "tcp", "0.0.0.0/0"),
        ];
        let (out, lost) = huawei_to_bce(&group);
        assert_eq!(lost, [Untranslatable::Deny { rule: 0 }, Untranslatable::UnderDeny { rule: 1, deny: 0 }]);
        assert_eq!(out.iter().map(|r| r.port_range.clone().unwrap_or_default()).collect::<Vec<_>>(), ["22", "53", "443"]);
        let huawei: Vec<Rule> = group.iter().filter_map(Rule::from_huawei).collect();
        let baidu: Vec<Rule> = out.iter().filter_map(Rule::from_bce).collect();
        assert_eq!((huawei.len(), baidu.len()), (group.len(), out.len()));
        for (protocol, port, from) in [
            (Protocol::Tcp, 22, "203.0.113.9"),
            (Protocol::Tcp, 22, "10.1.2.3"),
            (Protocol::Tcp, 443, "203.0.113.9"),
            (Protocol::Tcp, 8080, "203.0.113.9"),
            (Protocol::Udp, 53, "203.0.113.9"),
            (Protocol::Udp, 54, "203.0.113.9"),
        ] {
            let c = Connection {
                direction: Direction::Ingress,
                protocol,
                port: Some(port),
                source_port: None,
                remote: from.parse().expect("an address"),
                local: None,
                remote_groups: None,
            };
            let before = evaluate(&huawei, Semantics::Priority, &c).allowed;
            let after = evaluate(&baidu, Semantics::AnyAllow, &c).allowed;
            assert!(before || !after, "{protocol:?} {port} from {from}: refused on Huawei, allowed by the copy");
        }
        // What stays open is what was open and could be expressed.
        let ssh_inside = Connection {
            direction: Direction::Ingress,
            protocol: Protocol::Tcp,
            port: Some(22),
            source_port: None,
            remote: "10.1.2.3".parse().expect("an address"),
            local: None,
            remote_groups: None,
        };
        assert!(evaluate(&baidu, Semantics::AnyAllow, &ssh_inside).allowed);
    }
}
