use leptos::prelude::*;
use palisade_core::bce::security_group::SecurityGroup;
use palisade_core::validate::binding::MAX_GROUPS_PER_INSTANCE;

use crate::components::notice::confirm_dialog::ConfirmDialog;
use crate::draft::impact::ImpactView;
use crate::draft::Review;
use crate::estate::cards::{Card, GroupRef};
use crate::estate::impact::EstateChange;
use crate::i18n::{use_i18n, Msg};
use crate::infra::change::Gate;

/// What setting `chosen` as a card's regular groups removes: its regular groups not
/// chosen and every enterprise group (`bindSg` replaces the card's whole list).
pub fn removed_by_sg(card: &Card, chosen: &[String]) -> Vec<(GroupRef, Msg)> {
    let regular = card.groups.iter().filter(|g| !chosen.contains(&g.id)).map(|g| (g.clone(), Msg::RegularGroupKind));
    let enterprise = card.esgs.iter().map(|g| (g.clone(), Msg::EnterpriseGroupKind));
    regular.chain(enterprise).collect()
}

/// Chooses a card's regular groups (those of its VPC, at most 10), then confirms by
/// naming every group the change removes.
#[component]
pub fn SgBindDialog(
    card: Card,
    #[prop(into)] groups: Signal<Vec<SecurityGroup>>,
    on_bind: Callback<Vec<String>>,
    on_cancel: Callback<()>,
    #[prop(into)] busy: Signal<bool>,
    /// The change's passage: its impact shown here, before Confirm.
    gate: Gate,
) -> impl IntoView {
    let i18n = use_i18n();
    let chosen = RwSignal::new(card.groups.iter().map(|g| g.id.clone()).collect::<Vec<_>>());
    let title = format!("{} — {}", card.endpoint.name, card.endpoint.endpoint_id);
    let vpc = card.endpoint.vpc_id.clone().unwrap_or_default();
    let card_id = card.endpoint.endpoint_id.clone();
    let card = StoredValue::new(card);
    let too_many = move || chosen.with(|c| c.is_empty() || c.len() > MAX_GROUPS_PER_INSTANCE);
    let change = Signal::derive(move || (!too_many()).then(|| EstateChange::Bindings(vec![(card_id.clone(), chosen.get())])));
    let review = Signal::derive(move || Review {
        calls: card
            .with_value(|c| vec![("bindSg", format!("PUT /v1/endpoint/{}?bindSg {}", c.endpoint.endpoint_id, chosen.get().join(", ")))]),
        ..Default::default()
    });
    view! {
        <ConfirmDialog
            title=Msg::ReplaceWithSgs
            subject=title
            confirm_label=Msg::Replace
            busy=Signal::derive(move || busy.get() || too_many() || !gate.ready())
            on_confirm=Callback::new(move |_| on_bind.run(chosen.get_untracked()))
            on_cancel=on_cancel
        >
            <fieldset class="esg-choice">
                <legend>{move || format!("{} ({} / {MAX_GROUPS_PER_INSTANCE})", i18n.t(Msg::ChooseSgs), chosen.with(Vec::len))}</legend>
                {move || {
                    groups
                        .get()
                        .into_iter()
                        .filter(|g| vpc.is_empty() || g.vpc_id.as_deref() == Some(vpc.as_str()))
                        .map(|g| {
                            let (id, id2) = (g.id.clone(), g.id.clone());
                            view! {
                                <label class="check">
                                    <input
                                        type="checkbox"
                                        data-sg-choice=g.id.clone()
                                        prop:checked=move || chosen.with(|c| c.contains(&id))
                                        on:change=move |_| chosen.update(|c| match c.iter().position(|x| *x == id2) {
                                            Some(at) => {
                                                c.remove(at);
                                            }
                                            None => c.push(id2.clone()),
                                        })
                                    />
                                    {format!("{} ({})", g.name, g.id)}
                                </label>
                            }
                        })
                        .collect_view()
                }}
            </fieldset>
            <div class="replace-warning" data-test="replace-warning">
                {move || {
                    let removed = chosen.with(|c| card.with_value(|card| removed_by_sg(card, c)));
                    if removed.is_empty() {
                        view! { <p>{i18n.t(Msg::ReplaceNone)}</p> }.into_any()
                    } else {
                        view! {
                            <p>{i18n.t(Msg::ReplaceConfirm)}</p>
                            <ul>
                                {removed
                                    .into_iter()
                                    .map(|(g, kind)| view! { <li data-replaced=g.id.clone()>{format!("{} ({}) — {}", g.name, g.id, i18n.t(kind))}</li> })
                                    .collect_view()}
                            </ul>
                        }
                        .into_any()
                    }
                }}
            </div>
            <ImpactView gate=gate change=change review=review/>
        </ConfirmDialog>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use palisade_core::bce::endpoint::Endpoint;

    fn g(id: &str) -> GroupRef {
        GroupRef { id: id.into(), name: id.to_uppercase() }
    }

    #[test]
    fn setting_regular_groups_removes_the_others_and_every_enterprise_group() {
        let card = Card { endpoint: Endpoint::default(), groups: vec![g("g-1"), g("g-2")], esgs: vec![g("esg-1")], reach: vec![] };
        let ids = removed_by_sg(&card, &["g-2".into(), "g-3".into()]).into_iter().map(|(g, k)| (g.id, k)).collect::<Vec<_>>();
        assert_eq!(ids, [("g-1".into(), Msg::RegularGroupKind), ("esg-1".into(), Msg::EnterpriseGroupKind)]);
    }
}
