//! `GET /api/journal` and `GET /api/policy` (#35). The journal is read by clients on
//! loopback, or by any client that sends the token given by `--journal-token-file`.

use axum::extract::Request;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};

use crate::journal::{Entry, Query};
use crate::listen::Peer;
use crate::serve::AppState;

/// Rows an export (`format=csv|jsonl`) holds at most.
pub const MAX_EXPORT: usize = 10_000;

fn error(status: StatusCode, code: &str, message: &str) -> Response {
    let body = serde_json::json!({ "code": code, "message": message });
    (status, [(header::CONTENT_TYPE, "application/json"), (header::CACHE_CONTROL, "no-store")], body.to_string()).into_response()
}

/// Equal in time whatever the first difference.
fn same(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// Loopback, or the token.
pub fn may_read(state: &AppState, req: &Request) -> bool {
    let loopback = req.extensions().get::<Peer>().is_some_and(|p| p.0.ip().is_loopback());
    let token = req.headers().get(header::AUTHORIZATION).and_then(|v| v.to_str().ok()).and_then(|v| v.strip_prefix("Bearer "));
    loopback || matches!((token, &state.journal_token), (Some(t), Some(want)) if same(t.trim().as_bytes(), want.as_bytes()))
}

#[derive(serde::Deserialize)]
struct Format {
    format: Option<String>,
}

pub async fn respond(state: &AppState, req: Request) -> Response {
    if !may_read(state, &req) {
        return error(
            StatusCode::FORBIDDEN,
            "AccessDenied",
            "the journal is read from loopback, or with the token given to palisade serve",
        );
    }
    let Some(journal) = &state.guard.journal else {
        return error(StatusCode::NOT_FOUND, "JournalOff", "the journal is off (palisade serve --journal off)");
    };
    let uri = req.uri().clone();
    drop(req);
    let Ok(axum::extract::Query(mut q)) = axum::extract::Query::<Query>::try_from_uri(&uri) else {
        return error(
            StatusCode::BAD_REQUEST,
            "InvalidQuery",
            "filters: cloud, region, resource, accessKeyId, since, cursor, limit, format",
        );
    };
    let format = axum::extract::Query::<Format>::try_from_uri(&uri).ok().and_then(|f| f.0.format);
    let export = match format.as_deref() {
        None | Some("json") => None,
        Some(f @ ("csv" | "jsonl")) => Some(f.to_owned()),
        Some(other) => return error(StatusCode::BAD_REQUEST, "InvalidQuery", &format!("format \"{other}\" is not json, csv or jsonl")),
    };
    let Some(export) = export else {
        return match journal.list(&q).await {
            Ok(page) => (
                [(header::CONTENT_TYPE, "application/json"), (header::CACHE_CONTROL, "no-store")],
                serde_json::to_string(&page).unwrap_or_default(),
            )
                .into_response(),
            Err(crate::journal::JournalError::Other(m)) => error(StatusCode::BAD_REQUEST, "InvalidQuery", &m),
            Err(e) => {
                tracing::error!("{e}");
                error(StatusCode::INTERNAL_SERVER_ERROR, "InternalError", "the journal could not be read")
            }
        };
    };
    // An export: every matching entry (up to MAX_EXPORT), page after page.
    let mut all: Vec<Entry> = Vec::new();
    q.limit = Some(crate::journal::MAX_PAGE);
    loop {
        match journal.list(&q).await {
            Ok(page) => {
                all.extend(page.entries);
                match page.next {
                    Some(next) if all.len() < MAX_EXPORT => q.cursor = Some(next),
                    _ => break,
                }
            }
            Err(e) => {
                tracing::error!("{e}");
                return error(StatusCode::INTERNAL_SERVER_ERROR, "InternalError", "the journal could not be read");
            }
        }
    }
    all.truncate(MAX_EXPORT);
    let (body, kind, ext) =
        if export == "csv" { (csv(&all), "text/csv; charset=utf-8", "csv") } else { (jsonl(&all), "application/x-ndjson", "jsonl") };
    (
        [
            (header::CONTENT_TYPE, kind.to_owned()),
            (header::CACHE_CONTROL, "no-store".to_owned()),
            (header::CONTENT_DISPOSITION, format!("attachment; filename=\"palisade-journal.{ext}\"")),
        ],
        body,
    )
        .into_response()
}

/// The journal as CSV, every cell through core's spreadsheet-safe writer.
pub fn csv(entries: &[Entry]) -> String {
    let mut out = palisade_core::csv::line(&[
        "at",
        "cloud",
        "region",
        "access_key_id",
        "method",
        "path",
        "resources",
        "summary",
        "status",
        "code",
        "request_id",
        "change_id",
    ]);
    for e in entries {
        out.push_str(&palisade_core::csv::line(&[
            e.at.as_str(),
            &e.cloud,
            &e.region,
            &e.access_key_id,
            &e.method,
            &e.path,
            &e.resources.join(" "),
            &e.summary,
            &e.status.to_string(),
            e.code.as_deref().unwrap_or(""),
            e.request_id.as_deref().unwrap_or(""),
            e.change_id.as_deref().unwrap_or(""),
        ]));
    }
    out
}

pub fn jsonl(entries: &[Entry]) -> String {
    entries.iter().map(|e| serde_json::to_string(e).unwrap_or_default() + "\n").collect()
}

/// The policy as JSON (`{"forbid":[],"require":{"remark":false}}` when there is none).
pub fn policy(state: &AppState) -> Response {
    let policy = state.guard.policy.clone().unwrap_or_default();
    let body = serde_json::json!({ "enforced": state.guard.policy.is_some(), "policy": policy });
    ([(header::CONTENT_TYPE, "application/json"), (header::CACHE_CONTROL, "no-store")], body.to_string()).into_response()
}
