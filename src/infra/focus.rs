//! Where keyboard focus goes after an action re-renders what held it: a dialog's opener,
//! the same row again after a reload, or the page heading when the row is gone.

use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};

fn focus(el: Element) -> bool {
    match el.dyn_into::<HtmlElement>() {
        Ok(el) => el.focus().is_ok(),
        Err(_) => false,
    }
}

/// Focuses the page's heading (made focusable from script only), the place a user
/// starts again from when the control they used no longer exists.
pub fn focus_heading(page: &Element) {
    if let Ok(Some(heading)) = page.query_selector("h2") {
        let _ = heading.set_attribute("tabindex", "-1");
        focus(heading);
    }
}

/// Focuses the first element inside `page` that matches `selector` (the re-rendered
/// row's control), or the page heading when nothing matches.
pub fn focus_within(page: &Element, selector: &str) {
    let found = page.query_selector(selector).ok().flatten();
    if !found.is_some_and(focus) {
        focus_heading(page);
    }
}

const FOCUSABLE: &str = "button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), a[href], [tabindex]:not([tabindex='-1'])";

/// Keeps Tab inside `container`: from its last focusable element Tab goes to the first,
/// from the first Shift-Tab goes to the last, and from outside to the first. Returns
/// true when it moved focus (the caller then prevents the browser's own move).
pub fn trap_tab(container: &Element, backwards: bool) -> bool {
    let Ok(list) = container.query_selector_all(FOCUSABLE) else { return false };
    let items: Vec<Element> = (0..list.length()).filter_map(|i| list.item(i)).filter_map(|n| n.dyn_into::<Element>().ok()).collect();
    let (Some(first), Some(last)) = (items.first(), items.last()) else { return false };
    let active = leptos::prelude::document().active_element();
    let inside = active.as_ref().is_some_and(|a| container.contains(Some(a.unchecked_ref())));
    let at = |e: &Element| active.as_ref() == Some(e);
    let target = if !inside {
        first
    } else if backwards && at(first) {
        last
    } else if !backwards && at(last) {
        first
    } else {
        return false;
    };
    focus(target.clone())
}

/// Focus as a dialog takes it over: the element to give it back to, and the page to fall
/// back on if that element is gone by the time the dialog closes.
pub struct Opener {
    element: Option<Element>,
    page: Option<Element>,
}

impl Opener {
    pub fn current() -> Self {
        let element = leptos::prelude::document().active_element();
        let page = element.as_ref().and_then(|e| e.closest("section.page").ok().flatten());
        Self { element, page }
    }

    /// Gives focus back, unless something outside the dialog has taken it meanwhile (a
    /// caller that knows better, such as the rule table after a revoke).
    pub fn restore(&self) {
        let holder = leptos::prelude::document().active_element();
        let in_dialog = |h: &Element| h.closest("[role=alertdialog]").ok().flatten().is_some();
        let taken = holder.is_some_and(|h| h.tag_name() != "BODY" && !in_dialog(&h));
        if taken {
            return;
        }
        match &self.element {
            Some(el) if el.is_connected() && focus(el.clone()) => {}
            _ => {
                if let Some(page) = &self.page {
                    focus_heading(page);
                }
            }
        }
    }
}

/// Focus to restore once a list has reloaded: an action that re-renders its row (or
/// removes it) sets a selector just before reloading, and when the load's `busy` goes
/// false the focus lands there, or on the page heading if nothing matches.
#[derive(Clone, Copy)]
pub struct FocusAfterLoad {
    target: leptos::prelude::RwSignal<Option<String>>,
}

impl FocusAfterLoad {
    pub fn new(busy: leptos::prelude::Signal<bool>, page: leptos::prelude::NodeRef<leptos::html::Section>) -> Self {
        use leptos::prelude::*;
        let target = RwSignal::new(None::<String>);
        Effect::new(move |_| {
            // Only the end of a load triggers this; the target is read, not tracked.
            if busy.get() {
                return;
            }
            let Some(selector) = target.try_update_untracked(Option::take).flatten() else { return };
            // After the frame, so the reloaded rows are in the DOM.
            request_animation_frame(move || {
                if let Some(page) = page.get_untracked() {
                    focus_within(&page, &selector);
                }
            });
        });
        Self { target }
    }

    /// Call right before the reload.
    pub fn then_focus(self, selector: impl Into<String>) {
        use leptos::prelude::Set;
        self.target.set(Some(selector.into()));
    }
}

/// What a modal made inert, to give back when it closes.
pub struct InertOutside(Vec<Element>);

/// Makes everything outside `modal` inert (no focus, no clicks, hidden from assistive
/// technology): every sibling of `modal` and of each of its ancestors up to `<body>`.
/// Elements that were inert already are left as they are, and stay so afterwards.
pub fn inert_outside(modal: &Element) -> InertOutside {
    let mut made = Vec::new();
    let mut node = modal.clone();
    while let Some(parent) = node.parent_element() {
        let mut sibling = parent.first_element_child();
        while let Some(s) = sibling {
            if s != node && !s.has_attribute("inert") && s.tag_name() != "SCRIPT" {
                let _ = s.set_attribute("inert", "");
                made.push(s.clone());
            }
            sibling = s.next_element_sibling();
        }
        if parent.tag_name() == "BODY" {
            break;
        }
        node = parent;
    }
    InertOutside(made)
}

impl InertOutside {
    pub fn restore(&self) {
        for el in &self.0 {
            let _ = el.remove_attribute("inert");
        }
    }
}
