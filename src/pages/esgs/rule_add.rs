use leptos::prelude::*;
use palisade_core::bce::esg::EsgRule;
use palisade_core::plan::{self, Call, PlanRule};
use palisade_core::validate::esg::{validate_authorize, MAX_RULES_PER_CREATE};
use palisade_core::validate::{Field, Problem};

use crate::api::{use_api, ApiError};
use crate::components::form::field_error::FieldError;
use crate::components::notice::error_notice::ErrorNotice;
use crate::draft::impact::ImpactView;
use crate::draft::{apply_calls, previewed, DraftKind};
use crate::i18n::{use_i18n, Msg};
use crate::infra::change::{Change, Gate};
use crate::pages::esgs::draft_kind::EsgKind;
use crate::pages::esgs::rule_row::{EsgRuleFields, EsgRuleHead, EsgRuleRow};

/// Every problem of `rules` added to a group holding `held`, sent in calls of 20: each
/// call's rules are checked against the group and the calls before it; a problem names
/// its rule by its place in the whole list.
pub fn batch_problems(rules: &[EsgRule], held: &[EsgRule]) -> Vec<Problem> {
    let mut before = held.to_vec();
    let mut out = Vec::new();
    // No total per group is documented (the emulator's 200 is its own CHOICE): the
    // cloud's `Esg.EsgRuleExceedQuota` speaks for itself, the calls before it kept.
    for (k, chunk) in rules.chunks(MAX_RULES_PER_CREATE).enumerate() {
        out.extend(validate_authorize(chunk, &before).into_iter().map(|mut p| {
            p.rule = p.rule.map(|i| i + k * MAX_RULES_PER_CREATE);
            p
        }));
        before.extend_from_slice(chunk);
    }
    out
}

/// Adds rules to an enterprise group: as many as the user writes, sent through the
/// group's plan 20 to a call (the API's limit) with progress. A call that fails stops the
/// rest: the rules already added leave the form, the others stay in it with the error.
#[component]
pub fn EsgRuleAdder(
    group_id: String,
    #[prop(into)] held: Signal<Vec<EsgRule>>,
    on_added: Callback<()>,
    on_cancel: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let group = StoredValue::new(group_id);
    let next_key = StoredValue::new(1u64);
    let fresh = move || {
        let k = next_key.get_value();
        next_key.set_value(k + 1);
        EsgRuleFields::new(k, "tcp", "", "")
    };
    let rows = RwSignal::new(vec![fresh()]);
    let rules = move || rows.with(|r| r.iter().map(EsgRuleFields::to_rule).collect::<Vec<_>>());
    let problems = Memo::new(move |_| held.with(|h| batch_problems(&rules(), h)));
    let calls = move || rows.with(|r| r.len().div_ceil(MAX_RULES_PER_CREATE));
    let sent = RwSignal::new(0usize);
    let error = RwSignal::new(None::<ApiError>);
    // The outcome: how many rules went in, and the error that stopped the rest.
    // The rows sent go by their keys: rows may be added or removed while the calls run.
    let add = Change::new(move |outcome: Result<(Vec<u64>, Option<ApiError>), ApiError>| {
        let (added, stopped) = outcome.unwrap_or_else(|e| (Vec::new(), Some(e)));
        rows.update(|r| r.retain(|d| !added.contains(&d.key)));
        let added = added.len();
        match stopped {
            None => on_added.run(()),
            Some(e) => {
                error.set(Some(e));
                if added > 0 {
                    on_added.run(());
                }
            }
        }
    });
    let busy = add.pending();
    // The rows' plan, its warnings and impact, shown before anything is sent.
    let gate = Gate::new();
    let (review, change) = previewed::<EsgKind>(i18n, group, move || {
        (!rows.with(Vec::is_empty) && problems.with(Vec::is_empty)).then(|| {
            let base = held.get();
            let target = base.iter().cloned().chain(rules()).collect();
            (base, target)
        })
    });
    // Through the group's plan (one path for every change): the runner sends the new rules
    // 20 to a call (`plan::batches`), reading the group first, and sends nothing once the
    // group holds other rules than shown. The rows whose rules went in leave the form.
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if !gate.ready_untracked() {
            return;
        }
        error.set(None);
        sent.set(0);
        let keyed: Vec<(u64, EsgRule)> = rows.with_untracked(|r| r.iter().map(|d| (d.key, d.to_rule())).collect());
        let base = held.get_untracked();
        let target: Vec<EsgRule> = base.iter().cloned().chain(keyed.iter().map(|(_, r)| r.clone())).collect();
        // Planned here, once: the calls that went through name the rows to take out.
        let calls = plan::plan(&base, &target, EsgKind::CAPS).calls;
        let group = group.get_value();
        gate.what.set(format!("{} ({}) · {group}", i18n.t(Msg::AddRules), keyed.len()));
        add.run(gate, async move {
            let done = std::rc::Rc::new(std::cell::Cell::new(0));
            let seen = done.clone();
            let progress = Box::new(move |n| {
                seen.set(n);
                sent.try_update(|s| *s += 1);
            });
            let outcome = apply_calls::<EsgKind>(api, group, base, calls.clone(), progress).await;
            let added: Vec<_> =
                calls[..done.get()].iter().filter_map(|c| if let Call::Add(r) = c { Some(r.identity()) } else { None }).collect();
            let keys = keyed.iter().filter(|(_, r)| added.contains(&r.identity())).map(|(k, _)| *k).collect();
            Ok((keys, outcome.err()))
        });
    };
    let remove = Callback::new(move |key: u64| rows.update(|r| r.retain(|d| d.key != key)));
    let duplicate = Callback::new(move |d: EsgRuleFields| {
        let copy = d.duplicate(fresh().key);
        rows.update(|r| {
            let at = r.iter().position(|x| x.key == d.key).map_or(r.len(), |i| i + 1);
            r.insert(at, copy);
        });
    });
    view! {
        <form class="esg-rule-adder" data-test="esg-rule-adder" aria-label=i18n.s(Msg::AddRules) on:submit=submit>
            <h4>{i18n.s(Msg::AddRules)}</h4>
            <div class="table-scroll">
                <table class="esg-rules">
                    <EsgRuleHead single=false/>
                    <tbody>
                        <For each=move || rows.get() key=|d| d.key let:draft>
                            <EsgRuleRow
                                draft=draft
                                index=Signal::derive(move || rows.with(|r| r.iter().position(|d| d.key == draft.key).unwrap_or(0)))
                                problems=problems
                                on_duplicate=duplicate
                                on_remove=remove
                                can_duplicate=Signal::stored(true)
                            />
                        </For>
                    </tbody>
                </table>
            </div>
            <div class="form-actions">
                <button type="button" data-test="adder-add-row" on:click=move |_| rows.update(|r| r.push(fresh()))>{i18n.s(Msg::AddRule)}</button>
                <button
                    type="submit"
                    class="primary"
                    data-test="adder-submit"
                    disabled=move || busy.get() || rows.with(Vec::is_empty) || problems.with(|p| !p.is_empty()) || !gate.ready()
                >
                    {move || format!("{} ({} {})", i18n.t(if busy.get() { Msg::Working } else { Msg::AddRules }), rows.with(Vec::len), i18n.rules(rows.with(Vec::len)))}
                </button>
                <button type="button" data-test="adder-cancel" disabled=move || busy.get() on:click=move |_| on_cancel.run(())>{i18n.s(Msg::Cancel)}</button>
                <span class="muted" data-test="adder-calls">{move || format!("{} · {}", i18n.count(calls(), Msg::CallOf20, Msg::CallsOf20), i18n.t(Msg::SentCalls))}" "<span data-test="adder-sent">{move || sent.get()}</span></span>
            </div>
            <FieldError problems=problems field=Field::Rules id="adder-rules-error"/>
            <ImpactView gate=gate change=change review=review/>
            <ErrorNotice error=error/>
        </form>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use palisade_core::bce::esg::Priority;
    use palisade_core::Direction;

    fn rule(port: usize) -> EsgRule {
        EsgRule {
            direction: Some(Direction::Ingress.as_str().into()),
            ethertype: Some("IPv4".into()),
            protocol: Some("tcp".into()),
            port_range: Some(port.to_string()),
            source_ip: Some("all".into()),
            action: Some("allow".into()),
            priority: Some(Priority::Text("100".into())),
            ..Default::default()
        }
    }

    #[test]
    fn more_than_twenty_rules_are_checked_call_by_call_and_named_by_their_place() {
        let rules: Vec<EsgRule> = (1..=45).map(rule).collect();
        assert!(batch_problems(&rules, &[]).is_empty(), "45 rules are three calls, each within the limit");
        // Rule 30 (in the second call) repeats rule 3 (in the first).
        let mut twin = rules.clone();
        twin[30] = rule(4);
        let ps = batch_problems(&twin, &[]);
        assert_eq!(ps.iter().map(|p| (p.code.code, p.rule)).collect::<Vec<_>>(), [("Esg.EsgRuleDuplicated", Some(30))]);
        // A rule the group already holds.
        let ps = batch_problems(&rules[..2], &[rule(2)]);
        assert_eq!(ps.iter().map(|p| (p.code.code, p.rule)).collect::<Vec<_>>(), [("Esg.EsgRuleDuplicated", Some(1))]);
        // No total per group is documented: past the emulator's 200 the console does not
        // refuse; the cloud's answer speaks.
        let held: Vec<EsgRule> = (1000..1190).map(rule).collect();
        assert!(batch_problems(&rules[..11], &held).is_empty());
    }
}
