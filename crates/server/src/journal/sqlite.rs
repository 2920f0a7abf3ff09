//! The journal in SQLite: WAL with `synchronous = FULL`, so an entry whose call was
//! answered survives `kill -9` (and a power cut); an UPDATE is refused by a trigger. One
//! writer thread commits whatever is queued at once (group commit: one fsync for many).

use std::sync::{Arc, Mutex};

use rusqlite::{params, Connection, OptionalExtension};

use super::{cutoff, Bounds, Entry, JournalError, Page, Query};

pub struct Store {
    /// Reads (WAL lets them run beside the writer).
    conn: Arc<Mutex<Connection>>,
    /// The writer thread's queue: each entry with whom to tell once it is durable.
    writes: std::sync::mpsc::Sender<(Entry, tokio::sync::oneshot::Sender<Result<(), String>>)>,
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

/// Prune once this many entries have been written since the last time.
const PRUNE_EVERY: usize = 256;
/// The most entries one commit takes (group commit: one fsync for all who wait).
const GROUP: usize = 512;

fn connect(path: &str) -> Result<Connection, JournalError> {
    let conn = Connection::open(path)?;
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "synchronous", "FULL")?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    Ok(conn)
}

impl Store {
    pub fn open(path: &str, bounds: Bounds) -> Result<Store, JournalError> {
        let writer = connect(path)?;
        writer.execute_batch(SCHEMA)?;
        prune(&writer, bounds)?;
        // `:memory:` is one database per connection: then reads share the writer's.
        let memory = path == ":memory:" || path.is_empty();
        let writer = Arc::new(Mutex::new(writer));
        let conn = if memory { writer.clone() } else { Arc::new(Mutex::new(connect(path)?)) };
        let (writes, queue) = std::sync::mpsc::channel::<(Entry, tokio::sync::oneshot::Sender<Result<(), String>>)>();
        let w = writer.clone();
        std::thread::Builder::new()
            .name("journal".into())
            .spawn(move || {
                let mut since_prune = 0;
                // One waiting entry, then whatever else is queued: one transaction, one fsync.
                while let Ok(first) = queue.recv() {
                    let mut batch = vec![first];
                    while batch.len() < GROUP {
                        match queue.try_recv() {
                            Ok(next) => batch.push(next),
                            Err(_) => break,
                        }
                    }
                    since_prune += batch.len();
                    let prune_now = since_prune >= PRUNE_EVERY;
                    if prune_now {
                        since_prune = 0;
                    }
                    let result = match w.lock() {
                        Ok(mut conn) => {
                            write(&mut conn, batch.iter().map(|(e, _)| e), prune_now.then_some(bounds)).map_err(|e| e.to_string())
                        }
                        Err(_) => Err("the journal's lock is poisoned".to_owned()),
                    };
                    for (_, done) in batch {
                        let _ = done.send(result.clone());
                    }
                }
            })
            .map_err(|e| JournalError::Other(e.to_string()))?;
        Ok(Store { conn, writes })
    }

    /// Appends an entry; returns once it is committed.
    pub async fn record(&self, e: Entry) -> Result<(), JournalError> {
        let (done, durable) = tokio::sync::oneshot::channel();
        self.writes.send((e, done)).map_err(|_| JournalError::Other("the journal's writer has stopped".into()))?;
        durable.await.map_err(|_| JournalError::Other("the journal's writer has stopped".into()))?.map_err(JournalError::Other)
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

fn write<'a>(conn: &mut Connection, entries: impl Iterator<Item = &'a Entry>, prune_with: Option<Bounds>) -> Result<(), JournalError> {
    let tx = conn.transaction()?;
    for e in entries {
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
    }
    if let Some(bounds) = prune_with {
        prune(&tx, bounds)?;
    }
    tx.commit()?;
    Ok(())
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
    let (conditions, args) =
        super::conditions(q, " AND EXISTS (SELECT 1 FROM journal_resource r WHERE r.seq = j.seq AND r.resource = ?)", |n| format!("?{n}"))?;
    let sql = format!(
        "SELECT seq, at, cloud, region, access_key_id, method, path, resources, summary, status, code, request_id, change_id FROM journal j WHERE 1 = 1{conditions}"
    );
    let args: Vec<Box<dyn rusqlite::ToSql>> = args
        .into_iter()
        .map(|a| match a {
            super::Arg::Text(t) => Box::new(t) as Box<dyn rusqlite::ToSql>,
            super::Arg::Int(i) => Box::new(i),
        })
        .collect();
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
    let found: Vec<(i64, Entry)> = rows.collect::<Result<_, _>>()?;
    Ok(super::page(found, q.limit()))
}
