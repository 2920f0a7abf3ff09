use leptos::prelude::*;
use palisade_core::bce::security_group::{SecurityGroupRule, UpdateRuleRequest};
use palisade_core::validate::bce_rule::validate_update;
use palisade_core::validate::Field;
use palisade_core::Direction;

use crate::api::{use_api, ApiError};
use crate::components::form::field_error::{problem_for, FieldError};
use crate::components::notice::error_notice::ErrorNotice;
use crate::draft::impact::ImpactView;
use crate::draft::{apply_change, previewed};
use crate::i18n::{use_i18n, Msg};
use crate::infra::change::{Change, Gate};
use crate::infra::text::non_blank;
use crate::pages::bce_groups::draft_kind::BceKind;

/// Edits one regular rule in place (`PUT /v2/securityGroup/rule/update`, pinned to the
/// group's `sgVersion` read just before): a port change is one call, not a revoke and an add with a gap
/// between them. The call is shown as typed, with only the fields that change; the rule
/// after the change is checked as the cloud checks a new one.
#[component]
pub fn BceRuleEdit(
    group_id: String,
    rule: SecurityGroupRule,
    /// The group's other rules: an edit must not make a twin of one.
    others: Vec<SecurityGroupRule>,
    on_saved: Callback<()>,
    on_cancel: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let (ip, group) = rule.remote();
    let field = |v: &Option<String>| RwSignal::new(v.clone().unwrap_or_default());
    let protocol = field(&rule.protocol);
    let ports = field(&rule.port_range);
    let remote_ip = field(ip);
    let remote_group = field(group);
    let remark = field(&rule.remark);
    let (rule, others) = (StoredValue::new(rule), StoredValue::new(others));
    let change = move || {
        rule.with_value(|r| {
            let mut to = r.clone();
            to.protocol = Some(protocol.get());
            to.port_range = Some(ports.get());
            to.remark = Some(remark.get());
            to.set_remote(non_blank(remote_ip.get()), non_blank(remote_group.get()));
            UpdateRuleRequest::between(r, &to)
        })
    };
    let problems = Memo::new(move |_| rule.with_value(|r| others.with_value(|o| validate_update(r, &change(), o))));
    let remote_field = rule.with_value(|r| if r.direction() == Some(Direction::Egress) { Field::DestIp } else { Field::SourceIp });
    let call = move || format!("PUT /v2/securityGroup/rule/update {}", serde_json::to_string(&change()).unwrap_or_default());
    let error = RwSignal::new(None::<ApiError>);
    let save = Change::new(move |outcome: Result<(), ApiError>| match outcome {
        Ok(()) => on_saved.run(()),
        Err(e) => error.set(Some(e)),
    });
    let busy = save.pending();
    // The group before and after the edit, from the rules the form was opened on.
    let plan = move || {
        let (c, r, o) = (change(), rule.get_value(), others.get_value());
        let target: Vec<SecurityGroupRule> = o.iter().cloned().chain([c.applied_to(&r)]).collect();
        let base: Vec<SecurityGroupRule> = o.into_iter().chain([r]).collect();
        (base, target)
    };
    let gate = Gate::new();
    // The same warnings as any other path (SSH opened to the world by an edit too).
    let group = StoredValue::new(group_id.clone());
    let (review, estate_change) =
        previewed::<BceKind>(i18n, group, move || (!change().is_empty() && problems.with(Vec::is_empty)).then(plan));
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if !gate.ready_untracked() {
            return;
        }
        // Through the group's plan, from the rules the form was opened on: one edit alone
        // is one call in place, and nothing is sent if the group changed meanwhile.
        let (base, target) = plan();
        gate.what.set(format!("{} {} · {}", i18n.t(Msg::EditRule), rule.with_value(crate::readable::rule_summary), group.get_value()));
        save.run(gate, apply_change::<BceKind>(api, group_id.clone(), base, target, Box::new(|_| ())));
    };
    let invalid = move |f: Field| move || problems.with(|ps| problem_for(ps, None, f).is_some()).to_string();
    view! {
        <form class="rule-edit" data-test="rule-edit" aria-label=i18n.s(Msg::EditRule) on:submit=submit>
            <h4>{i18n.s(Msg::EditRule)}</h4>
            <div class="form-row">
                <label class="field">
                    <span>{i18n.s(Msg::Protocol)}</span>
                    <select data-test="edit-protocol" prop:value=move || protocol.get() on:change=move |ev| protocol.set(event_target_value(&ev))>
                        {["tcp", "udp", "icmp", ""].map(|p| view! { <option value=p>{if p.is_empty() { "all" } else { p }}</option> }).collect_view()}
                    </select>
                    <FieldError problems=problems field=Field::Protocol id="edit-protocol-error"/>
                </label>
                <label class="field">
                    <span>{i18n.s(Msg::Ports)}</span>
                    <input type="text" data-test="edit-ports" aria-invalid=invalid(Field::PortRange) aria-describedby="edit-ports-error" bind:value=ports/>
                    <FieldError problems=problems field=Field::PortRange id="edit-ports-error"/>
                </label>
                <label class="field">
                    <span>{i18n.s(Msg::Remote)}</span>
                    <input type="text" data-test="edit-remote" aria-invalid=invalid(remote_field) aria-describedby="edit-remote-error" bind:value=remote_ip/>
                    <FieldError problems=problems field=remote_field id="edit-remote-error"/>
                </label>
                <label class="field">
                    <span>{i18n.s(Msg::RemoteGroup)}</span>
                    <input type="text" data-test="edit-remote-group" bind:value=remote_group/>
                </label>
                <label class="field">
                    <span>{i18n.s(Msg::Remark)}</span>
                    <input type="text" data-test="edit-remark" bind:value=remark/>
                </label>
            </div>
            <FieldError problems=problems field=Field::Rule id="edit-rule-error"/>
            <p class="muted">{i18n.s(Msg::CallToSend)}" "<code data-test="edit-call">{call}</code></p>
            <ImpactView gate=gate change=estate_change review=review/>
            <div class="form-actions">
                <button
                    type="submit"
                    class="primary"
                    data-test="edit-save"
                    disabled=move || busy.get() || change().is_empty() || problems.with(|p| !p.is_empty()) || !gate.ready()
                >
                    {i18n.either(busy, Msg::Working, Msg::Save)}
                </button>
                <button type="button" data-test="edit-cancel" disabled=move || busy.get() on:click=move |_| on_cancel.run(())>
                    {i18n.s(Msg::Cancel)}
                </button>
            </div>
            <ErrorNotice error=error/>
        </form>
    }
}
