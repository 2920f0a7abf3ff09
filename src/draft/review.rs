//! The review as text: what changes, field by field; the calls in order, a batch of adds
//! as the one call it is; the warnings; the calls' digest.

use palisade_core::plan::{self, Call, Change as Edit, Warning};

use super::DraftKind;
use crate::i18n::{I18n, Msg};

/// A form's planned change to `group`'s rules, as every single-change form shows it
/// before sending: the review (calls, warnings) and who gains and loses what. `plan`
/// gives the rules before and after, or `None` while nothing is to be sent (the form
/// invalid or untouched, no rule picked); the estate change follows the review's calls.
pub fn previewed<K: DraftKind>(
    i18n: I18n,
    group: leptos::prelude::StoredValue<String>,
    plan: impl Fn() -> Option<(Vec<K::R>, Vec<K::R>)> + Copy + Send + Sync + 'static,
) -> (leptos::prelude::Memo<Review>, leptos::prelude::Signal<Option<crate::estate::impact::EstateChange>>) {
    use leptos::prelude::*;
    let review = Memo::new(move |_| plan().map(|(b, t)| preview::<K>(i18n, &b, &t)).unwrap_or_default());
    let change = Signal::derive(move || {
        if review.with(|r| r.calls.is_empty()) {
            return None;
        }
        plan().map(|(b, t)| crate::estate::impact::rules_change(&group.get_value(), &b, &t))
    });
    (review, change)
}

/// What a change from `base` to `target` would send and what to read first: the calls
/// and the warnings, as a draft's review shows them.
pub fn preview<K: DraftKind>(i18n: I18n, base: &[K::R], target: &[K::R]) -> Review {
    let p = plan::plan(base, target, K::CAPS);
    let w = plan::warnings(base, target, &p, K::CAPS);
    review_of::<K>(i18n, &p, &w, target)
}

/// The review as text: what changes, the calls in order, the warnings.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Review {
    pub diff: Vec<(&'static str, String)>,
    pub calls: Vec<(&'static str, String)>,
    pub warnings: Vec<(&'static str, String)>,
    /// Where each listed call ends in the plan's calls (a batch of adds is one call).
    pub ends: Vec<usize>,
    /// `plan::digest` of the calls: what an approval names.
    pub digest: String,
}

/// Each field a change touches, old → new (`portRange 80 → 8080`); an empty value is `—`.
fn changed_fields<K: DraftKind>(from: &K::R, to: &K::R) -> String {
    let shown = |v: &str| if v.is_empty() { "—".to_owned() } else { v.to_owned() };
    K::fields(from)
        .into_iter()
        .zip(K::fields(to))
        .filter(|((_, a), (_, b))| a != b)
        .map(|((name, a), (_, b))| format!("{name} {} → {}", shown(&a), shown(&b)))
        .collect::<Vec<_>>()
        .join(", ")
}

pub(super) fn review_of<K: DraftKind>(i18n: I18n, p: &plan::Plan<K::R>, ws: &[Warning], d: &[K::R]) -> Review {
    let diff = p
        .diff
        .iter()
        .map(|c| match c {
            Edit::Added(r) => ("added", format!("{} {}", i18n.t(Msg::ChangeAdded), K::summary(r))),
            Edit::Removed(r) => ("removed", format!("{} {}", i18n.t(Msg::ChangeRemoved), K::summary(r))),
            Edit::Changed { from, to } => {
                ("changed", format!("{} {}: {}", i18n.t(Msg::ChangeChanged), K::summary(from), changed_fields::<K>(from, to)))
            }
        })
        .collect();
    let line = |i: usize| d.get(i).map(K::summary).unwrap_or_default();
    let mut warnings: Vec<(&'static str, String)> = ws
        .iter()
        .map(|w| match w {
            Warning::OpensSensitive { rule, ports } => (
                "sensitive",
                format!(
                    "{} {} {}",
                    line(*rule),
                    i18n.t(Msg::WarnSensitive),
                    ports.iter().map(u16::to_string).collect::<Vec<_>>().join(", ")
                ),
            ),
            Warning::OpenToWorld { rule } => ("world", format!("{} {}", line(*rule), i18n.t(Msg::WarnWorld))),
            Warning::Shadowed { rule, dead, .. } => {
                ("shadowed", format!("{} {}", line(*rule), i18n.t(if *dead { Msg::WarnDead } else { Msg::WarnRedundant })))
            }
            Warning::Quota { direction, peak, max, .. } => {
                ("quota", format!("{} {peak} {} {max}", direction.as_str(), i18n.t(Msg::WarnQuota)))
            }
            Warning::Recreated { rule } => ("recreated", format!("{} {}", line(*rule), i18n.t(Msg::WarnRecreated))),
        })
        .collect();
    // What the policy `palisade serve` enforces would refuse, first: it keeps Apply off.
    if let Some(policy) = crate::infra::policy::current() {
        let breaches = policy.plan_breaches(d, p);
        let marked = breaches.into_iter().map(|(i, b)| ("policy", format!("{} {} {}", line(i), i18n.t(Msg::BreaksPolicy), b.reason())));
        warnings.splice(0..0, marked);
    }
    let batches = plan::batches(&p.calls, K::BATCH);
    let ends = batches.iter().map(|b| b.end).collect();
    let calls = batches
        .into_iter()
        .map(|b| match &p.calls[b] {
            [call] => K::call_line(call),
            adds => {
                let rules: Vec<K::R> = adds.iter().filter_map(|c| if let Call::Add(r) = c { Some(r.clone()) } else { None }).collect();
                K::adds_line(&rules)
            }
        })
        .collect();
    Review { diff, calls, warnings, ends, digest: plan::digest(&p.calls) }
}
