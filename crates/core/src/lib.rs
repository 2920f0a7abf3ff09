//! Palisade's shared core: the wire types of every operation the console uses, their
//! validation with the clouds' documented error codes, and request signing.
//!
//! It does no I/O and reads no clock, so the same code runs in the browser (wasm32) and
//! in the server (native).

pub mod bce;
pub mod codes;
pub mod huawei;
pub mod sign;
pub mod validate;
