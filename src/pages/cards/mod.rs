//! Service network interface cards: the list, and the dialogs that set their groups.

pub mod esg_bind_dialog;
pub mod list;
pub mod sg_bind_dialog;
