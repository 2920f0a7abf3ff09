//! Data loaded from the API, as a Leptos `LocalResource`: it loads when created, again
//! when a signal its loader reads changes (the region, the keys) or on `reload`, and the
//! newest request's answer is the one that stays (the resource runs loads one after
//! another). A failed reload keeps the last good value on screen, marked stale.
//!
//! The resource holds the value type-erased (`Arc<dyn Any>`), so every `Loaded<T>` shares
//! one instantiation of the resource machinery: one per `T` cost tens of KB of wasm.

use std::any::Any;
use std::future::Future;
use std::marker::PhantomData;
use std::pin::Pin;
use std::sync::Arc;

use leptos::prelude::*;

use send_wrapper::SendWrapper;

use crate::api::transport::Scoped;
use crate::api::ApiError;

type Value = Arc<dyn Any + Send + Sync>;
type LoadFuture = Pin<Box<dyn Future<Output = Result<Value, ApiError>>>>;

/// The part that does not depend on `T`.
#[derive(Clone, Copy)]
struct Core {
    resource: LocalResource<Result<Value, ApiError>>,
    /// Loads in flight, counted by a guard each load holds until it ends or is dropped.
    in_flight: RwSignal<usize>,
    /// The last successful value (kept after a failed reload).
    last_good: RwSignal<Option<Value>>,
    error: Memo<Option<ApiError>>,
}

/// Counts one load in flight for as long as it lives; `try_` because the console may be
/// unmounted before the load's future is dropped.
struct InFlight(RwSignal<usize>);

impl InFlight {
    fn start(count: RwSignal<usize>) -> Self {
        count.try_update(|n| *n += 1);
        Self(count)
    }
}

impl Drop for InFlight {
    fn drop(&mut self) {
        self.0.try_update(|n| *n = n.saturating_sub(1));
    }
}

impl Core {
    fn new(load: Box<dyn Fn() -> LoadFuture>) -> Self {
        let in_flight = RwSignal::new(0usize);
        // One abort signal for the loads of this view: aborted when the view goes, so
        // requests still on the wire stop (see `transport::Scoped`).
        let controller = web_sys::AbortController::new().ok().map(SendWrapper::new);
        let signal = controller.as_ref().map(|c| c.signal());
        let resource = LocalResource::new(move || {
            let fut = load();
            let signal = signal.clone();
            async move {
                let _in_flight = InFlight::start(in_flight);
                match signal {
                    Some(signal) => Scoped::new(signal, fut).await,
                    None => fut.await,
                }
            }
        });
        on_cleanup(move || {
            if let Some(c) = controller {
                c.abort();
            }
        });
        let last_good = RwSignal::new(None::<Value>);
        // Subscribed for as long as the view lives, which also keeps the resource loading.
        Effect::new(move |_| {
            if let Some(Ok(v)) = resource.with(|r| r.clone()) {
                last_good.set(Some(v));
            }
        });
        let error = Memo::new(move |_| resource.with(|r| r.as_ref().and_then(|r| r.as_ref().err().cloned())));
        Self { resource, in_flight, last_good, error }
    }
}

pub struct Loaded<T> {
    core: Core,
    /// The error of the newest load, if it failed.
    pub error: Memo<Option<ApiError>>,
    _value: PhantomData<fn() -> T>,
}

impl<T> Clone for Loaded<T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T> Copy for Loaded<T> {}

impl<T: Clone + Send + Sync + 'static> Loaded<T> {
    /// `load` runs now and on every reload; signals it reads (tracked) reload it.
    pub fn new<Fut>(load: impl Fn() -> Fut + 'static) -> Self
    where
        Fut: Future<Output = Result<T, ApiError>> + 'static,
    {
        let core = Core::new(Box::new(move || {
            let fut = load();
            Box::pin(async move { fut.await.map(|v| Arc::new(v) as Value) })
        }));
        Self { core, error: core.error, _value: PhantomData }
    }

    /// Reads the last good value (tracked).
    pub fn with<R>(&self, f: impl FnOnce(Option<&T>) -> R) -> R {
        // Cloning the `Arc` is cheap; a disposed view reads nothing.
        let value = self.core.last_good.try_get().flatten();
        f(value.as_ref().and_then(|v| v.downcast_ref::<T>()))
    }

    /// A clone of the last good value (tracked).
    pub fn get(&self) -> Option<T> {
        self.with(|v| v.cloned())
    }

    /// A clone of the last good value, not tracked.
    pub fn get_untracked(&self) -> Option<T> {
        self.core.last_good.try_get_untracked().flatten().and_then(|v| v.downcast_ref::<T>().cloned())
    }

    pub fn reload(&self) {
        self.core.resource.refetch();
    }

    pub fn busy(&self) -> Signal<bool> {
        let in_flight = self.core.in_flight;
        Signal::derive(move || in_flight.get() > 0)
    }

    /// A value is shown, but the newest load failed: what is on screen may be out of date.
    pub fn stale(&self) -> Signal<bool> {
        let (last_good, error) = (self.core.last_good, self.core.error);
        Signal::derive(move || error.with(Option::is_some) && last_good.with(Option::is_some))
    }
}
