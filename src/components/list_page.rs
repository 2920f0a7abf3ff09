use leptos::html::Section;
use leptos::prelude::*;

use crate::components::filter_box::FilterBox;
use crate::components::refresh_button::RefreshButton;
use crate::i18n::{use_i18n, Msg};

/// The frame every list page shares: the heading, a toolbar with the filter, the page's
/// own controls and Refresh, then the page's content.
#[component]
pub fn ListPage(
    title: Msg,
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
    let node_ref = node_ref.unwrap_or_default();
    view! {
        <section class="page" data-test=test node_ref=node_ref>
            <h2>{i18n.s(title)}</h2>
            <div class="toolbar">
                <FilterBox value=filter/>
                {tools.map(|t| t.run())}
                <RefreshButton busy=busy on_refresh=on_refresh/>
            </div>
            {children()}
        </section>
    }
}
