use leptos::prelude::*;
use palisade_core::bce::security_group::SecurityGroup;
use palisade_core::Cloud;

use crate::api::{bce, use_api};
use crate::components::bce_group_detail::BceGroupDetail;
use crate::components::copy_id::CopyId;
use crate::components::error_notice::ErrorNotice;
use crate::components::list_head::ListHead;
use crate::components::list_page::ListPage;
use crate::components::list_state::ListState;
use crate::i18n::{use_i18n, Msg};
use crate::loaded::Loaded;
use crate::narrow::use_narrowed;
use crate::pages::Page;
use crate::shown::Shown;
use crate::text::{Query, Searchable};

/// Baidu regular security groups: the list, and the selected group's rules.
#[component]
pub fn BceSecurityGroups() -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let groups = Loaded::<Vec<SecurityGroup>>::new(move || {
        api.scope(Cloud::Bce);
        async move { bce::list_security_groups(&api).await }
    });
    let reload = move || groups.reload();
    let narrowed = use_narrowed();
    let filter = RwSignal::new(narrowed.filter(Page::BceSecurityGroups));
    let selected = RwSignal::new(None::<String>);
    // A group of another region (or account) must not stay open after a scope change.
    Effect::watch(move || api.scope(Cloud::Bce), move |_, _, _| selected.set(None), false);
    let shown = Shown::new(groups, filter, move || {
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
    view! {
        <ListPage page=Page::BceSecurityGroups test="page-bce-security-groups" filter=filter busy=groups.busy() on_refresh=Callback::new(move |_| reload())>
            <ErrorNotice error=groups.error/>
            <table class="list" data-test="group-list">
                <ListHead columns=&[Msg::Name, Msg::Id, Msg::Rules, Msg::Description]/>
                <tbody>
                    <For each=move || shown.rows() key=|g| (g.id.clone(), g.rules.len(), g.name.clone()) let:g>
                        {
                            let id = g.id.clone();
                            let id2 = g.id.clone();
                            view! {
                                <tr data-group=g.id.clone() class:selected=move || selected.get().as_deref() == Some(id.as_str())>
                                    <td>
                                        <button type="button" class="link" data-test="open-group" on:click=move |_| selected.set(Some(id2.clone()))>
                                            {g.name.clone()}
                                        </button>
                                    </td>
                                    <td><CopyId id=g.id.clone()/></td>
                                    <td>{g.rules.len()}</td>
                                    <td>{g.desc.clone()}</td>
                                </tr>
                            }
                        }
                    </For>
                </tbody>
            </table>
            <ListState
                total=shown.total()
                shown=shown.count()
                failed=shown.failed()
                filter=filter
                limit=shown.limit
                empty=Msg::EmptyBceGroups
            />
            {move || match selected.get() {
                Some(id) => view! { <BceGroupDetail group_id=id on_changed=Callback::new(move |_| reload())/> }.into_any(),
                None => view! { <p class="muted">{i18n.s(Msg::SelectGroup)}</p> }.into_any(),
            }}
        </ListPage>
    }
}
