//! Importing rules into a group: reading the file, and checking it against the group
//! before anything is sent.

pub mod file;
pub mod precheck;
