//! Exposure: what is open to the internet, and who accepts a connection.

pub mod page;

use leptos::prelude::*;
use palisade_core::Cloud;

// The page as its own chunk (see `crate::split`).
crate::split::split_page!(
    page_exposure,
    prefetch_exposure,
    pub fn view(clouds: StoredValue<Vec<Cloud>>) {
        leptos::view! { <page::Exposure clouds=clouds/> }.into_any()
    }
);
