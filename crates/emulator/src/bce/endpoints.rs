//! Service network interface cards (`/v1/endpoint`).

use axum::response::Response;
use palisade_core::bce::endpoint::{BindEsgRequest, Endpoint, ListEndpointsResponse};
use palisade_core::codes;
use palisade_core::validate::binding;
use rusqlite::{params, OptionalExtension, Transaction};

use super::bindings::{self, Kind};
use super::{body, esg, json, mutate, paging, BceError};
use crate::request::ApiRequest;
use crate::Emulator;

/// The stored card plus its bindings (the two id lists are Palisade's addition, see
/// `palisade_core::bce::endpoint::Endpoint`).
fn hydrate(tx: &Transaction<'_>, stored: &str) -> Result<Endpoint, BceError> {
    let mut e: Endpoint = serde_json::from_str(stored)?;
    e.security_group_ids = bindings::groups_of(tx, &e.endpoint_id, Kind::Normal)?;
    e.enterprise_security_group_ids = bindings::groups_of(tx, &e.endpoint_id, Kind::Enterprise)?;
    Ok(e)
}

fn load(tx: &Transaction<'_>, region: &str, id: &str) -> Result<Endpoint, BceError> {
    let stored: String = tx
        .query_row("SELECT body FROM bce_endpoint WHERE id = ?1 AND region = ?2", params![id, region], |r| r.get(0))
        .optional()?
        .ok_or_else(|| BceError::with_message(&codes::NO_SUCH_OBJECT, &format!("service network interface card {id} does not exist")))?;
    hydrate(tx, &stored)
}

/// `GET /v1/endpoint?vpcId=&marker=&maxKeys=` (the SDK sends empty filters too).
pub fn list(emu: &Emulator, api: &ApiRequest, region: &str) -> Result<Response, BceError> {
    let vpc = api.query_value("vpcId").filter(|v| !v.is_empty()).map(str::to_owned);
    emu.store.transaction(|tx| {
        let mut stmt = tx.prepare_cached("SELECT body FROM bce_endpoint WHERE region = ?1 ORDER BY seq")?;
        let rows: Vec<String> = stmt.query_map([region], |r| r.get(0))?.collect::<Result<_, _>>()?;
        let mut items = Vec::new();
        for row in rows {
            let e = hydrate(tx, &row)?;
            if vpc.as_deref().is_none_or(|v| e.vpc_id.as_deref() == Some(v)) {
                items.push((e.endpoint_id.clone(), e));
            }
        }
        let (page, endpoints) = paging::page(api, items)?;
        Ok(json(&ListEndpointsResponse { page, endpoints }))
    })
}

pub fn get(emu: &Emulator, region: &str, id: &str) -> Result<Response, BceError> {
    emu.store.transaction(|tx| Ok(json(&load(tx, region, id)?)))
}

/// `PUT /v1/endpoint/{id}?bindEsg&clientToken=` (seed 000): binds exactly one ESG and
/// removes every group the card had, regular or enterprise.
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
