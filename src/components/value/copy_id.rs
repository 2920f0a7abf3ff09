use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::i18n::{use_i18n, Msg};

/// An id in monospace with a button that copies it: ids are what an operator pastes
/// into a ticket, a CLI or a search.
#[component]
pub fn CopyId(id: String) -> impl IntoView {
    let i18n = use_i18n();
    // `None` until clicked; then whether the copy worked (said to screen readers too).
    let copied = RwSignal::new(None::<bool>);
    let text = StoredValue::new(id.clone());
    let copy = move |_| {
        let id = text.get_value();
        spawn_local(async move {
            let ok = match web_sys::window().map(|w| w.navigator().clipboard().write_text(&id)) {
                Some(promise) => wasm_bindgen_futures::JsFuture::from(promise).await.is_ok(),
                None => false,
            };
            // The row may be gone (filtered out, reloaded) when the browser answers.
            copied.try_set(Some(ok));
        });
    };
    let label = move || format!("{} {}", i18n.t(Msg::Copy), text.get_value());
    view! {
        <span class="copy-id">
            <code>{id}</code>
            <button type="button" class="copy" data-test="copy-id" title=label aria-label=label on:click=copy>
                <span class="copy-icon" aria-hidden="true"></span>
            </button>
            <span class="copy-state" role="status" data-test="copy-state">
                {move || copied.get().map(|ok| i18n.t(if ok { Msg::Copied } else { Msg::CopyFailed }))}
            </span>
        </span>
    }
}
