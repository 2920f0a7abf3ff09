use leptos::prelude::*;
use palisade_core::huawei::security_group::{SecurityGroupInfo, UpdateSecurityGroupOption, UpdateSecurityGroupRequestBody};
use palisade_core::validate::huawei::validate_update;
use palisade_core::validate::names::{self, HuaweiTextRule};
use palisade_core::validate::Field;

use crate::api::huawei::{update_security_group, UpdateOutcome};
use crate::api::{use_api, ApiError};
use crate::components::form::text_field::TextField;
use crate::components::notice::error_notice::ErrorNotice;
use crate::draft::impact::ImpactView;
use crate::draft::Review;
use crate::estate::impact::EstateChange;
use crate::i18n::{use_i18n, Msg};
use crate::infra::change::{Change, Gate};

/// The seed's update: name and description checked on every keystroke; "Check only"
/// sends `dry_run` (a 202 is a passed check, nothing changes); "Save" shows the result.
#[component]
pub fn HuaweiUpdateForm(group: SecurityGroupInfo, on_saved: Callback<SecurityGroupInfo>) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let id = StoredValue::new(group.id.clone());
    let name = RwSignal::new(group.name.clone());
    let description = RwSignal::new(group.description.clone());
    let error = RwSignal::new(None::<ApiError>);
    let outcome = RwSignal::new(None::<UpdateOutcome>);
    let body = move |dry_run: bool| UpdateSecurityGroupRequestBody {
        dry_run: dry_run.then_some(true),
        security_group: Some(UpdateSecurityGroupOption { name: Some(name.get()), description: Some(description.get()) }),
    };
    let problems = Signal::from(Memo::new(move |_| validate_update(&body(false))));
    // VPC.0601 is every parameter's code: say which rule the value breaks.
    let rule_msg = |r: HuaweiTextRule| match r {
        HuaweiTextRule::NameRequired => Msg::HwNameRequired,
        HuaweiTextRule::NameTooLong => Msg::HwNameTooLong,
        HuaweiTextRule::NameCharacters => Msg::HwNameCharacters,
        HuaweiTextRule::DescriptionTooLong => Msg::HwDescriptionTooLong,
        HuaweiTextRule::DescriptionAngleBrackets => Msg::HwDescriptionAngleBrackets,
    };
    let name_hint = Signal::derive(move || name.with(|n| names::huawei_name_rule(n)).map(rule_msg));
    let description_hint = Signal::derive(move || description.with(|d| names::huawei_description_rule(d)).map(rule_msg));
    let update = Change::new(move |result: Result<UpdateOutcome, ApiError>| match result {
        Ok(o) => {
            error.set(None);
            if let UpdateOutcome::Saved(g) = &o {
                on_saved.run(g.clone());
            }
            outcome.set(Some(o));
        }
        Err(e) => error.set(Some(e)),
    });
    let busy = update.pending();
    // A name and a description change no one's access; the call is shown all the same.
    let gate = Gate::new();
    let review = Signal::derive(move || Review {
        calls: problems
            .with(Vec::is_empty)
            .then(|| {
                (
                    "updateSecurityGroup",
                    format!("PUT /security-groups/{} {}", id.get_value(), serde_json::to_string(&body(false)).unwrap_or_default()),
                )
            })
            .into_iter()
            .collect(),
        ..Default::default()
    });
    let change = Signal::derive(move || review.with(|r| !r.calls.is_empty()).then_some(EstateChange::Nothing));
    let send = move |dry_run: bool| {
        outcome.set(None);
        let (b, group) = (body(dry_run), id.get_value());
        gate.what.set(format!("{} {group}: {}", i18n.t(Msg::Update), name.get_untracked()));
        update.run(gate, async move { update_security_group(&api, &group, &b).await });
    };
    view! {
        <form
            class="huawei-update"
            data-test="huawei-update"
            aria-label=i18n.s(Msg::Update)
            on:submit=move |ev| {
                ev.prevent_default();
                send(false);
            }
        >
            <h3>{i18n.s(Msg::Update)}</h3>
            <div class="form-row">
                <TextField label=i18n.s(Msg::Name) value=name test="hw-name" problems=problems field=Signal::stored(Field::Name) hint=name_hint/>
                <TextField
                    label=i18n.s(Msg::Description)
                    value=description
                    test="hw-description"
                    problems=problems
                    field=Signal::stored(Field::Description)
                    hint=description_hint
                />
            </div>
            <ImpactView gate=gate change=change review=review/>
            <div class="form-actions">
                <button type="button" data-test="hw-check" disabled=move || busy.get() || !problems.with(|p| p.is_empty()) on:click=move |_| send(true)>
                    {i18n.s(Msg::CheckOnly)}
                </button>
                <button type="submit" class="primary" data-test="hw-save" disabled=move || busy.get() || !problems.with(|p| p.is_empty())>
                    {i18n.either(busy, Msg::Working, Msg::Save)}
                </button>
            </div>
            {move || outcome.get().map(|o| match o {
                UpdateOutcome::Checked { request_id } => view! {
                    <p class="ok" role="status" data-test="hw-checked">
                        {i18n.t(Msg::CheckPassed)}" "{i18n.t(Msg::RequestId)}": "<code>{request_id}</code>
                    </p>
                }.into_any(),
                UpdateOutcome::Saved(g) => view! {
                    <p class="ok" role="status" data-test="hw-saved">
                        {i18n.t(Msg::Saved)}" "<strong>{g.name}</strong>" — "{g.description}" ("{g.updated_at}")"
                    </p>
                }.into_any(),
            })}
            <ErrorNotice error=error/>
        </form>
    }
}
