//! Service network interface cards: the list, and the dialogs that set their groups.

pub mod esg_bind_dialog;
pub mod list;
pub mod sg_bind_dialog;

use leptos::prelude::*;

// The page as its own chunk (see `crate::split`).
crate::split::split_page!(
    page_lists,
    prefetch_cards,
    pub fn view() {
        leptos::view! { <list::BceEndpoints/> }.into_any()
    }
);
