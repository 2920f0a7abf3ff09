//! One integration-test binary for the server crate.

mod sign_cli;
