use leptos::prelude::*;
use palisade_core::bce::esg::EnterpriseSecurityGroup;
use palisade_core::Cloud;

use crate::api::{bce, use_api, ApiError};
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
use crate::infra::text::{Query, Searchable};
use crate::pages::esgs::create::EsgCreate;
use palisade_core::route::Page;

fn esg_rule_line(r: &palisade_core::bce::esg::EsgRule) -> String {
    let remote = r.remote_ip();
    format!(
        "{} {} {} {} {} {} #{}",
        r.direction.as_deref().unwrap_or(""),
        r.ethertype.as_deref().unwrap_or(""),
        r.protocol.as_deref().unwrap_or(""),
        r.port_range.as_deref().unwrap_or(""),
        remote.as_deref().unwrap_or(""),
        r.action.as_deref().unwrap_or(""),
        r.priority.as_ref().and_then(|p| p.value()).map(|p| p.to_string()).unwrap_or_default()
    )
}

const COLUMNS: &[Msg] = &[Msg::Name, Msg::Id, Msg::Rules, Msg::Actions];

/// Baidu enterprise security groups: the list with rules, create, delete.
#[component]
pub fn BceEsgs() -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let esgs = Loaded::<Vec<EnterpriseSecurityGroup>>::new(move || {
        api.scope(Cloud::Bce);
        async move { bce::list_esgs(&api).await }
    });
    let reload = move || esgs.reload();
    let narrowed = use_narrowed();
    let filter = RwSignal::new(narrowed.filter(Page::BceEnterpriseSecurityGroups));
    let editing = RwSignal::new(false);
    // The group whose rules are open below the list, by id (kept across reloads).
    let open = crate::routing::place::use_selection(Page::BceEnterpriseSecurityGroups);
    // The group "Clone" starts the editor from (its rules, a new name).
    let cloning = RwSignal::new(None::<EnterpriseSecurityGroup>);
    let created = RwSignal::new(None::<String>);
    let pending_delete = RwSignal::new(None::<EnterpriseSecurityGroup>);
    let delete_error = RwSignal::new(None::<ApiError>);
    let new_button = NodeRef::<leptos::html::Button>::new();
    let page = NodeRef::<leptos::html::Section>::new();
    let refocus = FocusAfterLoad::new(esgs.busy(), page);
    let focus_new = move || {
        if let Some(b) = new_button.get_untracked() {
            let _ = b.focus();
        }
    };
    // The outcome carries the group it was about: the dialog may be closed meanwhile.
    let delete = Change::new(move |done: Result<(String, Option<ApiError>), ApiError>| {
        let (id, refused) = done.unwrap_or_else(|e| (String::new(), Some(e)));
        pending_delete.set(None);
        // Deleted: the row is gone and the heading takes focus; refused: the row stays.
        refocus.then_focus(format!("tr[data-esg=\"{id}\"] [data-test=\"delete-esg\"]"));
        // The outcome of this action replaces any earlier message.
        created.set(None);
        delete_error.set(refused);
        reload();
    });
    let deleting = delete.pending();
    let delete_gate = Gate::new();
    let delete_change = Signal::derive(move || pending_delete.with(|g| g.as_ref().map(|g| EstateChange::RemoveGroup(g.id.clone()))));
    let delete_review = Signal::derive(move || Review {
        calls: pending_delete.with(|g| g.iter().map(|g| ("deleteEsg", format!("DELETE /v1/enterprise/security/{}", g.id))).collect()),
        ..Default::default()
    });
    let confirm_delete = Callback::new(move |_| {
        if let Some(g) = pending_delete.get_untracked() {
            delete_gate.what.set(format!("{} {} ({})", i18n.t(Msg::Delete), g.name, g.id));
            delete.run(delete_gate, async move { Ok((g.id.clone(), bce::delete_esg(&api, &g.id).await.err())) });
        }
    });
    let shown = Shown::new(esgs, move || {
        let q = filter.with(|f| Query::new(f));
        move |_, g: &EnterpriseSecurityGroup| {
            let rules: Vec<String> = g.rules.iter().map(esg_rule_line).collect();
            let reach = g
                .rules
                .iter()
                .filter_map(palisade_core::reach::Rule::from_esg)
                .filter(|r| r.direction == palisade_core::Direction::Ingress);
            narrowed.allows(Page::BceEnterpriseSecurityGroups, &g.id)
                && Searchable::new(&format!("{} {} {} {}", g.name, g.id, g.desc.as_deref().unwrap_or(""), rules.join(" ")), reach)
                    .matches(&q)
        }
    });
    // One line per group, in a window (only the rows in view are drawn).
    let row = Callback::new(move |n: usize| {
        let Some(g) = esgs.with(|l| l.and_then(|l| l.get(n)).cloned()) else { return ().into_any() };
        let (target, source, opened) = (g.clone(), g.clone(), g.id.clone());
        let clonable = crate::pages::esgs::create::can_clone(&g);
        let n = g.rules.len();
        view! {
            <tr class="line-row" data-esg=g.id.clone() class:selected=open.is(&g.id)>
                <td>{g.name.clone()}</td>
                <td><CopyId id=g.id.clone()/></td>
                <td>
                    <button type="button" class="link" data-test="esg-open" on:click=move |_| open.set(Some(opened.clone()))>
                        {format!("{n} {}", i18n.rules(n))}
                    </button>
                </td>
                <td>
                    <button type="button" class="link danger" data-test="delete-esg" on:click=move |_| pending_delete.set(Some(target.clone()))>
                        {i18n.t(Msg::Delete)}
                    </button>
                    <button
                        type="button"
                        class="link"
                        data-test="clone-esg"
                        disabled=!clonable
                        title=i18n.t(if clonable { Msg::CloneEsg } else { Msg::CloneEsgNot })
                        on:click=move |_| {
                            created.set(None);
                            cloning.set(Some(source.clone()));
                            editing.set(true);
                        }
                    >
                        {i18n.t(Msg::CloneEsg)}
                    </button>
                </td>
            </tr>
        }
        .into_any()
    });
    view! {
        <ListPage page=Page::BceEnterpriseSecurityGroups test="page-bce-esgs" filter=filter busy=esgs.busy() on_refresh=Callback::new(move |_| reload()) node_ref=page tools=move || view! {
                <button type="button" class="primary" data-test="new-esg" node_ref=new_button on:click=move |_| { created.set(None); cloning.set(None); editing.set(true) }>
                    {i18n.s(Msg::NewEsg)}
                </button>
            }>
            <Show when=move || created.with(|c| c.is_some())>
                <p class="ok" role="status" data-test="esg-created">
                    {i18n.s(Msg::EsgCreated)}" "<code>{move || created.get()}</code>
                </p>
            </Show>
            // Keyed on the group being cloned: another Clone starts a fresh editor.
            {move || editing.get().then(|| view! {
                <EsgCreate
                    start=cloning.get()
                    on_created=Callback::new(move |id| {
                        editing.set(false);
                        created.set(Some(id));
                        reload();
                        focus_new();
                    })
                    on_cancel=Callback::new(move |_| { editing.set(false); focus_new(); })
                />
            })}
            <ErrorNotice error=esgs.error/>
            <ErrorNotice error=delete_error/>
            <div data-test="esg-list">
                <WindowedTable columns=COLUMNS matching=shown.indices() reset=filter row=row/>
            </div>
            <ListState
                total=shown.total()
                shown=shown.count()
                failed=shown.failed()
                filter=filter
                empty=Msg::EmptyEsgs
            />
            {move || open.get().map(|id| {
                let (on_changed, on_close) = (Callback::new(move |_| reload()), Callback::new(move |_| open.set(None)));
                crate::split::deferred(super::prefetch_esg_detail, move || super::detail_view(esgs, id.clone(), on_changed, on_close))
            })}
            <Show when=move || pending_delete.with(|p| p.is_some())>
                <ConfirmDialog
                    title=Msg::DeleteEsgConfirm
                    confirm_label=Msg::Delete
                    busy=deleting
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
