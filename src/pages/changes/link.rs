//! Where a journal entry's resource opens: a group or an instance of the entry's region.

use palisade_core::journal::Entry;
use palisade_core::route::{Page, Place};
use palisade_core::Cloud;

/// The place a resource of `e` opens, when it is one the console has a page for.
pub fn place_of(e: &Entry, index: usize) -> Option<Place> {
    let id = e.resources.get(index)?;
    let cloud = Cloud::from_slug(&e.cloud)?;
    let page = match cloud {
        Cloud::Bce if id.starts_with("esg-") => Page::BceEnterpriseSecurityGroups,
        Cloud::Bce if id.starts_with("g-") => Page::BceSecurityGroups,
        Cloud::Bce if id.starts_with("i-") => Page::BceInstances,
        // A Huawei group: the one the path names, or the one a rule is created in.
        Cloud::Huawei if e.path.contains(&format!("security-groups/{id}")) => Page::HuaweiSecurityGroups,
        Cloud::Huawei if index == 0 && e.method == "POST" && e.path.ends_with("/security-group-rules") => Page::HuaweiSecurityGroups,
        _ => return None,
    };
    Some(Place { page, region: e.region.clone(), item: Some(id.clone()) })
}
