//! The runner every change takes: a plan's calls sent one by one (or a batch of adds at
//! once), the group read again before each, and nothing more sent once someone else has
//! changed it.

use palisade_core::codes;
use palisade_core::plan::{self, same_rules, Call, PlanRule};

use super::DraftKind;
use crate::api::{Api, ApiError};

/// Where an apply or a rollback stopped.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Stop {
    /// Call `at` (0-based) failed.
    Failed { at: usize, error: ApiError },
    /// The group was not as the plan expected before call `at`: someone else changed it.
    ChangedMeanwhile { at: usize },
}

/// Where a run of calls ended.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Run {
    Applied,
    RolledBack,
    Stopped(Stop),
}

/// Runs `calls` in order from `expected` (the rules before the first). Before each call the
/// group is read again: if its rules are not what the plan expects, someone else changed
/// it, and nothing more is sent — unless a resumed run finds what its first call leaves
/// (that call went through, its answer lost: it is not sent twice). Each call carries the version
/// just read, and names the cloud's ids of rules this run created (`plan::resolve_ids`).
pub(super) async fn run<K: DraftKind>(
    api: Api,
    group: String,
    calls: Vec<Call<K::R>>,
    mut expected: Vec<K::R>,
    // The first call was sent before without a verdict (a Continue): the group may hold
    // what it leaves.
    resumed: bool,
    // A `dyn`: one copy of this (large) future per kind, not one per caller's closure.
    progress: &dyn Fn(usize),
) -> Option<Stop> {
    for batch in plan::batches(&calls, K::BATCH) {
        let at = batch.start;
        let (live, version) = match K::live(api, group.clone()).await {
            Ok(l) => l,
            Err(error) => return Some(Stop::Failed { at, error }),
        };
        // The rules each call names, as the expected rules know them (an undo of a rule
        // this run created names it by content only), and the group after the batch.
        let mut after = expected.clone();
        for (k, call) in calls[batch.clone()].iter().enumerate() {
            let known = plan::resolve_ids(call, &after);
            plan::apply(&mut after, &known, || format!("applied-{}", at + k));
        }
        if !same_rules(&live, &expected) {
            if !(resumed && at == 0 && same_rules(&live, &after)) {
                return Some(Stop::ChangedMeanwhile { at });
            }
        } else {
            let sent = match &calls[batch.clone()] {
                [call] => K::send(api, group.clone(), plan::resolve_ids(call, &live), live, version).await,
                adds => {
                    let rules = adds.iter().filter_map(|c| if let Call::Add(r) = c { Some(r.clone()) } else { None }).collect();
                    K::send_adds(api, group.clone(), rules, live, version).await
                }
            };
            match sent {
                // The group moved on between the read and the call: the cloud refused the
                // version (Baidu), which is someone else's change, as above.
                Err(e) if e.code() == Some(codes::VERSION_MISMATCH.code) => return Some(Stop::ChangedMeanwhile { at }),
                Err(error) => return Some(Stop::Failed { at, error }),
                Ok(()) => {}
            }
        }
        expected = after;
        progress(batch.end);
    }
    None
}

/// One change to a group made through its plan, as every single-rule form makes it: the
/// plan from `base` (the rules the form was computed from) to `target`, sent by the same
/// runner as a draft's Apply. Nothing is sent once the group holds other rules than the
/// plan expects (`ApiError::ChangedMeanwhile`). `progress` hears how many calls are done.
pub async fn apply_change<K: DraftKind>(
    api: Api,
    group: String,
    base: Vec<K::R>,
    target: Vec<K::R>,
    progress: Box<dyn Fn(usize)>,
) -> Result<(), ApiError> {
    let calls = plan::plan(&base, &target, K::CAPS).calls;
    apply_calls::<K>(api, group, base, calls, progress).await
}

/// A plan's `calls` from `base`, sent as `apply_change` sends them (for a form that needs
/// the calls too, to know which went through).
pub async fn apply_calls<K: DraftKind>(
    api: Api,
    group: String,
    base: Vec<K::R>,
    calls: Vec<Call<K::R>>,
    progress: Box<dyn Fn(usize)>,
) -> Result<(), ApiError> {
    match run::<K>(api, group, calls, base, false, &*progress).await {
        None => Ok(()),
        Some(Stop::Failed { error, .. }) => Err(error),
        Some(Stop::ChangedMeanwhile { .. }) => Err(ApiError::ChangedMeanwhile),
    }
}

/// `rules` without `rule`: what deleting it leaves. By id; a rule listed without one
/// (older Baidu groups) by its identity, and only the one.
pub fn without<R: PlanRule>(rules: &[R], rule: &R) -> Vec<R> {
    let mut left = rules.to_vec();
    if let Some(at) = plan::position(rules, rule) {
        left.remove(at);
    }
    left
}

#[cfg(test)]
mod tests {
    //! The runner against a fake kind whose "cloud" is a list in memory: what it sends,
    //! where it stops, and what it never sends twice.

    use std::cell::RefCell;
    use std::future::Future;
    use std::pin::pin;
    use std::task::{Context, Poll, Waker};

    use leptos::prelude::*;
    use palisade_core::bce::security_group::SecurityGroupRule;
    use palisade_core::plan::{Call, Caps, PlanRule};
    use palisade_core::reach::Semantics;
    use palisade_core::validate::Problem;

    use super::{run, Stop};
    use crate::api::credentials::CredentialProvider;
    use crate::api::{Api, ApiError};
    use crate::draft::{DraftKind, RuleEdit};
    use crate::i18n::{I18n, Lang, Msg};
    use crate::settings::{Settings, Theme};

    /// The fake cloud: the group's rules, the calls it was sent, and what it does next.
    #[derive(Default)]
    struct Cloud {
        rules: Vec<SecurityGroupRule>,
        sent: Vec<String>,
        next_id: usize,
        /// Fail the call with this number (0-based count of calls sent).
        fail_at: Option<(usize, ApiError)>,
        /// Before reading the group the n-th time, someone else adds a rule.
        meddle_at_read: Option<usize>,
        reads: usize,
    }

    thread_local!(static CLOUD: RefCell<Cloud> = RefCell::new(Cloud::default()));

    struct Fake;

    impl DraftKind for Fake {
        type R = SecurityGroupRule;
        const CLOUD: &'static str = "fake";
        const CAPS: Caps = Caps { semantics: Semantics::AnyAllow, update_in_place: true, quota_per_direction: None };
        const COLUMNS: &'static [Msg] = &[];

        async fn live(_: Api, _: String) -> Result<(Vec<SecurityGroupRule>, Option<i64>), ApiError> {
            CLOUD.with_borrow_mut(|c| {
                if c.meddle_at_read == Some(c.reads) {
                    c.rules.push(rule(Some("someone-else"), "9999"));
                }
                c.reads += 1;
                Ok((c.rules.clone(), None))
            })
        }

        async fn send(_: Api, _: String, call: Call<SecurityGroupRule>, _: Vec<SecurityGroupRule>, _: Option<i64>) -> Result<(), ApiError> {
            CLOUD.with_borrow_mut(|c| {
                if let Some((n, e)) = c.fail_at.clone() {
                    if n == c.sent.len() {
                        c.sent.push(format!("failed {}", line(&call)));
                        return Err(e);
                    }
                }
                c.sent.push(line(&call));
                c.next_id += 1;
                let id = format!("new-{}", c.next_id);
                palisade_core::plan::apply(&mut c.rules, &call, || id);
                Ok(())
            })
        }

        fn problems(_: &SecurityGroupRule) -> Vec<Problem> {
            Vec::new()
        }
        fn summary(r: &SecurityGroupRule) -> String {
            r.port_range.clone().unwrap_or_default()
        }
        fn fields(_: &SecurityGroupRule) -> Vec<(&'static str, String)> {
            Vec::new()
        }
        fn call_line(c: &Call<SecurityGroupRule>) -> (&'static str, String) {
            ("call", line(c))
        }
        fn blank() -> SecurityGroupRule {
            SecurityGroupRule::default()
        }
        fn cells(_: I18n, _: &SecurityGroupRule, _: RuleEdit<SecurityGroupRule>) -> AnyView {
            ().into_any()
        }
    }

    fn line(c: &Call<SecurityGroupRule>) -> String {
        let port = |r: &SecurityGroupRule| r.port_range.clone().unwrap_or_default();
        match c {
            Call::Add(r) => format!("add {}", port(r)),
            Call::Remove(r) => format!("remove {} ({})", port(r), r.id().unwrap_or("?")),
            Call::Update { from, to } => format!("update {} → {}", port(from), port(to)),
        }
    }

    fn rule(id: Option<&str>, port: &str) -> SecurityGroupRule {
        SecurityGroupRule {
            security_group_rule_id: id.map(str::to_owned),
            direction: Some("ingress".into()),
            ethertype: Some("IPv4".into()),
            protocol: Some("tcp".into()),
            port_range: Some(port.into()),
            source_ip: Some("10.0.0.0/8".into()),
            ..Default::default()
        }
    }

    /// Runs a future that never waits (the fake answers at once).
    fn now<F: Future>(f: F) -> F::Output {
        let mut f = pin!(f);
        match f.as_mut().poll(&mut Context::from_waker(Waker::noop())) {
            Poll::Ready(v) => v,
            Poll::Pending => panic!("the fake cloud never waits"),
        }
    }

    fn api() -> Api {
        Api {
            base: StoredValue::new("/api".into()),
            settings: Settings::new(Lang::En, Theme::System, "bj", "cn-north-4"),
            provider: CredentialProvider::none(),
            tokens: StoredValue::new(Default::default()),
            journal_refused: StoredValue::new(None),
        }
    }

    /// Sets the cloud's group to `rules`, runs the plan from it to `draft`, and returns
    /// where the run stopped and the calls the cloud was sent.
    fn apply(rules: Vec<SecurityGroupRule>, draft: &[SecurityGroupRule], set: impl FnOnce(&mut Cloud)) -> (Option<Stop>, Vec<String>) {
        let owner = Owner::new();
        owner.set();
        CLOUD.with_borrow_mut(|c| {
            *c = Cloud { rules: rules.clone(), ..Default::default() };
            set(c);
        });
        let calls = palisade_core::plan::plan(&rules, draft, Fake::CAPS).calls;
        let stop = now(run::<Fake>(api(), "g-1".into(), calls, rules, false, &|_| ()));
        (stop, CLOUD.with_borrow(|c| c.sent.clone()))
    }

    #[test]
    fn deleting_a_rule_leaves_the_others_with_or_without_ids() {
        let ports = |rs: Vec<SecurityGroupRule>| rs.into_iter().map(|r| r.port_range.unwrap()).collect::<Vec<_>>();
        let listed = vec![rule(None, "22"), rule(None, "80"), rule(Some("r-3"), "443")];
        assert_eq!(ports(super::without(&listed, &listed[1])), ["22", "443"], "an id-less rule by what it is");
        assert_eq!(ports(super::without(&listed, &listed[2])), ["22", "80"], "by id");
        let (stop, sent) = apply(listed.clone(), &super::without(&listed, &listed[0]), |_| {});
        assert_eq!(stop, None);
        assert_eq!(sent, ["remove 22 (?)"], "one call, for that rule only");
    }

    #[test]
    fn a_plan_is_sent_in_order_and_leaves_the_draft() {
        let base = vec![rule(Some("r-1"), "22"), rule(Some("r-2"), "80")];
        let draft = vec![rule(Some("r-2"), "80"), rule(None, "443"), rule(None, "8443")];
        let (stop, sent) = apply(base, &draft, |_| {});
        assert_eq!(stop, None);
        assert_eq!(sent, ["add 443", "add 8443", "remove 22 (r-1)"], "made before broken");
        let held: Vec<String> = CLOUD.with_borrow(|c| c.rules.iter().map(|r| r.port_range.clone().unwrap()).collect());
        assert_eq!(held, ["80", "443", "8443"]);
    }

    #[test]
    fn someone_elses_change_stops_the_run_before_the_next_call() {
        let base = vec![rule(Some("r-1"), "22")];
        let draft = vec![rule(None, "443"), rule(None, "8443")];
        // Read 0 before call 0 is as planned; before call 1 someone adds a rule.
        let (stop, sent) = apply(base, &draft, |c| c.meddle_at_read = Some(1));
        assert_eq!(stop, Some(Stop::ChangedMeanwhile { at: 1 }));
        assert_eq!(sent, ["add 443"], "nothing after the change was sent");
    }

    #[test]
    fn a_failed_call_stops_the_run_there() {
        let base = vec![rule(Some("r-1"), "22")];
        let draft = vec![rule(None, "443"), rule(None, "8443")];
        let refused = ApiError::Network("down".into());
        let (stop, sent) = apply(base, &draft, |c| c.fail_at = Some((1, refused.clone())));
        assert_eq!(stop, Some(Stop::Failed { at: 1, error: refused }));
        assert_eq!(sent, ["add 443", "failed add 8443"], "the remove was not sent");
    }

    #[test]
    fn a_version_mismatch_is_someone_elses_change() {
        let base = vec![rule(Some("r-1"), "22")];
        let mismatch = ApiError::Cloud {
            status: 409,
            code: palisade_core::codes::VERSION_MISMATCH.code.into(),
            message: String::new(),
            request_id: String::new(),
            operation: None,
            server_time: None,
        };
        let (stop, _) = apply(base, &[rule(None, "443")], |c| c.fail_at = Some((0, mismatch)));
        assert_eq!(stop, Some(Stop::ChangedMeanwhile { at: 0 }));
    }

    #[test]
    fn a_resumed_run_does_not_send_again_a_call_that_went_through() {
        let owner = Owner::new();
        owner.set();
        let base = vec![rule(Some("r-1"), "22")];
        let calls = vec![Call::Add(rule(None, "443")), Call::Remove(rule(Some("r-1"), "22"))];
        // The add went through, its answer lost: the cloud holds what it leaves.
        CLOUD.with_borrow_mut(|c| *c = Cloud { rules: vec![rule(Some("r-1"), "22"), rule(Some("r-9"), "443")], ..Default::default() });
        let stop = now(run::<Fake>(api(), "g-1".into(), calls.clone(), base.clone(), true, &|_| ()));
        assert_eq!(stop, None);
        assert_eq!(CLOUD.with_borrow(|c| c.sent.clone()), ["remove 22 (r-1)"]);
        // Not resumed, the same group is someone else's change.
        CLOUD.with_borrow_mut(|c| *c = Cloud { rules: vec![rule(Some("r-1"), "22"), rule(Some("r-9"), "443")], ..Default::default() });
        assert_eq!(now(run::<Fake>(api(), "g-1".into(), calls, base, false, &|_| ())), Some(Stop::ChangedMeanwhile { at: 0 }));
    }
}
