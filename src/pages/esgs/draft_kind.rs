//! A Baidu enterprise group as a draft: rules added (`?authorizeRule`), edited in place
//! (`PUT …/rule/{id}`, only the fields that change) or deleted (`DELETE …/rule/{id}`),
//! in the order core's plan gives for priority semantics.

use leptos::prelude::*;
use palisade_core::bce::esg::{EsgRule, Priority, UpdateEsgRuleRequest};
use palisade_core::plan::{Call, Caps, PlanRule};
use palisade_core::reach::Semantics;
use palisade_core::validate::{esg, Problem};
use palisade_core::Direction;

use crate::api::{bce, use_api, Api, ApiError};
use crate::draft::{copy_chooser, draft, DraftCtx, DraftKind, RuleEdit};
use crate::i18n::{I18n, Msg};
use crate::infra::loaded::Loaded;
use crate::readable;

pub struct EsgKind;

fn id_of(r: &EsgRule) -> &str {
    r.enterprise_security_group_rule_id.as_deref().unwrap_or_default()
}

impl DraftKind for EsgKind {
    type R = EsgRule;
    const CLOUD: &'static str = "bce-esg";
    const CAPS: Caps = Caps { semantics: Semantics::Priority, update_in_place: true, quota_per_direction: None };
    const COLUMNS: &'static [Msg] = &[Msg::Direction, Msg::Protocol, Msg::Ports, Msg::Remote, Msg::Action, Msg::Priority, Msg::Remark];

    async fn live(api: Api, group: String) -> Result<(Vec<EsgRule>, Option<i64>), ApiError> {
        // No call reads one enterprise group: the list holds its rules.
        let groups = bce::list_esgs(&api).await?;
        Ok((groups.into_iter().find(|g| g.id == group).map(|g| g.rules).unwrap_or_default(), None))
    }

    async fn send(api: Api, group: String, call: Call<EsgRule>, live: Vec<EsgRule>, _version: Option<i64>) -> Result<(), ApiError> {
        match &call {
            Call::Add(r) => bce::authorize_esg_rules(&api, &group, &[r.content()], &live).await,
            Call::Remove(r) => bce::delete_esg_rule(&api, id_of(r)).await,
            Call::Update { from, to } => {
                let others: Vec<EsgRule> = live.into_iter().filter(|x| x.id() != from.id()).collect();
                bce::update_esg_rule(&api, from, &UpdateEsgRuleRequest::between(from, to), &others).await
            }
        }
    }

    const BATCH: usize = esg::MAX_RULES_PER_CREATE;

    async fn send_adds(api: Api, group: String, rules: Vec<EsgRule>, live: Vec<EsgRule>, _version: Option<i64>) -> Result<(), ApiError> {
        let rules: Vec<EsgRule> = rules.iter().map(EsgRule::content).collect();
        bce::authorize_esg_rules(&api, &group, &rules, &live).await
    }

    fn adds_line(rules: &[EsgRule]) -> (&'static str, String) {
        let lines: Vec<String> = rules.iter().map(readable::esg_line).collect();
        ("authorizeRule", format!("PUT ?authorizeRule ({}) {}", rules.len(), lines.join(" · ")))
    }

    fn problems(r: &EsgRule) -> Vec<Problem> {
        let mut out = Vec::new();
        esg::validate_rule(r, 0, &mut out);
        // A draft's row names its rule by where it stands, not `rules[0]`.
        for p in &mut out {
            p.rule = None;
        }
        out
    }

    fn summary(r: &EsgRule) -> String {
        readable::esg_line(r)
    }

    fn fields(r: &EsgRule) -> Vec<(&'static str, String)> {
        let t = |v: &Option<String>| v.clone().unwrap_or_default();
        vec![
            ("direction", t(&r.direction)),
            ("ethertype", t(&r.ethertype)),
            ("protocol", t(&r.protocol)),
            ("portRange", t(&r.port_range)),
            ("sourcePortRange", t(&r.source_port_range)),
            ("sourceIp", t(&r.source_ip)),
            ("destIp", t(&r.dest_ip)),
            ("localIp", t(&r.local_ip)),
            ("remoteIpSet", t(&r.remote_ip_set)),
            ("remoteIpGroup", t(&r.remote_ip_group)),
            ("action", t(&r.action)),
            ("priority", r.priority.as_ref().and_then(Priority::value).map(|p| p.to_string()).unwrap_or_default()),
            ("remark", t(&r.remark)),
        ]
    }

    fn call_line(c: &Call<EsgRule>) -> (&'static str, String) {
        match c {
            Call::Add(r) => ("authorizeRule", format!("PUT ?authorizeRule {}", readable::esg_line(r))),
            Call::Remove(r) => ("deleteRule", format!("DELETE /v1/enterprise/security/rule/{} ({})", id_of(r), readable::esg_line(r))),
            Call::Update { from, to } => (
                "updateRule",
                format!(
                    "PUT /v1/enterprise/security/rule/{} {}",
                    id_of(from),
                    serde_json::to_string(&UpdateEsgRuleRequest::between(from, to)).unwrap_or_default()
                ),
            ),
        }
    }

    fn suggested(s: &palisade_core::reach::Suggestion) -> Option<EsgRule> {
        s.to_esg()
    }

    fn blank() -> EsgRule {
        // Who may connect is typed: no default opens anything to the world.
        EsgRule {
            direction: Some(Direction::Ingress.as_str().into()),
            ethertype: Some("IPv4".into()),
            protocol: Some("tcp".into()),
            action: Some("allow".into()),
            priority: Some(Priority::Number(1000.into())),
            ..Default::default()
        }
    }

    /// Rules of another enterprise group join the draft (a group cloned in part).
    fn extras(i18n: I18n, ctx: DraftCtx<EsgRule>) -> AnyView {
        let api = use_api();
        let peers = Loaded::<Vec<palisade_core::bce::esg::EnterpriseSecurityGroup>>::new(move || {
            api.scope(palisade_core::Cloud::Bce);
            async move { bce::list_esgs(&api).await }
        });
        let copy_from = move |from: String| {
            if let Some(rules) = untrack(|| peers.with(|l| l.and_then(|l| l.iter().find(|g| g.id == from)).map(|g| g.rules.clone()))) {
                ctx.note.set(Some((true, ctx.join_from(i18n, rules, &from))));
            }
        };
        let options = Signal::derive(move || {
            let own = ctx.group.get_value();
            peers.with(|l| {
                l.into_iter()
                    .flatten()
                    .filter(|g| g.id != own)
                    .map(|g| (g.id.clone(), format!("{} ({}, {})", g.name, g.id, g.rules.len())))
                    .collect()
            })
        });
        copy_chooser(i18n, options, Callback::new(copy_from))
    }

    fn cells(i18n: I18n, r: &EsgRule, edit: RuleEdit<EsgRule>) -> AnyView {
        let text = |v: &Option<String>| v.clone().unwrap_or_default();
        let priority = r.priority.as_ref().and_then(Priority::value).map(|p| p.to_string()).unwrap_or_default();
        view! {
            <td>
                <select data-test="draft-direction" aria-label=i18n.s(Msg::Direction) prop:value=text(&r.direction)
                    on:change=move |ev| { let v = event_target_value(&ev); edit.set(|r| { let ip = r.remote_ip().clone(); r.direction = Some(v.clone()); r.set_remote_ip(ip); }) }>
                    <option value=Direction::Ingress.as_str()>{i18n.s(Msg::Ingress)}</option>
                    <option value=Direction::Egress.as_str()>{i18n.s(Msg::Egress)}</option>
                </select>
            </td>
            <td>
                <input type="text" data-test="draft-protocol" aria-label=i18n.s(Msg::Protocol) prop:value=text(&r.protocol)
                    on:input=move |ev| { let v = event_target_value(&ev); edit.set(|r| r.protocol = Some(v.clone())) }/>
            </td>
            <td>
                <input type="text" data-test="draft-ports" aria-label=i18n.s(Msg::Ports) prop:value=text(&r.port_range)
                    on:input=move |ev| { let v = event_target_value(&ev); edit.set(|r| r.port_range = Some(v.clone()).filter(|v| !v.is_empty())) }/>
            </td>
            <td>
                <input type="text" data-test="draft-remote" aria-label=i18n.s(Msg::Remote) prop:value=text(r.remote_ip())
                    on:input=move |ev| { let v = event_target_value(&ev); edit.set(|r| r.set_remote_ip(Some(v.clone()).filter(|v| !v.is_empty()))) }/>
            </td>
            <td>
                <select data-test="draft-action" aria-label=i18n.s(Msg::Action) prop:value=text(&r.action)
                    on:change=move |ev| { let v = event_target_value(&ev); edit.set(|r| r.action = Some(v.clone())) }>
                    <option value="allow">{i18n.s(Msg::Allow)}</option>
                    <option value="deny">{i18n.s(Msg::Deny)}</option>
                </select>
            </td>
            <td>
                <input type="text" inputmode="numeric" data-test="draft-priority" aria-label=i18n.s(Msg::Priority) prop:value=priority
                    on:input=move |ev| { let v = event_target_value(&ev); edit.set(|r| r.priority = Some(v.trim().parse::<i64>().map_or_else(|_| Priority::Text(v.trim().to_owned()), |n| Priority::Number(n.into())))) }/>
            </td>
            <td>
                <input type="text" data-test="draft-remark" aria-label=i18n.s(Msg::Remark) prop:value=text(&r.remark)
                    on:input=move |ev| { let v = event_target_value(&ev); edit.set(|r| r.remark = Some(v.clone()).filter(|v| !v.is_empty())) }/>
            </td>
        }
        .into_any()
    }
}

/// An enterprise group edited as a draft.
#[component]
pub fn EsgDraft(group_id: String, live: Signal<Vec<EsgRule>>, on_changed: Callback<()>, on_close: Callback<()>) -> impl IntoView {
    draft::<EsgKind>(group_id, live, on_changed, on_close)
}
