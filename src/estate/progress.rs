use leptos::prelude::*;

use crate::components::notice::error_notice::ErrorNotice;
use crate::estate::loads::EstateLoads;
use crate::i18n::{use_i18n, Msg};

/// How far the estate's loads are, and the error of any that failed (the others still
/// answer).
#[component]
pub fn EstateProgress(estate: EstateLoads, test: &'static str) -> impl IntoView {
    let i18n = use_i18n();
    let busy = estate.busy();
    let loaded = move || busy.iter().filter(|b| !b.get()).count();
    view! {
        <p class="muted" data-test=test>
            <progress max=busy.len() value=move || loaded().to_string()></progress>
            {move || format!(" {} / {} {}", loaded(), busy.len(), i18n.t(Msg::ListsLoaded))}
        </p>
        <ErrorNotice error=estate.groups.error/>
        <ErrorNotice error=estate.esgs.error/>
        <ErrorNotice error=estate.instances.error/>
        <ErrorNotice error=estate.cards.error/>
        <ErrorNotice error=estate.hw.error/>
    }
}
