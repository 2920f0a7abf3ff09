//! `clientToken`: the same token with the same request returns the first answer and
//! changes nothing. CHOICE (Baidu's semantics page is not available): the same token
//! with a different request is `IdempotentParameterMismatch` (403, a general code), and
//! only successful answers are remembered, so a corrected retry may reuse its token.

use palisade_core::codes;
use palisade_core::sign::sha256_hex;
use rusqlite::{params, OptionalExtension, Transaction};

use super::BceError;
use crate::request::ApiRequest;
use crate::StoreError;

/// What identifies "the same request": method, path, every query parameter but the token
/// itself, and the body.
pub fn fingerprint(api: &ApiRequest) -> String {
    let mut q: Vec<String> = api.query.iter().filter(|(k, _)| k != "clientToken").map(|(k, v)| format!("{k}={v}")).collect();
    q.sort();
    sha256_hex(format!("{}\n{}\n{}\n{}", api.method, api.path, q.join("&"), sha256_hex(&api.body)).as_bytes())
}

/// A remembered answer.
pub struct Replay {
    pub status: u16,
    pub body: String,
}

/// `Ok(Some)` to replay, `Ok(None)` to go on, `Err` for a token reused differently.
pub fn check(tx: &Transaction<'_>, region: &str, api: &ApiRequest) -> Result<Option<Replay>, BceError> {
    let Some(token) = api.query_value("clientToken").filter(|t| !t.is_empty()) else {
        return Ok(None);
    };
    if token.len() > 64 || !token.is_ascii() {
        return Err(BceError::with_message(&codes::INAPPROPRIATE_JSON, "clientToken must be ASCII, at most 64 characters"));
    }
    let row = tx
        .query_row("SELECT fingerprint, status, body FROM bce_client_token WHERE region = ?1 AND token = ?2", params![region, token], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, u16>(1)?, r.get::<_, String>(2)?))
        })
        .optional()
        .map_err(StoreError::from)?;
    match row {
        None => Ok(None),
        Some((fp, status, body)) if fp == fingerprint(api) => Ok(Some(Replay { status, body })),
        Some(_) => Err(BceError::new(&codes::IDEMPOTENT_PARAMETER_MISMATCH)),
    }
}

/// Remembers a successful answer, in the same transaction as the change it describes.
pub fn remember(tx: &Transaction<'_>, region: &str, api: &ApiRequest, status: u16, body: &str) -> Result<(), StoreError> {
    if let Some(token) = api.query_value("clientToken").filter(|t| !t.is_empty()) {
        tx.execute(
            "INSERT OR REPLACE INTO bce_client_token (region, token, fingerprint, status, body) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![region, token, fingerprint(api), status, body],
        )?;
    }
    Ok(())
}
