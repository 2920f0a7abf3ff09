use serde::{Deserialize, Serialize};

use super::rule::SecurityGroupRule;
use super::PageInfo;
use super::{string_or_number, Tag};

/// `UpdateSecurityGroupOption`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct UpdateSecurityGroupOption {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

/// Body of `PUT /v3/{project_id}/vpc/security-groups/{id}`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct UpdateSecurityGroupRequestBody {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dry_run: Option<bool>,
    #[serde(default)]
    pub security_group: Option<UpdateSecurityGroupOption>,
}

/// `CreateSecurityGroupOption`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CreateSecurityGroupOption {
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enterprise_project_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tags: Option<Vec<Tag>>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CreateSecurityGroupRequestBody {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dry_run: Option<bool>,
    #[serde(default)]
    pub security_group: Option<CreateSecurityGroupOption>,
}

/// `SecurityGroupInfo`: a group with its rules.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SecurityGroupInfo {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub project_id: String,
    #[serde(default)]
    pub created_at: String,
    #[serde(default)]
    pub updated_at: String,
    #[serde(default, deserialize_with = "string_or_number")]
    pub enterprise_project_id: Option<String>,
    #[serde(default)]
    pub tags: Vec<Tag>,
    #[serde(default)]
    pub security_group_rules: Vec<SecurityGroupRule>,
}

/// `SecurityGroup`: a group as the list answers it, without its rules.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SecurityGroup {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub project_id: String,
    #[serde(default)]
    pub created_at: String,
    #[serde(default)]
    pub updated_at: String,
    #[serde(default, deserialize_with = "string_or_number")]
    pub enterprise_project_id: Option<String>,
    #[serde(default)]
    pub tags: Vec<Tag>,
}

impl From<SecurityGroupInfo> for SecurityGroup {
    fn from(g: SecurityGroupInfo) -> Self {
        let SecurityGroupInfo { id, name, description, project_id, created_at, updated_at, enterprise_project_id, tags, .. } = g;
        Self { id, name, description, project_id, created_at, updated_at, enterprise_project_id, tags }
    }
}

/// Answer of show, create and update.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SecurityGroupResponse {
    #[serde(default)]
    pub request_id: String,
    pub security_group: SecurityGroupInfo,
}

/// Answer of list: groups without their rules.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListSecurityGroupsResponse {
    #[serde(default)]
    pub request_id: String,
    pub security_groups: Vec<SecurityGroup>,
    #[serde(default)]
    pub page_info: PageInfo,
}
