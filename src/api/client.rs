//! The low-level call of each cloud: credentials, signature, URL through the proxy,
//! and the cloud's error format turned into [`ApiError`].

use leptos::prelude::*;
use palisade_core::sign::{self, SignableRequest};
use serde::de::DeserializeOwned;

use super::credentials::{self, CloudKind, CredentialProvider};
use super::transport::{self, Reply};
use super::ApiError;
use crate::settings::Settings;

/// Everything a call needs; `Copy`, so any component takes it from context.
#[derive(Clone, Copy)]
pub struct Api {
    /// Where the proxy lives on this origin (`/api` unless a host portal says otherwise).
    pub base: StoredValue<String>,
    pub settings: Settings,
    pub provider: CredentialProvider,
}

/// A request before signing: the decoded path and query, and an optional JSON body.
pub struct Call<'a> {
    pub method: &'a str,
    pub path: &'a str,
    pub query: &'a [(&'a str, &'a str)],
    pub body: Option<String>,
}

impl<'a> Call<'a> {
    pub fn get(path: &'a str, query: &'a [(&'a str, &'a str)]) -> Self {
        Self { method: "GET", path, query, body: None }
    }
}

pub fn use_api() -> Api {
    expect_context::<Api>()
}

const JSON: &str = "application/json;charset=utf-8";

impl Api {
    /// A Baidu call, signed `host;x-bce-date` (plus the STS token) for the real host,
    /// because the browser cannot set `Host` and the proxy sets it to that host.
    pub async fn bce(&self, call: Call<'_>) -> Result<Reply, ApiError> {
        let region = self.settings.bce_region.get_untracked();
        let creds = credentials::resolve(self.settings, self.provider, CloudKind::Bce, &region).await?;
        let host = format!("bcc.{region}.baidubce.com");
        let mut headers: Vec<(String, String)> = Vec::new();
        if call.body.is_some() {
            headers.push(("Content-Type".into(), JSON.into()));
        }
        let mut signed = vec!["host", sign::bce::DATE_HEADER];
        if let Some(token) = &creds.security_token {
            headers.push((sign::bce::SECURITY_TOKEN_HEADER.into(), token.clone()));
            signed.push(sign::bce::SECURITY_TOKEN_HEADER);
        }
        let refs: Vec<(&str, &str)> = headers.iter().map(|(n, v)| (n.as_str(), v.as_str())).collect();
        let body = call.body.as_deref().unwrap_or("");
        let req = SignableRequest { method: call.method, host: &host, path: call.path, query: call.query, headers: &refs, body: body.as_bytes() };
        let params = sign::bce::SigningParams {
            access_key_id: &creds.access_key,
            secret_access_key: &creds.secret_key,
            timestamp: transport::now_secs(),
            expiration_secs: sign::bce::DEFAULT_EXPIRATION_SECS,
            signed_headers: Some(&signed),
        };
        let signature = sign::bce::sign(&req, &params).map_err(|e| ApiError::Network(e.to_string()))?;
        headers.extend(signature.headers_to_add);
        let url = self.url("bce", &region, call.path, call.query);
        let reply = transport::send(call.method, &url, &headers, call.body.as_deref()).await?;
        if (200..300).contains(&reply.status) {
            return Ok(reply);
        }
        Err(match serde_json::from_str::<palisade_core::bce::common::ErrorBody>(&reply.body) {
            Ok(e) => ApiError::Cloud {
                status: reply.status,
                code: e.code,
                message: e.message,
                request_id: if e.request_id.is_empty() { reply.request_id } else { e.request_id },
            },
            Err(_) => unexpected(reply),
        })
    }

    /// A Huawei call under `/v3/{project_id}/vpc/...`, signed with every header sent.
    pub async fn huawei(&self, call: Call<'_>) -> Result<Reply, ApiError> {
        let region = self.settings.huawei_region.get_untracked();
        let creds = credentials::resolve(self.settings, self.provider, CloudKind::Huawei, &region).await?;
        let project = creds.project_id.clone().unwrap_or_default();
        let host = format!("vpc.{region}.myhuaweicloud.com");
        let path = format!("/v3/{project}/vpc{}", call.path);
        let mut headers: Vec<(String, String)> =
            vec![("Content-Type".into(), "application/json".into()), (sign::huawei::PROJECT_ID_HEADER.into(), project.clone())];
        if let Some(token) = &creds.security_token {
            headers.push((sign::huawei::SECURITY_TOKEN_HEADER.into(), token.clone()));
        }
        let refs: Vec<(&str, &str)> = headers.iter().map(|(n, v)| (n.as_str(), v.as_str())).collect();
        let body = call.body.as_deref().unwrap_or("");
        let req = SignableRequest { method: call.method, host: &host, path: &path, query: call.query, headers: &refs, body: body.as_bytes() };
        let params = sign::huawei::SigningParams { access_key: &creds.access_key, secret_key: &creds.secret_key, timestamp: transport::now_secs() };
        let signature = sign::huawei::sign(&req, &params).map_err(|e| ApiError::Network(e.to_string()))?;
        headers.extend(signature.headers_to_add);
        let url = self.url("huawei", &region, &path, call.query);
        let reply = transport::send(call.method, &url, &headers, call.body.as_deref()).await?;
        if (200..300).contains(&reply.status) {
            return Ok(reply);
        }
        Err(match serde_json::from_str::<palisade_core::huawei::ErrorBody>(&reply.body) {
            Ok(e) => ApiError::Cloud {
                status: reply.status,
                code: e.error_code,
                message: e.error_msg,
                request_id: if e.request_id.is_empty() { reply.request_id } else { e.request_id },
            },
            Err(_) => unexpected(reply),
        })
    }

    fn url(&self, cloud: &str, region: &str, path: &str, query: &[(&str, &str)]) -> String {
        let base = self.base.get_value();
        let mut url = format!("{}/{cloud}/{region}{}", base.trim_end_matches('/'), transport::encode_path(path));
        if !query.is_empty() {
            url.push('?');
            url.push_str(&transport::encode_query(query));
        }
        url
    }
}

fn unexpected(reply: Reply) -> ApiError {
    let mut detail: String = reply.body.chars().take(200).collect();
    if detail.is_empty() {
        detail = "an empty answer".into();
    }
    ApiError::Unexpected { status: reply.status, detail, request_id: reply.request_id }
}

/// The body of a successful answer as `T`.
pub fn decode<T: DeserializeOwned>(reply: Reply) -> Result<T, ApiError> {
    serde_json::from_str(&reply.body).map_err(|e| ApiError::Unexpected {
        status: reply.status,
        detail: format!("the answer is not the documented JSON: {e}"),
        request_id: reply.request_id,
    })
}

/// `Ok` when validation found nothing, else the problems as [`ApiError::Invalid`].
pub fn checked(problems: Vec<palisade_core::validate::Problem>) -> Result<(), ApiError> {
    if problems.is_empty() {
        Ok(())
    } else {
        Err(ApiError::Invalid(problems))
    }
}

/// A request body as JSON (wire types always serialize).
pub fn json<T: serde::Serialize>(v: &T) -> Option<String> {
    Some(serde_json::to_string(v).expect("wire types serialize"))
}
