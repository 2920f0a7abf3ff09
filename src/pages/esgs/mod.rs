//! Baidu enterprise security groups: the list, a group's detail, creating one, its rule forms and its kind of draft.

pub mod create;
pub mod detail;
pub mod draft_kind;
pub mod list;
pub mod rule_add;
pub mod rule_edit;
pub mod rule_row;
