//! One integration-test binary for the server crate.

mod crash;
mod emulator_cli;
mod proxy;
mod sign_cli;
