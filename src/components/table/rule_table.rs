use leptos::prelude::*;

use crate::components::table::windowed_table::WindowedTable;
pub use crate::components::table::windowed_table::ROW_HEIGHT;
use crate::i18n::{use_i18n, Msg};
use crate::infra::text::{Query, Searchable};

use crate::readable::RuleLine;

/// A button at the end of each row: its label, its `data-test`, whether it destroys,
/// and what it does with the row's index in `lines`.
#[derive(Clone, Copy)]
pub struct RowAction {
    pub label: Msg,
    pub test: &'static str,
    pub danger: bool,
    pub run: Callback<usize>,
}

/// A rule table for either cloud, filtered as the user types. Only the rows in view (plus
/// a margin) are in the DOM, so thousands of rules scroll smoothly. Rows are one line high
/// (the window needs fixed heights): each cell carries its full text in its `title`.
#[component]
pub fn RuleTable(
    columns: &'static [Msg],
    /// Per rule, what the filter searches (made once per rule list).
    #[prop(into)]
    search: Signal<Vec<Searchable>>,
    /// The rule at an index as a row; called for the rows in view only.
    line: Callback<usize, RuleLine>,
    #[prop(into)] filter: Signal<String>,
    /// The buttons at the end of each row (none for a read-only table).
    #[prop(optional)]
    actions: Vec<RowAction>,
    /// The rule a connection test found deciding, marked in its row.
    #[prop(optional_no_strip)]
    decides: Option<Signal<Option<usize>>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let matching = Memo::new(move |_| {
        let q = filter.with(|f| Query::new(f));
        search.with(|ss| ss.iter().enumerate().filter(|(_, s)| s.matches(&q)).map(|(i, _)| i).collect::<Vec<_>>())
    });
    let row = Callback::new(move |i: usize| {
        let line = line.run(i);
        let buttons = actions
            .iter()
            .map(|a| {
                let run = a.run;
                view! {
                    <button type="button" class="link" class:danger=a.danger data-test=a.test on:click=move |_| run.run(i)>
                        {i18n.s(a.label)}
                    </button>
                }
            })
            .collect_view();
        view! {
            <tr
                class="rule-row line-row"
                class:deny=line.deny
                class:risk=line.risk
                class:never=line.never.is_some()
                data-never=line.never.clone()
                class:decides=move || decides.is_some_and(|d| d.get() == Some(i))
                data-index=i
                data-rule=line.id
            >
                {line
                    .cells
                    .into_iter()
                    .enumerate()
                    .map(|(n, c)| {
                        // Not colour alone: a mark, and words for screen readers.
                        let risk = (n == 0 && line.risk && line.never.is_none()).then(|| {
                            view! {
                                <span class="risk" aria-hidden="true" title=i18n.s(Msg::RiskOpen)>"⚠ "</span>
                                <span class="sr-only">{i18n.s(Msg::RiskOpen)}": "</span>
                            }
                        });
                        let never = line.never.clone().filter(|_| n == 0).map(|why| {
                            view! {
                                <span class="never-mark" aria-hidden="true" title=why.clone()>"⊘ "</span>
                                <span class="sr-only">{why}": "</span>
                            }
                        });
                        view! { <td title=c.title>{risk}{never}{c.text}</td> }
                    })
                    .collect_view()}
                <td>{buttons}</td>
            </tr>
        }
        .into_any()
    });
    view! {
        <div class="rule-table">
            <p class="muted" data-test="rule-count" data-matching=move || matching.with(|m| m.len()) data-total=move || search.with(|l| l.len())>
                {move || {
                    let total = search.with(|l| l.len());
                    i18n.shown(matching.with(|m| m.len()), total, i18n.rules(total))
                }}
            </p>
            <WindowedTable columns=columns matching=matching reset=filter row=row/>
            <Show when=move || matching.with(|m| m.is_empty())>
                <p class="muted">{move || i18n.t(if search.with(|l| l.is_empty()) { Msg::Empty } else { Msg::NoMatches })}</p>
            </Show>
        </div>
    }
}
