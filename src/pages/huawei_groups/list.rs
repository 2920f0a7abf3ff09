use leptos::prelude::*;
use palisade_core::huawei::security_group::{CreateSecurityGroupOption, CreateSecurityGroupRequestBody, SecurityGroup};
use palisade_core::validate::huawei::validate_create;
use palisade_core::validate::Field;
use palisade_core::Cloud;

use crate::api::huawei::{create_security_group, delete_security_group, list_all_rules, list_security_groups};
use crate::api::{use_api, ApiError};
use crate::components::form::field_error::FieldError;
use crate::components::notice::confirm_dialog::ConfirmDialog;
use crate::components::notice::error_notice::ErrorNotice;
use crate::components::table::list_page::ListPage;
use crate::components::table::list_state::ListState;
use crate::components::table::windowed_table::WindowedTable;
use crate::components::value::copy_id::CopyId;
use crate::draft::impact::ImpactView;
use crate::draft::Review;
use crate::estate::impact::EstateChange;
use crate::i18n::{use_i18n, Msg};
use crate::infra::change::{Change, Gate};
use crate::infra::focus::FocusAfterLoad;
use crate::infra::loaded::Loaded;
use crate::infra::narrow::use_narrowed;
use crate::infra::shown::Shown;
use crate::infra::tags::huawei_tags;
use crate::infra::text::{Query, Searchable};
use palisade_core::reach::Rule;
use palisade_core::route::Page;

const COLUMNS: &[Msg] = &[Msg::Name, Msg::Id, Msg::Description, Msg::Actions];

/// Huawei security groups: list, create, delete, and the selected group's detail.
#[component]
pub fn HuaweiSecurityGroups() -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let groups = Loaded::<Vec<SecurityGroup>>::new(move || {
        api.scope(Cloud::Huawei);
        async move { list_security_groups(&api).await }
    });
    let narrowed = use_narrowed();
    let filter = RwSignal::new(narrowed.filter(Page::HuaweiSecurityGroups));
    // The project's rules (ingress, in the evaluator's terms), loaded once a filter word
    // is a port number: the list then finds the groups letting that port in.
    let by_port = Memo::new(move |_| filter.with(|f| Query::new(f).names_a_port()));
    let rules = Loaded::<Vec<(String, Rule)>>::new(move || {
        api.scope(Cloud::Huawei);
        let wanted = by_port.get();
        async move {
            if !wanted {
                return Ok(Vec::new());
            }
            let rules = list_all_rules(&api).await?;
            Ok(rules
                .iter()
                .filter_map(|r| Rule::from_huawei(r).map(|x| (r.security_group_id.clone(), x)))
                .filter(|(_, x)| x.direction == palisade_core::Direction::Ingress)
                .collect())
        }
    });
    let reload = move || {
        groups.reload();
        rules.reload();
    };
    let selected = crate::routing::place::use_selection(Page::HuaweiSecurityGroups);
    let new_name = RwSignal::new(String::new());
    let new_desc = RwSignal::new(String::new());
    let new_tags = RwSignal::new(String::new());
    let action_error = RwSignal::new(None::<ApiError>);
    let pending_delete = RwSignal::new(None::<SecurityGroup>);
    let page = NodeRef::<leptos::html::Section>::new();
    let refocus = FocusAfterLoad::new(groups.busy(), page);
    let create_body = move || CreateSecurityGroupRequestBody {
        dry_run: None,
        security_group: Some(CreateSecurityGroupOption {
            name: Some(new_name.get()),
            description: Some(new_desc.get()).filter(|d| !d.is_empty()),
            tags: Some(huawei_tags(&new_tags.get())).filter(|t| !t.is_empty()),
            ..Default::default()
        }),
    };
    let create_problems = Memo::new(move |_| if new_name.with(|n| n.is_empty()) { Vec::new() } else { validate_create(&create_body()) });
    let create_action = Change::new(move |outcome: Result<String, ApiError>| match outcome {
        Ok(id) => {
            action_error.set(None);
            new_name.set(String::new());
            new_desc.set(String::new());
            new_tags.set(String::new());
            selected.set(Some(id));
            reload();
        }
        Err(e) => action_error.set(Some(e)),
    });
    // A new group has no member yet: no one's access changes.
    let create_gate = Gate::new();
    let create_review = Signal::derive(move || Review {
        calls: (!new_name.with(String::is_empty) && create_problems.with(Vec::is_empty))
            .then(|| ("createSecurityGroup", format!("POST /security-groups {}", new_name.get())))
            .into_iter()
            .collect(),
        ..Default::default()
    });
    let create_change = Signal::derive(move || create_review.with(|r| !r.calls.is_empty()).then_some(EstateChange::Nothing));
    let create = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if !create_gate.ready_untracked() {
            return;
        }
        let body = create_body();
        create_gate.what.set(format!("{} {}", i18n.t(Msg::NewGroup), new_name.get_untracked()));
        create_action.run(create_gate, async move { create_security_group(&api, &body).await.map(|g| g.id) });
    };
    // The outcome carries the group it was about: the dialog may be closed meanwhile.
    let delete = Change::new(move |done: Result<(String, Option<ApiError>), ApiError>| {
        let (id, refused) = done.unwrap_or_else(|e| (String::new(), Some(e)));
        pending_delete.set(None);
        if refused.is_none() && selected.get_untracked().as_deref() == Some(id.as_str()) {
            selected.set(None);
        }
        refocus.then_focus(format!("tr[data-group=\"{id}\"] [data-test=\"hw-delete-group\"]"));
        action_error.set(refused);
        reload();
    });
    let creating = Signal::derive(move || create_action.pending().get() || delete.pending().get());
    let delete_gate = Gate::new();
    let delete_change = Signal::derive(move || pending_delete.with(|g| g.as_ref().map(|g| EstateChange::RemoveGroup(g.id.clone()))));
    let delete_review = Signal::derive(move || Review {
        calls: pending_delete.with(|g| g.iter().map(|g| ("deleteSecurityGroup", format!("DELETE /security-groups/{}", g.id))).collect()),
        ..Default::default()
    });
    let confirm_delete = Callback::new(move |_| {
        if let Some(g) = pending_delete.get_untracked() {
            delete_gate.what.set(format!("{} {} ({})", i18n.t(Msg::Delete), g.name, g.id));
            delete.run(delete_gate, async move { Ok((g.id.clone(), delete_security_group(&api, &g.id).await.err())) });
        }
    });
    let shown = Shown::new(groups, move || {
        let q = filter.with(|f| Query::new(f));
        // The project's rules are read only when a filter word is a port.
        let rules = if q.names_a_port() { rules.get().unwrap_or_default() } else { Vec::new() };
        move |_, g: &SecurityGroup| {
            let of = rules.iter().filter(|(id, _)| *id == g.id).map(|(_, r)| r.clone());
            narrowed.allows(Page::HuaweiSecurityGroups, &g.id)
                && Searchable::new(&format!("{} {} {}", g.name, g.id, g.description), of).matches(&q)
        }
    });
    // One line per group, in a window (only the rows in view are drawn).
    let row = Callback::new(move |n: usize| {
        let Some(g) = groups.with(|l| l.and_then(|l| l.get(n)).cloned()) else { return ().into_any() };
        let (id, target) = (g.id.clone(), g.clone());
        view! {
            <tr class="line-row" data-group=g.id.clone() class:selected=selected.is(&g.id)>
                <td>
                    <button type="button" class="link" data-test="open-group" on:click=move |_| selected.set(Some(id.clone()))>{g.name.clone()}</button>
                </td>
                <td><CopyId id=g.id.clone()/></td>
                <td title=g.description.clone()>{g.description.clone()}</td>
                <td>
                    <button type="button" class="link danger" data-test="hw-delete-group" on:click=move |_| pending_delete.set(Some(target.clone()))>
                        {i18n.t(Msg::Delete)}
                    </button>
                </td>
            </tr>
        }
        .into_any()
    });
    view! {
        <ListPage page=Page::HuaweiSecurityGroups test="page-huawei-security-groups" filter=filter busy=groups.busy() on_refresh=Callback::new(move |_| reload()) node_ref=page>
            <form class="inline-form" data-test="hw-create" aria-label=i18n.s(Msg::NewGroup) on:submit=create>
                <label class="field">
                    <span>{move || format!("{} — {}", i18n.t(Msg::NewGroup), i18n.t(Msg::Name))}</span>
                    <input type="text" data-test="hw-new-name" aria-describedby="hw-new-name-error" prop:value=move || new_name.get() on:input=move |ev| new_name.set(event_target_value(&ev))/>
                    <FieldError problems=create_problems field=Field::Name id="hw-new-name-error"/>
                </label>
                <label class="field">
                    <span>{i18n.s(Msg::Description)}</span>
                    <input type="text" data-test="hw-new-description" prop:value=move || new_desc.get() on:input=move |ev| new_desc.set(event_target_value(&ev))/>
                </label>
                <label class="field">
                    <span>{i18n.s(Msg::Tags)}</span>
                    <textarea data-test="hw-new-tags" rows="1" aria-describedby="hw-new-tags-error" placeholder=i18n.s(Msg::TagsHint) prop:value=move || new_tags.get() on:input=move |ev| new_tags.set(event_target_value(&ev))></textarea>
                    <FieldError problems=create_problems field=Field::Tags id="hw-new-tags-error"/>
                </label>
                <button type="submit" class="primary" data-test="hw-create-submit" disabled=move || creating.get() || !create_problems.with(Vec::is_empty)>{i18n.s(Msg::Create)}</button>
            </form>
            <ImpactView gate=create_gate change=create_change review=create_review/>
            <ErrorNotice error=groups.error/>
            <ErrorNotice error=action_error/>
            <div data-test="hw-group-list">
                <WindowedTable columns=COLUMNS matching=shown.indices() reset=filter row=row/>
            </div>
            <ListState
                total=shown.total()
                shown=shown.count()
                failed=shown.failed()
                filter=filter
                empty=Msg::EmptyHuaweiGroups
            />
            {move || match selected.get() {
                Some(id) => {
                    let on_changed = Callback::new(move |_| reload());
                    let peers =
                        Signal::derive(move || groups.with(|g| g.into_iter().flatten().map(|g| (g.id.clone(), g.name.clone())).collect::<Vec<_>>()));
                    crate::split::deferred(super::prefetch_huawei_detail, move || super::detail_view(id.clone(), on_changed, peers)).into_any()
                }
                None => view! { <p class="muted">{i18n.s(Msg::SelectGroup)}</p> }.into_any(),
            }}
            <Show when=move || pending_delete.with(|p| p.is_some())>
                <ConfirmDialog
                    title=Msg::DeleteGroupConfirm
                    confirm_label=Msg::Delete
                    busy=creating
                    on_confirm=confirm_delete
                    on_cancel=Callback::new(move |_| pending_delete.set(None))
                >
                    <p>{move || pending_delete.with(|g| g.as_ref().map(|g| format!("{} ({})", g.name, g.id)))}</p>
                    <ImpactView gate=delete_gate change=delete_change review=delete_review/>
                </ConfirmDialog>
            </Show>
        </ListPage>
    }
}
