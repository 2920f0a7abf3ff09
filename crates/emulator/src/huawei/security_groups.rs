//! `/v3/{project_id}/vpc/security-groups`.

use axum::response::Response;
use palisade_core::codes;
use palisade_core::huawei::rule::SecurityGroupRule;
use palisade_core::huawei::security_group::{
    CreateSecurityGroupRequestBody, ListSecurityGroupsResponse, SecurityGroup, SecurityGroupInfo, SecurityGroupResponse,
    UpdateSecurityGroupRequestBody,
};
use palisade_core::huawei::Tag;
use palisade_core::validate::huawei as validate;
use palisade_core::Direction;
use rusqlite::{params, OptionalExtension, Transaction};

use super::{dry_run, json, page, parse, rules, Ctx, Held, HwError, Scope};
use crate::{ids, Emulator};
use palisade_core::validate::bounds;

pub(crate) use crate::now_text as now;

/// A new group gets the default rules of the seed's example: traffic from the group
/// itself (IPv4, IPv6) and all egress (IPv4, IPv6), allowed at priority 100.
fn default_rules(project: &str, group: &str, at: &str) -> Vec<SecurityGroupRule> {
    [
        (Direction::Ingress, "IPv6", true),
        (Direction::Egress, "IPv6", false),
        (Direction::Egress, "IPv4", false),
        (Direction::Ingress, "IPv4", true),
    ]
    .into_iter()
    .map(|(direction, ethertype, from_self)| SecurityGroupRule {
        id: ids::uuid(),
        description: String::new(),
        security_group_id: group.to_owned(),
        direction: direction.as_str().to_owned(),
        protocol: None,
        ethertype: ethertype.to_owned(),
        multiport: None,
        action: "allow".to_owned(),
        priority: 100,
        remote_group_id: from_self.then(|| group.to_owned()),
        remote_ip_prefix: None,
        remote_address_group_id: None,
        created_at: at.to_owned(),
        updated_at: at.to_owned(),
        project_id: project.to_owned(),
        enabled: true,
    })
    .collect()
}

/// A name or description problem with the rule it breaks in the message (every one is
/// `VPC.0601`; "Invalid name" alone does not say what to fix).
fn with_rule(p: palisade_core::validate::Problem, name: Option<&str>, description: Option<&str>) -> HwError {
    use palisade_core::validate::{names, Field};
    let rule = match p.field {
        Field::Name => names::huawei_name_rule(name.unwrap_or("")),
        Field::Description => description.and_then(names::huawei_description_rule),
        _ => None,
    };
    let mut e = HwError::from(p);
    if let Some(rule) = rule {
        e.message = format!("{} ({})", e.message, rule.english());
    }
    e
}

fn answer(ctx: &Ctx<'_>, security_group: SecurityGroupInfo) -> SecurityGroupResponse {
    SecurityGroupResponse { request_id: ctx.request_id.to_owned(), security_group }
}

/// Stores a new group with its default rules; returns its id.
pub(crate) fn insert(
    tx: &Transaction<'_>,
    scope: &Scope<'_>,
    name: &str,
    description: &str,
    enterprise_project_id: Option<String>,
) -> Result<String, HwError> {
    insert_with_tags(tx, scope, name, description, enterprise_project_id, Vec::new())
}

/// [`insert`] with the group's tags (stored and returned as given).
pub(crate) fn insert_with_tags(
    tx: &Transaction<'_>,
    scope: &Scope<'_>,
    name: &str,
    description: &str,
    enterprise_project_id: Option<String>,
    tags: Vec<Tag>,
) -> Result<String, HwError> {
    let project = scope.project;
    let id = ids::uuid();
    let at = now();
    let info = SecurityGroupInfo {
        id: id.clone(),
        name: name.to_owned(),
        description: description.to_owned(),
        project_id: project.to_owned(),
        created_at: at.clone(),
        updated_at: at.clone(),
        enterprise_project_id: Some(enterprise_project_id.unwrap_or_else(|| "0".to_owned())),
        tags,
        security_group_rules: Vec::new(),
    };
    tx.execute(
        "INSERT INTO hw_security_group (id, project_id, region, body) VALUES (?1, ?2, ?3, ?4)",
        params![id, project, scope.region, serde_json::to_string(&info)?],
    )?;
    for rule in default_rules(project, &id, &at) {
        rules::insert(tx, scope, &rule)?;
    }
    Ok(id)
}

/// A project id seen for the first time in a region becomes a namespace there with a
/// `default` group, up to [`bounds::MAX_HW_PROJECTS`] projects.
pub fn ensure_project(emu: &Emulator, scope: &Scope<'_>) -> Result<(), HwError> {
    emu.store.transaction(|tx| {
        let known: bool = tx.query_row("SELECT count(*) FROM hw_scope WHERE project_id = ?1", [scope.project], |r| r.get::<_, i64>(0))? > 0;
        let projects: i64 = tx.query_row("SELECT count(DISTINCT project_id) FROM hw_scope", [], |r| r.get(0))?;
        if !known && projects as usize >= bounds::MAX_HW_PROJECTS {
            return Err(HwError::with_message(
                &codes::HW_PROJECT_MISMATCH,
                &format!("this emulator serves at most {} projects; {} is not one of them", bounds::MAX_HW_PROJECTS, scope.project),
            ));
        }
        if tx.execute("INSERT OR IGNORE INTO hw_scope (project_id, region) VALUES (?1, ?2)", [scope.project, scope.region])? == 1 {
            insert(tx, scope, "default", "Default security group", None)?;
        }
        Ok(())
    })
}

pub(crate) fn load(tx: &Transaction<'_>, scope: &Scope<'_>, id: &str) -> Result<SecurityGroupInfo, HwError> {
    let body: String = tx
        .query_row(
            "SELECT body FROM hw_security_group WHERE id = ?1 AND project_id = ?2 AND region = ?3",
            params![id, scope.project, scope.region],
            |r| r.get(0),
        )
        .optional()?
        .ok_or_else(|| HwError::with_message(&codes::HW_SECURITY_GROUP_NOT_FOUND, &format!("Security group {id} does not exist.")))?;
    let mut info: SecurityGroupInfo = serde_json::from_str(&body)?;
    info.security_group_rules = rules::of_group(tx, id)?;
    Ok(info)
}

fn all(tx: &Transaction<'_>, scope: &Scope<'_>) -> Result<Vec<SecurityGroupInfo>, HwError> {
    let mut stmt = tx.prepare_cached("SELECT body FROM hw_security_group WHERE project_id = ?1 AND region = ?2 ORDER BY seq")?;
    let rows: Vec<String> = stmt.query_map([scope.project, scope.region], |r| r.get(0))?.collect::<Result<_, _>>()?;
    Ok(rows.iter().map(|b| serde_json::from_str(b)).collect::<Result<_, _>>()?)
}

/// `GET …/security-groups?limit=&marker=&name=&id=`: groups without their rules.
pub fn list(emu: &Emulator, ctx: &Ctx<'_>) -> Result<Response, HwError> {
    let wanted = |key: &str| -> Vec<&str> { ctx.api.query.iter().filter(|(k, _)| k == key).map(|(_, v)| v.as_str()).collect() };
    let (names, ids, descriptions) = (wanted("name"), wanted("id"), wanted("description"));
    let project = ctx.api.query_value("enterprise_project_id").filter(|p| !p.is_empty() && *p != "all_granted_eps");
    emu.store.transaction(|tx| {
        let items: Vec<(String, SecurityGroup)> = all(tx, &ctx.scope)?
            .into_iter()
            .filter(|g| names.is_empty() || names.contains(&g.name.as_str()))
            .filter(|g| ids.is_empty() || ids.contains(&g.id.as_str()))
            .filter(|g| descriptions.is_empty() || descriptions.contains(&g.description.as_str()))
            .filter(|g| project.is_none_or(|p| g.enterprise_project_id.as_deref().unwrap_or("0") == p))
            .map(|g| (g.id.clone(), SecurityGroup::from(g)))
            .collect();
        let (groups, page_info) = page(ctx.api, &items)?;
        Ok(json(200, &ListSecurityGroupsResponse { request_id: ctx.request_id.to_owned(), security_groups: groups, page_info }))
    })
}

/// `POST …/security-groups`: 201 with the new group and its default rules.
pub fn create(emu: &Emulator, ctx: &Ctx<'_>) -> Result<Response, HwError> {
    let body: CreateSecurityGroupRequestBody = parse(&ctx.api.body)?;
    if let Some(p) = validate::validate_create(&body).into_iter().next() {
        let opt = body.security_group.as_ref();
        return Err(with_rule(p, opt.and_then(|o| o.name.as_deref()), opt.and_then(|o| o.description.as_deref())));
    }
    if body.dry_run == Some(true) {
        return Ok(dry_run(ctx));
    }
    let opt = body.security_group.expect("validated: present");
    emu.store.transaction(|tx| {
        ctx.scope.check_quota(tx, Held::Groups, bounds::MAX_HW_GROUPS)?;
        let id = insert_with_tags(
            tx,
            &ctx.scope,
            opt.name.as_deref().unwrap_or(""),
            opt.description.as_deref().unwrap_or(""),
            opt.enterprise_project_id.clone(),
            opt.tags.clone().unwrap_or_default(),
        )?;
        Ok(json(201, &answer(ctx, load(tx, &ctx.scope, &id)?)))
    })
}

pub fn show(emu: &Emulator, ctx: &Ctx<'_>, id: &str) -> Result<Response, HwError> {
    emu.store.transaction(|tx| Ok(json(200, &answer(ctx, load(tx, &ctx.scope, id)?))))
}

/// `PUT …/security-groups/{id}` (the seed): name and description checked as the seed
/// says; `dry_run: true` checks everything (the group must exist too) and answers 202
/// without changing anything.
pub fn update(emu: &Emulator, ctx: &Ctx<'_>, id: &str) -> Result<Response, HwError> {
    let body: UpdateSecurityGroupRequestBody = parse(&ctx.api.body)?;
    if let Some(p) = validate::validate_update(&body).into_iter().next() {
        let opt = body.security_group.as_ref();
        return Err(with_rule(p, opt.and_then(|o| o.name.as_deref()), opt.and_then(|o| o.description.as_deref())));
    }
    let opt = body.security_group.expect("validated: present");
    emu.store.transaction(|tx| {
        let mut info = load(tx, &ctx.scope, id)?;
        if body.dry_run == Some(true) {
            // CHOICE: the 202's body is undocumented; it carries the request id only.
            return Ok(dry_run(ctx));
        }
        if let Some(name) = opt.name {
            info.name = name;
        }
        if let Some(d) = opt.description {
            info.description = d;
        }
        info.updated_at = now();
        let rules = std::mem::take(&mut info.security_group_rules);
        tx.execute("UPDATE hw_security_group SET body = ?1 WHERE id = ?2", params![serde_json::to_string(&info)?, id])?;
        info.security_group_rules = rules;
        Ok(json(200, &answer(ctx, info)))
    })
}

/// `DELETE …/security-groups/{id}`: 204; the group's rules go with it.
pub fn delete(emu: &Emulator, ctx: &Ctx<'_>, id: &str) -> Result<Response, HwError> {
    emu.store.transaction(|tx| {
        load(tx, &ctx.scope, id)?;
        tx.execute("DELETE FROM hw_rule WHERE group_id = ?1", [id])?;
        tx.execute("DELETE FROM hw_security_group WHERE id = ?1", [id])?;
        Ok(axum::response::IntoResponse::into_response(axum::http::StatusCode::NO_CONTENT))
    })
}
