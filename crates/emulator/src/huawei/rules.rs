//! `/v3/{project_id}/vpc/security-group-rules`.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use palisade_core::codes;
use palisade_core::huawei::rule::{
    CreateSecurityGroupRuleRequestBody, ListSecurityGroupRulesResponse, SecurityGroupRule, SecurityGroupRuleResponse,
};
use palisade_core::validate::huawei as validate;
use rusqlite::{params, OptionalExtension, Transaction};

use super::security_groups::{self, now};
use super::{dry_run, json, page, parse, Ctx, Held, HwError, Scope};
use crate::{ids, Emulator};
use palisade_core::validate::bounds;

pub(crate) fn insert(tx: &Transaction<'_>, scope: &Scope<'_>, rule: &SecurityGroupRule) -> Result<(), HwError> {
    tx.execute(
        "INSERT INTO hw_rule (id, project_id, region, group_id, body) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![rule.id, scope.project, scope.region, rule.security_group_id, serde_json::to_string(rule)?],
    )?;
    Ok(())
}

pub(crate) fn of_group(tx: &Transaction<'_>, group: &str) -> Result<Vec<SecurityGroupRule>, HwError> {
    let mut stmt = tx.prepare_cached("SELECT body FROM hw_rule WHERE group_id = ?1 ORDER BY seq")?;
    let rows: Vec<String> = stmt.query_map([group], |r| r.get(0))?.collect::<Result<_, _>>()?;
    Ok(rows.iter().map(|b| serde_json::from_str(b)).collect::<Result<_, _>>()?)
}

/// `POST …/security-group-rules`: 201, the rule as core's `to_rule` reads the option
/// (IPv4, deny, priority 100 and enabled by default).
pub fn create(emu: &Emulator, ctx: &Ctx<'_>) -> Result<Response, HwError> {
    let body: CreateSecurityGroupRuleRequestBody = parse(&ctx.api.body)?;
    let opt =
        body.security_group_rule.ok_or_else(|| HwError::with_message(&codes::HW_PARAM_INVALID, "Invalid security_group_rule: required"))?;
    if let Some(p) = validate::validate_rule(&opt).into_iter().next() {
        return Err(p.into());
    }
    emu.store.transaction(|tx| {
        let group = opt.security_group_id.clone().unwrap_or_default();
        let existing = security_groups::load(tx, &ctx.scope, &group)?.security_group_rules;
        ctx.scope.check_quota(tx, Held::Rules, bounds::MAX_HW_RULES)?;
        let at = now();
        let rule = SecurityGroupRule {
            id: ids::uuid(),
            security_group_id: group.clone(),
            created_at: at.clone(),
            updated_at: at,
            project_id: ctx.scope.project.to_owned(),
            ..opt.to_rule()
        };
        palisade_core::validate::state::check_huawei_rule(&existing, &rule).map_err(|p| HwError::new(p.code))?;
        if body.dry_run == Some(true) {
            return Ok(dry_run(ctx));
        }
        insert(tx, &ctx.scope, &rule)?;
        Ok(json(201, &SecurityGroupRuleResponse { request_id: ctx.request_id.to_owned(), security_group_rule: rule }))
    })
}

fn load(tx: &Transaction<'_>, scope: &Scope<'_>, id: &str) -> Result<SecurityGroupRule, HwError> {
    let body: String = tx
        .query_row(
            "SELECT body FROM hw_rule WHERE id = ?1 AND project_id = ?2 AND region = ?3",
            params![id, scope.project, scope.region],
            |r| r.get(0),
        )
        .optional()?
        .ok_or_else(|| HwError::with_message(&codes::HW_RULE_NOT_FOUND, &format!("Security group rule {id} does not exist.")))?;
    Ok(serde_json::from_str(&body)?)
}

/// `GET …/security-group-rules?security_group_id=&limit=&marker=` (ids may repeat).
pub fn list(emu: &Emulator, ctx: &Ctx<'_>) -> Result<Response, HwError> {
    let groups: Vec<&str> = ctx.api.query.iter().filter(|(k, _)| k == "security_group_id").map(|(_, v)| v.as_str()).collect();
    emu.store.transaction(|tx| {
        let mut stmt = tx.prepare_cached("SELECT body FROM hw_rule WHERE project_id = ?1 AND region = ?2 ORDER BY seq")?;
        let rows: Vec<String> = stmt.query_map([ctx.scope.project, ctx.scope.region], |r| r.get(0))?.collect::<Result<_, _>>()?;
        let mut items = Vec::new();
        for row in rows {
            let r: SecurityGroupRule = serde_json::from_str(&row)?;
            if groups.is_empty() || groups.contains(&r.security_group_id.as_str()) {
                items.push((r.id.clone(), r));
            }
        }
        let (rules, page_info) = page(ctx.api, &items)?;
        Ok(json(200, &ListSecurityGroupRulesResponse { request_id: ctx.request_id.to_owned(), security_group_rules: rules, page_info }))
    })
}

pub fn show(emu: &Emulator, ctx: &Ctx<'_>, id: &str) -> Result<Response, HwError> {
    emu.store.transaction(|tx| {
        Ok(json(200, &SecurityGroupRuleResponse { request_id: ctx.request_id.to_owned(), security_group_rule: load(tx, &ctx.scope, id)? }))
    })
}

pub fn delete(emu: &Emulator, ctx: &Ctx<'_>, id: &str) -> Result<Response, HwError> {
    emu.store.transaction(|tx| {
        load(tx, &ctx.scope, id)?;
        tx.execute("DELETE FROM hw_rule WHERE id = ?1", [id])?;
        Ok(StatusCode::NO_CONTENT.into_response())
    })
}
