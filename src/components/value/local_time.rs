use leptos::prelude::*;
use wasm_bindgen::JsValue;

use crate::i18n::use_i18n;

/// A time from the API (ISO 8601, UTC) in the reader's language and time zone, with the
/// API's own text on hover and in `datetime`.
#[component]
pub fn LocalTime(iso: String) -> impl IntoView {
    let i18n = use_i18n();
    let stored = iso.clone();
    let shown = move || local(&stored, i18n.0.get().tag());
    view! { <time datetime=iso.clone() title=iso>{shown}</time> }
}

/// CHOICE: a text the browser cannot read as a date is shown as it came.
pub fn local(iso: &str, lang_tag: &str) -> String {
    let date = js_sys::Date::new(&JsValue::from_str(iso));
    if iso.is_empty() || date.get_time().is_nan() {
        return iso.to_owned();
    }
    date.to_locale_string(lang_tag, &JsValue::UNDEFINED).into()
}
