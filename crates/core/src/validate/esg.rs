//! `POST /v1/enterprise/security`: create an enterprise security group with rules.

use std::collections::HashMap;

use super::address;
use super::names::{self, NameError};
use super::ports::{self, PortError};
use super::{char_len, present, Field, Problem};
use crate::bce::esg::{CreateEsgRequest, EsgRule, UpdateEsgRuleRequest};
use crate::codes::*;
use crate::direction::Direction;

/// At most this many rules in one create (seed 001).
pub const MAX_RULES_PER_CREATE: usize = 20;
/// CHOICE: the seed names `Esg.EsgDescTooLong` without a limit; 200 characters.
pub const MAX_DESC_CHARS: usize = super::bounds::MAX_BCE_DESC_CHARS;
/// CHOICE: the seed names `Esg.EsgRuleRemarkTooLong` without a limit; 255 characters.
pub const MAX_REMARK_CHARS: usize = 255;

const PROTOCOLS: [&str; 4] = ["all", "tcp", "udp", "icmp"];

fn port_code(e: PortError) -> &'static ErrorCode {
    match e {
        PortError::Empty => &ESG_RULE_PORT_EMPTY,
        PortError::Format => &ESG_RULE_PORT_FORMAT_INVALID,
        PortError::ValueExceed => &ESG_RULE_PORT_VALUE_EXCEED,
        PortError::Order => &ESG_RULE_PORT_ORDER_ERROR,
        PortError::Duplicate => &ESG_RULE_PORT_DUPLICATE,
        PortError::TooManyDispersed => &ESG_RULE_DISPERSED_PORT_SIZE_EXCEED,
    }
}

/// Every problem of one ESG rule, in the seed table's order: action, remark, protocol,
/// portRange (then sourcePortRange), priority, ethertype, address, direction.
pub fn validate_rule(rule: &EsgRule, i: usize, out: &mut Vec<Problem>) {
    let p = |code: &'static ErrorCode, field| Problem::in_rule(code, i, field);
    match present(&rule.action) {
        None => out.push(p(&ESG_RULE_ACTION_EMPTY, Field::Action)),
        Some(a) if a != "allow" && a != "deny" => out.push(p(&ESG_RULE_ACTION_INVALID, Field::Action)),
        _ => {}
    }
    if rule.remark.as_deref().is_some_and(|r| char_len(r) > MAX_REMARK_CHARS) {
        out.push(p(&ESG_RULE_REMARK_TOO_LONG, Field::Remark));
    }
    let protocol = present(&rule.protocol);
    match protocol {
        None => out.push(p(&ESG_RULE_PROTOCOL_EMPTY, Field::Protocol)),
        Some(pr) if !PROTOCOLS.contains(&pr) => out.push(p(&ESG_RULE_PROTOCOL_INVALID, Field::Protocol)),
        _ => {}
    }
    // CHOICE: `all` and `icmp` carry no ports, so an empty portRange is fine for them;
    // anything given is still checked by the same grammar.
    let portless = matches!(protocol, Some("all" | "icmp"));
    let port_range = rule.port_range.as_deref().unwrap_or("");
    if !(portless && port_range.is_empty()) {
        if let Err(e) = ports::check(port_range, ports::ESG) {
            out.push(p(port_code(e), Field::PortRange));
        }
    }
    // sourcePortRange is optional; when given it follows the portRange grammar.
    if let Some(spr) = rule.source_port_range.as_deref().filter(|s| !s.is_empty()) {
        if let Err(e) = ports::check(spr, ports::ESG) {
            out.push(p(port_code(e), Field::SourcePortRange));
        }
    }
    match &rule.priority {
        None => out.push(p(&ESG_RULE_PRIORITY_EMPTY, Field::Priority)),
        Some(pr) if pr.is_blank() => out.push(p(&ESG_RULE_PRIORITY_EMPTY, Field::Priority)),
        Some(pr) if !pr.value().is_some_and(|v| (1..=1000).contains(&v)) => out.push(p(&ESG_RULE_PRIORITY_INVALID, Field::Priority)),
        _ => {}
    }
    let fam = match present(&rule.ethertype) {
        None => {
            out.push(p(&ESG_RULE_ETHERTYPE_EMPTY, Field::Ethertype));
            None
        }
        Some(e) => {
            let f = address::family(e);
            if f.is_none() {
                out.push(p(&ESG_RULE_ETHERTYPE_INVALID, Field::Ethertype));
            }
            f
        }
    };
    // The address that must be set follows the direction: the source for ingress, the
    // destination for egress. Without a valid direction there is nothing to check.
    let direction = present(&rule.direction);
    let addr_field = match direction.map(Direction::parse) {
        Some(Some(Direction::Ingress)) => Some((Field::SourceIp, &rule.source_ip)),
        Some(Some(Direction::Egress)) => Some((Field::DestIp, &rule.dest_ip)),
        _ => None,
    };
    if let Some((field, value)) = addr_field {
        match present(value) {
            None => out.push(p(&ESG_RULE_IP_ADDRESS_EMPTY, field)),
            Some(v) => {
                if !address::valid_for(v, fam) {
                    out.push(p(&ESG_RULE_IP_ADDRESS_ERROR, field));
                }
            }
        }
    }
    if let Some(local) = present(&rule.local_ip) {
        if !address::valid_for(local, fam) {
            out.push(p(&ESG_RULE_IP_ADDRESS_ERROR, Field::LocalIp));
        }
    }
    match direction.map(Direction::parse) {
        None => out.push(p(&ESG_RULE_DIRECTION_EMPTY, Field::Direction)),
        Some(Some(_)) => {}
        Some(None) => out.push(p(&ESG_RULE_DIRECTION_INVALID, Field::Direction)),
    }
}

/// The identity of an ESG rule for duplicate detection. CHOICE: every traffic-selecting
/// field plus action and priority; the remark is not part of it (unlike regular rules,
/// whose 6-tuple the seed spells out). Addresses compare as blocks.
pub fn rule_identity(r: &EsgRule) -> EsgRuleIdentity {
    let s = |v: &Option<String>| v.as_deref().unwrap_or("").trim().to_ascii_lowercase();
    let family = address::family(r.ethertype.as_deref().unwrap_or("")).unwrap_or(address::Family::V4);
    let addr = |v: &Option<String>| address::canonical(v.as_deref().unwrap_or(""), family);
    EsgRuleIdentity {
        direction: s(&r.direction),
        ethertype: s(&r.ethertype),
        protocol: s(&r.protocol),
        port_range: s(&r.port_range),
        source_port_range: s(&r.source_port_range),
        source_ip: addr(&r.source_ip),
        dest_ip: addr(&r.dest_ip),
        local_ip: addr(&r.local_ip),
        // A rule naming an address set or group selects by it, not by an address.
        remote_ip_set: s(&r.remote_ip_set),
        remote_ip_group: s(&r.remote_ip_group),
        action: s(&r.action),
        priority: r.priority.as_ref().and_then(|p| p.value()),
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct EsgRuleIdentity {
    pub direction: String,
    pub ethertype: String,
    pub protocol: String,
    pub port_range: String,
    pub source_port_range: String,
    pub source_ip: String,
    pub dest_ip: String,
    pub local_ip: String,
    pub remote_ip_set: String,
    pub remote_ip_group: String,
    pub action: String,
    pub priority: Option<i64>,
}

/// Every problem of rules added to a group that holds `existing`: at most 20 per call
/// (CHOICE: more answer `Esg.EsgRuleExceedQuota`, as a create does), each rule as a create
/// checks it, and none the same as another or as a rule the group holds
/// (`Esg.EsgRuleDuplicated`).
pub fn validate_authorize(rules: &[EsgRule], existing: &[EsgRule]) -> Vec<Problem> {
    let mut out = Vec::new();
    // CHOICE: no rules to add is a malformed body (no code is documented for it).
    if rules.is_empty() {
        out.push(Problem::new(&INVALID_HTTP_REQUEST, Field::Rules));
    }
    if rules.len() > MAX_RULES_PER_CREATE {
        out.push(Problem::new(&ESG_RULE_EXCEED_QUOTA, Field::Rules));
    }
    for (i, rule) in rules.iter().enumerate() {
        validate_rule(rule, i, &mut out);
    }
    let mut seen: HashMap<EsgRuleIdentity, usize> = existing.iter().map(|r| (rule_identity(r), usize::MAX)).collect();
    for (i, rule) in rules.iter().enumerate() {
        if seen.insert(rule_identity(rule), i).is_some() {
            out.push(Problem::in_rule(&ESG_RULE_DUPLICATED, i, Field::Rule));
        }
    }
    out
}

/// Every problem of an edit: the rule as it would be after the change, checked as a
/// create checks it, and not the same as another rule of its group (`others`).
pub fn validate_update(rule: &EsgRule, change: &UpdateEsgRuleRequest, others: &[EsgRule]) -> Vec<Problem> {
    let after = change.applied_to(rule);
    let mut out = Vec::new();
    validate_rule(&after, 0, &mut out);
    // An edit names one rule: its problems are about the body's fields, not `rules[0]`.
    for p in &mut out {
        p.rule = None;
    }
    let identity = rule_identity(&after);
    if others.iter().any(|o| rule_identity(o) == identity) {
        out.push(Problem::new(&ESG_RULE_DUPLICATED, Field::Rule));
    }
    out
}

/// Every problem of a create-ESG request.
pub fn validate_create(req: &CreateEsgRequest) -> Vec<Problem> {
    let mut out = Vec::new();
    match names::check_bce(req.name.as_deref().unwrap_or("")) {
        Ok(()) => {}
        Err(NameError::Empty) => out.push(Problem::new(&ESG_NAME_EMPTY, Field::Name)),
        Err(NameError::TooLong) => out.push(Problem::new(&ESG_NAME_TOO_LONG, Field::Name)),
        Err(NameError::Invalid) => out.push(Problem::new(&ESG_NAME_INVALID, Field::Name)),
    }
    if req.desc.as_deref().is_some_and(|d| char_len(d) > MAX_DESC_CHARS) {
        out.push(Problem::new(&ESG_DESC_TOO_LONG, Field::Desc));
    }
    if let Err(p) = super::bounds::check_bce_tags(&req.tags) {
        out.push(p);
    }
    let rules = req.rules.as_deref().unwrap_or(&[]);
    // CHOICE: more than 20 rules in one create answers Esg.EsgRuleExceedQuota.
    if rules.len() > MAX_RULES_PER_CREATE {
        out.push(Problem::new(&ESG_RULE_EXCEED_QUOTA, Field::Rules));
    }
    for (i, rule) in rules.iter().enumerate() {
        validate_rule(rule, i, &mut out);
    }
    let mut seen: HashMap<EsgRuleIdentity, usize> = HashMap::new();
    for (i, rule) in rules.iter().enumerate() {
        if seen.insert(rule_identity(rule), i).is_some() {
            out.push(Problem::in_rule(&ESG_RULE_DUPLICATED, i, Field::Rule));
        }
    }
    out
}
