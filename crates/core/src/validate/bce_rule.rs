//! `PUT /v2/securityGroup/{id}?authorizeRule`: a regular security group rule.

use super::address::{self, Family};
use super::ports::{self, PortError};
use super::{char_len, present, Field, Problem};
use crate::bce::security_group::{RuleRequest, SecurityGroupRule, UpdateRuleRequest};
use crate::codes::*;
use crate::direction::Direction;

/// CHOICE: `SecurityGroup.RuleRemarkTooLong` (reference) without a documented limit; 255.
pub const MAX_REMARK_CHARS: usize = 255;
/// Regular rules per group (reference C.10: 50 ingress + 50 egress).
pub const MAX_RULES_PER_DIRECTION: usize = 50;

/// CHOICE: `all` is accepted beside the documented empty value for "every protocol".
const PROTOCOLS: [&str; 5] = ["", "all", "tcp", "udp", "icmp"];

/// Every problem of one regular rule, in the seed table's order: protocol, port, address,
/// direction; then the remark and the ethertype, which the seed's table does not list.
pub fn validate_rule(rule: &SecurityGroupRule) -> Vec<Problem> {
    let mut out = Vec::new();
    let protocol = rule.protocol.as_deref().unwrap_or("").trim();
    if !PROTOCOLS.contains(&protocol) {
        out.push(Problem::new(&BAD_REQUEST_PROTOCOL, Field::Protocol));
    }
    // An empty portRange means 1-65535; `all`/`icmp` take an empty one (CHOICE: a given
    // one is still checked by the same grammar).
    let port_range = rule.port_range.as_deref().unwrap_or("");
    if !port_range.is_empty() {
        match ports::check(port_range, ports::REGULAR) {
            Ok(()) => {}
            Err(PortError::Order) => out.push(Problem::new(&RULE_PORT_ORDER_INVALID, Field::PortRange)),
            Err(PortError::ValueExceed) => out.push(Problem::new(&RULE_PORT_RANGE_INVALID, Field::PortRange)),
            Err(_) => out.push(Problem::new(&RULE_PORT_INVALID, Field::PortRange)),
        }
    }
    let fam = match rule.ethertype.as_deref().unwrap_or("") {
        "" => Some(Family::V4),
        e => address::family(e),
    };
    // CHOICE: an address and a group on the same side are mutually exclusive; both set is
    // the address error, named on the group's field, whose limit says "one remote only"
    // (#34: a bad address and two remotes read alike when both named the address).
    for (ip_field, group_field, ip, group) in [
        (Field::SourceIp, Field::SourceGroupId, &rule.source_ip, &rule.source_group_id),
        (Field::DestIp, Field::DestGroupId, &rule.dest_ip, &rule.dest_group_id),
    ] {
        if let Some(v) = present(ip) {
            if !address::valid_for(v, fam) {
                out.push(Problem::new(&RULE_CIDR_ADDRESS_ERROR, ip_field));
            }
            if present(group).is_some() {
                out.push(Problem::new(&RULE_CIDR_ADDRESS_ERROR, group_field));
            }
        }
    }
    // A valid direction, and nothing on the side that is not the remote one.
    let wrong_side = match present(&rule.direction).and_then(Direction::parse) {
        Some(_) => {
            let (ip, group) = rule.local();
            present(ip).is_some() || present(group).is_some()
        }
        None => true,
    };
    if wrong_side {
        out.push(Problem::new(&RULE_DIRECTION_ERROR, Field::Direction));
    }
    if rule.remark.as_deref().is_some_and(|r| char_len(r) > MAX_REMARK_CHARS) {
        out.push(Problem::new(&RULE_REMARK_TOO_LONG, Field::Remark));
    }
    for (field, group) in [(Field::SourceGroupId, &rule.source_group_id), (Field::DestGroupId, &rule.dest_group_id)] {
        if let Err(p) = super::bounds::check_id(group, &crate::codes::INAPPROPRIATE_JSON, field) {
            out.push(p);
        }
    }
    if fam.is_none() {
        out.push(Problem::new(&BAD_REQUEST_ETHERTYPE, Field::Ethertype));
    }
    out
}

/// Every problem of an edit in place: the rule after the change checked as a new one, a
/// port protocol not turned into `icmp` (reference C.3: `InvalidProtocolException`), and
/// no twin of another rule of the group (`others`).
pub fn validate_update(rule: &SecurityGroupRule, change: &UpdateRuleRequest, others: &[SecurityGroupRule]) -> Vec<Problem> {
    let after = change.applied_to(rule);
    let mut out = validate_rule(&after);
    let was = rule.protocol.as_deref().unwrap_or("");
    if matches!(was, "tcp" | "udp") && after.protocol.as_deref() == Some("icmp") {
        out.push(Problem::new(&INVALID_PROTOCOL_EXCEPTION, Field::Protocol));
    }
    let id = rule_identity(&after);
    if others.iter().any(|o| rule_identity(o) == id) {
        out.push(Problem::new(&RULE_DUPLICATED, Field::Rule));
    }
    out
}

/// Every problem of an authorize (or revoke) request body.
pub fn validate_request(req: &RuleRequest) -> Vec<Problem> {
    match &req.rule {
        None => vec![Problem::new(&INAPPROPRIATE_JSON, Field::Rule)],
        Some(rule) => validate_rule(rule),
    }
}

/// The identity of a regular rule: the seed's 6-tuple (remark, protocol, direction,
/// portRange, sourceIp|destIp, sourceGroupId|destGroupId). The one function used
/// wherever duplicates are detected. CHOICE: values are normalised so that spellings
/// of the same rule match: protocol `""` = `all`, portRange `""` = `1-65535`, addresses
/// compared as blocks (`10.0.0.1` = `10.0.0.1/32`; `""` = `all` = `0.0.0.0/0` for IPv4,
/// `::/0` for IPv6).
pub fn rule_identity(r: &SecurityGroupRule) -> RuleIdentity {
    let direction = r.direction.as_deref().unwrap_or("").trim().to_owned();
    let (ip, group) = r.remote();
    let protocol = match r.protocol.as_deref().unwrap_or("").trim().to_ascii_lowercase() {
        p if p.is_empty() => "all".to_owned(),
        p => p,
    };
    let port_range = match r.port_range.as_deref().unwrap_or("").trim() {
        "" => "1-65535".to_owned(),
        p => p.to_owned(),
    };
    let group = group.as_deref().unwrap_or("").trim().to_owned();
    // A group-based rule has no address; a blank address beside it is not "all".
    let family = address::family(r.ethertype.as_deref().unwrap_or("")).unwrap_or(Family::V4);
    let address = if group.is_empty() { address::canonical(ip.as_deref().unwrap_or(""), family) } else { String::new() };
    RuleIdentity { remark: r.remark.clone().unwrap_or_default(), protocol, direction, port_range, address, group }
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RuleIdentity {
    pub remark: String,
    pub protocol: String,
    pub direction: String,
    pub port_range: String,
    pub address: String,
    pub group: String,
}
