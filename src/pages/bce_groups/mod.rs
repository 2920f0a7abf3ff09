//! Baidu regular security groups: the list, a group's detail, its rule forms, its import and its kind of draft.

pub mod detail;
pub mod draft_kind;
pub mod list;
pub mod rule_edit;
pub mod rule_form;
pub mod rule_import;
