use leptos::prelude::*;
use palisade_core::bce::security_group::SecurityGroupRule;
use palisade_core::plan::{self, same_rules, translate, Call, Caps, Change as Edit, PlanFile, Warning, PLAN_FORMAT};
use palisade_core::reach::Semantics;
use palisade_core::validate::bce_rule::{rule_identity, validate_rule, MAX_RULES_PER_DIRECTION};
use palisade_core::Direction;
use wasm_bindgen::JsCast;

use crate::api::{bce, use_api, ApiError};
use crate::change::Change;
use crate::components::bce_group_detail::as_request;
use crate::components::bce_rule_table::rule_summary;
use crate::components::error_notice::ErrorNotice;
use crate::i18n::{use_i18n, Msg};

/// The copy chooser's value for a Huawei group: `huawei:{id}`.
const HUAWEI_PREFIX: &str = "huawei:";

/// Why a Huawei rule did not join a Baidu draft, naming the rule.
fn untranslatable(
    i18n: crate::i18n::I18n,
    rules: &[palisade_core::huawei::rule::SecurityGroupRule],
    l: &translate::Untranslatable,
) -> String {
    use translate::Untranslatable as U;
    let (rule, why) = match l {
        U::RemoteGroup { rule, group } => (*rule, format!("{} {group}", i18n.t(Msg::LostRemoteGroup))),
        U::AddressGroup { rule, group } => (*rule, format!("{} {group}", i18n.t(Msg::LostAddressGroup))),
        U::Deny { rule } => (*rule, i18n.t(Msg::LostDeny).to_owned()),
        U::ProtocolNumber { rule, protocol } => (*rule, format!("{} {protocol}", i18n.t(Msg::LostProtocol))),
        U::Disabled { rule } => (*rule, i18n.t(Msg::LostDisabled).to_owned()),
        U::UnderDeny { rule, deny } => {
            (*rule, format!("{} {}", i18n.t(Msg::LostUnderDeny), rules.get(*deny).map(crate::readable::huawei_line).unwrap_or_default()))
        }
    };
    let line = rules.get(rule).map(crate::readable::huawei_line).unwrap_or_default();
    format!("{} {line}: {why}", i18n.t(Msg::NotCopied))
}

const CAPS: Caps = Caps { semantics: Semantics::AnyAllow, update_in_place: false, quota_per_direction: Some(MAX_RULES_PER_DIRECTION) };

/// Where an apply or a rollback stopped.
#[derive(Debug, Clone, PartialEq)]
enum Stop {
    /// Call `at` (0-based) failed.
    Failed { at: usize, error: ApiError },
    /// The group was not as the plan expected before call `at`: someone else changed it.
    ChangedMeanwhile { at: usize },
}

/// Where a run of calls ended.
#[derive(Debug, Clone, PartialEq)]
enum Run {
    Applied,
    RolledBack,
    Stopped(Stop),
}

/// Runs `calls` in order from `expected` (the rules before the first). Before each call the
/// group is read again: if its rules are not what the plan expects, someone else changed
/// it, and nothing more is sent. Each call carries the version just read. Returns how many
/// calls went through and where it stopped.
async fn run(
    api: crate::api::Api,
    group: String,
    calls: Vec<Call<SecurityGroupRule>>,
    mut expected: Vec<SecurityGroupRule>,
    done: RwSignal<usize>,
) -> Option<Stop> {
    for (at, call) in calls.iter().enumerate() {
        let live = match bce::get_security_group(&api, &group).await {
            Ok(g) => g,
            Err(error) => return Some(Stop::Failed { at, error }),
        };
        if !same_rules(&live.rules, &expected) {
            return Some(Stop::ChangedMeanwhile { at });
        }
        let (rule, authorize) = match call {
            Call::Add(r) => (r, true),
            Call::Remove(r) => (r, false),
            // Regular groups are planned without in-place updates.
            Call::Update { to, .. } => (to, true),
        };
        if let Err(error) = bce::change_rule(&api, &group, &as_request(rule), live.sg_version, authorize).await {
            return Some(Stop::Failed { at, error });
        }
        plan::apply(&mut expected, call, || format!("applied-{at}"));
        done.try_set(at + 1);
    }
    None
}

/// A regular group edited as a draft: the rules change here, not in the cloud; the review
/// shows the difference, the exact calls in make-before-break order and the warnings;
/// Apply sends them one by one, and a stop offers Roll back (the applied calls undone, in
/// reverse) or Continue.
#[component]
pub fn BceDraft(group_id: String, live: Signal<Vec<SecurityGroupRule>>, on_changed: Callback<()>, on_close: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let group = StoredValue::new(group_id);
    // The rules the plan starts from, fixed when the draft starts (or is re-planned).
    let base = RwSignal::new(live.get_untracked());
    // With "Remember in this tab" on, the draft is kept in this tab's sessionStorage, so a
    // reload does not lose the work; it goes when the draft is discarded or applied.
    let remember = expect_context::<crate::settings::Settings>().remember;
    let key = format!("palisade.draft#{}", group.get_value());
    let storage = || web_sys::window().and_then(|w| w.session_storage().ok().flatten());
    let kept: Option<Vec<SecurityGroupRule>> = remember
        .get_untracked()
        .then(|| storage().and_then(|s| s.get_item(&key).ok().flatten()))
        .flatten()
        .and_then(|t| serde_json::from_str(&t).ok());
    let restored = kept.is_some();
    let draft = RwSignal::new(kept.unwrap_or_else(|| live.get_untracked()));
    let key = StoredValue::new(key);
    Effect::new(move |_| {
        let text = draft.with(|d| serde_json::to_string(d).unwrap_or_default());
        if let Some(s) = storage() {
            let _ = if remember.get() { s.set_item(&key.get_value(), &text) } else { s.remove_item(&key.get_value()) };
        }
    });
    let forget = move || {
        if let Some(s) = storage() {
            let _ = s.remove_item(&key.get_value());
        }
    };
    // The plan and its warnings in one memo (each memo type is kilobytes of wasm).
    let reviewed = Memo::new(move |_| {
        base.with(|b| {
            draft.with(|d| {
                let p = plan::plan(b, d, CAPS);
                let w = plan::warnings(b, d, &p, CAPS);
                (p, w)
            })
        })
    });
    // Every rule of the draft as the cloud would check it.
    let invalid = Memo::new(move |_| draft.with(|d| d.iter().any(|r| !validate_rule(r).is_empty())));

    // Apply, roll back, continue: one run at a time.
    let done = RwSignal::new(0usize);
    let total = RwSignal::new(0usize);
    let outcome = RwSignal::new(None::<Run>);
    // The calls of the last apply, for rolling back or continuing it.
    let sent = StoredValue::new(Vec::<Call<SecurityGroupRule>>::new());
    let runner = Change::new(move |result: Result<Run, ApiError>| {
        let run = result.unwrap_or_else(|error| Run::Stopped(Stop::Failed { at: 0, error }));
        // The group (and the list's counts) are read again whatever happened.
        on_changed.run(());
        if run == Run::Applied {
            forget();
        }
        outcome.set(Some(run));
    });
    let busy = runner.pending();
    let start = move |calls: Vec<Call<SecurityGroupRule>>, from: Vec<SecurityGroupRule>, rollback: bool| {
        outcome.set(None);
        done.set(0);
        total.set(calls.len());
        let group = group.get_value();
        runner.run(async move {
            Ok(match run(api, group, calls, from, done).await {
                None if rollback => Run::RolledBack,
                None => Run::Applied,
                Some(stop) => Run::Stopped(stop),
            })
        });
    };
    let apply = move |_| {
        let calls = reviewed.with_untracked(|(p, _)| p.calls.clone());
        sent.set_value(calls.clone());
        start(calls, base.get_untracked(), false);
    };
    // How far the last run got: the calls it was given, how many went through, and the
    // group's rules after them (what Roll back and Continue start from).
    let progress = move || {
        let (applied, calls) = (done.get_untracked(), sent.get_value());
        let mut state = base.get_untracked();
        for (k, c) in calls[..applied].iter().enumerate() {
            plan::apply(&mut state, c, || format!("applied-{k}"));
        }
        (applied, calls, state)
    };
    // The calls already applied, undone in reverse, from the state they left.
    let roll_back = move |_| {
        let (applied, calls, state) = progress();
        let undo: Vec<_> = calls[..applied].iter().rev().map(|c| plan::inverse(c, None)).collect();
        sent.set_value(Vec::new());
        start(undo, state, true);
    };
    // The rest of the plan, from the call that stopped.
    let go_on = move |_| {
        let (applied, calls, state) = progress();
        base.set(state.clone());
        let rest = calls[applied..].to_vec();
        sent.set_value(rest.clone());
        start(rest, state, false);
    };
    // A plan as a file: exported for review, or a reviewed one loaded into the draft.
    let file_note = RwSignal::new(restored.then_some((true, Msg::DraftRestored)));
    let export = move |_| {
        let file = base.with_untracked(|b| {
            draft.with_untracked(|d| {
                reviewed.with_untracked(|(p, _)| PlanFile {
                    format: PLAN_FORMAT.into(),
                    cloud: "bce".into(),
                    group_id: group.get_value(),
                    base: b.clone(),
                    draft: d.clone(),
                    diff: p.diff.clone(),
                    calls: p.calls.clone(),
                })
            })
        });
        let text = serde_json::to_string_pretty(&file).unwrap_or_default();
        let saved = crate::download::save_json(&format!("{}-plan.json", group.get_value()), &text);
        file_note.set(saved.err().map(|_| (false, Msg::LocalFailure)));
    };
    let open_file = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = ev.target().unwrap().unchecked_into();
        let Some(f) = input.files().and_then(|f| f.get(0)) else { return };
        input.set_value("");
        leptos::task::spawn_local(async move {
            let text = wasm_bindgen_futures::JsFuture::from(f.text()).await.ok().and_then(|t| t.as_string()).unwrap_or_default();
            let note = match serde_json::from_str::<PlanFile<SecurityGroupRule>>(&text) {
                Ok(p) if p.format != PLAN_FORMAT || p.cloud != "bce" || p.group_id != group.get_value() => (false, Msg::PlanFileOtherGroup),
                // The plan was reviewed against rules the group no longer holds.
                Ok(p) if !live.with_untracked(|l| same_rules(l, &p.base)) => (false, Msg::PlanFileStale),
                Ok(p) => {
                    base.try_set(live.get_untracked());
                    draft.try_set(p.draft);
                    outcome.try_set(None);
                    (true, Msg::PlanFileLoaded)
                }
                Err(_) => (false, Msg::PlanFileUnreadable),
            };
            file_note.try_set(Some(note));
        });
    };
    // The draft's edits, planned again from the group as it is now.
    let replan = move |_| {
        let now = live.get_untracked();
        let again = base.with_untracked(|b| draft.with_untracked(|d| plan::rebase(b, d, &now)));
        draft.set(again);
        base.set(now);
        outcome.set(None);
    };

    let edit = move |i: usize, f: &dyn Fn(&mut SecurityGroupRule)| {
        draft.update(|d| {
            if let Some(r) = d.get_mut(i) {
                f(r);
            }
        })
    };
    let rows = move || {
        draft.with(|d| {
            d.iter()
                .enumerate()
                .map(|(i, r)| {
                    let problems = validate_rule(r);
                    let bad = !problems.is_empty();
                    let (ip, _) = r.remote();
                    view! {
                        <tr data-draft-rule=i class:invalid=bad>
                            <td>
                                <select data-test="draft-direction" aria-label=i18n.s(Msg::Direction) prop:value=r.direction.clone().unwrap_or_default()
                                    on:change=move |ev| { let v = event_target_value(&ev); edit(i, &|r| { let (ip, g) = (r.remote().0.clone(), r.remote().1.clone()); r.direction = Some(v.clone()); r.set_remote(ip, g); }) }>
                                    <option value=Direction::Ingress.as_str()>{i18n.s(Msg::Ingress)}</option>
                                    <option value=Direction::Egress.as_str()>{i18n.s(Msg::Egress)}</option>
                                </select>
                            </td>
                            <td>
                                <input type="text" data-test="draft-protocol" aria-label=i18n.s(Msg::Protocol) prop:value=r.protocol.clone().unwrap_or_default()
                                    on:change=move |ev| { let v = event_target_value(&ev); edit(i, &|r| r.protocol = Some(v.clone())) }/>
                            </td>
                            <td>
                                <input type="text" data-test="draft-ports" aria-label=i18n.s(Msg::Ports) prop:value=r.port_range.clone().unwrap_or_default()
                                    on:change=move |ev| { let v = event_target_value(&ev); edit(i, &|r| r.port_range = Some(v.clone())) }/>
                            </td>
                            <td>
                                <input type="text" data-test="draft-remote" aria-label=i18n.s(Msg::Remote) prop:value=ip.clone().unwrap_or_default()
                                    on:change=move |ev| { let v = event_target_value(&ev); edit(i, &|r| r.set_remote(Some(v.clone()), None)) }/>
                            </td>
                            <td>
                                <input type="text" data-test="draft-remark" aria-label=i18n.s(Msg::Remark) prop:value=r.remark.clone().unwrap_or_default()
                                    on:change=move |ev| { let v = event_target_value(&ev); edit(i, &|r| r.remark = Some(v.clone())) }/>
                            </td>
                            <td>
                                {problems.first().map(|p| view! { <span class="field-error" data-test="draft-problem">{p.code.code}</span> })}
                                <button type="button" class="link danger" data-test="draft-remove" on:click=move |_| draft.update(|d| { d.remove(i); })>
                                    {i18n.s(Msg::DraftRemove)}
                                </button>
                            </td>
                        </tr>
                    }
                })
                .collect_view()
        })
    };
    let add = move |_| {
        draft.update(|d| {
            d.push(SecurityGroupRule {
                direction: Some(Direction::Ingress.as_str().into()),
                ethertype: Some("IPv4".into()),
                protocol: Some("tcp".into()),
                port_range: Some(String::new()),
                source_ip: Some(String::new()),
                remark: Some(String::new()),
                ..Default::default()
            })
        })
    };
    // Rules from a file or another group join the draft (never the cloud directly): the
    // review then shows them and Apply sends them in the plan's order. A rule the draft
    // already holds (by the cloud's identity) is not added twice.
    let join = move |rules: Vec<SecurityGroupRule>| -> usize {
        let mut added = 0;
        draft.update(|d| {
            for r in rules {
                let r = as_request(&r);
                let id = rule_identity(&r);
                if !d.iter().any(|x| rule_identity(x) == id) {
                    d.push(r);
                    added += 1;
                }
            }
        });
        added
    };
    let import_note = RwSignal::new(None::<(bool, String)>);
    let import_file = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = ev.target().unwrap().unchecked_into();
        let Some(f) = input.files().and_then(|f| f.get(0)) else { return };
        input.set_value("");
        leptos::task::spawn_local(async move {
            let text = wasm_bindgen_futures::JsFuture::from(f.text()).await.ok().and_then(|t| t.as_string()).unwrap_or_default();
            let note = match crate::import::file::parse(&text) {
                Ok(rules) => {
                    let n = rules.len();
                    let added = join(rules);
                    (true, format!("{added} / {n} {}", i18n.t(Msg::JoinedDraft)))
                }
                Err(e) => (false, format!("{}: {}", i18n.at(e.line, e.column), e.what)),
            };
            import_note.try_set(Some(note));
        });
    };
    // Another regular group of the region, whose rules can be copied into the draft.
    let peers = crate::loaded::Loaded::<Vec<palisade_core::bce::security_group::SecurityGroup>>::new(move || async move {
        bce::list_security_groups(&api).await
    });
    // Huawei groups too: their rules are translated by core (`plan::translate`), and what
    // has no Baidu counterpart is listed, not dropped.
    let huawei_peers = crate::loaded::Loaded::<Vec<palisade_core::huawei::security_group::SecurityGroup>>::new(move || {
        api.scope(palisade_core::Cloud::Huawei);
        async move { crate::api::huawei::list_security_groups(&api).await }
    });
    let copy_from = move |ev: leptos::ev::Event| {
        let from = event_target_value(&ev);
        let select: web_sys::HtmlSelectElement = event_target(&ev);
        select.set_value("");
        if let Some(hw) = from.strip_prefix(HUAWEI_PREFIX) {
            let hw = hw.to_owned();
            leptos::task::spawn_local(async move {
                let note = match crate::api::huawei::list_rules(&api, &hw).await {
                    Ok(rules) => {
                        let (translated, lost) = translate::huawei_to_bce(&rules);
                        let n = translated.len();
                        let added = join(translated);
                        let mut text = format!("{added} / {n} {} ({hw})", i18n.t(Msg::JoinedDraft));
                        for l in lost {
                            text.push_str(&format!(" · {}", untranslatable(i18n, &rules, &l)));
                        }
                        (true, text)
                    }
                    Err(e) => (false, format!("{}: {}", i18n.t(Msg::NotCopied), e.code().unwrap_or("—"))),
                };
                import_note.try_set(Some(note));
            });
            return;
        }
        let rules = untrack(|| peers.with(|l| l.and_then(|l| l.iter().find(|g| g.id == from)).map(|g| g.rules.clone())));
        if let Some(rules) = rules {
            let n = rules.len();
            let added = join(rules);
            import_note.set(Some((true, format!("{added} / {n} {} ({from})", i18n.t(Msg::JoinedDraft)))));
        }
    };
    let changes = move || {
        reviewed.with(|(p, _)| {
            p.diff
                .iter()
                .map(|c| {
                    let (kind, text) = match c {
                        Edit::Added(r) => ("added", format!("{} {}", i18n.t(Msg::ChangeAdded), rule_summary(r))),
                        Edit::Removed(r) => ("removed", format!("{} {}", i18n.t(Msg::ChangeRemoved), rule_summary(r))),
                        Edit::Changed { from, to } => {
                            ("changed", format!("{} {} → {}", i18n.t(Msg::ChangeChanged), rule_summary(from), rule_summary(to)))
                        }
                    };
                    view! { <li class=kind data-change=kind>{text}</li> }
                })
                .collect_view()
        })
    };
    let calls = move || {
        reviewed.with(|(p, _)| {
            p.calls
                .iter()
                .enumerate()
                .map(|(k, c)| {
                    let (verb, r) = match c {
                        Call::Add(r) | Call::Update { to: r, .. } => ("authorizeRule", r),
                        Call::Remove(r) => ("revokeRule", r),
                    };
                    let state = move || {
                        let d = done.get();
                        if total.get() > 0 && k < d {
                            "done"
                        } else {
                            ""
                        }
                    };
                    view! { <li data-call=verb data-state=state><code>{format!("PUT ?{verb} {}", rule_summary(r))}</code></li> }
                })
                .collect_view()
        })
    };
    let warning_list = move || {
        reviewed.with(|(_, ws)| {
            let line = |i: usize| draft.with(|d| d.get(i).map(rule_summary).unwrap_or_default());
            ws.iter()
                .map(|w| {
                    let (kind, text) = match w {
                        Warning::OpensSensitive { rule, ports } => (
                            "sensitive",
                            format!(
                                "{} {} {}",
                                line(*rule),
                                i18n.t(Msg::WarnSensitive),
                                ports.iter().map(u16::to_string).collect::<Vec<_>>().join(", ")
                            ),
                        ),
                        Warning::OpenToWorld { rule } => ("world", format!("{} {}", line(*rule), i18n.t(Msg::WarnWorld))),
                        Warning::Shadowed { rule, dead, .. } => {
                            ("shadowed", format!("{} {}", line(*rule), i18n.t(if *dead { Msg::WarnDead } else { Msg::WarnRedundant })))
                        }
                        Warning::Quota { direction, peak, max, .. } => {
                            ("quota", format!("{} {peak} {} {max}", direction.as_str(), i18n.t(Msg::WarnQuota)))
                        }
                        Warning::Recreated { rule } => ("recreated", format!("{} {}", line(*rule), i18n.t(Msg::WarnRecreated))),
                    };
                    view! { <li data-warning=kind>"⚠ "{text}</li> }
                })
                .collect_view()
        })
    };
    let result = move || {
        outcome.get().map(|o| match o {
            Run::Applied => view! {
                <p class="ok" role="status" data-test="plan-applied">
                    {i18n.s(Msg::Applied)}" "
                    <button type="button" data-test="plan-close" on:click=move |_| on_close.run(())>{i18n.s(Msg::Close)}</button>
                </p>
            }
            .into_any(),
            Run::RolledBack => view! {
                <p class="ok" role="status" data-test="plan-rolled-back">
                    {i18n.s(Msg::RolledBack)}" "
                    <button type="button" data-test="plan-replan" on:click=replan>{i18n.s(Msg::Replan)}</button>
                </p>
            }
            .into_any(),
            Run::Stopped(Stop::ChangedMeanwhile { at }) => view! {
                <div class="plan-stop" role="alert" data-test="plan-stale" data-at=at>
                    <p>{i18n.s(Msg::ChangedMeanwhile)}</p>
                    <button type="button" data-test="plan-replan" on:click=replan>{i18n.s(Msg::Replan)}</button>
                </div>
            }
            .into_any(),
            Run::Stopped(Stop::Failed { at, error }) => view! {
                <div class="plan-stop" role="alert" data-test="plan-failed" data-at=at>
                    <p>{move || format!("{} {} / {}.", i18n.t(Msg::StoppedAt), at + 1, total.get())}</p>
                    <ErrorNotice error=Signal::derive(move || Some(error.clone()))/>
                    <button type="button" data-test="plan-rollback" on:click=roll_back>{i18n.s(Msg::RollBack)}</button>
                    <button type="button" data-test="plan-continue" on:click=go_on>{i18n.s(Msg::Continue)}</button>
                </div>
            }
            .into_any(),
        })
    };
    view! {
        <section class="draft" data-test="draft" aria-label=i18n.s(Msg::DraftTitle)>
            <h4>{i18n.s(Msg::DraftTitle)}</h4>
            <p class="muted">{i18n.s(Msg::DraftIntro)}</p>
            <table class="list draft-rules">
                <thead>
                    <tr>
                        <th scope="col">{i18n.s(Msg::Direction)}</th>
                        <th scope="col">{i18n.s(Msg::Protocol)}</th>
                        <th scope="col">{i18n.s(Msg::Ports)}</th>
                        <th scope="col">{i18n.s(Msg::Remote)}</th>
                        <th scope="col">{i18n.s(Msg::Remark)}</th>
                        <th scope="col">{i18n.s(Msg::Actions)}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
            <div class="form-actions">
                <button type="button" data-test="draft-add" on:click=add>{i18n.s(Msg::DraftAdd)}</button>
                <label class="file-button">
                    <span>{i18n.s(Msg::DraftImport)}</span>
                    <input type="file" accept=".json,.csv,application/json,text/csv" data-test="draft-import" on:change=import_file/>
                </label>
                <label class="field inline">
                    <span>{i18n.s(Msg::CopyFrom)}</span>
                    <select data-test="draft-copy-from" on:change=copy_from>
                        <option value="">"—"</option>
                        {move || {
                            let own = group.get_value();
                            peers.with(|l| {
                                l.into_iter()
                                    .flatten()
                                    .filter(|g| g.id != own)
                                    .map(|g| view! { <option value=g.id.clone()>{format!("{} ({}, {})", g.name, g.id, g.rules.len())}</option> })
                                    .collect_view()
                            })
                        }}
                        {move || {
                            huawei_peers.with(|l| {
                                l.into_iter()
                                    .flatten()
                                    .map(|g| view! { <option value=format!("{HUAWEI_PREFIX}{}", g.id)>{format!("{} · {} ({})", i18n.t(Msg::HuaweiCloud), g.name, g.id)}</option> })
                                    .collect_view()
                            })
                        }}
                    </select>
                </label>
                <label class="file-button">
                    <span>{i18n.s(Msg::PlanFileOpen)}</span>
                    <input type="file" accept=".json,application/json" data-test="plan-file" on:change=open_file/>
                </label>
                <button type="button" class="link" data-test="draft-discard" on:click=move |_| { forget(); on_close.run(()) }>{i18n.s(Msg::DiscardDraft)}</button>
            </div>
            {move || import_note.get().map(|(ok, m)| view! {
                <p class:ok=ok class:field-error=!ok role="status" data-test="draft-import-note">{m}</p>
            })}
            {move || file_note.get().map(|(ok, m)| view! {
                <p class:ok=ok class:field-error=!ok role="status" data-test="plan-file-note" data-ok=ok.to_string()>{i18n.s(m)}</p>
            })}
            <h4>{i18n.s(Msg::Review)}</h4>
            <div data-test="plan-review">
                <Show when=move || reviewed.with(|(p, _)| p.is_empty())>
                    <p class="muted" data-test="plan-empty">{i18n.s(Msg::NoChanges)}</p>
                </Show>
                <ul class="plan-diff" data-test="plan-diff">{changes}</ul>
                <Show when=move || reviewed.with(|(_, w)| !w.is_empty())>
                    <p><strong>{i18n.s(Msg::Warnings)}</strong></p>
                </Show>
                <ul class="plan-warnings" data-test="plan-warnings">{warning_list}</ul>
                <Show when=move || reviewed.with(|(p, _)| !p.is_empty())>
                    <p>{i18n.s(Msg::CallsInOrder)}</p>
                </Show>
                <ol class="plan-calls" data-test="plan-calls">{calls}</ol>
            </div>
            <div class="form-actions">
                <button
                    type="button"
                    class="primary"
                    data-test="plan-apply"
                    disabled=move || busy.get() || invalid.get() || reviewed.with(|(p, _)| p.is_empty()) || outcome.with(Option::is_some)
                    on:click=apply
                >
                    {i18n.either(busy, Msg::Applying, Msg::Apply)}
                </button>
                <button type="button" data-test="plan-export" on:click=export disabled=move || reviewed.with(|(p, _)| p.is_empty())>
                    {i18n.s(Msg::PlanExport)}
                </button>
                <Show when=move || busy.get()>
                    <span class="progress" data-test="plan-progress">{move || format!("{} / {}", done.get(), total.get())}</span>
                </Show>
            </div>
            {result}
        </section>
    }
}
