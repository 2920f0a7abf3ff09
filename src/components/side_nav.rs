use leptos::prelude::*;

use crate::pages::{Cloud, Page};

/// The navigation: one group of pages per cloud.
#[component]
pub fn SideNav(page: RwSignal<Page>) -> impl IntoView {
    let group = move |cloud: Cloud| {
        let items = Page::all().iter().copied().filter(move |p| p.cloud() == Some(cloud));
        view! {
            <li class="nav-group">
                <span class="nav-cloud">{cloud.label()}</span>
                <ul>
                    {items
                        .map(|p| {
                            view! {
                                <li>
                                    <button
                                        type="button"
                                        class="nav-item"
                                        data-page=p.slug()
                                        aria-current=move || (page.get() == p).then_some("page")
                                        on:click=move |_| page.set(p)
                                    >
                                        {p.title()}
                                    </button>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            </li>
        }
    };
    view! {
        <nav class="side-nav" aria-label="Clouds">
            <ul>{group(Cloud::Baidu)} {group(Cloud::Huawei)}</ul>
        </nav>
    }
}
