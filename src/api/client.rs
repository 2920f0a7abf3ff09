//! The low-level call of each cloud: credentials, signature, URL through the proxy,
//! and the cloud's error format turned into [`ApiError`].

use leptos::prelude::*;
use palisade_core::codes::Operation;
use palisade_core::sign::{self, console};
use palisade_core::Cloud;
use serde::de::DeserializeOwned;

use super::credentials::{self, CredentialProvider};
use super::transport::{self, Reply};
use super::ApiError;
use crate::api::idempotence::TokenBook;
use crate::settings::Settings;

/// Everything a call needs; `Copy`, so any component takes it from context.
#[derive(Clone, Copy)]
pub struct Api {
    /// Where the proxy lives on this origin (`/api` unless a host portal says otherwise).
    pub base: StoredValue<String>,
    pub settings: Settings,
    pub provider: CredentialProvider,
    /// `clientToken`s of changing calls that may still be retried (see `idempotence`).
    pub tokens: StoredValue<TokenBook>,
    /// The journal's refusal (403: no token behind a portal), once seen: a group's
    /// recent changes then ask no more (each opened group made a call that was refused).
    pub journal_refused: StoredValue<Option<ApiError>>,
}

/// A request before signing: the decoded path and query, and an optional JSON body.
pub struct Call<'a> {
    pub method: &'a str,
    pub path: &'a str,
    pub query: &'a [(&'a str, &'a str)],
    pub body: Option<String>,
    /// The seed operation this is, so an error is explained for it (see `codes::explain`).
    pub operation: Option<Operation>,
}

impl<'a> Call<'a> {
    pub fn get(path: &'a str, query: &'a [(&'a str, &'a str)]) -> Self {
        Self { method: "GET", path, query, body: None, operation: None }
    }

    pub fn new(method: &'a str, path: &'a str, query: &'a [(&'a str, &'a str)], body: Option<String>) -> Self {
        Self { method, path, query, body, operation: None }
    }

    pub fn for_operation(self, operation: Operation) -> Self {
        Self { operation: Some(operation), ..self }
    }
}

pub fn use_api() -> Api {
    expect_context::<Api>()
}

impl Api {
    /// Reads (tracked) all that a call to `cloud` depends on: the region, the access key
    /// and, for Huawei, the region's project. A loader that calls this loads again when
    /// any of them changes; a page drops what it showed from the old scope.
    pub fn scope(&self, cloud: Cloud) -> String {
        let s = self.settings;
        let region = s.region(cloud).try_get().unwrap_or_default();
        let key = match cloud {
            Cloud::Bce => s.bce_access_key.try_get(),
            Cloud::Huawei => s.huawei_access_key.try_get(),
        }
        .unwrap_or_default();
        // A new secret key reloads too (tracked, but kept out of the returned text).
        let _ = match cloud {
            Cloud::Bce => s.bce_secret_key.try_with(|_| ()),
            Cloud::Huawei => s.huawei_secret_key.try_with(|_| ()),
        };
        let project = match cloud {
            Cloud::Bce => String::new(),
            Cloud::Huawei => s.huawei_projects.try_with(|_| s.project_for(&region)).unwrap_or_default(),
        };
        format!("{region}|{key}|{project}")
    }

    /// A Baidu call, signed by core's console policy (`sign::console::bce`) for the real
    /// host, because the browser cannot set `Host` and the proxy sets it to that host.
    ///
    /// Every changing call carries a `clientToken`, the same one when the same request
    /// is retried after getting no verdict, so the cloud applies it once.
    pub async fn bce(&self, call: Call<'_>) -> Result<Reply, ApiError> {
        if call.method == "GET" {
            return self.bce_once(call).await;
        }
        let action = TokenBook::action_key(call.method, call.path, call.query, call.body.as_deref());
        let token = self.tokens.try_update_value(|b| b.token_for(&action, transport::uuid)).unwrap_or_else(transport::uuid);
        let mut query = call.query.to_vec();
        query.retain(|(k, _)| *k != "clientToken");
        query.push(("clientToken", &token));
        let outcome = self.bce_once(Call { query: &query, ..call }).await;
        let retryable = outcome.as_ref().err().is_some_and(ApiError::is_retryable);
        self.tokens.try_update_value(|b| b.settle(&action, retryable));
        outcome
    }

    async fn bce_once(&self, call: Call<'_>) -> Result<Reply, ApiError> {
        let region = self.settings.bce_region.try_get_untracked().ok_or(ApiError::Cancelled)?;
        let creds = credentials::resolve(self.settings, self.provider, Cloud::Bce, &region).await?;
        let signed = console::Call { method: call.method, region: &region, path: call.path, query: call.query, body: call.body.as_deref() };
        let headers = sign::console::bce(&signed, &creds.keys(), transport::now_secs()).map_err(ApiError::Signing)?;
        let url = self.url(Cloud::Bce, &region, call.path, call.query)?;
        let reply = transport::send(call.method, &url, &headers, call.body.as_deref()).await?;
        verdict(reply, call.operation, |body| {
            serde_json::from_str::<palisade_core::bce::common::ErrorBody>(body).ok().map(|e| (e.code, e.message, e.request_id))
        })
    }

    /// A Huawei call under `/v3/{project_id}/vpc/...`, signed by core's console policy
    /// (`sign::console::huawei`: every header sent).
    pub async fn huawei(&self, call: Call<'_>) -> Result<Reply, ApiError> {
        let region = self.settings.huawei_region.try_get_untracked().ok_or(ApiError::Cancelled)?;
        let creds = credentials::resolve(self.settings, self.provider, Cloud::Huawei, &region).await?;
        let project = creds.project_id.clone().unwrap_or_default();
        let path = format!("/v3/{}/vpc{}", seg(&project)?, call.path);
        let signed = console::Call { method: call.method, region: &region, path: &path, query: call.query, body: call.body.as_deref() };
        let headers = sign::console::huawei(&signed, &project, &creds.keys(), transport::now_secs()).map_err(ApiError::Signing)?;
        let url = self.url(Cloud::Huawei, &region, &path, call.query)?;
        let reply = transport::send(call.method, &url, &headers, call.body.as_deref()).await?;
        verdict(reply, call.operation, |body| {
            serde_json::from_str::<palisade_core::huawei::ErrorBody>(body).ok().map(|e| (e.error_code, e.error_msg, e.request_id))
        })
    }

    fn url(&self, cloud: Cloud, region: &str, path: &str, query: &[(&str, &str)]) -> Result<String, ApiError> {
        let base = self.base.try_get_value().ok_or(ApiError::Cancelled)?;
        let mut url = format!("{}/{}/{region}{}", base.trim_end_matches('/'), cloud.slug(), transport::encode_path(path));
        if !query.is_empty() {
            url.push('?');
            url.push_str(&transport::encode_query(query));
        }
        Ok(url)
    }
}

/// One path segment taken from data (an id, a project): the path a request goes to must
/// be the one its operation names, so a segment that could name another (a `/`, a dot
/// segment, an escape, a query or fragment) is refused before anything is signed (#36).
/// What passes is then percent-encoded by `transport::encode_path` like any segment.
pub fn seg(s: &str) -> Result<&str, ApiError> {
    let plain = !s.is_empty() && s != "." && s != ".." && !s.chars().any(|c| matches!(c, '/' | '\\' | '?' | '#' | '%') || c.is_control());
    if plain {
        Ok(s)
    } else {
        Err(ApiError::Local(format!("\"{}\" is not an id: a path segment cannot hold / \\ ? # % or be . or ..", s.escape_debug())))
    }
}

/// A 2xx answer, or the cloud's error as [`ApiError::Cloud`]: `error` reads the cloud's
/// error body (code, message, request id), whose field names differ per cloud.
fn verdict(
    reply: Reply,
    operation: Option<Operation>,
    error: impl FnOnce(&str) -> Option<(String, String, String)>,
) -> Result<Reply, ApiError> {
    if (200..300).contains(&reply.status) {
        return Ok(reply);
    }
    Err(match error(&reply.body) {
        Some((code, message, request_id)) => ApiError::Cloud {
            status: reply.status,
            code,
            message,
            request_id: if request_id.is_empty() { reply.request_id } else { request_id },
            operation,
            server_time: reply.server_time,
        },
        None => unexpected(reply),
    })
}

fn unexpected(reply: Reply) -> ApiError {
    let mut detail: String = reply.body.chars().take(200).collect();
    if detail.is_empty() {
        detail = "an empty answer".into();
    }
    ApiError::Unexpected { status: reply.status, detail, request_id: reply.request_id }
}

/// A GET of either cloud, with its error format turned into [`ApiError`].
async fn get(api: &Api, cloud: Cloud, path: &str, query: &[(&str, &str)]) -> Result<Reply, ApiError> {
    match cloud {
        Cloud::Bce => api.bce(Call::get(path, query)).await,
        Cloud::Huawei => api.huawei(Call::get(path, query)).await,
    }
}

/// Follows the next marker until the last page, so a list is always whole: Baidu pages
/// with `maxKeys` (at most 1000) and `nextMarker`, Huawei with `limit` (at most 2000) and
/// `page_info.next_marker`; `items` takes a page's items and its next marker.
pub async fn all_pages<T, R>(
    api: &Api,
    cloud: Cloud,
    path: &str,
    extra: &[(&str, &str)],
    items: impl Fn(R) -> (Vec<T>, Option<String>),
) -> Result<Vec<T>, ApiError>
where
    R: DeserializeOwned,
{
    let page_size = match cloud {
        Cloud::Bce => ("maxKeys", "1000"),
        Cloud::Huawei => ("limit", "2000"),
    };
    let mut out = Vec::new();
    let mut marker: Option<String> = None;
    loop {
        let mut query: Vec<(&str, &str)> = extra.to_vec();
        query.push(page_size);
        if let Some(m) = marker.as_deref() {
            query.push(("marker", m));
        }
        let (mut batch, next) = items(decode(get(api, cloud, path, &query).await?)?);
        out.append(&mut batch);
        match next {
            Some(n) if !n.is_empty() && marker.as_deref() != Some(n.as_str()) => marker = Some(n),
            _ => return Ok(out),
        }
    }
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

#[cfg(test)]
mod tests {
    use super::seg;

    #[test]
    fn a_segment_from_data_cannot_name_another_path() {
        for ok in ["g-web00001", "060576782980d5762f9ec014dd2f1148", "esg.x_1", "名"] {
            assert_eq!(seg(ok), Ok(ok));
        }
        for bad in ["", ".", "..", "../../bce/bj/v2/securityGroup/g-web00001", "a/b", "a\\b", "a?x=1", "a#b", "a%2Fb", "a\nb"] {
            assert!(seg(bad).is_err(), "{bad:?}");
        }
    }
}
