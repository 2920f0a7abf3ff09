use leptos::prelude::*;

use crate::i18n::{use_i18n, Msg};
use crate::infra::focus::Opener;

/// A modal confirmation. Focus starts on Cancel (the safe choice), the rest of the page
/// is inert, Escape cancels wherever focus is, Tab cycles inside, and
/// when the dialog goes away focus returns to what opened it (or, if that is gone, the
/// page heading), unless the caller has already moved it somewhere better.
#[component]
pub fn ConfirmDialog(
    title: Msg,
    /// What the dialog is about, shown after the title ("Bind ESGs: card — id").
    #[prop(optional, into)]
    subject: Option<String>,
    confirm_label: Msg,
    on_confirm: Callback<()>,
    on_cancel: Callback<()>,
    #[prop(optional, into)] busy: Option<Signal<bool>>,
    children: Children,
) -> impl IntoView {
    let i18n = use_i18n();
    let cancel_ref = NodeRef::<leptos::html::Button>::new();
    let dialog_ref = NodeRef::<leptos::html::Div>::new();
    // Held by the cleanup itself: the dialog's own reactive values may be disposed first.
    let opener = send_wrapper::SendWrapper::new(Opener::current());
    // The rest of the page is inert while the dialog is open: no focus, no clicks, not
    // read out. Given back (before focus returns to the opener) when it closes.
    let backdrop_ref = NodeRef::<leptos::html::Div>::new();
    let inert = send_wrapper::SendWrapper::new(std::rc::Rc::new(std::cell::RefCell::new(None::<crate::infra::focus::InertOutside>)));
    let inert_cleanup = inert.clone();
    Effect::new(move |_| {
        if let Some(backdrop) = backdrop_ref.get() {
            let mut held = (**inert).borrow_mut();
            if held.is_none() {
                *held = Some(crate::infra::focus::inert_outside(&backdrop));
            }
        }
        if let Some(b) = cancel_ref.get() {
            let _ = b.focus();
        }
    });
    // One cleanup, in order: the page is live again before focus goes back into it.
    on_cleanup(move || {
        if let Some(made) = (**inert_cleanup).borrow_mut().take() {
            made.restore();
        }
        opener.restore();
    });
    // Keys on the whole window, not the dialog: Escape closes it wherever focus is (a
    // click on the backdrop leaves focus on the body), and Tab from anywhere lands inside.
    let keys = window_event_listener(leptos::ev::keydown, move |ev| {
        if ev.key() == "Escape" {
            on_cancel.run(());
        } else if ev.key() == "Tab" {
            if let Some(dialog) = dialog_ref.try_get_untracked().flatten() {
                if crate::infra::focus::trap_tab(&dialog, ev.shift_key()) {
                    ev.prevent_default();
                }
            }
        }
    });
    on_cleanup(move || keys.remove());
    let busy = busy.unwrap_or_else(|| Signal::stored(false));
    let title_id = format!("dlg-{}", crate::api::transport::uuid());
    let title_id2 = title_id.clone();
    view! {
        <div class="dialog-backdrop" node_ref=backdrop_ref>
            <div
                class="dialog"
                role="alertdialog"
                aria-modal="true"
                aria-labelledby=title_id.clone()
                data-test="dialog"
                node_ref=dialog_ref
            >
                <h3 id=title_id2>{i18n.s(title)}{subject.map(|s| format!(": {s}"))}</h3>
                <div class="dialog-body">{children()}</div>
                <div class="dialog-actions">
                    <button type="button" node_ref=cancel_ref data-test="dialog-cancel" on:click=move |_| on_cancel.run(())>
                        {i18n.s(Msg::Cancel)}
                    </button>
                    <button
                        type="button"
                        class="danger"
                        data-test="dialog-confirm"
                        disabled=move || busy.get()
                        on:click=move |_| on_confirm.run(())
                    >
                        {i18n.s(confirm_label)}
                    </button>
                </div>
            </div>
        </div>
    }
}
