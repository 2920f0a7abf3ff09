//! Service network interface cards (`/v1/endpoint`).

use axum::response::Response;
use palisade_core::bce::common::Page;
use palisade_core::bce::endpoint::{BindEsgRequest, BindSgRequest, Endpoint};
use palisade_core::codes;
use palisade_core::validate::binding;
use rusqlite::{params, OptionalExtension, Transaction};
use serde::Serialize;

use super::bindings::{self, Kind};
use super::{body, esg, json, mutate, paging, BceError};
use crate::request::ApiRequest;
use crate::Emulator;

/// A card as the emulator answers it: the real API's fields, plus (unless
/// `--hide-emulator-fields`) the ids of its groups, which the real API does not show and
/// the console never reads (it lists groups by `instanceId`, as a real client must).
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Card {
    #[serde(flatten)]
    endpoint: Endpoint,
    #[serde(skip_serializing_if = "Option::is_none")]
    security_group_ids: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    enterprise_security_group_ids: Option<Vec<String>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ListCards {
    #[serde(flatten)]
    page: Page,
    endpoints: Vec<Card>,
}

fn hydrate(emu: &Emulator, tx: &Transaction<'_>, e: Endpoint) -> Result<Card, BceError> {
    let (normal, enterprise) = if emu.extra_fields {
        (Some(bindings::groups_of(tx, &e.endpoint_id, Kind::Normal)?), Some(bindings::groups_of(tx, &e.endpoint_id, Kind::Enterprise)?))
    } else {
        (None, None)
    };
    Ok(Card { endpoint: e, security_group_ids: normal, enterprise_security_group_ids: enterprise })
}

fn load(tx: &Transaction<'_>, region: &str, id: &str) -> Result<Endpoint, BceError> {
    let stored: String = tx
        .query_row("SELECT body FROM bce_endpoint WHERE id = ?1 AND region = ?2", params![id, region], |r| r.get(0))
        .optional()?
        .ok_or_else(|| BceError::with_message(&codes::NO_SUCH_OBJECT, &format!("service network interface card {id} does not exist")))?;
    Ok(serde_json::from_str(&stored)?)
}

/// `GET /v1/endpoint?vpcId=&marker=&maxKeys=` (the SDK sends empty filters too).
pub fn list(emu: &Emulator, api: &ApiRequest, region: &str) -> Result<Response, BceError> {
    let vpc = api.query_value("vpcId").filter(|v| !v.is_empty()).map(str::to_owned);
    emu.store.transaction(|tx| {
        let mut stmt = tx.prepare_cached("SELECT body FROM bce_endpoint WHERE region = ?1 ORDER BY seq")?;
        let rows: Vec<String> = stmt.query_map([region], |r| r.get(0))?.collect::<Result<_, _>>()?;
        let mut items = Vec::new();
        for row in rows {
            let e: Endpoint = serde_json::from_str(&row)?;
            // The list's filters, each when given (the Go SDK sends them all, empty).
            let field = |name: &str| match name {
                "name" => Some(e.name.clone()),
                "ipAddress" => e.ip_address.clone(),
                "status" => e.status.clone(),
                "subnetId" => e.subnet_id.clone(),
                _ => e.service.clone(),
            };
            let matches = ["name", "ipAddress", "status", "subnetId", "service"]
                .iter()
                .all(|f| api.query_value(f).filter(|v| !v.is_empty()).is_none_or(|v| field(f).as_deref() == Some(v)));
            if matches && vpc.as_deref().is_none_or(|v| e.vpc_id.as_deref() == Some(v)) {
                items.push((e.endpoint_id.clone(), e));
            }
        }
        let (page, endpoints) = paging::page(api, items)?;
        let endpoints = endpoints.into_iter().map(|e| hydrate(emu, tx, e)).collect::<Result<_, _>>()?;
        Ok(json(&ListCards { page, endpoints }))
    })
}

pub fn get(emu: &Emulator, region: &str, id: &str) -> Result<Response, BceError> {
    emu.store.transaction(|tx| Ok(json(&hydrate(emu, tx, load(tx, region, id)?)?)))
}

/// `PUT /v1/endpoint/{id}?bindEsg&clientToken=` (seed 000): binds exactly one ESG and
/// removes every group the card had, regular or enterprise.
/// `PUT /v1/endpoint/{id}?bindSg&clientToken=`: `{securityGroupIds}` replace every group
/// the card has (of both kinds), as `bindEsg` does.
pub fn bind_sg(emu: &Emulator, api: &ApiRequest, region: &str, id: &str) -> Result<Response, BceError> {
    let req: BindSgRequest = body::parse(&api.body)?;
    if let Some(p) = binding::validate_bind_sg(&req).into_iter().next() {
        return Err(p.into());
    }
    let groups = req.security_group_ids.unwrap_or_default();
    mutate(emu, api, region, |tx| {
        let card = load(tx, region, id)?;
        for g in &groups {
            super::instances::same_vpc(tx, region, id, card.vpc_id.as_deref(), g)?;
        }
        bindings::clear(tx, id)?;
        for g in &groups {
            bindings::bind(tx, id, g, Kind::Normal)?;
        }
        Ok(String::new())
    })
}

pub fn bind_esg(emu: &Emulator, api: &ApiRequest, region: &str, id: &str) -> Result<Response, BceError> {
    let req: BindEsgRequest = body::parse(&api.body)?;
    if let Some(p) = binding::validate_bind_esg(&req).into_iter().next() {
        return Err(p.into());
    }
    let esg_id = req.enterprise_security_group_ids.unwrap_or_default().remove(0);
    mutate(emu, api, region, |tx| {
        load(tx, region, id)?;
        esg::exists(tx, region, &esg_id)?;
        bindings::clear(tx, id)?;
        bindings::bind(tx, id, &esg_id, Kind::Enterprise)?;
        Ok(String::new())
    })
}
