//! Palisade's browser console: a Leptos (CSR) app for Baidu AI Cloud and Huawei Cloud
//! security groups. `mount` puts it into any element, so the same bundle runs as the
//! standalone page and as a widget inside a host portal.

pub mod app;
pub mod components;
pub mod pages;

use wasm_bindgen::prelude::*;

/// A mounted console. Dropping it (or calling `unmount`) removes every node it added.
#[wasm_bindgen]
pub struct ConsoleHandle {
    // Boxed so the handle's concrete view type stays private to `mount`.
    mounted: Option<Box<dyn std::any::Any>>,
}

#[wasm_bindgen]
impl ConsoleHandle {
    /// Removes the console from its element. Calling it twice is harmless.
    pub fn unmount(&mut self) {
        self.mounted.take();
    }
}

/// Mounts the console into `element` (which it owns until `unmount`).
#[wasm_bindgen]
pub fn mount(element: web_sys::HtmlElement) -> ConsoleHandle {
    let handle = leptos::mount::mount_to(element, app::App);
    ConsoleHandle { mounted: Some(Box::new(handle)) }
}
