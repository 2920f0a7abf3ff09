//! Which groups are bound to which instance or service network interface card.

use rusqlite::{params, Transaction};

use crate::StoreError;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Normal,
    Enterprise,
}

impl Kind {
    fn as_str(self) -> &'static str {
        match self {
            Kind::Normal => "normal",
            Kind::Enterprise => "enterprise",
        }
    }
}

/// The groups of one kind bound to a resource, in binding order.
pub fn groups_of(tx: &Transaction<'_>, resource: &str, kind: Kind) -> Result<Vec<String>, StoreError> {
    let mut stmt = tx.prepare_cached("SELECT group_id FROM bce_binding WHERE resource_id = ?1 AND kind = ?2 ORDER BY seq")?;
    let rows = stmt.query_map(params![resource, kind.as_str()], |r| r.get(0))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub fn bind(tx: &Transaction<'_>, resource: &str, group: &str, kind: Kind) -> Result<(), StoreError> {
    tx.execute(
        "INSERT OR IGNORE INTO bce_binding (resource_id, group_id, kind) VALUES (?1, ?2, ?3)",
        params![resource, group, kind.as_str()],
    )?;
    Ok(())
}

pub fn unbind(tx: &Transaction<'_>, resource: &str, group: &str) -> Result<(), StoreError> {
    tx.execute("DELETE FROM bce_binding WHERE resource_id = ?1 AND group_id = ?2", params![resource, group])?;
    Ok(())
}

/// Removes every group of every kind from a resource (bindEsg replaces them all).
pub fn clear(tx: &Transaction<'_>, resource: &str) -> Result<(), StoreError> {
    tx.execute("DELETE FROM bce_binding WHERE resource_id = ?1", [resource])?;
    Ok(())
}

pub fn is_bound(tx: &Transaction<'_>, group: &str) -> Result<bool, StoreError> {
    Ok(tx.query_row("SELECT EXISTS(SELECT 1 FROM bce_binding WHERE group_id = ?1)", [group], |r| r.get(0))?)
}
