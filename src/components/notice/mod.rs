//! What the console tells: an error with its documented code, a confirmation before a
//! change, the outcome of a change whose page was left.

pub mod confirm_dialog;
pub mod error_notice;
pub mod late_outcomes;
