//! One test binary for the crate (the machine has two cores; every extra binary links
//! the whole dependency tree again).

mod vectors;
