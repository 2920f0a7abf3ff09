use leptos::prelude::*;
use palisade_core::bce::instance::Instance;
use palisade_core::validate::binding::MAX_GROUPS_PER_INSTANCE;

use crate::components::value::copy_id::CopyId;
use crate::i18n::{use_i18n, Msg};
use crate::infra::text::matches_filter;

/// What a bind/unbind row asks its page to do.
#[derive(Debug, Clone, PartialEq)]
pub enum BindingIntent {
    Bind { instance: Instance, group_id: String },
    Unbind { instance: Instance, group_id: String },
}

/// The instance chosen in the list, with what the one-line row has no room for: each
/// bound group with its Unbind, why nothing more can be bound, or the chooser.
#[component]
pub fn InstancePanel(
    instance: Instance,
    /// (id, name, VPC id) of every regular group.
    #[prop(into)]
    group_names: Signal<Vec<(String, String, String)>>,
    /// Every group's name by id (enterprise groups' included).
    #[prop(into)]
    known: Signal<std::collections::HashMap<String, String>>,
    on_intent: Callback<BindingIntent>,
    #[prop(into)] busy: Signal<bool>,
    on_close: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let expired = instance.is_expired();
    let bound = instance.nic_info.security_groups.clone();
    let enterprise = instance.nic_info.enterprise_security_groups.clone();
    let at_limit = bound.len() >= MAX_GROUPS_PER_INSTANCE;
    let vpc = instance.vpc_id.clone().unwrap_or_default();
    let choice = RwSignal::new(String::new());
    // A VPC can hold 100 groups: the chooser is narrowed by typing.
    let search = RwSignal::new(String::new());
    // The chooser is drawn when asked for: a page of rows, each with a search box and a
    // VPC's 100 groups as options, made every keystroke of the list's filter cost ~90 ms.
    let open = RwSignal::new(false);
    let search_box = NodeRef::<leptos::html::Input>::new();
    Effect::new(move |_| {
        if open.get() {
            if let Some(el) = search_box.get() {
                let _ = el.focus();
            }
        }
    });
    let inst = StoredValue::new(instance.clone());
    let bound_for_options = bound.clone();
    let name_of = move |id: &str| group_names.with(|n| n.iter().find(|(g, _, _)| g == id).map(|(_, n, _)| n.clone()).unwrap_or_default());
    // An instance holds regular or enterprise groups, never both (reference C.5): said
    // before anything is sent.
    let reason = if expired {
        Some(Msg::ExpiredReason)
    } else if !enterprise.is_empty() {
        Some(Msg::MixedKinds)
    } else if at_limit {
        Some(Msg::LimitReached)
    } else {
        None
    };
    let select_id = StoredValue::new(format!("bind-{}", instance.id));
    let (bound_for_options, vpc) = (StoredValue::new(bound_for_options), StoredValue::new(vpc));
    view! {
        <section class="instance-panel group-detail" data-test="instance-panel" data-instance-panel=instance.id.clone() class:expired=expired>
            <div class="detail-header">
                <h3 tabindex="-1">{instance.name.clone()}</h3>
                <CopyId id=instance.id.clone()/>
                <span data-test="status">{instance.status.clone()}</span>
                <span class="muted" data-test="panel-group-count">{format!("{} / {MAX_GROUPS_PER_INSTANCE}", instance.nic_info.held().len())}</span>
                <span class="spacer"></span>
                <button type="button" data-test="instance-close" on:click=move |_| on_close.run(())>{i18n.s(Msg::Close)}</button>
            </div>
            <ul class="chips">
                {bound
                    .iter()
                    .map(|g| {
                        let gid = g.clone();
                        let gid_label = g.clone();
                        view! {
                            <li data-bound=g.clone()>
                                {move || name_of(&gid_label)}" "<code>{g.clone()}</code>
                                <button
                                    type="button"
                                    class="link danger"
                                    data-test="unbind"
                                    disabled=move || busy.get()
                                    on:click=move |_| on_intent.run(BindingIntent::Unbind { instance: inst.get_value(), group_id: gid.clone() })
                                >
                                    {i18n.s(Msg::Unbind)}
                                </button>
                            </li>
                        }
                    })
                    .collect_view()}
                {enterprise
                    .iter()
                    .map(|g| {
                        let name = known.with(|k| k.get(g).cloned());
                        view! { <li data-bound-esg=g.clone()>{name}" "<code>{g.clone()}</code>" ("{i18n.s(Msg::EnterpriseGroupKind)}")"</li> }
                    })
                    .collect_view()}
            </ul>
            <div class="bind">
                {match reason {
                    Some(why) => view! { <span class="muted" data-test="bind-blocked">{i18n.s(why)}</span> }.into_any(),
                    None => view! {
                        <Show
                            when=move || open.get()
                            fallback=move || view! {
                                <button type="button" data-test="bind-open" disabled=move || busy.get() on:click=move |_| open.set(true)>
                                    {i18n.s(Msg::BindGroup)}
                                </button>
                            }
                        >
                        <input
                            type="search"
                            node_ref=search_box
                            class="chooser-search"
                            data-test="bind-search"
                            aria-label=i18n.s(Msg::FilterGroups)
                            placeholder=i18n.s(Msg::FilterGroups)
                            bind:value=search
                        />
                        <label class="sr-only" for=select_id.get_value()>{i18n.s(Msg::GroupToBind)}</label>
                        <select id=select_id.get_value() data-test="bind-choice" prop:value=move || choice.get() on:change=move |ev| choice.set(event_target_value(&ev))>
                            <option value="">"—"</option>
                            {move || {
                                group_names
                                    .get()
                                    .into_iter()
                                    .filter(|(id, _, group_vpc)| {
                                        !bound_for_options.with_value(|b| b.contains(id)) && vpc.with_value(|vpc| vpc.is_empty() || group_vpc == vpc)
                                    })
                                    .filter(|(id, name, _)| {
                                        // The chosen group stays offered, so the choice stays valid while typing.
                                        choice.with_untracked(|c| c == id) || search.with(|f| matches_filter(&format!("{name} {id}"), f))
                                    })
                                    .map(|(id, name, _)| view! { <option value=id.clone()>{format!("{name} ({id})")}</option> })
                                    .collect_view()
                            }}
                        </select>
                        <button
                            type="button"
                            data-test="bind"
                            disabled=move || busy.get() || choice.with(|c| c.is_empty())
                            on:click=move |_| on_intent.run(BindingIntent::Bind { instance: inst.get_value(), group_id: choice.get_untracked() })
                        >
                            {i18n.s(Msg::Bind)}
                        </button>
                        <button type="button" class="link" data-test="bind-cancel" on:click=move |_| { choice.set(String::new()); open.set(false) }>
                            {i18n.s(Msg::Cancel)}
                        </button>
                        </Show>
                    }
                    .into_any(),
                }}
            </div>
        </section>
    }
}
