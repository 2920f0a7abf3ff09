use leptos::prelude::*;
use leptos::task::spawn_local;
use palisade_core::Cloud;

use crate::api::credentials::CredentialProvider;
use crate::api::{transport, Api};
use crate::components::notice::late_outcomes::LateOutcomesNotice;
use crate::components::shell::{settings_panel::SettingsPanel, side_nav::SideNav, top_bar::TopBar};
use crate::i18n::{I18n, Lang, Msg};
use crate::labels::PageTitle;
use crate::options::MountOptions;
use crate::pages::Page;
use crate::routing::place::{Nav, Place};
use crate::settings::{Settings, ShowSettings};
use palisade_core::config::ServerConfig;

/// The console's shell: a top bar, the navigation between clouds, and the content area.
/// All state lives in signals provided as context here, so two consoles on one page
/// share nothing.
#[component]
pub fn App(options: MountOptions) -> impl IntoView {
    let settings = Settings::new(
        options.lang.unwrap_or(Lang::En),
        options.theme,
        options.bce_region.as_deref().unwrap_or(Cloud::Bce.default_region()),
        options.huawei_region.as_deref().unwrap_or(Cloud::Huawei.default_region()),
    );
    let provider = CredentialProvider(StoredValue::new_local(options.credentials.clone()));
    if !provider.is_set() {
        // Remembering keys only makes sense when the user types them.
        settings.persist_in_session(options.session_key.clone());
    }
    let api = Api {
        base: StoredValue::new(options.api_base.clone()),
        settings,
        provider,
        tokens: StoredValue::new(Default::default()),
        journal_refused: StoredValue::new(None),
    };
    provide_context(settings);
    provide_context(I18n(settings.lang));
    provide_context(api);
    load_config(api);
    crate::infra::policy::provide(api);

    let pages = StoredValue::new(options.pages.clone());
    provide_context(crate::infra::change::ChangesMade(RwSignal::new(0)));
    // Once the first page is up, the code of the others (only the mount's pages) comes
    // while the browser has nothing else to do, so their first opening does not wait.
    let idle = options.pages.clone();
    let groups = [Page::BceSecurityGroups, Page::BceEnterpriseSecurityGroups, Page::HuaweiSecurityGroups];
    let details = idle.iter().any(|p| groups.contains(p));
    set_timeout(
        move || {
            spawn_local(async move {
                for p in idle {
                    let _ = crate::pages::prefetch(p).await;
                }
                if details {
                    let _ = crate::pages::prefetch_details().await;
                }
            })
        },
        std::time::Duration::from_secs(3),
    );
    // The clouds the host lets the console show (the exposure view reads only those).
    let clouds = StoredValue::new(
        [Cloud::Bce, Cloud::Huawei].into_iter().filter(|c| options.pages.iter().any(|p| p.cloud() == Some(*c))).collect::<Vec<_>>(),
    );
    // The estate every impact view, the overview and Exposure read: loaded once, on demand.
    provide_context(crate::estate::cache::EstateCache::new(clouds));
    let first = options.pages.first().copied().unwrap_or(Page::Home);
    let region = first.cloud().map(|c| settings.region(c).get_untracked()).unwrap_or_default();
    let unsaved = crate::infra::unsaved::Unsaved::provide(options.owns_page);
    let nav = Nav { place: RwSignal::new(Place { page: first, region, item: None }), settings, unsaved };
    provide_context(nav);
    crate::routing::place::follow_regions(nav);
    let page = Memo::new(move |_| nav.page());
    provide_context(crate::routing::place::LinkBase(options.route_base.clone()));
    crate::infra::seed::Seeds::provide();
    if let Some(base) = options.route_base.clone() {
        crate::routing::url::route_by_url(nav, base, pages, provider.is_set());
    }
    // A list narrowed from the overview stays narrowed only on its own page.
    let narrowed = crate::infra::narrow::Narrowed(RwSignal::new(None));
    provide_context(narrowed);
    Effect::watch(
        move || page.get(),
        move |p, _, _| {
            if narrowed.0.with_untracked(|n| n.as_ref().is_some_and(|n| n.page != *p)) {
                narrowed.0.set(None);
            }
        },
        false,
    );
    let show_settings = RwSignal::new(false);
    provide_context(ShowSettings(show_settings));
    // Owned by the shell, so it outlives the page a change was started on.
    let late = crate::infra::change::LateOutcomes { succeeded: RwSignal::new(0), failed: RwSignal::new(None) };
    provide_context(late);
    let i18n = I18n(settings.lang);
    if options.owns_page {
        // The standalone page: the theme chosen in the top bar is remembered in this tab
        // (it is no secret, so it does not wait for "Remember in this tab"), and `/`
        // focuses the page's filter. A widget leaves both to its host page.
        crate::infra::page_shell::remember_theme(settings.theme);
        crate::infra::page_shell::remember_lang(settings.lang);
        crate::infra::page_shell::slash_focuses_filter();
        // The page's language and title follow the console's (screen readers pick their
        // voice from `lang`; the tab shows the title).
        Effect::new(move |_| {
            let lang = settings.lang.get();
            let doc = document();
            if let Some(root) = doc.document_element() {
                let _ = root.set_attribute("lang", lang.tag());
            }
            doc.set_title(&format!("Palisade — {}", Msg::SecurityGroups.text(lang)));
        });
    }
    view! {
        <div
            class="palisade"
            class:owns-page=options.owns_page
            data-theme=move || settings.theme.get().slug()
            lang=move || settings.lang.get().tag()
        >
            <TopBar show_settings=show_settings/>
            <Show when=move || show_settings.get()>
                <SettingsPanel on_close=Callback::new(move |_| show_settings.set(false))/>
            </Show>
            <div class="palisade-body">
                <SideNav nav=nav pages=pages on_approach=Callback::new(prefetch)/>
                <main class="palisade-content">
                    <LateOutcomesNotice outcomes=late/>
                    {move || {
                        let p = page.get();
                        let go = Callback::new(move |p| nav.go(p));
                        // The page's code is a chunk of its own in the release build.
                        crate::split::deferred(move || crate::pages::prefetch(p), move || crate::pages::view(p, clouds, go))
                    }}
                </main>
            </div>
            <span class="sr-only" aria-live="polite">{move || i18n.t(page.get().title())}</span>
        </div>
    }
}

/// Fetches a page's chunk ahead of its first opening; a failure is left for the opening
/// to report (and retry).
fn prefetch(page: Page) {
    spawn_local(async move {
        let _ = crate::pages::prefetch(page).await;
    });
}

/// `/api/config`: the mode, the regions, and in emulator mode the demo credentials.
fn load_config(api: Api) {
    spawn_local(async move {
        // The console may be unmounted before this task first runs.
        let Some(base) = api.base.try_get_value() else { return };
        let url = format!("{base}/config");
        let Ok(reply) = transport::send("GET", &url, &[], None).await else { return };
        // The console may have been unmounted while the request was in flight.
        if api.settings.config.is_disposed() {
            return;
        }
        // The browser parses the JSON; serde-wasm-bindgen reads the value into core's type.
        let parsed = js_sys::JSON::parse(&reply.body).ok().and_then(|v| serde_wasm_bindgen::from_value::<ServerConfig>(v).ok());
        if let Some(config) = parsed {
            api.settings.apply_config(config);
        }
    });
}
