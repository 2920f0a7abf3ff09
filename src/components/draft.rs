//! A group's rules edited as a draft, for any of the three kinds of group (#17): the rules
//! change here, not in the cloud; the review shows the difference, the exact calls in
//! make-before-break order (core's `plan`) and the warnings; Apply sends them one by one,
//! reading the group before each call, and a stop offers Roll back (the applied calls
//! undone, in reverse) or Continue. What differs between the clouds (how the group is
//! read, how a call is sent, a rule's cells) is a `DraftKind`.

use std::future::Future;

use leptos::prelude::*;
use palisade_core::codes;
use palisade_core::plan::{self, same_rules, Call, Caps, Change as Edit, PlanFile, PlanFileRefusal, PlanRule, Warning, PLAN_FORMAT};
use palisade_core::validate::Problem;
use serde::{de::DeserializeOwned, Serialize};
use wasm_bindgen::JsCast;

use crate::api::{use_api, Api, ApiError};
use crate::change::Change;
use crate::components::error_notice::ErrorNotice;
use crate::i18n::{use_i18n, I18n, Msg};
use crate::import::file::{self, FileRule};

/// One kind of group as a draft sees it.
pub trait DraftKind: 'static {
    type R: PlanRule + FileRule + Serialize + DeserializeOwned + Send + Sync + 'static;
    /// The cloud's name in a plan file (`bce`, `huawei`).
    const CLOUD: &'static str;
    const CAPS: Caps;
    /// The draft's columns (an Actions column follows).
    const COLUMNS: &'static [Msg];
    /// The group's rules as they are now, and its version when the cloud keeps one.
    fn live(api: Api, group: String) -> impl Future<Output = Result<(Vec<Self::R>, Option<i64>), ApiError>>;
    /// Sends one call; `live` is what the group held just before (for the checks the
    /// cloud makes against the other rules).
    fn send(
        api: Api,
        group: String,
        call: Call<Self::R>,
        live: Vec<Self::R>,
        version: Option<i64>,
    ) -> impl Future<Output = Result<(), ApiError>>;
    /// How many new rules one call can add (`plan::batches`).
    const BATCH: usize = 1;
    /// Adds several rules in one call (only called with more than one when `BATCH` > 1).
    fn send_adds(
        api: Api,
        group: String,
        rules: Vec<Self::R>,
        live: Vec<Self::R>,
        version: Option<i64>,
    ) -> impl Future<Output = Result<(), ApiError>> {
        async move {
            for r in rules {
                Self::send(api, group.clone(), Call::Add(r), live.clone(), version).await?;
            }
            Ok(())
        }
    }
    /// Several adds sent as one call, as the review lists it.
    fn adds_line(rules: &[Self::R]) -> String {
        rules.iter().map(|r| Self::call_line(&Call::Add(r.clone())).1).collect::<Vec<_>>().join(" · ")
    }
    /// The rule as the cloud would check it.
    fn problems(r: &Self::R) -> Vec<Problem>;
    /// One line naming the rule.
    fn summary(r: &Self::R) -> String;
    /// The rule's fields by their wire names, in a fixed order: what a changed rule's
    /// review line compares, field by field.
    fn fields(r: &Self::R) -> Vec<(&'static str, String)>;
    /// The call as the review lists it: a short name for tests, and the request.
    fn call_line(c: &Call<Self::R>) -> (&'static str, String);
    /// A new rule's starting values.
    fn blank() -> Self::R;
    /// The rule's editable cells.
    fn cells(i18n: I18n, r: &Self::R, edit: RuleEdit<Self::R>) -> AnyView;
    /// Controls only this kind has (Baidu: rules from a file or another group).
    fn extras(_i18n: I18n, _ctx: DraftCtx<Self::R>) -> AnyView {
        ().into_any()
    }
}

/// A cell's handle on one rule of the draft.
pub struct RuleEdit<R: 'static> {
    draft: RwSignal<Vec<R>>,
    i: usize,
}

impl<R> Clone for RuleEdit<R> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<R> Copy for RuleEdit<R> {}

impl<R: Send + Sync + 'static> RuleEdit<R> {
    pub fn set(self, f: impl Fn(&mut R)) {
        self.draft.update(|d| {
            if let Some(r) = d.get_mut(self.i) {
                f(r);
            }
        })
    }
}

/// What a kind's own controls work on.
pub struct DraftCtx<R: 'static> {
    pub draft: RwSignal<Vec<R>>,
    pub group: StoredValue<String>,
    /// What the last rules brought in did (a file, a copy): shown under the draft.
    pub note: RwSignal<Option<(bool, String)>>,
}

impl<R> Clone for DraftCtx<R> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<R> Copy for DraftCtx<R> {}

impl<R: PlanRule + Send + Sync + 'static> DraftCtx<R> {
    /// Rules from elsewhere join the draft (never the cloud directly); one the draft
    /// already holds, by the cloud's identity, is not added twice. Returns how many joined.
    pub fn join(self, rules: Vec<R>) -> usize {
        let mut added = 0;
        self.draft.update(|d| {
            for r in rules {
                let r = r.content();
                let id = r.identity();
                if !d.iter().any(|x| x.identity() == id) {
                    d.push(r);
                    added += 1;
                }
            }
        });
        added
    }

    /// Rules copied from `from` join the draft; what the draft's note says of it
    /// ("2 / 3 rules joined the draft (g-1)").
    pub fn join_from(self, i18n: I18n, rules: Vec<R>, from: &str) -> String {
        let n = rules.len();
        format!("{} / {n} {} ({from})", self.join(rules), i18n.t(Msg::JoinedDraft))
    }
}

/// "Copy the rules of": a chooser of other groups (`(value, label)`) whose pick is handed
/// to `on_pick`; it goes back to "—", so the same group can be picked again.
pub fn copy_chooser(i18n: I18n, options: Signal<Vec<(String, String)>>, on_pick: Callback<String>) -> AnyView {
    let pick = move |ev: leptos::ev::Event| {
        let from = event_target_value(&ev);
        let select: web_sys::HtmlSelectElement = event_target(&ev);
        select.set_value("");
        if !from.is_empty() {
            on_pick.run(from);
        }
    };
    view! {
        <div class="form-actions draft-extras">
            <label class="field inline">
                <span>{i18n.s(Msg::CopyFrom)}</span>
                <select data-test="draft-copy-from" on:change=pick>
                    <option value="">"—"</option>
                    {move || options.get().into_iter().map(|(value, label)| view! { <option value=value>{label}</option> }).collect_view()}
                </select>
            </label>
        </div>
    }
    .into_any()
}

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
/// it, and nothing more is sent — unless a resumed run finds what its first call leaves
/// (that call went through, its answer lost: it is not sent twice). Each call carries the version
/// just read, and names the cloud's ids of rules this run created (`plan::resolve_ids`).
async fn run<K: DraftKind>(
    api: Api,
    group: String,
    calls: Vec<Call<K::R>>,
    mut expected: Vec<K::R>,
    // The first call was sent before without a verdict (a Continue): the group may hold
    // what it leaves.
    resumed: bool,
    // A `dyn`: one copy of this (large) future per kind, not one per caller's closure.
    progress: &dyn Fn(usize),
) -> Option<Stop> {
    for batch in plan::batches(&calls, K::BATCH) {
        let at = batch.start;
        let (live, version) = match K::live(api, group.clone()).await {
            Ok(l) => l,
            Err(error) => return Some(Stop::Failed { at, error }),
        };
        // The rules each call names, as the expected rules know them (an undo of a rule
        // this run created names it by content only), and the group after the batch.
        let mut after = expected.clone();
        for (k, call) in calls[batch.clone()].iter().enumerate() {
            let known = plan::resolve_ids(call, &after);
            plan::apply(&mut after, &known, || format!("applied-{}", at + k));
        }
        if !same_rules(&live, &expected) {
            if !(resumed && at == 0 && same_rules(&live, &after)) {
                return Some(Stop::ChangedMeanwhile { at });
            }
        } else {
            let sent = match &calls[batch.clone()] {
                [call] => K::send(api, group.clone(), plan::resolve_ids(call, &live), live, version).await,
                adds => {
                    let rules = adds.iter().filter_map(|c| if let Call::Add(r) = c { Some(r.clone()) } else { None }).collect();
                    K::send_adds(api, group.clone(), rules, live, version).await
                }
            };
            match sent {
                // The group moved on between the read and the call: the cloud refused the
                // version (Baidu), which is someone else's change, as above.
                Err(e) if e.code() == Some(codes::VERSION_MISMATCH.code) => return Some(Stop::ChangedMeanwhile { at }),
                Err(error) => return Some(Stop::Failed { at, error }),
                Ok(()) => {}
            }
        }
        expected = after;
        progress(batch.end);
    }
    None
}

/// One change to a group made through its plan, as every single-rule form makes it: the
/// plan from `base` (the rules the form was computed from) to `target`, sent by the same
/// runner as a draft's Apply. Nothing is sent once the group holds other rules than the
/// plan expects (`ApiError::ChangedMeanwhile`). `progress` hears how many calls are done.
pub async fn apply_change<K: DraftKind>(
    api: Api,
    group: String,
    base: Vec<K::R>,
    target: Vec<K::R>,
    progress: Box<dyn Fn(usize)>,
) -> Result<(), ApiError> {
    let calls = plan::plan(&base, &target, K::CAPS).calls;
    apply_calls::<K>(api, group, base, calls, progress).await
}

/// A plan's `calls` from `base`, sent as `apply_change` sends them (for a form that needs
/// the calls too, to know which went through).
pub async fn apply_calls<K: DraftKind>(
    api: Api,
    group: String,
    base: Vec<K::R>,
    calls: Vec<Call<K::R>>,
    progress: Box<dyn Fn(usize)>,
) -> Result<(), ApiError> {
    match run::<K>(api, group, calls, base, false, &*progress).await {
        None => Ok(()),
        Some(Stop::Failed { error, .. }) => Err(error),
        Some(Stop::ChangedMeanwhile { .. }) => Err(ApiError::ChangedMeanwhile),
    }
}

/// `rules` without `rule` (by id): what deleting it leaves.
pub fn without<R: PlanRule>(rules: &[R], rule: &R) -> Vec<R> {
    rules.iter().filter(|r| r.id() != rule.id()).cloned().collect()
}

/// What a change from `base` to `target` would send and what to read first: the calls
/// and the warnings, as a draft's review shows them.
pub fn preview<K: DraftKind>(i18n: I18n, base: &[K::R], target: &[K::R]) -> Review {
    let p = plan::plan(base, target, K::CAPS);
    let w = plan::warnings(base, target, &p, K::CAPS);
    review_of::<K>(i18n, &p, &w, target)
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
    let key = format!("palisade.draft#{}", group.get_value());
    let storage = || web_sys::window().and_then(|w| w.session_storage().ok().flatten());
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
    let start = move |calls: Vec<Call<K::R>>, from: Vec<K::R>, rollback: bool, resumed: bool| {
        outcome.set(None);
        done.set(0);
        total.set(calls.len());
        let group = group.get_value();
        runner.run(async move {
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
        let saved = crate::download::save_json(&format!("{}-plan.json", group.get_value()), &text);
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

    let rows = move || {
        draft.with(|d| {
            d.iter()
                .enumerate()
                .map(|(i, r)| {
                    let problems = K::problems(r);
                    let cells = K::cells(i18n, r, RuleEdit { draft, i });
                    view! {
                        <tr data-draft-rule=i class:invalid=!problems.is_empty()>
                            {cells}
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
    let add = move |_: ()| draft.update(|d| d.push(K::blank()));
    // A JSON or CSV rules file in the cloud's own field names joins the draft.
    let ctx = DraftCtx { draft, group, note: RwSignal::new(None) };
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
    let state = RunState { done, total, outcome, busy, invalid: invalid.into(), file_note, import_note: ctx.note };
    layout(i18n, K::COLUMNS, rows, K::extras(i18n, ctx), review, state, controls)
}

/// The review as text: what changes, the calls in order, the warnings.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Review {
    pub diff: Vec<(&'static str, String)>,
    pub calls: Vec<(&'static str, String)>,
    pub warnings: Vec<(&'static str, String)>,
    /// Where each listed call ends in the plan's calls (a batch of adds is one call).
    pub ends: Vec<usize>,
    /// `plan::digest` of the calls: what an approval names.
    pub digest: String,
}

/// Each field a change touches, old → new (`portRange 80 → 8080`); an empty value is `—`.
fn changed_fields<K: DraftKind>(from: &K::R, to: &K::R) -> String {
    let shown = |v: &str| if v.is_empty() { "—".to_owned() } else { v.to_owned() };
    K::fields(from)
        .into_iter()
        .zip(K::fields(to))
        .filter(|((_, a), (_, b))| a != b)
        .map(|((name, a), (_, b))| format!("{name} {} → {}", shown(&a), shown(&b)))
        .collect::<Vec<_>>()
        .join(", ")
}

fn review_of<K: DraftKind>(i18n: I18n, p: &plan::Plan<K::R>, ws: &[Warning], d: &[K::R]) -> Review {
    let diff = p
        .diff
        .iter()
        .map(|c| match c {
            Edit::Added(r) => ("added", format!("{} {}", i18n.t(Msg::ChangeAdded), K::summary(r))),
            Edit::Removed(r) => ("removed", format!("{} {}", i18n.t(Msg::ChangeRemoved), K::summary(r))),
            Edit::Changed { from, to } => {
                ("changed", format!("{} {}: {}", i18n.t(Msg::ChangeChanged), K::summary(from), changed_fields::<K>(from, to)))
            }
        })
        .collect();
    let line = |i: usize| d.get(i).map(K::summary).unwrap_or_default();
    let warnings = ws
        .iter()
        .map(|w| match w {
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
        })
        .collect();
    let batches = plan::batches(&p.calls, K::BATCH);
    let ends = batches.iter().map(|b| b.end).collect();
    let calls = batches
        .into_iter()
        .map(|b| match &p.calls[b] {
            [call] => K::call_line(call),
            adds => {
                let rules: Vec<K::R> = adds.iter().filter_map(|c| if let Call::Add(r) = c { Some(r.clone()) } else { None }).collect();
                ("authorizeRule", K::adds_line(&rules))
            }
        })
        .collect();
    Review { diff, calls, warnings, ends, digest: plan::digest(&p.calls) }
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
    done: RwSignal<usize>,
    total: RwSignal<usize>,
    outcome: RwSignal<Option<Run>>,
    busy: Signal<bool>,
    invalid: Signal<bool>,
    file_note: RwSignal<Option<(bool, Msg)>>,
    import_note: RwSignal<Option<(bool, String)>>,
}

/// The draft as shown: the same for every kind of group.
fn layout(i18n: I18n, columns: &'static [Msg], rows: ViewFn, extras: AnyView, review: Memo<Review>, s: RunState, c: Controls) -> AnyView {
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
                <Show when=move || review.with(|r| !r.calls.is_empty())>
                    <p class="muted">{i18n.s(Msg::PlanDigest)}" "<code data-test="plan-digest">{move || review.with(|r| r.digest.clone())}</code></p>
                </Show>
            </div>
            <div class="form-actions">
                <button
                    type="button"
                    class="primary"
                    data-test="plan-apply"
                    disabled=move || s.busy.get() || s.invalid.get() || review.with(|r| r.calls.is_empty()) || s.outcome.with(Option::is_some)
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
