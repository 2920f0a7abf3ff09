use std::collections::HashMap;

use leptos::prelude::*;
use palisade_core::bce::esg::EnterpriseSecurityGroup;
use palisade_core::bce::instance::Instance;
use palisade_core::bce::security_group::SecurityGroup;
use palisade_core::reach::Rule;
use palisade_core::validate::binding::MAX_GROUPS_PER_INSTANCE;
use palisade_core::Direction;

use crate::components::table::list_state::ListState;
use crate::components::table::windowed_table::WindowedTable;
use crate::i18n::{use_i18n, Msg};
use crate::infra::loaded::Loaded;
use crate::infra::narrow::use_narrowed;
use crate::infra::shown::Shown;
use crate::infra::text::{Query, Searchable};
use crate::pages::instances::panel::{BindingIntent, InstancePanel};
use palisade_core::route::Page;

const COLUMNS: &[Msg] = &[Msg::Pick, Msg::Name, Msg::Status, Msg::PrivateIp, Msg::Vpc, Msg::Groups, Msg::GroupCount, Msg::Actions];

/// Baidu instances with their groups, filtered as the user types (a port number finds the
/// instances whose groups let it in), one line each in a window: thousands filter within
/// a frame. "Manage" opens the instance's panel (unbind, bind) above the list.
#[component]
pub fn InstanceTable(
    instances: Loaded<Vec<Instance>>,
    groups: Loaded<Vec<SecurityGroup>>,
    /// The enterprise groups, for their names.
    esgs: Loaded<Vec<EnterpriseSecurityGroup>>,
    filter: RwSignal<String>,
    on_intent: Callback<BindingIntent>,
    /// Opens "Test a connection" for an instance.
    on_test: Callback<Instance>,
    #[prop(into)] busy: Signal<bool>,
    /// The instance whose panel is open, by id (kept across reloads).
    selected: crate::routing::place::Selection,
    /// The instances picked for a batch change, by id.
    picked: RwSignal<Vec<String>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let narrowed = use_narrowed();
    // (id, name, VPC) of every regular group: a chooser offers those of the row's VPC.
    let names = Signal::derive(move || {
        groups.with(|g| {
            g.into_iter().flatten().map(|g| (g.id.clone(), g.name.clone(), g.vpc_id.clone().unwrap_or_default())).collect::<Vec<_>>()
        })
    });
    // Every group's name by id, both kinds, made once per load: each row drawn looks its
    // groups up here rather than building a table of every group again.
    let known = Memo::new(move |_| {
        let mut m: HashMap<String, String> = HashMap::new();
        groups.with(|g| m.extend(g.into_iter().flatten().map(|g| (g.id.clone(), g.name.clone()))));
        esgs.with(|g| m.extend(g.into_iter().flatten().map(|g| (g.id.clone(), g.name.clone()))));
        m
    });
    // Each instance's words, lower-cased once per load rather than once per keystroke.
    let texts = Memo::new(move |_| {
        instances.with(|list| {
            list.into_iter()
                .flatten()
                .map(|i| {
                    let nic = &i.nic_info;
                    let text = format!(
                        "{} {} {} {} {} {} {}",
                        i.name,
                        i.id,
                        i.status,
                        i.internal_ip.as_deref().unwrap_or(""),
                        i.vpc_id.as_deref().unwrap_or(""),
                        nic.security_groups.join(" "),
                        nic.enterprise_security_groups.join(" ")
                    );
                    Searchable::new(&text, [])
                })
                .collect::<Vec<_>>()
        })
    });
    let shown = Shown::new(instances, move || {
        let q = filter.with(|f| Query::new(f));
        // A port in the filter: each group's ingress rules, read once per keystroke (not
        // once per instance and group).
        let rules: HashMap<String, Vec<Rule>> = if q.names_a_port() {
            groups.with(|gs| {
                gs.into_iter()
                    .flatten()
                    .map(|g| {
                        let rules = g.rules.iter().filter_map(Rule::from_bce).filter(|r| r.direction == Direction::Ingress).collect();
                        (g.id.clone(), rules)
                    })
                    .collect()
            })
        } else {
            HashMap::new()
        };
        texts.track();
        move |n: usize, i: &Instance| {
            let reach = || i.nic_info.security_groups.iter().filter_map(|g| rules.get(g)).flatten();
            narrowed.allows(Page::BceInstances, &i.id) && texts.with_untracked(|t| t.get(n).is_some_and(|s| s.matches_query(&q, reach)))
        }
    });
    // A row is plain text and two buttons, without an effect of its own: what it shows
    // (the instance, the group names, the language, which row is open) is read as it is
    // drawn, tracked by the window, so a change of any of them redraws the rows in view.
    let row = Callback::new(move |n: usize| {
        let Some(i) = instances.with(|l| l.and_then(|l| l.get(n)).cloned()) else { return ().into_any() };
        let nic = &i.nic_info;
        // Groups by name (the ids are in the cell's title and one click away, in the panel).
        // A group the lists lack (another region's, or a list that failed) shows its id.
        let kind = i18n.t(Msg::EnterpriseGroupKind);
        let words: Vec<String> = known.with(|k| {
            let name = |id: &String| k.get(id).unwrap_or(id).clone();
            let regular = nic.security_groups.iter().map(name);
            regular.chain(nic.enterprise_security_groups.iter().map(|id| format!("{} ({kind})", name(id)))).collect()
        });
        let groups_text = words.join(", ");
        let groups_title = format!("{groups_text} · {}", nic.held().join(" "));
        let count = format!("{} / {MAX_GROUPS_PER_INSTANCE}", nic.held().len());
        let id = i.id.clone();
        let is_selected = selected.is(&id);
        let is_picked = picked.with(|p| p.contains(&id));
        let pick_id = id.clone();
        let pick_label = format!("{} {}", i18n.t(Msg::Pick), i.name);
        let open_id = id.clone();
        let tested = StoredValue::new(i.clone());
        view! {
            <tr class="line-row" class:selected=is_selected class:expired=i.is_expired() data-instance=id.clone()>
                <td>
                    <input
                        type="checkbox"
                        data-test="pick"
                        aria-label=pick_label
                        prop:checked=is_picked
                        on:change=move |_| {
                            picked.update(|p| match p.iter().position(|x| *x == pick_id) {
                                Some(at) => {
                                    p.remove(at);
                                }
                                None => p.push(pick_id.clone()),
                            })
                        }
                    />
                </td>
                <td title=format!("{} {id}", i.name)>{i.name.clone()}" "<code>{id.clone()}</code></td>
                <td data-test="status">{i.status.clone()}</td>
                <td class="mono" data-test="private-ip">{i.internal_ip.clone().unwrap_or_default()}</td>
                <td class="mono" data-test="vpc" title=i.vpc_id.clone().unwrap_or_default()>{i.vpc_id.clone().unwrap_or_default()}</td>
                <td title=groups_title data-test="instance-groups">{groups_text.clone()}</td>
                <td data-test="group-count">{count}</td>
                <td>
                    <button type="button" class="link" data-test="instance-open" on:click=move |_| selected.set(Some(open_id.clone()))>
                        {i18n.t(Msg::Manage)}
                    </button>
                    <button type="button" class="link" data-test="test-connection" on:click=move |_| on_test.run(tested.get_value())>
                        {i18n.t(Msg::TestConnection)}
                    </button>
                </td>
            </tr>
        }
        .into_any()
    });
    let panel = move || {
        let id = selected.get()?;
        let instance = instances.with(|l| l?.iter().find(|i| i.id == id).cloned())?;
        Some(
            view! { <InstancePanel instance group_names=names known=known on_intent busy on_close=Callback::new(move |_| selected.set(None))/> },
        )
    };
    let matching = shown.indices();
    view! {
        {panel}
        <p class="muted" data-test="list-count" data-matching=move || matching.with(Vec::len)>
            {move || i18n.shown(matching.with(Vec::len), instances.with(|l| l.map_or(0, Vec::len)), i18n.t(Msg::InstancesWord))}" "
            <button
                type="button"
                class="link"
                data-test="pick-matching"
                on:click=move |_| {
                    let ids = instances.with(|l| matching.with(|m| m.iter().filter_map(|&n| l.and_then(|l| l.get(n)).map(|i| i.id.clone())).collect()));
                    picked.set(ids);
                }
            >
                {i18n.s(Msg::PickMatching)}
            </button>
        </p>
        <div data-test="instance-list">
            <WindowedTable columns=COLUMNS matching=matching reset=filter row=row/>
        </div>
        <ListState total=shown.total() shown=shown.count() failed=shown.failed() filter=filter empty=Msg::EmptyInstances/>
    }
}
