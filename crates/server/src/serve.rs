//! `palisade serve`: the console's static files, `/api/config`, and under `/api/` the
//! same-origin proxy (to the embedded emulator by default).

use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::{header, Method};
use axum::response::{IntoResponse, Response};
use axum::Router;
use palisade_emulator::{fixtures, Emulator, DEMO_ACCESS_KEY, DEMO_SECRET_KEY};

use tokio::sync::Semaphore;

use crate::cli::{anyhow_like::Result, ServeArgs, Upstream as UpstreamKind};
use crate::cloud::CloudClient;
use crate::hosts::AllowedHosts;
use crate::proxy::{self, Upstream};
use crate::security_headers::SecurityHeaders;
use crate::static_files::StaticFiles;
use axum::http::StatusCode;
use palisade_core::config::{Demo, Mode, Regions, ServerConfig};
use palisade_core::Cloud;

pub struct AppState {
    pub files: StaticFiles,
    pub security: SecurityHeaders,
    pub regions: Regions,
    /// The embedded emulator (called in process) or the real clouds.
    pub upstream: Upstream,
    pub in_flight: Arc<Semaphore>,
    /// The `Host` names this server answers to (DNS rebinding).
    pub hosts: AllowedHosts,
}

impl AppState {
    /// State for the embedded emulator with the default limits (tests, `serve`).
    pub fn with_emulator(files: StaticFiles, security: SecurityHeaders, regions: Regions, emulator: Router) -> Self {
        Self {
            files,
            security,
            regions,
            upstream: Upstream::Emulator(emulator),
            in_flight: Arc::new(Semaphore::new(proxy::DEFAULT_MAX_IN_FLIGHT)),
            hosts: AllowedHosts::default(),
        }
    }
}

pub fn router(state: Arc<AppState>) -> Router {
    Router::new().fallback(handle).with_state(state)
}

/// `/api/config`: what the console needs to start. In emulator mode it includes the
/// demo credentials (public by design), so a new user has nothing to type.
fn config(state: &AppState) -> Response {
    let (mode, demo) = match state.upstream {
        Upstream::Emulator(_) | Upstream::LoopbackEmulator(_) => (
            Mode::Emulator,
            Some(Demo {
                access_key: DEMO_ACCESS_KEY.to_owned(),
                secret_key: DEMO_SECRET_KEY.to_owned(),
                huawei_project_id: fixtures::DEMO_PROJECT.to_owned(),
            }),
        ),
        Upstream::Cloud(_) => (Mode::Cloud, None),
    };
    let body = ServerConfig { mode, regions: state.regions.clone(), demo };
    ([(header::CONTENT_TYPE, "application/json"), (header::CACHE_CONTROL, "no-store")], serde_json::to_string(&body).unwrap_or_default())
        .into_response()
}

async fn handle(State(state): State<Arc<AppState>>, req: Request) -> Response {
    let path = req.uri().path();
    let mut res = if !state.hosts.allows_host(req.headers()) {
        // 421: this server is not the one that name is for (a rebound DNS name).
        (StatusCode::MISDIRECTED_REQUEST, "this server does not answer to that Host name\n").into_response()
    } else if path.starts_with("/api/") && !state.hosts.allows_origin(req.method(), req.headers()) {
        let cloud = if path.starts_with("/api/huawei/") { Cloud::Huawei } else { Cloud::Bce };
        proxy::refusal_response(cloud, &proxy::Refusal::Origin, &uuid::Uuid::new_v4().to_string())
    } else if path == "/api/config" && req.method() == Method::GET {
        config(&state)
    } else if path.starts_with("/api/") {
        proxy::forward(&state.upstream, &state.regions, &state.in_flight, req).await
    } else {
        state.files.respond(req.method(), path, req.headers())
    };
    state.security.apply(res.headers_mut());
    res
}

pub async fn run(args: ServeArgs) -> Result {
    if args.upstream == UpstreamKind::Emulator && !args.listen.ip().is_loopback() && !args.expose_emulator {
        return Err(format!(
            "{} is not a loopback address, and emulator mode hands the demo keys to whoever reaches it: listen on 127.0.0.1, use --upstream cloud, or pass --expose-emulator",
            args.listen
        )
        .into());
    }
    let files = StaticFiles::load(&args.dist)?;
    let security = SecurityHeaders::new(&args.frame_ancestors)?;
    let regions = Regions::default();
    let upstream = match args.upstream {
        UpstreamKind::Emulator if args.emulator_address.is_some() => {
            let addr = args.emulator_address.expect("checked");
            if !addr.ip().is_loopback() {
                return Err("--emulator-address must be a loopback address: requests go to it over plain HTTP".into());
            }
            Upstream::LoopbackEmulator(CloudClient::loopback_emulator(addr, &args.cloud_options(), &regions)?)
        }
        UpstreamKind::Emulator => {
            let mut emulator = Emulator::open(&args.state_path()?, Emulator::demo_credentials())?;
            emulator.extra_fields = !args.hide_emulator_fields;
            let emulator = Arc::new(emulator);
            Upstream::Emulator(palisade_emulator::router(emulator))
        }
        UpstreamKind::Cloud => Upstream::Cloud(CloudClient::new(&args.cloud_options(), &regions)?),
    };
    let hosts = AllowedHosts::new(args.listen, &args.allowed_host);
    let state =
        Arc::new(AppState { files, security, regions, upstream, in_flight: Arc::new(Semaphore::new(args.max_in_flight.max(1))), hosts });
    if !args.listen.ip().is_loopback() {
        say(&format!(
            "warning: {} is not a loopback address: serve it behind TLS (answers travel in clear), and name its host with --allowed-host",
            args.listen
        ));
    }
    let listener = tokio::net::TcpListener::bind(args.listen).await?;
    let addr = listener.local_addr()?;
    say(&format!("Palisade console: http://{addr}/"));
    crate::listen::serve(listener, router(state), args.connections.limits(), shutdown_signal()).await;
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
