use leptos::prelude::*;

use crate::i18n::{use_i18n, Msg};
use crate::infra::policy::PolicyState;

/// The policy as the server enforces it: each forbidden kind of rule with its reason, and
/// what every rule must carry.
#[component]
pub fn PolicyView() -> impl IntoView {
    let i18n = use_i18n();
    let state = use_context::<PolicyState>();
    let info = move || state.and_then(|s| s.0.get());
    let forbids = move || {
        info().filter(|i| i.enforced).map(|i| {
            i.policy
                .forbid
                .into_iter()
                .map(|f| {
                    let direction = f.direction.map_or_else(|| i18n.t(Msg::PolicyAnyDirection).to_owned(), |d| d.as_str().to_owned());
                    let ports = if f.ports.is_empty() { i18n.t(Msg::PolicyAnyPort).to_owned() } else { f.ports.join(", ") };
                    let sources = if f.sources.is_empty() { i18n.t(Msg::PolicyAnySource).to_owned() } else { f.sources.join(", ") };
                    view! {
                        <li data-test="policy-forbid">
                            <strong>{f.reason}</strong>
                            <br/>
                            <span class="muted">{format!("{direction} · {}: {ports} · {sources}", i18n.t(Msg::Ports))}</span>
                        </li>
                    }
                })
                .collect_view()
        })
    };
    let enforced = move || info().is_some_and(|i| i.enforced);
    let remark = move || info().is_some_and(|i| i.enforced && i.policy.require.remark);
    view! {
        <section class="page" data-test="page-policy">
            <h2>{i18n.s(Msg::PolicyPage)}</h2>
            <p class="muted">{i18n.s(Msg::PolicyIntro)}</p>
            <Show when=move || !enforced() fallback=move || view! {
                <p>{i18n.s(Msg::PolicyForbids)}</p>
                <ul class="policy" data-test="policy-forbids">{forbids}</ul>
                <Show when=remark>
                    <p data-test="policy-remark">{i18n.s(Msg::PolicyRemark)}</p>
                </Show>
            }>
                <p class="notice" data-test="policy-none">{i18n.s(Msg::PolicyNone)}</p>
            </Show>
        </section>
    }
}
