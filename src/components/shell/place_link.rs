//! A link to a place of the console: a real `<a href>` where the URL mirrors the place,
//! so a middle click or "open in new tab" opens it (the path is the deep link); a plain
//! click stays in the page and asks first about unapplied work, as every move does.

use leptos::prelude::*;
use palisade_core::route::Place;

use crate::routing::place::{LinkBase, Nav};

/// Whether a click is the browser's to handle (a new tab, a new window, a download).
fn browsers_own(ev: &web_sys::MouseEvent) -> bool {
    ev.button() != 0 || ev.ctrl_key() || ev.meta_key() || ev.shift_key() || ev.alt_key()
}

#[component]
pub fn PlaceLink(
    place: Place,
    #[prop(optional)] class: &'static str,
    #[prop(optional)] test: &'static str,
    /// The page's slug on a navigation item (`data-page`).
    #[prop(optional)]
    page: Option<&'static str>,
    /// Marks the link of the page shown (`aria-current="page"`).
    #[prop(optional, into)]
    current: Option<Signal<bool>>,
    children: Children,
) -> impl IntoView {
    let nav = use_context::<Nav>();
    // A widget's places have no URL: the link is still a link to keyboards and screen
    // readers (`href="#"` would name a place that is not there, so none is given).
    let href = use_context::<LinkBase>().and_then(|b| b.0).map(|base| format!("{base}{}", place.path()));
    let has_href = href.is_some();
    let place = StoredValue::new(place);
    // On the element itself (the console does not delegate events): it runs before the
    // router's click handler on the window, so unapplied work is asked about first.
    let click = move |ev: web_sys::MouseEvent| {
        if has_href && browsers_own(&ev) {
            return;
        }
        ev.prevent_default();
        if let Some(nav) = nav {
            nav.open(place.get_value());
        }
    };
    let key = move |ev: web_sys::KeyboardEvent| {
        if !has_href && ev.key() == "Enter" {
            ev.prevent_default();
            if let Some(nav) = nav {
                nav.open(place.get_value());
            }
        }
    };
    view! {
        <a
            href=href
            class=class
            data-test=(!test.is_empty()).then_some(test)
            data-page=page
            role=(!has_href).then_some("link")
            tabindex=(!has_href).then_some("0")
            aria-current=move || current.is_some_and(|c| c.get()).then_some("page")
            on:click=click
            on:keydown=key
        >
            {children()}
        </a>
    }
}
