//! Palisade's browser console: a Leptos (CSR) app for Baidu AI Cloud and Huawei Cloud
//! security groups. `mount` puts it into any element, so the same bundle runs as the
//! standalone page and as a widget inside a host portal.

pub mod api;
pub mod app;
pub mod components;
pub mod draft;
pub mod estate;
pub mod i18n;
pub mod import;
pub mod infra;
pub mod labels;
pub mod options;
pub mod pages;
pub mod readable;
pub mod routing;
pub mod settings;
pub mod split;

use wasm_bindgen::prelude::*;

/// A mounted console. Dropping it (or calling `unmount`) removes every node it added.
#[wasm_bindgen]
pub struct ConsoleHandle {
    // Boxed so the handle's concrete view type stays private to `mount`.
    mounted: Option<Box<dyn std::any::Any>>,
}

#[wasm_bindgen]
impl ConsoleHandle {
    /// Removes the console from its element and disposes of its signals, effects and
    /// listeners. Calling it twice is harmless.
    pub fn unmount(&mut self) {
        self.mounted.take();
    }
}

/// Mounts the console into `element` (which it owns until `unmount`). `options` may be
/// `undefined`; see the README for its fields. A bad option throws, naming the field.
#[wasm_bindgen]
pub fn mount(element: web_sys::HtmlElement, options: JsValue) -> Result<ConsoleHandle, JsValue> {
    // A panic aborts the module (`panic = "abort"`) and the page sees only
    // `RuntimeError: unreachable`: log the message first, where it can be diagnosed.
    static HOOK: std::sync::Once = std::sync::Once::new();
    HOOK.call_once(|| std::panic::set_hook(Box::new(|info| web_sys::console::error_1(&format!("palisade panicked: {info}").into()))));
    let mut options = options::MountOptions::from_js(&options).map_err(|e| JsValue::from(js_sys::Error::new(&e.0)))?;
    thread_local!(static MOUNTS: std::cell::Cell<u32> = const { std::cell::Cell::new(0) });
    let n = MOUNTS.with(|m| {
        m.set(m.get() + 1);
        m.get()
    });
    options.session_key = settings::session_key(&element.id(), n);
    let handle = leptos::mount::mount_to(element, move || leptos::view! { <app::App options=options/> });
    Ok(ConsoleHandle { mounted: Some(Box::new(handle)) })
}
