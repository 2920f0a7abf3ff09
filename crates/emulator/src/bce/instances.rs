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
            items.push((inst.id.clone(), inst));
        }
        let (page, instances) = paging::page(api, items)?;
        Ok(json(&ListInstancesResponse { page, instances }))
    })
}

fn group_exists(tx: &Transaction<'_>, region: &str, id: &str) -> Result<(), BceError> {
    let found: bool =
        tx.query_row("SELECT EXISTS(SELECT 1 FROM bce_security_group WHERE id = ?1 AND region = ?2)", params![id, region], |r| r.get(0))?;
    if found {
        Ok(())
    } else {
        Err(BceError::with_message(&codes::NO_SUCH_OBJECT, &format!("security group {id} does not exist")))
    }
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
        group_exists(tx, region, &group)?;
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
                GroupKind::Normal => group_exists(tx, region, g)?,
                GroupKind::Enterprise => super::esg::exists(tx, region, g)?,
            }
        }
        let mut after = Vec::with_capacity(instances.len());
        for id in &instances {
            let inst = load(tx, region, id)?;
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
        Ok(String::new())
    })
}
