//! The rows a list shows, as indices into its loaded value. Every list shares the one
//! `Memo<Vec<usize>>` type: a memo per row type cost about 3 KB of wasm each.
//!
//! CHOICE: a list draws at most `PAGE_ROWS` rows, then offers as many more ("Show 50
//! more"): a keystroke in the filter of a 5,000-instance list then redraws 50 rows, not
//! 5,000 (the rows hold forms, so they are not the fixed height a window needs).

use leptos::prelude::*;

use crate::loaded::Loaded;

/// Rows drawn at first, and added by each "Show more".
pub const PAGE_ROWS: usize = 50;

pub struct Shown<T> {
    loaded: Loaded<Vec<T>>,
    indices: Memo<Vec<usize>>,
    /// How many of the matching rows are drawn; back to `PAGE_ROWS` when the filter changes.
    pub limit: RwSignal<usize>,
}

impl<T> Clone for Shown<T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T> Copy for Shown<T> {}

impl<T: Clone + Send + Sync + 'static> Shown<T> {
    /// `keep` is made once per change of what it reads (the filter, once per keystroke),
    /// then asked about every row (with its index in the loaded list).
    pub fn new<K: Fn(usize, &T) -> bool>(
        loaded: Loaded<Vec<T>>,
        filter: RwSignal<String>,
        keep: impl Fn() -> K + Send + Sync + 'static,
    ) -> Self {
        let indices = Memo::new(move |_| {
            let keep = keep();
            loaded.with(|rows| rows.into_iter().flatten().enumerate().filter(|&(i, r)| keep(i, r)).map(|(i, _)| i).collect::<Vec<_>>())
        });
        Shown { loaded, indices, limit: limit_for(filter) }
    }

    /// The rows drawn (tracked), for a `<For>`: the first `limit` that match.
    pub fn rows(self) -> Vec<T> {
        let limit = self.limit.get();
        self.loaded.with(|rows| {
            let rows = rows.map_or(&[][..], Vec::as_slice);
            self.indices.with(|ix| ix.iter().take(limit).filter_map(|&i| rows.get(i).cloned()).collect())
        })
    }

    /// The matching rows' indices in the loaded list, for a windowed table.
    pub fn indices(self) -> Memo<Vec<usize>> {
        self.indices
    }

    pub fn count(self) -> Signal<usize> {
        count(self.indices)
    }

    /// How many rows were loaded; `None` before the first answer.
    pub fn total(self) -> Signal<Option<usize>> {
        let loaded = self.loaded;
        Signal::derive(move || loaded.with(|rows| rows.map(Vec::len)))
    }

    pub fn failed(self) -> Signal<bool> {
        failed(self.loaded.error)
    }
}

// Outside the generic impl, so every row type shares one copy.
fn limit_for(filter: RwSignal<String>) -> RwSignal<usize> {
    let limit = RwSignal::new(PAGE_ROWS);
    Effect::watch(move || filter.track(), move |_, _, _| limit.set(PAGE_ROWS), false);
    limit
}

fn count(indices: Memo<Vec<usize>>) -> Signal<usize> {
    Signal::derive(move || indices.with(Vec::len))
}

fn failed(error: Memo<Option<crate::api::ApiError>>) -> Signal<bool> {
    Signal::derive(move || error.with(Option::is_some))
}
