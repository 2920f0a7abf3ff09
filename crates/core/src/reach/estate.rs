//! Questions over a whole estate — every group and what each is bound to — for the
//! exposure view: what is open to the internet, and who accepts a given connection.

use std::collections::HashMap;

use super::exposure::SENSITIVE;
use super::rule::{Action, Rule};
use super::standing::{standing, Scope, Standing};
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
    /// (in [`SENSITIVE`]'s order), then the rest, each in list order. A rule that never
    /// applies to an internet connection (a deny read first decides them all) is not one.
    pub fn open_rules(&self) -> Vec<RuleRef> {
        // One bucket per rank, filled in list order: ordered without a sort.
        let mut ranked: Vec<Vec<RuleRef>> = vec![Vec::new(); SENSITIVE.len() + 1];
        for (g, group) in self.groups.iter().enumerate() {
            let mut pool = None;
            for (i, rule) in group.rules.iter().enumerate() {
                let Some(rule) = rule else { continue };
                if !rule.open_to_internet() {
                    continue;
                }
                let (rules, at) = pool.get_or_insert_with(|| self.group_pool(g));
                if standing(rules, group.semantics, at[i], Scope::INTERNET) != Standing::Applies {
                    continue;
                }
                let rank = SENSITIVE.iter().position(|&(p, _)| rule.covers_port(p)).unwrap_or(SENSITIVE.len());
                ranked[rank].push(RuleRef { group: g, rule: i });
            }
        }
        ranked.concat()
    }

    /// A group's readable rules, and for each of its rules its index among them.
    fn group_pool(&self, g: usize) -> (Vec<Rule>, Vec<usize>) {
        let group = &self.groups[g];
        let mut at = Vec::with_capacity(group.rules.len());
        let mut rules = Vec::new();
        for r in &group.rules {
            at.push(rules.len());
            if let Some(r) = r {
                rules.push(r.clone());
            }
        }
        (rules, at)
    }

    /// A target's groups' rules pooled, where each came from, and how its cloud reads
    /// them (its first group's semantics).
    pub fn pool(&self, target: usize) -> (Vec<Rule>, Vec<RuleRef>, Semantics) {
        let Some(t) = self.targets.get(target) else { return (Vec::new(), Vec::new(), Semantics::AnyAllow) };
        let semantics = t.groups.first().and_then(|&g| self.groups.get(g)).map_or(Semantics::AnyAllow, |g| g.semantics);
        let (mut rules, mut from) = (Vec::new(), Vec::new());
        for &g in &t.groups {
            let Some(group) = self.groups.get(g) else { continue };
            for (i, r) in group.rules.iter().enumerate() {
                if let Some(r) = r {
                    rules.push(r.clone());
                    from.push(RuleRef { group: g, rule: i });
                }
            }
        }
        (rules, from, semantics)
    }

    /// For each of `open`, the targets it lets the internet reach: those of its group on
    /// whose pooled rules it still applies to some internet connection (another group's
    /// deny read first may take them all). Targets with the same groups are judged once.
    pub fn reached_by(&self, open: &[RuleRef]) -> Vec<Vec<usize>> {
        let targets_of = self.targets_of_groups();
        let mut memo: HashMap<(&[usize], RuleRef), bool> = HashMap::new();
        open.iter()
            .map(|&r| {
                let Some(of) = targets_of.get(r.group) else { return Vec::new() };
                // Allow-only: nothing another group holds takes a connection away.
                if self.groups[r.group].semantics == Semantics::AnyAllow {
                    return of.clone();
                }
                of.iter()
                    .copied()
                    .filter(|&t| {
                        *memo.entry((&self.targets[t].groups, r)).or_insert_with(|| {
                            let (rules, from, semantics) = self.pool(t);
                            from.iter()
                                .position(|&x| x == r)
                                .is_some_and(|k| standing(&rules, semantics, k, Scope::INTERNET) == Standing::Applies)
                        })
                    })
                    .collect()
            })
            .collect()
    }

    /// Per sensitive port, whether `target` accepts it from some internet address: some
    /// allow open to the internet on that port still applies in its pool.
    fn open_ports(&self, target: usize) -> Vec<bool> {
        let t = &self.targets[target];
        if t.groups.first().and_then(|&g| self.groups.get(g)).is_none_or(|g| g.semantics == Semantics::AnyAllow) {
            // Allow-only: a port is open when a rule open to the internet covers it.
            let open: Vec<&Rule> = t
                .groups
                .iter()
                .filter_map(|&g| self.groups.get(g))
                .flat_map(|g| g.rules.iter().flatten())
                .filter(|x| x.open_to_internet())
                .collect();
            return SENSITIVE.iter().map(|&(port, _)| open.iter().any(|x| x.covers_port(port))).collect();
        }
        let (rules, _, semantics) = self.pool(target);
        SENSITIVE
            .iter()
            .map(|&(port, _)| {
                let scope = Scope { internet: true, port: Some(port) };
                rules
                    .iter()
                    .enumerate()
                    .any(|(k, x)| x.open_to_internet() && x.covers_port(port) && standing(&rules, semantics, k, scope) == Standing::Applies)
            })
            .collect()
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

    /// Per sensitive port: how many of `open` open it (applying to an internet connection
    /// on that port in their group) and how many targets accept it from the internet,
    /// judged on each target's pooled rules. Ports nothing opens are left out.
    pub fn by_sensitive_port(&self, open: &[RuleRef]) -> Vec<PortExposure> {
        let mut memo: HashMap<&[usize], Vec<bool>> = HashMap::new();
        let reached: Vec<Vec<bool>> =
            (0..self.targets.len()).map(|t| memo.entry(&self.targets[t].groups).or_insert_with(|| self.open_ports(t)).clone()).collect();
        let mut pools: HashMap<usize, (Vec<Rule>, Vec<usize>)> = HashMap::new();
        SENSITIVE
            .iter()
            .enumerate()
            .filter_map(|(k, &(port, service))| {
                let scope = Scope { internet: true, port: Some(port) };
                let rules = open
                    .iter()
                    .filter(|&&r| {
                        self.rule(r).is_some_and(|x| x.covers_port(port)) && {
                            let (rules, at) = pools.entry(r.group).or_insert_with(|| self.group_pool(r.group));
                            standing(rules, self.groups[r.group].semantics, at[r.rule], scope) == Standing::Applies
                        }
                    })
                    .count();
                if rules == 0 {
                    return None;
                }
                let targets = reached.iter().filter(|t| t[k]).count();
                Some(PortExposure { port, service, rules, targets })
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
