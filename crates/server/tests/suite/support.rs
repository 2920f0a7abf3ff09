//! What several test files share: `palisade serve`'s router with the embedded emulator
//! on a free loopback port, behind the real accept loop.

use std::sync::Arc;

use palisade_emulator::Emulator;
use palisade_server::listen::{self, Limits};
use palisade_server::proxy::Regions;
use palisade_server::security_headers::SecurityHeaders;
use palisade_server::serve::{router, AppState};
use palisade_server::static_files::StaticFiles;

/// Serves a one-file console and the embedded emulator with `limits`; returns `host:port`.
pub async fn serve(limits: Limits) -> String {
    let dist = std::env::temp_dir().join(format!("palisade-test-dist-{}", std::process::id()));
    std::fs::create_dir_all(&dist).unwrap();
    std::fs::write(dist.join("index.html"), "<!doctype html><title>t</title>").unwrap();
    let emulator = Arc::new(Emulator::open(":memory:", Emulator::demo_credentials()).unwrap());
    let state = Arc::new(AppState::with_emulator(
        StaticFiles::load(&dist).unwrap(),
        SecurityHeaders::new("'none'").unwrap(),
        Regions::default(),
        palisade_emulator::router(emulator),
    ));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap().to_string();
    tokio::spawn(listen::serve(listener, router(state), limits, std::future::pending()));
    addr
}
