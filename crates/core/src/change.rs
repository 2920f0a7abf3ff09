//! What a changing call does, read from its method, path and body (#35): the operation,
//! the resources it names, one line for a journal ("authorize ingress tcp 443 from
//! 10.0.0.0/8 on g-web00001"), and the rules it writes, for the policy. `palisade serve`
//! reads every call it forwards with this; the console's policy check reads the same rules.

use serde::de::DeserializeOwned;

use crate::bce::endpoint::{BindEsgRequest, BindSgRequest};
use crate::bce::esg::{AuthorizeEsgRulesRequest, CreateEsgRequest, EsgRule, UpdateEsgRuleRequest};
use crate::bce::security_group::{
    BatchBindRequest, CreateSecurityGroupRequest, InstanceBindRequest, RuleRequest, SecurityGroupRule, UpdateRuleRequest,
};
use crate::huawei::rule::{BatchCreateSecurityGroupRulesRequestBody, CreateSecurityGroupRuleRequestBody, SecurityGroupRule as HuaweiRule};
use crate::huawei::security_group::{CreateSecurityGroupRequestBody, UpdateSecurityGroupRequestBody};
use crate::policy::Written;
use crate::reach::Rule;
use crate::Cloud;

/// A changing call, as read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChangeCall {
    /// The operation (`authorizeRule`, `batchCreateRules`, …); `unknown` for a route no
    /// operation serves.
    pub operation: &'static str,
    /// The ids the call names (groups, rules, instances, cards), in the order it names them.
    pub resources: Vec<String>,
    pub summary: String,
    /// The rules it writes (adds, replaces or edits).
    pub written: Vec<Written>,
    /// The operation writes rules but its body could not be read: a policy refuses it
    /// (fail closed).
    pub unreadable: bool,
}

impl ChangeCall {
    fn new(operation: &'static str, resources: Vec<String>, summary: String) -> Self {
        ChangeCall { operation, resources, summary, written: Vec::new(), unreadable: false }
    }
}

fn body<T: DeserializeOwned + Default>(raw: &[u8], unreadable: &mut bool) -> T {
    match serde_json::from_slice(raw) {
        Ok(v) => v,
        Err(_) => {
            *unreadable = true;
            T::default()
        }
    }
}

fn text(v: &Option<String>) -> Option<&str> {
    v.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

/// `ingress tcp 443 from 10.0.0.0/8`: a rule in a journal's words.
pub fn words(direction: &str, protocol: Option<&str>, ports: Option<&str>, remote: Option<&str>, action: Option<&str>) -> String {
    let protocol = protocol.filter(|p| !p.is_empty() && *p != "all").unwrap_or("all protocols");
    let ports = match ports.filter(|p| !p.is_empty()) {
        None | Some("1-65535") | Some("all") => {
            if matches!(protocol, "tcp" | "udp") {
                " all ports"
            } else {
                ""
            }
        }
        Some(p) => return words_with(direction, protocol, &format!(" {p}"), remote, action),
    };
    words_with(direction, protocol, ports, remote, action)
}

fn words_with(direction: &str, protocol: &str, ports: &str, remote: Option<&str>, action: Option<&str>) -> String {
    let side = if direction == "egress" { "to" } else { "from" };
    let remote = remote.filter(|r| !r.is_empty()).unwrap_or("anywhere");
    let action = match action {
        Some(a) if a.eq_ignore_ascii_case("deny") => "deny ",
        _ => "",
    };
    format!("{action}{direction} {protocol}{ports} {side} {remote}")
}

fn bce_words(r: &SecurityGroupRule) -> String {
    let (ip, group) = r.remote();
    words(text(&r.direction).unwrap_or("?"), text(&r.protocol), text(&r.port_range), text(group).or(text(ip)), None)
}

fn esg_words(r: &EsgRule) -> String {
    let remote = text(&r.remote_ip_set).or(text(&r.remote_ip_group)).or(text(r.remote_ip()));
    let prio = r.priority.as_ref().and_then(|p| p.value()).map(|p| format!(" (priority {p})")).unwrap_or_default();
    format!("{}{prio}", words(text(&r.direction).unwrap_or("?"), text(&r.protocol), text(&r.port_range), remote, text(&r.action)))
}

fn huawei_words(r: &HuaweiRule) -> String {
    let remote = text(&r.remote_group_id).or(text(&r.remote_address_group_id)).or(text(&r.remote_ip_prefix));
    format!(
        "{} (priority {})",
        words(r.direction.trim(), text(&r.protocol), text(&r.multiport), remote, Some(r.action.as_str())),
        r.priority
    )
}

/// A list of rules in a line: the first two, then a count.
fn some(lines: Vec<String>) -> String {
    match lines.len() {
        0 => "no rules".into(),
        1 | 2 => lines.join("; "),
        n => format!("{}; {} and {} more", lines[0], lines[1], n - 2),
    }
}

/// An edit in place of a regular rule, with what it leaves unsaid read at its widest.
fn bce_edit(u: &UpdateRuleRequest) -> Written {
    let sent = |v: &Option<String>| v.is_some();
    let match_sent = [&u.protocol, &u.port_range, &u.source_ip, &u.source_group_id, &u.dest_ip, &u.dest_group_id].into_iter().any(sent);
    let egress = sent(&u.dest_ip) || sent(&u.dest_group_id);
    let ingress = sent(&u.source_ip) || sent(&u.source_group_id);
    let rule = SecurityGroupRule {
        direction: Some(if egress { "egress" } else { "ingress" }.into()),
        ethertype: text(&u.source_ip).or(text(&u.dest_ip)).filter(|a| a.contains(':')).map(|_| "IPv6".into()),
        protocol: u.protocol.clone(),
        port_range: u.port_range.clone(),
        source_ip: u.source_ip.clone(),
        source_group_id: u.source_group_id.clone(),
        dest_ip: u.dest_ip.clone(),
        dest_group_id: u.dest_group_id.clone(),
        ..Default::default()
    };
    Written {
        rule: if match_sent { Rule::from_bce(&rule) } else { None },
        direction_unknown: !egress && !ingress,
        remark: u.remark.as_ref().map(|r| r.trim().to_owned()),
    }
}

fn esg_edit(u: &UpdateEsgRuleRequest) -> Written {
    let given = |v: &Option<String>| v.as_deref().is_some_and(|s| !s.is_empty());
    let match_sent =
        [&u.protocol, &u.port_range, &u.source_ip, &u.dest_ip, &u.remote_ip_set, &u.remote_ip_group, &u.action].into_iter().any(given)
            || u.priority.is_some();
    let egress = given(&u.dest_ip);
    let rule = EsgRule {
        direction: Some(if egress { "egress" } else { "ingress" }.into()),
        ethertype: text(&u.source_ip).or(text(&u.dest_ip)).filter(|a| a.contains(':')).map(|_| "IPv6".into()),
        protocol: u.protocol.clone(),
        port_range: u.port_range.clone(),
        source_ip: u.source_ip.clone(),
        dest_ip: u.dest_ip.clone(),
        remote_ip_set: u.remote_ip_set.clone(),
        remote_ip_group: u.remote_ip_group.clone(),
        // An edit that does not name its action is read as an allow (the widest).
        action: Some(text(&u.action).unwrap_or("allow").to_owned()),
        priority: Some(u.priority.clone().unwrap_or(crate::bce::esg::Priority::Number(1.into()))),
        ..Default::default()
    };
    Written {
        rule: if match_sent { Rule::from_esg(&rule) } else { None },
        direction_unknown: !egress && !given(&u.source_ip),
        remark: u.remark.as_ref().map(|r| r.trim().to_owned()),
    }
}

fn has_flag(query: &str, flag: &str) -> bool {
    query.split('&').any(|kv| kv.split('=').next() == Some(flag))
}

/// Reads a changing call. `path` is the cloud's path (`/v2/securityGroup/g-1`,
/// `/v3/{project}/vpc/security-group-rules`), `query` without `?`. `None` for a GET.
pub fn read(cloud: Cloud, method: &str, path: &str, query: &str, raw: &[u8]) -> Option<ChangeCall> {
    if method.eq_ignore_ascii_case("GET") || method.eq_ignore_ascii_case("HEAD") {
        return None;
    }
    let segments: Vec<&str> = path.trim_matches('/').split('/').collect();
    let mut bad = false;
    let mut call = match cloud {
        Cloud::Bce => read_bce(method, &segments, query, raw, &mut bad),
        Cloud::Huawei => read_huawei(method, &segments, raw, &mut bad),
    }
    .unwrap_or_else(|| ChangeCall::new("unknown", Vec::new(), format!("{method} {path}")));
    call.unreadable = bad && writes_rules(call.operation);
    Some(call)
}

/// Operations whose body carries rules.
fn writes_rules(op: &str) -> bool {
    matches!(
        op,
        "createGroup"
            | "authorizeRule"
            | "updateRule"
            | "createEsg"
            | "authorizeEsgRules"
            | "updateEsgRule"
            | "createRule"
            | "batchCreateRules"
    )
}

fn read_bce(method: &str, s: &[&str], query: &str, raw: &[u8], bad: &mut bool) -> Option<ChangeCall> {
    let own = |v: &str| v.to_owned();
    Some(match (method, s) {
        ("POST", ["v2", "securityGroup"]) => {
            let b: CreateSecurityGroupRequest = body(raw, bad);
            let rules = b.rules.unwrap_or_default();
            let mut c = ChangeCall::new(
                "createGroup",
                Vec::new(),
                format!("create group {} with {}", text(&b.name).unwrap_or("?"), some(rules.iter().map(bce_words).collect())),
            );
            c.written = rules.iter().map(|r| Written::whole(Rule::from_bce(r), r.remark.as_deref())).collect();
            c
        }
        ("PUT", ["v2", "securityGroup", "rule", "update"]) => {
            let b: UpdateRuleRequest = body(raw, bad);
            let id = text(&b.security_group_rule_id).unwrap_or("?").to_owned();
            let sent = serde_json::to_value(UpdateRuleRequest { security_group_rule_id: None, ..b.clone() }).unwrap_or_default();
            let mut c = ChangeCall::new("updateRule", vec![id.clone()], format!("edit rule {id}: {sent}"));
            c.written = vec![bce_edit(&b)];
            c
        }
        ("DELETE", ["v2", "securityGroup", "rule", rule]) => ChangeCall::new("deleteRule", vec![own(rule)], format!("delete rule {rule}")),
        ("DELETE", ["v2", "securityGroup", id]) => ChangeCall::new("deleteGroup", vec![own(id)], format!("delete group {id}")),
        ("PUT", ["v2", "securityGroup", id]) if has_flag(query, "authorizeRule") || has_flag(query, "revokeRule") => {
            let b: RuleRequest = body(raw, bad);
            let rule = b.rule.unwrap_or_default();
            let authorize = has_flag(query, "authorizeRule");
            let verb = if authorize { "authorize" } else { "revoke" };
            let mut c = ChangeCall::new(
                if authorize { "authorizeRule" } else { "revokeRule" },
                vec![own(id)],
                format!("{verb} {} on {id}", bce_words(&rule)),
            );
            if authorize {
                c.written = vec![Written::whole(Rule::from_bce(&rule), rule.remark.as_deref())];
            }
            c
        }
        ("PUT", ["v2", "instance", id]) if has_flag(query, "bind") || has_flag(query, "unbind") => {
            let b: InstanceBindRequest = body(raw, bad);
            let group = text(&b.security_group_id).unwrap_or("?").to_owned();
            let (op, words) = if has_flag(query, "bind") { ("bindInstance", "bind") } else { ("unbindInstance", "unbind") };
            let on = if op == "bindInstance" { "to" } else { "from" };
            ChangeCall::new(op, vec![own(id), group.clone()], format!("{words} {group} {on} {id}"))
        }
        ("PUT", ["v2", "securitygroup", action @ ("bind" | "unbind" | "replace")]) => {
            let b: BatchBindRequest = body(raw, bad);
            let (instances, groups) = (b.instance_ids.unwrap_or_default(), b.security_group_ids.unwrap_or_default());
            let kind = text(&b.security_group_type).unwrap_or("normal");
            let summary = format!("{action} {} ({kind}) on {} instance(s): {}", groups.join(", "), instances.len(), instances.join(", "));
            let op = match *action {
                "bind" => "batchBind",
                "unbind" => "batchUnbind",
                _ => "batchReplace",
            };
            ChangeCall::new(op, instances.into_iter().chain(groups).collect(), summary)
        }
        ("POST", ["v1", "enterprise", "security"]) => {
            let b: CreateEsgRequest = body(raw, bad);
            let rules = b.rules.unwrap_or_default();
            let mut c = ChangeCall::new(
                "createEsg",
                Vec::new(),
                format!("create enterprise group {} with {}", text(&b.name).unwrap_or("?"), some(rules.iter().map(esg_words).collect())),
            );
            c.written = rules.iter().map(|r| Written::whole(Rule::from_esg(r), r.remark.as_deref())).collect();
            c
        }
        ("DELETE", ["v1", "enterprise", "security", "rule", rule]) => {
            ChangeCall::new("deleteEsgRule", vec![own(rule)], format!("delete enterprise rule {rule}"))
        }
        ("PUT", ["v1", "enterprise", "security", "rule", rule]) => {
            let b: UpdateEsgRuleRequest = body(raw, bad);
            let sent = serde_json::to_value(&b).unwrap_or_default();
            let mut c = ChangeCall::new("updateEsgRule", vec![own(rule)], format!("edit enterprise rule {rule}: {sent}"));
            c.written = vec![esg_edit(&b)];
            c
        }
        ("PUT", ["v1", "enterprise", "security", id]) if has_flag(query, "authorizeRule") => {
            let b: AuthorizeEsgRulesRequest = body(raw, bad);
            let rules = b.rules.unwrap_or_default();
            let mut c = ChangeCall::new(
                "authorizeEsgRules",
                vec![own(id)],
                format!("authorize {} on {id}", some(rules.iter().map(esg_words).collect())),
            );
            c.written = rules.iter().map(|r| Written::whole(Rule::from_esg(r), r.remark.as_deref())).collect();
            c
        }
        ("DELETE", ["v1", "enterprise", "security", id]) => {
            ChangeCall::new("deleteEsg", vec![own(id)], format!("delete enterprise group {id}"))
        }
        ("PUT", ["v1", "endpoint", id]) if has_flag(query, "bindEsg") => {
            let b: BindEsgRequest = body(raw, bad);
            let groups = b.enterprise_security_group_ids.unwrap_or_default();
            let summary = format!("set enterprise groups of card {id} to {}", groups.join(", "));
            ChangeCall::new("bindEsg", std::iter::once(own(id)).chain(groups).collect(), summary)
        }
        ("PUT", ["v1", "endpoint", id]) if has_flag(query, "bindSg") => {
            let b: BindSgRequest = body(raw, bad);
            let groups = b.security_group_ids.unwrap_or_default();
            let summary = format!("set groups of card {id} to {}", groups.join(", "));
            ChangeCall::new("bindSg", std::iter::once(own(id)).chain(groups).collect(), summary)
        }
        _ => return None,
    })
}

fn read_huawei(method: &str, s: &[&str], raw: &[u8], bad: &mut bool) -> Option<ChangeCall> {
    let rest = match s {
        ["v3", _project, "vpc", rest @ ..] => rest,
        _ => return None,
    };
    let own = |v: &str| v.to_owned();
    Some(match (method, rest) {
        ("POST", ["security-groups"]) => {
            let b: CreateSecurityGroupRequestBody = body(raw, bad);
            let name = b.security_group.and_then(|g| g.name).unwrap_or_else(|| "?".into());
            ChangeCall::new("createHuaweiGroup", Vec::new(), format!("create group {name}"))
        }
        ("PUT", ["security-groups", id]) => {
            let b: UpdateSecurityGroupRequestBody = body(raw, bad);
            let sent = serde_json::to_value(&b).unwrap_or_default();
            ChangeCall::new("updateHuaweiGroup", vec![own(id)], format!("update group {id}: {sent}"))
        }
        ("DELETE", ["security-groups", id]) => ChangeCall::new("deleteHuaweiGroup", vec![own(id)], format!("delete group {id}")),
        ("POST", ["security-group-rules"]) => {
            let b: CreateSecurityGroupRuleRequestBody = body(raw, bad);
            let option = b.security_group_rule.unwrap_or_default();
            let rule = option.to_rule();
            let group = rule.security_group_id.clone();
            let mut c = ChangeCall::new("createRule", vec![group.clone()], format!("create {} on {group}", huawei_words(&rule)));
            c.written = vec![Written::whole(Rule::from_huawei(&rule), Some(&rule.description))];
            c
        }
        ("POST", ["security-groups", id, "security-group-rules", "batch-create"]) => {
            let b: BatchCreateSecurityGroupRulesRequestBody = body(raw, bad);
            let rules: Vec<HuaweiRule> = b.security_group_rules.unwrap_or_default().iter().map(|o| o.to_single(id).to_rule()).collect();
            let mut c = ChangeCall::new(
                "batchCreateRules",
                vec![own(id)],
                format!("create {} on {id}", some(rules.iter().map(huawei_words).collect())),
            );
            c.written = rules.iter().map(|r| Written::whole(Rule::from_huawei(r), Some(&r.description))).collect();
            c
        }
        ("DELETE", ["security-group-rules", id]) => ChangeCall::new("deleteRule", vec![own(id)], format!("delete rule {id}")),
        _ => return None,
    })
}
