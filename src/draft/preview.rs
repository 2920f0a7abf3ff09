use leptos::prelude::*;

use crate::draft::Review;
use crate::i18n::{use_i18n, Msg};

/// What a single-rule change will do, before it is sent: the warnings of its plan (a port
/// opened to the world, a rule a deny makes dead…) and the exact calls, in order. The same
/// plan a draft's review shows, for a change of one rule.
#[component]
pub fn PlanPreview(#[prop(into)] review: Signal<Review>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="plan-preview" data-test="plan-preview">
            <ul class="plan-warnings" data-test="preview-warnings">
                {move || review.with(|r| r.warnings.iter().map(|(kind, text)| view! { <li data-warning=*kind>"⚠ "{text.clone()}</li> }).collect_view())}
            </ul>
            <Show when=move || review.with(|r| !r.calls.is_empty())>
                <p class="muted">{i18n.s(Msg::CallsToSend)}</p>
            </Show>
            <ol class="plan-calls" data-test="preview-calls">
                {move || review.with(|r| r.calls.iter().map(|(verb, text)| view! { <li data-call=*verb><code>{text.clone()}</code></li> }).collect_view())}
            </ol>
        </div>
    }
}
