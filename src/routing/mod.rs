//! Where the console is (`place`), and the browser's URL as its mirror (`url`).

pub mod place;
pub mod url;
