//! Which rule decides a connection: the pure evaluator behind "test a connection" and
//! the exposure view. Each cloud's semantics, with its source:
//!
//! * Baidu regular groups are allow-only, without priorities, and every group bound to an
//!   instance applies: a connection passes if any rule of any bound group allows it
//!   (reference C.3: "Normal SG is allow-only, no priority"). Traffic no rule allows is
//!   refused, in both directions; a new group is born with allow-all egress rules, which is
//!   why egress is open by default (reference C.3: "new SG default = deny all ingress /
//!   allow all egress") — delete them and egress is closed.
//! * Baidu enterprise groups: the smallest priority number first, and on a tie deny wins
//!   (reference C.5). No match: refused.
//! * Huawei: priority 1–100, 1 first; on a tie deny wins (Huawei's security-group
//!   documentation: "if two rules have the same priority, the deny rule takes effect");
//!   disabled rules (`enabled: false`) do not apply. No match: refused.
//!
//! CHOICE: with several enterprise or Huawei groups on one instance, their rules are
//! pooled and ordered by priority as if in one group (neither cloud's pages found say
//! otherwise). CHOICE: a rule's port field applies to TCP and UDP connections only; for
//! other protocols an all-protocol rule matches whatever ports it names.

mod cells;
pub mod estate;
pub mod exposure;
pub mod impact;
pub mod ports;
pub mod rule;
pub mod standing;
mod written;

use std::net::IpAddr;

use ipnet::IpNet;

pub use ports::PortSet;
pub use rule::{Action, Protocol, Remote, Rule};

use crate::validate::address::Family;
use crate::Direction;

/// A connection to judge, from the instance's point of view.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Connection {
    pub direction: Direction,
    pub protocol: Protocol,
    /// The destination port (TCP and UDP).
    pub port: Option<u16>,
    /// The source port, which only enterprise rules name; `None`: not known.
    pub source_port: Option<u16>,
    /// The other end's address; its version picks the rules' ethertype.
    pub remote: IpAddr,
    /// The instance's own address, which enterprise rules may name; `None`: not known.
    pub local: Option<IpAddr>,
    /// The security groups the other end is a member of; `None`: not known.
    pub remote_groups: Option<Vec<String>>,
}

/// How a cloud combines its rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Semantics {
    /// Baidu regular groups: any allow passes.
    AnyAllow,
    /// Baidu enterprise and Huawei groups: by priority, smaller first, deny wins a tie.
    Priority,
}

/// Whether a rule applies to a connection. `Unknown` when it hinges on what this
/// evaluator is not told (an address set's members, the remote's groups, the local
/// address or source port).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Match {
    Yes,
    No,
    Unknown,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verdict {
    pub allowed: bool,
    /// The index (into the rules given) of the rule that decides; `None` when no rule
    /// matched and the default refusal applies.
    pub decided_by: Option<usize>,
    /// Rules that could have changed the verdict had their `Unknown` been a yes, in
    /// evaluation order. Empty: the verdict is certain.
    pub unresolved: Vec<usize>,
}

fn family_of(a: IpAddr) -> Family {
    if a.is_ipv4() {
        Family::V4
    } else {
        Family::V6
    }
}

fn contains(net: &IpNet, a: IpAddr) -> bool {
    net.contains(&a)
}

/// Whether `rule` applies to `c`.
pub fn matches(rule: &Rule, c: &Connection) -> Match {
    matches_with(rule, c, |remote| match remote {
        Remote::Any => Match::Yes,
        Remote::Net(n) if contains(n, c.remote) => Match::Yes,
        Remote::Net(_) | Remote::Invalid => Match::No,
        Remote::Group(g) => match &c.remote_groups {
            Some(groups) if groups.contains(g) => Match::Yes,
            Some(_) => Match::No,
            None => Match::Unknown,
        },
        Remote::AddressSet(_) => Match::Unknown,
    })
}

/// Whether `rule` applies to `c`, its remote judged by `remote` (`matches` reads the
/// connection's address and groups; the impact of a change asks about the members of a
/// group whose addresses it is not given). Everything else as `matches`.
pub fn matches_with(rule: &Rule, c: &Connection, remote: impl FnOnce(&Remote) -> Match) -> Match {
    if !rule.enabled || rule.direction != c.direction || rule.family != family_of(c.remote) {
        return Match::No;
    }
    if let Some(p) = rule.protocol {
        if p != c.protocol {
            return Match::No;
        }
    }
    if c.protocol.has_ports() {
        let covered = match c.port {
            Some(p) => rule.ports.contains(p),
            None => rule.ports.is_all(),
        };
        if !covered {
            return Match::No;
        }
    }
    let mut unknown = match remote(&rule.remote) {
        Match::No => return Match::No,
        Match::Unknown => true,
        Match::Yes => false,
    };
    if c.protocol.has_ports() && !rule.source_ports.is_all() {
        match c.source_port {
            Some(p) if rule.source_ports.contains(p) => {}
            Some(_) => return Match::No,
            None => unknown = true,
        }
    }
    if let Some(local) = &rule.local {
        match c.local {
            Some(a) if contains(local, a) => {}
            Some(_) => return Match::No,
            None => unknown = true,
        }
    }
    if unknown {
        Match::Unknown
    } else {
        Match::Yes
    }
}

/// The order a cloud reads `rules` in: list order for regular groups; by priority, deny
/// before allow on a tie, for the others (list order breaks what is left, so the
/// deciding rule named is stable).
pub fn order(rules: &[Rule], semantics: Semantics) -> Vec<usize> {
    let mut idx: Vec<usize> = (0..rules.len()).collect();
    if semantics == Semantics::Priority {
        idx.sort_by_key(|&i| (rules[i].priority, rules[i].action == Action::Allow, i));
    }
    idx
}

/// The verdict on `c` under `rules` (every group bound to the instance, pooled).
pub fn evaluate(rules: &[Rule], semantics: Semantics, c: &Connection) -> Verdict {
    evaluate_by(rules, semantics, |rule| matches(rule, c))
}

/// The verdict when whether each rule applies is `applies(rule)`: the one reading of a
/// cloud's order (priority, deny winning a tie, what an unknown match leaves open) that
/// `evaluate` and the impact of a change share.
pub fn evaluate_by(rules: &[Rule], semantics: Semantics, applies: impl Fn(&Rule) -> Match) -> Verdict {
    let mut unresolved = Vec::new();
    for i in order(rules, semantics) {
        let rule = &rules[i];
        match applies(rule) {
            Match::No => {}
            // Regular groups hold no deny; one that slipped in is ignored, not obeyed.
            _ if semantics == Semantics::AnyAllow && rule.action == Action::Deny => {}
            Match::Unknown => unresolved.push(i),
            Match::Yes => {
                // Only an unknown rule of the other action, read before this one, could
                // have changed the outcome.
                unresolved.retain(|&j| rules[j].action != rule.action);
                if semantics == Semantics::AnyAllow {
                    unresolved.clear();
                }
                return Verdict { allowed: rule.action == Action::Allow, decided_by: Some(i), unresolved };
            }
        }
    }
    unresolved.retain(|&j| rules[j].action == Action::Allow);
    Verdict { allowed: false, decided_by: None, unresolved }
}

/// The narrowest rule that would let a refused connection through: its one protocol,
/// its one port, its one remote address, at a priority that beats the refusing rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suggestion {
    pub direction: Direction,
    pub family: Family,
    pub protocol: Protocol,
    pub port: Option<u16>,
    pub remote: IpNet,
    /// `None` under AnyAllow, which has no priorities.
    pub priority: Option<u32>,
}

/// Why no rule can be suggested.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoSuggestion {
    /// The connection is already allowed.
    Allowed,
    /// A deny at the highest priority (1) decides, and deny wins a tie: only editing or
    /// deleting that rule lets the connection through.
    DenyAtTop,
}

/// For a refusal, the smallest rule that would allow `c`. `lowest` is the cloud's
/// lowest-precedence priority (ESG 1000, Huawei 100), used when nothing refuses but the
/// default, so the new rule overrides nothing else. CHOICE: above a deciding deny at
/// priority p the rule takes p − 1, the nearest priority that wins.
pub fn suggest(rules: &[Rule], semantics: Semantics, c: &Connection, lowest: u32) -> Result<Suggestion, NoSuggestion> {
    let verdict = evaluate(rules, semantics, c);
    if verdict.allowed {
        return Err(NoSuggestion::Allowed);
    }
    let priority = match (semantics, verdict.decided_by) {
        (Semantics::AnyAllow, _) => None,
        (Semantics::Priority, None) => Some(lowest),
        (Semantics::Priority, Some(i)) if rules[i].priority <= 1 => return Err(NoSuggestion::DenyAtTop),
        (Semantics::Priority, Some(i)) => Some(rules[i].priority - 1),
    };
    Ok(Suggestion {
        direction: c.direction,
        family: family_of(c.remote),
        protocol: c.protocol,
        port: c.port.filter(|_| c.protocol.has_ports()),
        remote: IpNet::from(c.remote),
        priority,
    })
}

impl Suggestion {
    /// The suggestion as a rule, to check that it does what it says.
    pub fn rule(&self) -> Rule {
        Rule {
            direction: self.direction,
            family: self.family,
            protocol: Some(self.protocol),
            ports: match self.port {
                Some(p) => PortSet::Ranges(vec![(p, p)]),
                None => PortSet::All,
            },
            source_ports: PortSet::All,
            remote: Remote::Net(self.remote),
            local: None,
            action: Action::Allow,
            priority: self.priority.unwrap_or(0),
            enabled: true,
        }
    }
}
