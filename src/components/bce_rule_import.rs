use leptos::prelude::*;
use leptos::task::spawn_local;
use palisade_core::bce::security_group::SecurityGroupRule;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use crate::api::{bce, use_api, ApiError};
use crate::components::bce_rule_table::rule_summary;
use crate::components::error_notice::ErrorNotice;
use crate::i18n::{use_i18n, Msg};

#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    Waiting,
    Added,
    Failed(ApiError),
    NotSent,
}

/// A rules file: a JSON list of rules, or an export (`{"rules": [...]}`).
pub fn parse_rules(text: &str) -> Option<Vec<SecurityGroupRule>> {
    #[derive(serde::Deserialize)]
    struct Export {
        rules: Vec<SecurityGroupRule>,
    }
    serde_json::from_str::<Vec<SecurityGroupRule>>(text)
        .ok()
        .or_else(|| serde_json::from_str::<Export>(text).ok().map(|e| e.rules))
        .filter(|r| !r.is_empty())
}

/// Imports rules from a JSON file: one `authorizeRule` per rule, in order, with a
/// progress bar and a result per rule; at the first error it stops or goes on, as chosen.
#[component]
pub fn BceRuleImport(group_id: String, on_changed: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let group_id = StoredValue::new(group_id);
    let stop_on_error = RwSignal::new(true);
    let rows = RwSignal::new(Vec::<(SecurityGroupRule, Outcome)>::new());
    let running = RwSignal::new(false);
    let stopped = RwSignal::new(false);
    let file_error = RwSignal::new(None::<ApiError>);
    let bad_file = RwSignal::new(false);

    let run = move |rules: Vec<SecurityGroupRule>| {
        rows.set(rules.iter().cloned().map(|r| (r, Outcome::Waiting)).collect());
        running.set(true);
        stopped.set(false);
        spawn_local(async move {
            let mut version = match bce::get_security_group(&api, &group_id.get_value()).await {
                Ok(g) => g.sg_version,
                Err(e) => {
                    file_error.try_set(Some(e));
                    running.try_set(false);
                    return;
                }
            };
            let stop = stop_on_error.get_untracked();
            for (i, rule) in rules.iter().enumerate() {
                let mut outcome = bce::change_rule(&api, &group_id.get_value(), rule, version, true).await;
                // Someone else changed the group meanwhile: take the new version once.
                if matches!(&outcome, Err(e) if e.code() == Some("VersionMismatch")) {
                    if let Ok(g) = bce::get_security_group(&api, &group_id.get_value()).await {
                        version = g.sg_version;
                        outcome = bce::change_rule(&api, &group_id.get_value(), rule, version, true).await;
                    }
                }
                let failed = outcome.is_err();
                if outcome.is_ok() {
                    version = version.map(|v| v + 1);
                }
                if rows.try_update(|r| r[i].1 = outcome.map_or_else(Outcome::Failed, |_| Outcome::Added)).is_none() {
                    return; // the view is gone
                }
                if failed && stop {
                    rows.try_update(|r| r.iter_mut().skip(i + 1).for_each(|row| row.1 = Outcome::NotSent));
                    stopped.try_set(true);
                    break;
                }
            }
            // `try_set` gives the value back when the view is gone: then nobody is told.
            if running.try_set(false).is_none() {
                on_changed.run(());
            }
        });
    };
    let on_file = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = ev.target().unwrap().unchecked_into();
        let Some(file) = input.files().and_then(|f| f.get(0)) else { return };
        input.set_value("");
        bad_file.set(false);
        file_error.set(None);
        spawn_local(async move {
            let text = JsFuture::from(file.text()).await.ok().and_then(|t| t.as_string()).unwrap_or_default();
            match parse_rules(&text) {
                Some(rules) => run(rules),
                None => {
                    bad_file.try_set(true);
                }
            }
        });
    };
    let done = move || rows.with(|r| r.iter().filter(|(_, o)| *o != Outcome::Waiting).count());
    view! {
        <section class="rule-import" data-test="rule-import">
            <div class="form-row">
                <label class="file-button">
                    <span>{i18n.s(Msg::ImportRules)}</span>
                    <input type="file" accept="application/json,.json" data-test="import-file" on:change=on_file disabled=move || running.get()/>
                </label>
                <label class="check">
                    <input
                        type="checkbox"
                        data-test="import-stop"
                        bind:checked=stop_on_error
                    />
                    {i18n.s(Msg::StopOnError)}
                </label>
            </div>
            <Show when=move || bad_file.get()>
                <p class="field-error" role="alert" data-test="import-bad-file">{i18n.s(Msg::ImportBadFile)}</p>
            </Show>
            <ErrorNotice error=file_error/>
            <Show when=move || rows.with(|r| !r.is_empty())>
                <label class="progress">
                    <span>{move || format!("{} {} / {}", i18n.t(Msg::Imported), done(), rows.with(|r| r.len()))}</span>
                    <progress data-test="import-progress" max=move || rows.with(|r| r.len()) value=done></progress>
                </label>
                <Show when=move || stopped.get()>
                    <p role="status" data-test="import-stopped">{i18n.s(Msg::Stopped)}</p>
                </Show>
                <ol class="import-results" data-test="import-results">
                    {move || {
                        rows.get()
                            .into_iter()
                            .map(|(rule, outcome)| {
                                let (class, label, code) = match &outcome {
                                    Outcome::Waiting => ("waiting", i18n.t(Msg::Working).to_owned(), String::new()),
                                    Outcome::Added => ("ok", i18n.t(Msg::Ok).to_owned(), String::new()),
                                    Outcome::NotSent => ("skipped", i18n.t(Msg::Skipped).to_owned(), String::new()),
                                    Outcome::Failed(e) => {
                                        let code = e.code().unwrap_or("").to_owned();
                                        let why = e.documented().map(|c| i18n.explain(c).to_owned()).unwrap_or_else(|| format!("{e:?}"));
                                        ("failed", format!("{}: {why}", i18n.t(Msg::Failed)), code)
                                    }
                                };
                                view! {
                                    <li class=class data-outcome=class data-code=code.clone()>
                                        <code>{rule_summary(&rule)}</code>" — "{label}{(!code.is_empty()).then(|| format!(" ({code})"))}
                                    </li>
                                }
                            })
                            .collect_view()
                    }}
                </ol>
            </Show>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_rules_file_is_a_list_or_an_export() {
        let list = r#"[{"direction":"ingress","protocol":"tcp","portRange":"22","sourceIp":"10.0.0.0/8"}]"#;
        assert_eq!(parse_rules(list).map(|r| r.len()), Some(1));
        let export = r#"{"securityGroupId":"g-1","name":"web","rules":[{"direction":"egress"},{"direction":"ingress"}]}"#;
        assert_eq!(parse_rules(export).map(|r| r.len()), Some(2));
        assert_eq!(parse_rules("[]"), None, "an empty file imports nothing");
        assert_eq!(parse_rules("{not json"), None);
    }
}
