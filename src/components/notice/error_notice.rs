use leptos::prelude::*;

use palisade_core::Cloud;

use crate::api::{ApiError, SigningHint};
use crate::i18n::{use_i18n, Msg};
use crate::settings::ShowSettings;

/// An error as the user needs it: the documented code and its explanation in the
/// current language, the cloud's message, and the request id to quote to support.
#[component]
pub fn ErrorNotice(#[prop(into)] error: Signal<Option<ApiError>>, #[prop(optional)] children: Option<Children>) -> impl IntoView {
    let i18n = use_i18n();
    let open_settings = expect_context::<ShowSettings>().0;
    let body = move || {
        error.get().map(|e| {
            let title = if matches!(e, ApiError::Invalid(_)) { Msg::InvalidTitle } else { Msg::ErrorTitle };
            let detail = match &e {
                ApiError::Invalid(problems) => problems
                    .iter()
                    .map(|p| {
                        view! {
                            <li data-code=p.code.code>
                                <code>{p.path()}</code>" — "<strong>{p.code.code}</strong>" ("{p.code.status}"): "
                                {i18n.explain(p.code)}
                                {palisade_core::validate::accepts::accepts(p).map(|(en, zh)| {
                                    format!(" ({})", if i18n.0.get() == crate::i18n::Lang::Zh { zh } else { en })
                                })}
                            </li>
                        }
                    })
                    .collect_view()
                    .into_any(),
                ApiError::Cloud { status, code, message, .. } => {
                    let explained = e.documented().map(|c| i18n.explain(c));
                    // A refused signature or time: say in words what is likely wrong, and
                    // keep the cloud's raw detail (its canonical request) behind a disclosure.
                    let hint = e.signing_hint(crate::api::transport::now_secs()).map(|h| {
                        // Settings can fix a key, not this computer's clock (#34).
                        let fixable = !matches!(h, SigningHint::Clock(_));
                        let text = match h {
                            SigningHint::SecretKey => i18n.t(Msg::HintSecretKey).to_owned(),
                            SigningHint::AccessKey => i18n.t(Msg::HintAccessKey).to_owned(),
                            SigningHint::Clock(Some(s)) => {
                                format!(
                                    "{} {} min {}",
                                    i18n.t(Msg::HintClockOff),
                                    s.abs() / 60,
                                    i18n.t(if s > 0 { Msg::Ahead } else { Msg::Behind })
                                )
                            }
                            SigningHint::Clock(None) => i18n.t(Msg::HintClock).to_owned(),
                        };
                        view! {
                            <p class="hint" data-test="signing-hint">
                                {text}" "
                                {fixable.then(|| view! {
                                    <button type="button" class="link" data-test="open-settings" on:click=move |_| open_settings.set(true)>
                                        {i18n.s(Msg::OpenSettings)}
                                    </button>
                                })}
                            </p>
                        }
                    });
                    let raw = (!message.is_empty()).then(|| {
                        if hint.is_some() {
                            view! { <details class="cloud-message"><summary>{i18n.s(Msg::Details)}</summary>{message.clone()}</details> }
                                .into_any()
                        } else {
                            view! { <div class="cloud-message">{message.clone()}</div> }.into_any()
                        }
                    });
                    view! {
                        <li data-code=code.clone()>
                            <strong>{code.clone()}</strong>" ("{*status}")"
                            {explained.map(|x| view! { ": " {x} })}
                            {hint}
                            {raw}
                        </li>
                    }
                    .into_any()
                }
                ApiError::MissingCredentials(Cloud::Bce) => view! { <li>{i18n.t(Msg::MissingCredentials)}</li> }.into_any(),
                ApiError::MissingCredentials(Cloud::Huawei) => view! { <li>{i18n.t(Msg::MissingHuaweiCredentials)}</li> }.into_any(),
                ApiError::CredentialProvider(why) => view! { <li>{i18n.t(Msg::ProviderFailed)}" "{why.clone()}</li> }.into_any(),
                ApiError::Network(why) => view! { <li>{i18n.t(Msg::NetworkError)}" ("{why.clone()}")"</li> }.into_any(),
                ApiError::Local(why) => view! { <li>{i18n.t(Msg::LocalFailure)}" "{why.clone()}</li> }.into_any(),
                ApiError::Signing(why) => view! { <li>{i18n.t(Msg::SigningFailed)}" ("{why.to_string()}")"</li> }.into_any(),
                ApiError::Cancelled => ().into_any(),
                ApiError::ChangedMeanwhile => {
                    view! { <li data-code="ChangedMeanwhile">{i18n.t(Msg::ChangedMeanwhileForm)}</li> }.into_any()
                }
                ApiError::Unexpected { status, detail, .. } => {
                    view! { <li>{i18n.t(Msg::UnexpectedAnswer)}" "{*status}" "{detail.clone()}</li> }.into_any()
                }
            };
            let request_id = e.request_id().map(|id| {
                view! {
                    <p class="request-id">
                        {i18n.t(Msg::RequestId)}": "<code data-test="request-id">{id.to_owned()}</code>
                    </p>
                }
            });
            view! {
                <h3>{i18n.t(title)}</h3>
                <ul>{detail}</ul>
                {request_id}
            }
        })
    };
    view! {
        <div class="error-notice" role="alert" data-test="error" class:hidden=move || error.with(|e| e.is_none())>
            {body}
            {children.map(|c| c())}
        </div>
    }
}
