use serde::{Deserialize, Serialize};

/// Baidu's error body; the same id travels in the `x-bce-request-id` header.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ErrorBody {
    #[serde(default)]
    pub request_id: String,
    pub code: String,
    #[serde(default)]
    pub message: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Tag {
    pub tag_key: String,
    #[serde(default)]
    pub tag_value: Option<String>,
}

/// The paging fields every Baidu list answer carries. `nextMarker` is absent on the last page.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Page {
    #[serde(default)]
    pub marker: Option<String>,
    #[serde(default)]
    pub is_truncated: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_marker: Option<String>,
    #[serde(default)]
    pub max_keys: u32,
}
