use leptos::prelude::*;
use palisade_core::bce::instance::Instance;
use palisade_core::bce::security_group::SecurityGroup;
use palisade_core::Cloud;

use crate::api::{bce, use_api, ApiError};
use crate::components::notice::confirm_dialog::ConfirmDialog;
use crate::components::notice::error_notice::ErrorNotice;
use crate::components::reach::resource_test::ResourceConnectionTest;
use crate::components::table::list_page::ListPage;
use crate::draft::impact::ImpactView;
use crate::draft::Review;
use crate::estate::impact::EstateChange;
use crate::i18n::{use_i18n, Msg};
use crate::infra::change::{Change, Gate};
use crate::infra::focus::FocusAfterLoad;
use crate::infra::loaded::Loaded;
use crate::infra::narrow::use_narrowed;
use crate::pages::instances::batch_bind::BatchBind;
use crate::pages::instances::panel::BindingIntent;
use crate::pages::instances::table::InstanceTable;
use palisade_core::route::Page;

/// Baidu instances with their regular security groups: bind and unbind.
#[component]
pub fn BceInstances() -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let instances = Loaded::<Vec<Instance>>::new(move || {
        api.scope(Cloud::Bce);
        async move { bce::list_instances(&api).await }
    });
    let groups = Loaded::<Vec<SecurityGroup>>::new(move || {
        api.scope(Cloud::Bce);
        async move { bce::list_security_groups(&api).await }
    });
    let esgs = Loaded::<Vec<palisade_core::bce::esg::EnterpriseSecurityGroup>>::new(move || {
        api.scope(Cloud::Bce);
        async move { bce::list_esgs(&api).await }
    });
    let reload = move || {
        instances.reload();
        groups.reload();
        esgs.reload();
    };
    let picked = RwSignal::new(Vec::<String>::new());
    let narrowed = use_narrowed();
    let filter = RwSignal::new(narrowed.filter(Page::BceInstances));
    let error = RwSignal::new(None::<ApiError>);
    let done = RwSignal::new(None::<Msg>);
    // A bind or an unbind, waiting for its confirmation (its impact shown first).
    let pending = RwSignal::new(None::<(Instance, String, bool)>);
    let page = NodeRef::<leptos::html::Section>::new();
    // The row is drawn anew after a change: focus goes back into it.
    let refocus = FocusAfterLoad::new(instances.busy(), page);

    let change = Change::new(move |outcome: Result<(String, bool), ApiError>| {
        pending.set(None);
        match outcome {
            Ok((instance_id, bind)) => {
                error.set(None);
                done.set(Some(if bind { Msg::Bound } else { Msg::Unbound }));
                // The panel is drawn anew with the instance's new groups: focus goes back into it.
                let panel = format!("[data-instance-panel=\"{instance_id}\"]");
                refocus.then_focus(format!("{panel} button:not([disabled]), {panel} select"));
                instances.reload();
            }
            Err(e) => error.set(Some(e)),
        }
    });
    let busy = change.pending();
    let gate = Gate::new();
    // The instance's groups after the change: who gains and loses what.
    let estate_change = Signal::derive(move || {
        pending.with(|p| {
            p.as_ref().map(|(i, g, bind)| {
                let mut after = i.nic_info.security_groups.clone();
                if *bind {
                    after.push(g.clone());
                } else {
                    after.retain(|x| x != g);
                }
                EstateChange::Bindings(vec![(i.id.clone(), after)])
            })
        })
    });
    let review = Signal::derive(move || Review {
        calls: pending.with(|p| {
            p.iter()
                .map(|(i, g, bind)| {
                    (
                        "bindInstance",
                        format!("PUT /v2/instance/{}?{} {{\"securityGroupId\":\"{g}\"}}", i.id, if *bind { "bind" } else { "unbind" }),
                    )
                })
                .collect()
        }),
        ..Default::default()
    });
    let run = move |instance: Instance, group_id: String, bind: bool| {
        done.set(None);
        gate.what.set(format!("{} {} {group_id}", i18n.t(if bind { Msg::Bind } else { Msg::Unbind }), instance.id));
        change.run(gate, async move { bce::bind_instance(&api, &instance, &group_id, bind).await.map(|()| (instance.id, bind)) });
    };
    let on_intent = Callback::new(move |intent: BindingIntent| match intent {
        BindingIntent::Bind { instance, group_id } => pending.set(Some((instance, group_id, true))),
        BindingIntent::Unbind { instance, group_id } => pending.set(Some((instance, group_id, false))),
    });
    let selected = crate::routing::place::use_selection(Page::BceInstances);
    let testing = RwSignal::new(None::<Instance>);
    let on_test = Callback::new(move |i: Instance| testing.set(Some(i)));
    view! {
        <ListPage page=Page::BceInstances test="page-bce-instances" filter=filter busy=instances.busy() on_refresh=Callback::new(move |_| reload()) node_ref=page>
            <ErrorNotice error=instances.error/>
            <ErrorNotice error=error/>
            {move || done.get().map(|m| view! { <p class="ok" role="status" data-test="binding-done">{i18n.s(m)}</p> })}
            <Show when=move || picked.with(|p| !p.is_empty())>
                <BatchBind instances groups esgs picked on_done=Callback::new(move |_| instances.reload())/>
            </Show>
            <InstanceTable instances=instances groups=groups esgs=esgs filter=filter on_intent=on_intent on_test=on_test busy=busy selected=selected picked=picked/>
            // Keyed on the instance: another instance is a new test.
            {move || testing.get().map(|i| view! { <ResourceConnectionTest id=i.id name=i.name vpc_id=i.vpc_id/> })}
            {move || pending.with(|p| p.as_ref().map(|(_, _, bind)| *bind)).map(|bind| view! {
                <ConfirmDialog
                    title=if bind { Msg::BindConfirm } else { Msg::UnbindConfirm }
                    confirm_label=if bind { Msg::Bind } else { Msg::Unbind }
                    busy=Signal::derive(move || busy.get() || !gate.ready())
                    on_confirm=Callback::new(move |_| {
                        if let Some((instance, group, bind)) = pending.get_untracked() {
                            run(instance, group, bind);
                        }
                    })
                    on_cancel=Callback::new(move |_| pending.set(None))
                >
                    <p data-test="binding-summary">{move || pending.with(|p| p.as_ref().map(|(i, g, bind)| format!("{} {} {g}", i.id, if *bind { "→" } else { "←" })))}</p>
                    <ImpactView gate=gate change=estate_change review=review/>
                </ConfirmDialog>
            })}
        </ListPage>
    }
}
