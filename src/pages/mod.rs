//! The console's pages, one folder per feature, one file per screen: a feature's list,
//! its detail, its forms and (for groups) its kind of draft.

pub mod bce_groups;
pub mod cards;
pub mod esgs;
pub mod exposure;
pub mod huawei_groups;
pub mod instances;
pub mod overview;

pub use palisade_core::route::Page;
