pub mod side_nav;
pub mod top_bar;
