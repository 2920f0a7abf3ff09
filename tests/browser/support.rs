use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Document, HtmlElement};

pub fn document() -> Document {
    web_sys::window().expect("window").document().expect("document")
}

/// A fresh element attached to the body, to mount a console into.
pub fn host() -> HtmlElement {
    let el: HtmlElement = document().create_element("div").unwrap().dyn_into().unwrap();
    document().body().unwrap().append_child(&el).unwrap();
    el
}

/// Lets Leptos's scheduled effects run (they are driven by the browser's task queue).
pub async fn tick() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window().unwrap().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0).unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

/// Like [`tick`], for timings: a message through a `MessageChannel` runs after Leptos's
/// microtasks without the 4 ms a nested `setTimeout` is clamped to, which would otherwise
/// be most of a keystroke's measured time.
pub async fn settle() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let channel = web_sys::MessageChannel::new().unwrap();
        channel.port1().set_onmessage(Some(&resolve));
        channel.port2().post_message(&JsValue::NULL).unwrap();
        // The ports must outlive the message: the closure owns them until it answers.
        std::mem::forget(channel);
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

/// After the next frame is drawn: a timing started then measures only its own change,
/// not the style and layout the browser still owed the previous one.
pub async fn frame() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window().unwrap().request_animation_frame(&resolve).unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
    tick().await;
}

pub fn text_of(root: &HtmlElement, selector: &str) -> Option<String> {
    root.query_selector(selector).unwrap().and_then(|e| e.text_content())
}

pub fn click(root: &HtmlElement, selector: &str) {
    let el: HtmlElement =
        root.query_selector(selector).unwrap().unwrap_or_else(|| panic!("no element matches {selector}")).dyn_into().unwrap();
    el.click();
}

pub fn count(root: &HtmlElement, selector: &str) -> u32 {
    root.query_selector_all(selector).map(|l| l.length()).unwrap_or(0)
}

#[allow(dead_code)]
pub fn js(v: &str) -> JsValue {
    JsValue::from_str(v)
}
