use leptos::html::Section;
use leptos::prelude::*;

use crate::components::form::filter_box::FilterBox;
use crate::components::table::refresh_button::RefreshButton;
use crate::i18n::{use_i18n, Msg};
use crate::infra::narrow::use_narrowed;
use crate::labels::{cloud_label, PageTitle};
use crate::settings::Settings;
use palisade_core::route::Page;
use palisade_core::Cloud;

/// The frame every list page shares: the heading, a toolbar with the filter, the page's
/// own controls and Refresh, then the page's content.
#[component]
pub fn ListPage(
    /// The page: its title, and whose resources these are (the heading shows the cloud,
    /// region and project).
    page: Page,
    /// `data-test` of the page's section.
    test: &'static str,
    filter: RwSignal<String>,
    #[prop(into)] busy: Signal<bool>,
    on_refresh: Callback<()>,
    /// The section, for focus after reloads.
    #[prop(optional)]
    node_ref: Option<NodeRef<Section>>,
    /// The page's own toolbar controls (between the filter and Refresh).
    #[prop(optional, into)]
    tools: Option<ViewFn>,
    children: Children,
) -> impl IntoView {
    let i18n = use_i18n();
    let settings = expect_context::<Settings>();
    let node_ref = node_ref.unwrap_or_default();
    let (title, cloud) = (page.title(), page.cloud().unwrap_or(Cloud::Bce));
    let narrowed = use_narrowed();
    // Opened from an overview figure: say which rows are shown, and offer the rest.
    let narrow = move || {
        narrowed.of(page).filter(|n| n.ids.is_some()).map(|n| {
            let count = n.ids.as_ref().map_or(0, Vec::len);
            view! {
                <p class="narrowed" data-test="narrowed" data-count=count>
                    {move || format!("{}: {} ({count})", i18n.t(Msg::ShowingOnly), i18n.t(n.label))}" "
                    <button type="button" class="link" data-test="show-all" on:click=move |_| narrowed.0.set(None)>{i18n.s(Msg::ShowAll)}</button>
                </p>
            }
        })
    };
    // Always in view: which cloud, region and (Huawei) project every action goes to.
    let scope = move || {
        let region = settings.region(cloud).get();
        let mut text = format!("{} · {}", i18n.t(cloud_label(cloud)), crate::labels::region_label(cloud, &region, i18n.0.get()));
        if cloud == Cloud::Huawei {
            let project = settings.huawei_projects.with(|_| settings.project_for(&region));
            text.push_str(&format!(" · {} {project}", i18n.t(Msg::ProjectId)));
        }
        text
    };
    view! {
        <section class="page" data-test=test node_ref=node_ref>
            <h2>{i18n.s(title)}</h2>
            <p class="scope muted" data-test="scope">{scope}</p>
            <div class="toolbar">
                <FilterBox value=filter/>
                {tools.map(|t| t.run())}
                <RefreshButton busy=busy on_refresh=on_refresh/>
            </div>
            {narrow}
            {children()}
        </section>
    }
}
