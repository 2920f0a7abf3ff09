use leptos::prelude::*;

use crate::i18n::{use_i18n, Msg};
use crate::infra::text::matches_filter;

/// Several of a long list chosen by ticking (#34: a bare multi-select list box needed
/// Ctrl-click and hid what was chosen once scrolled): a search box narrows what is
/// offered, what is ticked stays chosen (and listed first) whatever the search, and the
/// count says how many are chosen. Options are `(value, label)`.
#[component]
pub fn Checklist(
    #[prop(into)] options: Signal<Vec<(String, String)>>,
    chosen: RwSignal<Vec<String>>,
    legend: Msg,
    test: &'static str,
) -> impl IntoView {
    let i18n = use_i18n();
    let search = RwSignal::new(String::new());
    let shown = move || {
        let all = options.get();
        // Read untracked: a tick redraws no row (the box keeps its focus, nothing jumps);
        // the ticked move to the top when the search or the options change.
        let (ticked, rest): (Vec<_>, Vec<_>) = all.into_iter().partition(|(v, _)| chosen.with_untracked(|c| c.contains(v)));
        let rest = rest.into_iter().filter(|(v, l)| search.with(|s| matches_filter(&format!("{l} {v}"), s)));
        ticked.into_iter().chain(rest).collect::<Vec<_>>()
    };
    let toggle = move |value: String| {
        chosen.update(|c| match c.iter().position(|x| *x == value) {
            Some(at) => {
                c.remove(at);
            }
            None => c.push(value),
        })
    };
    view! {
        <fieldset class="checklist" data-test=test>
            <legend>{i18n.s(legend)}" "<span class="muted" data-test="checklist-count">{move || format!("({})", chosen.with(Vec::len))}</span></legend>
            <input type="search" data-test="checklist-search" aria-label=i18n.s(Msg::FilterGroups) placeholder=i18n.s(Msg::FilterGroups) bind:value=search/>
            <ul>
                {move || {
                    shown()
                        .into_iter()
                        .map(|(value, label)| {
                            let (v, mine) = (value.clone(), value.clone());
                            let checked = move || chosen.with(|c| c.contains(&mine));
                            view! {
                                <li>
                                    <label class="check">
                                        <input type="checkbox" value=value.clone() prop:checked=checked on:change=move |_| toggle(v.clone())/>
                                        {label}" "<code>{value}</code>
                                    </label>
                                </li>
                            }
                        })
                        .collect_view()
                }}
            </ul>
        </fieldset>
    }
}
