//! Baidu regular security groups: the list, a group's detail, its rule forms, its import and its kind of draft.

pub mod detail;
pub mod draft_kind;
pub mod list;
pub mod rule_edit;
pub mod rule_form;
pub mod rule_import;

use leptos::prelude::*;

// The page as its own chunk (see `crate::split`).
crate::split::split_page!(
    page_lists,
    prefetch_bce_groups,
    pub fn view() {
        leptos::view! { <list::BceSecurityGroups/> }.into_any()
    }
);
crate::split::split_page!(
    page_details,
    prefetch_bce_detail,
    pub fn detail_view(group_id: String, on_changed: Callback<()>) {
        leptos::view! { <detail::BceGroupDetail group_id=group_id on_changed=on_changed/> }.into_any()
    }
);
