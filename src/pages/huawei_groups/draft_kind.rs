//! A Huawei group as a draft: rules created (`POST /security-group-rules`) and deleted by
//! id. Huawei cannot edit a rule, so a change is a delete and a create, placed by core's
//! plan where its action's rules go (and flagged when it leaves a moment's gap).

use leptos::prelude::*;
use palisade_core::huawei::rule::{
    BatchCreateSecurityGroupRulesOption, BatchCreateSecurityGroupRulesRequestBody, CreateSecurityGroupRuleOption,
    CreateSecurityGroupRuleRequestBody, SecurityGroupRule,
};
use palisade_core::plan::{translate, Call, Caps};
use palisade_core::reach::Semantics;
use palisade_core::validate::{huawei, Problem};
use palisade_core::{Cloud, Direction};

use crate::api::{huawei as hw, use_api, Api, ApiError};
use crate::draft::{copy_chooser, draft, DraftCtx, DraftKind, RuleEdit};
use crate::i18n::{I18n, Msg};
use crate::infra::loaded::Loaded;
use crate::readable;

/// The copy chooser's value for a Baidu group: `bce:{id}`.
const BCE_PREFIX: &str = "bce:";

pub struct HuaweiKind;

impl DraftKind for HuaweiKind {
    type R = SecurityGroupRule;
    const CLOUD: &'static str = "huawei";
    const CAPS: Caps = Caps { semantics: Semantics::Priority, update_in_place: false, quota_per_direction: None };
    const COLUMNS: &'static [Msg] = &[Msg::Direction, Msg::Protocol, Msg::Ports, Msg::Remote, Msg::Action, Msg::Priority, Msg::Description];

    async fn live(api: Api, group: String) -> Result<(Vec<SecurityGroupRule>, Option<i64>), ApiError> {
        hw::list_rules(&api, &group).await.map(|rules| (rules, None))
    }

    async fn send(
        api: Api,
        group: String,
        call: Call<SecurityGroupRule>,
        _live: Vec<SecurityGroupRule>,
        _version: Option<i64>,
    ) -> Result<(), ApiError> {
        match &call {
            Call::Add(r) => {
                let option =
                    CreateSecurityGroupRuleOption { security_group_id: Some(group), ..CreateSecurityGroupRuleOption::from_rule(r) };
                hw::create_rule(&api, &CreateSecurityGroupRuleRequestBody { dry_run: None, security_group_rule: Some(option) })
                    .await
                    .map(drop)
            }
            Call::Remove(r) => hw::delete_rule(&api, &r.id).await,
            // Planned without in-place updates: Huawei has no rule update call.
            Call::Update { .. } => Ok(()),
        }
    }

    // New rules go out in batch-create calls (200 a call), in the plan's order: a 40-rule
    // plan of adds is one call, not 40 (#33).
    const BATCH: usize = huawei::MAX_BATCH_RULES;

    async fn send_adds(
        api: Api,
        group: String,
        rules: Vec<SecurityGroupRule>,
        _live: Vec<SecurityGroupRule>,
        _version: Option<i64>,
    ) -> Result<(), ApiError> {
        let options = rules.iter().map(BatchCreateSecurityGroupRulesOption::from_rule).collect();
        let body = BatchCreateSecurityGroupRulesRequestBody { security_group_rules: Some(options), ignore_duplicate: None, dry_run: None };
        hw::batch_create_rules(&api, &group, &body).await.map(drop)
    }

    fn adds_line(rules: &[SecurityGroupRule]) -> (&'static str, String) {
        let lines: Vec<String> = rules.iter().map(readable::huawei_line).collect();
        ("batchCreate", format!("POST /security-groups/{{id}}/security-group-rules/batch-create ({}) {}", rules.len(), lines.join(" · ")))
    }

    fn problems(r: &SecurityGroupRule) -> Vec<Problem> {
        // The group is the draft's own, named when the call is sent.
        let option =
            CreateSecurityGroupRuleOption { security_group_id: Some("draft".into()), ..CreateSecurityGroupRuleOption::from_rule(r) };
        huawei::validate_rule(&option)
    }

    fn summary(r: &SecurityGroupRule) -> String {
        readable::huawei_line(r)
    }

    fn fields(r: &SecurityGroupRule) -> Vec<(&'static str, String)> {
        let t = |v: &Option<String>| v.clone().unwrap_or_default();
        vec![
            ("direction", r.direction.clone()),
            ("ethertype", r.ethertype.clone()),
            ("protocol", t(&r.protocol)),
            ("multiport", t(&r.multiport)),
            ("remote_ip_prefix", t(&r.remote_ip_prefix)),
            ("remote_group_id", t(&r.remote_group_id)),
            ("remote_address_group_id", t(&r.remote_address_group_id)),
            ("action", r.action.clone()),
            ("priority", r.priority.to_string()),
            ("enabled", r.enabled.to_string()),
            ("description", r.description.clone()),
        ]
    }

    fn call_line(c: &Call<SecurityGroupRule>) -> (&'static str, String) {
        match c {
            Call::Add(r) | Call::Update { to: r, .. } => ("createRule", format!("POST /security-group-rules {}", readable::huawei_line(r))),
            Call::Remove(r) => ("deleteRule", format!("DELETE /security-group-rules/{} ({})", r.id, readable::huawei_line(r))),
        }
    }

    fn blank() -> SecurityGroupRule {
        // Who may connect is typed: no default opens anything to the world.
        SecurityGroupRule {
            direction: Direction::Ingress.as_str().into(),
            ethertype: "IPv4".into(),
            protocol: Some("tcp".into()),
            action: "allow".into(),
            priority: 1,
            remote_ip_prefix: Some(String::new()),
            enabled: true,
            ..Default::default()
        }
    }

    /// Rules of another Huawei group, or of a Baidu regular group translated by core
    /// (`plan::translate::bce_to_huawei`; a rule naming a group is listed, not copied).
    fn extras(i18n: I18n, ctx: DraftCtx<SecurityGroupRule>) -> AnyView {
        let api = use_api();
        let peers = Loaded::<Vec<palisade_core::huawei::security_group::SecurityGroup>>::new(move || {
            api.scope(Cloud::Huawei);
            async move { hw::list_security_groups(&api).await }
        });
        let baidu = Loaded::<Vec<palisade_core::bce::security_group::SecurityGroup>>::new(move || {
            api.scope(Cloud::Bce);
            async move { crate::api::bce::list_security_groups(&api).await }
        });
        let copy_from = move |from: String| {
            if let Some(bce_id) = from.strip_prefix(BCE_PREFIX) {
                let found = untrack(|| baidu.with(|l| l.and_then(|l| l.iter().find(|g| g.id == bce_id)).map(|g| g.rules.clone())));
                if let Some(rules) = found {
                    let (translated, lost) = translate::bce_to_huawei(&rules, &ctx.group.get_value());
                    let mut text = ctx.join_from(i18n, translated, bce_id);
                    for l in lost {
                        if let translate::Untranslatable::RemoteGroup { rule, group } = l {
                            let line = rules.get(rule).map(crate::readable::rule_summary).unwrap_or_default();
                            text.push_str(&format!(" · {} {line}: {} {group}", i18n.t(Msg::NotCopied), i18n.t(Msg::LostRemoteGroup)));
                        }
                    }
                    ctx.note.set(Some((true, text)));
                }
                return;
            }
            leptos::task::spawn_local(async move {
                let text = match hw::list_rules(&api, &from).await {
                    Ok(rules) => (true, ctx.join_from(i18n, rules, &from)),
                    Err(e) => (false, format!("{}: {}", i18n.t(Msg::NotCopied), e.code().unwrap_or("—"))),
                };
                ctx.note.try_set(Some(text));
            });
        };
        let options = Signal::derive(move || {
            let own = ctx.group.get_value();
            let mut options: Vec<(String, String)> = peers.with(|l| {
                l.into_iter().flatten().filter(|g| g.id != own).map(|g| (g.id.clone(), format!("{} ({})", g.name, g.id))).collect()
            });
            baidu.with(|l| {
                options.extend(l.into_iter().flatten().map(|g| {
                    (format!("{BCE_PREFIX}{}", g.id), format!("{} · {} ({}, {})", i18n.t(Msg::BaiduCloud), g.name, g.id, g.rules.len()))
                }))
            });
            options
        });
        copy_chooser(i18n, options, Callback::new(copy_from))
    }

    fn cells(i18n: I18n, r: &SecurityGroupRule, edit: RuleEdit<SecurityGroupRule>) -> AnyView {
        let text = |v: &Option<String>| v.clone().unwrap_or_default();
        let some = |v: String| Some(v).filter(|v| !v.is_empty());
        view! {
            <td>
                <select data-test="draft-direction" aria-label=i18n.s(Msg::Direction) prop:value=r.direction.clone()
                    on:change=move |ev| { let v = event_target_value(&ev); edit.set(|r| r.direction = v.clone()) }>
                    <option value=Direction::Ingress.as_str()>{i18n.s(Msg::Ingress)}</option>
                    <option value=Direction::Egress.as_str()>{i18n.s(Msg::Egress)}</option>
                </select>
            </td>
            <td>
                <input type="text" data-test="draft-protocol" aria-label=i18n.s(Msg::Protocol) prop:value=text(&r.protocol)
                    on:input=move |ev| { let v = event_target_value(&ev); edit.set(|r| r.protocol = some(v.clone())) }/>
            </td>
            <td>
                <input type="text" data-test="draft-ports" aria-label=i18n.s(Msg::Ports) prop:value=text(&r.multiport)
                    on:input=move |ev| { let v = event_target_value(&ev); edit.set(|r| r.multiport = some(v.clone())) }/>
            </td>
            <td>
                <input type="text" data-test="draft-remote" aria-label=i18n.s(Msg::Remote) prop:value=text(&r.remote_ip_prefix)
                    on:input=move |ev| { let v = event_target_value(&ev); edit.set(|r| r.remote_ip_prefix = some(v.clone())) }/>
            </td>
            <td>
                <select data-test="draft-action" aria-label=i18n.s(Msg::Action) prop:value=r.action.clone()
                    on:change=move |ev| { let v = event_target_value(&ev); edit.set(|r| r.action = v.clone()) }>
                    <option value="allow">{i18n.s(Msg::Allow)}</option>
                    <option value="deny">{i18n.s(Msg::Deny)}</option>
                </select>
            </td>
            <td>
                <input type="text" inputmode="numeric" data-test="draft-priority" aria-label=i18n.s(Msg::Priority) prop:value=r.priority.to_string()
                    on:input=move |ev| { let v = event_target_value(&ev); edit.set(|r| r.priority = v.trim().parse().unwrap_or(0)) }/>
            </td>
            <td>
                <input type="text" data-test="draft-remark" aria-label=i18n.s(Msg::Description) prop:value=r.description.clone()
                    on:input=move |ev| { let v = event_target_value(&ev); edit.set(|r| r.description = v.clone()) }/>
            </td>
        }
        .into_any()
    }
}

/// A Huawei group edited as a draft.
#[component]
pub fn HuaweiDraft(
    group_id: String,
    live: Signal<Vec<SecurityGroupRule>>,
    on_changed: Callback<()>,
    on_close: Callback<()>,
) -> impl IntoView {
    draft::<HuaweiKind>(group_id, live, on_changed, on_close)
}
