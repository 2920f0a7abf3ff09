//! One HTTP exchange with the same-origin proxy, over the browser's `fetch`.

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{Request, RequestInit, Response};

use super::ApiError;

/// What came back: the status, the cloud's request id, and the body text.
#[derive(Debug, Clone)]
pub struct Reply {
    pub status: u16,
    pub request_id: String,
    pub body: String,
    /// The answer's `Date` (seconds since the epoch): how a clock error is measured.
    pub server_time: Option<i64>,
}

/// Sends a request and reads the whole answer. Only a failure to get any answer is an
/// error here; error statuses are for the caller to read in its cloud's format.
pub async fn send(method: &str, url: &str, headers: &[(String, String)], body: Option<&str>) -> Result<Reply, ApiError> {
    let net = |e: JsValue| ApiError::Network(describe(&e));
    let init = RequestInit::new();
    init.set_method(method);
    if let Some(body) = body {
        init.set_body(&JsValue::from_str(body));
    }
    // The proxy is same-origin; cookies are never needed (and the proxy strips them).
    init.set_credentials(web_sys::RequestCredentials::Omit);
    init.set_cache(web_sys::RequestCache::NoStore);
    let request = Request::new_with_str_and_init(url, &init).map_err(net)?;
    for (name, value) in headers {
        request.headers().set(name, value).map_err(net)?;
    }
    let window = web_sys::window().ok_or_else(|| ApiError::Network("no window".into()))?;
    let response: Response = JsFuture::from(window.fetch_with_request(&request)).await.map_err(net)?.unchecked_into();
    let status = response.status();
    let headers = response.headers();
    let request_id = ["x-bce-request-id", "x-request-id"].iter().find_map(|h| headers.get(h).ok().flatten()).unwrap_or_default();
    let server_time =
        headers.get("date").ok().flatten().map(|d| js_sys::Date::parse(&d)).filter(|t| t.is_finite()).map(|t| (t / 1000.0) as i64);
    let text = JsFuture::from(response.text().map_err(net)?).await.map_err(net)?;
    Ok(Reply { status, request_id, body: text.as_string().unwrap_or_default(), server_time })
}

fn describe(e: &JsValue) -> String {
    e.dyn_ref::<js_sys::Error>().map(|e| String::from(e.message())).or_else(|| e.as_string()).unwrap_or_else(|| "the request failed".into())
}

/// The browser's clock in whole seconds since the Unix epoch: the signing time.
pub fn now_secs() -> i64 {
    (js_sys::Date::now() / 1000.0) as i64
}

/// A random UUID from the browser's CSPRNG, for `clientToken`.
pub fn uuid() -> String {
    web_sys::window().and_then(|w| w.crypto().ok()).map(|c| c.random_uuid()).unwrap_or_else(|| format!("t-{}", js_sys::Date::now() as u64))
}

/// `/`-separated path segments encoded for a URL (each as in the canonical URI).
pub fn encode_path(path: &str) -> String {
    palisade_core::sign::encoding::uri_encode_except_slash(path)
}

/// `a=1&flag` with the names and values encoded; flags (empty values) go bare.
pub fn encode_query(query: &[(&str, &str)]) -> String {
    use palisade_core::sign::encoding::uri_encode;
    let parts: Vec<String> =
        query.iter().map(|(k, v)| if v.is_empty() { uri_encode(k) } else { format!("{}={}", uri_encode(k), uri_encode(v)) }).collect();
    parts.join("&")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn queries_encode_names_and_values_and_leave_flags_bare() {
        assert_eq!(encode_query(&[("authorizeRule", ""), ("clientToken", "a b/c")]), "authorizeRule&clientToken=a%20b%2Fc");
        assert_eq!(encode_query(&[("marker", "测"), ("maxKeys", "10")]), "marker=%E6%B5%8B&maxKeys=10");
        assert_eq!(encode_query(&[]), "");
        assert_eq!(encode_path("/v2/securityGroup/g 1"), "/v2/securityGroup/g%201");
    }
}
