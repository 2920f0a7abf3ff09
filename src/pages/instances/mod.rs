//! Baidu instances: the list, its table and panel, and batch bindings.

pub mod batch_bind;
pub mod list;
pub mod panel;
pub mod table;

use leptos::prelude::*;

// The page as its own chunk (see `crate::split`).
crate::split::split_page!(
    page_lists,
    prefetch_instances,
    pub fn view() {
        leptos::view! { <list::BceInstances/> }.into_any()
    }
);
