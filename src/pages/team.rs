//! The team's pages (#35), Changes and Policy, as one chunk: both are small, and a split
//! point of their own each would cut the chunks every page shares once more.

use leptos::prelude::*;
use palisade_core::route::Page;

crate::split::split_page!(
    page_team,
    prefetch_team,
    pub fn view(page: Page) {
        match page {
            Page::Policy => leptos::view! { <super::policy::page::PolicyView/> }.into_any(),
            _ => leptos::view! { <super::changes::page::Changes/> }.into_any(),
        }
    }
);
