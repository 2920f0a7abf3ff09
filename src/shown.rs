//! The rows a list shows, as indices into its loaded value. Every list shares the one
//! `Memo<Vec<usize>>` type: a memo per row type cost about 3 KB of wasm each.

use leptos::prelude::*;

use crate::loaded::Loaded;

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
    /// then asked about every row.
    pub fn new<K: Fn(&T) -> bool>(loaded: Loaded<Vec<T>>, keep: impl Fn() -> K + Send + Sync + 'static) -> Self {
        let indices = Memo::new(move |_| {
            let keep = keep();
            loaded.with(|rows| rows.into_iter().flatten().enumerate().filter(|(_, r)| keep(r)).map(|(i, _)| i).collect::<Vec<_>>())
        });
        Shown { loaded, indices }
    }

    /// The shown rows (tracked), for a `<For>`.
    pub fn rows(self) -> Vec<T> {
        self.loaded.with(|rows| {
            let rows = rows.map_or(&[][..], Vec::as_slice);
            self.indices.with(|ix| ix.iter().filter_map(|&i| rows.get(i).cloned()).collect())
        })
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
