//! A list opened from one of the overview's figures shows the rows behind that figure
//! ("groups bound to nothing" shows those groups), with a way back to the whole list.

use leptos::prelude::*;

use crate::i18n::Msg;
use palisade_core::route::Page;

/// Which page, what the figure was, and the ids of its rows (`None`: the whole list, with
/// `filter` typed into its filter box).
#[derive(Debug, Clone, PartialEq)]
pub struct Narrow {
    pub page: Page,
    pub label: Msg,
    pub ids: Option<Vec<String>>,
    pub filter: String,
}

/// The shell's narrowing, as context: set by the overview, cleared by "Show all" or by
/// going to another page.
#[derive(Debug, Clone, Copy)]
pub struct Narrowed(pub RwSignal<Option<Narrow>>);

impl Narrowed {
    /// What narrows `page` now (tracked).
    pub fn of(self, page: Page) -> Option<Narrow> {
        self.0.with(|n| n.as_ref().filter(|n| n.page == page).cloned())
    }

    /// Whether a row of `page` with this id is shown (tracked).
    pub fn allows(self, page: Page, id: &str) -> bool {
        self.0.with(|n| match n {
            Some(Narrow { page: p, ids: Some(ids), .. }) if *p == page => ids.iter().any(|i| i == id),
            _ => true,
        })
    }

    /// The filter a page starts with when the overview opened it.
    pub fn filter(self, page: Page) -> String {
        self.0.with_untracked(|n| n.as_ref().filter(|n| n.page == page).map(|n| n.filter.clone()).unwrap_or_default())
    }
}

/// The narrowing in context; a console without one (a test mounting a page alone) narrows
/// nothing.
pub fn use_narrowed() -> Narrowed {
    use_context::<Narrowed>().unwrap_or_else(|| Narrowed(RwSignal::new(None)))
}
