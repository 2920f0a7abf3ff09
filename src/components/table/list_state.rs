use leptos::prelude::*;

use crate::i18n::{use_i18n, Msg};
use crate::settings::ShowSettings;

/// What a list says below its rows. Before the first answer: a placeholder as tall as a
/// few rows, so the page does not jump when they arrive. An empty list: what to do next
/// (with a way into Settings, where the region is). A filter that hides every row: the
/// filter's words and a button that clears them.
#[component]
pub fn ListState(
    /// How many rows were loaded; `None` before the first answer.
    #[prop(into)]
    total: Signal<Option<usize>>,
    /// How many rows the filter lets through.
    #[prop(into)]
    shown: Signal<usize>,
    /// The first load failed: its error notice speaks, the placeholder goes.
    #[prop(into)]
    failed: Signal<bool>,
    filter: RwSignal<String>,
    /// What to do next when there is nothing at all.
    empty: Msg,
) -> impl IntoView {
    let i18n = use_i18n();
    let show_settings = use_context::<ShowSettings>();
    let state = move || {
        match (total.get(), shown.get()) {
        (None, _) if !failed.get() => view! {
            <div class="list-state loading" data-test="list-loading" aria-busy="true">
                <span class="skeleton"></span>
                <span class="skeleton"></span>
                <span class="skeleton"></span>
                <span class="sr-only">{i18n.s(Msg::Loading)}</span>
            </div>
        }
        .into_any(),
        (Some(0), _) => view! {
            <p class="list-state" data-test="list-empty">
                {i18n.s(empty)}" "
                {show_settings.map(|s| view! {
                    <button type="button" class="link" data-test="empty-settings" on:click=move |_| s.0.set(true)>{i18n.s(Msg::OpenSettings)}</button>
                })}
            </p>
        }
        .into_any(),
        (Some(_), 0) => view! {
            <p class="list-state" data-test="list-no-match">
                {move || format!("{} “{}”.", i18n.t(Msg::NoMatchFor), filter.get().trim())}" "
                <button type="button" class="link" data-test="clear-filter" on:click=move |_| filter.set(String::new())>{i18n.s(Msg::ClearFilter)}</button>
            </p>
        }
        .into_any(),
        _ => ().into_any(),
    }
    };
    view! { {state} }
}
