use serde::{Deserialize, Serialize};

use super::common::{Page, Tag};

/// A service network interface card (`/v1/endpoint`), with the fields the real API
/// returns: no security-group field (reference C.7). A card's groups are found by
/// listing groups with `instanceId` = the card's id.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Endpoint {
    pub endpoint_id: String,
    pub name: String,
    #[serde(default)]
    pub ip_address: Option<String>,
    #[serde(default)]
    pub status: Option<String>,
    #[serde(default)]
    pub service: Option<String>,
    #[serde(default)]
    pub subnet_id: Option<String>,
    #[serde(default)]
    pub vpc_id: Option<String>,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub create_time: Option<String>,
    #[serde(default)]
    pub product_type: Option<String>,
    #[serde(default)]
    pub tags: Vec<Tag>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ListEndpointsResponse {
    #[serde(flatten)]
    pub page: Page,
    pub endpoints: Vec<Endpoint>,
}

/// Body of `PUT /v1/endpoint/{id}?bindSg`: the card's regular groups, replacing its list.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BindSgRequest {
    pub security_group_ids: Option<Vec<String>>,
}

/// Body of `PUT /v1/endpoint/{id}?bindEsg`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BindEsgRequest {
    #[serde(default)]
    pub enterprise_security_group_ids: Option<Vec<String>>,
}
