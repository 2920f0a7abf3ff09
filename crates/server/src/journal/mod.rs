//! The journal (#35): every changing call `palisade serve` forwards (or refuses by
//! policy), recorded after the answer and before it is passed on, append-only. SQLite
//! beside the state by default; PostgreSQL when several replicas share one journal.

mod postgres;
mod sqlite;

pub use palisade_core::journal::{Entry, Page, Query, MAX_PAGE, PAGE};

/// How much the journal keeps: the oldest entries go first past either bound.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Bounds {
    pub max_age_days: u32,
    pub max_entries: u64,
}

#[derive(Debug, thiserror::Error)]
pub enum JournalError {
    #[error("journal (SQLite): {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("journal (PostgreSQL): {0}")]
    Postgres(#[from] tokio_postgres::Error),
    #[error("journal: {0}")]
    Other(String),
}

/// Where the journal is kept.
pub enum Journal {
    Sqlite(sqlite::Store),
    Postgres(postgres::Store),
}

impl Journal {
    /// `PATH` (SQLite) or `postgres://…`.
    pub async fn open(spec: &str, bounds: Bounds) -> Result<Journal, JournalError> {
        if spec.starts_with("postgres://") || spec.starts_with("postgresql://") {
            Ok(Journal::Postgres(postgres::Store::open(spec, bounds).await?))
        } else {
            Ok(Journal::Sqlite(sqlite::Store::open(spec, bounds)?))
        }
    }

    /// Appends an entry; durable when this returns.
    pub async fn record(&self, entry: Entry) -> Result<(), JournalError> {
        match self {
            Journal::Sqlite(s) => s.record(entry).await,
            Journal::Postgres(s) => s.record(entry).await,
        }
    }

    pub async fn list(&self, q: &Query) -> Result<Page, JournalError> {
        match self {
            Journal::Sqlite(s) => s.list(q).await,
            Journal::Postgres(s) => s.list(q).await,
        }
    }
}

/// A filter's value, bound as each driver binds it.
enum Arg {
    Text(String),
    Int(i64),
}

/// What both stores ask of their table for `q`: the conditions after `WHERE TRUE` and
/// the ordering, each value's place written by `mark(n)` (`?1` in SQLite, `$1` in
/// PostgreSQL), and the values in order. One more row than the page is asked for, to
/// know whether there is a next.
fn conditions(q: &Query, resource: &str, mark: impl Fn(usize) -> String) -> Result<(String, Vec<Arg>), JournalError> {
    let mut sql = String::new();
    let mut args = Vec::new();
    let mut bind = |clause: &str, v: Arg| {
        args.push(v);
        sql.push_str(&clause.replace('?', &mark(args.len())));
    };
    for (clause, v) in [
        (" AND cloud = ?", &q.cloud),
        (" AND region = ?", &q.region),
        (" AND access_key_id = ?", &q.access_key_id),
        (" AND at >= ?", &q.since),
    ] {
        if let Some(v) = v {
            bind(clause, Arg::Text(v.clone()));
        }
    }
    if let Some(v) = &q.resource {
        bind(resource, Arg::Text(v.clone()));
    }
    if let Some(c) = q.cursor().map_err(JournalError::Other)? {
        bind(" AND seq < ?", Arg::Int(c));
    }
    bind(" ORDER BY seq DESC LIMIT ?", Arg::Int(i64::try_from(q.limit() + 1).unwrap_or(i64::MAX)));
    Ok((sql, args))
}

/// The page of what was found (one more than asked means there is a next).
fn page(mut found: Vec<(i64, Entry)>, limit: usize) -> Page {
    let next = if found.len() > limit {
        found.truncate(limit);
        found.last().map(|(seq, _)| seq.to_string())
    } else {
        None
    };
    Page { entries: found.into_iter().map(|(_, e)| e).collect(), next }
}

/// Now, as the journal writes it.
pub fn now() -> String {
    let t = time::OffsetDateTime::now_utc();
    let f = time::macros::format_description!("[year]-[month]-[day]T[hour]:[minute]:[second].[subsecond digits:3]Z");
    t.format(&f).unwrap_or_default()
}

/// The cut-off for `max_age_days`, as text that compares with `at`.
fn cutoff(days: u32) -> String {
    let t = time::OffsetDateTime::now_utc() - time::Duration::days(i64::from(days));
    let f = time::macros::format_description!("[year]-[month]-[day]T[hour]:[minute]:[second].[subsecond digits:3]Z");
    t.format(&f).unwrap_or_default()
}

/// The access key id of a signed request (Baidu `bce-auth-v1/{ak}/…`, Huawei
/// `SDK-HMAC-SHA256 Access={ak}, …`); `-` when there is none to read.
pub fn access_key_id(authorization: Option<&str>) -> String {
    let Some(a) = authorization else { return "-".into() };
    let ak = if let Some(rest) = a.strip_prefix("bce-auth-v1/") {
        rest.split('/').next().map(str::to_owned)
    } else {
        palisade_core::sign::huawei::parse_authorization(a).ok().map(|p| p.access_key.to_owned())
    };
    // An id is letters and digits; anything else is not echoed into the journal.
    match ak {
        Some(k) if !k.is_empty() && k.len() <= 128 && k.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_') => k,
        _ => "?".into(),
    }
}
