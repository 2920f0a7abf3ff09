//! VPCs (`GET /v1/vpc`): the console lists them to send the `vpcId` the card list needs.

use axum::response::Response;
use palisade_core::bce::vpc::{ListVpcsResponse, Vpc};

use super::{json, paging, BceError};
use crate::request::ApiRequest;
use crate::Emulator;

/// `GET /v1/vpc?marker=&maxKeys=&isDefault=`.
pub fn list(emu: &Emulator, api: &ApiRequest, region: &str) -> Result<Response, BceError> {
    let is_default = api.query_value("isDefault").filter(|v| !v.is_empty()).map(|v| v == "true");
    emu.store.transaction(|tx| {
        let mut stmt = tx.prepare_cached("SELECT body FROM bce_vpc WHERE region = ?1 ORDER BY seq")?;
        let rows: Vec<String> = stmt.query_map([region], |r| r.get(0))?.collect::<Result<_, _>>()?;
        let mut items = Vec::with_capacity(rows.len());
        for row in rows {
            let vpc: Vpc = serde_json::from_str(&row)?;
            if is_default.is_none_or(|d| d == vpc.is_default) {
                items.push((vpc.vpc_id.clone(), vpc));
            }
        }
        let (page, vpcs) = paging::page(api, items)?;
        Ok(json(&ListVpcsResponse { page, vpcs }))
    })
}
