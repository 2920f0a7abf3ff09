//! Baidu instances: the list, its table and panel, and batch bindings.

pub mod batch_bind;
pub mod list;
pub mod panel;
pub mod table;
