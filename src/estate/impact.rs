//! What a change does to the estate, in words (#31): the estate as loaded, the change made
//! to a copy of it, and core's `reach::impact` between the two, grouped into lines
//! ("web-1, web-2 gain tcp 3389 from anywhere (IPv4)"). Pure, so it is tested natively.

use palisade_core::reach::impact::{cidrs, effects, impact, Flow, Peer};
use palisade_core::reach::{Protocol, Rule};
use palisade_core::Direction;

use crate::estate::exposure::ExposureData;
use crate::i18n::{I18n, Msg};

/// A change, as the estate sees it.
#[derive(Debug, Clone, PartialEq)]
pub enum EstateChange {
    /// The group (by id, any cloud) holds `after` instead of `before` (the rules the form
    /// or draft started from: fresher than the estate's copy).
    Rules { group: String, before: Vec<Option<Rule>>, after: Vec<Option<Rule>> },
    /// Each resource (an instance or a card, by id) holds these groups afterwards.
    Bindings(Vec<(String, Vec<String>)>),
    /// The group (by id) goes, and its rules with it.
    RemoveGroup(String),
    /// No access changes (a name, a description, a group bound to nothing yet).
    Nothing,
}

/// The impact, as lines to read.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Report {
    pub lines: Vec<Line>,
    /// How many targets the change affects.
    pub affected: usize,
    /// The group changed is not in the loaded estate (created since, or not loaded).
    pub unknown_group: bool,
}

/// Targets affected alike.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Line {
    pub targets: Vec<String>,
    /// Targets beyond those named.
    pub more: usize,
    pub gained: Vec<String>,
    pub lost: Vec<String>,
}

/// How many targets a line names before "and N more".
const NAMED: usize = 5;
/// How many flows a line lists before "and N more".
const FLOWS: usize = 6;

impl ExposureData {
    /// The impact of `change` on this estate, in `i18n`'s words.
    pub fn report(&self, change: &EstateChange, i18n: I18n) -> Report {
        let mut before = self.estate.clone();
        let mut after = self.estate.clone();
        let mut report = Report::default();
        match change {
            EstateChange::Nothing => return report,
            EstateChange::Rules { group, before: b, after: a } => match self.groups.iter().position(|g| g.id == *group) {
                Some(g) => {
                    before.groups[g].rules.clone_from(b);
                    after.groups[g].rules.clone_from(a);
                }
                None => {
                    report.unknown_group = true;
                    return report;
                }
            },
            EstateChange::RemoveGroup(group) => match self.groups.iter().position(|g| g.id == *group) {
                Some(g) => after.groups[g].rules.clear(),
                None => {
                    report.unknown_group = true;
                    return report;
                }
            },
            EstateChange::Bindings(bound) => {
                for (resource, groups) in bound {
                    let Some(t) = self.targets.iter().position(|t| t.id == *resource) else { continue };
                    after.targets[t].groups = groups.iter().filter_map(|id| self.groups.iter().position(|g| g.id == *id)).collect();
                }
            }
        }
        let found = impact(&before, &after);
        report.affected = found.len();
        let group_name = |id: &str| self.groups.iter().find(|g| g.id == id).map_or_else(|| id.to_owned(), |g| format!("{} ({id})", g.name));
        for e in effects(&found) {
            let shown = |flows: &[Flow]| -> Vec<String> {
                let mut out: Vec<String> = flows.iter().take(FLOWS).map(|f| describe(f, i18n, &group_name)).collect();
                if flows.len() > FLOWS {
                    out.push(format!("{} {} {}", i18n.t(Msg::AndMore), flows.len() - FLOWS, i18n.t(Msg::MoreSuffix)));
                }
                out
            };
            report.lines.push(Line {
                targets: e.targets.iter().take(NAMED).map(|&t| self.targets[t].name.clone()).collect(),
                more: e.targets.len().saturating_sub(NAMED),
                gained: shown(&e.gained),
                lost: shown(&e.lost),
            });
        }
        report
    }
}

/// One flow in words: "tcp 3306 from the members of web (g-web00001)", "may" when unsure.
pub fn describe(f: &Flow, i18n: I18n, group_name: &dyn Fn(&str) -> String) -> String {
    let protocol = match f.protocol {
        None => i18n.t(Msg::OtherProtocols).to_owned(),
        Some(p) => p.name(),
    };
    let ports = if f.protocol.is_some_and(Protocol::has_ports) {
        if f.all_ports() {
            format!(" {}", i18n.t(Msg::AllPorts))
        } else {
            let list: Vec<String> = f.ports.iter().map(|&(a, b)| if a == b { a.to_string() } else { format!("{a}-{b}") }).collect();
            format!(" {}", list.join(", "))
        }
    } else {
        String::new()
    };
    let peer = match &f.peer {
        p if p.is_anywhere(f.family) => {
            i18n.t(if f.family == palisade_core::validate::address::Family::V4 { Msg::AnywhereV4 } else { Msg::AnywhereV6 }).to_owned()
        }
        Peer::Addresses(ranges) => {
            let blocks: Vec<String> = ranges.iter().flat_map(|&(a, b)| cidrs(a, b)).map(|n| n.to_string()).collect();
            // "anywhere except 10.0.0.0/8" reads better than eight blocks around it.
            let left_out: Vec<String> = complement(ranges).iter().flat_map(|&(a, b)| cidrs(a, b)).map(|n| n.to_string()).collect();
            let v6 = f.family == palisade_core::validate::address::Family::V6;
            if !left_out.is_empty() && left_out.len() < blocks.len() && left_out.len() <= 4 {
                format!("{} {} {}", i18n.t(if v6 { Msg::AnywhereV6 } else { Msg::AnywhereV4 }), i18n.t(Msg::Except), left_out.join(", "))
            } else if blocks.len() > 4 {
                format!("{} {} {} {}", blocks[..3].join(", "), i18n.t(Msg::AndMore), blocks.len() - 3, i18n.t(Msg::MoreSuffix))
            } else {
                blocks.join(", ")
            }
        }
        Peer::Members(g) => format!("{} {}", i18n.t(Msg::MembersOf), group_name(g)),
        Peer::AddressSet(s) => format!("{} {s}", i18n.t(Msg::AddressSetOf)),
    };
    let side = i18n.t(if f.direction == Direction::Ingress { Msg::FlowFrom } else { Msg::FlowTo });
    let maybe = if f.certain { "" } else { i18n.t(Msg::Maybe) };
    format!("{maybe}{protocol}{ports} {side} {peer}")
}

/// The addresses of the family that `ranges` (sorted, apart) leave out.
fn complement(ranges: &[(std::net::IpAddr, std::net::IpAddr)]) -> Vec<(std::net::IpAddr, std::net::IpAddr)> {
    use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};
    let Some(&(first, _)) = ranges.first() else { return Vec::new() };
    let num = |a: IpAddr| match a {
        IpAddr::V4(v) => u128::from(u32::from(v)),
        IpAddr::V6(v) => u128::from(v),
    };
    let v4 = first.is_ipv4();
    let back = |n: u128| if v4 { IpAddr::V4(Ipv4Addr::from(n as u32)) } else { IpAddr::V6(Ipv6Addr::from(n)) };
    let end = if v4 { u128::from(u32::MAX) } else { u128::MAX };
    let mut out = Vec::new();
    let mut next = 0u128;
    for &(a, b) in ranges {
        if num(a) > next {
            out.push((back(next), back(num(a) - 1)));
        }
        match num(b).checked_add(1) {
            Some(n) if num(b) < end => next = n,
            _ => return out,
        }
    }
    out.push((back(next), back(end)));
    out
}

/// A group's rules going from `base` to `target`, as the estate sees it.
pub fn rules_change<R: palisade_core::plan::PlanRule>(group: &str, base: &[R], target: &[R]) -> EstateChange {
    let reach = |rs: &[R]| rs.iter().map(R::reach).collect();
    EstateChange::Rules { group: group.to_owned(), before: reach(base), after: reach(target) }
}

#[cfg(test)]
mod tests {
    use leptos::prelude::*;
    use palisade_core::bce::instance::{Instance, NicInfo};
    use palisade_core::bce::security_group::{SecurityGroup, SecurityGroupRule};

    use super::*;
    use crate::estate::exposure::Lists;
    use crate::i18n::Lang;

    fn rule(ports: &str, from: Option<&str>, group: Option<&str>) -> SecurityGroupRule {
        SecurityGroupRule {
            direction: Some("ingress".into()),
            ethertype: Some("IPv4".into()),
            protocol: Some("tcp".into()),
            port_range: Some(ports.into()),
            source_ip: from.map(str::to_owned),
            source_group_id: group.map(str::to_owned),
            ..Default::default()
        }
    }

    fn instance(id: &str, name: &str, groups: &[&str]) -> Instance {
        Instance {
            id: id.into(),
            name: name.into(),
            nic_info: NicInfo { security_groups: groups.iter().map(|g| g.to_string()).collect(), ..Default::default() },
            ..Default::default()
        }
    }

    #[test]
    fn a_replace_that_drops_mysql_says_so_and_an_edit_to_the_world_says_who_gains() {
        let owner = Owner::new();
        owner.set();
        let i18n = I18n(RwSignal::new(Lang::En));
        let web = SecurityGroup {
            id: "g-web".into(),
            name: "web".into(),
            rules: vec![rule("443", Some("0.0.0.0/0"), None)],
            ..Default::default()
        };
        let db = SecurityGroup {
            id: "g-db".into(),
            name: "database".into(),
            rules: vec![rule("3306", None, Some("g-web"))],
            ..Default::default()
        };
        let instances = [instance("i-db", "db-1", &["g-db"]), instance("i-w1", "web-1", &["g-web"]), instance("i-w2", "web-2", &["g-web"])];
        let data = ExposureData::build(&Lists { bce_groups: &[web, db], instances: &instances, ..Default::default() });
        let replace = EstateChange::Bindings(vec![("i-db".into(), vec!["g-web".into()])]);
        let report = data.report(&replace, i18n);
        assert_eq!(report.affected, 1);
        assert_eq!(report.lines[0].targets, ["db-1"]);
        assert_eq!(report.lines[0].lost, ["tcp 3306 from the members of web (g-web)"]);
        assert_eq!(report.lines[0].gained, ["tcp 443 from anywhere (IPv4)"]);

        let rdp = |from: &str| vec![Rule::from_bce(&rule("3389", Some(from), None)), Rule::from_bce(&rule("443", Some("0.0.0.0/0"), None))];
        let edit = EstateChange::Rules { group: "g-web".into(), before: rdp("10.0.0.0/8"), after: rdp("0.0.0.0/0") };
        let report = data.report(&edit, i18n);
        assert_eq!(report.lines.len(), 1, "both web servers alike: one line");
        assert_eq!(report.lines[0].targets, ["web-1", "web-2"]);
        assert_eq!(report.lines[0].gained, ["tcp 3389 from anywhere (IPv4) except 10.0.0.0/8"]);
        assert!(data.report(&EstateChange::Rules { group: "g-new".into(), before: vec![], after: vec![] }, i18n).unknown_group);
    }
}
