//! One page, one chunk (#32): each feature page's view is built behind a split point, so
//! its code is fetched when the page is first opened (or prefetched when the browser is
//! idle, or on hover of its link), not before the first page shows.
//!
//! With the `split` feature (the release build, `crates/split` runs the splitter) a split
//! point is `wasm_split(…, fallible)`: a chunk that fails to load is an `Err`, shown with
//! Retry, and the next attempt fetches it again. Leptos 0.8's own `#[lazy]` panics on a
//! failed fetch, which `panic = "abort"` turns into a dead console. Without the feature
//! (`trunk serve`, the browser tests, native tests) the same functions are plain async
//! functions: a build with split points that has not been through the splitter cannot load.

pub use leptos::wasm_split::SplitLoaderError;

/// `split_page!(chunk, prefetch, pub fn name(args) { body })`: `name(args).await` builds the
/// page's view from chunk `chunk` (loading it first); `prefetch().await` only loads it.
macro_rules! split_page {
    ($chunk:ident, $prefetch:ident, $(#[$m:meta])* $vis:vis fn $name:ident($($a:ident: $t:ty),* $(,)?) $body:block) => {
        #[cfg(feature = "split")]
        #[::leptos::wasm_split::wasm_split($chunk, wasm_split_path = ::leptos::wasm_split, preload($prefetch), fallible)]
        $(#[$m])* $vis fn $name($($a: $t),*) -> Result<::leptos::prelude::AnyView, $crate::split::SplitLoaderError> {
            let view: ::leptos::prelude::AnyView = $body;
            Ok(view)
        }
        #[cfg(not(feature = "split"))]
        $(#[$m])* $vis async fn $name($($a: $t),*) -> Result<::leptos::prelude::AnyView, $crate::split::SplitLoaderError> {
            let view: ::leptos::prelude::AnyView = $body;
            Ok(view)
        }
        #[cfg(not(feature = "split"))]
        $vis async fn $prefetch() -> Result<(), $crate::split::SplitLoaderError> {
            Ok(())
        }
    };
}
pub(crate) use split_page;

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};

use leptos::prelude::*;

use crate::i18n::{use_i18n, Msg};

/// Polls a future once, without waiting: its value if it is ready now.
fn now<F: Future + Unpin>(f: &mut F) -> Option<F::Output> {
    match Pin::new(f).poll(&mut Context::from_waker(Waker::noop())) {
        Poll::Ready(v) => Some(v),
        Poll::Pending => None,
    }
}

/// Where a chunk is: on its way, here, or refused (the network, the server).
#[derive(Clone, Copy, PartialEq)]
enum Chunk {
    Loading,
    Here,
    Failed,
}

/// A view built behind a split point: a placeholder until its chunk has arrived, and if it
/// fails to load, why, with Retry (the next attempt fetches it again).
///
/// Loading and building are apart: `fetch` (the split point's prefetch) brings the chunk,
/// and only once it is here, and only if this view is still shown, is `build` (the split
/// function, ready at once now) called, under this view's owner. A view built when its
/// chunk arrived late, after the user had moved on, would run under a disposed owner.
pub fn deferred<P, PF, B, BF>(fetch: P, build: B) -> impl IntoView
where
    P: Fn() -> PF + Send + Sync + 'static,
    PF: Future<Output = Result<(), SplitLoaderError>> + 'static,
    B: Fn() -> BF + Send + Sync + 'static,
    BF: Future<Output = Result<AnyView, SplitLoaderError>> + 'static,
{
    let i18n = use_i18n();
    let state = RwSignal::new(Chunk::Loading);
    let fetch = StoredValue::new(fetch);
    let start = move || {
        let Some(mut pending) = fetch.try_with_value(|f| Box::pin(f())) else { return };
        // Here already (an unsplit build, or a chunk loaded before): no placeholder at all.
        match now(&mut pending) {
            Some(r) => state.set(if r.is_ok() { Chunk::Here } else { Chunk::Failed }),
            None => {
                state.set(Chunk::Loading);
                leptos::task::spawn_local(async move {
                    let arrived = if pending.await.is_ok() { Chunk::Here } else { Chunk::Failed };
                    // `try_set` hands the value back when the view is gone: nothing to build.
                    let _ = state.try_set(arrived);
                });
            }
        }
    };
    start();
    let loading = || {
        view! {
            <div class="list-state loading" data-test="chunk-loading">
                <span class="skeleton"></span>
                <span class="skeleton"></span>
                <span class="skeleton"></span>
            </div>
        }
        .into_any()
    };
    let failed = move || {
        view! {
            <div class="error-notice" role="alert" data-test="page-load-failed">
                <p>{i18n.s(Msg::PageLoadFailed)}</p>
                <button type="button" data-test="page-retry" on:click=move |_| start()>
                    {i18n.s(Msg::Retry)}
                </button>
            </div>
        }
        .into_any()
    };
    move || match state.get() {
        Chunk::Loading => loading(),
        Chunk::Failed => failed(),
        Chunk::Here => match now(&mut Box::pin(untrack(&build))) {
            Some(Ok(view)) => view,
            Some(Err(_)) => failed(),
            // The chunk is here: the split function does not wait. Should it, the
            // placeholder stays rather than a half-built page.
            None => loading(),
        },
    }
}
