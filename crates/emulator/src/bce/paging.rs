//! `marker`/`maxKeys` paging over an ordered list, as every Baidu list answers.

use palisade_core::bce::common::Page;
use palisade_core::codes;

use super::BceError;
use crate::request::ApiRequest;

/// `maxKeys` default and ceiling (reference C.2).
pub const MAX_KEYS: u32 = 1000;

pub fn max_keys(api: &ApiRequest) -> Result<u32, BceError> {
    match api.query_value("maxKeys").filter(|v| !v.is_empty()) {
        None => Ok(MAX_KEYS),
        Some(v) => match v.parse::<u32>() {
            Ok(n @ 1..=MAX_KEYS) => Ok(n),
            _ => Err(BceError::with_message(&codes::INAPPROPRIATE_JSON, "maxKeys must be 1 to 1000")),
        },
    }
}

/// One page of `items` (in order, each with its id), starting at the `marker` id.
pub fn page<T>(api: &ApiRequest, items: Vec<(String, T)>) -> Result<(Page, Vec<T>), BceError> {
    let max = max_keys(api)?;
    let marker = api.query_value("marker").filter(|m| !m.is_empty()).map(str::to_owned);
    let start = match &marker {
        None => 0,
        Some(m) => items
            .iter()
            .position(|(id, _)| id == m)
            .ok_or_else(|| BceError::with_message(&codes::NO_SUCH_OBJECT, "the marker names no item of this list"))?,
    };
    let mut rest: Vec<(String, T)> = items.into_iter().skip(start).collect();
    let is_truncated = rest.len() > max as usize;
    let next_marker = if is_truncated { Some(rest[max as usize].0.clone()) } else { None };
    rest.truncate(max as usize);
    Ok((Page { marker, is_truncated, next_marker, max_keys: max }, rest.into_iter().map(|(_, t)| t).collect()))
}
