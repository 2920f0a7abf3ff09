use leptos::prelude::*;
use palisade_core::bce::esg::EnterpriseSecurityGroup;
use palisade_core::bce::instance::Instance;
use palisade_core::bce::security_group::{BatchBindRequest, SecurityGroup};
use palisade_core::validate::binding::{batch_result, check_same_vpc, BatchAction, GroupKind, HeldGroups};

use crate::api::{bce, use_api, ApiError};
use crate::components::form::checklist::Checklist;
use crate::components::notice::confirm_dialog::ConfirmDialog;
use crate::components::notice::error_notice::ErrorNotice;
use crate::draft::impact::ImpactView;
use crate::draft::Review;
use crate::estate::impact::EstateChange;
use crate::i18n::{use_i18n, Msg};
use crate::infra::change::{Change, Gate};
use crate::infra::loaded::Loaded;

/// One instance in a batch: its name and id, its groups of the kind before, and after
/// (or why the cloud would refuse it).
#[derive(Debug, Clone, PartialEq)]
pub struct Planned {
    pub id: String,
    pub name: String,
    pub before: Vec<String>,
    pub after: Result<Vec<String>, &'static str>,
}

/// What a batch call would do to each picked instance, computed with core's
/// `batch_result` and `check_same_vpc` (the rules the emulator answers with): a regular
/// group of another VPC than the instance's leaves that instance out, with the code.
/// `vpc_of` is each regular group's VPC.
pub fn plan_batch(
    instances: &[Instance],
    picked: &[String],
    action: BatchAction,
    kind: GroupKind,
    groups: &[String],
    vpc_of: &dyn Fn(&str) -> Option<String>,
) -> Vec<Planned> {
    instances
        .iter()
        .filter(|i| picked.contains(&i.id))
        .map(|i| {
            let nic = &i.nic_info;
            let held = HeldGroups { expired: i.is_expired(), normal: &nic.security_groups, enterprise: &nic.enterprise_security_groups };
            // Both kinds: an instance holds one, and a replace by the other removes it all.
            let before = nic.security_groups.iter().chain(&nic.enterprise_security_groups).cloned().collect();
            let vpc_ok = kind == GroupKind::Enterprise
                || action == BatchAction::Unbind
                || groups.iter().try_for_each(|g| check_same_vpc(i.vpc_id.as_deref(), vpc_of(g).as_deref())).is_ok();
            let after = if vpc_ok {
                batch_result(action, kind, held, groups).map_err(|p| p.code.code)
            } else {
                Err(palisade_core::codes::GROUP_VPC_MISMATCH.code)
            };
            Planned { id: i.id.clone(), name: i.name.clone(), before, after }
        })
        .collect()
}

const ACTIONS: [(BatchAction, Msg); 3] =
    [(BatchAction::Bind, Msg::Bind), (BatchAction::Unbind, Msg::Unbind), (BatchAction::Replace, Msg::Replace)];

/// Bind, unbind or replace groups on every picked instance in one call
/// (`PUT /v2/securitygroup/{action}`). The confirmation lists every instance with its
/// groups before and after, and those the cloud would refuse (left out of the call,
/// with the reason); after the call each instance is read again and its result shown.
#[component]
pub fn BatchBind(
    instances: Loaded<Vec<Instance>>,
    groups: Loaded<Vec<SecurityGroup>>,
    esgs: Loaded<Vec<EnterpriseSecurityGroup>>,
    picked: RwSignal<Vec<String>>,
    on_done: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let action = RwSignal::new(String::from(BatchAction::Bind.as_str()));
    let kind = RwSignal::new(String::from(GroupKind::Normal.as_str()));
    let chosen = RwSignal::new(Vec::<String>::new());
    let reviewing = RwSignal::new(false);
    let the_action = move || BatchAction::parse(&action.get()).unwrap_or(BatchAction::Bind);
    let the_kind = move || GroupKind::parse(&kind.get()).unwrap_or(GroupKind::Normal);
    // The picked instances' VPCs: a regular group of another VPC is not offered.
    let vpcs = move || {
        picked.with(|p| {
            instances.with(|l| l.into_iter().flatten().filter(|i| p.contains(&i.id)).filter_map(|i| i.vpc_id.clone()).collect::<Vec<_>>())
        })
    };
    // (id, name) of the groups of the chosen kind.
    let options = move || match the_kind() {
        GroupKind::Normal => {
            let vpcs = vpcs();
            groups.with(|g| {
                g.into_iter()
                    .flatten()
                    .filter(|g| vpcs.is_empty() || g.vpc_id.as_ref().is_none_or(|v| vpcs.contains(v)))
                    .map(|g| (g.id.clone(), g.name.clone()))
                    .collect::<Vec<_>>()
            })
        }
        GroupKind::Enterprise => esgs.with(|g| g.into_iter().flatten().map(|g| (g.id.clone(), g.name.clone())).collect::<Vec<_>>()),
    };
    let planned = move || {
        let (a, k) = (the_action(), the_kind());
        let vpc_of = move |g: &str| groups.with(|l| l.into_iter().flatten().find(|x| x.id == g).and_then(|x| x.vpc_id.clone()));
        chosen.with(|c| picked.with(|p| instances.with(|l| plan_batch(l.map_or(&[][..], Vec::as_slice), p, a, k, c, &vpc_of))))
    };
    // Per instance after the call: (id, whether it now holds what was planned, what it holds).
    let results = RwSignal::new(Vec::<(String, bool, String)>::new());
    let error = RwSignal::new(None::<ApiError>);
    let send = Change::new(move |outcome: Result<Vec<(String, bool, String)>, ApiError>| {
        reviewing.set(false);
        match outcome {
            Ok(r) => {
                error.set(None);
                // The picks stay: the results are read beside them (Clear ends the batch).
                results.set(r);
            }
            Err(e) => error.set(Some(e)),
        }
        on_done.run(());
    });
    let busy = send.pending();
    // Each instance the call would change holds its groups-after: who gains and loses what.
    let gate = Gate::new();
    let estate_change = Signal::derive(move || {
        reviewing.get().then(|| EstateChange::Bindings(planned().into_iter().filter_map(|p| p.after.ok().map(|a| (p.id, a))).collect()))
    });
    let review = Signal::derive(move || Review {
        calls: vec![("batchBind", format!("PUT /v2/securitygroup/{} {}", the_action().as_str(), chosen.get().join(", ")))],
        ..Default::default()
    });
    let confirm = Callback::new(move |_| {
        let plan = untrack(planned);
        let (a, k) = untrack(|| (the_action(), the_kind()));
        let ids: Vec<String> = plan.iter().filter(|p| p.after.is_ok()).map(|p| p.id.clone()).collect();
        let req = BatchBindRequest {
            instance_ids: Some(ids),
            security_group_ids: Some(chosen.get_untracked()),
            security_group_type: Some(k.as_str().into()),
        };
        gate.what.set(format!("{} {} · {}", i18n.t(Msg::BatchTitle), a.as_str(), chosen.get_untracked().join(", ")));
        send.run(gate, async move {
            bce::batch_bind(&api, a, &req).await?;
            // Each instance read again: what it holds now, against the plan.
            let now = bce::list_instances(&api).await?;
            Ok(plan
                .into_iter()
                .filter_map(|p| {
                    let want = p.after.ok()?;
                    let i = now.iter().find(|i| i.id == p.id)?;
                    let held = if k == GroupKind::Normal { &i.nic_info.security_groups } else { &i.nic_info.enterprise_security_groups };
                    // As sets (ids are distinct): the cloud's order of an instance's groups
                    // is not documented.
                    let same = held.len() == want.len() && want.iter().all(|w| held.contains(w));
                    Some((p.id, same, held.join(", ")))
                })
                .collect())
        });
    });
    let can_review = move || !busy.get() && chosen.with(|c| !c.is_empty());
    view! {
        <section class="batch-bind" data-test="batch-bind" aria-label=i18n.s(Msg::BatchTitle)>
            <strong data-test="picked-count">{move || i18n.count(picked.with(Vec::len), Msg::InstancePicked, Msg::InstancesPicked)}</strong>
            <button type="button" class="link" data-test="batch-clear" on:click=move |_| picked.set(Vec::new())>{i18n.s(Msg::ClearSelection)}</button>
            <label class="field inline">
                <span>{i18n.s(Msg::Action)}</span>
                <select data-test="batch-action" prop:value=move || action.get() on:change=move |ev| action.set(event_target_value(&ev))>
                    {ACTIONS.map(|(a, m)| view! { <option value=a.as_str()>{i18n.s(m)}</option> }).collect_view()}
                </select>
            </label>
            <label class="field inline">
                <span>{i18n.s(Msg::GroupKind)}</span>
                <select
                    data-test="batch-kind"
                    prop:value=move || kind.get()
                    on:change=move |ev| {
                        kind.set(event_target_value(&ev));
                        chosen.set(Vec::new());
                    }
                >
                    <option value=GroupKind::Normal.as_str()>{i18n.s(Msg::RegularGroups)}</option>
                    <option value=GroupKind::Enterprise.as_str()>{i18n.s(Msg::EnterpriseGroups)}</option>
                </select>
            </label>
            <Checklist options=Signal::derive(options) chosen=chosen legend=Msg::Groups test="batch-groups"/>
            <button type="button" class="primary" data-test="batch-review" disabled=move || !can_review() on:click=move |_| reviewing.set(true)>
                {i18n.s(Msg::ReviewBatch)}
            </button>
            <ErrorNotice error=error/>
            <Show when=move || results.with(|r| !r.is_empty())>
                <ul class="batch-results" data-test="batch-results">
                    {move || results.get().into_iter().map(|(id, ok, now)| {
                        let shown = id.clone();
                        view! { <li data-result=id data-ok=ok.to_string()>{if ok { "✓ " } else { "✗ " }}<code>{shown}</code>": "{now}</li> }
                    }).collect_view()}
                </ul>
            </Show>
            <Show when=move || reviewing.get()>
                <ConfirmDialog
                    title=Msg::BatchConfirm
                    subject=format!("PUT /v2/securitygroup/{}", untrack(the_action).as_str())
                    confirm_label=Msg::ChangeGroups
                    // Nothing to send when the cloud would refuse every instance.
                    busy=Signal::derive(move || busy.get() || untrack(planned).iter().all(|p| p.after.is_err()) || !gate.ready())
                    on_confirm=confirm
                    on_cancel=Callback::new(move |_| reviewing.set(false))
                >
                    <ul class="batch-plan" data-test="batch-plan">
                        {untrack(planned).into_iter().map(|p| {
                            let line = match &p.after {
                                Ok(after) => format!("{} → {}", p.before.join(", "), after.join(", ")),
                                Err(code) => format!("{}: {code}", i18n.t(Msg::Refused)),
                            };
                            view! { <li data-planned=p.id.clone() data-refused=p.after.is_err().to_string()>{p.name}" "<code>{p.id.clone()}</code>": "{line}</li> }
                        }).collect_view()}
                    </ul>
                    <ImpactView gate=gate change=estate_change review=review/>
                </ConfirmDialog>
            </Show>
        </section>
    }
}
