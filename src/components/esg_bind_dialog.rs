use leptos::prelude::*;
use palisade_core::bce::endpoint::Endpoint;

use crate::components::confirm_dialog::ConfirmDialog;
use crate::i18n::{use_i18n, Msg};

/// Chooses the enterprise security groups for a card, then confirms by naming every
/// group the binding replaces.
#[component]
pub fn EsgBindDialog(
    endpoint: Endpoint,
    #[prop(into)] esg_names: Signal<Vec<(String, String)>>,
    on_bind: Callback<Vec<String>>,
    on_cancel: Callback<()>,
    #[prop(into)] busy: Signal<bool>,
) -> impl IntoView {
    let i18n = use_i18n();
    let chosen = RwSignal::new(endpoint.enterprise_security_group_ids.clone());
    let current = StoredValue::new(endpoint.enterprise_security_group_ids.clone());
    let name_of = move |id: &str| esg_names.with(|n| n.iter().find(|(g, _)| g == id).map(|(_, n)| format!("{n} ({id})")).unwrap_or_else(|| id.to_owned()));
    let title = format!("{} — {}", endpoint.name, endpoint.endpoint_id);
    view! {
        <ConfirmDialog
            title=Msg::BindEsgs
            subject=title
            confirm_label=Msg::Replace
            busy=busy
            on_confirm=Callback::new(move |_| on_bind.run(chosen.get_untracked()))
            on_cancel=on_cancel
        >
            <fieldset class="esg-choice">
                <legend>{i18n.s(Msg::EnterpriseSecurityGroups)}</legend>
                {move || {
                    esg_names
                        .get()
                        .into_iter()
                        .map(|(id, name)| {
                            let id2 = id.clone();
                            let id3 = id.clone();
                            view! {
                                <label class="check">
                                    <input
                                        type="checkbox"
                                        data-esg-choice=id.clone()
                                        prop:checked=move || chosen.with(|c| c.contains(&id3))
                                        on:change=move |ev| {
                                            let on = event_target_checked(&ev);
                                            chosen.update(|c| {
                                                c.retain(|x| x != &id2);
                                                if on {
                                                    c.push(id2.clone());
                                                }
                                            });
                                        }
                                    />
                                    {format!("{name} ({})", id)}
                                </label>
                            }
                        })
                        .collect_view()
                }}
            </fieldset>
            <div class="replace-warning" data-test="replace-warning">
                {move || {
                    let now = current.get_value();
                    if now.is_empty() {
                        view! { <p>{i18n.t(Msg::ReplaceNone)}</p> }.into_any()
                    } else {
                        view! {
                            <p>{i18n.t(Msg::ReplaceConfirm)}</p>
                            <ul>{now.iter().map(|g| view! { <li data-replaced=g.clone()>{name_of(g)}</li> }).collect_view()}</ul>
                        }
                        .into_any()
                    }
                }}
            </div>
        </ConfirmDialog>
    }
}
