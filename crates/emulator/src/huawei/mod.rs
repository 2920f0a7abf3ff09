//! Huawei Cloud VPC v3 security groups: `/v3/{project_id}/vpc/...` on
//! `vpc.{region}.myhuaweicloud.com`.

mod error;
mod rules;
mod security_groups;

pub use error::HwError;

/// Creates a group with the default rules (for fixtures).
pub fn insert_group(tx: &rusqlite::Transaction<'_>, scope: &Scope<'_>, name: &str, description: &str) -> Result<String, HwError> {
    security_groups::insert(tx, scope, name, description, None)
}

pub(crate) use rules::insert as insert_rule;

/// A fixture's TCP rule, stamped like one the API made.
pub(crate) fn fixture_rule(
    scope: &Scope<'_>,
    group: &str,
    action: &str,
    priority: i64,
    ports: &str,
    prefix: &str,
    description: &str,
) -> palisade_core::huawei::rule::SecurityGroupRule {
    let at = security_groups::now();
    palisade_core::huawei::rule::SecurityGroupRule {
        id: crate::ids::uuid(),
        description: description.to_owned(),
        security_group_id: group.to_owned(),
        direction: palisade_core::Direction::Ingress.as_str().to_owned(),
        protocol: Some("tcp".to_owned()),
        ethertype: "IPv4".to_owned(),
        multiport: Some(ports.to_owned()),
        action: action.to_owned(),
        priority,
        remote_ip_prefix: Some(prefix.to_owned()),
        created_at: at.clone(),
        updated_at: at,
        project_id: scope.project.to_owned(),
        enabled: true,
        ..Default::default()
    }
}

/// Where Huawei state lives: a project in a region, as on the real cloud.
#[derive(Debug, Clone, Copy)]
pub struct Scope<'a> {
    pub project: &'a str,
    pub region: &'a str,
}

/// The scoped tables a quota counts rows of.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Held {
    Groups,
    Rules,
}

impl Scope<'_> {
    /// `VPC.0606` when the scope already holds `limit` rows of `what`.
    pub(crate) fn check_quota(&self, tx: &rusqlite::Transaction<'_>, what: Held, limit: usize) -> Result<(), HwError> {
        self.check_quota_for(tx, what, limit, 1)
    }

    /// `VPC.0606` when `adding` more rows of `what` would take the scope past `limit`.
    pub(crate) fn check_quota_for(&self, tx: &rusqlite::Transaction<'_>, what: Held, limit: usize, adding: usize) -> Result<(), HwError> {
        let sql = match what {
            Held::Groups => "SELECT count(*) FROM hw_security_group WHERE project_id = ?1 AND region = ?2",
            Held::Rules => "SELECT count(*) FROM hw_rule WHERE project_id = ?1 AND region = ?2",
        };
        let held: i64 = tx.query_row(sql, [self.project, self.region], |r| r.get(0))?;
        if held as usize + adding > limit {
            return Err(HwError::new(&codes::HW_QUOTA_EXCEEDED));
        }
        Ok(())
    }
}

use std::sync::Arc;

use axum::extract::Request;
use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use palisade_core::codes;
use palisade_core::huawei::DryRunResponse;
use palisade_core::huawei::PageInfo;
use palisade_core::sign::{huawei, VerifyError};
use palisade_core::validate::huawei as validate;
use palisade_core::Cloud;
use serde::de::DeserializeOwned;

use crate::request::ApiRequest;
use crate::{ids, Emulator, MAX_BODY_BYTES};

/// What a handler needs besides the store.
pub struct Ctx<'a> {
    pub api: &'a ApiRequest,
    pub scope: Scope<'a>,
    pub request_id: &'a str,
}

pub async fn handle(emu: Arc<Emulator>, req: Request) -> Response {
    let request_id = ids::uuid().replace('-', "");
    let result = match ApiRequest::read(req, MAX_BODY_BYTES).await {
        Err(e) => Err(HwError::with_message(&codes::HW_PARAM_INVALID, &e.to_string())),
        Ok(api) => {
            let id = request_id.clone();
            crate::off_the_runtime(emu, move |emu| authenticate(emu, &api).and_then(|_| route(emu, &api, &id)))
                .await
                .unwrap_or_else(|| Err(HwError::new(&codes::HW_INTERNAL)))
        }
    };
    let mut res = match result {
        Ok(res) => res,
        Err(e) => e.into_response_with(&request_id),
    };
    // Every answer carries X-Request-Id; the SDK reads an error's request id from it.
    if let Ok(v) = HeaderValue::from_str(&request_id) {
        res.headers_mut().insert("x-request-id", v);
    }
    res
}

fn authenticate(emu: &Emulator, api: &ApiRequest) -> Result<String, HwError> {
    api.with_signable(|r| huawei::verify(r, crate::now(), &emu.credentials)).map_err(|e| {
        // The API gateway answers every AK/SK failure with APIGW.0301 (401).
        let why = match e {
            VerifyError::SignatureMismatch { canonical_request } => {
                format!("verify aksk signature fail, canonicalRequest:{}", canonical_request.replace('\n', "|"))
            }
            other => other.to_string(),
        };
        HwError::with_message(&codes::HW_AUTH_FAILED, &format!("Incorrect IAM authentication information: {why}"))
    })
}

fn route(emu: &Emulator, api: &ApiRequest, request_id: &str) -> Result<Response, HwError> {
    let segs = api.segments();
    let (project, rest) = match segs.as_slice() {
        ["v3", project, "vpc", rest @ ..] if !project.is_empty() => (*project, rest),
        _ => return Err(HwError::with_message(&codes::HW_NOT_FOUND, &format!("no API {} {}", api.method, api.path))),
    };
    // Not every string is a project: `my-project` must not become a namespace.
    validate::check_project_id(project).map_err(|p| HwError::with_message(p.code, "Invalid project_id: 32 lower-case hex digits"))?;
    if api.header("x-project-id").is_some_and(|p| p.trim() != project) {
        return Err(HwError::new(&codes::HW_PROJECT_MISMATCH));
    }
    // The region of `vpc.{region}.myhuaweicloud.com`; an SDK pointed at the emulator's
    // own address gets the default region.
    let region = Cloud::Huawei.region_of_host(&api.host).unwrap_or(Cloud::Huawei.default_region());
    let scope = Scope { project, region };
    security_groups::ensure_project(emu, &scope)?;
    let ctx = Ctx { api, scope, request_id };
    match (api.method.as_str(), rest) {
        ("GET", ["security-groups"]) => security_groups::list(emu, &ctx),
        ("POST", ["security-groups"]) => security_groups::create(emu, &ctx),
        ("GET", ["security-groups", id]) => security_groups::show(emu, &ctx, id),
        ("PUT", ["security-groups", id]) => security_groups::update(emu, &ctx, id),
        ("DELETE", ["security-groups", id]) => security_groups::delete(emu, &ctx, id),
        ("GET", ["security-group-rules"]) => rules::list(emu, &ctx),
        ("POST", ["security-group-rules"]) => rules::create(emu, &ctx),
        ("POST", ["security-groups", id, "security-group-rules", "batch-create"]) => rules::batch_create(emu, &ctx, id),
        ("GET", ["security-group-rules", id]) => rules::show(emu, &ctx, id),
        ("DELETE", ["security-group-rules", id]) => rules::delete(emu, &ctx, id),
        _ => Err(HwError::with_message(&codes::HW_NOT_FOUND, &format!("no API {} {}", api.method, api.path))),
    }
}

pub(crate) fn parse<T: DeserializeOwned>(body: &[u8]) -> Result<T, HwError> {
    // An object, never an array read into a struct by position.
    if body.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'[') {
        return Err(HwError::with_message(&codes::HW_PARAM_INVALID, "Invalid request body: a JSON object is expected"));
    }
    serde_json::from_slice(body).map_err(|e| HwError::with_message(&codes::HW_PARAM_INVALID, &format!("Invalid request body: {e}")))
}

/// An answer serialised from core's response types.
pub(crate) fn json<T: serde::Serialize>(status: u16, value: &T) -> Response {
    let status = StatusCode::from_u16(status).unwrap_or(StatusCode::OK);
    (status, [("content-type", "application/json;charset=UTF-8")], serde_json::to_string(value).unwrap_or_default()).into_response()
}

/// The 202 of a passed `dry_run`.
pub(crate) fn dry_run(ctx: &Ctx<'_>) -> Response {
    json(202, &DryRunResponse { request_id: ctx.request_id.to_owned() })
}

/// `limit` (1–2000, default 2000) and `marker` (an id) paging over an ordered list.
pub(crate) fn page<T: Clone>(api: &ApiRequest, items: &[(String, T)]) -> Result<(Vec<T>, PageInfo), HwError> {
    let limit = match api.query_value("limit").filter(|v| !v.is_empty()) {
        None => 2000,
        Some(v) => v
            .parse::<usize>()
            .ok()
            .filter(|n| (1..=2000).contains(n))
            .ok_or_else(|| HwError::with_message(&codes::HW_PARAM_INVALID, "Invalid limit: 1 to 2000"))?,
    };
    let start = match api.query_value("marker").filter(|m| !m.is_empty()) {
        None => 0,
        Some(m) => items
            .iter()
            .position(|(id, _)| id == m)
            .map(|i| i + 1)
            .ok_or_else(|| HwError::with_message(&codes::HW_PARAM_INVALID, "Invalid marker"))?,
    };
    let slice: Vec<&(String, T)> = items.iter().skip(start).take(limit).collect();
    let more = start + slice.len() < items.len();
    let info = PageInfo {
        previous_marker: slice.first().map(|f| f.0.clone()),
        current_count: slice.len() as u32,
        next_marker: if more { slice.last().map(|l| l.0.clone()) } else { None },
    };
    Ok((slice.into_iter().map(|(_, t)| t.clone()).collect(), info))
}
