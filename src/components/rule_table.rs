use leptos::prelude::*;

use crate::components::list_head::ListHead;
use crate::i18n::{use_i18n, Msg};
use crate::text::{Query, Searchable};

/// Pixel height of one row; the stylesheet pins rows to it so the window can be computed.
pub const ROW_HEIGHT: f64 = 32.0;
/// Rows drawn above and below the visible ones, so fast scrolling shows no gaps.
const OVERSCAN: usize = 10;

/// One rule as a table shows it, whatever its cloud: the cells, whether it denies, and
/// whether it opens a sensitive port to the internet. Made only for the rows in view.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct RuleLine {
    /// The rule's id (`data-rule` on its row), empty when it has none yet.
    pub id: String,
    pub cells: Vec<Cell>,
    pub deny: bool,
    pub risk: bool,
}

/// A cell's text and what hovering shows (the literal behind a readable word).
#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    pub text: String,
    pub title: String,
}

impl Cell {
    pub fn titled(text: String, title: String) -> Cell {
        Cell { text, title }
    }
}

impl From<String> for Cell {
    fn from(text: String) -> Cell {
        Cell { title: text.clone(), text }
    }
}

/// The button at the end of each row: its label, its `data-test`, and what it does with
/// the row's index in `lines`.
#[derive(Clone, Copy)]
pub struct RowAction {
    pub label: Msg,
    pub test: &'static str,
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
    #[prop(optional_no_strip)] action: Option<RowAction>,
    /// The rule a connection test found deciding, marked in its row.
    #[prop(optional_no_strip)]
    decides: Option<Signal<Option<usize>>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let matching = Memo::new(move |_| {
        let q = filter.with(|f| Query::new(f));
        search.with(|ss| ss.iter().enumerate().filter(|(_, s)| s.matches(&q)).map(|(i, _)| i).collect::<Vec<_>>())
    });
    let scroll_top = RwSignal::new(0.0f64);
    let viewport = RwSignal::new(480.0f64);
    let scroller = NodeRef::<leptos::html::Div>::new();
    // A new filter starts at the top.
    Effect::new(move |_| {
        filter.track();
        if let Some(el) = scroller.get_untracked() {
            el.set_scroll_top(0);
        }
        // Only if it moved: a set always notifies, and the rows would be drawn twice.
        if scroll_top.get_untracked() != 0.0 {
            scroll_top.set(0.0);
        }
    });
    let window = move || {
        let total = matching.with(|m| m.len());
        let (first, last) = crate::windowed::visible(scroll_top.get(), viewport.get(), ROW_HEIGHT, OVERSCAN, total);
        (first, last, total)
    };
    // `columns` ends with the action column ("Actions"), empty when there is no action.
    let width = columns.len();
    let rows = move || {
        let (first, last, _) = window();
        let shown: Vec<usize> = matching.with(|m| m[first..last].to_vec());
        shown
            .into_iter()
            .map(|i| (i, line.run(i)))
            .map(|(i, line)| {
                let button = action.map(|a| {
                    view! {
                        <button type="button" class="link danger" data-test=a.test on:click=move |_| a.run.run(i)>
                            {i18n.s(a.label)}
                        </button>
                    }
                });
                view! {
                    <tr
                        class="rule-row"
                        class:deny=line.deny
                        class:risk=line.risk
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
                                let risk = (n == 0 && line.risk).then(|| {
                                    view! {
                                        <span class="risk" aria-hidden="true" title=i18n.s(Msg::RiskOpen)>"⚠ "</span>
                                        <span class="sr-only">{i18n.s(Msg::RiskOpen)}": "</span>
                                    }
                                });
                                view! { <td title=c.title>{risk}{c.text}</td> }
                            })
                            .collect_view()}
                        <td>{button}</td>
                    </tr>
                }
            })
            .collect_view()
    };
    // Whole pixels, formatted as integers: float formatting would add ~10 KB of wasm.
    let pad_top = move || format!("{}px", window().0 * ROW_HEIGHT as usize);
    let pad_bottom = move || {
        let (_, last, total) = window();
        format!("{}px", (total - last) * ROW_HEIGHT as usize)
    };
    view! {
        <div class="rule-table">
            <p class="muted" data-test="rule-count" data-matching=move || matching.with(|m| m.len()) data-total=move || search.with(|l| l.len())>
                {move || {
                    let total = search.with(|l| l.len());
                    format!("{} / {total} {}", matching.with(|m| m.len()), i18n.rules(total))
                }}
            </p>
            <div
                class="rule-scroll"
                node_ref=scroller
                tabindex="0"
                on:scroll=move |_| {
                    if let Some(el) = scroller.get_untracked() {
                        scroll_top.set(el.scroll_top() as f64);
                        viewport.set(el.client_height().max(1) as f64);
                    }
                }
            >
                <table>
                    <ListHead columns=columns/>
                    <tbody>
                        <tr class="spacer" aria-hidden="true"><td colspan=width style:height=pad_top></td></tr>
                        {rows}
                        <tr class="spacer" aria-hidden="true"><td colspan=width style:height=pad_bottom></td></tr>
                    </tbody>
                </table>
            </div>
            <Show when=move || matching.with(|m| m.is_empty())>
                <p class="muted">{move || i18n.t(if search.with(|l| l.is_empty()) { Msg::Empty } else { Msg::NoMatches })}</p>
            </Show>
        </div>
    }
}
