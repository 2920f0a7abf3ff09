//! One integration-test binary for the server crate.

mod cloud;
mod connections;
mod crash;
mod emulator_cli;
mod journal;
mod proxy;
mod serve_cli;
mod sign_cli;
mod support;
