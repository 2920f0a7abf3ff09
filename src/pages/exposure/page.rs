use leptos::prelude::*;
use palisade_core::reach::estate::RuleRef;
use palisade_core::reach::Connection;
use palisade_core::Cloud;

use crate::components::form::filter_box::FilterBox;
use crate::components::reach::connection_form::ConnectionForm;
use crate::components::table::refresh_button::RefreshButton;
use crate::components::table::rule_table::{RowAction, RuleTable};
use crate::estate::exposure::csv;
use crate::estate::progress::EstateProgress;
use crate::i18n::{use_i18n, Msg};
use crate::infra::download;
use crate::infra::seed::{Seed, SeedOp, Seeds};
use crate::infra::text::Searchable;
use crate::labels::cloud_label;
use crate::readable::RuleLine;
use crate::routing::place::Nav;
use palisade_core::route::Place;

/// What a "who accepts" question found.
#[derive(Debug, Clone, PartialEq)]
struct Answer {
    accepting: Vec<(usize, RuleRef)>,
    millis: f64,
}

fn now() -> f64 {
    web_sys::window().and_then(|w| w.performance()).map_or(0.0, |p| p.now())
}

/// Both clouds at once: every rule open to the internet, sensitive ports first, what
/// each reaches, and "who accepts tcp 5432 from 203.0.113.7?".
#[component]
pub fn Exposure(clouds: StoredValue<Vec<Cloud>>) -> impl IntoView {
    let i18n = use_i18n();
    let estate = crate::estate::cache::estate_page(clouds);
    let data = estate.data;
    let busy = estate.busy();
    let reload = move || estate.reload();
    let filter = RwSignal::new(crate::infra::narrow::use_narrowed().filter(crate::pages::Page::Exposure));
    let search = Memo::new(move |_| {
        data.with(|d| {
            d.open
                .iter()
                .enumerate()
                .map(|(k, &r)| {
                    let g = &d.groups[r.group];
                    let text = format!("{} {} {} {} {}", g.cloud.slug(), g.name, g.id, d.line(r), d.reaches(k));
                    Searchable::new(&text, d.estate.rule(r).cloned())
                })
                .collect::<Vec<_>>()
        })
    });
    let line = Callback::new(move |i: usize| {
        data.with(|d| {
            let Some(&r) = d.open.get(i) else { return RuleLine::default() };
            let reaches = d.reaches(i);
            let g = &d.groups[r.group];
            let sensitive = d.estate.rule(r).map(|x| x.sensitive_ports()).unwrap_or_default();
            let sensitive = sensitive
                .iter()
                .map(|&p| format!("{p} {}", palisade_core::reach::exposure::service(p).unwrap_or("")))
                .collect::<Vec<_>>()
                .join(", ");
            RuleLine {
                id: d.rule_id(r).to_owned(),
                cells: vec![
                    sensitive.into(),
                    format!("{} · {} ({})", i18n.t(cloud_label(g.cloud)), g.name, g.id).into(),
                    d.line(r).to_owned().into(),
                    reaches.into(),
                ],
                deny: false,
                risk: crate::readable::at_risk(d.estate.rule(r)),
                never: None,
            }
        })
    });
    let by_port = move || {
        data.with(|d| d.by_port.clone())
            .into_iter()
            .map(|p| {
                view! {
                    <li data-port=p.port data-rules=p.rules data-reached=p.targets>
                        <strong>{format!("{} {}", p.port, p.service)}</strong>
                        {move || format!(": {} {} · {}", p.rules, i18n.rules(p.rules), i18n.count(p.targets, Msg::TargetReached, Msg::TargetsReached))}
                    </li>
                }
            })
            .collect_view()
    };
    // A row's rule, revoked or narrowed where it lives: its group's page opens with the
    // change in its draft, reviewed with its impact there; nothing is sent from here (#34).
    let nav = use_context::<Nav>();
    let seeds = use_context::<Seeds>();
    let act = move |i: usize, narrow: bool| {
        let (Some(nav), Some(seeds)) = (nav, seeds) else { return };
        let found = data.with_untracked(|d| {
            let r = *d.open.get(i)?;
            let id = d.rule_id(r).to_owned();
            (!id.is_empty()).then(|| (d.group_page(r.group), d.groups[r.group].id.clone(), id))
        });
        let Some((page, group, id)) = found else { return };
        let place = Place { item: Some(group.clone()), ..untrack(|| nav.place_of(page)) };
        let op = if narrow { SeedOp::Narrow(id) } else { SeedOp::Revoke(id) };
        seeds.open(nav, place, Seed { group, op });
    };
    let actions = vec![
        RowAction { label: Msg::Narrow, test: "exposure-narrow", danger: false, run: Callback::new(move |i| act(i, true)) },
        RowAction { label: Msg::Revoke, test: "exposure-revoke", danger: true, run: Callback::new(move |i| act(i, false)) },
    ];
    let export_error = RwSignal::new(None::<String>);
    // Figures built without a list that failed are not exported as if whole.
    let partial = Memo::new(move |_| !estate.missing().is_empty());
    let export = move |_| {
        if partial.get_untracked() {
            return;
        }
        let text = data.with(csv);
        export_error.set(download::save("exposure.csv", "text/csv", &text).err());
    };

    // "Who accepts this connection?"
    let asked = RwSignal::new(None::<Connection>);
    let answer = Memo::new(move |_| {
        asked.get().map(|c| {
            let started = now();
            let accepting = data.with(|d| d.estate.who_accepts(&c));
            Answer { accepting, millis: now() - started }
        })
    });
    let answer_view = move || {
        answer.get().map(|a| {
            let items = data.with(|d| {
                a.accepting
                    .iter()
                    .map(|&(t, r)| {
                        let target = &d.targets[t];
                        view! {
                            <li data-target=target.id.clone()>
                                {format!("{} ({}) — ", target.name, target.id)}<code>{d.line(r).to_owned()}</code>
                            </li>
                        }
                    })
                    .collect_view()
            });
            let head = if a.accepting.is_empty() {
                i18n.t(Msg::NoneAccepts).to_owned()
            } else {
                i18n.count(a.accepting.len(), Msg::AcceptedByOne, Msg::AcceptedBy)
            };
            view! {
                <div class="verdict" data-test="accepting" data-count=a.accepting.len() data-ms={a.millis as u32}>
                    <p><strong>{head}</strong>" "<span class="muted">{format!("({} {})", a.millis as u32, i18n.t(Msg::AnsweredIn))}</span></p>
                    <ul>{items}</ul>
                </div>
            }
        })
    };

    view! {
        <section class="page" data-test="page-exposure">
            <h2>{i18n.s(Msg::Exposure)}</h2>
            <p class="muted">{i18n.s(Msg::ExposureIntro)}</p>
            <EstateProgress estate=estate test="exposure-progress"/>
            <p data-test="open-count" data-open=move || data.with(|d| d.open.len())>
                <strong>{move || data.with(|d| d.open.len())}</strong>" "{i18n.s(Msg::OpenRules)}
            </p>
            <ul class="chips" data-test="by-port">{by_port}</ul>
            <div data-test="who-accepts">
                <strong>{i18n.s(Msg::WhoAccepts)}</strong>
                <ConnectionForm submit_label=Msg::Ask on_submit=Callback::new(move |c| asked.set(Some(c))) ingress_only=true/>
            </div>
            {answer_view}
            <div class="toolbar">
                <FilterBox value=filter/>
                <button type="button" data-test="export-csv" on:click=export disabled=move || partial.get()>{i18n.s(Msg::ExportCsv)}</button>
                <RefreshButton busy=Signal::derive(move || busy.iter().any(|b| b.get())) on_refresh=Callback::new(move |_| reload())/>
            </div>
            {move || export_error.get().map(|e| view! { <p class="field-error" role="alert">{e}</p> })}
            <Show when=move || partial.get()>
                <p class="muted" data-test="export-partial">{i18n.s(Msg::ExportPartial)}</p>
            </Show>
            <div data-test="exposure-list">
                <RuleTable
                    columns=&[Msg::SensitivePorts, Msg::Group, Msg::Rule, Msg::Reaches, Msg::Actions]
                    search=search
                    line=line
                    filter=filter
                    actions=actions
                />
            </div>
        </section>
    }
}
