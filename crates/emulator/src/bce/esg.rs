//! Enterprise security groups (`/v1/enterprise/security`).

use axum::response::Response;
use palisade_core::bce::common::Tag;
use palisade_core::bce::esg::{
    AuthorizeEsgRulesRequest, CreateEsgRequest, CreateEsgResponse, EnterpriseSecurityGroup, EsgRule, ListEsgResponse, UpdateEsgRuleRequest,
};
use palisade_core::codes;
use palisade_core::validate::{esg, state};
use rusqlite::{params, Transaction};

use super::bindings;
use super::{body, json, mutate, paging, BceError};
use crate::request::ApiRequest;
use crate::{ids, Emulator};

pub fn all(tx: &Transaction<'_>, region: &str) -> Result<Vec<EnterpriseSecurityGroup>, BceError> {
    let mut stmt = tx.prepare_cached("SELECT id, name, desc, created_time, tags, rules FROM bce_esg WHERE region = ?1 ORDER BY seq")?;
    let rows: Vec<(String, String, Option<String>, String, String, String)> =
        stmt.query_map([region], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?)))?.collect::<Result<_, _>>()?;
    let mut out = Vec::with_capacity(rows.len());
    for (id, name, desc, created, tags, rules) in rows {
        let tags: Vec<Tag> = serde_json::from_str(&tags)?;
        let rules: Vec<EsgRule> = serde_json::from_str(&rules)?;
        out.push(EnterpriseSecurityGroup { id, name, desc, rules, tags, created_time: Some(created.clone()), updated_time: Some(created) });
    }
    Ok(out)
}

pub fn exists(tx: &Transaction<'_>, region: &str, id: &str) -> Result<(), BceError> {
    let found: bool =
        tx.query_row("SELECT EXISTS(SELECT 1 FROM bce_esg WHERE id = ?1 AND region = ?2)", params![id, region], |r| r.get(0))?;
    if found {
        Ok(())
    } else {
        Err(BceError::with_message(&codes::ESG_RESOURCE_NOT_EXIST, &format!("enterprise security group {id} does not exist")))
    }
}

/// `POST /v1/enterprise/security?clientToken=` (seed 001): every check from
/// `palisade-core` in the seed's order, then the quota and the name, then one insert.
pub fn create(emu: &Emulator, api: &ApiRequest, region: &str) -> Result<Response, BceError> {
    let req: CreateEsgRequest = body::parse(&api.body)?;
    if let Some(p) = esg::validate_create(&req).into_iter().next() {
        return Err(p.into());
    }
    mutate(emu, api, region, |tx| {
        let existing = all(tx, region)?;
        let names: Vec<&str> = existing.iter().map(|e| e.name.as_str()).collect();
        let name = req.name.clone().unwrap_or_default();
        state::check_create_esg(&names, &name)?;
        let now = crate::now_text();
        let rules: Vec<EsgRule> = req
            .rules
            .clone()
            .unwrap_or_default()
            .into_iter()
            .map(|mut r| {
                r.enterprise_security_group_rule_id = Some(ids::short("esgr", 12));
                r.created_time = Some(now.clone());
                r.updated_time = Some(now.clone());
                r
            })
            .collect();
        let id = ids::short("esg", 12);
        tx.execute(
            "INSERT INTO bce_esg (id, region, name, desc, created_time, tags, rules) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                id,
                region,
                name,
                req.desc,
                now,
                serde_json::to_string(&req.tags.clone().unwrap_or_default())?,
                serde_json::to_string(&rules)?
            ],
        )?;
        Ok(serde_json::to_string(&CreateEsgResponse { enterprise_security_group_id: id })?)
    })
}

/// `GET /v1/enterprise/security?marker=&maxKeys=&instanceId=`.
pub fn list(emu: &Emulator, api: &ApiRequest, region: &str) -> Result<Response, BceError> {
    let instance = api.query_value("instanceId").filter(|m| !m.is_empty());
    emu.store.transaction(|tx| {
        let bound = match instance {
            Some(i) => Some(bindings::groups_of(tx, i, bindings::Kind::Enterprise)?),
            None => None,
        };
        let items =
            all(tx, region)?.into_iter().filter(|e| bound.as_ref().is_none_or(|b| b.contains(&e.id))).map(|e| (e.id.clone(), e)).collect();
        let (page, enterprise_security_groups) = paging::page(api, items)?;
        Ok(json(&ListEsgResponse { page, enterprise_security_groups }))
    })
}

/// `DELETE /v1/enterprise/security/{id}`: not while bound (409).
pub fn delete(emu: &Emulator, api: &ApiRequest, region: &str, id: &str) -> Result<Response, BceError> {
    mutate(emu, api, region, |tx| {
        exists(tx, region, id)?;
        if bindings::is_bound(tx, id)? {
            return Err(BceError::new(&codes::ESG_BIND_STATUS_INVALID));
        }
        tx.execute("DELETE FROM bce_esg WHERE id = ?1", [id])?;
        Ok(String::new())
    })
}

/// The rules of group `id` in `region`.
fn rules_of(tx: &Transaction<'_>, region: &str, id: &str) -> Result<Vec<EsgRule>, BceError> {
    exists(tx, region, id)?;
    let text: String = tx.query_row("SELECT rules FROM bce_esg WHERE id = ?1", [id], |r| r.get(0))?;
    Ok(serde_json::from_str(&text)?)
}

fn store_rules(tx: &Transaction<'_>, id: &str, rules: &[EsgRule]) -> Result<(), BceError> {
    tx.execute("UPDATE bce_esg SET rules = ?1 WHERE id = ?2", params![serde_json::to_string(rules)?, id])?;
    Ok(())
}

/// The group holding rule `rule_id` and that group's rules; 404 `Esg.EsgRuleResourceNotExist`.
fn group_of_rule(tx: &Transaction<'_>, region: &str, rule_id: &str) -> Result<(String, Vec<EsgRule>), BceError> {
    all(tx, region)?
        .into_iter()
        .find(|g| g.rules.iter().any(|r| r.enterprise_security_group_rule_id.as_deref() == Some(rule_id)))
        .map(|g| (g.id, g.rules))
        .ok_or_else(|| {
            BceError::with_message(&codes::ESG_RULE_RESOURCE_NOT_EXIST, &format!("enterprise security group rule {rule_id} does not exist"))
        })
}

/// `PUT /v1/enterprise/security/{id}?authorizeRule&clientToken=`: `{rules}`, at most 20,
/// none the same as another or as one the group holds; all added or none.
pub fn authorize(emu: &Emulator, api: &ApiRequest, region: &str, id: &str) -> Result<Response, BceError> {
    let req: AuthorizeEsgRulesRequest = body::parse(&api.body)?;
    mutate(emu, api, region, |tx| {
        let mut rules = rules_of(tx, region, id)?;
        let added = req.rules.clone().unwrap_or_default();
        if let Some(p) = esg::validate_authorize(&added, &rules).into_iter().next() {
            return Err(p.into());
        }
        state::check_esg_rules(&rules, &added)?;
        let now = crate::now_text();
        rules.extend(added.into_iter().map(|mut r| {
            r.enterprise_security_group_rule_id = Some(ids::short("esgr", 12));
            r.created_time = Some(now.clone());
            r.updated_time = Some(now.clone());
            r
        }));
        store_rules(tx, id, &rules)?;
        Ok(String::new())
    })
}

/// `PUT /v1/enterprise/security/rule/{ruleId}?clientToken=`: the fields given change,
/// the rest are kept; the rule after the change is checked as a new one would be.
pub fn update_rule(emu: &Emulator, api: &ApiRequest, region: &str, rule_id: &str) -> Result<Response, BceError> {
    let change: UpdateEsgRuleRequest = body::parse(&api.body)?;
    mutate(emu, api, region, |tx| {
        let (group, mut rules) = group_of_rule(tx, region, rule_id)?;
        let at = rules.iter().position(|r| r.enterprise_security_group_rule_id.as_deref() == Some(rule_id)).unwrap_or_default();
        let others: Vec<EsgRule> = rules.iter().enumerate().filter(|&(i, _)| i != at).map(|(_, r)| r.clone()).collect();
        if let Some(p) = esg::validate_update(&rules[at], &change, &others).into_iter().next() {
            return Err(p.into());
        }
        let mut after = change.applied_to(&rules[at]);
        after.updated_time = Some(crate::now_text());
        rules[at] = after;
        store_rules(tx, &group, &rules)?;
        Ok(String::new())
    })
}

/// `DELETE /v1/enterprise/security/rule/{ruleId}?clientToken=`.
pub fn delete_rule(emu: &Emulator, api: &ApiRequest, region: &str, rule_id: &str) -> Result<Response, BceError> {
    mutate(emu, api, region, |tx| {
        let (group, mut rules) = group_of_rule(tx, region, rule_id)?;
        rules.retain(|r| r.enterprise_security_group_rule_id.as_deref() != Some(rule_id));
        store_rules(tx, &group, &rules)?;
        Ok(String::new())
    })
}
