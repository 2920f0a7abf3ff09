//! `palisade serve`: the console's static files, `/api/config`, and under `/api/` the
//! same-origin proxy (to the embedded emulator by default).

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;

use clap::ValueEnum;

use axum::extract::{Request, State};
use axum::http::{header, Method};
use axum::response::{IntoResponse, Response};
use axum::Router;
use palisade_emulator::{fixtures, Emulator, DEMO_ACCESS_KEY, DEMO_SECRET_KEY};

use tokio::sync::Semaphore;

use crate::cloud::CloudClient;
use crate::guard::Guard;
use crate::hosts::AllowedHosts;
use crate::journal::{Bounds, Journal};
use crate::listen::ConnectionArgs;
use crate::process::{say, shutdown_signal, Result};
use crate::proxy::{self, Upstream};
use crate::security_headers::SecurityHeaders;
use crate::static_files::StaticFiles;
use axum::http::StatusCode;
use palisade_core::config::{Demo, Mode, Regions, ServerConfig};
use palisade_core::Cloud;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum UpstreamKind {
    /// The embedded emulator, in this process.
    Emulator,
    /// The real API hosts over TLS.
    Cloud,
}

#[derive(Debug, Clone, clap::Args)]
pub struct ServeArgs {
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub listen: SocketAddr,
    /// The built console (Trunk's output).
    #[arg(long, default_value = "dist")]
    pub dist: PathBuf,
    #[arg(long, value_enum, default_value_t = UpstreamKind::Emulator)]
    pub upstream: UpstreamKind,
    /// The CSP `frame-ancestors` sources allowed to embed the console, e.g.
    /// `'self' https://portal.example.com`. Default: `'none'`.
    #[arg(long, default_value = "'none'")]
    pub frame_ancestors: String,
    /// The embedded emulator's state: a SQLite file, or `:memory:`. Default:
    /// `$XDG_DATA_HOME/palisade/state.sqlite` (or `~/.local/share/...`).
    #[arg(long)]
    pub state: Option<String>,
    /// Requests forwarded at once; more are answered 503 at once.
    #[arg(long, default_value_t = crate::proxy::DEFAULT_MAX_IN_FLIGHT)]
    pub max_in_flight: usize,
    /// Cloud mode: seconds to connect (TCP and TLS) before answering 504.
    #[arg(long, default_value_t = 5)]
    pub connect_timeout: u64,
    /// Cloud mode: seconds without an answer byte before answering 504.
    #[arg(long, default_value_t = 30)]
    pub read_timeout: u64,
    /// Cloud mode: reach every allowlisted API host at this address instead of via DNS
    /// (an egress gateway, or the tests' local TLS upstream). TLS still verifies the
    /// real host name.
    #[arg(long)]
    pub cloud_address: Option<SocketAddr>,
    /// Emulator mode: use a separate `palisade emulator` at this loopback address instead
    /// of the embedded one (e.g. one emulator shared by several consoles; load runs).
    #[arg(long, conflicts_with = "state")]
    pub emulator_address: Option<SocketAddr>,
    /// Cloud mode: an extra trusted root certificate (PEM).
    #[arg(long)]
    pub ca_file: Option<PathBuf>,
    /// Emulator mode: answer only the fields the real API returns (no group ids on
    /// service network interface cards). The console needs nothing more.
    #[arg(long)]
    pub hide_emulator_fields: bool,
    /// A host name to answer to besides the loopback names and the listen address
    /// (DNS rebinding protection); repeatable.
    #[arg(long)]
    pub allowed_host: Vec<String>,
    /// Emulator mode on a non-loopback address all the same: `/api/config` hands the
    /// demo keys to anyone who reaches it, and the emulator's state is theirs to change.
    #[arg(long)]
    pub expose_emulator: bool,
    /// The journal of every changing call: a SQLite file, `postgres://…`, or `off`.
    /// Default: `journal.sqlite` beside the state (in memory with `--state :memory:`).
    #[arg(long)]
    pub journal: Option<String>,
    /// A file holding the token that lets a client off loopback read `/api/journal`
    /// (`Authorization: Bearer <token>`); loopback clients need none.
    #[arg(long)]
    pub journal_token_file: Option<PathBuf>,
    /// Journal entries older than this many days are dropped, oldest first.
    #[arg(long, default_value_t = 400)]
    pub journal_max_age_days: u32,
    /// At most this many journal entries are kept, oldest dropped first.
    #[arg(long, default_value_t = 1_000_000)]
    pub journal_max_entries: u64,
    /// A TOML policy every changing call is checked against before it is forwarded.
    #[arg(long)]
    pub policy: Option<PathBuf>,
    #[command(flatten)]
    pub connections: ConnectionArgs,
}

impl ServeArgs {
    pub fn cloud_options(&self) -> crate::cloud::CloudOptions {
        crate::cloud::CloudOptions {
            connect_timeout: std::time::Duration::from_secs(self.connect_timeout.max(1)),
            read_timeout: std::time::Duration::from_secs(self.read_timeout.max(1)),
            address: self.cloud_address,
            ca_file: self.ca_file.clone(),
        }
    }

    pub fn state_path(&self) -> std::io::Result<String> {
        if let Some(s) = &self.state {
            return Ok(s.clone());
        }
        Ok(Self::data_dir()?.join("state.sqlite").display().to_string())
    }

    /// Where the journal is kept: `None` when it is off.
    pub fn journal_spec(&self) -> std::io::Result<Option<String>> {
        match self.journal.as_deref() {
            Some("off") => Ok(None),
            Some(spec) => Ok(Some(spec.to_owned())),
            None => match self.state.as_deref() {
                Some(":memory:") if self.upstream == UpstreamKind::Emulator && self.emulator_address.is_none() => {
                    Ok(Some(":memory:".into()))
                }
                Some(state) if self.upstream == UpstreamKind::Emulator && self.emulator_address.is_none() => {
                    let dir =
                        std::path::Path::new(state).parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(std::path::Path::new("."));
                    Ok(Some(dir.join("journal.sqlite").display().to_string()))
                }
                _ => Ok(Some(Self::data_dir()?.join("journal.sqlite").display().to_string())),
            },
        }
    }

    fn data_dir() -> std::io::Result<PathBuf> {
        let base = std::env::var_os("XDG_DATA_HOME")
            .map(PathBuf::from)
            .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".local/share")))
            .unwrap_or_else(|| PathBuf::from("."));
        let dir = base.join("palisade");
        std::fs::create_dir_all(&dir)?;
        Ok(dir)
    }
}

pub struct AppState {
    pub files: StaticFiles,
    pub security: SecurityHeaders,
    pub regions: Regions,
    /// The embedded emulator (called in process) or the real clouds.
    pub upstream: Upstream,
    pub in_flight: Arc<Semaphore>,
    /// The `Host` names this server answers to (DNS rebinding).
    pub hosts: AllowedHosts,
    /// The policy and the journal of changing calls.
    pub guard: Guard,
    /// What a client off loopback sends to read the journal.
    pub journal_token: Option<String>,
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
            guard: Guard::default(),
            journal_token: None,
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
    } else if path == "/api/journal" && req.method() == Method::GET {
        crate::journal_api::respond(&state, req).await
    } else if path == "/api/policy" && req.method() == Method::GET {
        crate::journal_api::policy(&state)
    } else if path.starts_with("/api/") {
        proxy::forward(&state.upstream, &state.regions, &state.in_flight, &state.guard, req).await
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
    // A bad policy stops the start, with the line and the field.
    let policy = match &args.policy {
        None => None,
        Some(file) => {
            let text = std::fs::read_to_string(file).map_err(|e| format!("--policy {}: {e}", file.display()))?;
            let policy = palisade_core::policy::Policy::from_toml(&text).map_err(|e| format!("--policy {}: {e}", file.display()))?;
            say(&format!("policy: {} (forbids {}, remark required: {})", file.display(), policy.forbid.len(), policy.require.remark));
            Some(policy)
        }
    };
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
    let journal = match args.journal_spec()? {
        None => None,
        Some(spec) => {
            let bounds = Bounds { max_age_days: args.journal_max_age_days.max(1), max_entries: args.journal_max_entries.max(1) };
            let journal = Journal::open(&spec, bounds).await?;
            // The URL may hold a password: name the kind only.
            say(&format!("journal: {}", if spec.starts_with("postgres") { "PostgreSQL" } else { spec.as_str() }));
            Some(journal)
        }
    };
    let journal_token = match &args.journal_token_file {
        None => None,
        Some(file) => {
            let token =
                std::fs::read_to_string(file).map_err(|e| format!("--journal-token-file {}: {e}", file.display()))?.trim().to_owned();
            if token.len() < 16 {
                return Err(format!("--journal-token-file {}: the token is shorter than 16 characters", file.display()).into());
            }
            Some(token)
        }
    };
    let state = Arc::new(AppState {
        files,
        security,
        regions,
        upstream,
        in_flight: Arc::new(Semaphore::new(args.max_in_flight.max(1))),
        hosts,
        guard: Guard { policy, journal },
        journal_token,
    });
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
