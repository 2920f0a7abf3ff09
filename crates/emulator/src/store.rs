//! State in SQLite. Every API request runs in one transaction, so a crash at any moment
//! leaves either all of a change or none of it.

use std::sync::Mutex;

use rusqlite::{Connection, Transaction};

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("state store: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("state store: stored JSON is corrupt: {0}")]
    Json(#[from] serde_json::Error),
    #[error("state store: fixtures: {0}")]
    Fixture(String),
}

pub struct Store {
    // One connection behind a mutex: SQLite has one writer anyway, and requests are short.
    conn: Mutex<Connection>,
}

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS bce_security_group (
    seq          INTEGER PRIMARY KEY AUTOINCREMENT,
    id           TEXT NOT NULL UNIQUE,
    region       TEXT NOT NULL,
    name         TEXT NOT NULL,
    desc         TEXT,
    vpc_id       TEXT,
    created_time TEXT NOT NULL,
    sg_version   INTEGER NOT NULL DEFAULT 1,
    tags         TEXT NOT NULL DEFAULT '[]'
);
CREATE TABLE IF NOT EXISTS bce_security_group_rule (
    seq          INTEGER PRIMARY KEY AUTOINCREMENT,
    id           TEXT NOT NULL UNIQUE,
    group_id     TEXT NOT NULL REFERENCES bce_security_group(id) ON DELETE CASCADE,
    rule         TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS bce_rule_by_group ON bce_security_group_rule(group_id);
CREATE TABLE IF NOT EXISTS bce_instance (
    seq          INTEGER PRIMARY KEY AUTOINCREMENT,
    id           TEXT NOT NULL UNIQUE,
    region       TEXT NOT NULL,
    name         TEXT NOT NULL,
    status       TEXT NOT NULL,
    vpc_id       TEXT NOT NULL,
    internal_ip  TEXT NOT NULL,
    expire_time  TEXT
);
-- A binding of a group to an instance or a service network interface card; `kind` is
-- 'normal' or 'enterprise'.
CREATE TABLE IF NOT EXISTS bce_binding (
    seq          INTEGER PRIMARY KEY AUTOINCREMENT,
    resource_id  TEXT NOT NULL,
    group_id     TEXT NOT NULL,
    kind         TEXT NOT NULL,
    UNIQUE (resource_id, group_id)
);
CREATE INDEX IF NOT EXISTS bce_binding_by_group ON bce_binding(group_id);
CREATE TABLE IF NOT EXISTS bce_esg (
    seq          INTEGER PRIMARY KEY AUTOINCREMENT,
    id           TEXT NOT NULL UNIQUE,
    region       TEXT NOT NULL,
    name         TEXT NOT NULL,
    desc         TEXT,
    created_time TEXT NOT NULL,
    tags         TEXT NOT NULL DEFAULT '[]',
    rules        TEXT NOT NULL DEFAULT '[]'
);
CREATE TABLE IF NOT EXISTS bce_vpc (
    seq          INTEGER PRIMARY KEY AUTOINCREMENT,
    id           TEXT NOT NULL UNIQUE,
    region       TEXT NOT NULL,
    body         TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS bce_endpoint (
    seq          INTEGER PRIMARY KEY AUTOINCREMENT,
    id           TEXT NOT NULL UNIQUE,
    region       TEXT NOT NULL,
    body         TEXT NOT NULL
);
-- Huawei VPC v3: each project id is its own namespace, created on first use (kept for
-- state files written before regions; see hw_scope).
CREATE TABLE IF NOT EXISTS hw_project (
    id           TEXT PRIMARY KEY
);
-- A project in a region: the real cloud keeps each region's groups apart.
CREATE TABLE IF NOT EXISTS hw_scope (
    project_id   TEXT NOT NULL,
    region       TEXT NOT NULL,
    PRIMARY KEY (project_id, region)
);
CREATE TABLE IF NOT EXISTS hw_security_group (
    seq          INTEGER PRIMARY KEY AUTOINCREMENT,
    id           TEXT NOT NULL UNIQUE,
    project_id   TEXT NOT NULL,
    body         TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS hw_rule (
    seq          INTEGER PRIMARY KEY AUTOINCREMENT,
    id           TEXT NOT NULL UNIQUE,
    project_id   TEXT NOT NULL,
    group_id     TEXT NOT NULL,
    body         TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS hw_rule_by_group ON hw_rule(group_id);
-- clientToken: the first successful answer to a token, replayed for the same request.
CREATE TABLE IF NOT EXISTS bce_client_token (
    region       TEXT NOT NULL,
    token        TEXT NOT NULL,
    fingerprint  TEXT NOT NULL,
    status       INTEGER NOT NULL,
    body         TEXT NOT NULL,
    PRIMARY KEY (region, token)
);
";

/// Columns added since the first state files, with their values for old rows: Huawei
/// state written before regions belonged to the default region; tokens without a time
/// are treated as expired.
const ADDED_COLUMNS: &[(&str, &str, &str)] = &[
    ("hw_security_group", "region", "TEXT NOT NULL DEFAULT 'cn-north-4'"),
    ("hw_rule", "region", "TEXT NOT NULL DEFAULT 'cn-north-4'"),
    ("bce_client_token", "created", "INTEGER NOT NULL DEFAULT 0"),
];

fn migrate(conn: &Connection) -> rusqlite::Result<()> {
    for (table, column, decl) in ADDED_COLUMNS {
        let has: bool = conn.query_row(&format!("SELECT count(*) FROM pragma_table_info('{table}') WHERE name = ?1"), [column], |r| {
            Ok(r.get::<_, i64>(0)? > 0)
        })?;
        if !has {
            conn.execute_batch(&format!("ALTER TABLE {table} ADD COLUMN {column} {decl}"))?;
        }
    }
    conn.execute_batch(
        "INSERT OR IGNORE INTO hw_scope (project_id, region) SELECT id, 'cn-north-4' FROM hw_project;
         DELETE FROM hw_project;
         CREATE INDEX IF NOT EXISTS hw_group_by_scope ON hw_security_group(project_id, region);
         CREATE INDEX IF NOT EXISTS hw_rule_by_scope ON hw_rule(project_id, region);
         CREATE INDEX IF NOT EXISTS bce_token_by_age ON bce_client_token(region, created);",
    )
}

impl Store {
    /// `path` is a file, or `:memory:`.
    pub fn open(path: &str) -> Result<Self, StoreError> {
        let conn = Connection::open(path)?;
        // WAL + synchronous=FULL: an acknowledged commit survives a kill -9.
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "FULL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        // Another process on the same file (a second emulator, a backup) waits its turn
        // instead of failing the request with SQLITE_BUSY.
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        conn.execute_batch(SCHEMA)?;
        migrate(&conn)?;
        Ok(Self { conn: Mutex::new(conn) })
    }

    /// Runs `f` in one transaction: committed if it returns `Ok`, rolled back otherwise.
    pub fn transaction<T, E>(&self, f: impl FnOnce(&Transaction<'_>) -> Result<T, E>) -> Result<T, E>
    where
        E: From<StoreError>,
    {
        // A poisoned lock only means another request panicked mid-way; its transaction
        // was rolled back when dropped, so the connection is still consistent.
        let mut conn = self.conn.lock().unwrap_or_else(|p| p.into_inner());
        let tx = conn.transaction().map_err(StoreError::from)?;
        let out = f(&tx)?;
        tx.commit().map_err(StoreError::from)?;
        Ok(out)
    }
}
