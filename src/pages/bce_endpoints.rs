use leptos::prelude::*;
use leptos::task::spawn_local;
use palisade_core::bce::endpoint::Endpoint;
use palisade_core::bce::esg::EnterpriseSecurityGroup;

use crate::api::{bce, use_api, ApiError};
use crate::components::error_notice::ErrorNotice;
use crate::components::esg_bind_dialog::EsgBindDialog;
use crate::components::filter_box::FilterBox;
use crate::components::list_head::ListHead;
use crate::components::refresh_button::RefreshButton;
use crate::focus::FocusAfterLoad;
use crate::i18n::{use_i18n, Msg};
use crate::remote::Remote;
use crate::text::matches_filter;

/// Baidu service network interface cards with their enterprise security groups.
#[component]
pub fn BceEndpoints() -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let endpoints = Remote::<Vec<Endpoint>>::new();
    let esgs = Remote::<Vec<EnterpriseSecurityGroup>>::new();
    let reload = move || endpoints.load(async move { bce::list_endpoints(&api).await });
    reload();
    esgs.load(async move { bce::list_esgs(&api).await });
    let names = Signal::derive(move || esgs.value.with(|g| g.iter().flatten().map(|g| (g.id.clone(), g.name.clone())).collect::<Vec<_>>()));
    let name_of = move |id: &str| names.with(|n| n.iter().find(|(g, _)| g == id).map(|(_, n)| n.clone()).unwrap_or_default());
    let filter = RwSignal::new(String::new());
    let binding = RwSignal::new(None::<Endpoint>);
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<ApiError>);
    let done = RwSignal::new(false);
    let page = NodeRef::<leptos::html::Section>::new();
    let refocus = FocusAfterLoad::new(endpoints.busy, page);
    let on_bind = Callback::new(move |ids: Vec<String>| {
        let Some(ep) = binding.get_untracked() else { return };
        busy.set(true);
        spawn_local(async move {
            let outcome = bce::bind_esgs(&api, &ep.endpoint_id, &ids).await;
            busy.try_set(false);
            binding.try_set(None);
            match outcome {
                Ok(()) => {
                    error.try_set(None);
                    done.try_set(true);
                    refocus.then_focus(format!("tr[data-endpoint=\"{}\"] [data-test=\"bind-esgs\"]", ep.endpoint_id));
                    reload();
                }
                Err(e) => {
                    done.try_set(false);
                    error.try_set(Some(e));
                }
            }
        });
    });
    let shown = move || {
        let f = filter.get();
        endpoints.value.with(|list| {
            list.iter()
                .flatten()
                .filter(|e| {
                    let text = format!("{} {} {} {}", e.name, e.endpoint_id, e.ip_address.as_deref().unwrap_or(""), e.enterprise_security_group_ids.join(" "));
                    matches_filter(&text, &f)
                })
                .cloned()
                .collect::<Vec<_>>()
        })
    };
    view! {
        <section class="page" data-test="page-bce-endpoints" node_ref=page>
            <h2>{i18n.s(Msg::Endpoints)}</h2>
            <div class="toolbar">
                <FilterBox value=filter/>
                <RefreshButton busy=endpoints.busy on_refresh=Callback::new(move |_| reload())/>
            </div>
            <ErrorNotice error=endpoints.error/>
            <ErrorNotice error=error/>
            <Show when=move || done.get()>
                <p class="ok" role="status" data-test="binding-done">{i18n.s(Msg::Bound)}</p>
            </Show>
            <table class="list" data-test="endpoint-list">
                <ListHead columns=&[Msg::Name, Msg::Ip, Msg::Service, Msg::Groups, Msg::EnterpriseSecurityGroups, Msg::Actions]/>
                <tbody>
                    <For each=shown key=|e| (e.endpoint_id.clone(), e.enterprise_security_group_ids.clone()) let:ep>
                        {
                            let target = ep.clone();
                            view! {
                                <tr data-endpoint=ep.endpoint_id.clone()>
                                    <td>{ep.name.clone()}<br/><code>{ep.endpoint_id.clone()}</code></td>
                                    <td>{ep.ip_address.clone()}</td>
                                    <td>{ep.service.clone()}</td>
                                    <td>
                                        <ul class="chips">
                                            {ep.security_group_ids.iter().map(|g| view! { <li data-sg=g.clone()><code>{g.clone()}</code></li> }).collect_view()}
                                        </ul>
                                    </td>
                                    <td>
                                        <ul class="chips">
                                            {ep.enterprise_security_group_ids.iter().map(|g| {
                                                let g2 = g.clone();
                                                view! { <li data-bound=g.clone()>{move || name_of(&g2)}" "<code>{g.clone()}</code></li> }
                                            }).collect_view()}
                                        </ul>
                                    </td>
                                    <td>
                                        <button type="button" data-test="bind-esgs" on:click=move |_| { done.set(false); binding.set(Some(target.clone())) }>
                                            {i18n.s(Msg::BindEsgs)}
                                        </button>
                                    </td>
                                </tr>
                            }
                        }
                    </For>
                </tbody>
            </table>
            {move || binding.get().map(|ep| view! {
                <EsgBindDialog endpoint=ep esg_names=names on_bind=on_bind on_cancel=Callback::new(move |_| binding.set(None)) busy=busy/>
            })}
        </section>
    }
}
