//! Shared machinery outside the views: lists as resources and changes as actions, what
//! is shown of a list, focus, files, windows, text search, the overview's narrowing and
//! the standalone page's own behaviour.

pub mod change;
pub mod download;
pub mod focus;
pub mod loaded;
pub mod narrow;
pub mod page_shell;
pub mod policy;
pub mod seed;
pub mod shown;
pub mod tags;
pub mod text;
pub mod unsaved;
pub mod windowed;
