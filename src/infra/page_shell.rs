//! What the standalone page does that a widget leaves to its host: remember the theme in
//! the tab, and let `/` jump to the page's filter.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::settings::Theme;

const THEME_KEY: &str = "palisade.theme";

fn storage() -> Option<web_sys::Storage> {
    web_sys::window().and_then(|w| w.session_storage().ok().flatten())
}

/// Restores the tab's theme and keeps it up to date.
pub fn remember_theme(theme: RwSignal<Theme>) {
    if let Some(saved) = storage().and_then(|s| s.get_item(THEME_KEY).ok().flatten()).and_then(|t| Theme::parse(&t)) {
        theme.set(saved);
    }
    Effect::new(move |_| {
        let slug = theme.get().slug();
        if let Some(s) = storage() {
            let _ = s.set_item(THEME_KEY, slug);
        }
    });
}

const LANG_KEY: &str = "palisade.lang";

/// Restores the tab's language and keeps it up to date, as the theme (#34: a reload kept
/// the theme and lost the language). No secret: it does not wait for "Remember in this tab".
pub fn remember_lang(lang: RwSignal<crate::i18n::Lang>) {
    if let Some(saved) = storage().and_then(|s| s.get_item(LANG_KEY).ok().flatten()).and_then(|t| crate::i18n::Lang::parse(&t)) {
        lang.set(saved);
    }
    Effect::new(move |_| {
        let tag = lang.get().tag();
        if let Some(s) = storage() {
            let _ = s.set_item(LANG_KEY, tag);
        }
    });
}

/// `/` outside a text field focuses the first filter box of the page in view.
pub fn slash_focuses_filter() {
    let keys = window_event_listener(leptos::ev::keydown, move |ev| {
        if ev.key() != "/" || ev.ctrl_key() || ev.meta_key() || ev.alt_key() {
            return;
        }
        let document = document();
        let typing = document
            .active_element()
            .is_some_and(|e| matches!(e.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT") || e.has_attribute("contenteditable"));
        if typing || document.query_selector("[role=alertdialog]").ok().flatten().is_some() {
            return;
        }
        if let Some(input) = document
            .query_selector(".palisade-content [data-test=filter]")
            .ok()
            .flatten()
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        {
            ev.prevent_default();
            let _ = input.focus();
        }
    });
    on_cleanup(move || keys.remove());
}
