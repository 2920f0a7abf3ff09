use leptos::prelude::*;
use palisade_core::journal::{Entry, Page as JournalPage, Query};
use palisade_core::Cloud;

use crate::api::{use_api, ApiError};
use crate::components::notice::error_notice::ErrorNotice;
use crate::i18n::{use_i18n, Msg};
use crate::infra::download;
use crate::routing::place::Nav;

use super::recent::EntryRows;

fn some(s: String) -> Option<String> {
    Some(s.trim().to_owned()).filter(|s| !s.is_empty())
}

/// Why the journal cannot be read here, in words; `None` for any other error.
pub fn journal_refusal(e: &ApiError) -> Option<Msg> {
    match e {
        ApiError::Cloud { code, .. } if code == "JournalOff" => Some(Msg::JournalOff),
        ApiError::Cloud { code, .. } if code == "AccessDenied" => Some(Msg::JournalDenied),
        _ => None,
    }
}

/// The journal: filters, newest first, a plan's calls under its change, older pages on
/// demand, and the whole filtered journal as CSV or JSON lines.
#[component]
pub fn Changes() -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let nav = use_context::<Nav>();
    let cloud = RwSignal::new(String::new());
    let resource = RwSignal::new(String::new());
    let key = RwSignal::new(String::new());
    let query =
        move || Query { cloud: some(cloud.get()), resource: some(resource.get()), access_key_id: some(key.get()), ..Default::default() };
    let first = LocalResource::new(move || {
        let q = query();
        async move { api.journal(&q).await }
    });
    let entries = RwSignal::new(Vec::<Entry>::new());
    let next = RwSignal::new(None::<String>);
    let error = RwSignal::new(None::<ApiError>);
    let take = move |page: JournalPage, append: bool| {
        entries.update(|e| {
            if !append {
                e.clear();
            }
            e.extend(page.entries);
        });
        next.set(page.next);
    };
    Effect::new(move |_| {
        if let Some(result) = first.get() {
            match result {
                Ok(page) => {
                    error.set(None);
                    take(page, false);
                }
                Err(e) => {
                    entries.update(Vec::clear);
                    next.set(None);
                    error.set(Some(e));
                }
            }
        }
    });
    let older = Action::new_local(move |cursor: &String| {
        let q = Query { cursor: Some(cursor.clone()), ..untrack(query) };
        async move { api.journal(&q).await }
    });
    Effect::new(move |_| match older.value().get() {
        Some(Ok(page)) => take(page, true),
        Some(Err(e)) => error.set(Some(e)),
        None => {}
    });
    let export = move |format: &'static str| {
        let q = untrack(query);
        leptos::task::spawn_local(async move {
            match api.journal_export(&q, format).await {
                Ok(text) => {
                    let kind = if format == "csv" { "text/csv" } else { "application/x-ndjson" };
                    if let Err(e) = download::save(&format!("palisade-journal.{format}"), kind, &text) {
                        let _ = error.try_set(Some(ApiError::Local(e)));
                    }
                }
                Err(e) => drop(error.try_set(Some(e))),
            }
        });
    };
    let loading = move || first.with(Option::is_none);
    let refusal = move || error.with(|e| e.as_ref().and_then(journal_refusal));
    let shown_error = Signal::derive(move || error.get().filter(|e| journal_refusal(e).is_none()));
    let empty = move || !loading() && error.with(Option::is_none) && entries.with(Vec::is_empty);
    let cursor = move || next.get();
    view! {
        <section class="page" data-test="page-changes">
            <h2>{i18n.s(Msg::ChangesPage)}</h2>
            <p class="muted">{i18n.s(Msg::ChangesIntro)}</p>
            <div class="toolbar">
                <label>
                    {i18n.s(Msg::CloudLabel)}
                    <select data-test="changes-cloud" on:change=move |ev| cloud.set(event_target_value(&ev))>
                        <option value="">{i18n.s(Msg::BothCloudsFilter)}</option>
                        <option value=Cloud::Bce.slug()>{i18n.s(Msg::BaiduCloud)}</option>
                        <option value=Cloud::Huawei.slug()>{i18n.s(Msg::HuaweiCloud)}</option>
                    </select>
                </label>
                <label>
                    {i18n.s(Msg::ResourceId)}
                    <input type="search" data-test="changes-resource" prop:value=resource on:change=move |ev| resource.set(event_target_value(&ev))/>
                </label>
                <label>
                    {i18n.s(Msg::AccessKey)}
                    <input type="search" data-test="changes-key" prop:value=key on:change=move |ev| key.set(event_target_value(&ev))/>
                </label>
                <button type="button" data-test="changes-csv" on:click=move |_| export("csv")>{i18n.s(Msg::ExportCsv)}</button>
                <button type="button" data-test="changes-jsonl" on:click=move |_| export("jsonl")>{i18n.s(Msg::ExportJsonl)}</button>
            </div>
            {move || refusal().map(|m| view! { <p class="notice" data-test="changes-refused">{i18n.s(m)}</p> })}
            <ErrorNotice error=shown_error/>
            <Show when=loading>
                <p class="muted">{i18n.s(Msg::Loading)}</p>
            </Show>
            <Show when=empty>
                <p class="muted" data-test="changes-empty">{i18n.s(Msg::JournalEmpty)}</p>
            </Show>
            <EntryRows entries=Signal::derive(move || entries.get()) nav=nav/>
            {move || {
                cursor().map(|c| {
                    view! {
                        <button type="button" data-test="changes-older" disabled=move || older.pending().get() on:click=move |_| drop(older.dispatch(c.clone()))>
                            {i18n.s(Msg::OlderChanges)}
                        </button>
                    }
                })
            }}
        </section>
    }
}
