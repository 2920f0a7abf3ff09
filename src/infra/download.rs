//! Saving a file from the browser (rule export, exposure CSV) without a server round trip.

use wasm_bindgen::JsCast;

/// Offers `text` as a download named `name`, through a short-lived object URL.
pub fn save_json(name: &str, text: &str) -> Result<(), String> {
    save(name, "application/json", text)
}

/// Offers `text` of the given media type as a download named `name`.
pub fn save(name: &str, media_type: &str, text: &str) -> Result<(), String> {
    let fail = |_| "the browser refused to create the file".to_owned();
    let parts = js_sys::Array::of1(&text.into());
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(media_type);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).map_err(fail)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(fail)?;
    let document = web_sys::window().and_then(|w| w.document()).ok_or("no document")?;
    let a: web_sys::HtmlAnchorElement = document.create_element("a").map_err(fail)?.unchecked_into();
    a.set_href(&url);
    a.set_download(name);
    a.click();
    let _ = web_sys::Url::revoke_object_url(&url);
    Ok(())
}
