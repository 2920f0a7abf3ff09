use leptos::prelude::*;
use palisade_core::bce::security_group::{RuleRequest, SecurityGroupRule};
use palisade_core::direction::Side;
use palisade_core::validate::{bce_rule, Field, Problem};
use palisade_core::Direction;

use crate::api::{bce, use_api, ApiError};
use crate::components::form::text_field::TextField;
use crate::components::notice::error_notice::ErrorNotice;
use crate::draft::impact::ImpactView;
use crate::draft::{apply_change, previewed};
use crate::i18n::{use_i18n, Msg};
use crate::infra::change::{Change, Gate};
use crate::infra::text::non_blank;
use crate::pages::bce_groups::draft_kind::BceKind;

const DIRECTIONS: [(&str, &str); 2] =
    [(Direction::Ingress.as_str(), Direction::Ingress.as_str()), (Direction::Egress.as_str(), Direction::Egress.as_str())];

/// Adds a rule to a regular security group through the group's plan (one path for every
/// change): the warnings and the exact call are shown as the rule is typed, and the call
/// is sent by the plan runner, which reads the group first and sends nothing if it no
/// longer holds the rules the form showed. Every keystroke is validated; a refused rule
/// stays in the form.
#[component]
pub fn BceRuleForm(group_id: String, #[prop(into)] rules: Signal<Vec<SecurityGroupRule>>, on_changed: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let group_id = StoredValue::new(group_id);
    let direction = RwSignal::new(Direction::Ingress.as_str().to_owned());
    let ethertype = RwSignal::new("IPv4".to_owned());
    let protocol = RwSignal::new("tcp".to_owned());
    let ports = RwSignal::new(String::new());
    let remote_ip = RwSignal::new(String::new());
    let remote_group = RwSignal::new(String::new());
    let remark = RwSignal::new(String::new());
    // "All ports" and "anywhere" are chosen, never defaulted: an untouched form sends nothing.
    let all_ports = RwSignal::new(false);
    let anywhere = RwSignal::new(false);
    let touched = RwSignal::new(false);
    let gate = Gate::new();
    let error = RwSignal::new(None::<ApiError>);
    let done = RwSignal::new(false);

    let ported = move || matches!(protocol.get().as_str(), "tcp" | "udp");
    let rule = move || {
        let every = if ethertype.get() == "IPv6" { "::/0" } else { "0.0.0.0/0" };
        let mut rule = SecurityGroupRule {
            direction: Some(direction.get()),
            ethertype: Some(ethertype.get()),
            protocol: Some(protocol.get()),
            port_range: if all_ports.get() && ported() { Some("1-65535".into()) } else { non_blank(ports.get()) },
            remark: non_blank(remark.get()),
            ..Default::default()
        };
        let ip = if anywhere.get() { Some(every.to_owned()) } else { non_blank(remote_ip.get()) };
        rule.set_remote(ip, non_blank(remote_group.get()));
        rule
    };
    // What is still to choose: the ports (of tcp and udp), and who may connect.
    let unchosen = move || {
        let ports_missing = ported() && !all_ports.get() && ports.with(|p| p.trim().is_empty());
        let remote_missing = !anywhere.get() && remote_ip.with(|r| r.trim().is_empty()) && remote_group.with(|g| g.trim().is_empty());
        [(ports_missing, Msg::ChoosePorts), (remote_missing, Msg::ChooseRemote)]
            .into_iter()
            .filter_map(|(m, msg)| m.then_some(msg))
            .collect::<Vec<_>>()
    };
    let problems = Memo::new(move |_| {
        if !touched.get() {
            return Vec::<Problem>::new();
        }
        bce_rule::validate_request(&RuleRequest { rule: Some(rule()) })
    });
    let remote_side = move || Side::remote(Direction::parse(&direction.get()));
    let ip_field = Signal::derive(move || if remote_side() == Side::Source { Field::SourceIp } else { Field::DestIp });
    let group_field = Signal::derive(move || if remote_side() == Side::Source { Field::SourceGroupId } else { Field::DestGroupId });

    // The plan of adding the rule, shown once the rule is valid and chosen in full.
    let (review, change) = previewed::<BceKind>(i18n, group_id, move || {
        (touched.get() && problems.with(Vec::is_empty) && unchosen().is_empty()).then(|| {
            let base = rules.get();
            let target = base.iter().cloned().chain([rule()]).collect();
            (base, target)
        })
    });
    // Sends the rule's plan from the rules shown, or (after a change made meanwhile) from
    // the rules the group holds now.
    let add = Change::new(move |outcome: Result<(), ApiError>| match outcome {
        Ok(()) => {
            error.set(None);
            done.set(true);
            ports.set(String::new());
            remote_ip.set(String::new());
            remote_group.set(String::new());
            remark.set(String::new());
            all_ports.set(false);
            anywhere.set(false);
            touched.set(false);
            on_changed.run(());
        }
        Err(e) => error.set(Some(e)),
    });
    let busy = add.pending();
    let submit = move |refresh_first: bool| {
        touched.set(true);
        // A success message never stays beside a later error.
        done.set(false);
        let r = rule();
        let problems = bce_rule::validate_request(&RuleRequest { rule: Some(r.clone()) });
        if !problems.is_empty() {
            error.set(Some(ApiError::Invalid(problems)));
            return;
        }
        // Nothing is sent until it is chosen in full and its impact shown (and accepted
        // when it opens something to the internet).
        if !untrack(unchosen).is_empty() || !gate.ready_untracked() {
            return;
        }
        let (known, group) = (rules.get_untracked(), group_id.get_value());
        gate.what.set(format!("{} {} · {group}", i18n.t(Msg::AddRule), crate::readable::rule_summary(&r)));
        add.run(gate, async move {
            let base = if refresh_first { bce::get_security_group(&api, &group).await?.rules } else { known };
            let mut target = base.clone();
            target.push(r);
            apply_change::<BceKind>(api, group, base, target, Box::new(|_| ())).await
        });
    };
    let refresh_and_retry = move |_| submit(true);
    let stale = move || {
        error.with(|e| matches!(e, Some(ApiError::ChangedMeanwhile)) || e.as_ref().and_then(|e| e.code()) == Some("VersionMismatch"))
    };
    let select = |label: Msg, value: RwSignal<String>, options: &'static [(&'static str, &'static str)], test: &'static str| {
        view! {
            <label class="field">
                <span>{i18n.s(label)}</span>
                <select data-test=test prop:value=move || value.get() on:change=move |ev| { touched.set(true); value.set(event_target_value(&ev)) }>
                    {options.iter().map(|(v, l)| view! { <option value=*v>{*l}</option> }).collect_view()}
                </select>
            </label>
        }
    };
    let touch = Callback::new(move |_| touched.set(true));
    let problems = Signal::from(problems);
    let text = move |label: Msg, value: RwSignal<String>, field: Signal<Field>, test: &'static str| {
        view! { <TextField label=i18n.s(label) value=value test=test problems=problems field=field on_input=touch/> }
    };
    view! {
        <form
            class="rule-form"
            data-test="rule-form"
            aria-label=i18n.s(Msg::AddRule)
            on:submit=move |ev| {
                ev.prevent_default();
                submit(false);
            }
        >
            <h3>{i18n.s(Msg::AddRule)}</h3>
            <div class="form-row">
                {select(Msg::Direction, direction, &DIRECTIONS, "rule-direction")}
                {select(Msg::Ethertype, ethertype, &[("IPv4", "IPv4"), ("IPv6", "IPv6")], "rule-ethertype")}
                {select(Msg::Protocol, protocol, &[("tcp", "tcp"), ("udp", "udp"), ("icmp", "icmp"), ("all", "all")], "rule-protocol")}
                {text(Msg::Ports, ports, Signal::stored(Field::PortRange), "rule-ports")}
                <label class="check">
                    <input type="checkbox" data-test="rule-all-ports" bind:checked=all_ports on:change=move |_| touched.set(true)/>
                    {i18n.s(Msg::AllPorts)}
                </label>
                {text(Msg::Remote, remote_ip, ip_field, "rule-remote-ip")}
                <label class="check">
                    <input type="checkbox" data-test="rule-anywhere" bind:checked=anywhere on:change=move |_| touched.set(true)/>
                    {move || i18n.t(if ethertype.get() == "IPv6" { Msg::AnywhereV6 } else { Msg::AnywhereV4 })}
                </label>
                {text(Msg::RemoteGroup, remote_group, group_field, "rule-remote-group")}
                {text(Msg::Remark, remark, Signal::stored(Field::Remark), "rule-remark")}
            </div>
            <Show when=move || touched.get() && !unchosen().is_empty()>
                <p class="hint" data-test="rule-unchosen">
                    {move || unchosen().into_iter().map(|m| i18n.t(m)).collect::<Vec<_>>().join(" ")}
                </p>
            </Show>
            <ImpactView gate=gate change=change review=review/>
            <button type="submit" class="primary" data-test="rule-submit" disabled=move || busy.get() || gate.blocked.with(Option::is_some)>
                {i18n.either(busy, Msg::Working, Msg::AddRule)}
            </button>
            <Show when=move || done.get()>
                <span class="ok" role="status" data-test="rule-added">{i18n.s(Msg::RuleAdded)}</span>
            </Show>
            <ErrorNotice error=error>
                <Show when=stale>
                    <button type="button" data-test="refresh-retry" on:click=refresh_and_retry disabled=move || busy.get()>
                        {i18n.s(Msg::RefreshAndRetry)}
                    </button>
                </Show>
            </ErrorNotice>
        </form>
    }
}
