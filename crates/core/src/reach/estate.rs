//! Questions over a whole estate — every group and what each is bound to — for the
//! exposure view: what is open to the internet, and who accepts a given connection.

use super::exposure::SENSITIVE;
use super::rule::{Action, Rule};
use super::{matches, Connection, Match, Semantics};

/// A group's rules in the evaluator's terms; `None` marks a rule it cannot read, so
/// indices stay those of the caller's list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    pub semantics: Semantics,
    pub rules: Vec<Option<Rule>>,
}

/// What traffic reaches through groups: an instance, a card, or (Huawei, where
/// bindings are not read) a group standing for its own members.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    /// Indices into [`Estate::groups`]; one kind of semantics per target (an instance
    /// holds regular or enterprise groups, not both).
    pub groups: Vec<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RuleRef {
    pub group: usize,
    pub rule: usize,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Estate {
    pub groups: Vec<Group>,
    pub targets: Vec<Target>,
}

/// One sensitive port's line in the summary.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PortExposure {
    pub port: u16,
    pub service: &'static str,
    pub rules: usize,
    pub targets: usize,
}

impl Estate {
    pub fn rule(&self, r: RuleRef) -> Option<&Rule> {
        self.groups.get(r.group)?.rules.get(r.rule)?.as_ref()
    }

    /// Every rule that lets the internet in, those opening the most sensitive port first
    /// (in [`SENSITIVE`]'s order), then the rest, each in list order.
    pub fn open_rules(&self) -> Vec<RuleRef> {
        // One bucket per rank, filled in list order: ordered without a sort.
        let mut ranked: Vec<Vec<RuleRef>> = vec![Vec::new(); SENSITIVE.len() + 1];
        for (g, group) in self.groups.iter().enumerate() {
            for (i, rule) in group.rules.iter().enumerate() {
                let Some(rule) = rule else { continue };
                if rule.open_to_internet() {
                    let rank = SENSITIVE.iter().position(|&(p, _)| rule.covers_port(p)).unwrap_or(SENSITIVE.len());
                    ranked[rank].push(RuleRef { group: g, rule: i });
                }
            }
        }
        ranked.concat()
    }

    /// For each group, the targets it is bound to.
    pub fn targets_of_groups(&self) -> Vec<Vec<usize>> {
        let mut of = vec![Vec::new(); self.groups.len()];
        for (t, target) in self.targets.iter().enumerate() {
            for &g in &target.groups {
                if let Some(list) = of.get_mut(g) {
                    list.push(t);
                }
            }
        }
        of
    }

    /// Per sensitive port: how many of `open` open it and how many targets they reach.
    /// Ports nothing opens are left out.
    pub fn by_sensitive_port(&self, open: &[RuleRef]) -> Vec<PortExposure> {
        let targets_of = self.targets_of_groups();
        SENSITIVE
            .iter()
            .filter_map(|&(port, service)| {
                let opening: Vec<RuleRef> = open.iter().copied().filter(|&r| self.rule(r).is_some_and(|x| x.covers_port(port))).collect();
                if opening.is_empty() {
                    return None;
                }
                let mut reached = vec![false; self.targets.len()];
                for r in &opening {
                    for &t in &targets_of[r.group] {
                        reached[t] = true;
                    }
                }
                let targets = reached.iter().filter(|&&b| b).count();
                Some(PortExposure { port, service, rules: opening.len(), targets })
            })
            .collect()
    }

    /// Whether `target` accepts `c` on its groups' rules pooled, and the rule that
    /// decides. The same verdict as [`super::evaluate`] over the pooled rules (tested),
    /// without building the pool; a rule that matches only `Unknown` is passed over.
    pub fn decide(&self, target: usize, c: &Connection) -> (bool, Option<RuleRef>) {
        let Some(t) = self.targets.get(target) else { return (false, None) };
        let semantics = t.groups.first().and_then(|&g| self.groups.get(g)).map_or(Semantics::AnyAllow, |g| g.semantics);
        // The best match so far: (priority, deny before allow) under Priority.
        let mut best: Option<((u32, bool), RuleRef, Action)> = None;
        for &g in &t.groups {
            let Some(group) = self.groups.get(g) else { continue };
            for (i, rule) in group.rules.iter().enumerate() {
                let Some(rule) = rule else { continue };
                if matches(rule, c) != Match::Yes {
                    continue;
                }
                let here = RuleRef { group: g, rule: i };
                match semantics {
                    Semantics::AnyAllow if rule.action == Action::Allow => return (true, Some(here)),
                    Semantics::AnyAllow => {}
                    Semantics::Priority => {
                        let key = (rule.priority, rule.action == Action::Allow);
                        if best.as_ref().is_none_or(|(k, _, _)| key < *k) {
                            best = Some((key, here, rule.action));
                        }
                    }
                }
            }
        }
        match best {
            Some((_, r, action)) => (action == Action::Allow, Some(r)),
            None => (false, None),
        }
    }

    /// Every target that accepts `c`, with the rule that lets it in.
    pub fn who_accepts(&self, c: &Connection) -> Vec<(usize, RuleRef)> {
        (0..self.targets.len())
            .filter_map(|t| match self.decide(t, c) {
                (true, Some(r)) => Some((t, r)),
                _ => None,
            })
            .collect()
    }
}
