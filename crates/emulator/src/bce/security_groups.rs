//! Regular security groups: `/v2/securityGroup`.

use axum::response::Response;
use palisade_core::bce::common::{Page, Tag};
use palisade_core::bce::security_group::{
    CreateSecurityGroupRequest, CreateSecurityGroupResponse, ListSecurityGroupsResponse, RuleRequest, SecurityGroup, SecurityGroupRule,
    UpdateRuleRequest,
};
use palisade_core::codes;
use palisade_core::validate::{bce_group, bce_rule, bounds, state, Field};
use palisade_core::Direction;
use rusqlite::{params, OptionalExtension, Transaction};

use super::{body, json, mutate, BceError};
use crate::request::ApiRequest;
use crate::{ids, Emulator, StoreError};

fn rules_of(tx: &Transaction<'_>, group_id: &str) -> Result<Vec<SecurityGroupRule>, StoreError> {
    let mut stmt = tx.prepare_cached("SELECT rule FROM bce_security_group_rule WHERE group_id = ?1 ORDER BY seq")?;
    let rows = stmt.query_map([group_id], |r| r.get::<_, String>(0))?;
    let mut out = Vec::new();
    for row in rows {
        out.push(serde_json::from_str(&row?)?);
    }
    Ok(out)
}

fn row_to_group(
    tx: &Transaction<'_>,
    row: (String, String, Option<String>, Option<String>, String, i64, String),
) -> Result<SecurityGroup, StoreError> {
    let (id, name, desc, vpc_id, created_time, sg_version, tags) = row;
    let tags: Vec<Tag> = serde_json::from_str(&tags)?;
    let rules = rules_of(tx, &id)?;
    Ok(SecurityGroup {
        id,
        name,
        desc,
        vpc_id,
        created_time: Some(created_time),
        sg_version: Some(sg_version),
        bind_instance_num: None,
        rules,
        tags,
    })
}

/// `GET /v2/securityGroup?marker=&maxKeys=&vpcId=&instanceId=`: groups in creation order,
/// a page starting at `marker` (a group id); `instanceId` keeps the groups bound to that
/// instance (or service network interface card).
pub fn list(emu: &Emulator, api: &ApiRequest, region: &str) -> Result<Response, BceError> {
    let max_keys = super::paging::max_keys(api)?;
    let marker = api.query_value("marker").filter(|m| !m.is_empty()).map(str::to_owned);
    let vpc = api.query_value("vpcId").filter(|m| !m.is_empty()).map(str::to_owned);
    let instance = api.query_value("instanceId").filter(|m| !m.is_empty()).map(str::to_owned);
    // `securityGroupId`, and `securityGroupIds` comma-separated: only those groups.
    let mut only = api.query_values("securityGroupId", false);
    only.extend(api.query_values("securityGroupIds", true));
    let only = (!only.is_empty()).then(|| format!(",{},", only.join(",")));
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
                 WHERE region = ?1 AND seq >= ?2 AND (?3 IS NULL OR vpc_id = ?3)
                   AND (?5 IS NULL OR id IN (SELECT group_id FROM bce_binding WHERE resource_id = ?5))
                   AND (?6 IS NULL OR instr(?6, ',' || id || ',') > 0)
                 ORDER BY seq LIMIT ?4",
            )
            .map_err(StoreError::from)?;
        let rows: Vec<_> = stmt
            .query_map(params![region, start, vpc, i64::from(max_keys) + 1, instance, only], |r| {
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

fn load_group(tx: &Transaction<'_>, region: &str, id: &str) -> Result<SecurityGroup, BceError> {
    let row = tx
        .query_row(
            "SELECT id, name, desc, vpc_id, created_time, sg_version, tags FROM bce_security_group WHERE id = ?1 AND region = ?2",
            params![id, region],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?)),
        )
        .optional()?
        .ok_or_else(|| BceError::with_message(&codes::NO_SUCH_OBJECT, &format!("security group {id} does not exist")))?;
    Ok(row_to_group(tx, row)?)
}

/// Stores a validated rule with the fields the cloud fills in.
fn insert_rule(tx: &Transaction<'_>, group_id: &str, mut rule: SecurityGroupRule) -> Result<SecurityGroupRule, BceError> {
    let id = ids::short("r", 12);
    rule.security_group_rule_id = Some(id.clone());
    rule.security_group_id = Some(group_id.to_owned());
    if rule.ethertype.as_deref().unwrap_or("").is_empty() {
        rule.ethertype = Some("IPv4".to_owned());
    }
    let now = crate::now_text();
    rule.created_time = Some(now.clone());
    rule.updated_time = Some(now);
    tx.execute(
        "INSERT INTO bce_security_group_rule (id, group_id, rule) VALUES (?1, ?2, ?3)",
        params![id, group_id, serde_json::to_string(&rule)?],
    )?;
    Ok(rule)
}

fn requested_version(api: &ApiRequest) -> Result<Option<i64>, BceError> {
    match api.query_value("sgVersion").filter(|v| !v.is_empty()) {
        None => Ok(None),
        Some(v) => v.parse().map(Some).map_err(|_| BceError::with_message(&codes::INAPPROPRIATE_JSON, "sgVersion must be a number")),
    }
}

fn bump_version(tx: &Transaction<'_>, id: &str) -> Result<(), BceError> {
    tx.execute("UPDATE bce_security_group SET sg_version = sg_version + 1 WHERE id = ?1", [id])?;
    Ok(())
}

/// `POST /v2/securityGroup?clientToken=`: `{name, desc?, vpcId?, rules?, tags?}` →
/// `{securityGroupId}`. A group created without rules gets the cloud's default: all
/// egress allowed (IPv4 and IPv6), all ingress denied.
pub fn create(emu: &Emulator, api: &ApiRequest, region: &str) -> Result<Response, BceError> {
    let req: CreateSecurityGroupRequest = body::parse(&api.body)?;
    // The console checks with the same function before sending (core's `bce_group`).
    if let Some(p) = bce_group::validate_create(&req).into_iter().next() {
        return Err(if p.field == Field::Name {
            BceError::with_message(&codes::INAPPROPRIATE_JSON, bce_group::NAME_RULE)
        } else {
            p.into()
        });
    }
    let name = req.name.clone().unwrap_or_default();
    let mut rules = req.rules.clone().unwrap_or_default();
    if rules.is_empty() {
        for (ethertype, dest) in [("IPv4", "0.0.0.0/0"), ("IPv6", "::/0")] {
            rules.push(SecurityGroupRule {
                direction: Some(Direction::Egress.as_str().into()),
                ethertype: Some(ethertype.into()),
                protocol: Some(String::new()),
                port_range: Some(String::new()),
                dest_ip: Some(dest.into()),
                remark: Some(String::new()),
                ..Default::default()
            });
        }
    }
    mutate(emu, api, region, |tx| {
        let id = ids::short("g", 8);
        let vpc = super::vpcs::resolve(tx, region, req.vpc_id.as_deref())?;
        let held: i64 =
            tx.query_row("SELECT count(*) FROM bce_security_group WHERE region = ?1 AND vpc_id = ?2", params![region, vpc.id], |r| {
                r.get(0)
            })?;
        if held as usize >= bounds::groups_per_vpc(vpc.is_default) {
            return Err(BceError::new(&codes::SECURITY_GROUP_QUOTA_EXCEEDED));
        }
        let vpc = vpc.id;
        tx.execute(
            "INSERT INTO bce_security_group (id, region, name, desc, vpc_id, created_time, tags) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![id, region, name, req.desc, vpc, crate::now_text(), serde_json::to_string(&req.tags.clone().unwrap_or_default())?],
        )?;
        let mut stored: Vec<SecurityGroupRule> = Vec::new();
        for rule in rules {
            state::check_authorize(&stored, &rule)?;
            stored.push(insert_rule(tx, &id, rule)?);
        }
        Ok(serde_json::to_string(&CreateSecurityGroupResponse { security_group_id: id })?)
    })
}

/// `GET /v2/securityGroup/{id}`: the group with its rules and `sgVersion`.
pub fn get(emu: &Emulator, region: &str, id: &str) -> Result<Response, BceError> {
    emu.store.transaction(|tx| {
        let mut group = load_group(tx, region, id)?;
        // The detail carries `bindInstanceNum` (reference C.2); the list does not.
        let bound: u32 = tx.query_row("SELECT count(*) FROM bce_binding WHERE group_id = ?1", [id], |r| r.get(0))?;
        group.bind_instance_num = Some(bound);
        Ok(json(&group))
    })
}

/// `DELETE /v2/securityGroup/{id}`.
pub fn delete(emu: &Emulator, api: &ApiRequest, region: &str, id: &str) -> Result<Response, BceError> {
    mutate(emu, api, region, |tx| {
        load_group(tx, region, id)?;
        // Deleting a bound group would leave an instance or a card with fewer groups
        // than it must have.
        if super::bindings::is_bound(tx, id)? {
            return Err(BceError::new(&codes::SECURITY_GROUP_IN_USE));
        }
        tx.execute("DELETE FROM bce_security_group_rule WHERE group_id = ?1", [id])?;
        tx.execute("DELETE FROM bce_security_group WHERE id = ?1", [id])?;
        Ok(String::new())
    })
}

/// The checks authorize and revoke share, in order: the group exists, the body's rule is
/// valid (seed order), the requested `sgVersion` is current.
fn checked_rule(
    tx: &Transaction<'_>,
    api: &ApiRequest,
    region: &str,
    id: &str,
    version: Option<i64>,
) -> Result<(SecurityGroup, SecurityGroupRule), BceError> {
    let group = load_group(tx, region, id)?;
    let req: RuleRequest = body::parse(&api.body)?;
    if let Some(p) = bce_rule::validate_request(&req).into_iter().next() {
        return Err(p.into());
    }
    state::check_version(group.sg_version.unwrap_or(1), version)?;
    Ok((group, req.rule.expect("validated: present")))
}

/// `PUT /v2/securityGroup/{id}?authorizeRule&clientToken=&sgVersion=`: `{rule}`.
/// Checks run: the group exists, the rule is valid (seed order), the version is
/// current, the rule is new and fits the quota; then the rule is stored and the
/// version moves on, all in one transaction.
pub fn authorize(emu: &Emulator, api: &ApiRequest, region: &str, id: &str) -> Result<Response, BceError> {
    // Seed 004 marks clientToken required. CHOICE: its absence is the general
    // InvalidHTTPRequest (400), naming the parameter; no code is documented for it.
    if api.query_value("clientToken").is_none_or(str::is_empty) {
        return Err(BceError::with_message(&codes::INVALID_HTTP_REQUEST, "clientToken is required for authorizeRule"));
    }
    let version = requested_version(api)?;
    mutate(emu, api, region, |tx| {
        let (group, rule) = checked_rule(tx, api, region, id, version)?;
        state::check_authorize(&group.rules, &rule)?;
        insert_rule(tx, id, rule)?;
        bump_version(tx, id)?;
        Ok(String::new())
    })
}

/// `PUT /v2/securityGroup/{id}?revokeRule`: removes the rule with the same identity.
pub fn revoke(emu: &Emulator, api: &ApiRequest, region: &str, id: &str) -> Result<Response, BceError> {
    let version = requested_version(api)?;
    mutate(emu, api, region, |tx| {
        let (group, rule) = checked_rule(tx, api, region, id, version)?;
        let index = state::find_rule(&group.rules, &rule)?;
        let rule_id = group.rules[index].security_group_rule_id.clone().unwrap_or_default();
        tx.execute("DELETE FROM bce_security_group_rule WHERE id = ?1", [rule_id])?;
        bump_version(tx, id)?;
        Ok(String::new())
    })
}

/// The group (of `region`) holding rule `rule_id`; 404 `SecurityGroup.RuleNotExist`.
fn group_of_rule(tx: &Transaction<'_>, region: &str, rule_id: &str) -> Result<SecurityGroup, BceError> {
    let group: Option<String> =
        tx.query_row("SELECT group_id FROM bce_security_group_rule WHERE id = ?1", [rule_id], |r| r.get(0)).optional()?;
    let missing = || BceError::with_message(&codes::RULE_NOT_EXIST, &format!("security group rule {rule_id} does not exist"));
    let group = group.ok_or_else(missing)?;
    load_group(tx, region, &group).map_err(|_| missing())
}

/// `PUT /v2/securityGroup/rule/update?sgVersion=&clientToken=`: the rule named by
/// `securityGroupRuleId` edited in place (the fields given change), checked as a new rule
/// would be, the version moved on: no revoke-then-add gap.
pub fn update_rule(emu: &Emulator, api: &ApiRequest, region: &str) -> Result<Response, BceError> {
    let change: UpdateRuleRequest = body::parse(&api.body)?;
    let version = requested_version(api)?;
    let rule_id = change.security_group_rule_id.clone().filter(|r| !r.is_empty());
    let rule_id = rule_id.ok_or_else(|| BceError::with_message(&codes::INAPPROPRIATE_JSON, "securityGroupRuleId is required"))?;
    mutate(emu, api, region, |tx| {
        let group = group_of_rule(tx, region, &rule_id)?;
        state::check_version(group.sg_version.unwrap_or(1), version)?;
        let at = group.rules.iter().position(|r| r.security_group_rule_id.as_deref() == Some(rule_id.as_str())).unwrap_or_default();
        let others: Vec<SecurityGroupRule> = group.rules.iter().enumerate().filter(|&(i, _)| i != at).map(|(_, r)| r.clone()).collect();
        if let Some(p) = bce_rule::validate_update(&group.rules[at], &change, &others).into_iter().next() {
            return Err(p.into());
        }
        let mut after = change.applied_to(&group.rules[at]);
        after.updated_time = Some(crate::now_text());
        tx.execute("UPDATE bce_security_group_rule SET rule = ?1 WHERE id = ?2", params![serde_json::to_string(&after)?, rule_id])?;
        bump_version(tx, &group.id)?;
        Ok(String::new())
    })
}

/// `DELETE /v2/securityGroup/rule/{ruleId}?sgVersion=`.
pub fn delete_rule(emu: &Emulator, api: &ApiRequest, region: &str, rule_id: &str) -> Result<Response, BceError> {
    let version = requested_version(api)?;
    mutate(emu, api, region, |tx| {
        let group = group_of_rule(tx, region, rule_id)?;
        state::check_version(group.sg_version.unwrap_or(1), version)?;
        tx.execute("DELETE FROM bce_security_group_rule WHERE id = ?1", [rule_id])?;
        bump_version(tx, &group.id)?;
        Ok(String::new())
    })
}
