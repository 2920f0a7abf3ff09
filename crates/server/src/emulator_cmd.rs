//! `palisade emulator`: both clouds' APIs on their own port.

use std::net::SocketAddr;
use std::sync::Arc;

use palisade_core::sign::StaticCredentials;
use palisade_emulator::{Emulator, DEMO_ACCESS_KEY, DEMO_SECRET_KEY};

use axum::extract::Request;
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::IntoResponse;

use crate::hosts::AllowedHosts;
use crate::listen::ConnectionArgs;
use crate::process::{say, shutdown_signal, Result};

#[derive(Debug, Clone, clap::Args)]
pub struct EmulatorArgs {
    #[arg(long, default_value = "127.0.0.1:8787")]
    pub listen: SocketAddr,
    /// A SQLite file, or `:memory:` (the default: a fresh demo state each start).
    #[arg(long, default_value = ":memory:")]
    pub state: String,
    /// Credentials to accept instead of the demo pair (both or neither).
    #[arg(long, requires = "secret_key")]
    pub access_key: Option<String>,
    #[arg(long, requires = "access_key", env = "PALISADE_EMULATOR_SK", hide_env_values = true)]
    pub secret_key: Option<String>,
    /// Answer only the fields the real API returns (no group ids on service network
    /// interface cards), to prove a client needs nothing more.
    #[arg(long)]
    pub hide_emulator_fields: bool,
    /// Listen on a non-loopback address all the same: anyone who reaches it can read and
    /// change the emulator's state (with the demo keys, printed at start, if no others).
    #[arg(long)]
    pub expose_emulator: bool,
    /// A host name to answer to besides the loopback names, the listen address and the
    /// clouds' API hosts (DNS rebinding protection); repeatable.
    #[arg(long)]
    pub allowed_host: Vec<String>,
    #[command(flatten)]
    pub connections: ConnectionArgs,
}

pub async fn run(args: EmulatorArgs) -> Result {
    if !args.listen.ip().is_loopback() && !args.expose_emulator {
        return Err(format!(
            "{} is not a loopback address: anyone who reaches it could change the emulator's state; pass --expose-emulator to listen there all the same",
            args.listen
        )
        .into());
    }
    let (credentials, demo) = match (args.access_key, args.secret_key) {
        (Some(ak), Some(sk)) => (StaticCredentials(vec![(ak, sk)]), false),
        _ => (Emulator::demo_credentials(), true),
    };
    let mut emulator = Emulator::open(&args.state, credentials)?;
    emulator.extra_fields = !args.hide_emulator_fields;
    let emulator = Arc::new(emulator);
    let listener = tokio::net::TcpListener::bind(args.listen).await?;
    let addr = listener.local_addr()?;
    say(&format!("Palisade emulator: http://{addr}/"));
    if demo {
        // The demo pair is public by design; a user's own secret key is never printed.
        say(&format!("Demo credentials: access key {DEMO_ACCESS_KEY}  secret key {DEMO_SECRET_KEY}"));
    }
    // The names it answers to: loopback, its own address, the clouds' API hosts (what an
    // SDK or `serve --emulator-address` sends as Host) and any given; not a rebound name.
    let mut names = args.allowed_host.clone();
    let regions = palisade_core::config::Regions::default();
    for cloud in palisade_core::Cloud::ALL {
        names.extend(regions.of(cloud).iter().map(|r| cloud.api_host(r)));
    }
    let hosts = Arc::new(AllowedHosts::new(addr, &names));
    let app = palisade_emulator::router(emulator).layer(axum::middleware::from_fn(move |req: Request, next: Next| {
        let hosts = hosts.clone();
        async move {
            if hosts.allows_host(req.headers()) {
                next.run(req).await
            } else {
                (StatusCode::MISDIRECTED_REQUEST, "this emulator does not answer to that Host name\n").into_response()
            }
        }
    }));
    crate::listen::serve(listener, app, args.connections.limits(), shutdown_signal()).await;
    Ok(())
}
