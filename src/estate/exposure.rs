//! The exposure view's estate: every group of both clouds that the console loaded, the
//! instances they are bound to, in `palisade-core::reach` terms, with the names the page
//! shows. Pure, so the browser test can build a 2,000-group estate without a server.

use std::collections::HashMap;

use palisade_core::bce::esg::EnterpriseSecurityGroup;
use palisade_core::bce::instance::Instance;
use palisade_core::bce::security_group::SecurityGroup;
use palisade_core::huawei::rule::SecurityGroupRule as HuaweiRule;
use palisade_core::huawei::security_group::SecurityGroup as HuaweiGroup;
use palisade_core::reach::estate::{Estate, Group, PortExposure, RuleRef, Target};
use palisade_core::reach::{Rule, Semantics};
use palisade_core::Cloud;

use crate::estate::cards::Card;
use crate::readable::rule_summary;
use crate::readable::{esg_line, huawei_line};

/// A group or a target as the page names it.
#[derive(Debug, Clone, PartialEq)]
pub struct Named {
    pub cloud: Cloud,
    pub id: String,
    pub name: String,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct ExposureData {
    pub estate: Estate,
    pub groups: Vec<Named>,
    /// Per group, per rule: its id and one readable line.
    pub rules: Vec<Vec<(String, String)>>,
    pub targets: Vec<Named>,
    /// The rules open to the internet, most sensitive first ([`Estate::open_rules`]): a
    /// rule that never applies (a deny read first decides its connections) is not one.
    pub open: Vec<RuleRef>,
    /// Per open rule, the targets it lets the internet reach ([`Estate::reached_by`]).
    pub open_reach: Vec<Vec<usize>>,
    /// Per sensitive port, the rules opening it and the targets accepting it.
    pub by_port: Vec<PortExposure>,
    /// Per group, the targets it is bound to ([`Estate::targets_of_groups`]).
    pub reach: Vec<Vec<usize>>,
}

/// What the page loaded; a cloud that failed to load is left empty.
#[derive(Default)]
pub struct Lists<'a> {
    pub bce_groups: &'a [SecurityGroup],
    pub esgs: &'a [EnterpriseSecurityGroup],
    pub instances: &'a [Instance],
    pub cards: &'a [Card],
    pub huawei: &'a [(HuaweiGroup, Vec<HuaweiRule>)],
}

impl ExposureData {
    /// The estate of `lists`: Baidu instances and service network interface cards reach
    /// through their regular groups (or, if they hold any, their enterprise groups); a
    /// Huawei group stands for its own members (port bindings are not read).
    pub fn build(lists: &Lists<'_>) -> ExposureData {
        let mut d = ExposureData::default();
        let mut index: HashMap<&str, usize> = HashMap::new();
        for g in lists.bce_groups {
            index.insert(&g.id, d.groups.len());
            d.estate.groups.push(Group { semantics: Semantics::AnyAllow, rules: g.rules.iter().map(Rule::from_bce).collect() });
            d.groups.push(Named { cloud: Cloud::Bce, id: g.id.clone(), name: g.name.clone() });
            d.rules.push(g.rules.iter().map(|r| (r.security_group_rule_id.clone().unwrap_or_default(), rule_summary(r))).collect());
        }
        for g in lists.esgs {
            index.insert(&g.id, d.groups.len());
            d.estate.groups.push(Group { semantics: Semantics::Priority, rules: g.rules.iter().map(Rule::from_esg).collect() });
            d.groups.push(Named { cloud: Cloud::Bce, id: g.id.clone(), name: g.name.clone() });
            d.rules.push(g.rules.iter().map(|r| (r.enterprise_security_group_rule_id.clone().unwrap_or_default(), esg_line(r))).collect());
        }
        for i in lists.instances {
            let nic = &i.nic_info;
            let ids = if nic.enterprise_security_groups.is_empty() { &nic.security_groups } else { &nic.enterprise_security_groups };
            let groups = ids.iter().filter_map(|id| index.get(id.as_str()).copied()).collect();
            d.estate.targets.push(Target { groups });
            d.targets.push(Named { cloud: Cloud::Bce, id: i.id.clone(), name: i.name.clone() });
        }
        for c in lists.cards {
            let refs = if c.esgs.is_empty() { &c.groups } else { &c.esgs };
            let groups = refs.iter().filter_map(|g| index.get(g.id.as_str()).copied()).collect();
            d.estate.targets.push(Target { groups });
            d.targets.push(Named { cloud: Cloud::Bce, id: c.endpoint.endpoint_id.clone(), name: c.endpoint.name.clone() });
        }
        for (g, rules) in lists.huawei {
            let at = d.groups.len();
            d.estate.groups.push(Group { semantics: Semantics::Priority, rules: rules.iter().map(Rule::from_huawei).collect() });
            d.groups.push(Named { cloud: Cloud::Huawei, id: g.id.clone(), name: g.name.clone() });
            d.rules.push(rules.iter().map(|r| (r.id.clone(), huawei_line(r))).collect());
            d.estate.targets.push(Target { groups: vec![at] });
            d.targets.push(Named { cloud: Cloud::Huawei, id: g.id.clone(), name: g.name.clone() });
        }
        d.open = d.estate.open_rules();
        d.open_reach = d.estate.reached_by(&d.open);
        d.by_port = d.estate.by_sensitive_port(&d.open);
        d.reach = d.estate.targets_of_groups();
        d
    }

    /// The names of the targets the `k`th open rule lets the internet reach.
    pub fn reaches(&self, k: usize) -> String {
        self.open_reach
            .get(k)
            .map(|ts| ts.iter().map(|&t| self.targets[t].name.as_str()).collect::<Vec<_>>().join(", "))
            .unwrap_or_default()
    }

    pub fn line(&self, r: RuleRef) -> &str {
        self.rules.get(r.group).and_then(|g| g.get(r.rule)).map_or("", |(_, l)| l.as_str())
    }

    /// The page a group opens on: by cloud, and for Baidu by kind (enterprise groups read
    /// by priority).
    pub fn group_page(&self, g: usize) -> palisade_core::route::Page {
        use palisade_core::route::Page;
        match (self.groups[g].cloud, self.estate.groups[g].semantics) {
            (Cloud::Huawei, _) => Page::HuaweiSecurityGroups,
            (Cloud::Bce, Semantics::Priority) => Page::BceEnterpriseSecurityGroups,
            (Cloud::Bce, Semantics::AnyAllow) => Page::BceSecurityGroups,
        }
    }

    pub fn rule_id(&self, r: RuleRef) -> &str {
        self.rules.get(r.group).and_then(|g| g.get(r.rule)).map_or("", |(id, _)| id.as_str())
    }
}

/// Each Huawei group's rules, from one list of the project's rules.
pub fn bucket(groups: &[HuaweiGroup], rules: Vec<HuaweiRule>) -> Vec<Vec<HuaweiRule>> {
    let index: HashMap<&str, usize> = groups.iter().enumerate().map(|(i, g)| (g.id.as_str(), i)).collect();
    let mut buckets = vec![Vec::new(); groups.len()];
    for r in rules {
        if let Some(&i) = index.get(r.security_group_id.as_str()) {
            buckets[i].push(r);
        }
    }
    buckets
}

/// The open rules as CSV: one line per rule, with the sensitive ports it opens and the
/// targets it reaches.
pub fn csv(d: &ExposureData) -> String {
    let mut out = String::from("cloud,group_id,group_name,rule_id,rule,sensitive_ports,reaches\n");
    for (k, &r) in d.open.iter().enumerate() {
        let g = &d.groups[r.group];
        let sensitive = d.estate.rule(r).map(|x| x.sensitive_ports()).unwrap_or_default();
        let sensitive = sensitive.iter().map(|p| p.to_string()).collect::<Vec<_>>().join(" ");
        let reaches = d.open_reach[k].iter().map(|&t| d.targets[t].id.as_str()).collect::<Vec<_>>().join(" ");
        let row = [g.cloud.slug(), &g.id, &g.name, d.rule_id(r), d.line(r), &sensitive, &reaches];
        // Quoted, and a name or remark that starts like a formula neutralised (core's csv).
        out.push_str(&palisade_core::csv::line(&row));
    }
    out
}
