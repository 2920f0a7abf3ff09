//! `palisade emulator`: both clouds' APIs on their own port.

use std::sync::Arc;

use palisade_core::sign::StaticCredentials;
use palisade_emulator::{Emulator, DEMO_ACCESS_KEY, DEMO_SECRET_KEY};

use crate::cli::{anyhow_like::Result, EmulatorArgs};
use crate::serve::say;

pub async fn run(args: EmulatorArgs) -> Result {
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
    crate::listen::serve(listener, palisade_emulator::router(emulator), args.connections.limits(), crate::serve::shutdown_signal()).await;
    Ok(())
}
