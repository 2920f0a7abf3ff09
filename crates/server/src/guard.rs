//! What `palisade serve` does with a changing call besides forwarding it (#35): refuse it
//! when it breaks the policy (403 `Palisade.PolicyViolation`, in the cloud's own error
//! shape, before anything reaches the cloud), and journal it with the cloud's answer.

use axum::body::Body;
use axum::http::{HeaderMap, Method};
use axum::response::Response;
use http_body_util::BodyExt;
use palisade_core::change::{self, ChangeCall};
use palisade_core::policy::Policy;
use palisade_core::Cloud;

use crate::journal::{self, Entry, Journal};
use crate::proxy::Target;

/// The header the console names its change with; read here, never forwarded.
pub const CHANGE_HEADER: &str = "x-palisade-change";

/// The policy and the journal, both optional.
#[derive(Default)]
pub struct Guard {
    pub policy: Option<Policy>,
    pub journal: Option<Journal>,
}

/// A changing call on its way: what it does, and what the journal will say of it.
pub struct Pending {
    pub call: ChangeCall,
    entry: Entry,
}

impl Guard {
    /// Reads a changing call (`None` for a read, or when neither a policy nor a journal
    /// wants it).
    pub fn read(&self, target: &Target, method: &Method, headers: &HeaderMap, body: &[u8]) -> Option<Pending> {
        if self.policy.is_none() && self.journal.is_none() {
            return None;
        }
        let (path, query) = target.path_and_query.split_once('?').unwrap_or((&target.path_and_query, ""));
        let call = change::read(target.cloud, method.as_str(), path, query, body)?;
        let change_id = headers
            .get(CHANGE_HEADER)
            .and_then(|v| v.to_str().ok())
            .filter(|v| !v.is_empty() && v.len() <= 64 && v.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-'))
            .map(str::to_owned);
        let entry = Entry {
            at: String::new(),
            cloud: target.cloud.slug().to_owned(),
            region: target.region.clone(),
            access_key_id: journal::access_key_id(headers.get("authorization").and_then(|v| v.to_str().ok())),
            method: method.as_str().to_owned(),
            path: path.to_owned(),
            resources: call.resources.clone(),
            summary: call.summary.clone(),
            status: 0,
            code: None,
            request_id: None,
            change_id,
        };
        Some(Pending { call, entry })
    }

    /// Why the policy refuses this call, if it does.
    pub fn refuses(&self, pending: &Pending) -> Option<String> {
        let policy = self.policy.as_ref()?;
        if pending.call.unreadable && !policy.is_empty() {
            return Some("the request body could not be read to check it against the policy".into());
        }
        policy.first_breach(&pending.call.written).map(|b| b.reason())
    }

    /// Journals the call with the answer, and gives the answer back (its body read in
    /// full: changing calls answer a few hundred bytes).
    pub async fn record(&self, pending: Pending, cloud: Cloud, res: Response) -> Response {
        let Some(journal) = &self.journal else { return res };
        let (parts, body) = res.into_parts();
        let bytes = match http_body_util::Limited::new(body, crate::proxy::MAX_BODY_BYTES).collect().await {
            Ok(b) => b.to_bytes(),
            Err(_) => bytes::Bytes::new(),
        };
        let mut entry = pending.entry;
        entry.at = journal::now();
        entry.status = parts.status.as_u16();
        let json: serde_json::Value = serde_json::from_slice(&bytes).unwrap_or_default();
        let text = |k: &str| json.get(k).and_then(|v| v.as_str()).filter(|s| !s.is_empty()).map(str::to_owned);
        entry.request_id = ["x-bce-request-id", "x-request-id"]
            .iter()
            .find_map(|h| parts.headers.get(*h))
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
            .or_else(|| text("requestId"))
            .or_else(|| text("request_id"));
        if entry.status >= 400 {
            entry.code = match cloud {
                Cloud::Bce => text("code"),
                Cloud::Huawei => text("error_code"),
            };
        } else {
            // What a create made, so the journal links to it.
            for id in created_ids(&json) {
                if !entry.resources.contains(&id) {
                    entry.resources.push(id);
                }
            }
        }
        if let Err(e) = journal.record(entry).await {
            // The cloud has made the change: the answer still goes back, and the failure
            // to record it is logged loudly.
            tracing::error!("{e}: a change was made but not journalled");
        }
        Response::from_parts(parts, Body::from(bytes))
    }
}

/// The ids a successful create answers with.
fn created_ids(json: &serde_json::Value) -> Vec<String> {
    let mut out = Vec::new();
    for k in ["securityGroupId", "enterpriseSecurityGroupId", "esgId"] {
        if let Some(v) = json.get(k).and_then(|v| v.as_str()) {
            out.push(v.to_owned());
        }
    }
    for k in ["security_group", "security_group_rule"] {
        if let Some(v) = json.get(k).and_then(|g| g.get("id")).and_then(|v| v.as_str()) {
            out.push(v.to_owned());
        }
    }
    if let Some(rules) = json.get("security_group_rules").and_then(|v| v.as_array()) {
        out.extend(rules.iter().filter_map(|r| r.get("id")?.as_str().map(str::to_owned)));
    }
    if let Some(ids) = json.get("ruleIds").and_then(|v| v.as_array()) {
        out.extend(ids.iter().filter_map(|r| r.as_str().map(str::to_owned)));
    }
    out
}
