use leptos::prelude::*;
use palisade_core::validate::{Field, Problem};

use crate::i18n::{use_i18n, Msg};

/// The first problem about `field` (of rule `rule`, when given).
pub fn problem_for(problems: &[Problem], rule: Option<usize>, field: Field) -> Option<Problem> {
    problems.iter().find(|p| p.field == field && p.rule == rule).copied()
}

/// The code and explanation under a form field, when validation marks it.
#[component]
pub fn FieldError(
    #[prop(into)] problems: Signal<Vec<Problem>>,
    #[prop(optional)] rule: Option<usize>,
    field: Field,
    #[prop(into)] id: String,
    /// Which rule of the field is broken, when the code alone does not say (Huawei's
    /// `VPC.0601` is every parameter's code).
    #[prop(optional)]
    hint: Option<Signal<Option<Msg>>>,
) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        problems.with(|ps| problem_for(ps, rule, field)).map(|p| {
            // What the field accepts (core's limits), unless the form names the broken rule.
            let detail = hint.and_then(|h| h.get()).map(|m| format!(": {}", i18n.t(m))).or_else(|| {
                palisade_core::validate::accepts::accepts(&p)
                    .map(|(en, zh)| format!(" ({})", if i18n.0.get() == crate::i18n::Lang::Zh { zh } else { en }))
            });
            view! {
                <span class="field-error" id=id.clone() data-code=p.code.code>
                    <strong>{p.code.code}</strong>" "{i18n.explain(p.code)}{detail}
                </span>
            }
        })
    }
}
