use leptos::prelude::*;
use palisade_core::bce::security_group::SecurityGroupRule;
use palisade_core::Direction;

use crate::components::list_head::ListHead;
use crate::i18n::{use_i18n, Msg};
use crate::text::matches_filter;

/// Pixel height of one row; the stylesheet pins rows to it so the window can be computed.
pub const ROW_HEIGHT: f64 = 32.0;
/// Rows drawn above and below the visible ones, so fast scrolling shows no gaps.
const OVERSCAN: usize = 10;

/// What is shown in the "source / destination" column.
pub fn remote_of(r: &SecurityGroupRule) -> String {
    let (ip, group) = r.remote();
    group.clone().filter(|g| !g.is_empty()).or_else(|| ip.clone().filter(|i| !i.is_empty())).unwrap_or_else(|| "all".into())
}

/// One line a user can read (and filter on).
pub fn rule_summary(r: &SecurityGroupRule) -> String {
    format!(
        "{} {} {} {} {} {}",
        r.direction.as_deref().unwrap_or(""),
        r.ethertype.as_deref().unwrap_or(""),
        r.protocol.as_deref().unwrap_or(""),
        r.port_range.as_deref().unwrap_or(""),
        remote_of(r),
        r.remark.as_deref().unwrap_or("")
    )
}

/// The rules of a regular security group, filtered as the user types. Only the rows in
/// view (plus a margin) are in the DOM, so thousands of rules scroll smoothly.
#[component]
pub fn BceRuleTable(
    #[prop(into)] rules: Signal<Vec<SecurityGroupRule>>,
    #[prop(into)] filter: Signal<String>,
    #[prop(optional)] on_revoke: Option<Callback<SecurityGroupRule>>,
) -> impl IntoView {
    let i18n = use_i18n();
    // Summaries are made once per rule list, not on every keystroke.
    let indexed = Memo::new(move |_| rules.with(|rs| rs.iter().map(|r| rule_summary(r).to_lowercase()).collect::<Vec<_>>()));
    let matching = Memo::new(move |_| {
        let f = filter.get();
        indexed.with(|ix| ix.iter().enumerate().filter(|(_, s)| matches_filter(s, &f)).map(|(i, _)| i).collect::<Vec<_>>())
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
        scroll_top.set(0.0);
    });
    let window = move || {
        let total = matching.with(|m| m.len());
        let (first, last) = crate::windowed::visible(scroll_top.get(), viewport.get(), ROW_HEIGHT, OVERSCAN, total);
        (first, last, total)
    };
    let rows = move || {
        let (first, last, _) = window();
        let shown: Vec<(usize, SecurityGroupRule)> =
            matching.with(|m| rules.with(|rs| m[first..last].iter().map(|&i| (i, rs[i].clone())).collect()));
        shown
            .into_iter()
            .map(|(i, r)| {
                let revoke = on_revoke.map(|cb| {
                    let rule = r.clone();
                    view! {
                        <button type="button" class="link danger" data-test="revoke" on:click=move |_| cb.run(rule.clone())>
                            {i18n.s(Msg::Revoke)}
                        </button>
                    }
                });
                let direction = if r.direction() == Some(Direction::Egress) { Msg::Egress } else { Msg::Ingress };
                view! {
                    <tr class="rule-row" data-index=i>
                        <td>{i18n.s(direction)}</td>
                        <td>{r.ethertype.clone()}</td>
                        <td>{r.protocol.clone()}</td>
                        <td>{r.port_range.clone()}</td>
                        <td>{remote_of(&r)}</td>
                        // One line per row (the window needs fixed heights): the full
                        // remark is in the title.
                        <td class="remark" title=r.remark.clone()>{r.remark.clone()}</td>
                        <td>{revoke}</td>
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
            <p class="muted" data-test="rule-count" data-matching=move || matching.with(|m| m.len()) data-total=move || rules.with(|r| r.len())>
                {move || format!("{} / {} ", matching.with(|m| m.len()), rules.with(|r| r.len()))}
                {i18n.s(Msg::RuleCount)}
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
                    <ListHead columns=&[Msg::Direction, Msg::Ethertype, Msg::Protocol, Msg::Ports, Msg::Remote, Msg::Remark, Msg::Actions]/>
                    <tbody>
                        <tr class="spacer" aria-hidden="true"><td colspan="7" style:height=pad_top></td></tr>
                        {rows}
                        <tr class="spacer" aria-hidden="true"><td colspan="7" style:height=pad_bottom></td></tr>
                    </tbody>
                </table>
            </div>
            <Show when=move || matching.with(|m| m.is_empty())>
                <p class="muted">{move || i18n.t(if rules.with(|r| r.is_empty()) { Msg::Empty } else { Msg::NoMatches })}</p>
            </Show>
        </div>
    }
}
