//! What `palisade serve` knows for a team (#35): the journal of changes and the policy it
//! enforces. Plain GETs on this origin (not signed: they are the server's, not a cloud's).

use leptos::prelude::*;
use palisade_core::journal::{Page, Query};
use palisade_core::policy::Policy;
use serde::Deserialize;

use super::transport;
use super::{Api, ApiError};

/// `GET /api/policy`.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
pub struct PolicyInfo {
    /// Whether `serve` was given a policy (`--policy`).
    pub enforced: bool,
    pub policy: Policy,
}

fn read<T: serde::de::DeserializeOwned>(reply: transport::Reply) -> Result<T, ApiError> {
    if reply.status >= 400 {
        #[derive(Deserialize)]
        struct Error {
            code: String,
            message: String,
        }
        let e: Error = serde_json::from_str(&reply.body).map_err(|_| ApiError::Unexpected {
            status: reply.status,
            detail: reply.body.clone(),
            request_id: String::new(),
        })?;
        return Err(ApiError::Cloud {
            status: reply.status,
            code: e.code,
            message: e.message,
            request_id: String::new(),
            operation: None,
            server_time: None,
        });
    }
    serde_json::from_str(&reply.body).map_err(|e| ApiError::Unexpected {
        status: reply.status,
        detail: e.to_string(),
        request_id: String::new(),
    })
}

/// The query string of a journal query (filters left empty are not sent).
pub fn query_string(q: &Query) -> String {
    let mut pairs: Vec<(&str, String)> = Vec::new();
    let mut add = |k: &'static str, v: &Option<String>| {
        if let Some(v) = v.as_deref().map(str::trim).filter(|v| !v.is_empty()) {
            pairs.push((k, v.to_owned()));
        }
    };
    add("cloud", &q.cloud);
    add("region", &q.region);
    add("resource", &q.resource);
    add("accessKeyId", &q.access_key_id);
    add("since", &q.since);
    add("cursor", &q.cursor);
    add("limit", &q.limit.map(|l| l.to_string()));
    let refs: Vec<(&str, &str)> = pairs.iter().map(|(k, v)| (*k, v.as_str())).collect();
    transport::encode_query(&refs)
}

impl Api {
    pub async fn journal(&self, q: &Query) -> Result<Page, ApiError> {
        let base = self.base.try_get_value().ok_or(ApiError::Cancelled)?;
        if let Some(refused) = self.journal_refused.try_get_value().flatten() {
            return Err(refused);
        }
        let qs = query_string(q);
        let url = if qs.is_empty() { format!("{base}/journal") } else { format!("{base}/journal?{qs}") };
        let answer = read(transport::send("GET", &url, &[], None).await?);
        // CHOICE: a 403 stands for this console's life (the token is the portal's, added
        // or not to every request alike); the Changes page says it once, and no group
        // asks again.
        if let Err(e) = &answer {
            if matches!(e, ApiError::Cloud { status: 403, .. }) {
                self.journal_refused.try_set_value(Some(e.clone()));
            }
        }
        answer
    }

    /// The journal as a file (`csv` or `jsonl`), every entry the filters match.
    pub async fn journal_export(&self, q: &Query, format: &str) -> Result<String, ApiError> {
        let base = self.base.try_get_value().ok_or(ApiError::Cancelled)?;
        let qs = query_string(&Query { cursor: None, limit: None, ..q.clone() });
        let url = format!("{base}/journal?format={format}{}{qs}", if qs.is_empty() { "" } else { "&" });
        let reply = transport::send("GET", &url, &[], None).await?;
        if reply.status >= 400 {
            return read::<()>(reply).map(|_| String::new());
        }
        Ok(reply.body)
    }

    pub async fn policy(&self) -> Result<PolicyInfo, ApiError> {
        let base = self.base.try_get_value().ok_or(ApiError::Cancelled)?;
        read(transport::send("GET", &format!("{base}/policy"), &[], None).await?)
    }
}
