use std::net::IpAddr;

use leptos::prelude::*;
use palisade_core::reach::ports::query_port;
use palisade_core::reach::{Connection, Protocol};
use palisade_core::Direction;

use crate::i18n::{use_i18n, Msg};

/// A connection to judge: direction (unless only ingress is asked about), protocol,
/// port and the other end's address, checked before it is handed on; a bad field is
/// named, not guessed.
#[component]
pub fn ConnectionForm(
    /// The question's button ("Test", "Ask").
    submit_label: Msg,
    on_submit: Callback<Connection>,
    /// Ask about ingress only (no direction to choose).
    #[prop(optional)]
    ingress_only: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let direction = RwSignal::new(Direction::Ingress.as_str().to_owned());
    let protocol = RwSignal::new("tcp".to_owned());
    let port = RwSignal::new(String::new());
    let remote = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<Msg>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let proto = Protocol::parse(&protocol.get_untracked()).unwrap_or(Protocol::Tcp);
        let port = match (proto.has_ports(), port.with_untracked(|p| query_port(p))) {
            (true, None) => return problem.set(Some(Msg::BadPort)),
            (true, p) => p,
            (false, _) => None,
        };
        let Ok(addr) = remote.with_untracked(|r| r.trim().parse::<IpAddr>()) else {
            return problem.set(Some(Msg::BadAddress));
        };
        problem.set(None);
        on_submit.run(Connection {
            direction: Direction::parse(&direction.get_untracked()).unwrap_or(Direction::Ingress),
            protocol: proto,
            port,
            source_port: None,
            remote: addr,
            local: None,
            remote_groups: None,
        });
    };
    let direction_field = (!ingress_only).then(|| {
        view! {
            <label>
                <span>{i18n.s(Msg::Direction)}</span>
                <select data-test="ct-direction" bind:value=direction>
                    <option value=Direction::Ingress.as_str()>{i18n.s(Msg::Ingress)}</option>
                    <option value=Direction::Egress.as_str()>{i18n.s(Msg::Egress)}</option>
                </select>
            </label>
        }
    });
    view! {
        <form class="inline-form" data-test="connection-form" on:submit=submit novalidate>
            {direction_field}
            <label>
                <span>{i18n.s(Msg::Protocol)}</span>
                <select data-test="ct-protocol" bind:value=protocol>
                    <option value="tcp">"TCP"</option>
                    <option value="udp">"UDP"</option>
                    <option value="icmp">"ICMP"</option>
                    <option value="icmpv6">"ICMPv6"</option>
                </select>
            </label>
            <label>
                <span>{i18n.s(Msg::Port)}</span>
                <input data-test="ct-port" inputmode="numeric" size="6" bind:value=port/>
            </label>
            <label>
                <span>{i18n.s(Msg::RemoteAddress)}</span>
                <input data-test="ct-remote" placeholder="203.0.113.7" bind:value=remote/>
            </label>
            <button type="submit" data-test="ct-run">{i18n.s(submit_label)}</button>
        </form>
        {move || problem.get().map(|m| view! { <p class="field-error" role="alert" data-test="ct-problem">{i18n.s(m)}</p> })}
    }
}
