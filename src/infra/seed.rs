//! What another page asks a group's draft to start with (#34): the connection test's
//! smallest rule, or an Exposure row's rule to revoke or narrow. A seed is never sent:
//! the group's page opens its draft with it, the review shows the calls, the impact and
//! core's warnings, and only Apply sends anything.

use leptos::prelude::*;
use palisade_core::reach::Suggestion;
use palisade_core::route::Place;

use crate::routing::place::Nav;

#[derive(Debug, Clone, PartialEq)]
pub enum SeedOp {
    /// A rule that would let a refused connection through joins the draft.
    Add(Suggestion),
    /// The rule (by id) leaves the draft.
    Revoke(String),
    /// The rule (by id) is marked, its remote field focused, for a narrower one.
    Narrow(String),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Seed {
    pub group: String,
    pub op: SeedOp,
}

/// The seed waiting for its group's page, as context (the shell's, so it outlives the
/// page that made it).
#[derive(Clone, Copy)]
pub struct Seeds(pub RwSignal<Option<Seed>>);

impl Seeds {
    pub fn provide() {
        provide_context(Seeds(RwSignal::new(None)));
    }

    /// Opens `place` (a group's page, the group open) with `seed` waiting for its draft;
    /// if the move is refused (unapplied work kept), the seed goes too.
    pub fn open(self, nav: Nav, place: Place, seed: Seed) {
        self.0.set(Some(seed));
        nav.open(place.clone());
        if nav.place.with_untracked(|p| *p != place) {
            self.0.set(None);
        }
    }
}

/// Whether a seed waits for `group`: its page opens the draft by itself.
pub fn waiting(group: &str) -> bool {
    use_context::<Seeds>().is_some_and(|s| s.0.with_untracked(|x| x.as_ref().is_some_and(|x| x.group == group)))
}

/// The seed for `group`, taken (a seed is used once).
pub fn take(group: &str) -> Option<SeedOp> {
    let seeds = use_context::<Seeds>()?;
    let mine = seeds.0.with_untracked(|x| x.as_ref().is_some_and(|x| x.group == group));
    mine.then(|| seeds.0.try_update(Option::take).flatten().map(|s| s.op)).flatten()
}
