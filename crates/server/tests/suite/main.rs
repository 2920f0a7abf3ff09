//! One integration-test binary for the server crate.

mod crash;
mod emulator_cli;
mod sign_cli;
