use leptos::prelude::*;

use crate::components::notice::error_notice::ErrorNotice;
use crate::i18n::{use_i18n, Msg};
use crate::infra::change::LateOutcomes;

/// Changes that completed after the user left the page they were started on: how many
/// succeeded, and the latest failure in full (code, explanation, request id), until
/// dismissed.
#[component]
pub fn LateOutcomesNotice(outcomes: LateOutcomes) -> impl IntoView {
    let i18n = use_i18n();
    let LateOutcomes { succeeded, failed } = outcomes;
    view! {
        <Show when=move || succeeded.get() != 0 || failed.with(Option::is_some)>
            <div class="late-outcomes" role="status" data-test="late-outcomes" data-succeeded=move || succeeded.get()>
                <div>
                    <Show when=move || succeeded.get() != 0>
                        <p class="ok">{move || format!("{} ({})", i18n.t(Msg::LateSucceeded), succeeded.get())}</p>
                    </Show>
                    <Show when=move || failed.with(Option::is_some)>
                        <p>
                            {i18n.s(Msg::LateFailed)}" "
                            <strong data-test="late-what">{move || failed.with(|f| f.as_ref().map(|(what, _)| what.clone()))}</strong>
                        </p>
                        <ErrorNotice error=Signal::derive(move || failed.with(|f| f.as_ref().map(|(_, e)| e.clone())))/>
                    </Show>
                </div>
                <button
                    type="button"
                    data-test="late-dismiss"
                    on:click=move |_| {
                        succeeded.set(0);
                        failed.set(None);
                    }
                >
                    {i18n.s(Msg::Close)}
                </button>
            </div>
        </Show>
    }
}
