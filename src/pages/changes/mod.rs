//! Changes (#35): the journal `palisade serve` keeps of every changing call.

pub mod link;
pub mod page;
pub mod recent;
