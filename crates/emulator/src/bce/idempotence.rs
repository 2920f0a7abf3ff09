//! `clientToken`: the same token with the same request returns the first answer and
//! changes nothing. CHOICE (Baidu's semantics page is not available): the same token
//! with a different request is `IdempotentParameterMismatch` (403, a general code), and
//! only successful answers are remembered, so a corrected retry may reuse its token.
//! Tokens are kept for a day and at most 10,000 per region (`validate::bounds`), so the
//! table cannot grow without end.

use palisade_core::codes;
use palisade_core::sign::sha256_hex;
use palisade_core::validate::bounds::{CLIENT_TOKEN_TTL_SECS, MAX_CLIENT_TOKENS};
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
        .query_row(
            "SELECT fingerprint, status, body FROM bce_client_token WHERE region = ?1 AND token = ?2 AND created > ?3",
            params![region, token, crate::now() - CLIENT_TOKEN_TTL_SECS],
            |r| Ok((r.get::<_, String>(0)?, r.get::<_, u16>(1)?, r.get::<_, String>(2)?)),
        )
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
        let now = crate::now();
        tx.execute(
            "INSERT OR REPLACE INTO bce_client_token (region, token, fingerprint, status, body, created) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![region, token, fingerprint(api), status, body, now],
        )?;
        // Every 256th token: forget what has expired, then the oldest over the cap (so
        // the table holds at most the cap plus 256, and a write pays for this rarely).
        if tx.last_insert_rowid() % 256 != 0 {
            return Ok(());
        }
        tx.execute("DELETE FROM bce_client_token WHERE region = ?1 AND created <= ?2", params![region, now - CLIENT_TOKEN_TTL_SECS])?;
        tx.execute(
            "DELETE FROM bce_client_token WHERE rowid IN (SELECT rowid FROM bce_client_token WHERE region = ?1 ORDER BY created DESC, rowid DESC LIMIT -1 OFFSET ?2)",
            params![region, MAX_CLIENT_TOKENS as i64],
        )?;
    }
    Ok(())
}
