use leptos::prelude::*;

use crate::i18n::{use_i18n, Lang, Msg};
use crate::settings::{Settings, Theme};

#[component]
pub fn TopBar(show_settings: RwSignal<bool>) -> impl IntoView {
    let i18n = use_i18n();
    let settings = expect_context::<Settings>();
    view! {
        <header class="top-bar">
            <span class="brand">"Palisade"</span>
            <span class="tagline">{i18n.s(Msg::Tagline)}</span>
            // Always in view in emulator mode: the demo's data is not a cloud's (#36).
            <Show when=move || settings.config.with(|c| c.as_ref().is_some_and(|c| c.mode == palisade_core::config::Mode::Emulator))>
                <span class="emulator-mark" data-test="emulator-mark" title=i18n.s(Msg::EmulatorMarkTitle)>{i18n.s(Msg::EmulatorMark)}</span>
            </Show>
            <span class="spacer"></span>
            <label class="lang-switch">
                <span class="sr-only">{i18n.s(Msg::Language)}</span>
                <select
                    data-test="language"
                    on:change=move |ev| {
                        if let Some(lang) = Lang::parse(&event_target_value(&ev)) {
                            settings.lang.set(lang);
                        }
                    }
                    prop:value=move || if settings.lang.get() == Lang::Zh { "zh" } else { "en" }
                >
                    <option value="en">"English"</option>
                    <option value="zh">"中文"</option>
                </select>
            </label>
            <label class="lang-switch">
                <span class="sr-only">{i18n.s(Msg::Theme)}</span>
                <select
                    data-test="theme"
                    on:change=move |ev| {
                        if let Some(theme) = Theme::parse(&event_target_value(&ev)) {
                            settings.theme.set(theme);
                        }
                    }
                    prop:value=move || settings.theme.get().slug()
                >
                    <option value="system">{i18n.s(Msg::ThemeSystem)}</option>
                    <option value="light">{i18n.s(Msg::ThemeLight)}</option>
                    <option value="dark">{i18n.s(Msg::ThemeDark)}</option>
                </select>
            </label>
            <button
                type="button"
                class="settings-toggle"
                data-test="settings-toggle"
                aria-expanded=move || show_settings.get().to_string()
                on:click=move |_| show_settings.update(|s| *s = !*s)
            >
                {i18n.s(Msg::Settings)}
            </button>
        </header>
    }
}
