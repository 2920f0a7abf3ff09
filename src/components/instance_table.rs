use std::collections::HashMap;

use leptos::prelude::*;
use palisade_core::bce::instance::Instance;
use palisade_core::bce::security_group::SecurityGroup;
use palisade_core::reach::Rule;
use palisade_core::Direction;

use crate::components::instance_row::{BindingIntent, InstanceRow};
use crate::components::list_state::ListState;
use crate::i18n::{use_i18n, Msg};
use crate::loaded::Loaded;
use crate::narrow::use_narrowed;
use crate::pages::Page;
use crate::shown::Shown;
use crate::text::{Query, Searchable};

/// Baidu instances with their regular groups, filtered as the user types (a port number
/// finds the instances whose groups let it in), at most a page of rows at a time.
#[component]
pub fn InstanceTable(
    instances: Loaded<Vec<Instance>>,
    groups: Loaded<Vec<SecurityGroup>>,
    filter: RwSignal<String>,
    on_intent: Callback<BindingIntent>,
    /// Opens "Test a connection" for an instance.
    on_test: Callback<Instance>,
    #[prop(into)] busy: Signal<bool>,
) -> impl IntoView {
    let i18n = use_i18n();
    let narrowed = use_narrowed();
    // (id, name, VPC) of every regular group: a chooser offers those of the row's VPC.
    let names = Signal::derive(move || {
        groups.with(|g| {
            g.into_iter().flatten().map(|g| (g.id.clone(), g.name.clone(), g.vpc_id.clone().unwrap_or_default())).collect::<Vec<_>>()
        })
    });
    // Each instance's words, lower-cased once per load rather than once per keystroke.
    let texts = Memo::new(move |_| {
        instances.with(|list| {
            list.into_iter()
                .flatten()
                .map(|i| {
                    let nic = &i.nic_info;
                    let text = format!(
                        "{} {} {} {} {}",
                        i.name,
                        i.id,
                        i.status,
                        nic.security_groups.join(" "),
                        nic.enterprise_security_groups.join(" ")
                    );
                    Searchable::new(&text, [])
                })
                .collect::<Vec<_>>()
        })
    });
    let shown = Shown::new(instances, filter, move || {
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
    view! {
        <table class="list" data-test="instance-list">
            <thead>
                <tr>
                    <th scope="col">{i18n.s(Msg::Name)}</th>
                    <th scope="col">{i18n.s(Msg::Status)}</th>
                    <th scope="col">{i18n.s(Msg::Groups)}</th>
                    <th scope="col">"#"</th>
                    <th scope="col">{i18n.s(Msg::Bind)}</th>
                </tr>
            </thead>
            <tbody>
                <For
                    each=move || shown.rows()
                    key=|i| (i.id.clone(), i.nic_info.security_groups.clone(), i.nic_info.enterprise_security_groups.clone(), i.status.clone())
                    let:instance
                >
                    <InstanceRow instance=instance group_names=names on_intent=on_intent on_test=on_test busy=busy/>
                </For>
            </tbody>
        </table>
        <ListState total=shown.total() shown=shown.count() failed=shown.failed() filter=filter limit=shown.limit empty=Msg::EmptyInstances/>
    }
}
