//! The rows a list shows, as indices into its loaded value. Every list shares the one
//! `Memo<Vec<usize>>` type: a memo per row type cost about 3 KB of wasm each.
//! Every list draws them through the windowed table, so only the rows in view are in
//! the DOM however many match.

use leptos::prelude::*;

use crate::infra::loaded::Loaded;

pub struct Shown<T> {
    loaded: Loaded<Vec<T>>,
    indices: Memo<Vec<usize>>,
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
    pub fn new<K: Fn(usize, &T) -> bool>(loaded: Loaded<Vec<T>>, keep: impl Fn() -> K + Send + Sync + 'static) -> Self {
        let indices = Memo::new(move |_| {
            let keep = keep();
            loaded.with(|rows| rows.into_iter().flatten().enumerate().filter(|&(i, r)| keep(i, r)).map(|(i, _)| i).collect::<Vec<_>>())
        });
        Shown { loaded, indices }
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

fn count(indices: Memo<Vec<usize>>) -> Signal<usize> {
    Signal::derive(move || indices.with(Vec::len))
}

fn failed(error: Memo<Option<crate::api::ApiError>>) -> Signal<bool> {
    Signal::derive(move || error.with(Option::is_some))
}
