//! `Loaded<T>` (a `LocalResource`): a reload made while an older load is still in flight
//! ends with the newest answer on screen, and it is busy until the last load ends. The
//! hand-rolled loader it replaced cleared `busy` at the first answer and showed whichever
//! answer came last, the older one included.

use std::cell::Cell;
use std::rc::Rc;

use leptos::prelude::*;
use palisade_console::api::ApiError;
use palisade_console::infra::loaded::Loaded;
use wasm_bindgen_test::wasm_bindgen_test;

use crate::support::tick;

async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window().unwrap().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms).unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

/// Mounting a console initialises Leptos's executor (these tests need it, and may run first).
fn executor() {
    palisade_console::mount(crate::support::host(), wasm_bindgen::JsValue::UNDEFINED).unwrap().unmount();
}

#[wasm_bindgen_test]
async fn the_newest_load_wins_when_an_older_one_answers_last() {
    executor();
    let owner = Owner::new();
    owner.set();
    let started = Rc::new(Cell::new(0u32));
    let calls = started.clone();
    // Load n answers "v{n}"; the first one takes 300 ms, later ones 20 ms.
    let loaded = Loaded::<String>::new(move || {
        let n = calls.get() + 1;
        calls.set(n);
        async move {
            sleep(if n == 1 { 300 } else { 20 }).await;
            Ok::<_, ApiError>(format!("v{n}"))
        }
    });
    // As a view does: something subscribes to what is shown (resources are lazy).
    Effect::new(move |_| {
        loaded.with(|_| ());
        loaded.error.track();
    });
    tick().await;
    assert_eq!(started.get(), 1);
    assert!(loaded.busy().get_untracked(), "busy while the first load runs");
    loaded.reload();
    sleep(100).await;
    assert!(loaded.busy().get_untracked(), "busy while a load is in flight");
    sleep(500).await;
    // The resource runs loads one after another, the newest last: whatever order the
    // answers would come in, the newest request is what stays on screen.
    assert_eq!(started.get(), 2, "the reload ran");
    assert_eq!(loaded.get_untracked().as_deref(), Some("v2"), "the newest load's answer is shown");
    assert!(!loaded.busy().get_untracked(), "not busy once every load has ended");
    drop(owner);
}

#[wasm_bindgen_test]
async fn a_failed_reload_keeps_the_last_good_value_marked_stale() {
    executor();
    let owner = Owner::new();
    owner.set();
    let fail = Rc::new(Cell::new(false));
    let failing = fail.clone();
    let loaded = Loaded::<u32>::new(move || {
        let fail = failing.get();
        async move {
            if fail {
                Err(ApiError::Network("down".into()))
            } else {
                Ok(7)
            }
        }
    });
    Effect::new(move |_| {
        loaded.with(|_| ());
        loaded.error.track();
    });
    sleep(20).await;
    assert_eq!(loaded.get_untracked(), Some(7));
    assert!(!loaded.stale().get_untracked());
    fail.set(true);
    loaded.reload();
    sleep(20).await;
    assert_eq!(loaded.get_untracked(), Some(7), "the last good value stays");
    assert_eq!(loaded.error.get_untracked(), Some(ApiError::Network("down".into())));
    assert!(loaded.stale().get_untracked(), "and is marked stale");
    drop(owner);
}
