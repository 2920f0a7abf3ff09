//! One estate for the whole console: the five loads the overview, Exposure and every impact
//! view read, started the first time one of them asks and kept while the console is
//! mounted, loaded again after a change went through (`ChangesMade`), so an impact is
//! computed on what the clouds hold now, not on what a page loaded before the change.

use leptos::prelude::*;
use palisade_core::Cloud;

use crate::estate::loads::EstateLoads;
use crate::infra::change::ChangesMade;

#[derive(Clone, Copy)]
pub struct EstateCache {
    /// The shell's owner: the loads outlive the view that first asked for them.
    owner: StoredValue<Owner>,
    clouds: StoredValue<Vec<Cloud>>,
    loads: StoredValue<Option<EstateLoads>>,
    /// The count of changes the loads have seen.
    seen: StoredValue<u64>,
}

impl EstateCache {
    /// Under the shell's owner, for the clouds the console shows.
    pub fn new(clouds: StoredValue<Vec<Cloud>>) -> EstateCache {
        EstateCache {
            owner: StoredValue::new(Owner::current().unwrap_or_default()),
            clouds,
            loads: StoredValue::new(None),
            seen: StoredValue::new(0),
        }
    }

    /// The loads, started now if no one asked before, and loaded again if a change went
    /// through since they last were.
    pub fn get(self) -> EstateLoads {
        let made = use_context::<ChangesMade>().map_or(0, |m| m.0.get_untracked());
        if let Some(loads) = self.loads.get_value() {
            if made > self.seen.get_value() {
                self.seen.set_value(made);
                loads.reload();
            }
            return loads;
        }
        let clouds = self.clouds;
        let loads = self.owner.get_value().with(|| EstateLoads::new(clouds));
        self.loads.set_value(Some(loads));
        self.seen.set_value(made);
        loads
    }
}

/// The estate for a page about the estate (the overview, Exposure): the shared loads, read
/// again on each visit (the page is where one looks for what the clouds hold now), or its
/// own when the page is mounted alone.
pub fn estate_page(clouds: StoredValue<Vec<Cloud>>) -> EstateLoads {
    match use_context::<EstateCache>() {
        Some(cache) => {
            let fresh = cache.loads.with_value(Option::is_none);
            let loads = cache.get();
            if !fresh {
                loads.reload();
            }
            loads
        }
        None => EstateLoads::new(clouds),
    }
}
