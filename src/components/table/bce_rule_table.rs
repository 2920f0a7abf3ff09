use leptos::prelude::*;
use palisade_core::bce::security_group::SecurityGroupRule;
use palisade_core::Direction;

pub use crate::components::table::rule_table::ROW_HEIGHT;
use crate::components::table::rule_table::{RowAction, RuleTable};
use crate::i18n::{use_i18n, Msg};
use crate::infra::text::Searchable;
use crate::readable;
use crate::readable::RuleLine;

use crate::readable::{remote_of, rule_summary};

/// The rules of a regular security group in the shared windowed [`RuleTable`].
#[component]
pub fn BceRuleTable(
    #[prop(into)] rules: Signal<Vec<SecurityGroupRule>>,
    #[prop(into)] filter: Signal<String>,
    #[prop(optional)] on_revoke: Option<Callback<SecurityGroupRule>>,
    /// Opens the edit-in-place form for a rule.
    #[prop(optional)]
    on_edit: Option<Callback<SecurityGroupRule>>,
) -> impl IntoView {
    let i18n = use_i18n();
    // Summaries are made once per rule list, not on every keystroke; cells only for the
    // rows in view.
    let search = Memo::new(move |_| {
        rules.with(|rs| rs.iter().map(|r| Searchable::new(&rule_summary(r), palisade_core::reach::Rule::from_bce(r))).collect::<Vec<_>>())
    });
    let line = Callback::new(move |i: usize| {
        let direction = |r: &SecurityGroupRule| i18n.t(if r.direction() == Some(Direction::Egress) { Msg::Egress } else { Msg::Ingress });
        rules.with(|rs| {
            let r = &rs[i];
            let v6 = r.ethertype.as_deref() == Some("IPv6");
            RuleLine {
                id: r.security_group_rule_id.clone().unwrap_or_default(),
                cells: vec![
                    direction(r).to_owned().into(),
                    r.ethertype.clone().unwrap_or_default().into(),
                    readable::protocol(i18n, r.protocol.as_deref()),
                    readable::ports(i18n, r.port_range.as_deref()),
                    readable::remote(i18n, &remote_of(r), v6),
                    r.remark.clone().unwrap_or_default().into(),
                ],
                deny: false,
                risk: readable::at_risk(palisade_core::reach::Rule::from_bce(r).as_ref()),
                never: None,
            }
        })
    });
    let at = move |cb: Callback<SecurityGroupRule>| {
        Callback::new(move |i: usize| {
            if let Some(r) = rules.with_untracked(|rs| rs.get(i).cloned()) {
                cb.run(r);
            }
        })
    };
    let edit = on_edit.map(|cb| RowAction { label: Msg::Edit, test: "rule-edit-open", danger: false, run: at(cb) });
    let actions: Vec<RowAction> =
        on_revoke.map(|cb| RowAction { label: Msg::Revoke, test: "revoke", danger: true, run: at(cb) }).into_iter().chain(edit).collect();
    view! {
        <RuleTable
            columns=&[Msg::Direction, Msg::Ethertype, Msg::Protocol, Msg::Ports, Msg::Remote, Msg::Remark, Msg::Actions]
            search=search
            line=line
            filter=filter
            actions=actions
        />
    }
}
