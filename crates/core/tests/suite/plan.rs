//! Change plans: documented cases, and properties over random bases and drafts for each
//! cloud's semantics — the calls take the base to the draft, no intermediate state
//! refuses what both allow (make before break), undoing any applied prefix restores the
//! base, and an unchanged draft plans nothing.

use std::net::{IpAddr, Ipv4Addr};

use palisade_core::bce::esg::{EsgRule, Priority};
use palisade_core::bce::security_group::SecurityGroupRule;
use palisade_core::huawei::rule::SecurityGroupRule as HuaweiRule;
use palisade_core::plan::{apply, batches, diff, inverse, plan, rebase, resolve_ids, warnings, Call, Caps, Change, PlanRule, Warning};
use palisade_core::reach::{evaluate, Connection, Protocol, Semantics};
use palisade_core::Direction;
use proptest::prelude::*;

const ESG: Caps = Caps { semantics: Semantics::Priority, update_in_place: true, quota_per_direction: None };
const HUAWEI: Caps = Caps { semantics: Semantics::Priority, update_in_place: false, quota_per_direction: None };
const REGULAR: Caps = Caps { semantics: Semantics::AnyAllow, update_in_place: true, quota_per_direction: Some(50) };

fn esg(id: Option<&str>, action: &str, priority: i64, ports: &str, source: &str, remark: &str) -> EsgRule {
    EsgRule {
        enterprise_security_group_rule_id: id.map(str::to_owned),
        direction: Some("ingress".into()),
        ethertype: Some("IPv4".into()),
        protocol: Some("tcp".into()),
        port_range: Some(ports.into()),
        source_ip: Some(source.into()),
        local_ip: Some("all".into()),
        action: Some(action.into()),
        priority: Some(Priority::Number(priority.into())),
        remark: Some(remark.into()),
        ..Default::default()
    }
}

fn huawei(id: &str, action: &str, priority: i64, ports: &str, prefix: &str, description: &str) -> HuaweiRule {
    HuaweiRule {
        id: id.into(),
        direction: "ingress".into(),
        protocol: Some("tcp".into()),
        ethertype: "IPv4".into(),
        multiport: Some(ports.into()),
        action: action.into(),
        priority,
        remote_ip_prefix: Some(prefix.into()),
        description: description.into(),
        enabled: true,
        ..Default::default()
    }
}

fn regular(id: Option<&str>, ports: &str, source: &str, remark: &str) -> SecurityGroupRule {
    let mut r = SecurityGroupRule {
        security_group_rule_id: id.map(str::to_owned),
        direction: Some("ingress".into()),
        ethertype: Some("IPv4".into()),
        protocol: Some("tcp".into()),
        port_range: Some(ports.into()),
        remark: Some(remark.into()),
        ..Default::default()
    };
    r.set_remote(Some(source.into()), None);
    r
}

#[test]
fn an_unchanged_draft_plans_nothing_one_edit_is_made_in_place_and_several_before_breaking() {
    let base = vec![regular(Some("r1"), "22", "10.0.0.0/8", "ssh"), regular(Some("r2"), "443", "0.0.0.0/0", "web")];
    assert!(plan(&base, &base, REGULAR).is_empty());
    // A port change of r1 alone (22 → 2222) is one edit in place: the group is the base,
    // then the draft, with no moment in between.
    let mut draft = base.clone();
    draft[0].port_range = Some("2222".into());
    let p = plan(&base, &draft, REGULAR);
    assert_eq!(p.diff, vec![Change::Changed { from: base[0].clone(), to: draft[0].clone() }]);
    assert_eq!(p.calls, vec![Call::Update { from: base[0].clone(), to: draft[0].clone() }]);
    // Beside another change, in-place edits could open a gap between them: the new rule
    // goes in, then the old one leaves.
    draft[1].remark = Some("web, now https".into());
    let p = plan(&base, &draft, REGULAR);
    assert_eq!(
        p.calls,
        vec![
            Call::Add(draft[0].with_id(None)),
            Call::Add(draft[1].with_id(None)),
            Call::Remove(base[0].clone()),
            Call::Remove(base[1].clone())
        ]
    );
    // What the update call cannot do is not planned as one: tcp turned into icmp is
    // refused by the cloud (reference C.3), and the IP version is not in the call.
    let mut draft = base.clone();
    draft[0].protocol = Some("icmp".into());
    draft[0].port_range = Some(String::new());
    assert_eq!(plan(&base, &draft, REGULAR).calls, vec![Call::Add(draft[0].with_id(None)), Call::Remove(base[0].clone())]);
    let mut draft = base.clone();
    draft[1].ethertype = Some("IPv6".into());
    draft[1].set_remote(Some("::/0".into()), None);
    assert_eq!(plan(&base, &draft, REGULAR).calls.len(), 2);
    // Without an update call (Huawei's caps), one edit is made before broken too.
    let mut draft = base.clone();
    draft[0].port_range = Some("2222".into());
    let no_update = Caps { update_in_place: false, ..REGULAR };
    assert_eq!(plan(&base, &draft, no_update).calls, vec![Call::Add(draft[0].with_id(None)), Call::Remove(base[0].clone())]);
}

#[test]
fn one_enterprise_rule_edited_is_one_update_unless_the_call_cannot_say_it() {
    let base = vec![esg(Some("e1"), "allow", 10, "22", "10.0.0.0/8", "ssh"), esg(Some("e2"), "allow", 20, "443", "all", "web")];
    let mut draft = base.clone();
    draft[0].port_range = Some("2222".into());
    draft[0].priority = Some(Priority::Text("5".into()));
    assert_eq!(plan(&base, &draft, ESG).calls, vec![Call::Update { from: base[0].clone(), to: draft[0].clone() }]);
    // A remark cleared cannot be sent (an empty value is "not given"): delete and create.
    let mut draft = base.clone();
    draft[1].remark = Some(String::new());
    let calls = plan(&base, &draft, ESG).calls;
    assert!(calls.iter().all(|c| !matches!(c, Call::Update { .. })), "{calls:?}");
}

#[test]
fn opening_ssh_to_the_world_is_warned_about_and_so_is_a_deny_that_kills_an_allow() {
    let base = vec![esg(Some("e1"), "deny", 10, "22", "all", "no ssh")];
    let draft = vec![
        base[0].clone(),
        esg(None, "allow", 50, "22", "all", "ssh for all"),
        esg(None, "allow", 60, "1-65535", "0.0.0.0/0", "everything"),
    ];
    let p = plan(&base, &draft, ESG);
    let w = warnings(&base, &draft, &p, ESG);
    assert!(w.contains(&Warning::OpensSensitive { rule: 1, ports: vec![22] }), "{w:?}");
    assert!(w.contains(&Warning::OpenToWorld { rule: 2 }), "{w:?}");
    // The priority-10 deny decides every SSH connection: the new allow at 50 never does.
    assert!(w.contains(&Warning::Shadowed { rule: 1, by: 0, dead: true }), "{w:?}");
    // …and the all-port allow at 60 is redundant after the allow at 50? No: it covers more.
    assert!(!w.iter().any(|x| matches!(x, Warning::Shadowed { rule: 2, .. })), "{w:?}");
}

#[test]
fn a_huawei_priority_change_is_a_delete_then_create_and_says_so() {
    // Same traffic, new priority: the same identity, which Huawei would refuse as a
    // duplicate if created first, and it has no call to edit a rule.
    let base = vec![huawei("h1", "allow", 10, "22", "10.0.0.0/8", "ssh")];
    let mut draft = base.clone();
    draft[0].priority = 5;
    let p = plan(&base, &draft, HUAWEI);
    assert_eq!(p.calls, vec![Call::Remove(base[0].clone()), Call::Add(draft[0].with_id(None))]);
    assert_eq!(warnings(&base, &draft, &p, HUAWEI), vec![Warning::Recreated { rule: 0 }]);
    // The enterprise group edits it in place instead.
    let (b, mut d) =
        (vec![esg(Some("e1"), "allow", 10, "22", "10.0.0.0/8", "a")], vec![esg(Some("e1"), "allow", 10, "22", "10.0.0.0/8", "b")]);
    assert_eq!(plan(&b, &d, ESG).calls, vec![Call::Update { from: b[0].clone(), to: d[0].clone() }]);
    // A new priority is a new identity; alone, it is still one edit in place…
    d[0].priority = Some(Priority::Number(5.into()));
    assert_eq!(plan(&b, &d, ESG).calls, vec![Call::Update { from: b[0].clone(), to: d[0].clone() }]);
    // …and beside a new rule, it is made before broken: add, then remove.
    d.push(esg(None, "allow", 30, "80", "all", "c"));
    assert_eq!(plan(&b, &d, ESG).calls.len(), 3);
}

#[test]
fn a_plan_that_needs_room_it_does_not_have_is_warned_about() {
    let base: Vec<_> = (0..50).map(|i| regular(Some(&format!("r{i}")), &(1000 + i).to_string(), "10.0.0.0/8", "x")).collect();
    let mut draft = base.clone();
    draft[0].port_range = Some("999".into());
    draft[1].port_range = Some("998".into());
    let p = plan(&base, &draft, REGULAR);
    // 50 at the end, but the new rules go in before the old ones leave: 52 on the way.
    assert_eq!(warnings(&base, &draft, &p, REGULAR), vec![Warning::Quota { direction: Direction::Ingress, peak: 52, end: 50, max: 50 }]);
    // One rule edited alone is one call in place: no room needed.
    draft[1] = base[1].clone();
    assert_eq!(warnings(&base, &draft, &plan(&base, &draft, REGULAR), REGULAR), vec![]);
}

#[test]
fn a_replan_keeps_someone_elses_rule_and_does_not_repeat_what_went_through() {
    // The draft moves http from 80 to 8080; the first call (add 8080) went through, then
    // someone else added 9999.
    let base = vec![regular(Some("x"), "80", "0.0.0.0/0", "http")];
    let mut draft = base.clone();
    draft[0].port_range = Some("8080".into());
    let live = vec![base[0].clone(), regular(Some("n"), "8080", "0.0.0.0/0", "http"), regular(Some("o"), "9999", "10.0.0.0/8", "theirs")];
    let again = rebase(&base, &draft, &live);
    assert_eq!(again, vec![live[1].clone(), live[2].clone()]);
    assert_eq!(plan(&live, &again, REGULAR).calls, vec![Call::Remove(base[0].clone())]);
    // With nothing changed meanwhile, the rebased draft is the draft.
    assert_eq!(contents(&rebase(&base, &draft, &base)), contents(&draft));
}

#[test]
fn rules_listed_without_ids_are_named_by_what_they_are() {
    // Older Baidu groups list rules without securityGroupRuleId: deleting one is one call
    // for that rule, the others are neither removed nor added again.
    let base = vec![
        regular(None, "22", "10.0.0.0/8", "ssh"),
        regular(None, "80", "0.0.0.0/0", "http"),
        regular(Some("r3"), "443", "0.0.0.0/0", "https"),
    ];
    let draft = vec![base[1].clone(), base[2].clone()];
    assert_eq!(diff(&base, &draft), vec![Change::Removed(base[0].clone())]);
    assert_eq!(plan(&base, &draft, REGULAR).calls, vec![Call::Remove(base[0].clone())]);
    assert!(plan(&base, &base, REGULAR).is_empty());
    // Applied, and rebased onto a group that did not move: the call takes that rule only.
    let mut state = base.clone();
    apply(&mut state, &Call::Remove(base[0].clone()), || unreachable!());
    assert_eq!(state, draft);
    assert_eq!(contents(&rebase(&base, &draft, &base)), contents(&draft));
    // An edit of an unnamed rule is a new rule and the old one's removal.
    let mut edited = base.clone();
    edited[1].port_range = Some("8080".into());
    assert_eq!(plan(&base, &edited, REGULAR).calls, vec![Call::Add(edited[1].clone()), Call::Remove(base[1].clone())]);
}

// Properties, over a small world: ports 1–6, four source blocks, priorities 1–4.

const SOURCES: [&str; 4] = ["all", "10.0.0.0/8", "10.0.0.1/32", "203.0.113.0/24"];
const PEERS: [Ipv4Addr; 3] = [Ipv4Addr::new(10, 0, 0, 1), Ipv4Addr::new(10, 0, 0, 2), Ipv4Addr::new(203, 0, 113, 9)];

fn connections() -> impl Iterator<Item = Connection> {
    PEERS.iter().flat_map(|&peer| {
        [Protocol::Tcp, Protocol::Udp].into_iter().flat_map(move |protocol| {
            (1..=7u16).map(move |port| Connection {
                direction: Direction::Ingress,
                protocol,
                port: Some(port),
                source_port: None,
                remote: IpAddr::V4(peer),
                local: None,
                remote_groups: Some(vec![]),
            })
        })
    })
}

fn allowed<R: PlanRule>(rules: &[R], semantics: Semantics, c: &Connection) -> bool {
    let reach: Vec<_> = rules.iter().filter_map(PlanRule::reach).collect();
    evaluate(&reach, semantics, c).allowed
}

fn contents<R: PlanRule + std::fmt::Debug>(rules: &[R]) -> Vec<String> {
    let mut v: Vec<String> = rules.iter().map(|r| format!("{:?}", r.content())).collect();
    v.sort();
    v
}

/// An edit of one field of a rule, or none.
#[derive(Debug, Clone)]
enum Edit {
    Keep,
    Delete,
    Ports(u16, u16),
    Source(usize),
    Priority(i64),
    Action,
    Remark,
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        3 => Just(Edit::Keep),
        1 => Just(Edit::Delete),
        1 => (1u16..=6, 0u16..=2).prop_map(|(a, w)| Edit::Ports(a, (a + w).min(6))),
        1 => (0usize..4).prop_map(Edit::Source),
        1 => (1i64..=4).prop_map(Edit::Priority),
        1 => Just(Edit::Action),
        1 => Just(Edit::Remark),
    ]
}

/// (allow?, priority, first port, last port, source, protocol: 0 tcp / 1 udp / 2 all)
type Shape = (bool, i64, u16, u16, usize, u8);

fn shape() -> impl Strategy<Value = Shape> {
    (any::<bool>(), 1i64..=4, 1u16..=6, 0u16..=2, 0usize..4, 0u8..3)
        .prop_map(|(a, p, lo, w, s, proto)| (a, p, lo, (lo + w).min(6), s, proto))
}

fn protocol_name(p: u8) -> &'static str {
    ["tcp", "udp", "all"][p as usize]
}

fn esg_of(id: Option<String>, (allow, priority, lo, hi, source, proto): Shape, remark: &str) -> EsgRule {
    let mut r = esg(None, if allow { "allow" } else { "deny" }, priority, &format!("{lo}-{hi}"), SOURCES[source], remark);
    r.enterprise_security_group_rule_id = id;
    r.protocol = Some(protocol_name(proto).into());
    r
}

fn huawei_of(id: Option<String>, (allow, priority, lo, hi, source, proto): Shape, remark: &str) -> HuaweiRule {
    let mut r =
        huawei(&id.unwrap_or_default(), if allow { "allow" } else { "deny" }, priority, &format!("{lo}-{hi}"), SOURCES[source], remark);
    r.protocol = (proto < 2).then(|| protocol_name(proto).into());
    r
}

fn regular_of(id: Option<String>, (_, _, lo, hi, source, proto): Shape, remark: &str) -> SecurityGroupRule {
    let mut r = regular(id.as_deref(), &format!("{lo}-{hi}"), SOURCES[source], remark);
    r.protocol = Some(protocol_name(proto).into());
    r
}

fn edited(s: Shape, remark: &mut String, e: &Edit) -> Option<Shape> {
    let (a, p, lo, hi, src, proto) = s;
    Some(match *e {
        Edit::Keep => s,
        Edit::Delete => return None,
        Edit::Ports(l, h) => (a, p, l, h, src, proto),
        Edit::Source(x) => (a, p, lo, hi, x, proto),
        Edit::Priority(x) => (a, x, lo, hi, src, proto),
        Edit::Action => (!a, p, lo, hi, src, proto),
        Edit::Remark => {
            remark.push('+');
            s
        }
    })
}

/// Checks every property for one base and draft of a cloud. `recreated`: the rules a
/// plan deletes and creates again, whose own connections may see a moment's gap.
fn check<R: PlanRule + std::fmt::Debug>(base: Vec<R>, draft: Vec<R>, caps: Caps) -> Result<(), TestCaseError> {
    let p = plan(&base, &draft, caps);
    // An unchanged draft plans nothing.
    prop_assert!(plan(&base, &base, caps).is_empty());
    // A recreated allow is the one documented gap: what it lets in is left out (a rule
    // alone allows what it matches if it is an allow, and nothing if it is a deny; a
    // recreated deny goes among the denies and leaves no gap).
    let recreated: Vec<R> = p
        .calls
        .windows(2)
        .filter_map(|w| match w {
            [Call::Remove(a), Call::Add(b)] if a.identity() == b.identity() => Some([a.clone(), b.clone()]),
            _ => None,
        })
        .flatten()
        .collect();
    let both: Vec<Connection> = connections()
        .filter(|c| allowed(&base, caps.semantics, c) && allowed(&draft, caps.semantics, c))
        .filter(|c| !recreated.iter().any(|r| allowed(std::slice::from_ref(&r.with_id(Some("x".into()))), caps.semantics, c)))
        .collect();
    let mut state = base.clone();
    let mut undo = Vec::new();
    let mut n = 0;
    for (k, call) in p.calls.iter().enumerate() {
        n += 1;
        let id = format!("new-{n}");
        apply(&mut state, call, || id.clone());
        undo.push(inverse(call, matches!(call, Call::Add(_)).then_some(id.as_str())));
        for c in &both {
            prop_assert!(allowed(&state, caps.semantics, c), "after call {k} ({call:?}) {c:?} is refused; it is allowed before and after");
        }
        // Rolling back this prefix restores the base.
        let mut back = state.clone();
        for (m, u) in undo.iter().rev().enumerate() {
            apply(&mut back, u, || format!("back-{m}"));
        }
        prop_assert_eq!(contents(&back), contents(&base), "rolling back after call {}", k);
    }
    // The calls take the base to the draft.
    prop_assert_eq!(contents(&state), contents(&draft));
    // Re-planning against an unchanged group gives the same draft.
    prop_assert_eq!(contents(&rebase(&base, &draft, &base)), contents(&draft));
    // The diff names every change once.
    let d = diff(&base, &draft);
    prop_assert_eq!(d.len(), p.diff.len());
    Ok(())
}

fn cases<R>(shapes: Vec<(Shape, Edit)>, new: Vec<Shape>, make: impl Fn(Option<String>, Shape, &str) -> R) -> (Vec<R>, Vec<R>) {
    let mut base = Vec::new();
    let mut draft = Vec::new();
    for (i, (s, e)) in shapes.iter().enumerate() {
        let id = Some(format!("live-{i}"));
        let mut remark = format!("r{i}");
        base.push(make(id.clone(), *s, &remark));
        if let Some(t) = edited(*s, &mut remark, e) {
            draft.push(make(id, t, &remark));
        }
    }
    for (j, s) in new.into_iter().enumerate() {
        draft.push(make(None, s, &format!("n{j}")));
    }
    (base, draft)
}

fn dedup<R: PlanRule>(rules: Vec<R>) -> Vec<R> {
    // A group holds no two rules of one identity (the cloud refuses the second).
    let mut seen = Vec::new();
    rules
        .into_iter()
        .filter(|r| {
            if seen.contains(&r.identity()) {
                false
            } else {
                seen.push(r.identity());
                true
            }
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    #[test]
    fn enterprise_plans_take_base_to_draft_without_a_gap(shapes in prop::collection::vec((shape(), edit()), 0..6), new in prop::collection::vec(shape(), 0..4)) {
        let (base, draft) = cases(shapes, new, esg_of);
        check(dedup(base), dedup(draft), ESG)?;
    }

    #[test]
    fn huawei_plans_take_base_to_draft_without_a_gap_but_for_recreated_rules(shapes in prop::collection::vec((shape(), edit()), 0..6), new in prop::collection::vec(shape(), 0..4)) {
        let (base, draft) = cases(shapes, new, huawei_of);
        check(dedup(base), dedup(draft), HUAWEI)?;
    }

    #[test]
    fn regular_plans_take_base_to_draft_without_a_gap(shapes in prop::collection::vec((shape(), edit()), 0..6), new in prop::collection::vec(shape(), 0..4)) {
        let (base, draft) = cases(shapes, new, regular_of);
        check(dedup(base), dedup(draft), REGULAR)?;
    }
}

/// A run keeps its own ids for the rules it created (`apply` names them); undoing one must
/// name the cloud's id, which `resolve_ids` reads from the group as it is.
#[test]
fn undoing_a_created_rule_names_the_id_the_cloud_gave_it() {
    let base = vec![huawei("h1", "allow", 1, "443", "0.0.0.0/0", "web")];
    let add = Call::Add(huawei("", "allow", 1, "22", "10.0.0.0/8", "ssh"));
    let mut ours = base.clone();
    apply(&mut ours, &add, || "applied-0".into());
    let undo = inverse(&add, Some("applied-0"));
    // The cloud called it h9.
    let live = vec![base[0].clone(), huawei("h9", "allow", 1, "22", "10.0.0.0/8", "ssh")];
    assert_eq!(resolve_ids(&undo, &live), Call::Remove(huawei("h9", "allow", 1, "22", "10.0.0.0/8", "ssh")));
    // A rule the cloud already knows by its id keeps it; an add has none to find.
    let remove = Call::Remove(base[0].clone());
    assert_eq!(resolve_ids(&remove, &live), remove);
    assert_eq!(resolve_ids(&add, &live), add);
    // An update of an ESG rule created by the run goes to the cloud's id too.
    let from = esg(Some("applied-1"), "allow", 10, "80", "all", "http");
    let to = esg(Some("applied-1"), "allow", 10, "8080", "all", "http");
    let live = vec![esg(Some("esgr-7"), "allow", 10, "80", "all", "http")];
    match resolve_ids(&Call::Update { from, to: to.clone() }, &live) {
        Call::Update { from, to: t } => assert_eq!((from.id(), t), (Some("esgr-7"), to)),
        other => panic!("{other:?}"),
    }
}

#[test]
fn new_rules_go_twenty_to_a_call_and_every_other_call_alone() {
    let base = vec![esg(Some("e1"), "deny", 10, "23", "all", "telnet")];
    // 45 new allows and the deny removed: adds first (make before break), then the remove.
    let mut draft: Vec<EsgRule> = (0..45).map(|i| esg(None, "allow", 50, &(4000 + i).to_string(), "10.0.0.0/8", "")).collect();
    let p = plan(&base, &draft, ESG);
    assert_eq!(batches(&p.calls, 20), vec![0..20, 20..40, 40..45, 45..46]);
    assert_eq!(batches(&p.calls, 1).len(), 46, "a cloud that takes one rule a call");
    // A call that is not an add is never in a batch.
    draft.push(base[0].clone());
    draft[0].port_range = Some("3999".into());
    let p = plan(&base, &draft, ESG);
    assert!(batches(&p.calls, 20).iter().all(|b| b.len() == 1 || p.calls[b.clone()].iter().all(|c| matches!(c, Call::Add(_)))));
    assert_eq!(batches::<EsgRule>(&[], 20), Vec::<std::ops::Range<usize>>::new());
}

#[test]
fn a_plan_file_carries_the_calls_its_draft_makes_under_their_digest() {
    use palisade_core::plan::{digest, PlanFile, PlanFileRefusal, PLAN_FORMAT};
    let base = vec![regular(Some("r-1"), "80", "0.0.0.0/0", "http")];
    let draft = vec![regular(Some("r-1"), "80", "0.0.0.0/0", "web")];
    let p = plan(&base, &draft, REGULAR);
    let file = PlanFile {
        format: PLAN_FORMAT.into(),
        cloud: "bce".into(),
        group_id: "g-1".into(),
        base: base.clone(),
        draft: draft.clone(),
        diff: p.diff.clone(),
        calls: p.calls.clone(),
        digest: digest(&p.calls),
    };
    assert_eq!(file.check("bce", "g-1", &base, REGULAR), Ok(()));
    assert_eq!(file.digest.len(), 16);
    assert_ne!(digest(&p.calls), digest(&plan(&base, &[], REGULAR).calls), "other calls, another digest");
    assert_eq!(file.check("bce", "g-2", &base, REGULAR), Err(PlanFileRefusal::OtherGroup));
    assert_eq!(file.check("bce", "g-1", &[], REGULAR), Err(PlanFileRefusal::Stale));
    // The draft edited after export (SSH to the world joined the remark change): its
    // calls are no longer the reviewed ones.
    let mut edited = file.clone();
    edited.draft.push(regular(None, "22", "0.0.0.0/0", "ssh"));
    assert_eq!(edited.check("bce", "g-1", &base, REGULAR), Err(PlanFileRefusal::Altered));
    // The calls and the draft edited together: the digest the approver named no longer fits.
    let mut both = edited.clone();
    both.calls = plan(&both.base, &both.draft, REGULAR).calls;
    assert_eq!(both.check("bce", "g-1", &base, REGULAR), Err(PlanFileRefusal::Altered));
    // ... unless the digest is forged too: then the review shows another digest than the
    // one approved, which is what an approval names.
    both.digest = digest(&both.calls);
    assert_eq!(both.check("bce", "g-1", &base, REGULAR), Ok(()));
    assert_ne!(both.digest, file.digest);
}
