//! Huawei security groups: the list, a group's detail, its forms and its kind of draft.

pub mod detail;
pub mod draft_kind;
pub mod list;
pub mod rule_form;
pub mod update_form;

use leptos::prelude::*;

// The page as its own chunk (see `crate::split`).
crate::split::split_page!(
    page_lists,
    prefetch_huawei_groups,
    pub fn view() {
        leptos::view! { <list::HuaweiSecurityGroups/> }.into_any()
    }
);
crate::split::split_page!(
    page_details,
    prefetch_huawei_detail,
    pub fn detail_view(group_id: String, on_changed: Callback<()>, peers: Signal<Vec<(String, String)>>) {
        leptos::view! { <detail::HuaweiGroupDetail group_id=group_id on_changed=on_changed peers=peers/> }.into_any()
    }
);
