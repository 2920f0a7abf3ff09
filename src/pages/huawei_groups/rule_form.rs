use leptos::prelude::*;
use palisade_core::bce::esg::Priority;
use palisade_core::huawei::rule::{CreateSecurityGroupRuleOption, SecurityGroupRule};
use palisade_core::reach::Suggestion;
use palisade_core::validate::address::Family;
use palisade_core::validate::huawei::validate_rule;
use palisade_core::validate::Field;
use palisade_core::Direction;

use crate::api::{use_api, ApiError};
use crate::components::form::text_field::TextField;
use crate::components::notice::error_notice::ErrorNotice;
use crate::draft::impact::ImpactView;
use crate::draft::{apply_change, previewed};
use crate::i18n::{use_i18n, Msg};
use crate::infra::change::{Change, Gate};
use crate::infra::text::non_blank;
use crate::pages::huawei_groups::draft_kind::HuaweiKind;

const DIRECTIONS: [&str; 2] = [Direction::Ingress.as_str(), Direction::Egress.as_str()];
/// The protocol choice that reveals a field for an IP protocol number.
const PROTOCOL_NUMBER: &str = "number";

/// Adds a rule to a Huawei security group through the group's plan (one path for every
/// change): its warnings and exact call are shown once the rule is valid, and the plan
/// runner sends nothing if the group no longer holds the rules shown. The form keeps its
/// input when refused.
#[component]
pub fn HuaweiRuleForm(
    group_id: String,
    /// The group's rules as shown: what the plan starts from.
    #[prop(into)]
    rules: Signal<Vec<SecurityGroupRule>>,
    on_created: Callback<()>,
    /// A rule proposed elsewhere (the connection test's smallest fix): it fills the form,
    /// for the user to review and send.
    #[prop(optional)]
    draft: Option<RwSignal<Option<Suggestion>>>,
    /// (id, name) of the project's groups, for a rule whose remote is a group.
    #[prop(optional, into)]
    peers: Signal<Vec<(String, String)>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let group_id = StoredValue::new(group_id);
    let direction = RwSignal::new(Direction::Ingress.as_str().to_owned());
    let ethertype = RwSignal::new("IPv4".to_owned());
    let protocol = RwSignal::new("tcp".to_owned());
    let multiport = RwSignal::new(String::new());
    let remote = RwSignal::new(String::new());
    let action = RwSignal::new("allow".to_owned());
    // The API's default priority for a single create (reference D).
    let priority = RwSignal::new("100".to_owned());
    let description = RwSignal::new(String::new());
    // An IP protocol by number (`47` for GRE) when the protocol is "number".
    let protocol_number = RwSignal::new(String::new());
    let remote_group = RwSignal::new(String::new());
    let remote_address_group = RwSignal::new(String::new());
    let enabled = RwSignal::new(true);
    // "All ports" and "anywhere" are chosen, never defaulted: an untouched form sends nothing.
    let all_ports = RwSignal::new(false);
    let anywhere = RwSignal::new(false);
    let touched = RwSignal::new(false);
    let error = RwSignal::new(None::<ApiError>);
    let form = NodeRef::<leptos::html::Form>::new();
    let gate = Gate::new();
    if let Some(draft) = draft {
        Effect::new(move |_| {
            let Some(s) = draft.get() else { return };
            direction.set(s.direction.as_str().to_owned());
            ethertype.set(if s.family == Family::V4 { "IPv4" } else { "IPv6" }.to_owned());
            protocol.set(s.protocol.name());
            multiport.set(s.port.map(|p| p.to_string()).unwrap_or_default());
            remote.set(s.remote.to_string());
            action.set("allow".to_owned());
            priority.set(s.priority.unwrap_or(100).to_string());
            touched.set(true);
            draft.set(None);
            if let Some(f) = form.get_untracked() {
                f.scroll_into_view();
            }
        });
    }
    let option = move || CreateSecurityGroupRuleOption {
        security_group_id: Some(group_id.get_value()),
        description: non_blank(description.get()),
        direction: Some(direction.get()),
        ethertype: Some(ethertype.get()),
        protocol: if protocol.get() == PROTOCOL_NUMBER { non_blank(protocol_number.get()) } else { non_blank(protocol.get()) },
        multiport: if all_ports.get() { None } else { non_blank(multiport.get()) },
        remote_ip_prefix: if anywhere.get() {
            Some(if ethertype.get() == "IPv6" { "::/0" } else { "0.0.0.0/0" }.to_owned())
        } else {
            non_blank(remote.get())
        },
        action: Some(action.get()),
        priority: non_blank(priority.get()).map(Priority::Text),
        remote_group_id: non_blank(remote_group.get()),
        remote_address_group_id: non_blank(remote_address_group.get()),
        // Sent only when off: the API's default is on.
        enabled: (!enabled.get()).then_some(false),
    };
    let problems = Memo::new(move |_| if touched.get() { validate_rule(&option()) } else { Vec::new() });
    // What is still to choose: the ports (of tcp and udp), and who may connect.
    let unchosen = move || {
        let ported = matches!(protocol.get().as_str(), "tcp" | "udp");
        let ports_missing = ported && !all_ports.get() && multiport.with(|p| p.trim().is_empty());
        let remote_missing = !anywhere.get()
            && remote.with(|r| r.trim().is_empty())
            && remote_group.with(|g| g.is_empty())
            && remote_address_group.with(|g| g.trim().is_empty());
        [(ports_missing, Msg::ChoosePorts), (remote_missing, Msg::ChooseRemote)]
            .into_iter()
            .filter_map(|(m, msg)| m.then_some(msg))
            .collect::<Vec<_>>()
    };
    let (review, change) = previewed::<HuaweiKind>(i18n, group_id, move || {
        (touched.get() && problems.with(Vec::is_empty) && unchosen().is_empty()).then(|| {
            let base = rules.get();
            let target = base.iter().cloned().chain([option().to_rule()]).collect();
            (base, target)
        })
    });
    let added = RwSignal::new(false);
    let create = Change::new(move |outcome: Result<(), ApiError>| match outcome {
        Ok(()) => {
            error.set(None);
            multiport.set(String::new());
            remote.set(String::new());
            description.set(String::new());
            all_ports.set(false);
            anywhere.set(false);
            touched.set(false);
            added.set(true);
            on_created.run(());
        }
        Err(e) => error.set(Some(e)),
    });
    let busy = create.pending();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        touched.set(true);
        let option = option();
        // The plan sends the rule as read (`to_rule`): what the cloud would refuse is
        // refused here, as typed, rather than read into something else.
        let problems = validate_rule(&option);
        if !problems.is_empty() {
            error.set(Some(ApiError::Invalid(problems)));
            return;
        }
        if !untrack(unchosen).is_empty() || !gate.ready_untracked() {
            return;
        }
        added.set(false);
        let base = rules.get_untracked();
        let rule = option.to_rule();
        gate.what.set(format!("{} {} · {}", i18n.t(Msg::AddRule), crate::readable::huawei_line(&rule), group_id.get_value()));
        let target = base.iter().cloned().chain([rule]).collect();
        create.run(gate, apply_change::<HuaweiKind>(api, group_id.get_value(), base, target, Box::new(|_| ())));
    };
    let select = move |label: Msg, value: RwSignal<String>, options: &'static [&'static str], test: &'static str| {
        view! {
            <label class="field">
                <span>{i18n.s(label)}</span>
                <select data-test=test prop:value=move || value.get() on:change=move |ev| { touched.set(true); value.set(event_target_value(&ev)) }>
                    {options.iter().map(|o| view! { <option value=*o>{*o}</option> }).collect_view()}
                </select>
            </label>
        }
    };
    let touch = Callback::new(move |_| touched.set(true));
    let problems = Signal::from(problems);
    let text = move |label: Msg, value: RwSignal<String>, field: Field, test: &'static str| {
        view! { <TextField label=i18n.s(label) value=value test=test problems=problems field=Signal::stored(field) on_input=touch/> }
    };
    view! {
        <form class="rule-form" data-test="hw-rule-form" aria-label=i18n.s(Msg::AddRule) on:submit=submit node_ref=form>
            <h3>{i18n.s(Msg::AddRule)}</h3>
            <div class="form-row">
                {select(Msg::Direction, direction, &DIRECTIONS, "hw-rule-direction")}
                {select(Msg::Ethertype, ethertype, &["IPv4", "IPv6"], "hw-rule-ethertype")}
                {select(Msg::Protocol, protocol, &["tcp", "udp", "icmp", "icmpv6", "", PROTOCOL_NUMBER], "hw-rule-protocol")}
                <Show when=move || protocol.with(|p| p == PROTOCOL_NUMBER)>
                    {text(Msg::ProtocolNumber, protocol_number, Field::Protocol, "hw-rule-protocol-number")}
                </Show>
                {text(Msg::Ports, multiport, Field::Multiport, "hw-rule-ports")}
                <label class="check">
                    <input type="checkbox" data-test="hw-rule-all-ports" bind:checked=all_ports on:change=move |_| touched.set(true)/>
                    {i18n.s(Msg::AllPorts)}
                </label>
                {text(Msg::RemoteIpPrefix, remote, Field::RemoteIpPrefix, "hw-rule-remote")}
                <label class="check">
                    <input type="checkbox" data-test="hw-rule-anywhere" bind:checked=anywhere on:change=move |_| touched.set(true)/>
                    {move || i18n.t(if ethertype.get() == "IPv6" { Msg::AnywhereV6 } else { Msg::AnywhereV4 })}
                </label>
                <label class="field">
                    <span>{i18n.s(Msg::RemoteGroup)}</span>
                    <select data-test="hw-rule-remote-group" prop:value=move || remote_group.get() on:change=move |ev| { touched.set(true); remote_group.set(event_target_value(&ev)) }>
                        <option value="">"—"</option>
                        {move || peers.get().into_iter().map(|(id, name)| view! { <option value=id.clone()>{format!("{name} ({id})")}</option> }).collect_view()}
                    </select>
                </label>
                {text(Msg::RemoteAddressGroup, remote_address_group, Field::RemoteAddressGroupId, "hw-rule-remote-address-group")}
                {select(Msg::Action, action, &["allow", "deny"], "hw-rule-action")}
                <label class="field inline">
                    <input type="checkbox" data-test="hw-rule-enabled" prop:checked=move || enabled.get() on:change=move |ev| enabled.set(event_target_checked(&ev))/>
                    <span>{i18n.s(Msg::Enabled)}</span>
                </label>
                {text(Msg::Priority, priority, Field::Priority, "hw-rule-priority")}
                {text(Msg::Description, description, Field::Description, "hw-rule-description")}
            </div>
            <Show when=move || touched.get() && !unchosen().is_empty()>
                <p class="hint" data-test="hw-rule-unchosen">
                    {move || unchosen().into_iter().map(|m| i18n.t(m)).collect::<Vec<_>>().join(" ")}
                </p>
            </Show>
            <ImpactView gate=gate change=change review=review/>
            <button type="submit" class="primary" data-test="hw-rule-submit" disabled=move || busy.get() || gate.blocked.with(Option::is_some)>
                {i18n.either(busy, Msg::Working, Msg::AddRule)}
            </button>
            <Show when=move || added.get()>
                <span class="ok" role="status" data-test="hw-rule-added">{i18n.s(Msg::RuleAdded)}</span>
            </Show>
            <ErrorNotice error=error/>
        </form>
    }
}
