use serde::{Deserialize, Serialize};

use super::common::{Page, Tag};

/// The ESG rule priority arrives as a number (`1000`) or a string (`"1000"`); kept as
/// sent so validation can name a non-numeric value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Priority {
    Number(serde_json::Number),
    Text(String),
}

impl Priority {
    /// The integer value, if it is one (`"10"` and `10` both are; `"1e3"`, `1.5` are not).
    pub fn value(&self) -> Option<i64> {
        match self {
            Priority::Number(n) => n.as_i64(),
            Priority::Text(s) => s.trim().parse().ok(),
        }
    }

    pub fn is_blank(&self) -> bool {
        matches!(self, Priority::Text(s) if s.trim().is_empty())
    }
}

/// `EnterpriseSecurityGroupRuleModel`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EsgRule {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enterprise_security_group_rule_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub remark: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub direction: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ethertype: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub port_range: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_port_range: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub protocol: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_ip: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dest_ip: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub local_ip: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub remote_ip_set: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub remote_ip_group: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub action: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub priority: Option<Priority>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_time: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated_time: Option<String>,
}

/// Body of `POST /v1/enterprise/security`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CreateEsgRequest {
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub desc: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rules: Option<Vec<EsgRule>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tags: Option<Vec<Tag>>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CreateEsgResponse {
    pub enterprise_security_group_id: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EnterpriseSecurityGroup {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub desc: Option<String>,
    #[serde(default)]
    pub rules: Vec<EsgRule>,
    #[serde(default)]
    pub tags: Vec<Tag>,
    #[serde(default)]
    pub created_time: Option<String>,
    #[serde(default)]
    pub updated_time: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ListEsgResponse {
    #[serde(flatten)]
    pub page: Page,
    pub enterprise_security_groups: Vec<EnterpriseSecurityGroup>,
}
