//! `palisade`: the console's same-origin server, the proxy to the clouds, the embedded
//! emulator, and a request signer for the command line.

pub mod cli;
pub mod cloud;
pub mod emulator_cmd;
pub mod guard;
pub mod hosts;
pub mod journal;
pub mod journal_api;
pub mod listen;
pub mod process;
pub mod proxy;
pub mod security_headers;
pub mod serve;
pub mod sign_cmd;
pub mod static_files;
