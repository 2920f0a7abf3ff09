//! One HTTP exchange with the same-origin proxy, over `gloo-net`'s `fetch`.

use std::cell::RefCell;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use gloo_net::http::{Method, RequestBuilder};
use web_sys::{AbortController, AbortSignal, RequestCache, RequestCredentials};

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

thread_local! {
    /// The abort signal of the load being polled (see [`Scoped`]).
    static SCOPE: RefCell<Option<AbortSignal>> = const { RefCell::new(None) };
    /// The change being sent (see [`Tagged`]).
    static CHANGE: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// The header naming the change a changing request belongs to: the id its impact view
/// showed. `palisade serve` journals it (and never forwards it); a test reads it to prove
/// that every changing call was shown before it was sent.
pub const CHANGE_HEADER: &str = "x-palisade-change";

/// A future whose changing requests carry `change` (the id of the impact view the user
/// confirmed), set while it is polled as [`Scoped`] sets its signal.
pub struct Tagged<F> {
    change: String,
    future: Pin<Box<F>>,
}

impl<F> Tagged<F> {
    pub fn new(change: String, future: F) -> Self {
        Tagged { change, future: Box::pin(future) }
    }
}

impl<F: Future> Future for Tagged<F> {
    type Output = F::Output;
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<F::Output> {
        let outer = CHANGE.with(|s| s.replace(Some(self.change.clone())));
        let polled = self.future.as_mut().poll(cx);
        CHANGE.with(|s| *s.borrow_mut() = outer);
        polled
    }
}

/// A future whose requests all carry `signal`: set while it is polled, read by `send`
/// when it starts a request. A page's loads run under their page's signal, aborted when
/// the page is left (`loaded.rs`), so their requests stop instead of running on unseen.
/// Leptos does not drop a resource's future when its owner goes, so dropping alone
/// would not do it. A change keeps running (it is not scoped): its outcome is reported
/// even after its page is gone (`change.rs`).
pub struct Scoped<F> {
    signal: AbortSignal,
    future: Pin<Box<F>>,
}

impl<F> Scoped<F> {
    pub fn new(signal: AbortSignal, future: F) -> Self {
        Scoped { signal, future: Box::pin(future) }
    }
}

impl<F: Future> Future for Scoped<F> {
    type Output = F::Output;
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<F::Output> {
        let outer = SCOPE.with(|s| s.replace(Some(self.signal.clone())));
        let polled = self.future.as_mut().poll(cx);
        SCOPE.with(|s| *s.borrow_mut() = outer);
        polled
    }
}

/// Aborts its request if dropped before the answer was read.
struct AbortOnDrop(Option<AbortController>);

impl Drop for AbortOnDrop {
    fn drop(&mut self) {
        if let Some(controller) = self.0.take() {
            controller.abort();
        }
    }
}

/// Sends a request and reads the whole answer. Only a failure to get any answer is an
/// error here; error statuses are for the caller to read in its cloud's format.
pub async fn send(method: &str, url: &str, headers: &[(String, String)], body: Option<&str>) -> Result<Reply, ApiError> {
    let net = |e: gloo_net::Error| ApiError::Network(e.to_string());
    let method = Method::from_bytes(method.as_bytes()).map_err(|e| ApiError::Local(e.to_string()))?;
    let changing = method != Method::GET;
    // The scope's signal (a page's load), else one of its own, aborted if dropped.
    let scope = SCOPE.with(|s| s.borrow().clone());
    let mut abort = AbortOnDrop(if scope.is_some() { None } else { AbortController::new().ok() });
    let signal = scope.or_else(|| abort.0.as_ref().map(|c| c.signal()));
    let mut builder = RequestBuilder::new(url)
        .method(method.clone())
        // The proxy is same-origin; cookies are never needed (and the proxy strips them).
        .credentials(RequestCredentials::Omit)
        .cache(RequestCache::NoStore)
        .abort_signal(signal.as_ref());
    for (name, value) in headers {
        builder = builder.header(name, value);
    }
    // A changing request names its change (not signed: the proxy journals and drops it).
    // One sent outside a shown change is a console bug: refused here, never sent.
    if changing {
        match CHANGE.with(|c| c.borrow().clone()) {
            Some(change) => builder = builder.header(CHANGE_HEADER, &change),
            None => return Err(ApiError::Local(format!("{method} {url}: a change sent without its impact shown"))),
        }
    }
    let request = match body {
        Some(body) => builder.body(body),
        None => builder.build(),
    }
    .map_err(net)?;
    let response = request.send().await.map_err(net)?;
    let status = response.status();
    let headers = response.headers();
    let request_id = ["x-bce-request-id", "x-request-id"].iter().find_map(|h| headers.get(h)).unwrap_or_default();
    let server_time = headers.get("date").map(|d| js_sys::Date::parse(&d)).filter(|t| t.is_finite()).map(|t| (t / 1000.0) as i64);
    let body = response.text().await.map_err(net)?;
    // Answered: nothing left to abort.
    abort.0 = None;
    Ok(Reply { status, request_id, body, server_time })
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
