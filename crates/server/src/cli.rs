//! The command line: `serve`, `emulator`, `sign`.

use std::process::ExitCode;

use clap::{Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(name = "palisade", version, about = "Security groups for Baidu AI Cloud and Huawei Cloud")]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve the console and the same-origin API proxy.
    Serve(crate::serve::ServeArgs),
    /// Serve both clouds' APIs at their real paths (for SDKs and curl).
    Emulator(crate::emulator_cmd::EmulatorArgs),
    /// Sign a request and print the headers to add (for curl).
    Sign(crate::sign_cmd::SignArgs),
}

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Sign(args) => crate::sign_cmd::run(&args),
        Command::Serve(args) => run_async(crate::serve::run(args)),
        Command::Emulator(args) => run_async(crate::emulator_cmd::run(args)),
    }
}

fn run_async<F: std::future::Future<Output = crate::process::Result>>(f: F) -> ExitCode {
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
    // Logs go to standard error; standard output carries only the start lines (`say`).
    let _ = tracing_subscriber::fmt().with_env_filter(filter).with_target(false).with_writer(std::io::stderr).try_init();
}
