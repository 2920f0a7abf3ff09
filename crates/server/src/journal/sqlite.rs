//! The journal in SQLite: WAL with `synchronous = FULL`, so an entry whose call was
//! answered survives `kill -9` (and a power cut); an UPDATE is refused by a trigger.

use std::sync::{Arc, Mutex};

use rusqlite::{params, Connection, OptionalExtension};

use super::{cutoff, Bounds, Entry, JournalError, Page, Query};

pub struct Store {
    conn: Arc<Mutex<Connection>>,
    bounds: Bounds,
}

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS journal (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL,
    cloud TEXT NOT NULL,
    region TEXT NOT NULL,
    access_key_id TEXT NOT NULL,
    method TEXT NOT NULL,
    path TEXT NOT NULL,
    resources TEXT NOT NULL,
    summary TEXT NOT NULL,
    status INTEGER NOT NULL,
    code TEXT,
    request_id TEXT,
    change_id TEXT
);
CREATE TABLE IF NOT EXISTS journal_resource (
    seq INTEGER NOT NULL REFERENCES journal(seq) ON DELETE CASCADE,
    resource TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS journal_resource_by_id ON journal_resource(resource, seq);
CREATE INDEX IF NOT EXISTS journal_by_at ON journal(at);
CREATE TRIGGER IF NOT EXISTS journal_append_only BEFORE UPDATE ON journal
    BEGIN SELECT RAISE(ABORT, 'the journal is append-only'); END;
";

/// Prune every this many entries (a DELETE per insert would double the write cost).
const PRUNE_EVERY: i64 = 64;

impl Store {
    pub fn open(path: &str, bounds: Bounds) -> Result<Store, JournalError> {
        let conn = Connection::open(path)?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "FULL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        conn.execute_batch(SCHEMA)?;
        let store = Store { conn: Arc::new(Mutex::new(conn)), bounds };
        store.prune_now()?;
        Ok(store)
    }

    fn prune_now(&self) -> Result<(), JournalError> {
        let conn = self.conn.lock().map_err(|_| JournalError::Other("the journal's lock is poisoned".into()))?;
        prune(&conn, self.bounds)
    }

    pub async fn record(&self, e: Entry) -> Result<(), JournalError> {
        let conn = self.conn.clone();
        let bounds = self.bounds;
        tokio::task::spawn_blocking(move || {
            let mut conn = conn.lock().map_err(|_| JournalError::Other("the journal's lock is poisoned".into()))?;
            let tx = conn.transaction()?;
            tx.execute(
                "INSERT INTO journal (at, cloud, region, access_key_id, method, path, resources, summary, status, code, request_id, change_id)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
                params![
                    e.at,
                    e.cloud,
                    e.region,
                    e.access_key_id,
                    e.method,
                    e.path,
                    serde_json::to_string(&e.resources).unwrap_or_default(),
                    e.summary,
                    e.status,
                    e.code,
                    e.request_id,
                    e.change_id
                ],
            )?;
            let seq = tx.last_insert_rowid();
            for r in &e.resources {
                tx.execute("INSERT INTO journal_resource (seq, resource) VALUES (?1, ?2)", params![seq, r])?;
            }
            if seq % PRUNE_EVERY == 0 {
                prune(&tx, bounds)?;
            }
            tx.commit()?;
            Ok(())
        })
        .await
        .map_err(|e| JournalError::Other(e.to_string()))?
    }

    pub async fn list(&self, q: &Query) -> Result<Page, JournalError> {
        let conn = self.conn.clone();
        let q = q.clone();
        tokio::task::spawn_blocking(move || {
            let conn = conn.lock().map_err(|_| JournalError::Other("the journal's lock is poisoned".into()))?;
            list(&conn, &q)
        })
        .await
        .map_err(|e| JournalError::Other(e.to_string()))?
    }
}

fn prune(conn: &Connection, bounds: Bounds) -> Result<(), JournalError> {
    conn.execute("DELETE FROM journal WHERE at < ?1", params![cutoff(bounds.max_age_days)])?;
    let last: Option<i64> = conn.query_row("SELECT MAX(seq) FROM journal", [], |r| r.get(0)).optional()?.flatten();
    if let Some(last) = last {
        let keep = i64::try_from(bounds.max_entries).unwrap_or(i64::MAX);
        conn.execute("DELETE FROM journal WHERE seq <= ?1", params![last.saturating_sub(keep)])?;
    }
    Ok(())
}

fn list(conn: &Connection, q: &Query) -> Result<Page, JournalError> {
    let limit = q.limit();
    let mut sql = String::from(
        "SELECT seq, at, cloud, region, access_key_id, method, path, resources, summary, status, code, request_id, change_id FROM journal j WHERE 1 = 1",
    );
    let mut args: Vec<Box<dyn rusqlite::ToSql>> = Vec::new();
    let mut bind = |sql: &mut String, clause: &str, v: Box<dyn rusqlite::ToSql>| {
        args.push(v);
        sql.push_str(&clause.replace('?', &format!("?{}", args.len())));
    };
    if let Some(v) = &q.cloud {
        bind(&mut sql, " AND cloud = ?", Box::new(v.clone()));
    }
    if let Some(v) = &q.region {
        bind(&mut sql, " AND region = ?", Box::new(v.clone()));
    }
    if let Some(v) = &q.access_key_id {
        bind(&mut sql, " AND access_key_id = ?", Box::new(v.clone()));
    }
    if let Some(v) = &q.since {
        bind(&mut sql, " AND at >= ?", Box::new(v.clone()));
    }
    if let Some(v) = &q.resource {
        bind(&mut sql, " AND EXISTS (SELECT 1 FROM journal_resource r WHERE r.seq = j.seq AND r.resource = ?)", Box::new(v.clone()));
    }
    if let Some(c) = q.cursor().map_err(JournalError::Other)? {
        bind(&mut sql, " AND seq < ?", Box::new(c));
    }
    bind(&mut sql, " ORDER BY seq DESC LIMIT ?", Box::new(i64::try_from(limit + 1).unwrap_or(i64::MAX)));
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map(rusqlite::params_from_iter(args.iter().map(|a| a.as_ref())), |r| {
        let resources: String = r.get(7)?;
        Ok((
            r.get::<_, i64>(0)?,
            Entry {
                at: r.get(1)?,
                cloud: r.get(2)?,
                region: r.get(3)?,
                access_key_id: r.get(4)?,
                method: r.get(5)?,
                path: r.get(6)?,
                resources: serde_json::from_str(&resources).unwrap_or_default(),
                summary: r.get(8)?,
                status: r.get(9)?,
                code: r.get(10)?,
                request_id: r.get(11)?,
                change_id: r.get(12)?,
            },
        ))
    })?;
    let mut found: Vec<(i64, Entry)> = rows.collect::<Result<_, _>>()?;
    let next = if found.len() > limit {
        found.truncate(limit);
        found.last().map(|(seq, _)| seq.to_string())
    } else {
        None
    };
    Ok(Page { entries: found.into_iter().map(|(_, e)| e).collect(), next })
}
