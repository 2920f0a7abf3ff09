use leptos::prelude::*;
use palisade_core::bce::instance::Instance;
use palisade_core::bce::security_group::SecurityGroup;
use palisade_core::Cloud;

use crate::api::{bce, use_api, ApiError};
use crate::components::notice::confirm_dialog::ConfirmDialog;
use crate::components::notice::error_notice::ErrorNotice;
use crate::components::reach::resource_test::ResourceConnectionTest;
use crate::components::table::list_page::ListPage;
use crate::i18n::{use_i18n, Msg};
use crate::infra::change::Change;
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
    let pending_unbind = RwSignal::new(None::<(Instance, String)>);
    let page = NodeRef::<leptos::html::Section>::new();
    // The row is drawn anew after a change: focus goes back into it.
    let refocus = FocusAfterLoad::new(instances.busy(), page);

    let change = Change::new(move |outcome: Result<(String, bool), ApiError>| {
        pending_unbind.set(None);
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
    let run = move |instance: Instance, group_id: String, bind: bool| {
        done.set(None);
        change.run(async move { bce::bind_instance(&api, &instance, &group_id, bind).await.map(|()| (instance.id, bind)) });
    };
    let on_intent = Callback::new(move |intent: BindingIntent| match intent {
        BindingIntent::Bind { instance, group_id } => run(instance, group_id, true),
        BindingIntent::Unbind { instance, group_id } => pending_unbind.set(Some((instance, group_id))),
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
            <InstanceTable instances=instances groups=groups filter=filter on_intent=on_intent on_test=on_test busy=busy selected=selected picked=picked/>
            // Keyed on the instance: another instance is a new test.
            {move || testing.get().map(|i| view! { <ResourceConnectionTest id=i.id name=i.name vpc_id=i.vpc_id/> })}
            <Show when=move || pending_unbind.with(|p| p.is_some())>
                <ConfirmDialog
                    title=Msg::UnbindConfirm
                    confirm_label=Msg::Unbind
                    busy=busy
                    on_confirm=Callback::new(move |_| {
                        if let Some((instance, group)) = pending_unbind.get_untracked() {
                            run(instance, group, false);
                        }
                    })
                    on_cancel=Callback::new(move |_| pending_unbind.set(None))
                >
                    <p>{move || pending_unbind.with(|p| p.as_ref().map(|(i, g)| format!("{} ← {g}", i.id)))}</p>
                </ConfirmDialog>
            </Show>
        </ListPage>
    }
}
