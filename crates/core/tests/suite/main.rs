//! One test binary for the crate (the machine has two cores; every extra binary links
//! the whole dependency tree again).

// Reads the repository's sources (native only).
#[cfg(not(target_arch = "wasm32"))]
mod contracts;
#[cfg(not(target_arch = "wasm32"))]
mod impact;
#[cfg(not(target_arch = "wasm32"))]
mod plan;
#[cfg(not(target_arch = "wasm32"))]
mod policy;
#[cfg(not(target_arch = "wasm32"))]
mod properties;
#[cfg(not(target_arch = "wasm32"))]
mod reach;
mod route;
#[cfg(not(target_arch = "wasm32"))]
mod standing;
#[cfg(not(target_arch = "wasm32"))]
mod validation;
mod vectors;
#[cfg(not(target_arch = "wasm32"))]
mod verification;
