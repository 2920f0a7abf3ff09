use leptos::prelude::*;
use palisade_core::bce::esg::{EnterpriseSecurityGroup, EsgRule};
use palisade_core::reach::Rule;
use palisade_core::Direction;

use crate::api::{use_api, ApiError};
use crate::components::form::filter_box::FilterBox;
use crate::components::notice::confirm_dialog::ConfirmDialog;
use crate::components::notice::error_notice::ErrorNotice;
use crate::components::table::rule_table::{RowAction, RuleTable};
use crate::components::value::copy_id::CopyId;
use crate::draft::impact::ImpactView;
use crate::draft::{self, apply_change, previewed};
use crate::i18n::{use_i18n, Msg};
use crate::infra::change::{Change, Gate};
use crate::infra::loaded::Loaded;
use crate::infra::text::Searchable;
use crate::pages::esgs::draft_kind::{EsgDraft, EsgKind};
use crate::pages::esgs::rule_add::EsgRuleAdder;
use crate::pages::esgs::rule_edit::EsgRuleEdit;
use crate::pages::esgs::rule_row::ESG_COLUMNS;
use crate::readable;
use crate::readable::RuleLine;

fn priority(r: &EsgRule) -> i64 {
    r.priority.as_ref().and_then(|p| p.value()).unwrap_or(i64::MAX)
}

/// An enterprise group's rules as the cloud evaluates them: by priority (1 first), a deny
/// before an allow of the same priority, deny rows marked; filterable; each rule edited
/// in place or deleted, and rules added in calls of 20.
#[component]
pub fn EsgGroupDetail(
    /// The groups as last listed (there is no call to read one group), and which one.
    esgs: Loaded<Vec<EnterpriseSecurityGroup>>,
    id: String,
    on_changed: Callback<()>,
    on_close: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let id = StoredValue::new(id);
    // Indices into the group's rules in evaluation order (one `Memo<Vec<usize>>` type for
    // every list keeps the wasm small; a memo of sorted rules cost ~3 KB).
    let with_group = move |f: &mut dyn FnMut(Option<&EnterpriseSecurityGroup>)| {
        esgs.with(|l| id.with_value(|id| f(l.and_then(|l| l.iter().find(|g| &g.id == id)))))
    };
    let order = Memo::new(move |_| {
        let mut order = Vec::new();
        with_group(&mut |g| {
            let rules = g.map_or(&[][..], |g| g.rules.as_slice());
            order = (0..rules.len()).collect::<Vec<usize>>();
            order.sort_by_key(|&i| (priority(&rules[i]), rules[i].action.as_deref() != Some("deny")));
        });
        order
    });
    // The rules in that order (tracked).
    let rules = move || {
        let mut out = Vec::new();
        with_group(&mut |g| {
            if let Some(g) = g {
                out = order.with(|o| o.iter().filter_map(|&i| g.rules.get(i).cloned()).collect());
            }
        });
        out
    };
    let rule_at = move |i: usize| rules().get(i).cloned();
    // Which rules never apply (a deny read first takes all they match), in table order.
    let standing = Memo::new(move |_| {
        let reach: Vec<Option<Rule>> = rules().iter().map(Rule::from_esg).collect();
        palisade_core::reach::standing::standings(&reach, palisade_core::reach::Semantics::Priority)
    });
    let search = Memo::new(move |_| {
        rules()
            .iter()
            .map(|r| {
                let text = format!("{} {}", readable::esg_line(r), r.remark.as_deref().unwrap_or(""));
                Searchable::new(&text, Rule::from_esg(r))
            })
            .collect::<Vec<_>>()
    });
    let line = Callback::new(move |i: usize| {
        let t = |m: Msg| i18n.t(m).to_owned();
        {
            let Some(r) = rule_at(i) else { return RuleLine::default() };
            let r = &r;
            let v6 = r.ethertype.as_deref() == Some("IPv6");
            let direction = if r.direction.as_deref() == Some(Direction::Egress.as_str()) { t(Msg::Egress) } else { t(Msg::Ingress) };
            let remote =
                r.remote_ip().clone().or_else(|| r.remote_ip_set.clone()).or_else(|| r.remote_ip_group.clone()).unwrap_or_default();
            let deny = r.action.as_deref() == Some("deny");
            RuleLine {
                id: r.enterprise_security_group_rule_id.clone().unwrap_or_default(),
                cells: vec![
                    direction.into(),
                    r.ethertype.clone().unwrap_or_default().into(),
                    readable::protocol(i18n, r.protocol.as_deref()),
                    readable::ports(i18n, r.port_range.as_deref()),
                    readable::ports(i18n, r.source_port_range.as_deref()),
                    readable::remote(i18n, &remote, v6),
                    r.local_ip.clone().unwrap_or_default().into(),
                    t(if deny { Msg::Deny } else { Msg::Allow }).into(),
                    priority(r).to_string().into(),
                    r.remark.clone().unwrap_or_default().into(),
                ],
                deny,
                risk: !deny && readable::at_risk(Rule::from_esg(r).as_ref()),
                never: standing
                    .with(|s| s.get(i).copied())
                    .and_then(|st| readable::never_applies(i18n, st, |w| rule_at(w).map(|x| readable::esg_line(&x)).unwrap_or_default())),
            }
        }
    });
    let filter = RwSignal::new(String::new());
    let editing = RwSignal::new(None::<usize>);
    let adding = RwSignal::new(false);
    // The rules edited as a draft (reviewed, then applied as a plan).
    // A draft this tab kept for the group reopens by itself.
    let drafting = RwSignal::new(crate::draft::kept(&id.get_value()) || crate::infra::seed::waiting(&id.get_value()));
    // The rule itself, taken when Delete is pressed: a reload meanwhile reorders the rows,
    // and the rule confirmed must be the one removed.
    let pending_delete = RwSignal::new(None::<EsgRule>);
    let delete_error = RwSignal::new(None::<ApiError>);
    let done = RwSignal::new(None::<Msg>);
    let delete = Change::new(move |outcome: Result<(), ApiError>| {
        pending_delete.set(None);
        if outcome.is_ok() {
            done.set(Some(Msg::RuleDeleted));
        }
        delete_error.set(outcome.err());
        on_changed.run(());
    });
    let deleting = delete.pending();
    // The group without the rule, as a plan: nothing is sent if the group changed since it
    // was read.
    let without = move |rule: &EsgRule| {
        let base = untrack(rules);
        let target = draft::without(&base, rule);
        (base, target)
    };
    let (delete_review, delete_change) = previewed::<EsgKind>(i18n, id, move || pending_delete.with(|r| r.as_ref().map(without)));
    let delete_gate = Gate::new();
    let actions = vec![
        RowAction {
            label: Msg::Edit,
            test: "esg-rule-edit-open",
            danger: false,
            run: Callback::new(move |i| {
                adding.set(false);
                done.set(None);
                editing.set(Some(i));
            }),
        },
        RowAction {
            label: Msg::Delete,
            test: "esg-rule-delete",
            danger: true,
            run: Callback::new(move |i| pending_delete.set(untrack(|| rule_at(i)))),
        },
    ];
    let edit_form = move || {
        let i = editing.get()?;
        let mut rs = untrack(rules);
        if i >= rs.len() {
            return None;
        }
        let rule = rs.remove(i);
        let others = rs;
        Some(view! {
            <EsgRuleEdit
                group_id=id.get_value()
                rule
                others
                on_saved=Callback::new(move |_| {
                    editing.set(None);
                    done.set(Some(Msg::RuleSaved));
                    on_changed.run(());
                })
                on_cancel=Callback::new(move |_| editing.set(None))
            />
        })
    };
    view! {
        <section class="group-detail" data-test="esg-detail" data-group=id.get_value()>
            {move || {
                let mut head = None;
                with_group(&mut |g| head = g.map(|g| (g.name.clone(), g.id.clone(), g.desc.clone().unwrap_or_default())));
                head
            }.map(|(name, gid, desc)| view! {
                <header class="detail-header">
                    <h3>{name}</h3>
                    <CopyId id=gid/>
                    <span class="muted">{desc}</span>
                    <span class="muted" data-test="esg-rule-total">{move || { let n = order.with(Vec::len); format!("{n} {}", i18n.rules(n)) }}</span>
                    <span class="spacer"></span>
                    <button type="button" data-test="esg-detail-close" on:click=move |_| on_close.run(())>{i18n.s(Msg::Close)}</button>
                </header>
            })}
            {move || done.get().map(|m| view! { <p class="ok" role="status" data-test="esg-rule-done">{i18n.s(m)}</p> })}
            <ErrorNotice error=delete_error/>
            <div class="toolbar">
                <FilterBox value=filter/>
                <button type="button" data-test="esg-add-rules" on:click=move |_| { editing.set(None); done.set(None); adding.set(true) }>
                    {i18n.s(Msg::AddRules)}
                </button>
                <button type="button" data-test="draft-start" on:click=move |_| drafting.set(true) disabled=move || drafting.get()>
                    {i18n.s(Msg::DraftEdit)}
                </button>
            </div>
            // Opened once the group is in: a kept draft is restored against its rules.
            <Show when=move || drafting.get() && { let mut here = false; with_group(&mut |g| here = g.is_some()); here }>
                <EsgDraft
                    group_id=id.get_value()
                    live=Signal::derive(move || {
                        let mut live = Vec::new();
                        with_group(&mut |g| live = g.map(|g| g.rules.clone()).unwrap_or_default());
                        live
                    })
                    on_changed=on_changed
                    on_close=Callback::new(move |_| drafting.set(false))
                />
            </Show>
            {edit_form}
            {move || adding.get().then(|| view! {
                <EsgRuleAdder
                    group_id=id.get_value()
                    held=Signal::derive(rules)
                    on_added=Callback::new(move |_| { done.set(Some(Msg::RulesAdded)); on_changed.run(()) })
                    on_cancel=Callback::new(move |_| adding.set(false))
                />
            })}
            <div data-test="esg-rule-list">
                <RuleTable columns=ESG_COLUMNS search=search line=line filter=filter actions=actions/>
            </div>
            <Show when=move || pending_delete.with(|p| p.is_some())>
                <ConfirmDialog
                    title=Msg::DeleteRuleConfirm
                    confirm_label=Msg::Delete
                    busy=deleting
                    on_confirm=Callback::new(move |_| {
                        if let Some(rule) = pending_delete.get_untracked() {
                            let (base, target) = without(&rule);
                            delete_gate.what.set(format!("{} {} · {}", i18n.t(Msg::Delete), readable::esg_line(&rule), id.get_value()));
                            delete.run(delete_gate, apply_change::<EsgKind>(api, id.get_value(), base, target, Box::new(|_| ())));
                        }
                    })
                    on_cancel=Callback::new(move |_| pending_delete.set(None))
                >
                    <code data-test="delete-rule-summary">{move || pending_delete.with(|r| r.as_ref().map(readable::esg_line))}</code>
                    <ImpactView gate=delete_gate change=delete_change review=delete_review/>
                </ConfirmDialog>
            </Show>
            <crate::pages::changes::recent::RecentChanges resource=id.get_value()/>
        </section>
    }
}
