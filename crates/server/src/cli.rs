//! The command line: `serve`, `emulator`, `sign`.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

#[derive(Debug, Parser)]
#[command(name = "palisade", version, about = "Security groups for Baidu AI Cloud and Huawei Cloud")]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve the console and the same-origin API proxy.
    Serve(ServeArgs),
    /// Serve both clouds' APIs at their real paths (for SDKs and curl).
    Emulator(EmulatorArgs),
    /// Sign a request and print the headers to add (for curl).
    Sign(crate::sign_cmd::SignArgs),
}

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

/// Limits on client connections, for `serve` and `emulator` alike.
#[derive(Debug, Clone, clap::Args)]
pub struct ConnectionArgs {
    /// Seconds a client has to send a request's headers (also the idle keep-alive limit).
    #[arg(long, default_value_t = crate::listen::DEFAULT_HEADER_TIMEOUT.as_secs())]
    pub header_timeout: u64,
    /// Client connections open at once; more wait in the listen backlog.
    #[arg(long, default_value_t = crate::listen::DEFAULT_MAX_CONNECTIONS)]
    pub max_connections: usize,
}

impl ConnectionArgs {
    pub fn limits(&self) -> crate::listen::Limits {
        crate::listen::Limits {
            header_timeout: std::time::Duration::from_secs(self.header_timeout.max(1)),
            max_connections: self.max_connections.max(1),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Upstream {
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
    #[arg(long, value_enum, default_value_t = Upstream::Emulator)]
    pub upstream: Upstream,
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
        let base = std::env::var_os("XDG_DATA_HOME")
            .map(PathBuf::from)
            .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".local/share")))
            .unwrap_or_else(|| PathBuf::from("."));
        let dir = base.join("palisade");
        std::fs::create_dir_all(&dir)?;
        Ok(dir.join("state.sqlite").display().to_string())
    }
}

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Sign(args) => crate::sign_cmd::run(&args),
        Command::Serve(args) => run_async(crate::serve::run(args)),
        Command::Emulator(args) => run_async(crate::emulator_cmd::run(args)),
    }
}

fn run_async<F: std::future::Future<Output = anyhow_like::Result>>(f: F) -> ExitCode {
    init_logging();
    let rt = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("palisade: cannot start the runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    match rt.block_on(f) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("palisade: {e}");
            ExitCode::FAILURE
        }
    }
}

fn init_logging() {
    use tracing_subscriber::EnvFilter;
    let filter = EnvFilter::try_from_env("PALISADE_LOG").unwrap_or_else(|_| EnvFilter::new("info"));
    let _ = tracing_subscriber::fmt().with_env_filter(filter).with_target(false).try_init();
}

/// A boxed error for the top level, where the only thing left to do is print it.
pub mod anyhow_like {
    pub type Error = Box<dyn std::error::Error + Send + Sync>;
    pub type Result<T = ()> = std::result::Result<T, Error>;
}
