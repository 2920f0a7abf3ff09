//! Limits on what a request may ask to be kept: the length of every stored text field
//! that no seed bounds, and the quotas that keep an emulator's state finite. Where the
//! reference gives a number it is used; the rest are `CHOICE:`s, listed in the README.

use super::{char_len, present, Field, Problem};
use crate::bce::common::Tag as BceTag;
use crate::codes::{self, ErrorCode};

/// CHOICE: an id or a reference to one (`vpcId`, `sourceGroupId`, `remote_group_id`, …)
/// is 1–64 visible ASCII characters. Every id either cloud issues fits.
pub const MAX_ID_CHARS: usize = 64;

/// A Baidu `desc`: the ESG's documented limit (200 characters), which a regular group's
/// `desc` takes too (CHOICE).
pub const MAX_BCE_DESC_CHARS: usize = 200;

/// CHOICE: Baidu tags: at most 20 per resource, key 1–65 and value 0–65 characters.
pub const MAX_BCE_TAGS: usize = 20;
pub const MAX_BCE_TAG_CHARS: usize = 65;

/// Regular security groups per VPC: 100 in the default VPC, 20 in any other (reference
/// C.10, VPC 9jwvytur6).
pub const MAX_GROUPS_DEFAULT_VPC: usize = 100;
pub const MAX_GROUPS_OTHER_VPC: usize = 20;

/// CHOICE: Huawei's default quotas per project and region: 100 security groups and 3,000
/// rules (the cloud's quota page, recalled; not in the reference).
pub const MAX_HW_GROUPS: usize = 100;
pub const MAX_HW_RULES: usize = 3000;

/// CHOICE: project ids an emulator takes on before refusing new ones (`VPC.0007`, as a
/// project that is not the caller's): the real cloud knows an account's projects, an
/// emulator accepts any well-formed id and must not grow without end.
pub const MAX_HW_PROJECTS: usize = 100;

/// CHOICE: `clientToken`s remembered per region, and for how long (Baidu's semantics
/// page is not available; a day covers any client's retries).
pub const MAX_CLIENT_TOKENS: usize = 10_000;
pub const CLIENT_TOKEN_TTL_SECS: i64 = 24 * 60 * 60;

/// An id-like field: absent or blank passes (the operation decides whether it is
/// required); present, it is at most [`MAX_ID_CHARS`] visible ASCII characters.
pub fn check_id(value: &Option<String>, code: &'static ErrorCode, field: Field) -> Result<(), Problem> {
    match present(value) {
        Some(v) if v.len() > MAX_ID_CHARS || !v.bytes().all(|b| b.is_ascii_graphic()) => Err(Problem::new(code, field)),
        _ => Ok(()),
    }
}

/// A regular group's `desc` (`InappropriateJSON`, naming the field: no code is documented).
pub fn check_bce_desc(desc: &Option<String>) -> Result<(), Problem> {
    if desc.as_deref().is_some_and(|d| char_len(d) > MAX_BCE_DESC_CHARS) {
        return Err(Problem::new(&codes::INAPPROPRIATE_JSON, Field::Desc));
    }
    Ok(())
}

/// Baidu tags on a group or an ESG: count, lengths, and no key twice.
pub fn check_bce_tags(tags: &Option<Vec<BceTag>>) -> Result<(), Problem> {
    let tags = tags.as_deref().unwrap_or(&[]);
    let unique = super::keys_unique(tags, |t| t.tag_key.as_str());
    let sized = tags.iter().all(|t| {
        (1..=MAX_BCE_TAG_CHARS).contains(&char_len(&t.tag_key)) && t.tag_value.as_deref().map_or(0, char_len) <= MAX_BCE_TAG_CHARS
    });
    if tags.len() > MAX_BCE_TAGS || !unique || !sized {
        return Err(Problem::new(&codes::INAPPROPRIATE_JSON, Field::Tags));
    }
    Ok(())
}

/// How many regular groups a VPC may hold.
pub fn groups_per_vpc(default_vpc: bool) -> usize {
    if default_vpc {
        MAX_GROUPS_DEFAULT_VPC
    } else {
        MAX_GROUPS_OTHER_VPC
    }
}

/// A Huawei `enterprise_project_id`: `0` (the default project) or a UUID, `VPC.0011`.
pub fn check_enterprise_project_id(id: &Option<String>) -> Result<(), Problem> {
    match present(id) {
        None => Ok(()),
        Some("0") => Ok(()),
        Some(v) if is_uuid(v) => Ok(()),
        Some(_) => Err(Problem::new(&codes::HW_ENTERPRISE_PROJECT_INVALID, Field::EnterpriseProjectId)),
    }
}

/// `8-4-4-4-12` hex digits.
fn is_uuid(s: &str) -> bool {
    let parts: Vec<&str> = s.split('-').collect();
    parts.len() == 5 && parts.iter().zip([8, 4, 4, 4, 12]).all(|(p, n)| p.len() == n && p.bytes().all(|b| b.is_ascii_hexdigit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tag(k: &str, v: &str) -> BceTag {
        BceTag { tag_key: k.into(), tag_value: Some(v.into()) }
    }

    #[test]
    fn ids_are_short_visible_ascii() {
        assert!(check_id(&Some("vpc-demo0001".into()), &codes::INAPPROPRIATE_JSON, Field::Name).is_ok());
        assert!(check_id(&None, &codes::INAPPROPRIATE_JSON, Field::Name).is_ok());
        assert!(check_id(&Some("x".repeat(64)), &codes::INAPPROPRIATE_JSON, Field::Name).is_ok());
        assert!(check_id(&Some("x".repeat(65)), &codes::INAPPROPRIATE_JSON, Field::Name).is_err());
        assert!(check_id(&Some("g 1".into()), &codes::INAPPROPRIATE_JSON, Field::Name).is_err());
        assert!(check_id(&Some("组".into()), &codes::INAPPROPRIATE_JSON, Field::Name).is_err());
    }

    #[test]
    fn bce_desc_and_tags() {
        assert!(check_bce_desc(&Some("d".repeat(200))).is_ok());
        assert!(check_bce_desc(&Some("描".repeat(200))).is_ok(), "characters, not bytes");
        assert!(check_bce_desc(&Some("d".repeat(201))).is_err());
        assert!(check_bce_tags(&Some(vec![tag("env", "prod"), tag("team", "")])).is_ok());
        assert!(check_bce_tags(&Some(vec![tag("env", "a"), tag("env", "b")])).is_err(), "a key twice");
        assert!(check_bce_tags(&Some(vec![tag("", "v")])).is_err());
        assert!(check_bce_tags(&Some(vec![tag(&"k".repeat(66), "v")])).is_err());
        assert!(check_bce_tags(&Some(vec![tag("k", &"v".repeat(66))])).is_err());
        assert!(check_bce_tags(&Some((0..21).map(|i| tag(&format!("k{i}"), "")).collect())).is_err());
    }

    #[test]
    fn enterprise_project_ids() {
        assert!(check_enterprise_project_id(&None).is_ok());
        assert!(check_enterprise_project_id(&Some("0".into())).is_ok());
        assert!(check_enterprise_project_id(&Some("0b8c8a0e-2e33-4c4f-9f7a-1d2e3f4a5b6c".into())).is_ok());
        assert!(check_enterprise_project_id(&Some("default".into())).is_err());
        assert!(check_enterprise_project_id(&Some("0b8c8a0e2e334c4f9f7a1d2e3f4a5b6c".into())).is_err());
    }
}
