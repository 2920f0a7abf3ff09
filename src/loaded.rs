//! Data loaded from the API, as a Leptos `LocalResource`: it loads when created, again
//! when a signal its loader reads changes (the region, the keys) or on `reload`, and the
//! newest load wins even when an older one answers last. A failed reload keeps the last
//! good value on screen, marked stale.

use std::future::Future;

use leptos::prelude::*;

use crate::api::ApiError;

pub struct Loaded<T: Send + Sync + 'static> {
    resource: LocalResource<Result<T, ApiError>>,
    /// Loads in flight, counted by a guard each load holds until it ends or is dropped.
    in_flight: RwSignal<usize>,
    /// The last successful value (kept after a failed reload).
    pub value: Memo<Option<T>>,
    /// The error of the newest load, if it failed.
    pub error: Memo<Option<ApiError>>,
}

impl<T: Send + Sync + 'static> Clone for Loaded<T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T: Send + Sync + 'static> Copy for Loaded<T> {}

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

impl<T: Clone + PartialEq + Send + Sync + 'static> Loaded<T> {
    /// `load` runs now and on every reload; signals it reads (tracked) reload it.
    pub fn new<Fut>(load: impl Fn() -> Fut + 'static) -> Self
    where
        Fut: Future<Output = Result<T, ApiError>> + 'static,
    {
        let in_flight = RwSignal::new(0usize);
        let resource = LocalResource::new(move || {
            let fut = load();
            async move {
                let _in_flight = InFlight::start(in_flight);
                fut.await
            }
        });
        let value = Memo::new(move |previous: Option<&Option<T>>| {
            resource.with(|r| match r {
                Some(Ok(v)) => Some(v.clone()),
                _ => previous.cloned().flatten(),
            })
        });
        let error = Memo::new(move |_| resource.with(|r| r.as_ref().and_then(|r| r.as_ref().err().cloned())));
        Self { resource, in_flight, value, error }
    }

    pub fn reload(&self) {
        self.resource.refetch();
    }

    pub fn busy(&self) -> Signal<bool> {
        let in_flight = self.in_flight;
        Signal::derive(move || in_flight.get() > 0)
    }

    /// A value is shown, but the newest load failed: what is on screen may be out of date.
    pub fn stale(&self) -> Signal<bool> {
        let (value, error) = (self.value, self.error);
        Signal::derive(move || error.with(Option::is_some) && value.with(Option::is_some))
    }
}
