//! `palisade serve`: the console's static files and, under `/api/`, the proxy.

use std::sync::Arc;

use axum::extract::{Request, State};
use axum::response::Response;
use axum::Router;

use crate::cli::{anyhow_like::Result, ServeArgs};
use crate::security_headers::SecurityHeaders;
use crate::static_files::StaticFiles;

pub struct AppState {
    pub files: StaticFiles,
    pub security: SecurityHeaders,
}

pub fn router(state: Arc<AppState>) -> Router {
    Router::new().fallback(static_handler).with_state(state)
}

async fn static_handler(State(state): State<Arc<AppState>>, req: Request) -> Response {
    let mut res = state.files.respond(req.method(), req.uri().path(), req.headers());
    state.security.apply(res.headers_mut());
    res
}

pub async fn run(args: ServeArgs) -> Result {
    let files = StaticFiles::load(&args.dist)?;
    let security = SecurityHeaders::new(&args.frame_ancestors)?;
    let state = Arc::new(AppState { files, security });
    let listener = tokio::net::TcpListener::bind(args.listen).await?;
    let addr = listener.local_addr()?;
    println!("Palisade console: http://{addr}/");
    axum::serve(listener, router(state)).with_graceful_shutdown(shutdown_signal()).await?;
    Ok(())
}

pub async fn shutdown_signal() {
    let _ = tokio::signal::ctrl_c().await;
}
