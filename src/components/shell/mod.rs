//! The frame around the pages: the top bar, the navigation, the settings.

pub mod place_link;
pub mod settings_panel;
pub mod side_nav;
pub mod top_bar;
