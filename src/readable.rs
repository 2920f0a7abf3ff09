//! Rules as an operator reads them: "all ports" instead of an empty cell, "anywhere
//! (IPv4)" instead of `0.0.0.0/0` (the literal on hover), and whether a rule opens a
//! sensitive port to the internet.

use palisade_core::bce::esg::EsgRule;
use palisade_core::bce::security_group::SecurityGroupRule;
use palisade_core::huawei::rule::SecurityGroupRule as HuaweiRule;
use palisade_core::reach::standing::Standing;
use palisade_core::reach::{PortSet, Rule};

use crate::i18n::{I18n, Msg};

/// One rule as a table shows it, whatever its cloud: the cells, whether it denies, and
/// whether it opens a sensitive port to the internet. Made only for the rows in view.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct RuleLine {
    /// The rule's id (`data-rule` on its row), empty when it has none yet.
    pub id: String,
    pub cells: Vec<Cell>,
    pub deny: bool,
    pub risk: bool,
    /// Why the rule never applies ("Never applies: deny … · 10 is read first"), when a
    /// rule of the other action read first decides every connection it matches.
    pub never: Option<String>,
}

/// A cell's text and what hovering shows (the literal behind a readable word).
#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    pub text: String,
    pub title: String,
}

impl Cell {
    pub fn titled(text: String, title: String) -> Cell {
        Cell { text, title }
    }
}

impl From<String> for Cell {
    fn from(text: String) -> Cell {
        Cell { title: text.clone(), text }
    }
}

/// What is shown in the "source / destination" column.
pub fn remote_of(r: &SecurityGroupRule) -> String {
    let (ip, group) = r.remote();
    group.clone().filter(|g| !g.is_empty()).or_else(|| ip.clone().filter(|i| !i.is_empty())).unwrap_or_else(|| "all".into())
}

/// One line a user can read (and filter on).
pub fn rule_summary(r: &SecurityGroupRule) -> String {
    format!(
        "{} {} {} {} {} {}",
        r.direction.as_deref().unwrap_or(""),
        r.ethertype.as_deref().unwrap_or(""),
        r.protocol.as_deref().unwrap_or(""),
        r.port_range.as_deref().unwrap_or(""),
        remote_of(r),
        r.remark.as_deref().unwrap_or("")
    )
}

/// A port field; empty, `all` and `1-65535` read "all ports".
pub fn ports(i18n: I18n, field: Option<&str>) -> Cell {
    let literal = field.unwrap_or("").trim();
    if PortSet::parse(Some(literal)).is_all() {
        return Cell::titled(i18n.t(Msg::AllPorts).to_owned(), if literal.is_empty() { "1-65535" } else { literal }.to_owned());
    }
    literal.to_owned().into()
}

/// A protocol field; empty and `all` read "all protocols".
pub fn protocol(i18n: I18n, field: Option<&str>) -> Cell {
    let literal = field.unwrap_or("").trim();
    if literal.is_empty() || literal.eq_ignore_ascii_case("all") {
        return Cell::titled(i18n.t(Msg::AllProtocols).to_owned(), literal.to_owned());
    }
    literal.to_owned().into()
}

/// A remote address; every address of the family reads "anywhere (IPv4/IPv6)".
pub fn remote(i18n: I18n, field: &str, v6: bool) -> Cell {
    let literal = field.trim();
    let every = match literal {
        "" | "all" | "any" => Some(v6),
        "0.0.0.0/0" => Some(false),
        "::/0" => Some(true),
        _ => None,
    };
    match every {
        Some(v6) => Cell::titled(
            i18n.t(if v6 { Msg::AnywhereV6 } else { Msg::AnywhereV4 }).to_owned(),
            if literal.is_empty() {
                if v6 {
                    "::/0"
                } else {
                    "0.0.0.0/0"
                }
            } else {
                literal
            }
            .to_owned(),
        ),
        None => literal.to_owned().into(),
    }
}

/// An enabled ingress allow from the internet on a sensitive port.
pub fn at_risk(rule: Option<&Rule>) -> bool {
    rule.is_some_and(|r| r.open_to_internet() && !r.sensitive_ports().is_empty())
}

/// A Huawei rule's remote: its prefix, remote group or address group, else `any`.
pub fn huawei_remote(r: &HuaweiRule) -> &str {
    r.remote_ip_prefix.as_deref().or(r.remote_group_id.as_deref()).or(r.remote_address_group_id.as_deref()).unwrap_or("any")
}

/// One line naming a Huawei rule: action, direction, protocol, ports, remote · priority.
pub fn huawei_line(r: &HuaweiRule) -> String {
    format!(
        "{} {} {} {} {} · {}",
        r.action,
        r.direction,
        r.protocol.as_deref().unwrap_or("any"),
        r.multiport.as_deref().unwrap_or("any"),
        huawei_remote(r),
        r.priority
    )
}

/// One line naming an enterprise rule, in the same order as [`huawei_line`].
pub fn esg_line(r: &EsgRule) -> String {
    format!(
        "{} {} {} {} {} · {}",
        r.action.as_deref().unwrap_or(""),
        r.direction.as_deref().unwrap_or(""),
        r.protocol.as_deref().unwrap_or(""),
        r.port_range.as_deref().unwrap_or(""),
        r.remote_ip().as_deref().unwrap_or(""),
        r.priority.as_ref().and_then(|p| p.value()).unwrap_or_default()
    )
}

/// The words for a rule that never applies, naming the rule that decides instead.
pub fn never_applies(i18n: I18n, standing: Standing, winner_line: impl FnOnce(usize) -> String) -> Option<String> {
    match standing {
        Standing::Applies => None,
        Standing::Never { winner: Some(w) } => Some(format!("{} {} {}", i18n.t(Msg::NeverApplies), winner_line(w), i18n.t(Msg::ReadFirst))),
        Standing::Never { winner: None } => Some(i18n.t(Msg::NeverApplies).trim_end_matches([':', '：']).to_owned()),
    }
}
