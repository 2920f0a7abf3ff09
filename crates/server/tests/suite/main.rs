//! One integration-test binary for the server crate.

mod cloud;
mod connections;
mod crash;
mod emulator_cli;
mod proxy;
mod sign_cli;
mod support;
