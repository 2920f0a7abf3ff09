use leptos::prelude::*;
use palisade_core::bce::security_group::{SecurityGroup, SecurityGroupRule};
use palisade_core::validate::bce_rule::MAX_RULES_PER_DIRECTION;
use palisade_core::Direction;

use crate::api::{bce, use_api, ApiError};
use crate::components::form::filter_box::FilterBox;
use crate::components::notice::confirm_dialog::ConfirmDialog;
use crate::components::notice::error_notice::ErrorNotice;
use crate::components::table::bce_rule_table::BceRuleTable;
use crate::components::table::refresh_button::RefreshButton;
use crate::draft::impact::ImpactView;
use crate::draft::{self, apply_change, previewed};
use crate::i18n::{use_i18n, Msg};
use crate::infra::change::{Change, Gate};
use crate::infra::download;
use crate::infra::focus;
use crate::infra::loaded::Loaded;
use crate::pages::bce_groups::draft_kind::{BceDraft, BceKind};
use crate::pages::bce_groups::rule_edit::BceRuleEdit;
use crate::pages::bce_groups::rule_form::BceRuleForm;
use crate::pages::bce_groups::rule_import::BceRuleImport;
use crate::readable::rule_summary;

/// A rule as a request carries it: without the ids and times the cloud adds.
pub fn as_request(r: &SecurityGroupRule) -> SecurityGroupRule {
    SecurityGroupRule { security_group_id: None, security_group_rule_id: None, created_time: None, updated_time: None, ..r.clone() }
}

/// The group's VPC, tags, bound-instance count and rules per direction against the
/// quota ("48 / 50" before the cloud refuses), in one line.
fn facts(i18n: crate::i18n::I18n, g: &SecurityGroup) -> String {
    let per = |d: Direction| g.rules.iter().filter(|r| r.direction() == Some(d)).count();
    let tags = g.tags.iter().map(|t| format!("{}={}", t.tag_key, t.tag_value.as_deref().unwrap_or(""))).collect::<Vec<_>>().join(", ");
    let mut line = format!(
        "VPC {} · {} {} / {MAX_RULES_PER_DIRECTION} · {} {} / {MAX_RULES_PER_DIRECTION}",
        g.vpc_id.as_deref().unwrap_or("—"),
        i18n.t(Msg::Ingress),
        per(Direction::Ingress),
        i18n.t(Msg::Egress),
        per(Direction::Egress),
    );
    if let Some(n) = g.bind_instance_num {
        line.push_str(&format!(" · {} {n}", i18n.t(Msg::BoundInstances)));
    }
    if !tags.is_empty() {
        line.push_str(&format!(" · {} {tags}", i18n.t(Msg::Tags)));
    }
    line
}

/// One regular security group: its rules, add, revoke, import and export.
#[component]
pub fn BceGroupDetail(group_id: String, on_changed: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let id = StoredValue::new(group_id.clone());
    // Tracks the scope: a detail opened from a link loads before `/api/config` has filled in
    // the keys, and must load again once they are there.
    let group = Loaded::<SecurityGroup>::new(move || {
        api.scope(palisade_core::Cloud::Bce);
        // Read now: the future first runs later, when the detail may be gone.
        let id = id.get_value();
        async move { bce::get_security_group(&api, &id).await }
    });
    let reload = move || group.reload();
    let changed = Callback::new(move |_| {
        reload();
        on_changed.run(());
    });
    let filter = RwSignal::new(String::new());
    // A draft this tab kept for the group reopens by itself.
    let drafting = RwSignal::new(crate::draft::kept(&id.get_value()) || crate::infra::seed::waiting(&id.get_value()));
    let rules = Signal::derive(move || group.with(|g| g.as_ref().map(|g| g.rules.clone()).unwrap_or_default()));
    let version = Signal::derive(move || group.with(|g| g.as_ref().and_then(|g| g.sg_version)));

    let root = NodeRef::<leptos::html::Section>::new();
    // After the dialog, focus goes back to the rule table the action came from: on the
    // next frame, once the dialog is gone and the page behind it is no longer inert.
    let refocus = move || {
        request_animation_frame(move || {
            if let Some(root) = root.try_get_untracked().flatten() {
                focus::focus_within(&root, ".rule-scroll");
            }
        });
    };
    let pending_revoke = RwSignal::new(None::<SecurityGroupRule>);
    let revoke_error = RwSignal::new(None::<ApiError>);
    let revoked = RwSignal::new(false);
    let edited = RwSignal::new(false);
    // The outcome is handled here, owned by this view: if the view is gone by the time
    // the answer comes, nothing runs.
    let revoke = Change::new(move |outcome: Result<(), ApiError>| {
        pending_revoke.set(None);
        refocus();
        match outcome {
            Ok(()) => {
                revoke_error.set(None);
                revoked.set(true);
                changed.run(());
            }
            Err(e) => {
                revoked.set(false);
                revoke_error.set(Some(e));
            }
        }
    });
    let revoking = revoke.pending();
    // The group without the rule, as a plan: by id (`DELETE /v2/securityGroup/rule/{id}`),
    // so the cloud removes exactly the rule shown, and nothing is sent if the group
    // changed since it was read.
    let without = move |rule: &SecurityGroupRule| {
        let base = rules.get_untracked();
        let target = draft::without(&base, rule);
        (base, target)
    };
    let (revoke_review, revoke_change) = previewed::<BceKind>(i18n, id, move || pending_revoke.with(|r| r.as_ref().map(without)));
    let revoke_gate = Gate::new();
    let confirm_revoke = Callback::new(move |_| {
        if let Some(rule) = pending_revoke.get_untracked() {
            let (base, target) = without(&rule);
            revoke_gate.what.set(format!("{} {} · {}", i18n.t(Msg::Revoke), rule_summary(&rule), id.get_value()));
            revoke.run(revoke_gate, apply_change::<BceKind>(api, id.get_value(), base, target, Box::new(|_| ())));
        }
    });
    // The rule being edited in place, by id.
    let editing = RwSignal::new(None::<String>);
    let edit_form = move || {
        let rid = editing.get()?;
        let mut rs = untrack(|| rules.get());
        let at = rs.iter().position(|r| r.security_group_rule_id.as_deref() == Some(rid.as_str()))?;
        let rule = rs.remove(at);
        Some(view! {
            <BceRuleEdit
                group_id=id.get_value()
                rule
                others=rs
                on_saved=Callback::new(move |_| {
                    editing.set(None);
                    revoked.set(false);
                    edited.set(true);
                    changed.run(());
                })
                on_cancel=Callback::new(move |_| editing.set(None))
            />
        })
    };
    let export = move |_| {
        if let Some(g) = group.get_untracked() {
            let body = serde_json::json!({
                "securityGroupId": g.id,
                "name": g.name,
                "rules": g.rules.iter().map(as_request).collect::<Vec<_>>(),
            });
            let text = serde_json::to_string_pretty(&body).unwrap_or_default();
            if let Err(why) = download::save_json(&format!("{}-rules.json", g.id), &text) {
                revoke_error.set(Some(ApiError::Local(why)));
            }
        }
    };
    view! {
        <section class="group-detail" node_ref=root data-test="group-detail" data-group=group_id.clone()>
            <header class="detail-header">
                <h3>
                    {move || group.with(|g| g.as_ref().map(|g| g.name.clone()).unwrap_or_default())}
                    " "<code>{group_id.clone()}</code>
                </h3>
                <span class="muted" data-test="sg-version">
                    {i18n.s(Msg::Version)}": "{move || version.get().map(|v| v.to_string()).unwrap_or_default()}
                </span>
                <span class="muted" data-test="sg-facts">{move || group.with(|g| g.as_ref().map(|g| facts(i18n, g)))}</span>
                <span class="spacer"></span>
                <RefreshButton busy=group.busy() on_refresh=Callback::new(move |_| reload()) test="refresh-group"/>
                <button type="button" data-test="export" on:click=export disabled=move || group.with(|g| g.is_none())>
                    {i18n.s(Msg::ExportRules)}
                </button>
                <button type="button" data-test="draft-start" on:click=move |_| drafting.set(true) disabled=move || drafting.get() || group.with(|g| g.is_none())>
                    {i18n.s(Msg::DraftEdit)}
                </button>
            </header>
            // Opened once the group is in: a kept draft is restored against its rules.
            <Show when=move || drafting.get() && group.with(|g| g.is_some())>
                <BceDraft group_id=id.get_value() live=rules on_changed=changed on_close=Callback::new(move |_| drafting.set(false))/>
            </Show>
            <ErrorNotice error=group.error/>
            <FilterBox value=filter/>
            {edit_form}
            <Show when=move || edited.get()>
                <p class="ok" role="status" data-test="rule-edited">{i18n.s(Msg::RuleSaved)}</p>
            </Show>
            <BceRuleTable
                rules=rules
                filter=filter
                on_revoke=Callback::new(move |r| { revoked.set(false); edited.set(false); pending_revoke.set(Some(r)) })
                on_edit=Callback::new(move |r: SecurityGroupRule| { edited.set(false); editing.set(r.security_group_rule_id) })
            />
            <Show when=move || revoked.get()>
                <p class="ok" role="status" data-test="revoked">{i18n.s(Msg::RuleRevoked)}</p>
            </Show>
            <ErrorNotice error=revoke_error/>
            // A group that could not be read (gone, or never was) offers nothing to add (#34).
            <Show when=move || group.with(|g| g.is_some())>
                <BceRuleForm group_id=id.get_value() rules=rules on_changed=changed/>
                <BceRuleImport group_id=id.get_value() on_changed=changed/>
            </Show>
            <Show when=move || pending_revoke.with(|p| p.is_some())>
                <ConfirmDialog
                    title=Msg::RevokeConfirm
                    confirm_label=Msg::Revoke
                    busy=revoking
                    on_confirm=confirm_revoke
                    on_cancel=Callback::new(move |_| { pending_revoke.set(None); refocus(); })
                >
                    <code data-test="revoke-summary">{move || pending_revoke.with(|r| r.as_ref().map(rule_summary))}</code>
                    <ImpactView gate=revoke_gate change=revoke_change review=revoke_review/>
                </ConfirmDialog>
            </Show>
            <crate::pages::changes::recent::RecentChanges resource=id.get_value()/>
        </section>
    }
}
