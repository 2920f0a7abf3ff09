//! The URL as the place's mirror, through `leptos_router`'s browser location: a path opens
//! its page, group or instance; going somewhere pushes a history entry, so back and
//! forward work and a reload stays put. Only started when the console owns the page or
//! its host passes `routeBase`: the location listens to the window's clicks and history,
//! which a widget must leave to its host.
//!
//! CHOICE: the location provider alone, not `<Router>`/`<Routes>`: the console's pages
//! already switch on the place (a widget has no URL to route on), and the component's
//! location memos and route matching cost 12 KB gzip that bought nothing here.

use leptos::prelude::*;
use leptos_router::location::{BrowserUrl, LocationChange, LocationProvider};

use crate::routing::place::{Nav, Place};
use palisade_core::route::Page;

/// Binds the place and the browser's URL both ways, below `base` (`""` or `/portal`).
/// With `fixed_regions` (a host's credential provider), a path naming another region than
/// the mount's is no place: the host answers for its own regions only, and a link must
/// not make the console ask it for another one (#36).
pub fn route_by_url(nav: Nav, base: String, pages: StoredValue<Vec<Page>>, fixed_regions: bool) {
    let Ok(browser) = BrowserUrl::new() else { return };
    browser.init(Some(base.clone().into()));
    let url = browser.as_url().clone();
    let base = StoredValue::new(base);
    // A path the host does not show (or no path of ours) is no place: the place's own
    // path replaces it.
    let read = move |path: &str| {
        base.with_value(|b| path.strip_prefix(b.as_str()).and_then(Place::parse)).filter(|p| {
            let region_ok = !fixed_regions || p.page.cloud().is_none_or(|c| nav.settings.region(c).get_untracked() == p.region);
            region_ok && pages.with_value(|ps| ps.contains(&p.page))
        })
    };
    let apply = move |place: Place| {
        let region = place.page.cloud().map(|c| (nav.settings.region(c), place.region.clone()));
        // The place first, so `follow_regions` finds it already in the region.
        nav.place.set(place);
        if let Some((signal, region)) = region {
            if signal.get_untracked() != region {
                signal.set(region);
            }
        }
    };
    // The URL the console was opened with, read before anything writes the URL.
    if let Some(place) = url.with_untracked(|u| read(u.path())) {
        apply(place);
    }
    // Back, forward, or a link inside the page.
    let watched = url.clone();
    let on_link = browser.clone();
    Effect::watch(
        move || watched.with(|u| u.path().to_owned()),
        move |path, _, _| {
            if let Some(place) = read(path) {
                if nav.place.with_untracked(|p| *p != place) {
                    apply(place);
                }
            }
            // A link's navigation waits until the new page is ready to show; it is.
            on_link.ready_to_complete();
        },
        false,
    );
    // The place into the URL: a history entry for each new place, except the first,
    // which only puts right a path that named no place of ours.
    let first = StoredValue::new(true);
    Effect::new(move |_| {
        let want = base.with_value(|b| format!("{b}{}", nav.place.with(Place::path)));
        let replace = first.get_value();
        first.set_value(false);
        if url.with_untracked(|u| u.path() != want) {
            if let Ok(parsed) = BrowserUrl::parse(&want) {
                url.set(parsed);
                browser.complete_navigation(&LocationChange { value: want, replace, scroll: false, ..Default::default() });
            }
        }
    });
}
