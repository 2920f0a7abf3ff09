//! One shape for the three clouds' rules, so one evaluator can read them all.

use std::net::IpAddr;

use ipnet::IpNet;

use super::ports::PortSet;
use crate::bce::esg::EsgRule;
use crate::bce::security_group::SecurityGroupRule;
use crate::huawei::rule::SecurityGroupRule as HuaweiRule;
use crate::validate::address::{family, Family};
use crate::Direction;

/// An IP protocol, by name where the clouds name it, else by number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Protocol {
    Tcp,
    Udp,
    Icmp,
    Icmpv6,
    Number(u8),
}

impl Protocol {
    pub fn number(self) -> u8 {
        match self {
            Protocol::Tcp => 6,
            Protocol::Udp => 17,
            Protocol::Icmp => 1,
            Protocol::Icmpv6 => 58,
            Protocol::Number(n) => n,
        }
    }

    /// `tcp`, `udp`, `icmp`, `icmpv6` or a number 0–255 (Huawei takes numbers).
    pub fn parse(s: &str) -> Option<Protocol> {
        let s = s.trim().to_ascii_lowercase();
        Some(match s.as_str() {
            "tcp" => Protocol::Tcp,
            "udp" => Protocol::Udp,
            "icmp" => Protocol::Icmp,
            "icmpv6" => Protocol::Icmpv6,
            n => Protocol::from_number(n.parse().ok()?),
        })
    }

    pub fn from_number(n: u8) -> Protocol {
        match n {
            6 => Protocol::Tcp,
            17 => Protocol::Udp,
            1 => Protocol::Icmp,
            58 => Protocol::Icmpv6,
            n => Protocol::Number(n),
        }
    }

    /// Whether a connection of this protocol has a destination port a rule can name.
    pub fn has_ports(self) -> bool {
        matches!(self, Protocol::Tcp | Protocol::Udp)
    }

    pub fn name(self) -> String {
        match self {
            Protocol::Tcp => "tcp".into(),
            Protocol::Udp => "udp".into(),
            Protocol::Icmp => "icmp".into(),
            Protocol::Icmpv6 => "icmpv6".into(),
            Protocol::Number(n) => n.to_string(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Allow,
    Deny,
}

/// Who is on the other end of a rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Remote {
    /// Every address of the rule's family (empty, `all`, `0.0.0.0/0`, `::/0`).
    Any,
    Net(IpNet),
    /// The members of a security group.
    Group(String),
    /// An address set or address group whose members this evaluator is not given.
    AddressSet(String),
    /// A field no cloud would have accepted: matches nothing.
    Invalid,
}

impl Remote {
    fn parse(s: Option<&str>) -> Remote {
        let s = s.unwrap_or("").trim();
        if s.is_empty() || s == "all" {
            return Remote::Any;
        }
        let net = s.parse::<IpNet>().ok().or_else(|| s.parse::<IpAddr>().ok().map(IpNet::from));
        match net {
            Some(n) if n.prefix_len() == 0 => Remote::Any,
            Some(n) => Remote::Net(n.trunc()),
            None => Remote::Invalid,
        }
    }
}

/// A rule in the evaluator's terms. `priority` is 0 for Baidu regular rules, which have
/// none.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rule {
    pub direction: Direction,
    pub family: Family,
    /// `None`: every protocol.
    pub protocol: Option<Protocol>,
    /// Destination ports (the instance's for ingress, the remote's for egress).
    pub ports: PortSet,
    /// ESG only; every port elsewhere.
    pub source_ports: PortSet,
    pub remote: Remote,
    /// ESG `localIp`; `None` is every local address.
    pub local: Option<IpNet>,
    pub action: Action,
    pub priority: u32,
    pub enabled: bool,
}

fn text(s: &Option<String>) -> Option<&str> {
    s.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

/// `all`, empty or a protocol name; an unknown name keeps the rule from matching.
fn protocol_of(s: Option<&str>) -> Result<Option<Protocol>, ()> {
    match s {
        None => Ok(None),
        Some(p) if p.eq_ignore_ascii_case("all") => Ok(None),
        Some(p) => Protocol::parse(p).map(Some).ok_or(()),
    }
}

/// CHOICE: Baidu names one protocol `icmp` for both families: on an IPv6 rule it is ICMPv6 (what
/// Huawei spells `icmpv6`).
fn baidu_protocol(p: Option<Protocol>, family: Family) -> Option<Protocol> {
    match p {
        Some(Protocol::Icmp) if family == Family::V6 => Some(Protocol::Icmpv6),
        other => other,
    }
}

/// Ethertype as the rule writes it; Baidu's "empty ⇒ IPv4" (reference C.3).
fn family_of(s: Option<&str>) -> Option<Family> {
    match s {
        None => Some(Family::V4),
        Some(e) => family(e),
    }
}

impl Rule {
    /// A Baidu regular rule: allow-only, no priority. `None` for a rule without a valid
    /// direction, ethertype or protocol (which the cloud refuses).
    pub fn from_bce(r: &SecurityGroupRule) -> Option<Rule> {
        let direction = r.direction()?;
        let (ip, group) = r.remote();
        let remote = match text(group) {
            Some(g) => Remote::Group(g.to_owned()),
            None => Remote::parse(text(ip)),
        };
        let family = family_of(text(&r.ethertype))?;
        Some(Rule {
            direction,
            family,
            protocol: baidu_protocol(protocol_of(text(&r.protocol)).ok()?, family),
            ports: PortSet::parse(text(&r.port_range)),
            source_ports: PortSet::All,
            remote,
            local: None,
            action: Action::Allow,
            priority: 0,
            enabled: true,
        })
    }

    /// A Baidu enterprise rule: allow or deny, priority 1–1000.
    pub fn from_esg(r: &EsgRule) -> Option<Rule> {
        let direction = r.direction()?;
        let set = text(&r.remote_ip_set).or(text(&r.remote_ip_group));
        let remote = match set {
            Some(s) => Remote::AddressSet(s.to_owned()),
            None => Remote::parse(text(r.remote_ip())),
        };
        let local = match Remote::parse(text(&r.local_ip)) {
            Remote::Any => None,
            Remote::Net(n) => Some(n),
            _ => return None,
        };
        let family = family_of(text(&r.ethertype))?;
        Some(Rule {
            direction,
            family,
            protocol: baidu_protocol(protocol_of(text(&r.protocol)).ok()?, family),
            ports: PortSet::parse(text(&r.port_range)),
            source_ports: PortSet::parse(text(&r.source_port_range)),
            remote,
            local,
            action: action_of(text(&r.action))?,
            priority: u32::try_from(r.priority.as_ref()?.value()?).ok()?,
            enabled: true,
        })
    }

    /// A Huawei v3 rule: allow or deny, priority 1–100, `enabled`.
    pub fn from_huawei(r: &HuaweiRule) -> Option<Rule> {
        let remote = if let Some(g) = text(&r.remote_group_id) {
            Remote::Group(g.to_owned())
        } else if let Some(s) = text(&r.remote_address_group_id) {
            Remote::AddressSet(s.to_owned())
        } else {
            Remote::parse(text(&r.remote_ip_prefix))
        };
        let ethertype = Some(r.ethertype.trim()).filter(|s| !s.is_empty());
        Some(Rule {
            direction: Direction::parse(r.direction.trim())?,
            family: family_of(ethertype)?,
            protocol: protocol_of(text(&r.protocol)).ok()?,
            ports: PortSet::parse(text(&r.multiport)),
            source_ports: PortSet::All,
            remote,
            local: None,
            // Huawei's default action is allow (reference D).
            action: action_of(Some(r.action.trim()).filter(|s| !s.is_empty())).unwrap_or(Action::Allow),
            priority: u32::try_from(r.priority).ok()?,
            enabled: r.enabled,
        })
    }

    /// Whether this rule lets traffic of `protocol` to `port` through, whoever the remote
    /// is: what a search for a port number asks.
    pub fn covers_port(&self, port: u16) -> bool {
        match self.protocol {
            None => self.ports.contains(port),
            Some(p) => p.has_ports() && self.ports.contains(port),
        }
    }
}

fn action_of(s: Option<&str>) -> Option<Action> {
    match s?.to_ascii_lowercase().as_str() {
        "allow" => Some(Action::Allow),
        "deny" => Some(Action::Deny),
        _ => None,
    }
}
