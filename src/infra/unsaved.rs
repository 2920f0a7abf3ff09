//! Work typed and not yet applied (an edited draft): a reload or closing the tab asks the
//! browser's own question first, and moving to another page or group in the console asks
//! before the draft is dropped (#31: nothing typed is lost without a word).

use leptos::prelude::*;

use crate::i18n::Msg;

/// How many views hold unapplied work, as context from the shell.
#[derive(Clone, Copy)]
pub struct Unsaved(RwSignal<u32>);

impl Unsaved {
    /// Provides the count and, on the standalone page (`owns_page`), asks before the page
    /// unloads while it is not zero. CHOICE: a widget leaves its host's unload alone (a
    /// window listener would outlive an unmount).
    pub fn provide(owns_page: bool) -> Unsaved {
        let unsaved = Unsaved(RwSignal::new(0));
        provide_context(unsaved);
        if !owns_page {
            return unsaved;
        }
        let count = unsaved.0;
        let handle = window_event_listener(leptos::ev::beforeunload, move |ev| {
            if count.try_get_untracked().unwrap_or(0) > 0 {
                // Chromium asks when the default is prevented; older engines want a returnValue.
                ev.prevent_default();
                let _ = js_sys::Reflect::set(&ev, &"returnValue".into(), &"".into());
            }
        });
        on_cleanup(move || handle.remove());
        unsaved
    }

    /// Counts this view while `pending` is true (and no longer once the view is gone).
    pub fn hold(pending: Signal<bool>) {
        let Some(Unsaved(count)) = use_context::<Unsaved>() else { return };
        let held = StoredValue::new(false);
        Effect::new(move |_| {
            let now = pending.get();
            if now != held.get_value() {
                held.set_value(now);
                count.update(|n| if now { *n += 1 } else { *n = n.saturating_sub(1) });
            }
        });
        on_cleanup(move || {
            if held.try_get_value() == Some(true) {
                let _ = count.try_update(|n| *n = n.saturating_sub(1));
            }
        });
    }
}

impl Unsaved {
    /// Whether the user may leave what is shown now: yes when nothing is unapplied, else
    /// their answer to the question (in `lang`).
    pub fn may_leave(self, lang: crate::i18n::Lang) -> bool {
        if self.0.try_get_untracked().unwrap_or(0) == 0 {
            return true;
        }
        web_sys::window().and_then(|w| w.confirm_with_message(Msg::LeaveDraft.text(lang)).ok()).unwrap_or(true)
    }
}
