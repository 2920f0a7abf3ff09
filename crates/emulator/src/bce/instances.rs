//! BCC instances: list, and binding regular security groups (`/v2/instance`).

use axum::response::Response;
use palisade_core::bce::instance::{Instance, ListInstancesResponse, NicInfo};
use palisade_core::bce::security_group::{BatchBindRequest, InstanceBindRequest};
use palisade_core::codes;
use palisade_core::validate::binding::{self, BatchAction, BindOutcome, GroupKind, HeldGroups, InstanceView};
use rusqlite::{params, OptionalExtension, Transaction};

use super::bindings::{self, Kind};
use super::{body, json, mutate, paging, BceError};
use crate::request::ApiRequest;
use crate::Emulator;

fn load(tx: &Transaction<'_>, region: &str, id: &str) -> Result<Instance, BceError> {
    let row = tx
        .query_row(
            "SELECT id, name, status, vpc_id, internal_ip, expire_time FROM bce_instance WHERE id = ?1 AND region = ?2",
            params![id, region],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?)),
        )
        .optional()?
        .ok_or_else(|| BceError::with_message(&codes::NO_SUCH_OBJECT, &format!("instance {id} does not exist")))?;
    with_groups(tx, row)
}

fn with_groups(tx: &Transaction<'_>, row: (String, String, String, String, String, Option<String>)) -> Result<Instance, BceError> {
    let (id, name, status, vpc_id, internal_ip, expire_time) = row;
    let nic_info = NicInfo {
        security_groups: bindings::groups_of(tx, &id, Kind::Normal)?,
        enterprise_security_groups: bindings::groups_of(tx, &id, Kind::Enterprise)?,
    };
    Ok(Instance { id, name, status, vpc_id: Some(vpc_id), internal_ip: Some(internal_ip), expire_time, nic_info })
}

/// `GET /v2/instance?marker=&maxKeys=&vpcId=`.
pub fn list(emu: &Emulator, api: &ApiRequest, region: &str) -> Result<Response, BceError> {
    let vpc = api.query_value("vpcId").filter(|v| !v.is_empty()).map(str::to_owned);
    // The filters bce-python-sdk's `list_instances` sends, comma-separated.
    let ids = api.query_values("instanceIds", true);
    let groups = api.query_values("securityGroupIds", true);
    emu.store.transaction(|tx| {
        let mut stmt = tx.prepare_cached(
            "SELECT id, name, status, vpc_id, internal_ip, expire_time FROM bce_instance
             WHERE region = ?1 AND (?2 IS NULL OR vpc_id = ?2) ORDER BY seq",
        )?;
        let rows: Vec<_> = stmt
            .query_map(params![region, vpc], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?)))?
            .collect::<Result<_, _>>()?;
        let mut items = Vec::with_capacity(rows.len());
        for row in rows {
            let inst = with_groups(tx, row)?;
            let held = |g: &&str| {
                inst.nic_info.security_groups.iter().any(|x| x == g) || inst.nic_info.enterprise_security_groups.iter().any(|x| x == g)
            };
            if (ids.is_empty() || ids.contains(&inst.id.as_str())) && (groups.is_empty() || groups.iter().any(held)) {
                items.push((inst.id.clone(), inst));
            }
        }
        let (page, instances) = paging::page(api, items)?;
        Ok(json(&ListInstancesResponse { page, instances }))
    })
}

/// The VPC of a regular group of the region; `NoSuchObject` when there is none.
pub(crate) fn group_vpc(tx: &Transaction<'_>, region: &str, id: &str) -> Result<String, BceError> {
    tx.query_row("SELECT vpc_id FROM bce_security_group WHERE id = ?1 AND region = ?2", params![id, region], |r| r.get(0))
        .optional()?
        .ok_or_else(|| BceError::with_message(&codes::NO_SUCH_OBJECT, &format!("security group {id} does not exist")))
}

/// A regular group of another VPC than the resource's is refused (core's `check_same_vpc`).
pub(crate) fn same_vpc(
    tx: &Transaction<'_>,
    region: &str,
    resource: &str,
    resource_vpc: Option<&str>,
    group: &str,
) -> Result<(), BceError> {
    let vpc = group_vpc(tx, region, group)?;
    binding::check_same_vpc(resource_vpc, Some(&vpc)).map_err(|p| {
        let mut e: BceError = p.into();
        e.message = format!("security group {group} is in {vpc}, {resource} in {}", resource_vpc.unwrap_or("?"));
        e
    })
}

fn bind_request(api: &ApiRequest) -> Result<String, BceError> {
    let req: InstanceBindRequest = body::parse(&api.body)?;
    req.security_group_id
        .filter(|g| !g.trim().is_empty())
        .ok_or_else(|| BceError::with_message(&codes::INAPPROPRIATE_JSON, "securityGroupId is required"))
}

/// `PUT /v2/instance/{id}?bind`: `{securityGroupId}`.
pub fn bind(emu: &Emulator, api: &ApiRequest, region: &str, id: &str) -> Result<Response, BceError> {
    let group = bind_request(api)?;
    mutate(emu, api, region, |tx| {
        let inst = load(tx, region, id)?;
        same_vpc(tx, region, id, inst.vpc_id.as_deref(), &group)?;
        let view = InstanceView { expired: inst.is_expired(), security_group_ids: &inst.nic_info.security_groups };
        if binding::check_bind(view, &group)? == BindOutcome::Bind {
            bindings::bind(tx, id, &group, Kind::Normal)?;
        }
        Ok(String::new())
    })
}

/// `PUT /v2/instance/{id}?unbind`: `{securityGroupId}`; never the last group.
pub fn unbind(emu: &Emulator, api: &ApiRequest, region: &str, id: &str) -> Result<Response, BceError> {
    let group = bind_request(api)?;
    mutate(emu, api, region, |tx| {
        let inst = load(tx, region, id)?;
        let view = InstanceView { expired: inst.is_expired(), security_group_ids: &inst.nic_info.security_groups };
        binding::check_unbind(view, &group)?;
        bindings::unbind(tx, id, &group)?;
        Ok(String::new())
    })
}

/// `PUT /v2/securitygroup/{bind|unbind|replace}?clientToken=`: groups of one kind on many
/// instances. CHOICE: all or nothing: every instance and group must exist and every
/// instance must accept the change, else nothing changes and the error names the first
/// instance refused (the reference documents no partial answer).
pub fn batch(emu: &Emulator, api: &ApiRequest, region: &str, action: BatchAction) -> Result<Response, BceError> {
    let req: BatchBindRequest = body::parse(&api.body)?;
    if let Some(p) = binding::validate_batch(&req).into_iter().next() {
        return Err(p.into());
    }
    let kind = req.security_group_type.as_deref().and_then(GroupKind::parse).unwrap_or(GroupKind::Normal);
    let (instances, groups) = (req.instance_ids.unwrap_or_default(), req.security_group_ids.unwrap_or_default());
    mutate(emu, api, region, |tx| {
        for g in &groups {
            match kind {
                GroupKind::Normal => drop(group_vpc(tx, region, g)?),
                GroupKind::Enterprise => super::esg::exists(tx, region, g)?,
            }
        }
        let mut after = Vec::with_capacity(instances.len());
        for id in &instances {
            let inst = load(tx, region, id)?;
            if kind == GroupKind::Normal && action != BatchAction::Unbind {
                for g in &groups {
                    same_vpc(tx, region, id, inst.vpc_id.as_deref(), g)?;
                }
            }
            let nic = &inst.nic_info;
            let held = HeldGroups { expired: inst.is_expired(), normal: &nic.security_groups, enterprise: &nic.enterprise_security_groups };
            let groups_after = binding::batch_result(action, kind, held, &groups).map_err(|p| {
                let mut e: BceError = p.into();
                e.message = format!("{} (instance {id})", e.message);
                e
            })?;
            after.push((id, groups_after));
        }
        let stored = match kind {
            GroupKind::Normal => Kind::Normal,
            GroupKind::Enterprise => Kind::Enterprise,
        };
        for (id, groups_after) in after {
            // A replace may move the instance from one kind to the other: both are cleared.
            if action == BatchAction::Replace {
                bindings::clear(tx, id)?;
            } else {
                for g in bindings::groups_of(tx, id, stored)? {
                    bindings::unbind(tx, id, &g)?;
                }
            }
            for g in &groups_after {
                bindings::bind(tx, id, g, stored)?;
            }
        }
        // The reference: `{requestId}` (the same id as the header).
        Ok(serde_json::json!({ "requestId": api.request_id }).to_string())
    })
}
