//! VPCs (`GET /v1/vpc`): the console lists them to send the `vpcId` the card list needs.

use axum::response::Response;
use palisade_core::bce::vpc::{ListVpcsResponse, Vpc};

use super::{json, paging, BceError};
use crate::request::ApiRequest;
use crate::Emulator;

/// `GET /v1/vpc?marker=&maxKeys=&isDefault=`.
pub fn list(emu: &Emulator, api: &ApiRequest, region: &str) -> Result<Response, BceError> {
    let is_default = api.query_value("isDefault").filter(|v| !v.is_empty()).map(|v| v == "true");
    let ids = api.query_values("vpcIds", true);
    emu.store.transaction(|tx| {
        let items = of_region(tx, region)?
            .into_iter()
            .filter(|vpc| is_default.is_none_or(|d| d == vpc.is_default))
            .filter(|vpc| ids.is_empty() || ids.contains(&vpc.vpc_id.as_str()))
            .map(|vpc| (vpc.vpc_id.clone(), vpc))
            .collect();
        let (page, vpcs) = paging::page(api, items)?;
        Ok(json(&ListVpcsResponse { page, vpcs }))
    })
}

/// The region's VPCs, in creation order.
fn of_region(tx: &rusqlite::Transaction<'_>, region: &str) -> Result<Vec<Vpc>, BceError> {
    let mut stmt = tx.prepare_cached("SELECT body FROM bce_vpc WHERE region = ?1 ORDER BY seq")?;
    let rows: Vec<String> = stmt.query_map([region], |r| r.get(0))?.collect::<Result<_, _>>()?;
    Ok(rows.iter().map(|b| serde_json::from_str(b)).collect::<Result<_, _>>().map_err(crate::StoreError::from)?)
}

/// The VPC a new group goes into.
pub struct Resolved {
    pub id: String,
    pub is_default: bool,
}

/// A named VPC must exist in the region (`NoSuchObject`); none named is the region's
/// default VPC. CHOICE: a region without VPC fixtures has an implicit default VPC with
/// the demo VPC's id, as every real region has a default VPC.
pub fn resolve(tx: &rusqlite::Transaction<'_>, region: &str, named: Option<&str>) -> Result<Resolved, BceError> {
    let vpcs = of_region(tx, region)?;
    match named.filter(|v| !v.is_empty()) {
        Some(id) => {
            vpcs.iter().find(|v| v.vpc_id == id).map(|v| Resolved { id: v.vpc_id.clone(), is_default: v.is_default }).ok_or_else(|| {
                BceError::with_message(&palisade_core::codes::NO_SUCH_OBJECT, &format!("vpc {id} does not exist in this region"))
            })
        }
        None => Ok(vpcs
            .iter()
            .find(|v| v.is_default)
            .map(|v| Resolved { id: v.vpc_id.clone(), is_default: true })
            .unwrap_or_else(|| Resolved { id: crate::fixtures::DEMO_VPC.to_owned(), is_default: true })),
    }
}
