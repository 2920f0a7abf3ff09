use serde::{Deserialize, Serialize};

use super::common::{Page, Tag};

/// `SecurityGroupRuleModel` of a regular security group.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SecurityGroupRule {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub remark: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub direction: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ethertype: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub port_range: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub protocol: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_group_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_ip: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dest_group_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dest_ip: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub security_group_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub security_group_rule_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_time: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated_time: Option<String>,
}

/// Body of `PUT /v2/securityGroup/{id}?authorizeRule` (and `?revokeRule`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RuleRequest {
    #[serde(default)]
    pub rule: Option<SecurityGroupRule>,
}

/// Body of `PUT /v2/securityGroup/rule/update?sgVersion=`: the rule by id and the fields
/// to change (the SDK sends only those it is given). Direction and ethertype cannot change.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UpdateRuleRequest {
    #[serde(default)]
    pub security_group_rule_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub remark: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub protocol: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub port_range: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_ip: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_group_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dest_ip: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dest_group_id: Option<String>,
}

impl UpdateRuleRequest {
    /// The fields in which `to` differs from `from` (a field emptied is sent empty).
    pub fn between(from: &SecurityGroupRule, to: &SecurityGroupRule) -> Self {
        let changed = |a: &Option<String>, b: &Option<String>| {
            let (a, b) = (a.as_deref().unwrap_or(""), b.as_deref().unwrap_or(""));
            (a != b).then(|| b.to_owned())
        };
        UpdateRuleRequest {
            security_group_rule_id: from.security_group_rule_id.clone(),
            remark: changed(&from.remark, &to.remark),
            protocol: changed(&from.protocol, &to.protocol),
            port_range: changed(&from.port_range, &to.port_range),
            source_ip: changed(&from.source_ip, &to.source_ip),
            source_group_id: changed(&from.source_group_id, &to.source_group_id),
            dest_ip: changed(&from.dest_ip, &to.dest_ip),
            dest_group_id: changed(&from.dest_group_id, &to.dest_group_id),
        }
    }

    /// Whether it changes nothing (the id aside).
    pub fn is_empty(&self) -> bool {
        UpdateRuleRequest { security_group_rule_id: None, ..self.clone() } == UpdateRuleRequest::default()
    }

    /// `rule` with these fields changed. Setting an address clears the group on that
    /// side and the other way round (they are exclusive).
    pub fn applied_to(&self, rule: &SecurityGroupRule) -> SecurityGroupRule {
        let mut r = rule.clone();
        let set = |field: &mut Option<String>, v: &Option<String>| {
            if v.is_some() {
                field.clone_from(v);
            }
        };
        set(&mut r.remark, &self.remark);
        set(&mut r.protocol, &self.protocol);
        set(&mut r.port_range, &self.port_range);
        set(&mut r.source_ip, &self.source_ip);
        set(&mut r.source_group_id, &self.source_group_id);
        set(&mut r.dest_ip, &self.dest_ip);
        set(&mut r.dest_group_id, &self.dest_group_id);
        let given = |v: &Option<String>| v.as_deref().is_some_and(|s| !s.is_empty());
        if given(&self.source_ip) && self.source_group_id.is_none() {
            r.source_group_id = None;
        }
        if given(&self.source_group_id) && self.source_ip.is_none() {
            r.source_ip = None;
        }
        if given(&self.dest_ip) && self.dest_group_id.is_none() {
            r.dest_group_id = None;
        }
        if given(&self.dest_group_id) && self.dest_ip.is_none() {
            r.dest_ip = None;
        }
        r
    }
}

/// Body of `POST /v2/securityGroup`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CreateSecurityGroupRequest {
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub desc: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vpc_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rules: Option<Vec<SecurityGroupRule>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tags: Option<Vec<Tag>>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CreateSecurityGroupResponse {
    pub security_group_id: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SecurityGroup {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub desc: Option<String>,
    #[serde(default)]
    pub vpc_id: Option<String>,
    #[serde(default)]
    pub created_time: Option<String>,
    #[serde(default)]
    pub sg_version: Option<i64>,
    #[serde(default)]
    pub bind_instance_num: Option<u32>,
    #[serde(default)]
    pub rules: Vec<SecurityGroupRule>,
    #[serde(default)]
    pub tags: Vec<Tag>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ListSecurityGroupsResponse {
    #[serde(flatten)]
    pub page: Page,
    pub security_groups: Vec<SecurityGroup>,
}

/// Body of `PUT /v2/securitygroup/bind`, `/unbind` and `/replace`: groups of one kind
/// (`normal` or `enterprise`) bound to, unbound from, or replacing every group of, many
/// instances at once.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BatchBindRequest {
    #[serde(default)]
    pub instance_ids: Option<Vec<String>>,
    #[serde(default)]
    pub security_group_ids: Option<Vec<String>>,
    #[serde(default)]
    pub security_group_type: Option<String>,
}

/// Body of `PUT /v2/instance/{id}?bind` and `?unbind`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct InstanceBindRequest {
    #[serde(default)]
    pub security_group_id: Option<String>,
}
