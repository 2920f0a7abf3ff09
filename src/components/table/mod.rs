//! Lists and rule tables: the window that draws only the rows in view, the list page's
//! frame and states, and the rule tables built on them.

pub mod bce_rule_table;
pub mod list_head;
pub mod list_page;
pub mod list_state;
pub mod refresh_button;
pub mod rule_table;
pub mod windowed_table;
