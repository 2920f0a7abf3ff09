//! Change plans (#17): the difference between a group's live rules and a draft, the
//! calls that take one to the other, ordered so that nothing both allow is ever refused
//! on the way ("make before break"), the calls that undo an applied prefix, and the
//! warnings to read before anything is sent. Pure and I/O-free: the console computes and
//! shows plans with it; the property tests prove the order.
//!
//! The order, for priority semantics (Baidu enterprise, Huawei; Baidu regular groups hold
//! allows only and need just the first and last steps):
//!
//! 1. in-place updates that keep the rule's identity (what it matches does not change);
//! 2. new allows — adding an allow never refuses anything;
//! 3. removed denies — removing a rule other than the deciding one changes nothing, and a
//!    connection both sides allow is decided by an allow;
//! 4. new denies — each is outranked, for a connection the draft allows, by an allow of
//!    the draft, and every allow of the draft is in place after step 2;
//! 5. removed allows — what is left is the draft plus allows, which refuse nothing.
//!
//! A plan whose only change is one rule edited is one edit-in-place call where the cloud
//! has one that can say the edit (`PlanRule::updatable`): the group goes from the base to
//! the draft at once. This is what the console's single-rule edit sends.
//!
//! A rule whose change keeps its identity on a cloud that cannot edit a rule (Huawei) must
//! be deleted before it is created again (the cloud refuses a duplicate). The pair goes
//! where its action's rules go (an allow after the new allows, a deny among the denies);
//! a recreated allow is the one gap a plan can hold, for what only it lets in, and it is
//! flagged (`Warning::Recreated`).

mod rules;
pub mod translate;
mod warnings;

use std::collections::{HashMap, HashSet};
use std::hash::Hash;

pub use warnings::{covers, warnings, Warning};

use serde::{Deserialize, Serialize};

use crate::reach::{Action, Rule, Semantics};
use crate::Direction;

/// A rule a plan can move: any cloud's wire rule.
pub trait PlanRule: Clone + PartialEq {
    /// What the cloud compares to refuse a duplicate (`validate::*::rule_identity`).
    type Identity: Eq + Hash + Clone;
    /// The live rule's id; `None` for a rule the draft adds.
    fn id(&self) -> Option<&str>;
    fn with_id(&self, id: Option<String>) -> Self;
    fn identity(&self) -> Self::Identity;
    /// The rule in the evaluator's terms; `None` for one it cannot read.
    fn reach(&self) -> Option<Rule>;
    /// The rule as written, without what the cloud sets (id, group, times): two rules
    /// with equal content are the same rule.
    fn content(&self) -> Self;
    /// The rule's remark (Baidu) or description (Huawei), as a policy asks for one.
    fn remark(&self) -> Option<&str>;
    /// Whether the cloud's edit-in-place call can turn `from` into exactly `to` (it
    /// cannot change every field, nor clear every one).
    fn updatable(_from: &Self, _to: &Self) -> bool {
        false
    }
}

/// How a cloud's groups behave, for planning.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Caps {
    pub semantics: Semantics,
    /// The cloud edits a rule in place (Baidu enterprise `PUT …/rule/{id}`).
    pub update_in_place: bool,
    /// Rules per direction (Baidu regular groups: 50).
    pub quota_per_direction: Option<usize>,
}

/// One line of the difference between the live rules and the draft.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Change<R> {
    Added(R),
    Removed(R),
    Changed { from: R, to: R },
}

/// One API call of a plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Call<R> {
    /// Create the rule (the cloud gives it an id).
    Add(R),
    /// Delete the rule by its id.
    Remove(R),
    /// Edit the rule `from` (by its id) into `to`.
    Update { from: R, to: R },
}

#[derive(Debug, Clone, PartialEq)]
pub struct Plan<R> {
    pub diff: Vec<Change<R>>,
    pub calls: Vec<Call<R>>,
}

impl<R> Plan<R> {
    pub fn is_empty(&self) -> bool {
        self.calls.is_empty()
    }
}

/// What `PlanFile::format` says: the version of this file's shape.
pub const PLAN_FORMAT: &str = "palisade-plan/1";

/// A plan as a file, for a change ticket or a colleague's review: which group, the rules
/// it was made from and the draft (what applying it needs), and for the reader the diff
/// and the calls. Applying it is refused unless the group still holds `base` (`same_rules`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PlanFile<R> {
    pub format: String,
    /// The cloud's name in mount options (`bce`, `huawei`).
    pub cloud: String,
    pub group_id: String,
    pub base: Vec<R>,
    pub draft: Vec<R>,
    pub diff: Vec<Change<R>>,
    pub calls: Vec<Call<R>>,
    /// [`digest`] of `calls`: what an approval names. A file whose calls are not the ones
    /// its draft makes, or do not match this, is refused when opened.
    #[serde(default)]
    pub digest: String,
}

/// A short fingerprint of a plan's calls (the first 16 hex digits of the SHA-256 of their
/// JSON): shown in the review and written into an exported plan, so an approval can name
/// exactly the calls it approved, and a file edited after review is told apart.
pub fn digest<R: Serialize>(calls: &[Call<R>]) -> String {
    let json = serde_json::to_vec(calls).unwrap_or_default();
    let mut hex = crate::sign::sha256_hex(&json);
    hex.truncate(16);
    hex
}

/// Why a plan file cannot be opened on a group.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlanFileRefusal {
    /// Another format, cloud or group.
    OtherGroup,
    /// The group no longer holds the rules the plan was made from.
    Stale,
    /// The calls it carries are not the ones its draft makes, or not the ones its digest
    /// names: it was edited after review.
    Altered,
}

impl<R: PlanRule + Serialize> PlanFile<R> {
    /// Checks a plan file before its draft is loaded: the same format, cloud and group;
    /// the group still holding `base` (`live`); and the calls it carries being exactly
    /// those its draft makes from its base, under its own digest.
    pub fn check(&self, cloud: &str, group_id: &str, live: &[R], caps: Caps) -> Result<(), PlanFileRefusal> {
        if self.format != PLAN_FORMAT || self.cloud != cloud || self.group_id != group_id {
            return Err(PlanFileRefusal::OtherGroup);
        }
        if plan(&self.base, &self.draft, caps).calls != self.calls || digest(&self.calls) != self.digest {
            return Err(PlanFileRefusal::Altered);
        }
        if !same_rules(live, &self.base) {
            return Err(PlanFileRefusal::Stale);
        }
        Ok(())
    }
}

/// Whether two rule lists hold the same rules as the cloud compares them (order and ids
/// aside): each rule of `a` matched to its own rule of `b`, without sorting (a sort per
/// rule type is kilobytes of wasm, and a group holds a hundred rules at most).
pub fn same_rules<R: PlanRule>(a: &[R], b: &[R]) -> bool {
    let mut left: Vec<R::Identity> = b.iter().map(R::identity).collect();
    a.len() == b.len()
        && a.iter().all(|r| {
            let id = r.identity();
            left.iter().position(|x| *x == id).map(|i| left.swap_remove(i)).is_some()
        })
}

fn is_allow<R: PlanRule>(r: &R) -> bool {
    r.reach().is_none_or(|x| x.action == Action::Allow)
}

/// The difference between `base` (live) and `draft`: a draft rule with a live rule's id
/// is that rule, edited; one without an id is new; a live rule the draft lacks is removed.
pub fn diff<R: PlanRule>(base: &[R], draft: &[R]) -> Vec<Change<R>> {
    let mut changes = Vec::new();
    let live: HashMap<&str, &R> = base.iter().filter_map(|r| r.id().map(|id| (id, r))).collect();
    let kept: HashSet<&str> = draft.iter().filter_map(|r| r.id()).filter(|id| live.contains_key(id)).collect();
    // Rules listed without an id (some older Baidu groups) are paired by content: one the
    // draft still holds as it was is kept, not removed and added again.
    let mut unnamed_kept = vec![false; base.len()];
    let mut unnamed_same = vec![false; draft.len()];
    for (j, d) in draft.iter().enumerate().filter(|(_, d)| d.id().is_none()) {
        let content = d.content();
        if let Some(i) = (0..base.len()).find(|&i| !unnamed_kept[i] && base[i].id().is_none() && base[i].content() == content) {
            unnamed_kept[i] = true;
            unnamed_same[j] = true;
        }
    }
    for (i, r) in base.iter().enumerate() {
        if !unnamed_kept[i] && r.id().is_none_or(|id| !kept.contains(id)) {
            changes.push(Change::Removed(r.clone()));
        }
    }
    for (j, d) in draft.iter().enumerate() {
        match d.id().and_then(|id| live.get(id)) {
            Some(b) if b.content() != d.content() => changes.push(Change::Changed { from: (*b).clone(), to: d.clone() }),
            Some(_) => {}
            None if unnamed_same[j] => {}
            None => changes.push(Change::Added(d.with_id(None))),
        }
    }
    changes
}

/// Where `rule` is in `rules`: by id, or for a rule listed without one, the first other
/// such rule of the same identity (a call names that rule by its fields).
pub fn position<R: PlanRule>(rules: &[R], rule: &R) -> Option<usize> {
    match rule.id() {
        Some(id) => rules.iter().position(|x| x.id() == Some(id)),
        None => {
            let identity = rule.identity();
            rules.iter().position(|x| x.id().is_none() && x.identity() == identity)
        }
    }
}

fn remove<R: PlanRule>(rules: &mut Vec<R>, rule: &R) {
    if let Some(at) = position(rules, rule) {
        rules.remove(at);
    }
}

/// The plan from `base` to `draft`: the difference, and the calls in make-before-break
/// order (see the module's documentation).
pub fn plan<R: PlanRule>(base: &[R], draft: &[R], caps: Caps) -> Plan<R> {
    let diff = diff(base, draft);
    // One rule edited, and nothing else: one edit-in-place call, when the cloud can make
    // it. The group is the base before it and the draft after, so nothing both allow is
    // refused at any moment, whatever the edit changes.
    if let [Change::Changed { from, to }] = diff.as_slice() {
        if caps.update_in_place && R::updatable(from, to) {
            let calls = vec![Call::Update { from: from.clone(), to: to.clone() }];
            return Plan { diff, calls };
        }
    }
    let (mut updates, mut add_allow, mut remove_deny, mut add_deny, mut remove_allow) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new());
    // Deleted and created again, each in its action's place: an allow after the new
    // allows, a deny where denies are removed and added (a deny created back before the
    // new allows could refuse what they let in).
    let (mut recreate_allow, mut recreate_deny) = (Vec::new(), Vec::new());
    let add =
        |r: &R, allow: &mut Vec<Call<R>>, deny: &mut Vec<Call<R>>| if is_allow(r) { allow } else { deny }.push(Call::Add(r.with_id(None)));
    for c in &diff {
        match c {
            Change::Added(r) => add(r, &mut add_allow, &mut add_deny),
            Change::Removed(r) => if is_allow(r) { &mut remove_allow } else { &mut remove_deny }.push(Call::Remove(r.clone())),
            Change::Changed { from, to } if from.identity() == to.identity() => {
                if caps.update_in_place && R::updatable(from, to) {
                    updates.push(Call::Update { from: from.clone(), to: to.clone() });
                } else {
                    // The cloud would refuse the new one as a duplicate of the old.
                    let recreate = if is_allow(to) { &mut recreate_allow } else { &mut recreate_deny };
                    recreate.push(Call::Remove(from.clone()));
                    recreate.push(Call::Add(to.with_id(None)));
                }
            }
            Change::Changed { from, to } => {
                add(to, &mut add_allow, &mut add_deny);
                if is_allow(from) { &mut remove_allow } else { &mut remove_deny }.push(Call::Remove(from.clone()));
            }
        }
    }
    let calls = [updates, add_allow, recreate_allow, remove_deny, recreate_deny, add_deny, remove_allow].into_iter().flatten().collect();
    Plan { diff, calls }
}

/// The draft's edits (from `old` to `draft`) made again on `live`, the group as it is now:
/// what a re-plan starts from when the group changed meanwhile (someone else's rules are
/// kept, not planned away). An edit whose result `live` already holds (same identity: a
/// call of this plan that went through) is not made twice.
pub fn rebase<R: PlanRule>(old: &[R], draft: &[R], live: &[R]) -> Vec<R> {
    let mut out: Vec<R> = live.to_vec();
    // Rules the plan started without (its own adds that went through, or someone
    // else's): only these can show that an edit was already made.
    let known: HashSet<&str> = old.iter().filter_map(|r| r.id()).collect();
    let arrived: Vec<R::Identity> = live.iter().filter(|r| r.id().is_none_or(|id| !known.contains(id))).map(R::identity).collect();
    let holds = |r: &R| arrived.contains(&r.identity());
    for change in diff(old, draft) {
        match change {
            Change::Removed(r) => remove(&mut out, &r),
            Change::Added(r) => {
                if !holds(&r) {
                    out.push(r);
                }
            }
            Change::Changed { from, to } => {
                // The edit's new rule went in already: only the old one is left to go.
                if holds(&to) {
                    remove(&mut out, &from);
                } else if let Some(x) = position(&out, &from).map(|at| &mut out[at]) {
                    *x = to.with_id(from.id().map(str::to_owned));
                } else {
                    out.push(to.with_id(None));
                }
            }
        }
    }
    out
}

/// `state` after one call. `new_id` names what an `Add` created (the cloud's answer).
pub fn apply<R: PlanRule>(state: &mut Vec<R>, call: &Call<R>, new_id: impl FnOnce() -> String) {
    match call {
        Call::Add(r) => state.push(r.with_id(Some(new_id()))),
        Call::Remove(r) => remove(state, r),
        Call::Update { from, to } => {
            if let Some(x) = position(state, from).map(|at| &mut state[at]) {
                *x = to.with_id(from.id().map(str::to_owned));
            }
        }
    }
}

/// `call` with the cloud's ids of the rules it names, read from `live`: a rule this run
/// created is known by the id `apply` gave it, and the cloud's own is found by identity.
pub fn resolve_ids<R: PlanRule>(call: &Call<R>, live: &[R]) -> Call<R> {
    let real = |r: &R| -> R {
        if r.id().is_some_and(|id| live.iter().any(|x| x.id() == Some(id))) {
            return r.clone();
        }
        let identity = r.identity();
        match live.iter().find(|x| x.identity() == identity).and_then(|x| x.id()) {
            Some(id) => r.with_id(Some(id.to_owned())),
            None => r.clone(),
        }
    };
    match call {
        Call::Add(r) => Call::Add(r.clone()),
        Call::Remove(r) => Call::Remove(real(r)),
        Call::Update { from, to } => Call::Update { from: real(from), to: to.clone() },
    }
}

/// The call that undoes `call`, applied with `created` the id an `Add` got.
pub fn inverse<R: PlanRule>(call: &Call<R>, created: Option<&str>) -> Call<R> {
    match call {
        Call::Add(r) => Call::Remove(r.with_id(created.map(str::to_owned))),
        Call::Remove(r) => Call::Add(r.with_id(None)),
        Call::Update { from, to } => Call::Update { from: to.with_id(from.id().map(str::to_owned)), to: from.clone() },
    }
}

/// The calls as they are sent, where the cloud takes several new rules in one call (Baidu
/// enterprise `authorizeRule`: 20): runs of consecutive adds, at most `max_adds` each;
/// every other call alone. A run adds its rules at once, so its states are some of the
/// one-by-one states: no gap can open that the order does not already rule out.
pub fn batches<R>(calls: &[Call<R>], max_adds: usize) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < calls.len() {
        let mut j = i + 1;
        if matches!(calls[i], Call::Add(_)) {
            while j < calls.len() && j - i < max_adds && matches!(calls[j], Call::Add(_)) {
                j += 1;
            }
        }
        out.push(i..j);
        i = j;
    }
    out
}

/// The highest number of rules per direction the group holds while the calls run (adds
/// come first, so a plan near the quota may need room it does not have).
pub fn peak_per_direction<R: PlanRule>(base: &[R], calls: &[Call<R>]) -> [(Direction, usize); 2] {
    let dir = |r: &R| r.reach().map(|x| x.direction);
    Direction::ALL.map(|d| {
        let mut n = base.iter().filter(|r| dir(r) == Some(d)).count();
        let mut peak = n;
        for c in calls {
            match c {
                Call::Add(r) if dir(r) == Some(d) => n += 1,
                Call::Remove(r) if dir(r) == Some(d) => n -= 1,
                _ => {}
            }
            peak = peak.max(n);
        }
        (d, peak)
    })
}
