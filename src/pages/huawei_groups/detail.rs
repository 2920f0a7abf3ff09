use leptos::prelude::*;
use palisade_core::huawei::rule::SecurityGroupRule;
use palisade_core::huawei::security_group::SecurityGroupInfo;
use palisade_core::Direction;

use crate::api::huawei::{list_rules, show_security_group};
use crate::api::{use_api, ApiError};
use crate::components::form::filter_box::FilterBox;
use crate::components::notice::confirm_dialog::ConfirmDialog;
use crate::components::notice::error_notice::ErrorNotice;
use crate::components::reach::connection_test::ConnectionTest;
use crate::components::table::rule_table::{RowAction, RuleTable};
use crate::components::value::copy_id::CopyId;
use crate::components::value::local_time::LocalTime;
use crate::draft::impact::ImpactView;
use crate::draft::{self, apply_change, previewed};
use crate::i18n::{use_i18n, Msg};
use crate::infra::change::{Change, Gate};
use crate::infra::loaded::Loaded;
use crate::infra::text::Searchable;
use crate::pages::huawei_groups::draft_kind::HuaweiDraft;
use crate::pages::huawei_groups::draft_kind::HuaweiKind;
use crate::pages::huawei_groups::rule_form::HuaweiRuleForm;
use crate::pages::huawei_groups::update_form::HuaweiUpdateForm;
use crate::readable;
use crate::readable::{Cell, RuleLine};
use palisade_core::reach::{Rule, Semantics};

/// The group's enterprise project and tags, in one line (empty when it has neither).
fn group_meta(i18n: crate::i18n::I18n, g: &SecurityGroupInfo) -> String {
    let mut parts = Vec::new();
    if let Some(ep) = g.enterprise_project_id.as_deref().filter(|e| !e.is_empty()) {
        parts.push(format!("{} {ep}", i18n.t(Msg::EnterpriseProject)));
    }
    if !g.tags.is_empty() {
        let tags = g.tags.iter().map(|t| format!("{}={}", t.key, t.value)).collect::<Vec<_>>().join(", ");
        parts.push(format!("{} {tags}", i18n.t(Msg::Tags)));
    }
    parts.join(" · ")
}

/// A Huawei group: its update form and its rules (add, delete).
#[component]
pub fn HuaweiGroupDetail(
    group_id: String,
    on_changed: Callback<()>,
    /// (id, name) of the project's groups, for the rule form's remote group.
    #[prop(optional, into)]
    peers: Signal<Vec<(String, String)>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let id = StoredValue::new(group_id.clone());
    // Tracks the scope: a detail opened from a link loads before `/api/config` has filled in
    // the keys and project, and must load again once they are there.
    let group = Loaded::<SecurityGroupInfo>::new(move || {
        api.scope(palisade_core::Cloud::Huawei);
        // Read now: the future first runs later, when the detail may be gone.
        let id = id.get_value();
        async move { show_security_group(&api, &id).await }
    });
    let rules = Loaded::<Vec<SecurityGroupRule>>::new(move || {
        api.scope(palisade_core::Cloud::Huawei);
        let id = id.get_value();
        async move {
            let mut rules = list_rules(&api, &id).await?;
            // Evaluation order: by priority (1 first), deny before allow at the same priority.
            rules.sort_by_key(|r| (r.priority, r.action != "deny"));
            Ok(rules)
        }
    });
    let reload = move || {
        group.reload();
        rules.reload();
    };
    // The rules edited as a draft (reviewed, then applied as a plan).
    // A draft this tab kept for the group reopens by itself.
    let drafting = RwSignal::new(crate::draft::kept(&id.get_value()) || crate::infra::seed::waiting(&id.get_value()));
    // A memo: a save that returns the group must not recreate the form (and its message).
    let loaded_id = Memo::new(move |_| group.with(|g| g.as_ref().map(|g| g.id.clone())));
    let pending_delete = RwSignal::new(None::<SecurityGroupRule>);
    let delete_error = RwSignal::new(None::<ApiError>);
    let delete = Change::new(move |outcome: Result<(), ApiError>| {
        pending_delete.set(None);
        delete_error.set(outcome.err());
        reload();
    });
    let deleting = delete.pending();
    let filter = RwSignal::new(String::new());
    // The rules in the evaluator's terms, in the table's order: read once per rule list
    // for the filter's port search, the rows' risk mark and "Test a connection".
    let reach = Memo::new(move |_| rules.with(|rs| rs.map(|rs| rs.iter().map(Rule::from_huawei).collect::<Vec<_>>()).unwrap_or_default()));
    // Which rules never apply (a rule of the other action read first takes all they match).
    let standing =
        Memo::new(move |_| reach.with(|r| palisade_core::reach::standing::standings(r, palisade_core::reach::Semantics::Priority)));
    // The filter's text once per rule list (action and direction as sent and as shown);
    // cells only for the rows in view.
    let search = Memo::new(move |_| {
        rules.with(|rs| {
            reach.with(|reach| {
                rs.into_iter()
                    .flatten()
                    .zip(reach)
                    .map(|(r, x)| {
                        let text = format!(
                            "{} {} {} {} {} {} {}",
                            r.direction,
                            r.action,
                            r.protocol.as_deref().unwrap_or("any"),
                            r.ethertype,
                            r.multiport.as_deref().unwrap_or("any"),
                            readable::huawei_remote(r),
                            r.description
                        );
                        let text = match r.remote_group_id.as_deref() {
                            Some(g) => format!(
                                "{text} {}",
                                peers.with(|p| p.iter().find(|(id, _)| id == g).map(|(_, n)| n.clone()).unwrap_or_default())
                            ),
                            None => text,
                        };
                        Searchable::new(&text, x.clone())
                    })
                    .collect::<Vec<_>>()
            })
        })
    });
    let line = Callback::new(move |i: usize| {
        let t = |m: Msg| i18n.t(m).to_owned();
        rules.with(|rs| {
            let Some(r) = rs.and_then(|rs| rs.get(i)) else { return RuleLine::default() };
            let direction = if r.direction == Direction::Egress.as_str() { t(Msg::Egress) } else { t(Msg::Ingress) };
            RuleLine {
                id: r.id.clone(),
                cells: vec![
                    direction.into(),
                    readable::protocol(i18n, r.protocol.as_deref()),
                    r.ethertype.clone().into(),
                    readable::ports(i18n, r.multiport.as_deref()),
                    // A remote group by its name (its id on hover), as the peers list has it.
                    match r.remote_group_id.as_deref().filter(|g| !g.is_empty()) {
                        Some(g) => Cell::titled(
                            peers.with(|p| p.iter().find(|(id, _)| id == g).map_or_else(|| g.to_owned(), |(_, n)| n.clone())),
                            g.to_owned(),
                        ),
                        None => readable::remote(i18n, readable::huawei_remote(r), r.ethertype == "IPv6"),
                    },
                    t(if r.action == "deny" { Msg::Deny } else { Msg::Allow }).into(),
                    r.priority.to_string().into(),
                    t(if r.enabled { Msg::Yes } else { Msg::No }).into(),
                    r.description.clone().into(),
                    // In the reader's time zone, as the header's (the hover has the API's text).
                    Cell::titled(
                        crate::components::value::local_time::local(&r.updated_at, i18n.0.get().tag()),
                        format!("{} {} · {} {}", t(Msg::Created), r.created_at, t(Msg::Updated), r.updated_at),
                    ),
                ],
                deny: r.action == "deny",
                risk: reach.with(|x| readable::at_risk(x.get(i).and_then(Option::as_ref))),
                never: standing.with(|s| s.get(i).copied()).and_then(|st| {
                    readable::never_applies(i18n, st, |w| rs.and_then(|rs| rs.get(w)).map(readable::huawei_line).unwrap_or_default())
                }),
            }
        })
    });
    let decided = RwSignal::new(None::<usize>);
    // The connection test's smallest fix, handed to the rule form for review.
    let draft = RwSignal::new(None::<palisade_core::reach::Suggestion>);
    let describe = Callback::new(move |i: usize| {
        rules
            .with(|rs| rs.and_then(|rs| rs.get(i)).map(|r| format!("{} · {}", readable::huawei_line(r), r.description)).unwrap_or_default())
    });
    let ask_delete = Callback::new(move |i: usize| {
        if let Some(r) = rules.get_untracked().and_then(|rs| rs.get(i).cloned()) {
            pending_delete.set(Some(r));
        }
    });
    // The group without the rule, as a plan (nothing is sent if the group changed since
    // it was read).
    let without = move |rule: &SecurityGroupRule| {
        let base = rules.get_untracked().unwrap_or_default();
        let target = draft::without(&base, rule);
        (base, target)
    };
    let (delete_review, delete_change) = previewed::<HuaweiKind>(i18n, id, move || pending_delete.with(|r| r.as_ref().map(without)));
    let delete_gate = Gate::new();
    let confirm_delete = Callback::new(move |_| {
        if let Some(rule) = pending_delete.get_untracked() {
            let (base, target) = without(&rule);
            delete_gate.what.set(format!("{} {} · {}", i18n.t(Msg::Delete), readable::huawei_line(&rule), id.get_value()));
            delete.run(delete_gate, apply_change::<HuaweiKind>(api, id.get_value(), base, target, Box::new(|_| ())));
        }
    });
    view! {
        <section class="group-detail" data-test="hw-group-detail" data-group=group_id.clone()>
            <ErrorNotice error=group.error/>
            {move || group.get().map(|g| view! {
                <header class="detail-header">
                    <h3 data-test="hw-group-name">{g.name.clone()}</h3>
                    <CopyId id=g.id.clone()/>
                    <span class="muted" data-test="hw-group-description">{g.description.clone()}</span>
                    <span class="muted" data-test="hw-group-meta">{group_meta(i18n, &g)}</span>
                    <span class="muted times" data-test="hw-group-times">
                        {i18n.s(Msg::Created)}" "<LocalTime iso=g.created_at.clone()/>" · "{i18n.s(Msg::Updated)}" "<LocalTime iso=g.updated_at.clone()/>
                    </span>
                </header>
            })}
            // Keyed on the id so a save that returns the group does not reset the typing.
            {move || loaded_id.get().map(|_| {
                let g = group.get_untracked().unwrap_or_default();
                view! { <HuaweiUpdateForm group=g on_saved=Callback::new(move |_| { group.reload(); on_changed.run(()) })/> }
            })}
            <h4>{i18n.s(Msg::Rules)}</h4>
            <div class="toolbar">
                <button type="button" data-test="draft-start" on:click=move |_| drafting.set(true) disabled=move || drafting.get() || rules.with(|r| r.is_none())>
                    {i18n.s(Msg::DraftEdit)}
                </button>
            </div>
            // Opened once the rules are in: a kept draft is restored against them.
            <Show when=move || drafting.get() && rules.with(|r| r.is_some())>
                <HuaweiDraft
                    group_id=id.get_value()
                    live=Signal::derive(move || rules.with(|r| r.cloned().unwrap_or_default()))
                    on_changed=Callback::new(move |_| { reload(); on_changed.run(()) })
                    on_close=Callback::new(move |_| drafting.set(false))
                />
            </Show>
            <ErrorNotice error=rules.error/>
            <ErrorNotice error=delete_error/>
            <FilterBox value=filter/>
            <div data-test="hw-rule-list">
                <RuleTable
                    columns=&[
                        Msg::Direction,
                        Msg::Protocol,
                        Msg::Ethertype,
                        Msg::Ports,
                        Msg::Remote,
                        Msg::Action,
                        Msg::Priority,
                        Msg::Enabled,
                        Msg::Description,
                        Msg::Updated,
                        Msg::Actions,
                    ]
                    search=search
                    line=line
                    filter=filter
                    actions=vec![RowAction { label: Msg::Delete, test: "hw-delete-rule", danger: true, run: ask_delete }]
                    decides=Some(decided.into())
                />
            </div>
            <ConnectionTest rules=reach semantics=Semantics::Priority lowest=100 describe=describe decided=decided on_fix=Callback::new(move |s| draft.set(Some(s)))/>
            // A group that could not be read (gone, or never was) offers nothing to add (#34).
            <Show when=move || group.with(|g| g.is_some())>
                <HuaweiRuleForm group_id=id.get_value() rules=Signal::derive(move || rules.get().unwrap_or_default()) on_created=Callback::new(move |_| { reload(); on_changed.run(()) }) draft=draft peers=peers/>
            </Show>
            <Show when=move || pending_delete.with(|p| p.is_some())>
                <ConfirmDialog
                    title=Msg::DeleteRuleConfirm
                    confirm_label=Msg::Delete
                    busy=deleting
                    on_confirm=confirm_delete
                    on_cancel=Callback::new(move |_| pending_delete.set(None))
                >
                    <code data-test="delete-rule-summary">{move || pending_delete.with(|r| r.as_ref().map(readable::huawei_line))}</code>
                    <ImpactView gate=delete_gate change=delete_change review=delete_review/>
                </ConfirmDialog>
            </Show>
            <crate::pages::changes::recent::RecentChanges resource=id.get_value()/>
        </section>
    }
}
