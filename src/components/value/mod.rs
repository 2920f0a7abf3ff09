//! A value as shown: an id with its copy button, a time in the reader's locale.

pub mod copy_id;
pub mod local_time;
