//! The options a host page passes to `mount(element, options)`.

use serde::Deserialize;
use wasm_bindgen::{JsCast, JsValue};

use crate::i18n::Lang;
use crate::settings::Theme;
use palisade_core::route::Page;

#[derive(Clone)]
pub struct MountOptions {
    /// Where `palisade serve`'s API lives on this origin.
    pub api_base: String,
    /// The pages to show (all when the host names none).
    pub pages: Vec<Page>,
    pub bce_region: Option<String>,
    pub huawei_region: Option<String>,
    pub lang: Option<Lang>,
    pub theme: Theme,
    /// `credentials(cloud, region)`: returns (a promise of) `{accessKey, secretKey,
    /// securityToken?, projectId?}`; called for every request, never stored.
    pub credentials: Option<js_sys::Function>,
    /// Where "remember in this tab" keeps this mount's settings (never used with a
    /// credential provider).
    pub session_key: String,
    /// The console is the whole page (the standalone boot says so): it sets the
    /// document's `lang` and title. A widget leaves its host page's alone.
    pub owns_page: bool,
    /// The URL path the console's own paths go below, when its place is kept in the URL:
    /// `""` for the standalone page, `routeBase` for a host that asks. `None`: a widget
    /// that leaves its host's URL alone.
    pub route_base: Option<String>,
}

impl Default for MountOptions {
    fn default() -> Self {
        Self {
            api_base: "/api".into(),
            pages: Page::all().to_vec(),
            bce_region: None,
            huawei_region: None,
            lang: None,
            theme: Theme::System,
            credentials: None,
            session_key: crate::settings::session_key("palisade", 0),
            owns_page: false,
            route_base: None,
        }
    }
}

/// `base` as the browser's URL parser reads it against this page: a path on the page's
/// own origin, or `None`. (`/\\host` and `/<TAB>/host` look like paths but parse as other
/// hosts; signed requests and tokens must never go there.)
fn same_origin_path(base: &str) -> Option<String> {
    if !base.starts_with('/') {
        return None;
    }
    let location = web_sys::window()?.location();
    let (origin, href) = (location.origin().ok()?, location.href().ok()?);
    let url = web_sys::Url::new_with_base(base, &href).ok()?;
    (url.origin() == origin && url.search().is_empty() && url.hash().is_empty()).then(|| url.pathname().trim_end_matches('/').to_owned())
}

/// A path the console's own paths can go below: absolute, plain characters only (it is
/// written into the URL as it is).
fn is_route_base(base: &str) -> bool {
    base.starts_with('/') && !base.starts_with("//") && base.bytes().all(|b| b.is_ascii_alphanumeric() || b"-_./".contains(&b))
}

/// A bad option, named so the host's developer sees what to fix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OptionError(pub String);

/// The options as the host wrote them, read by `serde-wasm-bindgen` straight from the
/// JavaScript object (unknown names are ignored; `null` is as good as absent).
#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
struct Raw {
    api_base: Option<String>,
    clouds: Option<Vec<String>>,
    pages: Option<Vec<String>>,
    bce_region: Option<String>,
    huawei_region: Option<String>,
    language: Option<String>,
    theme: Option<String>,
    owns_page: Option<bool>,
    route_base: Option<String>,
    /// A function stays a JavaScript value.
    #[serde(with = "serde_wasm_bindgen::preserve")]
    credentials: JsValue,
}

/// The options a type error can be in, and what each must be: a refused object is read
/// again one option at a time, so the message names the option.
const KINDS: [(&str, Kind); 9] = [
    ("apiBase", Kind::Text),
    ("clouds", Kind::List),
    ("pages", Kind::List),
    ("bceRegion", Kind::Text),
    ("huaweiRegion", Kind::Text),
    ("language", Kind::Text),
    ("theme", Kind::Text),
    ("ownsPage", Kind::Flag),
    ("routeBase", Kind::Text),
];

#[derive(Clone, Copy)]
enum Kind {
    Text,
    List,
    Flag,
}

fn misfit(value: &JsValue) -> OptionError {
    let wrong = KINDS.iter().find(|(name, kind)| {
        let v = js_sys::Reflect::get(value, &JsValue::from_str(name)).unwrap_or(JsValue::UNDEFINED);
        match kind {
            Kind::Text => serde_wasm_bindgen::from_value::<Option<String>>(v).is_err(),
            Kind::List => serde_wasm_bindgen::from_value::<Option<Vec<String>>>(v).is_err(),
            Kind::Flag => serde_wasm_bindgen::from_value::<Option<bool>>(v).is_err(),
        }
    });
    OptionError(match wrong {
        Some((name, Kind::Text)) => format!("options.{name} must be a string"),
        Some((name, Kind::List)) => format!("options.{name} must be an array of strings"),
        Some((name, Kind::Flag)) => format!("options.{name} must be true or false"),
        None => "options must be an object".into(),
    })
}

impl MountOptions {
    pub fn from_js(value: &JsValue) -> Result<Self, OptionError> {
        let mut o = MountOptions::default();
        if value.is_undefined() || value.is_null() {
            return Ok(o);
        }
        if !value.is_object() {
            return Err(OptionError("options must be an object".into()));
        }
        let raw: Raw = serde_wasm_bindgen::from_value(value.clone()).map_err(|_| misfit(value))?;
        if let Some(base) = raw.api_base {
            o.api_base =
                same_origin_path(&base).ok_or_else(|| OptionError("options.apiBase must be a path on this origin, like /api".into()))?;
        }
        let (clouds, pages) = (raw.clouds, raw.pages);
        o.pages.retain(|p| {
            let cloud_ok = match (&clouds, p.cloud_slug()) {
                (Some(c), Some(slug)) => c.iter().any(|x| x == slug),
                _ => true,
            };
            // A host that names its pages gets those only (no overview).
            let page_ok = pages.as_ref().is_none_or(|l| l.iter().any(|x| x == p.slug()));
            cloud_ok && page_ok
        });
        o.bce_region = raw.bce_region;
        o.huawei_region = raw.huawei_region;
        if let Some(lang) = raw.language {
            o.lang = Some(Lang::parse(&lang).ok_or_else(|| OptionError("options.language must be \"en\" or \"zh\"".into()))?);
        }
        if let Some(theme) = raw.theme {
            o.theme = Theme::parse(&theme).ok_or_else(|| OptionError("options.theme must be \"light\", \"dark\" or \"system\"".into()))?;
        }
        o.owns_page = raw.owns_page.unwrap_or(false);
        o.route_base = match raw.route_base {
            Some(base) if is_route_base(&base) => Some(base.trim_end_matches('/').to_owned()),
            Some(_) => return Err(OptionError("options.routeBase must be a path like /security-groups (letters, digits, - _ . /)".into())),
            None => o.owns_page.then(String::new),
        };
        if !raw.credentials.is_undefined() && !raw.credentials.is_null() {
            o.credentials = Some(raw.credentials.dyn_into().map_err(|_| OptionError("options.credentials must be a function".into()))?);
        }
        if o.pages.is_empty() {
            return Err(OptionError("options.pages and options.clouds leave no page to show".into()));
        }
        Ok(o)
    }
}
