use leptos::prelude::*;
use palisade_core::bce::esg::EsgRule;
use palisade_core::bce::esg::{CreateEsgRequest, EnterpriseSecurityGroup};
use palisade_core::validate::esg::{validate_create, MAX_RULES_PER_CREATE};
use palisade_core::validate::{Field, Problem};

use crate::api::{bce, use_api, ApiError};
use crate::components::form::field_error::{problem_for, FieldError};
use crate::components::notice::error_notice::ErrorNotice;
use crate::draft::impact::ImpactView;
use crate::draft::Review;
use crate::estate::impact::EstateChange;
use crate::i18n::{use_i18n, Msg};
use crate::infra::change::{Change, Gate};
use crate::infra::tags::bce_tags;
use crate::pages::esgs::draft_kind::EsgKind;
use crate::pages::esgs::rule_row::{EsgRuleFields, EsgRuleHead, EsgRuleRow};

/// Common services, as (English label, Chinese label, protocol, ports, remote). Each
/// label says who it lets in, so a preset that opens a port to the whole internet says so
/// before it is added.
pub const PRESETS: &[(&str, &str, &str, &str, &str)] = &[
    ("SSH (22) from 10.0.0.0/8", "SSH (22)，来自 10.0.0.0/8", "tcp", "22", "10.0.0.0/8"),
    ("RDP (3389) from 10.0.0.0/8", "RDP (3389)，来自 10.0.0.0/8", "tcp", "3389", "10.0.0.0/8"),
    ("HTTP (80) from anywhere (0.0.0.0/0)", "HTTP (80)，来自任意地址 (0.0.0.0/0)", "tcp", "80", "0.0.0.0/0"),
    ("HTTPS (443) from anywhere (0.0.0.0/0)", "HTTPS (443)，来自任意地址 (0.0.0.0/0)", "tcp", "443", "0.0.0.0/0"),
    ("Ping (ICMP) from 10.0.0.0/8", "Ping (ICMP)，来自 10.0.0.0/8", "icmp", "", "10.0.0.0/8"),
    ("All traffic from 10.0.0.0/8", "全部流量，来自 10.0.0.0/8", "all", "", "10.0.0.0/8"),
];

/// Whether a group can be cloned by the editor: at most 20 rules (one create call), none
/// naming an address set or group (the editor has no field for them).
pub fn can_clone(g: &EnterpriseSecurityGroup) -> bool {
    g.rules.len() <= MAX_RULES_PER_CREATE && g.rules.iter().all(|r| r.remote_ip_set.is_none() && r.remote_ip_group.is_none())
}

/// Creates an enterprise security group: name, description, tags and up to 20 rules,
/// validated on every keystroke. One `clientToken` per submission: a retry of the same
/// submission after a network failure reuses it, so the group is made at most once.
#[component]
pub fn EsgCreate(
    on_created: Callback<String>,
    on_cancel: Callback<()>,
    /// A group to clone: its rules, description and a new name to start from.
    #[prop(optional_no_strip)]
    start: Option<EnterpriseSecurityGroup>,
) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let name = RwSignal::new(start.as_ref().map(|g| format!("{}-copy", g.name)).unwrap_or_default());
    let desc = RwSignal::new(start.as_ref().and_then(|g| g.desc.clone()).unwrap_or_default());
    let tags = RwSignal::new(String::new());
    let next_key = StoredValue::new(1u64);
    let fresh_key = move || {
        let k = next_key.get_value();
        next_key.set_value(k + 1);
        k
    };
    // No dangerous default: a new group starts with no rule (nothing allowed in).
    let rows = RwSignal::new(
        start.iter().flat_map(|g| &g.rules).enumerate().map(|(i, r)| EsgRuleFields::from_rule(1000 + i as u64, r)).collect::<Vec<_>>(),
    );
    // A clone is ready to review as it opens; a new group once something is typed.
    let touched = RwSignal::new(!rows.with_untracked(Vec::is_empty));
    let error = RwSignal::new(None::<ApiError>);
    // The `clientToken` comes from the API layer: a resubmission of the same request
    // after no verdict reuses it, so the group is made at most once.
    let create = Change::new(move |outcome: Result<String, ApiError>| match outcome {
        Ok(id) => {
            error.set(None);
            on_created.run(id);
        }
        Err(e) => error.set(Some(e)),
    });
    let busy = create.pending();

    let request = move || CreateEsgRequest {
        name: Some(name.get()),
        desc: Some(desc.get()).filter(|d| !d.is_empty()),
        rules: Some(rows.get().iter().map(EsgRuleFields::to_rule).collect()),
        tags: Some(bce_tags(&tags.get())).filter(|t| !t.is_empty()),
    };
    let problems = Memo::new(move |_| if touched.get() { validate_create(&request()) } else { Vec::<Problem>::new() });
    let full = move || rows.with(|r| r.len() >= MAX_RULES_PER_CREATE);
    let add = move |protocol: &str, ports: &str, remote: &str| {
        touched.set(true);
        if !full() {
            let draft = EsgRuleFields::new(fresh_key(), protocol, ports, remote);
            rows.update(|r| r.push(draft));
        }
    };
    let duplicate = Callback::new(move |d: EsgRuleFields| {
        if !full() {
            let copy = d.duplicate(fresh_key());
            rows.update(|r| {
                let at = r.iter().position(|x| x.key == d.key).map_or(r.len(), |i| i + 1);
                r.insert(at, copy);
            });
        }
    });
    let remove = Callback::new(move |key: u64| rows.update(|r| r.retain(|d| d.key != key)));

    // A new group is bound to nothing: no one's access changes yet; its rules' warnings
    // are core's, as on every path.
    let gate = Gate::new();
    let review = Memo::new(move |_| {
        if !touched.get() || !problems.with(Vec::is_empty) || name.with(String::is_empty) {
            return Review::default();
        }
        let rules: Vec<EsgRule> = rows.with(|r| r.iter().map(EsgRuleFields::to_rule).collect());
        let mut review = crate::draft::preview::<EsgKind>(i18n, &[], &rules);
        review.calls =
            vec![("createEsg", format!("POST /v1/enterprise/security {} ({} {})", name.get(), rules.len(), i18n.rules(rules.len())))];
        review
    });
    let change = Signal::derive(move || review.with(|r| !r.calls.is_empty()).then_some(EstateChange::Nothing));
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        touched.set(true);
        let req = request();
        let problems = validate_create(&req);
        if !problems.is_empty() {
            error.set(Some(ApiError::Invalid(problems)));
            return;
        }
        if !gate.ready_untracked() {
            return;
        }
        gate.what.set(format!("{} {}", i18n.t(Msg::NewEsg), req.name.clone().unwrap_or_default()));
        create.run(gate, async move { bce::create_esg(&api, &req).await });
    };
    let name_error = move || problems.with(|ps| problem_for(ps, None, Field::Name).is_some());
    let rule_count = move || format!("{} / {MAX_RULES_PER_CREATE}", rows.with(|r| r.len()));
    view! {
        <form class="esg-editor" data-test="esg-editor" aria-label=i18n.s(Msg::NewEsg) on:submit=submit on:input=move |_| touched.set(true)>
            <h3>{i18n.s(Msg::NewEsg)}</h3>
            <div class="form-row">
                <label class="field">
                    <span>{i18n.s(Msg::Name)}</span>
                    <input
                        type="text"
                        data-test="esg-name"
                        aria-invalid=move || name_error().to_string()
                        aria-describedby="esg-name-error"
                        prop:value=move || name.get()
                        on:input=move |ev| name.set(event_target_value(&ev))
                    />
                    <FieldError problems=problems field=Field::Name id="esg-name-error"/>
                </label>
                <label class="field">
                    <span>{i18n.s(Msg::Description)}</span>
                    <input type="text" data-test="esg-desc" aria-describedby="esg-desc-error" prop:value=move || desc.get() on:input=move |ev| desc.set(event_target_value(&ev))/>
                    <FieldError problems=problems field=Field::Desc id="esg-desc-error"/>
                </label>
                <label class="field">
                    <span>{i18n.s(Msg::Tags)}</span>
                    <textarea data-test="esg-tags" rows="2" placeholder=i18n.s(Msg::TagsHint) prop:value=move || tags.get() on:input=move |ev| tags.set(event_target_value(&ev))></textarea>
                </label>
            </div>
            <div class="rules-header">
                <h4>{i18n.s(Msg::Rules)}" "<span data-test="esg-rule-count">{rule_count}</span></h4>
                <button type="button" data-test="add-rule" disabled=full on:click=move |_| add("tcp", "", "")>
                    {i18n.s(Msg::AddRule)}
                </button>
                <label class="field inline">
                    <span>{i18n.s(Msg::Preset)}</span>
                    <select
                        data-test="preset"
                        disabled=full
                        on:change=move |ev| {
                            let v = event_target_value(&ev);
                            if let Some((_, _, protocol, ports, remote)) = v.parse::<usize>().ok().and_then(|i| PRESETS.get(i)) {
                                add(protocol, ports, remote);
                            }
                            let select: web_sys::HtmlSelectElement = event_target(&ev);
                            select.set_value("");
                        }
                    >
                        <option value="">"—"</option>
                        {PRESETS
                            .iter()
                            .enumerate()
                            .map(|(i, (en, zh, _, _, _))| {
                                let label = move || if i18n.0.get() == crate::i18n::Lang::Zh { *zh } else { *en };
                                view! { <option value=i.to_string()>{label}</option> }
                            })
                            .collect_view()}
                    </select>
                </label>
                <Show when=full>
                    <span class="muted" data-test="rules-limit">{i18n.s(Msg::RulesLimit)}</span>
                </Show>
            </div>
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
                                can_duplicate=Signal::derive(move || !full())
                            />
                        </For>
                    </tbody>
                </table>
            </div>
            <FieldError problems=problems field=Field::Rules id="esg-rules-error"/>
            <ImpactView gate=gate change=change review=review/>
            <div class="form-actions">
                <button type="submit" class="primary" data-test="esg-submit" disabled=move || busy.get() || gate.blocked.with(Option::is_some)>
                    {i18n.either(busy, Msg::Working, Msg::Create)}
                </button>
                // Once sent, a create cannot be called back: Cancel waits for the answer.
                <button
                    type="button"
                    data-test="esg-cancel"
                    disabled=move || busy.get()
                    title=move || if busy.get() { i18n.t(Msg::CannotCancelInFlight) } else { "" }
                    on:click=move |_| on_cancel.run(())
                >
                    {i18n.s(Msg::Cancel)}
                </button>
            </div>
            <ErrorNotice error=error/>
        </form>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_preset_says_whom_it_lets_in() {
        for (en, zh, _, _, remote) in PRESETS {
            assert!(en.contains(remote), "{en} must name {remote}");
            assert!(zh.contains(remote), "{zh} must name {remote}");
            assert!(!zh.contains("from"), "{zh} is translated");
        }
    }
}
