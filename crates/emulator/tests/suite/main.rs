//! The emulator over real HTTP on loopback. One test binary for the crate.

mod bce_auth;
mod bce_bindings;
mod bce_rules;
mod bce_security_groups;
mod huawei;
mod support;
