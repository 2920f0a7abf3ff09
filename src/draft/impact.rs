//! The one view every change passes through before it is sent (#31): who gains and who
//! loses which connections (core's impact on the estate), core's warnings, the exact calls.
//! It names the change (`Gate::id`, which the requests carry) and, when the change opens a
//! sensitive port or everything to the internet, waits for an explicit yes.

use leptos::prelude::*;

use crate::draft::Review;
use crate::estate::impact::{EstateChange, Report};
use crate::i18n::{use_i18n, Msg};
use crate::infra::change::Gate;

/// Warnings that open something to the internet: the change waits for a yes.
fn risky(review: &Review) -> bool {
    review.warnings.iter().any(|(kind, _)| matches!(*kind, "sensitive" | "world"))
}

#[component]
pub fn ImpactView(
    gate: Gate,
    /// What the change does to the estate; `None` while there is nothing to send yet.
    #[prop(into)]
    change: Signal<Option<EstateChange>>,
    /// The plan's warnings and calls.
    #[prop(into)]
    review: Signal<Review>,
    /// The caller lists the warnings and calls itself (a draft's review): only the impact.
    #[prop(optional)]
    impact_only: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    // The estate is loaded only once there is a change to show (a page with a form does not
    // load every list of both clouds for nothing).
    let cache = use_context::<crate::estate::cache::EstateCache>();
    let estate = RwSignal::new(None::<crate::estate::loads::EstateLoads>);
    Effect::new(move |_| {
        if change.with(Option::is_some) && estate.with_untracked(Option::is_none) {
            if let Some(cache) = cache {
                estate.set(Some(cache.get()));
            }
        }
    });
    // A new change to show, a new name for it, and no yes given to it yet.
    Effect::new(move |_| {
        let shown = change.with(Option::is_some);
        let risk = review.with(risky);
        gate.id.set(if shown { crate::api::transport::uuid() } else { String::new() });
        gate.risky.set(risk);
        gate.accepted.set(false);
    });
    // The policy's refusal, if any: Apply stays off, and says why.
    Effect::new(move |_| {
        let breach = review.with(|r| r.warnings.iter().find(|(kind, _)| *kind == "policy").map(|(_, text)| text.clone()));
        gate.blocked.set(breach);
    });
    let report = Memo::new(move |_| match (estate.get(), change.get()) {
        (Some(e), Some(c)) => e.data.with(|d| d.report(&c, i18n)),
        _ => Report::default(),
    });
    let status = move || {
        let e = estate.get()?;
        change.with(Option::is_some).then(|| (e.loading(), e.missing()))
    };
    let lines = move || {
        report.with(|r| {
            r.lines
                .iter()
                .map(|l| {
                    let mut who = l.targets.join(", ");
                    if l.more > 0 {
                        who.push_str(&format!(" {} {} {}", i18n.t(Msg::AndMore), l.more, i18n.t(Msg::MoreSuffix)));
                    }
                    let part = |m: Msg, flows: &[String]| (!flows.is_empty()).then(|| format!("{} {}", i18n.t(m), flows.join("; ")));
                    let what =
                        [part(Msg::Gains, &l.gained), part(Msg::Loses, &l.lost)].into_iter().flatten().collect::<Vec<_>>().join(" · ");
                    let class = if l.lost.is_empty() {
                        "gains"
                    } else if l.gained.is_empty() {
                        "loses"
                    } else {
                        "both"
                    };
                    view! { <li data-test="impact-line" class=class><strong>{who}</strong>" "{what}</li> }
                })
                .collect_view()
        })
    };
    view! {
        <Show when=move || change.with(Option::is_some)>
            <div class="impact" data-test="impact" data-change-id=move || gate.id.get() data-affected=move || report.with(|r| r.affected)>
                <p class="impact-title">
                    <strong>{i18n.s(Msg::ImpactTitle)}</strong>
                </p>
                {move || {
                    status().map(|(loading, missing)| {
                        view! {
                            <Show when=move || loading>
                                <p class="muted" data-test="impact-loading">{i18n.s(Msg::ImpactLoading)}</p>
                            </Show>
                            {(!missing.is_empty()).then(|| {
                                let names: Vec<&str> = missing.iter().map(|m| i18n.t(*m)).collect();
                                view! { <p class="field-error" data-test="impact-partial">{format!("{} {}", i18n.t(Msg::ImpactPartial), names.join(", "))}</p> }
                            })}
                        }
                    })
                }}
                <Show when=move || report.with(|r| r.unknown_group)>
                    <p class="muted" data-test="impact-unknown">{i18n.s(Msg::ImpactUnknownGroup)}</p>
                </Show>
                <Show when=move || {
                    estate.get().is_some_and(|e| !e.loading()) && report.with(|r| r.lines.is_empty() && !r.unknown_group)
                }>
                    <p class="muted" data-test="impact-none">{i18n.s(Msg::ImpactNone)}</p>
                </Show>
                <ul class="impact-lines" data-test="impact-lines">{lines}</ul>
                <Show when=move || !impact_only>
                    <ul class="plan-warnings" data-test="preview-warnings">
                        {move || review.with(|r| r.warnings.iter().map(|(kind, text)| view! { <li data-warning=*kind>"⚠ "{text.clone()}</li> }).collect_view())}
                    </ul>
                    <Show when=move || review.with(|r| !r.calls.is_empty())>
                        <p class="muted">{i18n.s(Msg::CallsToSend)}</p>
                    </Show>
                    <ol class="plan-calls" data-test="preview-calls">
                        {move || review.with(|r| r.calls.iter().map(|(verb, text)| view! { <li data-call=*verb><code>{text.clone()}</code></li> }).collect_view())}
                    </ol>
                </Show>
                <Show when=move || gate.blocked.with(Option::is_some)>
                    <p class="field-error" data-test="policy-blocked">{i18n.s(Msg::PolicyBlocked)}</p>
                </Show>
                <Show when=move || gate.risky.get()>
                    <label class="check risk">
                        <input type="checkbox" data-test="accept-risk" bind:checked=gate.accepted/>
                        {i18n.s(Msg::AcceptRisk)}
                    </label>
                </Show>
            </div>
        </Show>
    }
}
