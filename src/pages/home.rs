use leptos::prelude::*;

#[component]
pub fn Home() -> impl IntoView {
    view! {
        <section class="home">
            <h2>"Overview"</h2>
            <p>"Choose a cloud and a resource on the left."</p>
        </section>
    }
}
