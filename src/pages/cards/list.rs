use leptos::prelude::*;
use palisade_core::bce::esg::EnterpriseSecurityGroup;
use palisade_core::bce::vpc::Vpc;
use palisade_core::Cloud;

use crate::api::{bce, use_api, ApiError};
use crate::components::notice::error_notice::ErrorNotice;
use crate::components::reach::resource_test::ResourceConnectionTest;
use crate::components::table::list_page::ListPage;
use crate::components::table::list_state::ListState;
use crate::components::table::windowed_table::WindowedTable;
use crate::components::value::copy_id::CopyId;
use crate::estate::cards::{load_cards, Card, GroupRef};
use crate::i18n::{use_i18n, Msg};
use crate::infra::change::{Change, Gate};
use crate::infra::focus::FocusAfterLoad;
use crate::infra::loaded::Loaded;
use crate::infra::narrow::use_narrowed;
use crate::infra::shown::Shown;
use crate::infra::text::{Query, Searchable};
use crate::pages::cards::esg_bind_dialog::EsgBindDialog;
use crate::pages::cards::sg_bind_dialog::SgBindDialog;
use palisade_core::route::Page;

/// Chips of bound groups; `enterprise` marks them `data-bound` (else `data-sg`), which
/// the tests read.
fn chips(groups: &[GroupRef], enterprise: bool) -> impl IntoView {
    let items = groups
        .iter()
        .map(|g| {
            let (sg, bound) = if enterprise { (None, Some(g.id.clone())) } else { (Some(g.id.clone()), None) };
            view! { <li data-sg=sg data-bound=bound>{g.name.clone()}" "<code>{g.id.clone()}</code></li> }
        })
        .collect_view();
    view! { <ul class="chips">{items}</ul> }
}

const COLUMNS: &[Msg] = &[Msg::Name, Msg::Ip, Msg::Service, Msg::Groups, Msg::EnterpriseSecurityGroups, Msg::Actions];

/// Baidu service network interface cards with their regular and enterprise groups.
#[component]
pub fn BceEndpoints() -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let vpcs = Loaded::<Vec<Vpc>>::new(move || {
        api.scope(Cloud::Bce);
        async move { bce::list_vpcs(&api).await }
    });
    // "" = every VPC, listed in turn.
    let vpc_choice = RwSignal::new(String::new());
    Effect::watch(move || api.scope(Cloud::Bce), move |_, _, _| vpc_choice.set(String::new()), false);
    let cards = Loaded::<Vec<Card>>::new(move || {
        let chosen = vpc_choice.get();
        let in_scope: Option<Vec<String>> = if chosen.is_empty() {
            vpcs.with(|v| v.as_ref().map(|v| v.iter().map(|v| v.vpc_id.clone()).collect()))
        } else {
            Some(vec![chosen])
        };
        async move {
            match in_scope {
                Some(list) => load_cards(api, list).await,
                // The VPCs are not known yet (or failed): their own error says why.
                None => Ok(Vec::new()),
            }
        }
    });
    let esgs = Loaded::<Vec<EnterpriseSecurityGroup>>::new(move || {
        api.scope(Cloud::Bce);
        async move { bce::list_esgs(&api).await }
    });
    let regular = Loaded::<Vec<palisade_core::bce::security_group::SecurityGroup>>::new(move || {
        api.scope(Cloud::Bce);
        async move { bce::list_security_groups(&api).await }
    });
    let reload = move || {
        vpcs.reload();
        cards.reload();
        esgs.reload();
        regular.reload();
    };
    let busy = Signal::derive(move || vpcs.busy().get() || cards.busy().get());
    let narrowed = use_narrowed();
    let filter = RwSignal::new(narrowed.filter(Page::BceEndpoints));
    let binding = RwSignal::new(None::<Card>);
    // The card whose regular groups are being set.
    let setting = RwSignal::new(None::<Card>);
    let testing = RwSignal::new(None::<palisade_core::bce::endpoint::Endpoint>);
    let error = RwSignal::new(None::<ApiError>);
    let done = RwSignal::new(false);
    let page = NodeRef::<leptos::html::Section>::new();
    let refocus = FocusAfterLoad::new(cards.busy(), page);
    let bind = Change::new(move |outcome: Result<String, ApiError>| {
        binding.set(None);
        setting.set(None);
        match outcome {
            Ok(card_id) => {
                error.set(None);
                done.set(true);
                refocus.then_focus(format!("tr[data-endpoint=\"{card_id}\"] [data-test=\"bind-esgs\"]"));
                cards.reload();
            }
            Err(e) => {
                done.set(false);
                error.set(Some(e));
            }
        }
    });
    let (esg_gate, sg_gate) = (Gate::new(), Gate::new());
    let on_bind = Callback::new(move |esg_id: String| {
        if let Some(card) = binding.get_untracked() {
            let card_id = card.endpoint.endpoint_id;
            esg_gate.what.set(format!("{} {card_id}: {esg_id}", i18n.t(Msg::BindEsgs)));
            bind.run(esg_gate, async move { bce::bind_esg(&api, &card_id, &esg_id).await.map(|()| card_id) });
        }
    });
    let on_bind_sg = Callback::new(move |ids: Vec<String>| {
        if let Some(card) = setting.get_untracked() {
            let card_id = card.endpoint.endpoint_id;
            sg_gate.what.set(format!("{} {card_id}: {}", i18n.t(Msg::BindSgs), ids.join(", ")));
            bind.run(sg_gate, async move { bce::bind_sg(&api, &card_id, &ids).await.map(|()| card_id) });
        }
    });
    let shown = Shown::new(cards, move || {
        let q = filter.with(|f| Query::new(f));
        move |_, c: &Card| {
            let e = &c.endpoint;
            let groups = c.groups.iter().chain(&c.esgs).map(|g| format!("{} {}", g.id, g.name)).collect::<Vec<_>>().join(" ");
            let text = format!("{} {} {} {groups}", e.name, e.endpoint_id, e.ip_address.as_deref().unwrap_or(""));
            narrowed.allows(Page::BceEndpoints, &e.endpoint_id) && Searchable::new(&text, c.reach.iter().cloned()).matches(&q)
        }
    });
    let esg_list = Signal::derive(move || esgs.get().unwrap_or_default());
    // One line per card, in a window (only the rows in view are drawn).
    let row = Callback::new(move |n: usize| {
        let Some(card) = cards.with(|l| l.and_then(|l| l.get(n)).cloned()) else { return ().into_any() };
        let ep = card.endpoint.clone();
        let (target, for_sg, tested) = (card.clone(), card.clone(), ep.clone());
        view! {
            <tr class="line-row" data-endpoint=ep.endpoint_id.clone()>
                <td title=format!("{} {}", ep.name, ep.endpoint_id)>{ep.name.clone()}" "<CopyId id=ep.endpoint_id.clone()/></td>
                <td>{ep.ip_address.clone()}</td>
                <td>{ep.service.clone()}</td>
                <td>{chips(&card.groups, false)}</td>
                <td>{chips(&card.esgs, true)}</td>
                <td>
                    <button type="button" class="link" data-test="bind-esgs" on:click=move |_| { done.set(false); binding.set(Some(target.clone())) }>
                        {i18n.t(Msg::BindEsgs)}
                    </button>
                    <button type="button" class="link" data-test="bind-sgs" on:click=move |_| { done.set(false); setting.set(Some(for_sg.clone())) }>
                        {i18n.t(Msg::BindSgs)}
                    </button>
                    <button type="button" class="link" data-test="test-connection" on:click=move |_| testing.set(Some(tested.clone()))>
                        {i18n.t(Msg::TestConnection)}
                    </button>
                </td>
            </tr>
        }
        .into_any()
    });
    view! {
        <ListPage page=Page::BceEndpoints test="page-bce-endpoints" filter=filter busy=busy on_refresh=Callback::new(move |_| reload()) node_ref=page tools=move || view! {
                <label class="field inline">
                    <span>{i18n.s(Msg::Vpc)}</span>
                    <select data-test="vpc-choice" prop:value=move || vpc_choice.get() on:change=move |ev| vpc_choice.set(event_target_value(&ev))>
                        <option value="">{i18n.s(Msg::AllVpcs)}</option>
                        {move || {
                            vpcs
                                .get()
                                .unwrap_or_default()
                                .into_iter()
                                .map(|v| view! { <option value=v.vpc_id.clone()>{format!("{} ({})", v.name, v.vpc_id)}</option> })
                                .collect_view()
                        }}
                    </select>
                </label>
            }>
            <ErrorNotice error=vpcs.error/>
            <ErrorNotice error=cards.error/>
            <ErrorNotice error=error/>
            <Show when=move || done.get()>
                <p class="ok" role="status" data-test="binding-done">{i18n.s(Msg::Bound)}</p>
            </Show>
            <div data-test="endpoint-list">
                <WindowedTable columns=COLUMNS matching=shown.indices() reset=filter row=row/>
            </div>
            <ListState
                total=shown.total()
                shown=shown.count()
                failed=Signal::derive(move || cards.error.with(Option::is_some) || vpcs.error.with(Option::is_some))
                filter=filter
                empty=Msg::EmptyCards
            />
            {move || testing.get().map(|e| view! { <ResourceConnectionTest id=e.endpoint_id name=e.name vpc_id=e.vpc_id/> })}
            {move || setting.get().map(|card| view! {
                <SgBindDialog
                    card=card
                    groups=Signal::derive(move || regular.get().unwrap_or_default())
                    on_bind=on_bind_sg
                    on_cancel=Callback::new(move |_| setting.set(None))
                    busy=bind.pending()
                    gate=sg_gate
                />
            })}
            {move || binding.get().map(|card| view! {
                <EsgBindDialog card=card esgs=esg_list on_bind=on_bind on_cancel=Callback::new(move |_| binding.set(None)) busy=bind.pending() gate=esg_gate/>
            })}
        </ListPage>
    }
}
