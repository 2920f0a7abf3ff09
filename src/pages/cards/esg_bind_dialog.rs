use leptos::prelude::*;
use palisade_core::bce::esg::EnterpriseSecurityGroup;

use crate::components::notice::confirm_dialog::ConfirmDialog;
use crate::draft::impact::ImpactView;
use crate::draft::Review;
use crate::estate::cards::{Card, GroupRef};
use crate::estate::impact::EstateChange;
use crate::i18n::{use_i18n, Msg};
use crate::infra::change::Gate;

/// What binding `chosen` to `card` removes (seed 000: every group the card has, regular
/// or enterprise; the chosen one stays if it is already there), each with its kind.
pub fn removed_by(card: &Card, chosen: &str) -> Vec<(GroupRef, Msg)> {
    let regular = card.groups.iter().map(|g| (g.clone(), Msg::RegularGroupKind));
    let enterprise = card.esgs.iter().filter(|g| g.id != chosen).map(|g| (g.clone(), Msg::EnterpriseGroupKind));
    regular.chain(enterprise).collect()
}

/// Chooses the one enterprise security group for a card (a radio group: the API takes
/// exactly one), then confirms by naming every group the binding removes.
#[component]
pub fn EsgBindDialog(
    card: Card,
    #[prop(into)] esgs: Signal<Vec<EnterpriseSecurityGroup>>,
    on_bind: Callback<String>,
    on_cancel: Callback<()>,
    #[prop(into)] busy: Signal<bool>,
    /// The change's passage: its impact shown here, before Confirm.
    gate: Gate,
) -> impl IntoView {
    let i18n = use_i18n();
    let chosen = RwSignal::new(card.esgs.first().map(|g| g.id.clone()).unwrap_or_default());
    let title = format!("{} — {}", card.endpoint.name, card.endpoint.endpoint_id);
    let radio_name = format!("esg-for-{}", card.endpoint.endpoint_id);
    let card_id = card.endpoint.endpoint_id.clone();
    let card = StoredValue::new(card);
    let change =
        Signal::derive(move || chosen.with(|c| (!c.is_empty()).then(|| EstateChange::Bindings(vec![(card_id.clone(), vec![c.clone()])]))));
    let review = Signal::derive(move || Review {
        calls: card.with_value(|c| vec![("bindEsg", format!("PUT /v1/endpoint/{}?bindEsg {}", c.endpoint.endpoint_id, chosen.get()))]),
        ..Default::default()
    });
    view! {
        <ConfirmDialog
            title=Msg::ReplaceWithEsgs
            subject=title
            confirm_label=Msg::Replace
            busy=Signal::derive(move || busy.get() || chosen.with(String::is_empty) || !gate.ready())
            on_confirm=Callback::new(move |_| on_bind.run(chosen.get_untracked()))
            on_cancel=on_cancel
        >
            <fieldset class="esg-choice" role="radiogroup">
                <legend>{i18n.s(Msg::ChooseOneEsg)}</legend>
                {move || {
                    let list = esgs.get();
                    if list.is_empty() {
                        return view! { <p class="muted">{i18n.t(Msg::NoEsgInVpc)}</p> }.into_any();
                    }
                    list.into_iter()
                        .map(|g| {
                            let id = g.id.clone();
                            let id2 = g.id.clone();
                            view! {
                                <label class="check">
                                    <input
                                        type="radio"
                                        name=radio_name.clone()
                                        value=g.id.clone()
                                        data-esg-choice=g.id.clone()
                                        prop:checked=move || chosen.with(|c| *c == id)
                                        on:change=move |_| chosen.set(id2.clone())
                                    />
                                    {format!("{} ({})", g.name, g.id)}
                                </label>
                            }
                        })
                        .collect_view()
                        .into_any()
                }}
            </fieldset>
            <div class="replace-warning" data-test="replace-warning">
                {move || {
                    let removed = card.with_value(|c| removed_by(c, &chosen.get()));
                    if removed.is_empty() {
                        view! { <p>{i18n.t(Msg::ReplaceNone)}</p> }.into_any()
                    } else {
                        view! {
                            <p>{i18n.t(Msg::ReplaceConfirm)}</p>
                            <ul>
                                {removed
                                    .into_iter()
                                    .map(|(g, kind)| view! {
                                        <li data-replaced=g.id.clone()>{format!("{} ({}) — {}", g.name, g.id, i18n.t(kind))}</li>
                                    })
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
    fn binding_removes_every_group_of_both_kinds_but_the_chosen_one() {
        let card = Card { endpoint: Endpoint::default(), groups: vec![g("g-1"), g("g-2")], esgs: vec![g("esg-1")], reach: vec![] };
        let ids = |v: Vec<(GroupRef, Msg)>| v.into_iter().map(|(g, k)| (g.id, k)).collect::<Vec<_>>();
        assert_eq!(
            ids(removed_by(&card, "esg-2")),
            [("g-1".into(), Msg::RegularGroupKind), ("g-2".into(), Msg::RegularGroupKind), ("esg-1".into(), Msg::EnterpriseGroupKind)]
        );
        assert_eq!(ids(removed_by(&card, "esg-1")).len(), 2, "an ESG already bound stays");
        let only_regular = Card { esgs: vec![], ..card };
        assert_eq!(ids(removed_by(&only_regular, "esg-1")).len(), 2, "regular groups are removed too");
    }
}
