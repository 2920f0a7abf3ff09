use leptos::prelude::*;
use palisade_core::validate::{Field, Problem};

use crate::components::form::field_error::{problem_for, FieldError};
use crate::i18n::Msg;

/// A labelled text input bound to `value`, and, when a form validates it, marked invalid
/// with the documented code under it (`aria-invalid`, `aria-describedby`). The one field
/// of every form.
#[component]
pub fn TextField(
    #[prop(into)] label: Signal<&'static str>,
    value: RwSignal<String>,
    /// `data-test`, and the base of the error's id.
    test: &'static str,
    /// The form's problems, and which field this one is (it may follow the direction).
    #[prop(optional, into)]
    problems: Option<Signal<Vec<Problem>>>,
    #[prop(optional, into)] field: Option<Signal<Field>>,
    /// Called on every keystroke (a form marks itself touched).
    #[prop(optional)]
    on_input: Option<Callback<()>>,
    #[prop(optional)] secret: bool,
    /// Which rule of the field is broken (shown after the code's explanation).
    #[prop(optional)]
    hint: Option<Signal<Option<Msg>>>,
) -> impl IntoView {
    let error_id = format!("{test}-error");
    let invalid = move || match (problems, field) {
        (Some(ps), Some(f)) => ps.with(|ps| problem_for(ps, None, f.get()).is_some()),
        _ => false,
    };
    let error = move || {
        let (ps, f) = (problems?, field?);
        let id = error_id.clone();
        Some(match hint {
            Some(h) => view! { <FieldError problems=ps field=f.get() id=id hint=h/> }.into_any(),
            None => view! { <FieldError problems=ps field=f.get() id=id/> }.into_any(),
        })
    };
    view! {
        <label class="field">
            <span>{move || label.get()}</span>
            <input
                type=if secret { "password" } else { "text" }
                autocomplete="off"
                spellcheck="false"
                data-test=test
                aria-invalid=move || invalid().to_string()
                aria-describedby=format!("{test}-error")
                bind:value=value
                on:input=move |_| {
                    if let Some(cb) = on_input {
                        cb.run(());
                    }
                }
            />
            {error}
        </label>
    }
}
