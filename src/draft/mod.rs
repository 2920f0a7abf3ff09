//! A group's rules edited as a draft, for any of the three kinds of group (#17): the rules
//! change here, not in the cloud; the review shows the difference, the exact calls in
//! make-before-break order (core's `plan`) and the warnings; Apply sends them one by one,
//! reading the group before each call, and a stop offers Roll back (the applied calls
//! undone, in reverse) or Continue. What differs between the clouds (how the group is
//! read, how a call is sent, a rule's cells) is a `DraftKind`; every single-rule form
//! sends its change through the same runner (`apply_change`).

pub mod impact;
mod kind;
mod review;
mod run;
mod view;

pub use kind::{copy_chooser, DraftCtx, DraftKind, RuleEdit};
pub use review::{preview, previewed, Review};
pub use run::{apply_calls, apply_change, without};
pub use view::{draft, kept};
