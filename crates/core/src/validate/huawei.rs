//! Huawei VPC v3: update and create security groups, create rules.
//!
//! Huawei documents one parameter-error code for the security-group module
//! (`VPC.0601`, seen in its answers); every problem here carries it with the field named.

use super::address;
use super::names::{self, NameError};
use super::ports::{self, PortError, PortGrammar};
use super::{present, Field, Problem};
use crate::codes::HW_PARAM_INVALID;
use crate::direction::Direction;
use crate::huawei::rule::{BatchCreateSecurityGroupRulesRequestBody, CreateSecurityGroupRuleOption, SecurityGroupRule};
use crate::huawei::security_group::{CreateSecurityGroupRequestBody, UpdateSecurityGroupRequestBody};

fn bad(field: Field) -> Problem {
    Problem::new(&HW_PARAM_INVALID, field)
}

fn check_name(name: &str, out: &mut Vec<Problem>) {
    if let Err(NameError::Empty | NameError::TooLong | NameError::Invalid) = names::check_huawei(name) {
        out.push(bad(Field::Name));
    }
}

fn check_description(d: &str, out: &mut Vec<Problem>) {
    if !names::check_huawei_description(d) {
        out.push(bad(Field::Description));
    }
}

/// The seed's update: `name` 1–64 of letters, digits, `_ - .`; `description` up to 255
/// without `<` `>`; both optional, the option object required.
pub fn validate_update(body: &UpdateSecurityGroupRequestBody) -> Vec<Problem> {
    let mut out = Vec::new();
    let Some(opt) = &body.security_group else {
        return vec![bad(Field::SecurityGroup)];
    };
    if let Some(name) = &opt.name {
        check_name(name, &mut out);
    }
    if let Some(d) = &opt.description {
        check_description(d, &mut out);
    }
    out
}

pub fn validate_create(body: &CreateSecurityGroupRequestBody) -> Vec<Problem> {
    let mut out = Vec::new();
    let Some(opt) = &body.security_group else {
        return vec![bad(Field::SecurityGroup)];
    };
    check_name(opt.name.as_deref().unwrap_or(""), &mut out);
    if let Some(d) = &opt.description {
        check_description(d, &mut out);
    }
    if let Err(p) = super::bounds::check_enterprise_project_id(&opt.enterprise_project_id) {
        out.push(p);
    }
    if let Some(tags) = &opt.tags {
        // At most 20 (reference D), each key valid and unique on the resource (seed 003).
        let unique = super::keys_unique(tags, |t| t.key.as_str());
        if tags.len() > MAX_TAGS || !unique || !tags.iter().all(|t| names::check_huawei_tag(&t.key, &t.value)) {
            out.push(bad(Field::Tags));
        }
    }
    out
}

/// Tags per Huawei security group (reference D).
pub const MAX_TAGS: usize = 20;

/// A Huawei project id. CHOICE: 32 lower-case hex digits, the form IAM issues (the seed's
/// example `060576782980d5762f9ec014dd2f1148`; the seed states no format).
pub fn check_project_id(id: &str) -> Result<(), Problem> {
    if id.len() == 32 && id.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)) {
        Ok(())
    } else {
        Err(bad(Field::ProjectId))
    }
}

/// The identity of a Huawei rule for duplicate detection. CHOICE: every traffic field and
/// the action; the description, priority and `enabled` are not part of it. A field left
/// empty is the one the cloud fills in (no ethertype is IPv4; an empty remote is none), so
/// a rule written without them is the rule the cloud then holds.
pub fn rule_identity(r: &SecurityGroupRule) -> HuaweiRuleIdentity {
    let lower = |v: &Option<String>| v.as_deref().map(|s| s.trim().to_ascii_lowercase()).filter(|s| !s.is_empty());
    let given = |v: &Option<String>| v.as_deref().map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned);
    HuaweiRuleIdentity {
        direction: r.direction.clone(),
        ethertype: if r.ethertype.trim().is_empty() { "IPv4".to_owned() } else { r.ethertype.clone() },
        protocol: lower(&r.protocol),
        multiport: lower(&r.multiport),
        remote_ip_prefix: given(&r.remote_ip_prefix),
        remote_group_id: given(&r.remote_group_id),
        remote_address_group_id: given(&r.remote_address_group_id),
        action: r.action.clone(),
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct HuaweiRuleIdentity {
    pub direction: String,
    pub ethertype: String,
    pub protocol: Option<String>,
    pub multiport: Option<String>,
    pub remote_ip_prefix: Option<String>,
    pub remote_group_id: Option<String>,
    pub remote_address_group_id: Option<String>,
    pub action: String,
}

/// Huawei's multiport: a port, `a-b`, or a comma list. CHOICE: a list may mix ports and
/// ranges, up to 20 items (Huawei's console limit); a one-port range `80-80` is allowed.
const MULTIPORT: PortGrammar = PortGrammar { lists: true, max_dispersed: 20, degenerate_range_is_duplicate: false };

fn check_multiport(s: &str) -> Result<(), PortError> {
    if s.contains(',') {
        let items: Vec<&str> = s.split(',').collect();
        if items.len() > MULTIPORT.max_dispersed {
            return Err(PortError::TooManyDispersed);
        }
        return items.iter().try_for_each(|i| ports::check(i, PortGrammar { lists: false, ..MULTIPORT }));
    }
    ports::check(s, MULTIPORT)
}

/// A v3 rule: direction, ethertype, protocol (icmp needs IPv4, icmpv6 IPv6), multiport
/// only with tcp/udp, action, priority 1–100, at most one remote, and the prefix's family.
/// CHOICE: at most 200 rules in one batch-create (Huawei's API page says so; not in the
/// seeds), and at least one.
pub const MAX_BATCH_RULES: usize = 200;

/// A batch-create for `group`: 1 to 200 rules, each as a single create would be checked
/// (with the batch's defaults), each problem at its rule's index.
pub fn validate_batch(body: &BatchCreateSecurityGroupRulesRequestBody, group: &str) -> Vec<Problem> {
    let rules = body.security_group_rules.as_deref().unwrap_or_default();
    if rules.is_empty() || rules.len() > MAX_BATCH_RULES {
        return vec![bad(Field::SecurityGroupRules)];
    }
    rules
        .iter()
        .enumerate()
        .flat_map(|(i, r)| validate_rule(&r.to_single(group)).into_iter().map(move |p| Problem { rule: Some(i), ..p }))
        .collect()
}

pub fn validate_rule(opt: &CreateSecurityGroupRuleOption) -> Vec<Problem> {
    let mut out = Vec::new();
    if present(&opt.security_group_id).is_none() {
        out.push(bad(Field::SecurityGroupId));
    }
    if present(&opt.direction).and_then(Direction::parse).is_none() {
        out.push(bad(Field::Direction));
    }
    let fam = match present(&opt.ethertype) {
        None => Some(address::Family::V4),
        Some(e) => address::family(e),
    };
    if fam.is_none() {
        out.push(bad(Field::Ethertype));
    }
    let protocol = present(&opt.protocol).map(str::to_ascii_lowercase);
    let protocol_ok = match protocol.as_deref() {
        None | Some("tcp" | "udp") => true,
        Some("icmp") => fam != Some(address::Family::V6),
        Some("icmpv6") => fam != Some(address::Family::V4),
        Some(n) => n.parse::<u8>().is_ok(),
    };
    if !protocol_ok {
        out.push(bad(Field::Protocol));
    }
    if let Some(mp) = present(&opt.multiport) {
        let ported = matches!(protocol.as_deref(), Some("tcp" | "udp"));
        if !ported || check_multiport(mp).is_err() {
            out.push(bad(Field::Multiport));
        }
    }
    if present(&opt.action).is_some_and(|a| a != "allow" && a != "deny") {
        out.push(bad(Field::Action));
    }
    if let Some(p) = &opt.priority {
        if !p.is_blank() && !p.value().is_some_and(|v| (1..=100).contains(&v)) {
            out.push(bad(Field::Priority));
        }
    }
    let remotes = [present(&opt.remote_ip_prefix), present(&opt.remote_group_id), present(&opt.remote_address_group_id)];
    if remotes.iter().filter(|r| r.is_some()).count() > 1 {
        out.push(bad(Field::RemoteGroupId));
    }
    if let (Some(prefix), Some(f)) = (remotes[0], fam) {
        if prefix == "all" || address::check(prefix, f).is_err() {
            out.push(bad(Field::RemoteIpPrefix));
        }
    }
    for (field, id) in [
        (Field::SecurityGroupId, &opt.security_group_id),
        (Field::RemoteGroupId, &opt.remote_group_id),
        (Field::RemoteAddressGroupId, &opt.remote_address_group_id),
    ] {
        if let Err(p) = super::bounds::check_id(id, &HW_PARAM_INVALID, field) {
            out.push(p);
        }
    }
    if let Some(d) = &opt.description {
        check_description(d, &mut out);
    }
    out
}
