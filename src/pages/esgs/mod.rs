//! Baidu enterprise security groups: the list, a group's detail, creating one, its rule forms and its kind of draft.

pub mod create;
pub mod detail;
pub mod draft_kind;
pub mod list;
pub mod rule_add;
pub mod rule_edit;
pub mod rule_row;

use leptos::prelude::*;
use palisade_core::bce::esg::EnterpriseSecurityGroup;

use crate::infra::loaded::Loaded;

// The page as its own chunk (see `crate::split`).
crate::split::split_page!(
    page_lists,
    prefetch_esgs,
    pub fn view() {
        leptos::view! { <list::BceEsgs/> }.into_any()
    }
);
crate::split::split_page!(
    page_details,
    prefetch_esg_detail,
    pub fn detail_view(esgs: Loaded<Vec<EnterpriseSecurityGroup>>, id: String, on_changed: Callback<()>, on_close: Callback<()>) {
        leptos::view! { <detail::EsgGroupDetail esgs=esgs id=id on_changed=on_changed on_close=on_close/> }.into_any()
    }
);
