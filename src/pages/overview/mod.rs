//! The overview: per cloud, the counts that matter.

pub mod page;
