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
