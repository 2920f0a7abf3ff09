//! A Baidu regular group as a draft: its rules, its calls (`authorizeRule`, a rule
//! deleted or edited by id, each pinned to `sgVersion`), and what only it takes: rules from a JSON or CSV
//! file, from another regular group, or from a Huawei group translated by core.

use leptos::prelude::*;
use palisade_core::bce::security_group::{SecurityGroupRule, UpdateRuleRequest};
use palisade_core::plan::{translate, Call, Caps, PlanRule};
use palisade_core::reach::Semantics;
use palisade_core::validate::bce_rule::{validate_rule, MAX_RULES_PER_DIRECTION};
use palisade_core::validate::Problem;
use palisade_core::Direction;

use crate::api::{bce, use_api, Api, ApiError};
use crate::draft::{copy_chooser, draft, DraftCtx, DraftKind, RuleEdit};
use crate::i18n::{I18n, Msg};
use crate::pages::bce_groups::detail::as_request;
use crate::readable::rule_summary;

/// The copy chooser's value for a Huawei group: `huawei:{id}`.
const HUAWEI_PREFIX: &str = "huawei:";

/// Why a Huawei rule did not join a Baidu draft, naming the rule.
fn untranslatable(
    i18n: crate::i18n::I18n,
    rules: &[palisade_core::huawei::rule::SecurityGroupRule],
    l: &translate::Untranslatable,
) -> String {
    use translate::Untranslatable as U;
    let (rule, why) = match l {
        U::RemoteGroup { rule, group } => (*rule, format!("{} {group}", i18n.t(Msg::LostRemoteGroup))),
        U::AddressGroup { rule, group } => (*rule, format!("{} {group}", i18n.t(Msg::LostAddressGroup))),
        U::Deny { rule } => (*rule, i18n.t(Msg::LostDeny).to_owned()),
        U::ProtocolNumber { rule, protocol } => (*rule, format!("{} {protocol}", i18n.t(Msg::LostProtocol))),
        U::Disabled { rule } => (*rule, i18n.t(Msg::LostDisabled).to_owned()),
        U::UnderDeny { rule, deny } => {
            (*rule, format!("{} {}", i18n.t(Msg::LostUnderDeny), rules.get(*deny).map(crate::readable::huawei_line).unwrap_or_default()))
        }
    };
    let line = rules.get(rule).map(crate::readable::huawei_line).unwrap_or_default();
    format!("{} {line}: {why}", i18n.t(Msg::NotCopied))
}

pub struct BceKind;

impl DraftKind for BceKind {
    type R = SecurityGroupRule;
    const CLOUD: &'static str = "bce";
    // A rule is edited in place (`PUT /v2/securityGroup/rule/update`) when it is a plan's
    // only change and the call can say the edit (core's `PlanRule::updatable`).
    const CAPS: Caps = Caps { semantics: Semantics::AnyAllow, update_in_place: true, quota_per_direction: Some(MAX_RULES_PER_DIRECTION) };
    const COLUMNS: &'static [Msg] = &[Msg::Direction, Msg::Protocol, Msg::Ports, Msg::Remote, Msg::Remark];

    async fn live(api: Api, group: String) -> Result<(Vec<SecurityGroupRule>, Option<i64>), ApiError> {
        bce::get_security_group(&api, &group).await.map(|g| (g.rules, g.sg_version))
    }

    async fn send(
        api: Api,
        group: String,
        call: Call<SecurityGroupRule>,
        live: Vec<SecurityGroupRule>,
        version: Option<i64>,
    ) -> Result<(), ApiError> {
        match &call {
            Call::Add(r) => bce::change_rule(&api, &group, &as_request(r), version, true).await,
            // By id: the cloud removes exactly the rule named.
            Call::Remove(r) => match r.security_group_rule_id.as_deref() {
                Some(rid) => bce::delete_rule(&api, rid, version).await,
                None => bce::change_rule(&api, &group, &as_request(r), version, false).await,
            },
            Call::Update { from, to } => {
                let others: Vec<SecurityGroupRule> = live.into_iter().filter(|x| x.id() != from.id()).collect();
                bce::update_rule(&api, from, &UpdateRuleRequest::between(from, to), &others, version).await
            }
        }
    }

    fn problems(r: &SecurityGroupRule) -> Vec<Problem> {
        validate_rule(r)
    }

    fn summary(r: &SecurityGroupRule) -> String {
        rule_summary(r)
    }

    fn fields(r: &SecurityGroupRule) -> Vec<(&'static str, String)> {
        let t = |v: &Option<String>| v.clone().unwrap_or_default();
        vec![
            ("direction", t(&r.direction)),
            ("ethertype", t(&r.ethertype)),
            ("protocol", t(&r.protocol)),
            ("portRange", t(&r.port_range)),
            ("sourceIp", t(&r.source_ip)),
            ("sourceGroupId", t(&r.source_group_id)),
            ("destIp", t(&r.dest_ip)),
            ("destGroupId", t(&r.dest_group_id)),
            ("remark", t(&r.remark)),
        ]
    }

    fn call_line(c: &Call<SecurityGroupRule>) -> (&'static str, String) {
        match c {
            Call::Add(r) => ("authorizeRule", format!("PUT ?authorizeRule {}", rule_summary(r))),
            Call::Remove(r) => {
                let id = r.security_group_rule_id.as_deref().unwrap_or_default();
                ("deleteRule", format!("DELETE /v2/securityGroup/rule/{id} ({})", rule_summary(r)))
            }
            Call::Update { from, to } => (
                "updateRule",
                format!(
                    "PUT /v2/securityGroup/rule/update {}",
                    serde_json::to_string(&UpdateRuleRequest::between(from, to)).unwrap_or_default()
                ),
            ),
        }
    }

    fn suggested(s: &palisade_core::reach::Suggestion) -> Option<SecurityGroupRule> {
        s.to_bce()
    }

    fn blank() -> SecurityGroupRule {
        SecurityGroupRule {
            direction: Some(Direction::Ingress.as_str().into()),
            ethertype: Some("IPv4".into()),
            protocol: Some("tcp".into()),
            port_range: Some(String::new()),
            source_ip: Some(String::new()),
            remark: Some(String::new()),
            ..Default::default()
        }
    }

    fn cells(i18n: I18n, r: &SecurityGroupRule, edit: RuleEdit<SecurityGroupRule>) -> AnyView {
        let (ip, _) = r.remote();
        view! {
            <td>
                <select data-test="draft-direction" aria-label=i18n.s(Msg::Direction) prop:value=r.direction.clone().unwrap_or_default()
                    on:change=move |ev| { let v = event_target_value(&ev); edit.set(|r| { let (ip, g) = (r.remote().0.clone(), r.remote().1.clone()); r.direction = Some(v.clone()); r.set_remote(ip, g); }) }>
                    <option value=Direction::Ingress.as_str()>{i18n.s(Msg::Ingress)}</option>
                    <option value=Direction::Egress.as_str()>{i18n.s(Msg::Egress)}</option>
                </select>
            </td>
            <td>
                <input type="text" data-test="draft-protocol" aria-label=i18n.s(Msg::Protocol) prop:value=r.protocol.clone().unwrap_or_default()
                    on:input=move |ev| { let v = event_target_value(&ev); edit.set(|r| r.protocol = Some(v.clone())) }/>
            </td>
            <td>
                <input type="text" data-test="draft-ports" aria-label=i18n.s(Msg::Ports) prop:value=r.port_range.clone().unwrap_or_default()
                    on:input=move |ev| { let v = event_target_value(&ev); edit.set(|r| r.port_range = Some(v.clone())) }/>
            </td>
            <td>
                <input type="text" data-test="draft-remote" aria-label=i18n.s(Msg::Remote) prop:value=ip.clone().unwrap_or_default()
                    on:input=move |ev| { let v = event_target_value(&ev); edit.set(|r| r.set_remote(Some(v.clone()), None)) }/>
            </td>
            <td>
                <input type="text" data-test="draft-remark" aria-label=i18n.s(Msg::Remark) prop:value=r.remark.clone().unwrap_or_default()
                    on:input=move |ev| { let v = event_target_value(&ev); edit.set(|r| r.remark = Some(v.clone())) }/>
            </td>
        }
        .into_any()
    }

    fn extras(i18n: I18n, ctx: DraftCtx<SecurityGroupRule>) -> AnyView {
        let api = use_api();
        // Another regular group of the region, whose rules can be copied into the draft.
        let peers = crate::infra::loaded::Loaded::<Vec<palisade_core::bce::security_group::SecurityGroup>>::new(move || async move {
            bce::list_security_groups(&api).await
        });
        // Huawei groups too: their rules are translated by core (`plan::translate`), and what
        // has no Baidu counterpart is listed, not dropped.
        let huawei_peers = crate::infra::loaded::Loaded::<Vec<palisade_core::huawei::security_group::SecurityGroup>>::new(move || {
            api.scope(palisade_core::Cloud::Huawei);
            async move { crate::api::huawei::list_security_groups(&api).await }
        });
        let copy_from = move |from: String| {
            if let Some(hw) = from.strip_prefix(HUAWEI_PREFIX) {
                let hw = hw.to_owned();
                leptos::task::spawn_local(async move {
                    let note = match crate::api::huawei::list_rules(&api, &hw).await {
                        Ok(rules) => {
                            let (translated, lost) = translate::huawei_to_bce(&rules);
                            let mut text = ctx.join_from(i18n, translated, &hw);
                            for l in lost {
                                text.push_str(&format!(" · {}", untranslatable(i18n, &rules, &l)));
                            }
                            (true, text)
                        }
                        Err(e) => (false, format!("{}: {}", i18n.t(Msg::NotCopied), e.code().unwrap_or("—"))),
                    };
                    ctx.note.try_set(Some(note));
                });
                return;
            }
            let rules = untrack(|| peers.with(|l| l.and_then(|l| l.iter().find(|g| g.id == from)).map(|g| g.rules.clone())));
            if let Some(rules) = rules {
                ctx.note.set(Some((true, ctx.join_from(i18n, rules, &from))));
            }
        };
        let options = Signal::derive(move || {
            let own = ctx.group.get_value();
            let mut options: Vec<(String, String)> = peers.with(|l| {
                l.into_iter()
                    .flatten()
                    .filter(|g| g.id != own)
                    .map(|g| (g.id.clone(), format!("{} ({}, {})", g.name, g.id, g.rules.len())))
                    .collect()
            });
            huawei_peers.with(|l| {
                options.extend(
                    l.into_iter()
                        .flatten()
                        .map(|g| (format!("{HUAWEI_PREFIX}{}", g.id), format!("{} · {} ({})", i18n.t(Msg::HuaweiCloud), g.name, g.id))),
                )
            });
            options
        });
        copy_chooser(i18n, options, Callback::new(copy_from))
    }
}

/// A regular group edited as a draft.
#[component]
pub fn BceDraft(group_id: String, live: Signal<Vec<SecurityGroupRule>>, on_changed: Callback<()>, on_close: Callback<()>) -> impl IntoView {
    draft::<BceKind>(group_id, live, on_changed, on_close)
}
