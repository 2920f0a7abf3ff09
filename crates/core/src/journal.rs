//! The journal's wire types (#35): what `palisade serve` records of each changing call
//! and answers on `GET /api/journal`, and what the console's Changes page reads.

use serde::{Deserialize, Serialize};

/// One recorded call. Never the secret key, the signature or the body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Entry {
    /// RFC 3339, UTC, milliseconds (`2026-12-07T20:01:02.345Z`): sorts as text.
    pub at: String,
    pub cloud: String,
    pub region: String,
    pub access_key_id: String,
    pub method: String,
    /// The cloud's path, without the query (which may carry tokens).
    pub path: String,
    pub resources: Vec<String>,
    pub summary: String,
    pub status: u16,
    pub code: Option<String>,
    pub request_id: Option<String>,
    /// The console's change id (`x-palisade-change`): the calls of one plan share it.
    pub change_id: Option<String>,
}

/// A page of entries, newest first, and the cursor of the next (older) page.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Page {
    pub entries: Vec<Entry>,
    pub next: Option<String>,
}

/// `GET /api/journal`'s filters and cursor.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Query {
    pub cloud: Option<String>,
    pub region: Option<String>,
    pub resource: Option<String>,
    pub access_key_id: Option<String>,
    /// Entries at or after this RFC 3339 time.
    pub since: Option<String>,
    /// The cursor: the `next` of the previous page.
    pub cursor: Option<String>,
    pub limit: Option<usize>,
}

/// Entries per page: the default and the most a client may ask for.
pub const PAGE: usize = 100;
pub const MAX_PAGE: usize = 500;

impl Query {
    pub fn limit(&self) -> usize {
        self.limit.unwrap_or(PAGE).clamp(1, MAX_PAGE)
    }

    /// The cursor as the journal's sequence number.
    pub fn cursor(&self) -> Result<Option<i64>, String> {
        self.cursor
            .as_deref()
            .map(|c| c.parse::<i64>().map_err(|_| format!("cursor \"{c}\" is not a cursor this journal gave")))
            .transpose()
    }
}
