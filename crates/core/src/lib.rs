//! Palisade's shared core: the wire types of every operation the console uses, their
//! validation with the clouds' documented error codes, request signing, and every other
//! fact two crates share (clouds, hosts, regions, directions, `/api/config`).
//!
//! It does no I/O and reads no clock, so the same code runs in the browser (wasm32) and
//! in the server (native).
#![forbid(unsafe_code)]

pub mod bce;
pub mod change;
pub mod cloud;
pub mod codes;
pub mod config;
pub mod csv;
pub mod direction;
pub mod huawei;
pub mod journal;
pub mod plan;
pub mod policy;
pub mod reach;
pub mod route;
pub mod sign;
pub mod validate;

pub use cloud::Cloud;
pub use direction::Direction;
