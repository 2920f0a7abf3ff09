//! Huawei Cloud VPC v3 security-group wire types (snake_case, as the API and
//! `huaweicloudsdkvpc` use them). `null` means absent.

pub mod rule;
pub mod security_group;

use serde::{Deserialize, Deserializer, Serialize};

/// A list answer's paging: the markers around this page.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PageInfo {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub previous_marker: Option<String>,
    #[serde(default)]
    pub current_count: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_marker: Option<String>,
}

/// Huawei's error body; the request id is also in the `X-Request-Id` header.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorBody {
    #[serde(default)]
    pub request_id: String,
    pub error_code: String,
    #[serde(default)]
    pub error_msg: String,
}

/// The 202 answer of a `dry_run` that passed (undocumented body; Palisade's choice).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DryRunResponse {
    #[serde(default)]
    pub request_id: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tag {
    pub key: String,
    #[serde(default)]
    pub value: String,
}

/// Some answers (the seed's example) carry `enterprise_project_id` as the number `0`;
/// the model says string. Accept both, keep a string.
pub fn string_or_number<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Either {
        S(String),
        N(serde_json::Number),
    }
    Ok(Option::<Either>::deserialize(d)?.map(|e| match e {
        Either::S(s) => s,
        Either::N(n) => n.to_string(),
    }))
}
