use leptos::prelude::*;

use crate::i18n::{use_i18n, Msg};

/// A table's header row, one column heading per text.
#[component]
pub fn ListHead(columns: &'static [Msg]) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <thead>
            <tr>{columns.iter().map(|m| view! { <th scope="col">{i18n.s(*m)}</th> }).collect_view()}</tr>
        </thead>
    }
}
