//! The accept loop of `serve` and `emulator`: HTTP/1.1 with a header-read deadline, an
//! idle keep-alive deadline, and a cap on open connections, so clients that connect and
//! send nothing (or headers a byte at a time) cannot hold the server.
//!
//! `axum::serve` has none of these: it sets no timer, so hyper's header timeout never
//! runs, and it accepts connections without bound.

use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use tokio::net::TcpListener;
use tokio::sync::Semaphore;

/// CHOICE: 10 s to send a request's headers (from the first byte waited for, so it is
/// also the idle keep-alive limit between requests); 2,048 connections open at once.
pub const DEFAULT_HEADER_TIMEOUT: Duration = Duration::from_secs(10);
pub const DEFAULT_MAX_CONNECTIONS: usize = 2048;

#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// How long a connection may take to deliver a request's headers, counted from when
    /// the server starts waiting for them: on a new connection, and after each answer
    /// on a kept-alive one. Past it the connection is closed.
    pub header_timeout: Duration,
    /// Connections open at once. At the cap the server stops accepting until one
    /// closes; the kernel's backlog holds the newcomers meanwhile (they wait, they are
    /// not reset), and the header timeout bounds how long that can be.
    pub max_connections: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Self { header_timeout: DEFAULT_HEADER_TIMEOUT, max_connections: DEFAULT_MAX_CONNECTIONS }
    }
}

/// Serves `app` on `listener` until `shutdown` completes. Connections still open then
/// are dropped with the runtime.
pub async fn serve(listener: TcpListener, app: Router, limits: Limits, shutdown: impl Future<Output = ()>) {
    tokio::select! {
        () = accept_loop(listener, app, limits) => {}
        () = shutdown => {}
    }
}

async fn accept_loop(listener: TcpListener, app: Router, limits: Limits) {
    let open = Arc::new(Semaphore::new(limits.max_connections.max(1)));
    let mut http = http1::Builder::new();
    http.timer(TokioTimer::new()).header_read_timeout(limits.header_timeout).keep_alive(true);
    loop {
        // Wait for room before accepting: over the cap, newcomers queue in the backlog.
        let Ok(permit) = open.clone().acquire_owned().await else { return };
        let (stream, peer) = match listener.accept().await {
            Ok(s) => s,
            Err(e) => {
                // EMFILE and friends: back off instead of spinning on the error.
                tracing::warn!("accept: {e}");
                tokio::time::sleep(Duration::from_millis(50)).await;
                continue;
            }
        };
        let _ = stream.set_nodelay(true);
        // Who is at the other end, for what only loopback may read (the journal).
        let tagged = tower::ServiceExt::map_request(app.clone(), move |mut req: hyper::Request<hyper::body::Incoming>| {
            req.extensions_mut().insert(Peer(peer));
            req
        });
        let service = TowerToHyperService::new(tagged);
        let conn = http.serve_connection(TokioIo::new(stream), service);
        tokio::spawn(async move {
            // A timed-out or broken connection is the client's business, not an error here.
            let _ = conn.await;
            drop(permit);
        });
    }
}

/// The client's address, as the accept loop saw it.
#[derive(Debug, Clone, Copy)]
pub struct Peer(pub std::net::SocketAddr);

/// Limits on client connections, for `serve` and `emulator` alike.
#[derive(Debug, Clone, clap::Args)]
pub struct ConnectionArgs {
    /// Seconds a client has to send a request's headers (also the idle keep-alive limit).
    #[arg(long, default_value_t = DEFAULT_HEADER_TIMEOUT.as_secs())]
    pub header_timeout: u64,
    /// Client connections open at once; more wait in the listen backlog.
    #[arg(long, default_value_t = DEFAULT_MAX_CONNECTIONS)]
    pub max_connections: usize,
}

impl ConnectionArgs {
    pub fn limits(&self) -> Limits {
        Limits { header_timeout: std::time::Duration::from_secs(self.header_timeout.max(1)), max_connections: self.max_connections.max(1) }
    }
}
