//! Huawei security groups: the list, a group's detail, its forms and its kind of draft.

pub mod detail;
pub mod draft_kind;
pub mod list;
pub mod rule_form;
pub mod update_form;
