//! The state of data fetched from the API: the last value, the last error, and whether
//! a request is in flight. A failed reload keeps the last value on screen.

use std::future::Future;

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::ApiError;

pub struct Remote<T: Send + Sync + 'static> {
    pub value: RwSignal<Option<T>>,
    pub error: RwSignal<Option<ApiError>>,
    pub busy: RwSignal<bool>,
}

impl<T: Send + Sync + 'static> Clone for Remote<T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T: Send + Sync + 'static> Copy for Remote<T> {}

impl<T: Send + Sync + 'static> Default for Remote<T> {
    fn default() -> Self {
        Self::new()
    }
}

impl<T: Send + Sync + 'static> Remote<T> {
    pub fn new() -> Self {
        Self { value: RwSignal::new(None), error: RwSignal::new(None), busy: RwSignal::new(false) }
    }

    /// Runs `fut` and stores its outcome; `try_` because the view may be gone by then.
    pub fn load(self, fut: impl Future<Output = Result<T, ApiError>> + 'static) {
        self.busy.set(true);
        spawn_local(async move {
            let outcome = fut.await;
            match outcome {
                Ok(v) => {
                    self.value.try_set(Some(v));
                    self.error.try_set(None);
                }
                Err(e) => {
                    self.error.try_set(Some(e));
                }
            }
            self.busy.try_set(false);
        });
    }
}
