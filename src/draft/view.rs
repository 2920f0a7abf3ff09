//! The draft as shown and edited: the rules, the kind's own controls, plan files, the
//! review, Apply, Roll back and Continue.

use leptos::prelude::*;
use palisade_core::plan::{self, same_rules, Call, PlanFile, PlanFileRefusal, PlanRule, PLAN_FORMAT};
use serde::{de::DeserializeOwned, Serialize};
use wasm_bindgen::JsCast;

use super::review::review_of;
use super::run::{run, Run, Stop};
use super::{DraftCtx, DraftKind, Review, RuleEdit};
use crate::api::{use_api, ApiError};
use crate::components::notice::error_notice::ErrorNotice;
use crate::draft::impact::ImpactView;
use crate::estate::impact::rules_change;
use crate::i18n::{use_i18n, I18n, Msg};
use crate::import::file;
use crate::infra::change::{Change, Gate};

/// A draft kept in the tab: the rules it was planned from, and the draft.
#[derive(serde::Deserialize)]
#[serde(bound = "R: DeserializeOwned")]
struct Kept<R> {
    base: Vec<R>,
    draft: Vec<R>,
}

#[derive(Serialize)]
#[serde(bound = "R: Serialize")]
struct KeptRef<'a, R> {
    base: &'a [R],
    draft: &'a [R],
}

/// The draft of one group of kind `K`; each kind's component (`BceDraft`, `EsgDraft`,
/// `HuaweiDraft`) calls it.
pub fn draft<K: DraftKind>(group_id: String, live: Signal<Vec<K::R>>, on_changed: Callback<()>, on_close: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let group = StoredValue::new(group_id);
    // With "Remember in this tab" on, an edited draft is kept in this tab's sessionStorage
    // with the rules it was planned from, so a reload does not lose the work; it goes
    // when the draft is discarded, applied, or edited back to the group's rules. Restored
    // against a group that changed since, the draft's edits are made again on the rules
    // the group holds now (`plan::rebase`), never planned against it as they were: that
    // would undo what others changed meanwhile (#36).
    let remember = expect_context::<crate::settings::Settings>().remember;
    let key = kept_key(&group.get_value());
    let now = live.get_untracked();
    let kept: Option<Kept<K::R>> = remember
        .get_untracked()
        .then(|| storage().and_then(|s| s.get_item(&key).ok().flatten()))
        .flatten()
        .and_then(|t| serde_json::from_str(&t).ok());
    let (restored, start_draft) = match kept {
        Some(k) if same_rules(&k.base, &now) => (Some(Msg::DraftRestored), k.draft),
        Some(k) => (Some(Msg::DraftRestoredRebased), plan::rebase(&k.base, &k.draft, &now)),
        None => (None, now.clone()),
    };
    // What another page sent this draft (a suggested rule, a rule to revoke or narrow):
    // applied to the draft, never sent (#34).
    let mut start_draft = start_draft;
    let (seed_note, narrowed) = match crate::infra::seed::take(&group.get_value()) {
        None => (None, None),
        Some(op) => seeded::<K>(i18n, op, &mut start_draft),
    };
    // The rules the plan starts from, fixed when the draft starts (or is re-planned).
    let base = RwSignal::new(now);
    let draft = RwSignal::new(start_draft);
    let key = StoredValue::new(key);
    Effect::new(move |_| {
        let edited = base.with(|b| draft.with(|d| b != d));
        let Some(s) = storage() else { return };
        let _ = if remember.get() && edited {
            let text = base.with(|b| draft.with(|d| serde_json::to_string(&KeptRef { base: b, draft: d }).unwrap_or_default()));
            s.set_item(&key.get_value(), &text)
        } else {
            s.remove_item(&key.get_value())
        };
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
                let p = plan::plan(b, d, K::CAPS);
                let w = plan::warnings(b, d, &p, K::CAPS);
                (p, w)
            })
        })
    });
    // Every rule of the draft as the cloud would check it.
    let invalid = Memo::new(move |_| draft.with(|d| d.iter().any(|r| !K::problems(r).is_empty())));

    // Apply, roll back, continue: one run at a time.
    let done = RwSignal::new(0usize);
    let total = RwSignal::new(0usize);
    let outcome = RwSignal::new(None::<Run>);
    // The calls of the last apply, for rolling back or continuing it.
    let sent = StoredValue::new(Vec::<Call<K::R>>::new());
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
    // Edits not yet applied: a reload, or leaving the group or page, asks first.
    crate::infra::unsaved::Unsaved::hold(Signal::derive(move || {
        base.with(|b| draft.with(|d| b != d)) && outcome.with(|o| !matches!(o, Some(Run::Applied)))
    }));
    // The draft's change, shown in its review before Apply; its rollback and its rest
    // (Continue) go under the same name.
    let gate = Gate::new();
    let start = move |calls: Vec<Call<K::R>>, from: Vec<K::R>, rollback: bool, resumed: bool| {
        outcome.set(None);
        done.set(0);
        total.set(calls.len());
        let group = group.get_value();
        gate.what.set(format!("{} {} ({} {})", i18n.t(Msg::DraftTitle), group, calls.len(), i18n.t(Msg::CallsWord)));
        runner.run(gate, async move {
            Ok(
                match run::<K>(api, group, calls, from, resumed, &move |n| {
                    done.try_set(n);
                })
                .await
                {
                    None if rollback => Run::RolledBack,
                    None => Run::Applied,
                    Some(stop) => Run::Stopped(stop),
                },
            )
        });
    };
    let apply = move |_| {
        if !gate.ready_untracked() {
            return;
        }
        let calls = reviewed.with_untracked(|(p, _)| p.calls.clone());
        sent.set_value(calls.clone());
        start(calls, base.get_untracked(), false, false);
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
        start(undo, state, true, false);
    };
    // The rest of the plan, from the call that stopped.
    let go_on = move |_| {
        let (applied, calls, state) = progress();
        base.set(state.clone());
        let rest = calls[applied..].to_vec();
        sent.set_value(rest.clone());
        start(rest, state, false, true);
    };
    // A plan as a file: exported for review, or a reviewed one loaded into the draft.
    let file_note = RwSignal::new(restored.map(|m| (true, m)));
    let export = move |_| {
        let file = base.with_untracked(|b| {
            draft.with_untracked(|d| {
                reviewed.with_untracked(|(p, _)| PlanFile {
                    format: PLAN_FORMAT.into(),
                    cloud: K::CLOUD.into(),
                    group_id: group.get_value(),
                    base: b.clone(),
                    draft: d.clone(),
                    diff: p.diff.clone(),
                    calls: p.calls.clone(),
                    digest: plan::digest(&p.calls),
                })
            })
        });
        let text = serde_json::to_string_pretty(&file).unwrap_or_default();
        let saved = crate::infra::download::save_json(&format!("{}-plan.json", group.get_value()), &text);
        file_note.set(saved.err().map(|_| (false, Msg::LocalFailure)));
    };
    let open_file = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = ev.target().unwrap().unchecked_into();
        let Some(f) = input.files().and_then(|f| f.get(0)) else { return };
        input.set_value("");
        leptos::task::spawn_local(async move {
            let text = wasm_bindgen_futures::JsFuture::from(f.text()).await.ok().and_then(|t| t.as_string()).unwrap_or_default();
            // The file must carry exactly the calls its draft makes, under its own digest,
            // for the group as it is now: what was reviewed is what is applied (#36).
            let note = match serde_json::from_str::<PlanFile<K::R>>(&text) {
                Ok(p) => match live.with_untracked(|l| p.check(K::CLOUD, &group.get_value(), l, K::CAPS)) {
                    Err(PlanFileRefusal::OtherGroup) => (false, Msg::PlanFileOtherGroup),
                    Err(PlanFileRefusal::Altered) => (false, Msg::PlanFileAltered),
                    Err(PlanFileRefusal::Stale) => (false, Msg::PlanFileStale),
                    Ok(()) => {
                        base.try_set(live.get_untracked());
                        draft.try_set(p.draft);
                        outcome.try_set(None);
                        (true, Msg::PlanFileLoaded)
                    }
                },
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

    // The rows are drawn again when the draft changes shape or is replaced (a rule added
    // or removed, a file, a re-plan), not for what is typed in them (`RuleEdit`).
    let typing = StoredValue::new(false);
    let drawn = RwSignal::new(0u64);
    Effect::new(move |_| {
        draft.track();
        if typing.get_value() {
            typing.set_value(false);
        } else {
            drawn.update(|n| *n += 1);
        }
    });
    let rows = move || {
        drawn.track();
        draft.with_untracked(|d| {
            d.iter()
                .enumerate()
                .map(|(i, r)| {
                    let cells = K::cells(i18n, r, RuleEdit { draft, i, typing });
                    let problem = move || draft.with(|d| d.get(i).and_then(|r| K::problems(r).first().map(|p| p.code.code)));
                    view! {
                        <tr data-draft-rule=i class:invalid=move || problem().is_some() class:seeded=narrowed == Some(i)>
                            {cells}
                            <td>
                                {move || problem().map(|code| view! { <span class="field-error" data-test="draft-problem">{code}</span> })}
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
    let add = move |_: ()| draft.update(|d| d.push(K::blank()));
    // A JSON or CSV rules file in the cloud's own field names joins the draft.
    let ctx = DraftCtx { draft, group, note: RwSignal::new(seed_note) };
    // The marked rule (added, or to narrow): its remote field takes the focus once drawn.
    if let Some(i) = narrowed {
        request_animation_frame(move || {
            let field = document().query_selector(&format!("[data-draft-rule=\"{i}\"] [data-test=draft-remote]")).ok().flatten();
            if let Some(el) = field.and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
                let _ = el.focus();
                el.scroll_into_view();
            }
        });
    }
    let import_file = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = ev.target().unwrap().unchecked_into();
        let Some(f) = input.files().and_then(|f| f.get(0)) else { return };
        input.set_value("");
        leptos::task::spawn_local(async move {
            let text = wasm_bindgen_futures::JsFuture::from(f.text()).await.ok().and_then(|t| t.as_string()).unwrap_or_default();
            let note = match file::parse::<K::R>(&text) {
                Ok(rules) => {
                    let n = rules.len();
                    (true, format!("{} / {n} {}", ctx.join(rules), i18n.t(Msg::JoinedDraft)))
                }
                Err(e) => (false, format!("{}: {}", i18n.at(e.line, e.column), e.what)),
            };
            ctx.note.try_set(Some(note));
        });
    };
    // What the review shows, as text: one type for every kind, so the views below are
    // compiled once (a generic view per kind cost ~10 KB gzip each).
    let review = Memo::new(move |_| reviewed.with(|(p, ws)| draft.with(|d| review_of::<K>(i18n, p, ws, d))));
    let rows = ViewFn::from(move || rows().into_any());
    let controls = Controls {
        add: Callback::new(add),
        apply: Callback::new(apply),
        export: Callback::new(export),
        open_file: Callback::new(open_file),
        import_file: Callback::new(import_file),
        roll_back: Callback::new(roll_back),
        go_on: Callback::new(go_on),
        replan: Callback::new(replan),
        discard: Callback::new(move |_| {
            forget();
            on_close.run(())
        }),
        close: on_close,
    };
    // Who gains and loses what, from the rules the plan starts from to the draft.
    let change = Signal::derive(move || {
        review.with(|r| !r.calls.is_empty()).then(|| base.with(|b| draft.with(|d| rules_change(&group.get_value(), b, d))))
    });
    let impact = view! { <ImpactView gate=gate change=change review=review impact_only=true/> }.into_any();
    let ready = Signal::derive(move || gate.ready());
    let state = RunState { done, total, outcome, busy, invalid: invalid.into(), file_note, import_note: ctx.note, ready };
    layout(i18n, K::COLUMNS, rows, K::extras(i18n, ctx), review, state, controls, impact)
}

/// A seed applied to the draft's starting rules: what the draft's note says of it, and
/// the row to mark (the rule added, or the one to narrow).
fn seeded<K: DraftKind>(i18n: I18n, op: crate::infra::seed::SeedOp, draft: &mut Vec<K::R>) -> (Option<(bool, String)>, Option<usize>) {
    use crate::infra::seed::SeedOp;
    let at = |id: &str, d: &[K::R]| d.iter().position(|r| r.id() == Some(id));
    match op {
        SeedOp::Add(s) => match K::suggested(&s) {
            Some(r) => {
                let line = K::summary(&r);
                draft.push(r);
                (Some((true, format!("{} {line}", i18n.t(Msg::SeedAdded)))), Some(draft.len() - 1))
            }
            None => (Some((false, i18n.t(Msg::SeedUnwritable).to_owned())), None),
        },
        SeedOp::Revoke(id) => match at(&id, draft) {
            Some(i) => {
                let line = K::summary(&draft.remove(i));
                (Some((true, format!("{} {line}", i18n.t(Msg::SeedRevoked)))), None)
            }
            None => (Some((false, format!("{} {id}", i18n.t(Msg::SeedGone)))), None),
        },
        SeedOp::Narrow(id) => match at(&id, draft) {
            Some(i) => (Some((true, format!("{} {}", i18n.t(Msg::SeedNarrow), K::summary(&draft[i])))), Some(i)),
            None => (Some((false, format!("{} {id}", i18n.t(Msg::SeedGone)))), None),
        },
    }
}

/// What the draft's buttons do.
struct Controls {
    add: Callback<()>,
    apply: Callback<()>,
    export: Callback<()>,
    open_file: Callback<leptos::ev::Event>,
    import_file: Callback<leptos::ev::Event>,
    roll_back: Callback<()>,
    go_on: Callback<()>,
    replan: Callback<()>,
    discard: Callback<()>,
    close: Callback<()>,
}

/// Where a run of calls is.
struct RunState {
    /// The change was shown, and its risk accepted if it has one.
    ready: Signal<bool>,
    done: RwSignal<usize>,
    total: RwSignal<usize>,
    outcome: RwSignal<Option<Run>>,
    busy: Signal<bool>,
    invalid: Signal<bool>,
    file_note: RwSignal<Option<(bool, Msg)>>,
    import_note: RwSignal<Option<(bool, String)>>,
}

/// The draft as shown: the same for every kind of group.
#[allow(clippy::too_many_arguments)]
fn layout(
    i18n: I18n,
    columns: &'static [Msg],
    rows: ViewFn,
    extras: AnyView,
    review: Memo<Review>,
    s: RunState,
    c: Controls,
    impact: AnyView,
) -> AnyView {
    let calls = move || {
        review.with(|r| {
            r.calls
                .iter()
                .enumerate()
                .map(|(k, (verb, text))| {
                    let end = r.ends.get(k).copied().unwrap_or(k + 1);
                    let state = move || if s.total.get() > 0 && end <= s.done.get() { "done" } else { "" };
                    view! { <li data-call=*verb data-state=state><code>{text.clone()}</code></li> }
                })
                .collect_view()
        })
    };
    let result = move || {
        s.outcome.get().map(|o| match o {
            Run::Applied => view! {
                <p class="ok" role="status" data-test="plan-applied">
                    {i18n.s(Msg::Applied)}" "
                    <button type="button" data-test="plan-close" on:click=move |_| c.close.run(())>{i18n.s(Msg::Close)}</button>
                </p>
            }
            .into_any(),
            Run::RolledBack => view! {
                <p class="ok" role="status" data-test="plan-rolled-back">
                    {i18n.s(Msg::RolledBack)}" "
                    <button type="button" data-test="plan-replan" on:click=move |_| c.replan.run(())>{i18n.s(Msg::Replan)}</button>
                </p>
            }
            .into_any(),
            Run::Stopped(Stop::ChangedMeanwhile { at }) => view! {
                <div class="plan-stop" role="alert" data-test="plan-stale" data-at=at>
                    <p>{i18n.s(Msg::ChangedMeanwhile)}</p>
                    <button type="button" data-test="plan-replan" on:click=move |_| c.replan.run(())>{i18n.s(Msg::Replan)}</button>
                </div>
            }
            .into_any(),
            Run::Stopped(Stop::Failed { at, error }) => view! {
                <div class="plan-stop" role="alert" data-test="plan-failed" data-at=at>
                    <p>{move || format!("{} {} / {}.", i18n.t(Msg::StoppedAt), at + 1, s.total.get())}</p>
                    <ErrorNotice error=Signal::derive(move || Some(error.clone()))/>
                    <button type="button" data-test="plan-rollback" on:click=move |_| c.roll_back.run(())>{i18n.s(Msg::RollBack)}</button>
                    <button type="button" data-test="plan-continue" on:click=move |_| c.go_on.run(())>{i18n.s(Msg::Continue)}</button>
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
                        {columns.iter().map(|&m| view! { <th scope="col">{i18n.s(m)}</th> }).collect_view()}
                        <th scope="col">{i18n.s(Msg::Actions)}</th>
                    </tr>
                </thead>
                <tbody>{move || rows.run()}</tbody>
            </table>
            <div class="form-actions">
                <button type="button" data-test="draft-add" on:click=move |_| c.add.run(())>{i18n.s(Msg::DraftAdd)}</button>
                <label class="file-button">
                    <span>{i18n.s(Msg::DraftImport)}</span>
                    <input type="file" accept=".json,.csv,application/json,text/csv" data-test="draft-import" on:change=move |ev| c.import_file.run(ev)/>
                </label>
                <label class="file-button">
                    <span>{i18n.s(Msg::PlanFileOpen)}</span>
                    <input type="file" accept=".json,application/json" data-test="plan-file" on:change=move |ev| c.open_file.run(ev)/>
                </label>
                <button type="button" class="link" data-test="draft-discard" on:click=move |_| c.discard.run(())>{i18n.s(Msg::DiscardDraft)}</button>
            </div>
            {extras}
            {move || s.import_note.get().map(|(ok, m)| view! {
                <p class:ok=ok class:field-error=!ok role="status" data-test="draft-import-note">{m}</p>
            })}
            {move || s.file_note.get().map(|(ok, m)| view! {
                <p class:ok=ok class:field-error=!ok role="status" data-test="plan-file-note" data-ok=ok.to_string()>{i18n.s(m)}</p>
            })}
            <h4>{i18n.s(Msg::Review)}</h4>
            <div data-test="plan-review">
                <Show when=move || review.with(|r| r.calls.is_empty())>
                    <p class="muted" data-test="plan-empty">{i18n.s(Msg::NoChanges)}</p>
                </Show>
                <ul class="plan-diff" data-test="plan-diff">{move || review.with(|r| r.diff.iter().map(|(kind, text)| view! { <li class=*kind data-change=*kind>{text.clone()}</li> }).collect_view())}</ul>
                <Show when=move || review.with(|r| !r.warnings.is_empty())>
                    <p><strong>{i18n.s(Msg::Warnings)}</strong></p>
                </Show>
                <ul class="plan-warnings" data-test="plan-warnings">{move || review.with(|r| r.warnings.iter().map(|(kind, text)| view! { <li data-warning=*kind>"⚠ "{text.clone()}</li> }).collect_view())}</ul>
                <Show when=move || review.with(|r| !r.calls.is_empty())>
                    <p>{i18n.s(Msg::CallsInOrder)}</p>
                </Show>
                <ol class="plan-calls" data-test="plan-calls">{calls}</ol>
                {impact}
                <Show when=move || review.with(|r| !r.calls.is_empty())>
                    <p class="muted">{i18n.s(Msg::PlanDigest)}" "<code data-test="plan-digest">{move || review.with(|r| r.digest.clone())}</code></p>
                </Show>
            </div>
            <div class="form-actions">
                <button
                    type="button"
                    class="primary"
                    data-test="plan-apply"
                    disabled=move || {
                        s.busy.get() || s.invalid.get() || review.with(|r| r.calls.is_empty()) || s.outcome.with(Option::is_some) || !s.ready.get()
                    }
                    on:click=move |_| c.apply.run(())
                >
                    {i18n.either(s.busy, Msg::Applying, Msg::Apply)}
                </button>
                <button type="button" data-test="plan-export" on:click=move |_| c.export.run(()) disabled=move || review.with(|r| r.calls.is_empty())>
                    {i18n.s(Msg::PlanExport)}
                </button>
                <Show when=move || s.busy.get()>
                    <span class="progress" data-test="plan-progress">{move || format!("{} / {}", s.done.get(), s.total.get())}</span>
                </Show>
            </div>
            {result}
        </section>
    }
    .into_any()
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window().and_then(|w| w.session_storage().ok().flatten())
}

fn kept_key(group: &str) -> String {
    format!("palisade.draft#{group}")
}

/// Whether this tab keeps an edited draft of `group` ("Remember in this tab"): its page
/// opens the draft again by itself, so a reload lands where the work was.
pub fn kept(group: &str) -> bool {
    let remember = use_context::<crate::settings::Settings>().is_some_and(|s| s.remember.get_untracked());
    remember && storage().and_then(|s| s.get_item(&kept_key(group)).ok().flatten()).is_some()
}
