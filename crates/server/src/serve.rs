//! `palisade serve`: the console's static files, `/api/config`, and under `/api/` the
//! same-origin proxy (to the embedded emulator by default).

use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::{header, Method};
use axum::response::{IntoResponse, Response};
use axum::Router;
use palisade_emulator::{fixtures, Emulator, DEMO_ACCESS_KEY, DEMO_SECRET_KEY};

use crate::cli::{anyhow_like::Result, ServeArgs, Upstream};
use crate::proxy::{self, Regions};
use crate::security_headers::SecurityHeaders;
use crate::static_files::StaticFiles;

pub struct AppState {
    pub files: StaticFiles,
    pub security: SecurityHeaders,
    pub regions: Regions,
    /// The embedded emulator's routes, called in process.
    pub emulator: Router,
}

pub fn router(state: Arc<AppState>) -> Router {
    Router::new().fallback(handle).with_state(state)
}

/// `/api/config`: what the console needs to start. In emulator mode it includes the
/// demo credentials (public by design), so a new user has nothing to type.
fn config(state: &AppState) -> Response {
    let body = serde_json::json!({
        "mode": "emulator",
        "regions": {"bce": state.regions.bce, "huawei": state.regions.huawei},
        "demo": {"accessKey": DEMO_ACCESS_KEY, "secretKey": DEMO_SECRET_KEY, "huaweiProjectId": fixtures::DEMO_PROJECT},
    });
    ([(header::CONTENT_TYPE, "application/json"), (header::CACHE_CONTROL, "no-store")], body.to_string()).into_response()
}

async fn handle(State(state): State<Arc<AppState>>, req: Request) -> Response {
    let path = req.uri().path();
    let mut res = if path == "/api/config" && req.method() == Method::GET {
        config(&state)
    } else if path.starts_with("/api/") {
        proxy::forward_to_emulator(state.emulator.clone(), &state.regions, req).await
    } else {
        state.files.respond(req.method(), path, req.headers())
    };
    state.security.apply(res.headers_mut());
    res
}

pub async fn run(args: ServeArgs) -> Result {
    if args.upstream == Upstream::Cloud {
        return Err("--upstream cloud is not available yet (issue 7); use the default embedded emulator".into());
    }
    let files = StaticFiles::load(&args.dist)?;
    let security = SecurityHeaders::new(&args.frame_ancestors)?;
    let emulator = Arc::new(Emulator::open(&args.state_path()?, Emulator::demo_credentials())?);
    let state = Arc::new(AppState { files, security, regions: Regions::default(), emulator: palisade_emulator::router(emulator) });
    let listener = tokio::net::TcpListener::bind(args.listen).await?;
    let addr = listener.local_addr()?;
    say(&format!("Palisade console: http://{addr}/"));
    axum::serve(listener, router(state)).with_graceful_shutdown(shutdown_signal()).await?;
    Ok(())
}

/// Prints a startup line. Whoever started us may have stopped reading stdout; that must
/// not take the server down (`println!` would panic on a closed pipe).
pub fn say(line: &str) {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "{line}");
    let _ = out.flush();
}

pub async fn shutdown_signal() {
    let _ = tokio::signal::ctrl_c().await;
}
