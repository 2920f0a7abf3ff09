//! Where the console is: a page, the region its cloud's figures are for, and on a list
//! page the group or instance open in it. One signal holds it; the URL mirrors it when the
//! console owns the page or its host asks (`url_routing.rs`), and a widget keeps it in
//! memory, so the same pages run either way.

use leptos::prelude::*;
use palisade_core::Cloud;

use palisade_core::route::Page;
pub use palisade_core::route::Place;

/// The shell's place, as context.
#[derive(Clone, Copy)]
pub struct Nav {
    pub place: RwSignal<Place>,
    pub settings: crate::settings::Settings,
    /// Unapplied work: leaving it asks first.
    pub unsaved: crate::infra::unsaved::Unsaved,
}

impl Nav {
    /// The page shown (tracked).
    pub fn page(self) -> Page {
        self.place.with(|p| p.page)
    }

    /// Goes to `page`'s list, in the region the settings name for its cloud.
    pub fn go(self, page: Page) {
        if !self.unsaved.may_leave(self.settings.lang.get_untracked()) {
            return;
        }
        self.place.set(untrack(|| self.place_of(page)));
    }

    /// Where `page`'s list opens: the place `go` would set (tracks the region chosen).
    pub fn place_of(self, page: Page) -> Place {
        let region = page.cloud().map(|c| self.settings.region(c).get()).unwrap_or_default();
        Place { page, region, item: None }
    }

    /// Opens `place` (a group or instance of its own region: the region is chosen first,
    /// so the page loads that region's list), asking first about unapplied work.
    pub fn open(self, place: Place) {
        if !self.unsaved.may_leave(self.settings.lang.get_untracked()) {
            return;
        }
        if let Some(cloud) = place.page.cloud() {
            self.settings.region(cloud).set(place.region.clone());
        }
        self.place.set(place);
    }
}

/// The path the console's places live under when the URL mirrors the place (`""` or
/// `/portal`); `None` in a widget, whose places have no URL.
#[derive(Clone)]
pub struct LinkBase(pub Option<String>);

/// A page's open item: what the page's old `RwSignal<Option<String>>` was, now a view of
/// the shell's place, so the URL (or a widget's memory) follows it.
#[derive(Clone, Copy)]
pub struct Selection {
    place: RwSignal<Place>,
    page: Page,
    nav: Option<Nav>,
}

impl Selection {
    pub fn get(self) -> Option<String> {
        self.place.with(|p| p.item.clone().filter(|_| p.page == self.page))
    }

    pub fn get_untracked(self) -> Option<String> {
        self.place.with_untracked(|p| p.item.clone().filter(|_| p.page == self.page))
    }

    /// Whether `id` is open (tracked).
    pub fn is(self, id: &str) -> bool {
        self.place.with(|p| p.page == self.page && p.item.as_deref() == Some(id))
    }

    pub fn set(self, item: Option<String>) {
        // Another item (or none) drops the open one's unapplied draft: asked first.
        if let Some(nav) = self.nav {
            if self.get_untracked() != item && !nav.unsaved.may_leave(nav.settings.lang.get_untracked()) {
                return;
            }
        }
        // The place may already be gone (a page's late answer after the console is
        // unmounted); nothing is left to open then.
        let _ = self.place.try_update(|p| {
            if p.page == self.page {
                p.item = item;
            }
        });
    }
}

/// The open item of `page`; a page mounted alone (a browser test) gets its own place.
pub fn use_selection(page: Page) -> Selection {
    let nav = use_context::<Nav>();
    let place = nav.map(|n| n.place).unwrap_or_else(|| RwSignal::new(Place { page, region: String::new(), item: None }));
    Selection { place, page, nav }
}

/// Keeps the place's region the settings' one: a region chosen in the settings closes
/// the open item (it belongs to the old region), and a place read from a URL has already
/// set the settings to its region, so its item stays.
pub fn follow_regions(nav: Nav) {
    let settings = nav.settings;
    for cloud in [Cloud::Bce, Cloud::Huawei] {
        Effect::watch(
            move || settings.region(cloud).get(),
            move |region, _, _| {
                if nav.place.with_untracked(|p| p.page.cloud() == Some(cloud) && p.region != *region) {
                    nav.place.update(|p| {
                        p.region.clone_from(region);
                        p.item = None;
                    });
                }
            },
            false,
        );
    }
}
