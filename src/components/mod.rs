//! The kit: widgets several pages share, sorted by kind. A widget here knows no page;
//! what a feature shows lives in its folder under `pages/`.

pub mod form;
pub mod notice;
pub mod reach;
pub mod shell;
pub mod table;
pub mod value;
