use leptos::prelude::*;
use palisade_core::bce::esg::{EsgRule, Priority};
use palisade_core::validate::{Field, Problem};
use palisade_core::Direction;

use crate::components::form::field_error::{problem_for, FieldError};
use crate::i18n::{use_i18n, Msg};
use crate::infra::text::non_blank;

const DIRECTIONS: [&str; 2] = [Direction::Ingress.as_str(), Direction::Egress.as_str()];

/// One rule being edited: a signal per field, so typing in a cell redraws only that cell.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct EsgRuleFields {
    pub key: u64,
    pub direction: RwSignal<String>,
    pub ethertype: RwSignal<String>,
    pub protocol: RwSignal<String>,
    pub ports: RwSignal<String>,
    pub source_ports: RwSignal<String>,
    pub remote_ip: RwSignal<String>,
    pub local_ip: RwSignal<String>,
    pub action: RwSignal<String>,
    pub priority: RwSignal<String>,
    pub remark: RwSignal<String>,
}

impl EsgRuleFields {
    /// A row; `remote` is its remote address: empty for a blank row (the user types
    /// who may connect: no default opens anything to the world).
    pub fn new(key: u64, protocol: &str, ports: &str, remote: &str) -> Self {
        let s = |v: &str| RwSignal::new(v.to_owned());
        Self {
            key,
            direction: s(Direction::Ingress.as_str()),
            ethertype: s("IPv4"),
            protocol: s(protocol),
            ports: s(ports),
            source_ports: s(""),
            remote_ip: s(remote),
            local_ip: s(""),
            action: s("allow"),
            priority: s("1000"),
            remark: s(""),
        }
    }

    /// A row holding a live rule, for a clone of its group. The editor has no field for
    /// an address set or group: such rules are not cloned (see `can_clone`).
    pub fn from_rule(key: u64, r: &EsgRule) -> Self {
        let s = |v: Option<&str>| RwSignal::new(v.unwrap_or("").to_owned());
        Self {
            key,
            direction: s(r.direction.as_deref()),
            ethertype: s(r.ethertype.as_deref()),
            protocol: s(r.protocol.as_deref()),
            ports: s(r.port_range.as_deref()),
            source_ports: s(r.source_port_range.as_deref()),
            remote_ip: s(r.remote_ip().as_deref()),
            local_ip: s(r.local_ip.as_deref()),
            action: s(r.action.as_deref()),
            priority: RwSignal::new(r.priority.as_ref().and_then(|p| p.value()).map(|p| p.to_string()).unwrap_or_default()),
            remark: s(r.remark.as_deref()),
        }
    }

    /// A copy with fresh signals (duplicating a row must not share its fields).
    pub fn duplicate(&self, key: u64) -> Self {
        let c = |s: RwSignal<String>| RwSignal::new(s.get_untracked());
        Self {
            key,
            direction: c(self.direction),
            ethertype: c(self.ethertype),
            protocol: c(self.protocol),
            ports: c(self.ports),
            source_ports: c(self.source_ports),
            remote_ip: c(self.remote_ip),
            local_ip: c(self.local_ip),
            action: c(self.action),
            priority: c(self.priority),
            remark: c(self.remark),
        }
    }

    /// The wire rule: the remote address is the source for ingress, the destination for egress.
    pub fn to_rule(&self) -> EsgRule {
        let ingress = Direction::parse(&self.direction.get()) != Some(Direction::Egress);
        let remote = non_blank(self.remote_ip.get());
        EsgRule {
            direction: Some(self.direction.get()),
            ethertype: Some(self.ethertype.get()),
            protocol: Some(self.protocol.get()),
            port_range: non_blank(self.ports.get()),
            source_port_range: non_blank(self.source_ports.get()),
            source_ip: if ingress { remote.clone() } else { None },
            dest_ip: if ingress { None } else { remote },
            local_ip: non_blank(self.local_ip.get()),
            action: Some(self.action.get()),
            priority: Some(Priority::Text(self.priority.get().trim().to_owned())),
            remark: non_blank(self.remark.get()),
            ..Default::default()
        }
    }
}

/// One row of the ESG rule table. Cells carry the problem's code under them.
#[component]
pub fn EsgRuleRow(
    draft: EsgRuleFields,
    #[prop(into)] index: Signal<usize>,
    #[prop(into)] problems: Signal<Vec<Problem>>,
    on_duplicate: Callback<EsgRuleFields>,
    on_remove: Callback<u64>,
    #[prop(into)] can_duplicate: Signal<bool>,
    /// An edit of one live rule: no duplicate or remove, and the direction and ethertype,
    /// which the cloud's update cannot change, are shown but fixed.
    #[prop(optional)]
    single: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let remote_field =
        Signal::derive(
            move || if Direction::parse(&draft.direction.get()) == Some(Direction::Egress) { Field::DestIp } else { Field::SourceIp },
        );
    let cell_select = move |label: Msg, value: RwSignal<String>, field: Field, options: &'static [&'static str]| {
        let fixed = single && matches!(field, Field::Direction | Field::Ethertype);
        view! {
            <td>
                <select
                    disabled=fixed
                    data-field=field.wire_name()
                    aria-label=move || format!("{} {}", i18n.t(label), index.get() + 1)
                    prop:value=move || value.get()
                    on:change=move |ev| value.set(event_target_value(&ev))
                >
                    {options.iter().map(|o| view! { <option value=*o>{*o}</option> }).collect_view()}
                </select>
            </td>
        }
    };
    let cell_text = move |label: Msg, value: RwSignal<String>, field: Signal<Field>| {
        let error_id = move || format!("esg-{}-{}-error", draft.key, field.get().wire_name());
        view! {
            <td>
                <input
                    type="text"
                    data-field=move || field.get().wire_name()
                    aria-label=move || format!("{} {}", i18n.t(label), index.get() + 1)
                    aria-invalid=move || problems.with(|ps| problem_for(ps, Some(index.get()), field.get()).is_some()).to_string()
                    aria-describedby=error_id
                    prop:value=move || value.get()
                    on:input=move |ev| value.set(event_target_value(&ev))
                />
                {move || view! { <FieldError problems=problems rule=index.get() field=field.get() id=error_id()/> }}
            </td>
        }
    };
    view! {
        <tr class="esg-rule-row" data-test="esg-rule-row">
            <th scope="row">{move || index.get() + 1}</th>
            {cell_select(Msg::Direction, draft.direction, Field::Direction, &DIRECTIONS)}
            {cell_select(Msg::Ethertype, draft.ethertype, Field::Ethertype, &["IPv4", "IPv6"])}
            {cell_select(Msg::Protocol, draft.protocol, Field::Protocol, &["tcp", "udp", "icmp", "all"])}
            {cell_text(Msg::Ports, draft.ports, Signal::stored(Field::PortRange))}
            {cell_text(Msg::SourcePorts, draft.source_ports, Signal::stored(Field::SourcePortRange))}
            {cell_text(Msg::Remote, draft.remote_ip, remote_field)}
            {cell_text(Msg::LocalIp, draft.local_ip, Signal::stored(Field::LocalIp))}
            {cell_select(Msg::Action, draft.action, Field::Action, &["allow", "deny"])}
            {cell_text(Msg::Priority, draft.priority, Signal::stored(Field::Priority))}
            {cell_text(Msg::Remark, draft.remark, Signal::stored(Field::Remark))}
            <td class="row-actions" class:hidden=single>
                <button type="button" data-test="duplicate-rule" disabled=move || !can_duplicate.get() on:click=move |_| on_duplicate.run(draft)>
                    {i18n.s(Msg::Duplicate)}
                </button>
                <button type="button" data-test="remove-rule" on:click=move |_| on_remove.run(draft.key)>
                    {i18n.s(Msg::Remove)}
                </button>
            </td>
        </tr>
    }
}

/// The column headers of an enterprise rule editor, the same for a new group's rules, a
/// rule added and a rule edited (#34: an edit row of ten inputs had none). A single
/// rule's editor has no row actions.
#[component]
pub fn EsgRuleHead(single: bool) -> impl IntoView {
    let i18n = use_i18n();
    let columns = if single { &ESG_COLUMNS[..ESG_COLUMNS.len() - 1] } else { ESG_COLUMNS };
    view! {
        <thead>
            <tr>
                <th scope="col">"#"</th>
                {columns.iter().map(|&m| view! { <th scope="col">{i18n.s(m)}</th> }).collect_view()}
            </tr>
        </thead>
    }
}

/// An enterprise rule's fields in the order every enterprise rule table shows them (the
/// group's rule list, and the editors' rows), then its actions.
pub const ESG_COLUMNS: &[Msg] = &[
    Msg::Direction,
    Msg::Ethertype,
    Msg::Protocol,
    Msg::Ports,
    Msg::SourcePorts,
    Msg::Remote,
    Msg::LocalIp,
    Msg::Action,
    Msg::Priority,
    Msg::Remark,
    Msg::Actions,
];
