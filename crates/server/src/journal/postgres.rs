//! The journal in PostgreSQL, for replicas behind one load balancer: the same rows as
//! SQLite's, through `tokio-postgres` (no hand-written protocol).

use tokio_postgres::types::ToSql;
use tokio_postgres::{Client, NoTls};

use super::{cutoff, Bounds, Entry, JournalError, Page, Query};

pub struct Store {
    client: Client,
    bounds: Bounds,
    written: std::sync::atomic::AtomicU64,
}

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS palisade_journal (
    seq BIGSERIAL PRIMARY KEY,
    at TEXT NOT NULL,
    cloud TEXT NOT NULL,
    region TEXT NOT NULL,
    access_key_id TEXT NOT NULL,
    method TEXT NOT NULL,
    path TEXT NOT NULL,
    resources TEXT[] NOT NULL,
    summary TEXT NOT NULL,
    status INTEGER NOT NULL,
    code TEXT,
    request_id TEXT,
    change_id TEXT
);
CREATE INDEX IF NOT EXISTS palisade_journal_by_at ON palisade_journal(at);
CREATE INDEX IF NOT EXISTS palisade_journal_by_resource ON palisade_journal USING GIN (resources);
";

impl Store {
    pub async fn open(url: &str, bounds: Bounds) -> Result<Store, JournalError> {
        // CHOICE: no TLS to the database (a replica reaches it on a private network or a
        // Unix socket); say so in the README.
        let (client, connection) = tokio_postgres::connect(url, NoTls).await?;
        tokio::spawn(async move {
            if let Err(e) = connection.await {
                tracing::error!("journal (PostgreSQL): the connection ended: {e}");
            }
        });
        client.batch_execute(SCHEMA).await?;
        let store = Store { client, bounds, written: std::sync::atomic::AtomicU64::new(0) };
        store.prune().await?;
        Ok(store)
    }

    async fn prune(&self) -> Result<(), JournalError> {
        self.client.execute("DELETE FROM palisade_journal WHERE at < $1", &[&cutoff(self.bounds.max_age_days)]).await?;
        let keep = i64::try_from(self.bounds.max_entries).unwrap_or(i64::MAX);
        self.client.execute("DELETE FROM palisade_journal WHERE seq <= (SELECT MAX(seq) FROM palisade_journal) - $1", &[&keep]).await?;
        Ok(())
    }

    pub async fn record(&self, e: Entry) -> Result<(), JournalError> {
        let status = i32::from(e.status);
        self.client
            .execute(
                "INSERT INTO palisade_journal (at, cloud, region, access_key_id, method, path, resources, summary, status, code, request_id, change_id)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
                &[&e.at, &e.cloud, &e.region, &e.access_key_id, &e.method, &e.path, &e.resources, &e.summary, &status, &e.code, &e.request_id, &e.change_id],
            )
            .await?;
        if self.written.fetch_add(1, std::sync::atomic::Ordering::Relaxed) % 64 == 63 {
            self.prune().await?;
        }
        Ok(())
    }

    pub async fn list(&self, q: &Query) -> Result<Page, JournalError> {
        let (conditions, args) = super::conditions(q, " AND ? = ANY(resources)", |n| format!("${n}"))?;
        let sql = format!(
            "SELECT seq, at, cloud, region, access_key_id, method, path, resources, summary, status, code, request_id, change_id FROM palisade_journal WHERE TRUE{conditions}"
        );
        let args: Vec<Box<dyn ToSql + Sync + Send>> = args
            .into_iter()
            .map(|a| match a {
                super::Arg::Text(t) => Box::new(t) as Box<dyn ToSql + Sync + Send>,
                super::Arg::Int(i) => Box::new(i),
            })
            .collect();
        let refs: Vec<&(dyn ToSql + Sync)> = args.iter().map(|a| a.as_ref() as &(dyn ToSql + Sync)).collect();
        let rows = self.client.query(&sql, &refs).await?;
        let mut found = Vec::with_capacity(rows.len());
        for r in rows {
            let status: i32 = r.try_get(9)?;
            found.push((
                r.try_get::<_, i64>(0)?,
                Entry {
                    at: r.try_get(1)?,
                    cloud: r.try_get(2)?,
                    region: r.try_get(3)?,
                    access_key_id: r.try_get(4)?,
                    method: r.try_get(5)?,
                    path: r.try_get(6)?,
                    resources: r.try_get(7)?,
                    summary: r.try_get(8)?,
                    status: u16::try_from(status).unwrap_or(0),
                    code: r.try_get(10)?,
                    request_id: r.try_get(11)?,
                    change_id: r.try_get(12)?,
                },
            ));
        }
        Ok(super::page(found, q.limit()))
    }
}
