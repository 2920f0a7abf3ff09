use leptos::prelude::*;

#[component]
pub fn TopBar() -> impl IntoView {
    view! {
        <header class="top-bar">
            <span class="brand">"Palisade"</span>
            <span class="tagline">"Security groups for Baidu AI Cloud and Huawei Cloud"</span>
        </header>
    }
}
