//! The console's pages, one folder per feature, one file per screen: a feature's list,
//! its detail, its forms and (for groups) its kind of draft.

pub mod bce_groups;
pub mod cards;
pub mod changes;
pub mod esgs;
pub mod exposure;
pub mod huawei_groups;
pub mod instances;
pub mod overview;
pub mod policy;
pub mod team;

pub use palisade_core::route::Page;

use leptos::prelude::*;
use palisade_core::Cloud;

use crate::split::SplitLoaderError;

/// `page`'s view, its chunk loaded first (a split build) or at once (any other).
pub async fn view(page: Page, clouds: StoredValue<Vec<Cloud>>, go: Callback<Page>) -> Result<AnyView, SplitLoaderError> {
    match page {
        Page::Home => overview::view(clouds, go).await,
        Page::BceSecurityGroups => bce_groups::view().await,
        Page::BceEnterpriseSecurityGroups => esgs::view().await,
        Page::BceInstances => instances::view().await,
        Page::BceEndpoints => cards::view().await,
        Page::HuaweiSecurityGroups => huawei_groups::view().await,
        Page::Exposure => exposure::view(clouds).await,
        Page::Changes | Page::Policy => team::view(page).await,
    }
}

/// Loads `page`'s chunk without showing it (idle time, or a hover on its link).
pub async fn prefetch(page: Page) -> Result<(), SplitLoaderError> {
    match page {
        Page::Home => overview::prefetch_overview().await,
        Page::BceSecurityGroups => bce_groups::prefetch_bce_groups().await,
        Page::BceEnterpriseSecurityGroups => esgs::prefetch_esgs().await,
        Page::BceInstances => instances::prefetch_instances().await,
        Page::BceEndpoints => cards::prefetch_cards().await,
        Page::HuaweiSecurityGroups => huawei_groups::prefetch_huawei_groups().await,
        Page::Exposure => exposure::prefetch_exposure().await,
        Page::Changes | Page::Policy => team::prefetch_team().await,
    }
}

/// Loads the chunk of the group details (the rule tables, forms and drafts of the three
/// kinds of group) without showing one.
pub async fn prefetch_details() -> Result<(), SplitLoaderError> {
    bce_groups::prefetch_bce_detail().await
}
