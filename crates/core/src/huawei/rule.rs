use serde::{Deserialize, Serialize};

use super::PageInfo;
use crate::bce::esg::Priority;

/// `SecurityGroupRule` as answered.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SecurityGroupRule {
    // Defaulted: a rules file a user writes names no id (the API always sends one).
    #[serde(default)]
    pub id: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub security_group_id: String,
    pub direction: String,
    #[serde(default)]
    pub protocol: Option<String>,
    #[serde(default)]
    pub ethertype: String,
    #[serde(default)]
    pub multiport: Option<String>,
    #[serde(default)]
    pub action: String,
    #[serde(default)]
    pub priority: i64,
    #[serde(default)]
    pub remote_group_id: Option<String>,
    #[serde(default)]
    pub remote_ip_prefix: Option<String>,
    #[serde(default)]
    pub remote_address_group_id: Option<String>,
    #[serde(default)]
    pub created_at: String,
    #[serde(default)]
    pub updated_at: String,
    #[serde(default)]
    pub project_id: String,
    #[serde(default = "yes")]
    pub enabled: bool,
}

fn yes() -> bool {
    true
}

/// `CreateSecurityGroupRuleOption`. The SDK's model types `priority` as a string.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CreateSecurityGroupRuleOption {
    #[serde(default)]
    pub security_group_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(default)]
    pub direction: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ethertype: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub protocol: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub multiport: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub remote_ip_prefix: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub remote_group_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub remote_address_group_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub action: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub priority: Option<Priority>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enabled: Option<bool>,
}

impl CreateSecurityGroupRuleOption {
    /// The rule this create call makes, as the cloud fills it in (id, group, times and
    /// project aside): IPv4, action deny (seed 003: "The default value is deny"; the
    /// SDK's model comment says allow, the seed is the contract), priority 100, enabled;
    /// a blank text is not given, and the protocol is lower case.
    pub fn to_rule(&self) -> SecurityGroupRule {
        let text = |v: &Option<String>| v.clone().filter(|s| !s.trim().is_empty());
        SecurityGroupRule {
            description: self.description.clone().unwrap_or_default(),
            security_group_id: self.security_group_id.clone().unwrap_or_default(),
            direction: self.direction.clone().unwrap_or_default(),
            protocol: text(&self.protocol).map(|p| p.to_ascii_lowercase()),
            ethertype: text(&self.ethertype).unwrap_or_else(|| "IPv4".to_owned()),
            multiport: text(&self.multiport),
            action: text(&self.action).unwrap_or_else(|| "deny".to_owned()),
            priority: self.priority.as_ref().and_then(|p| p.value()).unwrap_or(100),
            remote_group_id: text(&self.remote_group_id),
            remote_ip_prefix: text(&self.remote_ip_prefix),
            remote_address_group_id: text(&self.remote_address_group_id),
            enabled: self.enabled.unwrap_or(true),
            ..Default::default()
        }
    }

    /// The create call that makes `rule` again (a plan's add, or the undo of a delete):
    /// every field the rule was written with; the priority as the SDK's string.
    pub fn from_rule(rule: &SecurityGroupRule) -> Self {
        let text = |s: &str| Some(s.to_owned()).filter(|s| !s.is_empty());
        CreateSecurityGroupRuleOption {
            security_group_id: text(&rule.security_group_id),
            description: text(&rule.description),
            direction: Some(rule.direction.clone()),
            ethertype: text(&rule.ethertype),
            protocol: rule.protocol.clone().filter(|p| !p.is_empty()),
            multiport: rule.multiport.clone().filter(|p| !p.is_empty()),
            remote_ip_prefix: rule.remote_ip_prefix.clone(),
            remote_group_id: rule.remote_group_id.clone(),
            remote_address_group_id: rule.remote_address_group_id.clone(),
            action: text(&rule.action),
            priority: Some(Priority::Text(rule.priority.to_string())),
            // Sent only when off: on is the default.
            enabled: (!rule.enabled).then_some(false),
        }
    }
}

/// `BatchCreateSecurityGroupRulesOption`: one rule of a batch-create. No group: the path
/// names it. Its defaults are not the single create's: action allow and priority 1 (the
/// option's own model: "默认值为allow", "默认值为1").
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BatchCreateSecurityGroupRulesOption {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(default)]
    pub direction: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ethertype: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub protocol: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub multiport: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub remote_ip_prefix: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub remote_group_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub remote_address_group_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub action: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub priority: Option<Priority>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enabled: Option<bool>,
}

impl BatchCreateSecurityGroupRulesOption {
    /// The same rule as a single create's option for `group`, with the batch's defaults
    /// filled in, so one validation and one `to_rule` serve both calls.
    pub fn to_single(&self, group: &str) -> CreateSecurityGroupRuleOption {
        let given = |v: &Option<String>| v.clone().filter(|s| !s.trim().is_empty());
        CreateSecurityGroupRuleOption {
            security_group_id: Some(group.to_owned()),
            description: self.description.clone(),
            direction: self.direction.clone(),
            ethertype: self.ethertype.clone(),
            protocol: self.protocol.clone(),
            multiport: self.multiport.clone(),
            remote_ip_prefix: self.remote_ip_prefix.clone(),
            remote_group_id: self.remote_group_id.clone(),
            remote_address_group_id: self.remote_address_group_id.clone(),
            action: Some(given(&self.action).unwrap_or_else(|| "allow".to_owned())),
            priority: Some(self.priority.clone().filter(|p| !p.is_blank()).unwrap_or(Priority::Text("1".to_owned()))),
            enabled: self.enabled,
        }
    }

    /// The option that makes `rule` again in a batch: every field it was written with.
    pub fn from_rule(rule: &SecurityGroupRule) -> Self {
        let single = CreateSecurityGroupRuleOption::from_rule(rule);
        BatchCreateSecurityGroupRulesOption {
            description: single.description,
            direction: single.direction,
            ethertype: single.ethertype,
            protocol: single.protocol,
            multiport: single.multiport,
            remote_ip_prefix: single.remote_ip_prefix,
            remote_group_id: single.remote_group_id,
            remote_address_group_id: single.remote_address_group_id,
            action: single.action,
            priority: single.priority,
            enabled: single.enabled,
        }
    }
}

/// `POST /v3/{project_id}/vpc/security-groups/{security_group_id}/security-group-rules/batch-create`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BatchCreateSecurityGroupRulesRequestBody {
    #[serde(default)]
    pub security_group_rules: Option<Vec<BatchCreateSecurityGroupRulesOption>>,
    /// Skip rules that repeat one another or one the group holds, instead of refusing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ignore_duplicate: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dry_run: Option<bool>,
}

/// The rules a batch-create made (201).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BatchCreateSecurityGroupRulesResponse {
    #[serde(default)]
    pub request_id: String,
    #[serde(default)]
    pub security_group_rules: Vec<SecurityGroupRule>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CreateSecurityGroupRuleRequestBody {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dry_run: Option<bool>,
    #[serde(default)]
    pub security_group_rule: Option<CreateSecurityGroupRuleOption>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SecurityGroupRuleResponse {
    #[serde(default)]
    pub request_id: String,
    pub security_group_rule: SecurityGroupRule,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListSecurityGroupRulesResponse {
    #[serde(default)]
    pub request_id: String,
    pub security_group_rules: Vec<SecurityGroupRule>,
    #[serde(default)]
    pub page_info: PageInfo,
}
