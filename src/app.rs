use leptos::prelude::*;

use crate::components::{side_nav::SideNav, top_bar::TopBar};
use crate::pages::{home::Home, Page};

/// The console's shell: a top bar, the navigation between clouds, and the content area.
#[component]
pub fn App() -> impl IntoView {
    let page = RwSignal::new(Page::Home);
    view! {
        <div class="palisade">
            <TopBar/>
            <div class="palisade-body">
                <SideNav page=page/>
                <main class="palisade-content" aria-live="polite">
                    {move || match page.get() {
                        Page::Home => view! { <Home/> }.into_any(),
                        other => view! {
                            <section class="placeholder">
                                <h2>{other.title()}</h2>
                            </section>
                        }
                        .into_any(),
                    }}
                </main>
            </div>
        </div>
    }
}
