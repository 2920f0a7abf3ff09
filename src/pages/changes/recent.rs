//! The journal's rows, shared by the Changes page and a group's recent changes.

use leptos::prelude::*;
use palisade_core::journal::{Entry, Query};

use super::link::place_of;
use crate::api::use_api;
use crate::components::shell::place_link::PlaceLink;
use crate::components::value::local_time::LocalTime;
use crate::i18n::{use_i18n, Msg};
use crate::routing::place::Nav;

/// Entries in a table, consecutive calls of one change (a plan) under its header.
#[component]
pub fn EntryRows(#[prop(into)] entries: Signal<Vec<Entry>>, nav: Option<Nav>) -> impl IntoView {
    let i18n = use_i18n();
    let rows = move || {
        let list = entries.get();
        let mut out = Vec::new();
        let mut i = 0;
        while i < list.len() {
            let id = list[i].change_id.clone();
            let n = match &id {
                Some(c) => list[i..].iter().take_while(|e| e.change_id.as_ref() == Some(c)).count(),
                None => 1,
            };
            if let (Some(c), true) = (&id, n > 1) {
                let header = format!("{} {} · {n} {}", i18n.t(Msg::ChangeWord), &c[..c.len().min(8)], i18n.t(Msg::CallsWord));
                out.push(
                    view! { <tr class="change-group" data-test="change-group" data-change=c.clone()><th colspan="6">{header}</th></tr> }
                        .into_any(),
                );
            }
            for e in &list[i..i + n] {
                out.push(row(i18n, e.clone(), nav, id.is_some() && n > 1));
            }
            i += n;
        }
        out
    };
    view! {
        <Show when=move || entries.with(|e| !e.is_empty())>
            <div class="table-scroll">
                <table class="journal" data-test="journal">
                    <thead>
                        <tr>
                            <th>{i18n.s(Msg::Time)}</th>
                            <th>{i18n.s(Msg::Region)}</th>
                            <th>{i18n.s(Msg::ChangeWord)}</th>
                            <th>{i18n.s(Msg::Status)}</th>
                            <th>{i18n.s(Msg::AccessKey)}</th>
                            <th>{i18n.s(Msg::RequestId)}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        </Show>
    }
}

fn row(i18n: crate::i18n::I18n, e: Entry, nav: Option<Nav>, grouped: bool) -> AnyView {
    let refused = e.status >= 400;
    let result = match &e.code {
        Some(code) => format!("{} {code}", e.status),
        None => e.status.to_string(),
    };
    let links = (0..e.resources.len())
        .filter_map(|k| {
            let place = place_of(&e, k)?;
            nav?;
            let id = e.resources[k].clone();
            Some(view! {
                <PlaceLink place=place class="mono" test="journal-resource">{id}</PlaceLink>
                " "
            })
        })
        .collect_view();
    view! {
        <tr data-test="journal-entry" class:grouped=grouped class:refused=refused data-status=e.status data-change=e.change_id.clone().unwrap_or_default()>
            <td><LocalTime iso=e.at.clone()/></td>
            <td>{format!("{} {}", e.cloud, e.region)}</td>
            <td>
                <span data-test="journal-summary">{e.summary.clone()}</span>
                <br/>
                {links}
            </td>
            <td data-test="journal-result">{result}{refused.then(|| format!(" ({})", i18n.t(Msg::RefusedWord)))}</td>
            <td class="mono">{e.access_key_id.clone()}</td>
            <td class="mono">{e.request_id.clone().unwrap_or_default()}</td>
        </tr>
    }
    .into_any()
}

/// A group's (or instance's) own recent changes, under its detail.
#[component]
pub fn RecentChanges(#[prop(into)] resource: String) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let nav = use_context::<Nav>();
    let q = Query { resource: Some(resource), limit: Some(5), ..Default::default() };
    // Read again after each change made from this console (the journal has it by then).
    let made = use_context::<crate::infra::change::ChangesMade>();
    let found = LocalResource::new(move || {
        let _ = made.map(|m| m.0.get());
        let q = q.clone();
        async move { api.journal(&q).await }
    });
    // Shown only when the journal can be read and holds something for it.
    let entries = Signal::derive(move || found.get().and_then(Result::ok).map(|p| p.entries).unwrap_or_default());
    let go = move |_| {
        if let Some(nav) = nav {
            nav.go(palisade_core::route::Page::Changes);
        }
    };
    view! {
        <Show when=move || entries.with(|e| !e.is_empty())>
            <details class="recent-changes" data-test="recent-changes" open>
                <summary>{i18n.s(Msg::RecentChanges)}</summary>
                <EntryRows entries=entries nav=nav/>
                <button type="button" class="link" on:click=go>{i18n.s(Msg::AllChanges)}</button>
            </details>
        </Show>
    }
}
