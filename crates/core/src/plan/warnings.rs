//! What a plan's reader is told before anything is sent.

use super::{peak_per_direction, Call, Caps, Plan, PlanRule};
use crate::reach::{order, Action, PortSet, Remote, Rule, Semantics};
use crate::Direction;

/// A warning about a plan; `rule` and `by` index the draft.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Warning {
    /// A new or changed rule opens these sensitive ports to the internet.
    OpensSensitive { rule: usize, ports: Vec<u16> },
    /// A new or changed rule opens every port, or every protocol, to the internet.
    OpenToWorld { rule: usize },
    /// A rule that never decides: `by` comes first and matches all it matches. `dead`: `by`
    /// denies what it would allow; otherwise it is redundant.
    Shadowed { rule: usize, by: usize, dead: bool },
    /// More rules in a direction than the cloud takes: at the end (`end`), or on the way
    /// (`peak`: new rules go in before old ones leave).
    Quota { direction: Direction, peak: usize, end: usize, max: usize },
    /// Deleted and created again (the change keeps the rule's identity and the cloud
    /// cannot edit a rule): absent for a moment.
    Recreated { rule: usize },
}

/// Whether `a` matches every connection `b` matches.
pub fn covers(a: &Rule, b: &Rule) -> bool {
    let protocol = a.protocol.is_none() || a.protocol == b.protocol;
    // Ports only narrow TCP and UDP; a rule for another protocol has none to compare.
    let ports_apply = b.protocol.is_none_or(|p| p.has_ports());
    let ports = !ports_apply || (superset(&a.ports, &b.ports) && superset(&a.source_ports, &b.source_ports));
    let remote = match (&a.remote, &b.remote) {
        (Remote::Any, _) => true,
        (Remote::Net(x), Remote::Net(y)) => x.contains(y),
        (x, y) => x == y,
    };
    let local = match (&a.local, &b.local) {
        (None, _) => true,
        (Some(x), Some(y)) => x.contains(y),
        (Some(_), None) => false,
    };
    a.enabled && a.direction == b.direction && a.family == b.family && protocol && ports && remote && local
}

/// Whether the port set `a` holds every port of `b`.
fn superset(a: &PortSet, b: &PortSet) -> bool {
    match (a, b) {
        (PortSet::All, _) => true,
        (PortSet::Ranges(_), PortSet::All) => false,
        (PortSet::Ranges(a), PortSet::Ranges(b)) => b.iter().all(|&(lo, hi)| {
            // Extend the covered stretch from `lo` with any range of `a` that touches it,
            // until none does (no sort: a sort per element type is kilobytes of wasm).
            let mut next = u32::from(lo);
            while let Some(&(_, e)) = a.iter().find(|&&(s, e)| u32::from(s) <= next && u32::from(e) >= next) {
                next = u32::from(e) + 1;
            }
            next > u32::from(hi)
        }),
    }
}

/// The warnings for taking `base` to `draft` by `plan`.
pub fn warnings<R: PlanRule>(base: &[R], draft: &[R], plan: &Plan<R>, caps: Caps) -> Vec<Warning> {
    let reach: Vec<Option<Rule>> = draft.iter().map(PlanRule::reach).collect();
    // New or changed: no live rule with its id holds the same content.
    let touched: Vec<bool> = draft
        .iter()
        .map(|d| d.id().and_then(|id| base.iter().find(|b| b.id() == Some(id))).is_none_or(|b| b.content() != d.content()))
        .collect();
    let mut out = Vec::new();
    for (i, r) in reach.iter().enumerate() {
        let Some(r) = r.as_ref().filter(|r| touched[i] && r.open_to_internet()) else { continue };
        if r.protocol.is_none() || (r.protocol.is_some_and(|p| p.has_ports()) && r.ports.is_all()) {
            out.push(Warning::OpenToWorld { rule: i });
        }
        let ports = r.sensitive_ports();
        if !ports.is_empty() {
            out.push(Warning::OpensSensitive { rule: i, ports });
        }
    }
    out.extend(shadowed(&reach, &touched, caps.semantics));
    if let Some(max) = caps.quota_per_direction {
        for (direction, peak) in peak_per_direction(base, &plan.calls) {
            let end = reach.iter().flatten().filter(|r| r.direction == direction).count();
            if peak > max {
                out.push(Warning::Quota { direction, peak, end, max });
            }
        }
    }
    // A recreated rule: a Remove followed by the Add of the same identity.
    for pair in plan.calls.windows(2) {
        if let [Call::Remove(a), Call::Add(b)] = pair {
            if a.identity() == b.identity() {
                if let Some(i) = draft.iter().position(|d| d.id() == a.id() || d.content() == b.content()) {
                    out.push(Warning::Recreated { rule: i });
                }
            }
        }
    }
    out
}

/// Rules of the draft that never decide, where the rule or what shadows it is new.
fn shadowed(reach: &[Option<Rule>], touched: &[bool], semantics: Semantics) -> Vec<Warning> {
    let rules: Vec<Rule> = reach.iter().map(|r| r.clone().unwrap_or_else(never)).collect();
    let ord = order(&rules, semantics);
    let mut out = Vec::new();
    for (p, &i) in ord.iter().enumerate() {
        let r = &rules[i];
        if reach[i].is_none() || !r.enabled {
            continue;
        }
        let by = ord[..p].iter().copied().find(|&j| {
            let s = &rules[j];
            let relevant = match semantics {
                // Allow-only: another allow that covers it makes it redundant.
                Semantics::AnyAllow => s.action == Action::Allow && r.action == Action::Allow,
                Semantics::Priority => true,
            };
            reach[j].is_some() && relevant && (touched[i] || touched[j]) && covers(s, r)
        });
        if let Some(j) = by {
            out.push(Warning::Shadowed { rule: i, by: j, dead: rules[j].action == Action::Deny && r.action == Action::Allow });
        }
    }
    out
}

/// A stand-in for a rule the evaluator cannot read: disabled, so it shadows nothing.
fn never() -> Rule {
    Rule {
        direction: Direction::Ingress,
        family: crate::validate::address::Family::V4,
        protocol: None,
        ports: PortSet::Ranges(Vec::new()),
        source_ports: PortSet::All,
        remote: Remote::Invalid,
        local: None,
        action: Action::Allow,
        priority: u32::MAX,
        enabled: false,
    }
}
