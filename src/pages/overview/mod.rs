//! The overview: per cloud, the counts that matter.

pub mod page;

use leptos::prelude::*;
use palisade_core::route::Page;
use palisade_core::Cloud;

// The page as its own chunk (see `crate::split`).
crate::split::split_page!(
    page_overview,
    prefetch_overview,
    pub fn view(clouds: StoredValue<Vec<Cloud>>, go: Callback<Page>) {
        leptos::view! { <page::Home clouds=clouds go=go/> }.into_any()
    }
);
