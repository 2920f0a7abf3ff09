//! What every command shares with the process it runs in: printing a start line, the
//! signal that ends a server, and the top-level error.

/// A boxed error for the top level, where the only thing left to do is print it.
pub type Error = Box<dyn std::error::Error + Send + Sync>;
pub type Result<T = ()> = std::result::Result<T, Error>;

/// Prints a startup line. Whoever started us may have stopped reading stdout; that must
/// not take the server down (`println!` would panic on a closed pipe).
pub fn say(line: &str) {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "{line}");
    let _ = out.flush();
}

/// Resolves when the process is asked to stop (Ctrl-C / SIGINT).
pub async fn shutdown_signal() {
    let _ = tokio::signal::ctrl_c().await;
}
