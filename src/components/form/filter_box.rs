use leptos::prelude::*;

use crate::i18n::{use_i18n, Msg};

/// "Filter as you type": a labelled search box bound to `value`.
#[component]
pub fn FilterBox(value: RwSignal<String>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <label class="filter-box">
            <span>{i18n.s(Msg::Filter)}</span>
            <input
                type="search"
                data-test="filter"
                placeholder=i18n.s(Msg::FilterHint)
                bind:value=value
            />
        </label>
    }
}
