use leptos::prelude::*;
use palisade_core::bce::esg::{EsgRule, UpdateEsgRuleRequest};
use palisade_core::validate::esg::validate_update;

use crate::api::{use_api, ApiError};
use crate::components::notice::error_notice::ErrorNotice;
use crate::draft::impact::ImpactView;
use crate::draft::{apply_change, previewed};
use crate::i18n::{use_i18n, Msg};
use crate::infra::change::{Change, Gate};
use crate::pages::esgs::draft_kind::EsgKind;
use crate::pages::esgs::rule_row::{EsgRuleFields, EsgRuleHead, EsgRuleRow};

/// Edits one enterprise-group rule in place (`PUT /v1/enterprise/security/rule/{id}`):
/// no revoke-then-add gap. The call it will make, with only the fields that change, is
/// shown as the user types; the rule after the change is checked as the cloud checks it.
#[component]
pub fn EsgRuleEdit(
    group_id: String,
    rule: EsgRule,
    /// The group's other rules: an edit must not make a twin of one.
    others: Vec<EsgRule>,
    on_saved: Callback<()>,
    on_cancel: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let draft = EsgRuleFields::from_rule(0, &rule);
    let (rule, others) = (StoredValue::new(rule), StoredValue::new(others));
    let change = move || rule.with_value(|r| UpdateEsgRuleRequest::between(r, &draft.to_rule()));
    // Problems are shown in the row's cells, which look them up as rule 0.
    let problems = Memo::new(move |_| {
        let mut ps = rule.with_value(|r| others.with_value(|o| validate_update(r, &change(), o)));
        for p in &mut ps {
            p.rule = Some(0);
        }
        ps
    });
    let call = move || {
        let id = rule.with_value(|r| r.enterprise_security_group_rule_id.clone().unwrap_or_default());
        format!("PUT /v1/enterprise/security/rule/{id} {}", serde_json::to_string(&change()).unwrap_or_default())
    };
    let error = RwSignal::new(None::<ApiError>);
    let save = Change::new(move |outcome: Result<(), ApiError>| match outcome {
        Ok(()) => on_saved.run(()),
        Err(e) => error.set(Some(e)),
    });
    let busy = save.pending();
    // The group before and after, from the rules the form was opened on: the rule as the
    // call leaves it, so the plan is this one call.
    let plan = move || {
        let (c, r, o) = (change(), rule.get_value(), others.get_value());
        let target: Vec<EsgRule> = o.iter().cloned().chain([c.applied_to(&r)]).collect();
        let base: Vec<EsgRule> = o.into_iter().chain([r]).collect();
        (base, target)
    };
    let gate = Gate::new();
    let group = StoredValue::new(group_id.clone());
    let (review, estate_change) =
        previewed::<EsgKind>(i18n, group, move || (!change().is_empty() && problems.with(Vec::is_empty)).then(plan));
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if !gate.ready_untracked() {
            return;
        }
        // Nothing is sent if the group changed meanwhile.
        let (base, target) = plan();
        gate.what.set(format!("{} {} · {}", i18n.t(Msg::EditRule), rule.with_value(crate::readable::esg_line), group.get_value()));
        save.run(gate, apply_change::<EsgKind>(api, group_id.clone(), base, target, Box::new(|_| ())));
    };
    view! {
        <form class="esg-rule-edit" data-test="esg-rule-edit" aria-label=i18n.s(Msg::EditRule) on:submit=submit>
            <h4>{i18n.s(Msg::EditRule)}</h4>
            <div class="table-scroll">
                <table class="esg-rules">
                    <EsgRuleHead single=true/>
                    <tbody>
                        <EsgRuleRow
                            draft=draft
                            index=Signal::stored(0)
                            problems=problems
                            on_duplicate=Callback::new(|_| ())
                            on_remove=Callback::new(|_| ())
                            can_duplicate=Signal::stored(false)
                            single=true
                        />
                    </tbody>
                </table>
            </div>
            <p class="muted">{i18n.s(Msg::CallToSend)}" "<code data-test="esg-edit-call">{call}</code></p>
            <ImpactView gate=gate change=estate_change review=review/>
            <div class="form-actions">
                <button
                    type="submit"
                    class="primary"
                    data-test="esg-edit-save"
                    disabled=move || busy.get() || change().is_empty() || problems.with(|p| !p.is_empty()) || !gate.ready()
                >
                    {i18n.either(busy, Msg::Working, Msg::Save)}
                </button>
                <button type="button" data-test="esg-edit-cancel" disabled=move || busy.get() on:click=move |_| on_cancel.run(())>
                    {i18n.s(Msg::Cancel)}
                </button>
            </div>
            <ErrorNotice error=error/>
        </form>
    }
}
