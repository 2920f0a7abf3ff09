use leptos::prelude::*;
use palisade_core::Cloud;

use crate::api::use_api;
use crate::components::form::text_field::TextField;
use crate::i18n::{use_i18n, Msg};
use crate::settings::Settings;

/// A region chooser: each region by its code and its name in the language (`bj 华北-北京`).
fn region_select(
    cloud: Cloud,
    label: Signal<&'static str>,
    value: RwSignal<String>,
    options: Signal<Vec<String>>,
    test: &'static str,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <label class="field">
            <span>{move || label.get()}</span>
            <select data-test=test on:change=move |ev| value.set(event_target_value(&ev)) prop:value=move || value.get()>
                {move || {
                    options
                        .get()
                        .into_iter()
                        .map(|r| {
                            let selected = r == value.get_untracked();
                            let text = crate::labels::region_label(cloud, &r, i18n.0.get());
                            view! { <option value=r.clone() selected=selected>{text}</option> }
                        })
                        .collect_view()
                }}
            </select>
        </label>
    }
}

/// Keys, regions and project ids. Keys live in memory; "remember" keeps them in this
/// tab's sessionStorage only.
#[component]
pub fn SettingsPanel(on_close: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let settings = expect_context::<Settings>();
    let api = use_api();
    let t = move |m: Msg| Signal::derive(move || i18n.t(m));
    let regions = move |cloud: Cloud| Signal::derive(move || settings.regions(cloud));
    let project = RwSignal::new(String::new());
    // The project field edits the project of the selected Huawei region.
    Effect::new(move |_| project.set(settings.huawei_projects.with(|_| settings.project_for(&settings.huawei_region.get()))));
    let set_project = move |v: String| settings.set_project(&settings.huawei_region.get_untracked(), v);
    let demo = move || settings.config.with(|c| c.as_ref().is_some_and(|c| c.demo.is_some()));
    view! {
        <section class="settings-panel" aria-label=i18n.s(Msg::Settings) data-test="settings">
            <h2>{i18n.s(Msg::Settings)}</h2>
            <p class="muted">{i18n.s(Msg::SecretsStay)}</p>
            <Show when=move || !api.provider.is_set() fallback=move || view! { <p>{i18n.s(Msg::ProvidedByHost)}</p> }>
                <Show when=demo>
                    <p class="muted" data-test="demo-note">{i18n.s(Msg::DemoFilled)}</p>
                </Show>
                <div class="settings-grid">
                    <fieldset>
                        <legend>{i18n.s(Msg::BaiduCloud)}</legend>
                        <TextField label=t(Msg::AccessKey) value=settings.bce_access_key test="bce-access-key"/>
                        <TextField label=t(Msg::SecretKey) value=settings.bce_secret_key test="bce-secret-key" secret=true/>
                        {region_select(Cloud::Bce, t(Msg::Region), settings.bce_region, regions(Cloud::Bce), "bce-region")}
                    </fieldset>
                    <fieldset>
                        <legend>{i18n.s(Msg::HuaweiCloud)}</legend>
                        <TextField label=t(Msg::AccessKey) value=settings.huawei_access_key test="huawei-access-key"/>
                        <TextField label=t(Msg::SecretKey) value=settings.huawei_secret_key test="huawei-secret-key" secret=true/>
                        {region_select(Cloud::Huawei, t(Msg::Region), settings.huawei_region, regions(Cloud::Huawei), "huawei-region")}
                        <label class="field">
                            <span>{i18n.s(Msg::ProjectId)}</span>
                            <input
                                type="text"
                                autocomplete="off"
                                data-test="huawei-project"
                                prop:value=move || project.get()
                                on:input=move |ev| set_project(event_target_value(&ev))
                            />
                        </label>
                    </fieldset>
                </div>
                <label class="check">
                    <input
                        type="checkbox"
                        data-test="remember"
                        bind:checked=settings.remember
                    />
                    {i18n.s(Msg::Remember)}
                </label>
            </Show>
            <div>
                <button type="button" data-test="settings-close" on:click=move |_| on_close.run(())>
                    {i18n.s(Msg::Close)}
                </button>
            </div>
        </section>
    }
}
