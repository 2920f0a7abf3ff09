//! Exposure: what is open to the internet, and who accepts a connection.

pub mod page;
