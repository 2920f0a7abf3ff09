//! An emulator of the clouds' security-group APIs at their real paths, so the console,
//! its tests and the official SDKs work offline. Behaviour comes from `palisade-core`
//! (validation, signing); this crate adds state (SQLite) and routing.

pub mod bce;
pub mod fixtures;
pub mod huawei;
pub mod ids;
pub mod request;
pub mod store;

use std::sync::Arc;

use axum::extract::{Request, State};
use axum::response::Response;
use axum::Router;
use palisade_core::sign::StaticCredentials;

pub use store::{Store, StoreError};

/// The demo pair printed at start and offered by the console in emulator mode.
pub const DEMO_ACCESS_KEY: &str = "palisade-demo-ak";
pub const DEMO_SECRET_KEY: &str = "palisade-demo-sk-not-a-secret";

/// Bodies larger than this are refused before they are read in full.
pub const MAX_BODY_BYTES: usize = 1 << 20;

pub struct Emulator {
    pub store: Store,
    pub credentials: StaticCredentials,
    /// Add the ids of a service network interface card's groups to its answers, which the
    /// real API does not (`--hide-emulator-fields` turns this off).
    pub extra_fields: bool,
}

impl Emulator {
    /// Opens (or creates) the state at `path` (`:memory:` for none) and loads the demo
    /// fixtures on first start.
    pub fn open(path: &str, credentials: StaticCredentials) -> Result<Self, StoreError> {
        let store = Store::open(path)?;
        fixtures::load_if_empty(&store)?;
        Ok(Self { store, credentials, extra_fields: true })
    }

    pub fn demo_credentials() -> StaticCredentials {
        StaticCredentials(vec![(DEMO_ACCESS_KEY.to_owned(), DEMO_SECRET_KEY.to_owned())])
    }
}

/// Every route of both clouds.
pub fn router(emulator: Arc<Emulator>) -> Router {
    Router::new().fallback(dispatch).with_state(emulator)
}

async fn dispatch(State(emu): State<Arc<Emulator>>, req: Request) -> Response {
    // Huawei lives under /v3/{project_id}/...; everything else is Baidu's (whose APIs are
    // /v1 and /v2). A Huawei call the emulator does not serve (`…/ports/…`) is so answered
    // in Huawei's form, 404 APIGW.0101, not refused as a Baidu signature.
    let path = req.uri().path();
    if path.starts_with("/v3/") {
        huawei::handle(emu, req).await
    } else {
        bce::handle(emu, req).await
    }
}

/// Runs a request's verification and store work on the blocking pool: a commit waits
/// for fsync, and on an async worker that wait would stall every other request the
/// runtime serves (the console's static files among them). `None` if `f` panicked.
pub(crate) async fn off_the_runtime<T: Send + 'static>(emu: Arc<Emulator>, f: impl FnOnce(&Emulator) -> T + Send + 'static) -> Option<T> {
    tokio::task::spawn_blocking(move || f(&emu)).await.ok()
}

/// Now, as both clouds' answers write times (`2026-01-05T08:00:00Z`).
pub fn now_text() -> String {
    palisade_core::sign::timestamp::format_bce(now()).unwrap_or_default()
}

/// Seconds since the Unix epoch, from the system clock.
pub fn now() -> i64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs() as i64)
}
