use leptos::prelude::*;
use palisade_core::bce::security_group::SecurityGroup;
use palisade_core::Cloud;

use crate::api::{bce, use_api, ApiError};
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
use crate::infra::loaded::Loaded;
use crate::infra::narrow::use_narrowed;
use crate::infra::shown::Shown;
use crate::infra::text::{Query, Searchable};
use crate::pages::bce_groups::detail::as_request;
use crate::pages::bce_groups::draft_kind::BceKind;
use palisade_core::bce::security_group::CreateSecurityGroupRequest;
use palisade_core::route::Page;
use palisade_core::validate::{bce_group, Field};

const COLUMNS: &[Msg] = &[Msg::Name, Msg::Id, Msg::Rules, Msg::Description, Msg::Actions];

/// Baidu regular security groups: the list, and the selected group's rules.
#[component]
pub fn BceSecurityGroups() -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let selected = crate::routing::place::use_selection(Page::BceSecurityGroups);
    let groups = Loaded::<Vec<SecurityGroup>>::new(move || {
        api.scope(Cloud::Bce);
        async move { bce::list_security_groups(&api).await }
    });
    let reload = move || groups.reload();
    let vpcs = Loaded::<Vec<palisade_core::bce::vpc::Vpc>>::new(move || {
        api.scope(Cloud::Bce);
        async move { bce::list_vpcs(&api).await }
    });
    // Create: name, description and VPC (the default VPC when none is chosen), checked
    // as typed by the same core function the emulator answers with.
    let new_name = RwSignal::new(String::new());
    let new_desc = RwSignal::new(String::new());
    let new_vpc = RwSignal::new(String::new());
    let new_tags = RwSignal::new(String::new());
    // Optional initial rules: those of another group, sent in the create call.
    let rules_from = RwSignal::new(String::new());
    let action_error = RwSignal::new(None::<ApiError>);
    let create_req = move || CreateSecurityGroupRequest {
        name: Some(new_name.get()),
        desc: Some(new_desc.get()).filter(|d| !d.is_empty()),
        vpc_id: Some(new_vpc.get()).filter(|v| !v.is_empty()),
        tags: Some(crate::infra::tags::bce_tags(&new_tags.get())).filter(|t| !t.is_empty()),
        rules: rules_from.with(|from| {
            (!from.is_empty())
                .then(|| {
                    groups.with(|l| l.and_then(|l| l.iter().find(|g| &g.id == from)).map(|g| g.rules.iter().map(as_request).collect()))
                })
                .flatten()
        }),
    };
    let create_problems =
        Memo::new(move |_| if new_name.with(String::is_empty) { Vec::new() } else { bce_group::validate_create(&create_req()) });
    let create = Change::new(move |outcome: Result<String, ApiError>| match outcome {
        Ok(id) => {
            action_error.set(None);
            new_name.set(String::new());
            new_desc.set(String::new());
            new_tags.set(String::new());
            rules_from.set(String::new());
            selected.set(Some(id));
            reload();
        }
        Err(e) => action_error.set(Some(e)),
    });
    // A new group is bound to nothing: its rules change no one's access yet, but their
    // warnings (SSH to the world…) are core's, as on every path.
    let create_gate = Gate::new();
    let create_review = Memo::new(move |_| {
        if new_name.with(String::is_empty) || !create_problems.with(Vec::is_empty) {
            return Review::default();
        }
        let req = create_req();
        let rules = req.rules.clone().unwrap_or_default();
        let mut review = crate::draft::preview::<BceKind>(i18n, &[], &rules);
        review.calls = vec![(
            "createSecurityGroup",
            format!("POST /v2/securityGroup {} ({} {})", new_name.get(), rules.len(), i18n.rules(rules.len())),
        )];
        review
    });
    let create_change = Signal::derive(move || create_review.with(|r| !r.calls.is_empty()).then_some(EstateChange::Nothing));
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if !create_gate.ready_untracked() {
            return;
        }
        let req = create_req();
        create_gate.what.set(format!("{} {}", i18n.t(Msg::NewGroup), req.name.clone().unwrap_or_default()));
        create.run(create_gate, async move { bce::create_security_group(&api, &req).await });
    };
    // Delete, confirmed; a bound group is refused by the cloud, and the notice explains.
    let pending_delete = RwSignal::new(None::<SecurityGroup>);
    let delete = Change::new(move |outcome: Result<String, ApiError>| {
        pending_delete.set(None);
        match outcome {
            Ok(id) => {
                action_error.set(None);
                if selected.get_untracked().as_deref() == Some(id.as_str()) {
                    selected.set(None);
                }
            }
            Err(e) => action_error.set(Some(e)),
        }
        reload();
    });
    let changing = Signal::derive(move || create.pending().get() || delete.pending().get());
    // Deleting a group takes its rules from whatever still holds it (the cloud refuses a
    // bound group; the impact says whom it would reach).
    let delete_gate = Gate::new();
    let delete_change = Signal::derive(move || pending_delete.with(|g| g.as_ref().map(|g| EstateChange::RemoveGroup(g.id.clone()))));
    let delete_review = Signal::derive(move || Review {
        calls: pending_delete.with(|g| g.iter().map(|g| ("deleteSecurityGroup", format!("DELETE /v2/securityGroup/{}", g.id))).collect()),
        ..Default::default()
    });
    let confirm_delete = Callback::new(move |_| {
        if let Some(g) = pending_delete.get_untracked() {
            delete_gate.what.set(format!("{} {} ({})", i18n.t(Msg::Delete), g.name, g.id));
            delete.run(delete_gate, async move { bce::delete_security_group(&api, &g.id).await.map(|()| g.id) });
        }
    });
    let narrowed = use_narrowed();
    let filter = RwSignal::new(narrowed.filter(Page::BceSecurityGroups));
    let shown = Shown::new(groups, move || {
        let q = filter.with(|f| Query::new(f));
        move |_, g: &SecurityGroup| {
            let rules = g
                .rules
                .iter()
                .filter_map(palisade_core::reach::Rule::from_bce)
                .filter(|r| r.direction == palisade_core::Direction::Ingress);
            narrowed.allows(Page::BceSecurityGroups, &g.id)
                && Searchable::new(&format!("{} {} {}", g.name, g.id, g.desc.as_deref().unwrap_or("")), rules).matches(&q)
        }
    });
    // One line per group, in a window: only the rows in view are drawn, so thousands of
    // groups filter within a frame. What a row shows is read as it is drawn.
    let row = Callback::new(move |n: usize| {
        let Some(g) = groups.with(|l| l.and_then(|l| l.get(n)).cloned()) else { return ().into_any() };
        let (open_id, target) = (g.id.clone(), g.clone());
        view! {
            <tr class="line-row" data-group=g.id.clone() class:selected=selected.is(&g.id)>
                <td>
                    <button type="button" class="link" data-test="open-group" on:click=move |_| selected.set(Some(open_id.clone()))>
                        {g.name.clone()}
                    </button>
                </td>
                <td><CopyId id=g.id.clone()/></td>
                <td>{g.rules.len()}</td>
                <td title=g.desc.clone().unwrap_or_default()>{g.desc.clone()}</td>
                <td>
                    <button type="button" class="link danger" data-test="delete-group" on:click=move |_| pending_delete.set(Some(target.clone()))>
                        {i18n.t(Msg::Delete)}
                    </button>
                </td>
            </tr>
        }
        .into_any()
    });
    view! {
        <ListPage page=Page::BceSecurityGroups test="page-bce-security-groups" filter=filter busy=groups.busy() on_refresh=Callback::new(move |_| reload())>
            <form class="inline-form" data-test="sg-create" aria-label=i18n.s(Msg::NewGroup) on:submit=submit>
                <label class="field">
                    <span>{move || format!("{} — {}", i18n.t(Msg::NewGroup), i18n.t(Msg::Name))}</span>
                    <input type="text" data-test="sg-new-name" aria-describedby="sg-new-name-error" prop:value=move || new_name.get() on:input=move |ev| new_name.set(event_target_value(&ev))/>
                    <FieldError problems=create_problems field=Field::Name id="sg-new-name-error"/>
                </label>
                <label class="field">
                    <span>{i18n.s(Msg::Description)}</span>
                    <input type="text" data-test="sg-new-description" prop:value=move || new_desc.get() on:input=move |ev| new_desc.set(event_target_value(&ev))/>
                </label>
                <label class="field">
                    <span>{i18n.s(Msg::Vpc)}</span>
                    <select data-test="sg-new-vpc" prop:value=move || new_vpc.get() on:change=move |ev| new_vpc.set(event_target_value(&ev))>
                        <option value="">{i18n.s(Msg::DefaultVpc)}</option>
                        {move || vpcs.get().unwrap_or_default().into_iter().map(|v| view! { <option value=v.vpc_id.clone()>{format!("{} ({})", v.name, v.vpc_id)}</option> }).collect_view()}
                    </select>
                </label>
                <label class="field">
                    <span>{i18n.s(Msg::Tags)}</span>
                    <textarea data-test="sg-new-tags" rows="1" aria-describedby="sg-new-tags-error" placeholder=i18n.s(Msg::TagsHint) prop:value=move || new_tags.get() on:input=move |ev| new_tags.set(event_target_value(&ev))></textarea>
                    <FieldError problems=create_problems field=Field::Tags id="sg-new-tags-error"/>
                </label>
                <label class="field">
                    <span>{i18n.s(Msg::StartWithRules)}</span>
                    <select data-test="sg-new-rules-from" prop:value=move || rules_from.get() on:change=move |ev| rules_from.set(event_target_value(&ev))>
                        <option value="">{i18n.s(Msg::NoInitialRules)}</option>
                        {move || groups.with(|l| l.into_iter().flatten().map(|g| view! { <option value=g.id.clone()>{format!("{} ({}, {})", g.name, g.id, g.rules.len())}</option> }).collect_view())}
                    </select>
                </label>
                <button type="submit" class="primary" data-test="sg-create-submit" disabled=move || changing.get() || !create_problems.with(Vec::is_empty) || create_gate.blocked.with(Option::is_some)>
                    {i18n.s(Msg::Create)}
                </button>
            </form>
            <ImpactView gate=create_gate change=create_change review=create_review/>
            <ErrorNotice error=groups.error/>
            <ErrorNotice error=action_error/>
            <div data-test="group-list">
                <WindowedTable columns=COLUMNS matching=shown.indices() reset=filter row=row/>
            </div>
            <ListState
                total=shown.total()
                shown=shown.count()
                failed=shown.failed()
                filter=filter
                empty=Msg::EmptyBceGroups
            />
            {move || match selected.get() {
                Some(id) => {
                    let on_changed = Callback::new(move |_| reload());
                    crate::split::deferred(super::prefetch_bce_detail, move || super::detail_view(id.clone(), on_changed)).into_any()
                }
                None => view! { <p class="muted">{i18n.s(Msg::SelectGroup)}</p> }.into_any(),
            }}
            <Show when=move || pending_delete.with(|p| p.is_some())>
                <ConfirmDialog
                    title=Msg::DeleteGroupConfirm
                    confirm_label=Msg::Delete
                    busy=changing
                    on_confirm=confirm_delete
                    on_cancel=Callback::new(move |_| pending_delete.set(None))
                >
                    <p data-test="delete-group-summary">
                        {move || pending_delete.with(|g| g.as_ref().map(|g| format!("{} ({}): {} {}", g.name, g.id, g.rules.len(), i18n.rules(g.rules.len()))))}
                    </p>
                    <p class="muted">{i18n.s(Msg::DeleteBoundNote)}</p>
                    <ImpactView gate=delete_gate change=delete_change review=delete_review/>
                </ConfirmDialog>
            </Show>
        </ListPage>
    }
}
