//! The policy `palisade serve` enforces (#35), loaded once from `/api/policy` and read by
//! every review: the console marks what the proxy would refuse, before sending it.

use leptos::prelude::*;
use leptos::task::spawn_local;
use palisade_core::policy::Policy;

use crate::api::team::PolicyInfo;
use crate::api::Api;

/// `None` until `/api/policy` answers (or when it cannot: an older server, a portal that
/// does not pass it on; then nothing is marked and the proxy still judges).
#[derive(Clone, Copy)]
pub struct PolicyState(pub RwSignal<Option<PolicyInfo>>);

/// Provides the policy's state and loads it.
pub fn provide(api: Api) -> PolicyState {
    let state = PolicyState(RwSignal::new(None));
    provide_context(state);
    spawn_local(async move {
        if let Ok(info) = api.policy().await {
            // The console may have been unmounted meanwhile.
            let _ = state.0.try_set(Some(info));
        }
    });
    state
}

/// The enforced policy, tracked (a review made before it loads is made again after).
pub fn current() -> Option<Policy> {
    let state = use_context::<PolicyState>()?;
    state.0.try_with(|p| p.as_ref().filter(|i| i.enforced && !i.policy.is_empty()).map(|i| i.policy.clone())).flatten()
}
