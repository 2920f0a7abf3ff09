//! One integration-test binary for the server crate.

mod emulator_cli;
mod sign_cli;
