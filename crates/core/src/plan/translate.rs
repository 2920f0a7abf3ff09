//! Rules copied across clouds (#17): a Baidu regular rule as a Huawei rule and back, each
//! field translated, and what cannot be expressed on the other side listed with why, so
//! nothing is dropped silently. Pure: the console shows the list before anything joins a
//! draft.

use crate::bce::security_group::SecurityGroupRule as BceRule;
use crate::huawei::rule::SecurityGroupRule as HuaweiRule;
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

/// Huawei rules as Baidu regular rules, and those that cannot be. A `multiport` list
/// (`22,3389`) becomes one rule per item: a Baidu port range is one port or one range.
pub fn huawei_to_bce(rules: &[HuaweiRule]) -> (Vec<BceRule>, Vec<Untranslatable>) {
    let (mut out, mut lost) = (Vec::new(), Vec::new());
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
        let protocol = match text(&r.protocol).map(str::to_ascii_lowercase).as_deref() {
            None | Some("all" | "any") => String::new(),
            Some("icmpv6") => "icmp".to_owned(),
            Some(p @ ("tcp" | "udp" | "icmp")) => p.to_owned(),
            Some(p) => {
                lost.push(Untranslatable::ProtocolNumber { rule: i, protocol: p.to_owned() });
                continue;
            }
        };
        let ethertype = if r.ethertype.trim().is_empty() { "IPv4".to_owned() } else { r.ethertype.trim().to_owned() };
        let remote = text(&r.remote_ip_prefix).map(str::to_owned).unwrap_or_else(|| "all".to_owned());
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

    /// What a rule lets through, in the evaluator's terms, without its cloud's extras.
    /// Baidu spells ICMPv6 `icmp` on an IPv6 rule, Huawei `icmpv6`: the same protocol.
    fn meaning(r: Option<Rule>) -> Option<String> {
        r.map(|r| {
            let protocol = format!("{:?}", r.protocol).replace("Icmpv6", "Icmp");
            format!("{:?} {:?} {protocol} {:?} {:?} {:?}", r.direction, r.family, r.ports, r.remote, r.action)
        })
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
            HuaweiRule { action: "deny".into(), ..base.clone() },
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
}
