//! Regular security groups: `/v2/securityGroup`.

use axum::response::Response;
use palisade_core::bce::common::{Page, Tag};
use palisade_core::bce::security_group::{ListSecurityGroupsResponse, SecurityGroup, SecurityGroupRule};
use palisade_core::codes;
use rusqlite::{params, OptionalExtension, Transaction};

use super::{json, BceError};
use crate::{Emulator, StoreError};

/// `maxKeys` default and ceiling (reference C.2).
pub const MAX_KEYS: u32 = 1000;

fn rules_of(tx: &Transaction<'_>, group_id: &str) -> Result<Vec<SecurityGroupRule>, StoreError> {
    let mut stmt = tx.prepare_cached("SELECT rule FROM bce_security_group_rule WHERE group_id = ?1 ORDER BY seq")?;
    let rows = stmt.query_map([group_id], |r| r.get::<_, String>(0))?;
    let mut out = Vec::new();
    for row in rows {
        out.push(serde_json::from_str(&row?)?);
    }
    Ok(out)
}

fn row_to_group(tx: &Transaction<'_>, row: (String, String, Option<String>, Option<String>, String, i64, String)) -> Result<SecurityGroup, StoreError> {
    let (id, name, desc, vpc_id, created_time, sg_version, tags) = row;
    let tags: Vec<Tag> = serde_json::from_str(&tags)?;
    let rules = rules_of(tx, &id)?;
    Ok(SecurityGroup { id, name, desc, vpc_id, created_time: Some(created_time), sg_version: Some(sg_version), bind_instance_num: None, rules, tags })
}

/// `GET /v2/securityGroup?marker=&maxKeys=&vpcId=`: groups in creation order, a page
/// starting at `marker` (a group id).
pub fn list(emu: &Emulator, api: &crate::request::ApiRequest, region: &str) -> Result<Response, BceError> {
    let max_keys = match api.query_value("maxKeys").filter(|v| !v.is_empty()) {
        None => MAX_KEYS,
        Some(v) => match v.parse::<u32>() {
            Ok(n @ 1..=MAX_KEYS) => n,
            _ => return Err(BceError::with_message(&codes::INAPPROPRIATE_JSON, "maxKeys must be 1 to 1000")),
        },
    };
    let marker = api.query_value("marker").filter(|m| !m.is_empty()).map(str::to_owned);
    let vpc = api.query_value("vpcId").filter(|m| !m.is_empty()).map(str::to_owned);
    emu.store.transaction(|tx| {
        let start = match &marker {
            None => 0,
            Some(m) => tx
                .query_row("SELECT seq FROM bce_security_group WHERE id = ?1 AND region = ?2", params![m, region], |r| r.get::<_, i64>(0))
                .optional()
                .map_err(StoreError::from)?
                .ok_or_else(|| BceError::with_message(&codes::NO_SUCH_OBJECT, "the marker names no security group"))?,
        };
        let mut stmt = tx
            .prepare_cached(
                "SELECT id, name, desc, vpc_id, created_time, sg_version, tags FROM bce_security_group
                 WHERE region = ?1 AND seq >= ?2 AND (?3 IS NULL OR vpc_id = ?3) ORDER BY seq LIMIT ?4",
            )
            .map_err(StoreError::from)?;
        let rows: Vec<_> = stmt
            .query_map(params![region, start, vpc, i64::from(max_keys) + 1], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?))
            })
            .map_err(StoreError::from)?
            .collect::<Result<_, _>>()
            .map_err(StoreError::from)?;
        let is_truncated = rows.len() > max_keys as usize;
        let mut groups = Vec::with_capacity(rows.len());
        for row in rows {
            groups.push(row_to_group(tx, row)?);
        }
        let next_marker = if is_truncated { groups.pop().map(|g| g.id) } else { None };
        let page = Page { marker, is_truncated, next_marker, max_keys };
        Ok(json(&ListSecurityGroupsResponse { page, security_groups: groups }))
    })
}
