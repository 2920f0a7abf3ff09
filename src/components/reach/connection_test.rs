use leptos::prelude::*;
use palisade_core::reach::{self, Connection, NoSuggestion, Rule, Semantics, Suggestion, Verdict};

use crate::components::reach::connection_form::ConnectionForm;
use crate::i18n::{use_i18n, Msg};

/// What a test found: the verdict (with indices into the caller's rule list) and the
/// smallest fix for a refusal.
#[derive(Debug, Clone, PartialEq)]
struct Outcome {
    verdict: Verdict,
    fix: Result<Suggestion, NoSuggestion>,
}

/// Judges `c` on the rules that read (a rule the evaluator cannot read takes no part),
/// naming rules by their index in `rules`.
fn judge(rules: &[Option<Rule>], semantics: Semantics, lowest: u32, c: &Connection) -> Outcome {
    let (readable, index): (Vec<Rule>, Vec<usize>) = rules.iter().enumerate().filter_map(|(i, r)| r.clone().map(|r| (r, i))).unzip();
    let mut verdict = reach::evaluate(&readable, semantics, c);
    verdict.decided_by = verdict.decided_by.map(|i| index[i]);
    verdict.unresolved = verdict.unresolved.iter().map(|&i| index[i]).collect();
    Outcome { verdict, fix: reach::suggest(&readable, semantics, c, lowest) }
}

fn suggestion_text(s: &Suggestion, priority: &str) -> String {
    let port = s.port.map(|p| format!(" {p}")).unwrap_or_default();
    let at = s.priority.map(|p| format!(" · {priority} {p}")).unwrap_or_default();
    format!("allow {} {}{port} {}{at}", s.direction.as_str(), s.protocol.name(), s.remote)
}

/// "Test a connection": a direction, protocol, port and remote address, judged on the
/// rules in force with the cloud's own semantics; the deciding rule is named (and marked
/// in the table through `decided`), and a refusal comes with the smallest rule that would
/// allow it.
#[component]
pub fn ConnectionTest(
    /// Every rule in force, in the evaluator's terms (`None`: one it cannot read).
    #[prop(into)]
    rules: Signal<Vec<Option<Rule>>>,
    semantics: Semantics,
    /// The cloud's lowest-precedence priority (ESG 1000, Huawei 100).
    lowest: u32,
    /// The rule at an index, as the verdict names it.
    describe: Callback<usize, String>,
    decided: RwSignal<Option<usize>>,
    /// Shown unfolded (where the test is what the user asked for).
    #[prop(optional)]
    open: bool,
    /// Where a suggested rule can be put for review before sending (a rule form).
    #[prop(optional)]
    on_fix: Option<Callback<Suggestion>>,
    /// The smallest fix found, for a caller that offers its own ways to use it.
    #[prop(optional)]
    found: Option<RwSignal<Option<Suggestion>>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let tested = RwSignal::new(None::<Connection>);
    // Re-judged when the rules change (a rule added or deleted meanwhile).
    let outcome = Memo::new(move |_| tested.get().map(|c| rules.with(|rs| judge(rs, semantics, lowest, &c))));
    Effect::new(move |_| decided.set(outcome.with(|o| o.as_ref().and_then(|o| o.verdict.decided_by))));
    if let Some(found) = found {
        Effect::new(move |_| found.set(outcome.with(|o| o.as_ref().and_then(|o| o.fix.clone().ok()))));
    }
    let result = move || {
        outcome.get().map(|o| {
                let allowed = o.verdict.allowed;
                let head = match (allowed, o.verdict.decided_by) {
                    (true, _) => Msg::AllowedBy,
                    (false, Some(_)) => Msg::RefusedBy,
                    (false, None) => Msg::RefusedDefault,
                };
                let rule = o.verdict.decided_by.map(|i| view! { <code data-test="deciding-rule">{describe.run(i)}</code> });
                let unsure = (!o.verdict.unresolved.is_empty()).then(|| {
                    let list = o.verdict.unresolved.iter().map(|&i| view! { <li><code>{describe.run(i)}</code></li> }).collect_view();
                    view! { <div data-test="uncertain"><p>{i18n.s(Msg::Uncertain)}</p><ul>{list}</ul></div> }
                });
                let fix = match &o.fix {
                Ok(s) => {
                    let fix = s.clone();
                    let use_it = on_fix.map(|cb| view! {
                        " "<button type="button" class="link" data-test="use-suggestion" on:click=move |_| cb.run(fix.clone())>{i18n.s(Msg::UseSuggestion)}</button>
                    });
                    Some(view! {
                        <p data-test="suggestion">{i18n.s(Msg::SmallestFix)}" "<code>{suggestion_text(s, i18n.t(Msg::Priority))}</code>{use_it}</p>
                    }.into_any())
                }
                Err(NoSuggestion::DenyAtTop) => Some(view! { <p data-test="suggestion">{i18n.s(Msg::DenyAtTop)}</p> }.into_any()),
                Err(NoSuggestion::Allowed) => None,
            };
                view! {
                    <div class="verdict" class:refused=!allowed data-test="verdict" data-allowed=allowed.to_string() role="status">
                        <p><strong>{i18n.s(head)}</strong>" "{rule}</p>
                        {unsure}
                        {fix}
                    </div>
                }
            })
    };
    view! {
        <details class="connection-test" data-test="connection-test" open=open>
            <summary>{i18n.s(Msg::TestConnection)}</summary>
            <ConnectionForm submit_label=Msg::TestRun on_submit=Callback::new(move |c| tested.set(Some(c)))/>
            {result}
        </details>
    }
}
