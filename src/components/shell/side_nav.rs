use leptos::prelude::*;

use crate::components::shell::place_link::PlaceLink;
use crate::i18n::{use_i18n, Msg};
use palisade_core::Cloud;

use crate::labels::{cloud_label, PageTitle};
use palisade_core::route::Page;

/// The navigation: one group of pages per cloud, only the pages the host allows.
#[component]
pub fn SideNav(
    nav: crate::routing::place::Nav,
    pages: StoredValue<Vec<Page>>,
    /// A pointer or focus on a page's link: its code can be fetched before the click.
    on_approach: Callback<Page>,
) -> impl IntoView {
    let i18n = use_i18n();
    // `None`: the pages over both clouds, the overview first.
    let group = move |cloud: Option<Cloud>| {
        let items: Vec<Page> = pages.get_value().into_iter().filter(|p| p.cloud() == cloud).collect();
        let label = cloud.map_or(Msg::AcrossClouds, cloud_label);
        (!items.is_empty()).then(|| {
            view! {
                <li class="nav-group">
                    <span class="nav-cloud">{i18n.s(label)}</span>
                    <ul>
                        {items
                            .into_iter()
                            .map(|p| {
                                view! {
                                    // A pointer or focus on the link: its page's code can be fetched first.
                                    <li on:pointerenter=move |_| on_approach.run(p) on:focusin=move |_| on_approach.run(p)>
                                        <PlaceLink
                                            place=nav.place_of(p)
                                            class="nav-item"
                                            page=p.slug()
                                            current=Signal::derive(move || nav.page() == p)
                                        >
                                            {i18n.s(p.title())}
                                        </PlaceLink>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                </li>
            }
        })
    };
    view! {
        <nav class="side-nav" aria-label="Palisade">
            // Drawn again when a region is chosen in Settings: each link names its region.
            <ul>{move || (group(None), group(Some(Cloud::Bce)), group(Some(Cloud::Huawei)))}</ul>
        </nav>
    }
}
