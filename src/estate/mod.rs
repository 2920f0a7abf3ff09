//! What several pages load and reason about together: the cards and the groups they
//! hold, the five loads of the whole estate, and the exposure figures made from them.

pub mod cache;
pub mod cards;
pub mod exposure;
pub mod impact;
pub mod loads;
pub mod progress;
