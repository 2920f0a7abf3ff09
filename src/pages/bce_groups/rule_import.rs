use leptos::prelude::*;
use leptos::task::spawn_local;
use palisade_core::bce::security_group::SecurityGroupRule;
use palisade_core::codes::{self, ErrorCode};
use palisade_core::plan::{self, Call};
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use crate::api::{bce, use_api, ApiError};
use crate::components::notice::error_notice::ErrorNotice;
use crate::draft::impact::ImpactView;
use crate::draft::{apply_calls, DraftKind};
use crate::estate::impact::rules_change;
use crate::i18n::{use_i18n, Msg};
use crate::import::file::{self, FileError};
use crate::import::precheck::{self, OverQuota, Precheck};
use crate::infra::change::Gate;
use crate::pages::bce_groups::draft_kind::BceKind;
use crate::readable::rule_summary;

#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    Waiting,
    Added,
    /// The group had it already (found before sending, or answered 409 meanwhile).
    AlreadyPresent,
    DuplicateInFile,
    /// Refused before sending: the code the cloud would answer.
    Invalid(&'static ErrorCode),
    Failed(ApiError),
    NotSent,
}

impl Outcome {
    fn slug(&self) -> &'static str {
        match self {
            Outcome::Waiting => "waiting",
            Outcome::Added => "ok",
            Outcome::AlreadyPresent => "present",
            Outcome::DuplicateInFile => "duplicate",
            Outcome::Invalid(_) | Outcome::Failed(_) => "failed",
            Outcome::NotSent => "skipped",
        }
    }
}

/// How an import ended, counted as it goes (not recounted from the rows at each step).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Tally {
    added: usize,
    present: usize,
    duplicate: usize,
    failed: usize,
    not_sent: usize,
    /// How the import ended, once it has.
    ended: Option<End>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum End {
    Finished,
    Stopped,
    Cancelled,
}

impl End {
    fn slug(self) -> &'static str {
        match self {
            End::Finished => "finished",
            End::Stopped => "stopped",
            End::Cancelled => "cancelled",
        }
    }

    fn msg(self) -> Msg {
        match self {
            End::Finished => Msg::ImportFinished,
            End::Stopped => Msg::Stopped,
            End::Cancelled => Msg::ImportCancelled,
        }
    }
}

impl Tally {
    fn count(&mut self, o: &Outcome) {
        match o {
            Outcome::Waiting => {}
            Outcome::Added => self.added += 1,
            Outcome::AlreadyPresent => self.present += 1,
            Outcome::DuplicateInFile => self.duplicate += 1,
            Outcome::Invalid(_) | Outcome::Failed(_) => self.failed += 1,
            Outcome::NotSent => self.not_sent += 1,
        }
    }

    fn done(&self) -> usize {
        self.added + self.present + self.duplicate + self.failed + self.not_sent
    }
}

/// Why a file was not imported at all.
#[derive(Debug, Clone, PartialEq)]
enum Refused {
    BadFile(FileError),
    OverQuota(OverQuota),
}

/// Height of one result line; the list draws only the lines in view.
const LINE_HEIGHT: f64 = 24.0;

/// Imports rules from a JSON or CSV file. The file is checked against the group first:
/// rules it has already and repeats within the file are skipped, rules the cloud would
/// refuse are reported with their code, and a file that would take the group past its
/// quota sends nothing. The rest go one `authorizeRule` each through the group's plan
/// (the runner every change takes), in order, with a progress
/// bar, a Cancel, a result per rule and a summary at the end.
#[component]
pub fn BceRuleImport(group_id: String, on_changed: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let group_id = StoredValue::new(group_id);
    let stop_on_error = RwSignal::new(true);
    let rows = RwSignal::new(Vec::<(SecurityGroupRule, Outcome)>::new());
    let tally = RwSignal::new(Tally::default());
    let running = RwSignal::new(false);
    let cancel = RwSignal::new(false);
    let file_error = RwSignal::new(None::<ApiError>);
    // One signal for both refusals (each signal type adds its own code to the wasm).
    let refused = RwSignal::new(None::<Refused>);

    // What the file will send, once checked against the group: the rules to send (with
    // their row) and the group's rules they are planned from.
    let staged = StoredValue::new(None::<(Vec<(usize, SecurityGroupRule, Option<&'static ErrorCode>)>, Vec<SecurityGroupRule>)>);
    let ready = RwSignal::new(false);
    let gate = Gate::new();
    // Step 1, as soon as the file is read: checked against the group, each rule's outcome
    // so far shown, and the whole import's impact and warnings; nothing is sent.
    let check = move |rules: Vec<SecurityGroupRule>| {
        running.set(true);
        ready.set(false);
        cancel.set(false);
        refused.set(None);
        rows.set(Vec::new());
        tally.set(Tally::default());
        spawn_local(async move {
            let group = match bce::get_security_group(&api, &group_id.get_value()).await {
                Ok(g) => g,
                Err(e) => {
                    file_error.try_set(Some(e));
                    running.try_set(false);
                    return;
                }
            };
            let checks = match precheck::precheck(&group.rules, &rules) {
                Ok(c) => c,
                Err(over) => {
                    refused.try_set(Some(Refused::OverQuota(over)));
                    running.try_set(false);
                    return;
                }
            };
            // What is left to do, in file order: the rules to send (`None`) and those to
            // report with the code the cloud would answer. Rules already there or repeated
            // are settled by the check.
            let pending: Vec<(usize, SecurityGroupRule, Option<&'static ErrorCode>)> = rules
                .iter()
                .zip(&checks)
                .enumerate()
                .filter_map(|(i, (r, c))| match c {
                    Precheck::Send => Some((i, r.clone(), None)),
                    Precheck::Invalid(code) => Some((i, r.clone(), Some(*code))),
                    Precheck::AlreadyPresent | Precheck::DuplicateInFile => None,
                })
                .collect();
            let first: Vec<(SecurityGroupRule, Outcome)> = rules
                .into_iter()
                .zip(&checks)
                .map(|(r, c)| {
                    let o = match c {
                        Precheck::AlreadyPresent => Outcome::AlreadyPresent,
                        Precheck::DuplicateInFile => Outcome::DuplicateInFile,
                        Precheck::Send | Precheck::Invalid(_) => Outcome::Waiting,
                    };
                    (r, o)
                })
                .collect();
            let mut counted = Tally::default();
            first.iter().for_each(|(_, o)| counted.count(o));
            if rows.try_set(first).is_some() || tally.try_set(counted).is_some() {
                return; // the view is gone
            }
            let _ = staged.try_set_value(Some((pending, group.rules)));
            ready.try_set(true);
            running.try_set(false);
        });
    };
    // The import as one change: from the group's rules to those plus every rule to send.
    let whole = move || {
        staged.with_value(|s| {
            s.as_ref().map(|(pending, base)| {
                let target: Vec<SecurityGroupRule> =
                    base.iter().cloned().chain(pending.iter().filter(|p| p.2.is_none()).map(|p| p.1.clone())).collect();
                (base.clone(), target)
            })
        })
    };
    let review = Memo::new(move |_| {
        if !ready.get() {
            return crate::draft::Review::default();
        }
        whole().map(|(base, target)| crate::draft::preview::<BceKind>(i18n, &base, &target)).unwrap_or_default()
    });
    let change = Signal::derive(move || {
        (ready.get() && review.with(|r| !r.calls.is_empty()))
            .then(|| whole().map(|(b, t)| rules_change(&group_id.get_value(), &b, &t)))
            .flatten()
    });
    // Step 2, on Send: the rules go one `authorizeRule` each through the group's plan,
    // under the name the impact view showed.
    let run = move || {
        let Some((pending, base)) = staged.get_value() else { return };
        if !gate.ready_untracked() {
            return;
        }
        staged.set_value(None);
        ready.set(false);
        running.set(true);
        gate.what.set(format!("{} ({}) · {}", i18n.t(Msg::ImportRules), pending.len(), group_id.get_value()));
        spawn_local(crate::api::transport::Tagged::new(gate.id.get_untracked(), async move {
            let stop = stop_on_error.get_untracked();
            let mut current = base;
            let mut end = None;
            for (i, rule, invalid) in pending {
                let outcome = match invalid {
                    _ if end.is_some() => Outcome::NotSent,
                    _ if cancel.try_get_untracked() != Some(false) => {
                        end = Some(End::Cancelled);
                        Outcome::NotSent
                    }
                    Some(code) => Outcome::Invalid(code),
                    // Each rule through the group's plan, from the rules the import has
                    // seen: the runner reads the group first (its version too) and sends
                    // nothing once someone else has changed it.
                    None => {
                        let target: Vec<SecurityGroupRule> = current.iter().cloned().chain([rule]).collect();
                        // An import only ever adds: a plan that would edit or delete a rule
                        // of the group is refused, whatever the file said (#36).
                        let calls = plan::plan(&current, &target, BceKind::CAPS).calls;
                        let sent = if calls.iter().all(|c| matches!(c, Call::Add(_))) {
                            apply_calls::<BceKind>(api, group_id.get_value(), current.clone(), calls, Box::new(|_| ())).await
                        } else {
                            Err(ApiError::Local("an import only adds rules; this one would change a rule of the group".into()))
                        };
                        match sent {
                            Ok(()) => {
                                // Known by a placeholder id until the group is read again: a
                                // rule without one would be planned as new, again.
                                current = target;
                                if let Some(r) = current.last_mut() {
                                    r.security_group_rule_id = Some(format!("imported-{i}"));
                                }
                                Outcome::Added
                            }
                            Err(e) if e.code() == Some(codes::RULE_DUPLICATED.code) => Outcome::AlreadyPresent,
                            Err(e) => {
                                // The rules seen are not the group's any more: nothing after
                                // this could be planned from them.
                                if e == ApiError::ChangedMeanwhile {
                                    end = Some(End::Stopped);
                                }
                                Outcome::Failed(e)
                            }
                        }
                    }
                };
                let failed = matches!(outcome, Outcome::Invalid(_) | Outcome::Failed(_));
                if tally.try_update(|t| t.count(&outcome)).is_none() || rows.try_update(|r| r[i].1 = outcome).is_none() {
                    return; // the view is gone
                }
                if failed && stop && end.is_none() {
                    end = Some(End::Stopped);
                }
            }
            tally.try_update(|t| t.ended = Some(end.unwrap_or(End::Finished)));
            // `try_set` gives the value back when the view is gone: then nobody is told.
            if running.try_set(false).is_none() {
                on_changed.run(());
            }
        }));
    };
    let on_file = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = ev.target().unwrap().unchecked_into();
        let Some(f) = input.files().and_then(|f| f.get(0)) else { return };
        input.set_value("");
        refused.set(None);
        file_error.set(None);
        spawn_local(async move {
            let text = JsFuture::from(f.text()).await.ok().and_then(|t| t.as_string()).unwrap_or_default();
            match file::parse(&text) {
                Ok(rules) => check(rules),
                Err(e) => {
                    refused.try_set(Some(Refused::BadFile(e)));
                }
            }
        });
    };

    // The result list draws only the lines in view: 30,000 results scroll like 30.
    let scroll_top = RwSignal::new(0.0f64);
    let scroller = NodeRef::<leptos::html::Div>::new();
    let window = move || crate::infra::windowed::visible(scroll_top.get(), 14.0 * 16.0, LINE_HEIGHT, 10, rows.with(|r| r.len()));
    let lines = move || {
        let (first, last) = window();
        rows.with(|r| r[first..last].to_vec())
            .into_iter()
            .map(|(rule, outcome)| {
                let (label, code) = match &outcome {
                    Outcome::Waiting => (i18n.t(Msg::Working).to_owned(), String::new()),
                    Outcome::Added => (i18n.t(Msg::Ok).to_owned(), String::new()),
                    Outcome::AlreadyPresent => (i18n.t(Msg::AlreadyPresent).to_owned(), String::new()),
                    Outcome::DuplicateInFile => (i18n.t(Msg::DuplicateInFile).to_owned(), String::new()),
                    Outcome::NotSent => (i18n.t(Msg::Skipped).to_owned(), String::new()),
                    Outcome::Invalid(c) => (format!("{}: {}", i18n.t(Msg::Failed), i18n.explain(c)), c.code.to_owned()),
                    Outcome::Failed(e) => {
                        let why = e.documented().map(|c| i18n.explain(c).to_owned()).unwrap_or_else(|| e.words());
                        (format!("{}: {why}", i18n.t(Msg::Failed)), e.code().unwrap_or("").to_owned())
                    }
                };
                let summary = rule_summary(&rule);
                let shown = summary.clone();
                view! {
                    <li class=outcome.slug() data-outcome=outcome.slug() data-code=code.clone() title=summary>
                        <code>{shown}</code>" — "{label}{(!code.is_empty()).then(|| format!(" ({code})"))}
                    </li>
                }
            })
            .collect_view()
    };
    let pad = move |before: bool| {
        let (first, last) = window();
        let total = rows.with(|r| r.len());
        format!("{}px", if before { first } else { total - last } * LINE_HEIGHT as usize)
    };
    let refusal = move || {
        refused.get().map(|r| match r {
            Refused::BadFile(e) => format!("{} {}: {}", i18n.t(Msg::ImportBadFile), i18n.at(e.line, e.column), e.what),
            Refused::OverQuota(q) => {
                let direction = i18n.t(if q.direction == palisade_core::Direction::Egress { Msg::Egress } else { Msg::Ingress });
                format!("{} {direction}: {} + {} > {}", i18n.t(Msg::ImportOverQuota), q.existing, q.adding, q.limit)
            }
        })
    };
    let summary = move || {
        let t = tally.get();
        format!(
            "{} {} · {} {} · {} {} · {} {} · {} {}",
            i18n.t(Msg::Added),
            t.added,
            i18n.t(Msg::AlreadyPresent),
            t.present,
            i18n.t(Msg::DuplicateInFile),
            t.duplicate,
            i18n.t(Msg::Skipped),
            t.not_sent,
            i18n.t(Msg::Failed),
            t.failed
        )
    };
    view! {
        <section class="rule-import" data-test="rule-import">
            <div class="form-row">
                <label class="file-button">
                    <span>{i18n.s(Msg::ImportRules)}</span>
                    <input
                        type="file"
                        accept="application/json,.json,text/csv,.csv"
                        data-test="import-file"
                        on:change=on_file
                        disabled=move || running.get()
                    />
                </label>
                <label class="check">
                    <input type="checkbox" data-test="import-stop" bind:checked=stop_on_error/>
                    {i18n.s(Msg::StopOnError)}
                </label>
                <Show when=move || running.get()>
                    // Stops before the next rule; the one in flight gets its answer.
                    <button type="button" data-test="import-cancel" title=i18n.s(Msg::CannotCancelInFlight) on:click=move |_| cancel.set(true)>
                        {i18n.s(Msg::Cancel)}
                    </button>
                </Show>
            </div>
            <Show when=move || refused.with(Option::is_some)>
                <p
                    class="field-error"
                    role="alert"
                    data-test=move || refused.with(|r| if matches!(r, Some(Refused::OverQuota(_))) { "import-over-quota" } else { "import-bad-file" })
                >
                    {refusal}
                </p>
            </Show>
            <ErrorNotice error=file_error/>
            <Show when=move || ready.get()>
                <div class="import-send" data-test="import-staged">
                    <ImpactView gate=gate change=change review=review/>
                    <button type="button" class="primary" data-test="import-send" disabled=move || !gate.ready() on:click=move |_| run()>
                        {move || format!("{} ({})", i18n.t(Msg::ImportSend), staged.with_value(|s| s.as_ref().map_or(0, |(p, _)| p.len())))}
                    </button>
                    <button type="button" data-test="import-discard" on:click=move |_| { staged.set_value(None); ready.set(false); rows.set(Vec::new()); }>
                        {i18n.s(Msg::Cancel)}
                    </button>
                </div>
            </Show>
            <Show when=move || rows.with(|r| !r.is_empty())>
                <label class="progress">
                    <span>{move || format!("{} {} / {}", i18n.t(Msg::Processed), tally.with(Tally::done), rows.with(|r| r.len()))}</span>
                    <progress data-test="import-progress" max=move || rows.with(|r| r.len()) value=move || tally.with(Tally::done)></progress>
                </label>
                // `data-tally`: added present duplicate failed not-sent, for tests and scripts.
                <p
                    role="status"
                    data-test="import-summary"
                    data-tally=move || tally.with(|t| format!("{} {} {} {} {}", t.added, t.present, t.duplicate, t.failed, t.not_sent))
                    data-ended=move || tally.with(|t| t.ended.map(End::slug))
                >
                    {move || tally.with(|t| t.ended).map(|e| format!("{} ", i18n.t(e.msg())))}
                    {summary}
                </p>
                <div
                    class="import-results"
                    node_ref=scroller
                    on:scroll=move |_| {
                        if let Some(el) = scroller.get_untracked() {
                            scroll_top.set(el.scroll_top() as f64);
                        }
                    }
                >
                    <div style:height=move || pad(true)></div>
                    <ol data-test="import-results">{lines}</ol>
                    <div style:height=move || pad(false)></div>
                </div>
            </Show>
        </section>
    }
}
