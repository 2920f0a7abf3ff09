use leptos::prelude::*;

use crate::i18n::{use_i18n, Msg};

#[component]
pub fn Home() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="home">
            <h2>{i18n.s(Msg::Overview)}</h2>
            <p>{i18n.s(Msg::ChooseResource)}</p>
            <p class="muted">{i18n.s(Msg::SecretsStay)}</p>
        </section>
    }
}
