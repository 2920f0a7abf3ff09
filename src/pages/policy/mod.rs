//! Policy (#35): what `palisade serve --policy` enforces.

pub mod page;
