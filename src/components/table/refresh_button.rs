use leptos::prelude::*;

use crate::i18n::{use_i18n, Msg};

/// "Refresh", showing "Loading…" and disabled while the list is being fetched.
#[component]
pub fn RefreshButton(
    #[prop(into)] busy: Signal<bool>,
    on_refresh: Callback<()>,
    #[prop(default = "refresh")] test: &'static str,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <button type="button" data-test=test on:click=move |_| on_refresh.run(()) disabled=move || busy.get()>
            {i18n.either(busy, Msg::Loading, Msg::Refresh)}
        </button>
    }
}
