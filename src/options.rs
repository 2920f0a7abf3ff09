//! The options a host page passes to `mount(element, options)`.

use wasm_bindgen::{JsCast, JsValue};

use crate::i18n::Lang;
use crate::pages::Page;
use crate::settings::Theme;

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

/// A bad option, named so the host's developer sees what to fix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OptionError(pub String);

impl MountOptions {
    pub fn from_js(value: &JsValue) -> Result<Self, OptionError> {
        let mut o = MountOptions::default();
        if value.is_undefined() || value.is_null() {
            return Ok(o);
        }
        let get = |name: &str| js_sys::Reflect::get(value, &name.into()).ok().filter(|v| !v.is_undefined() && !v.is_null());
        let string = |name: &str| -> Result<Option<String>, OptionError> {
            match get(name) {
                None => Ok(None),
                Some(v) => v.as_string().map(Some).ok_or_else(|| OptionError(format!("options.{name} must be a string"))),
            }
        };
        if let Some(base) = string("apiBase")? {
            o.api_base =
                same_origin_path(&base).ok_or_else(|| OptionError("options.apiBase must be a path on this origin, like /api".into()))?;
        }
        let list = |name: &str| -> Result<Option<Vec<String>>, OptionError> {
            match get(name) {
                None => Ok(None),
                Some(v) if js_sys::Array::is_array(&v) => Ok(Some(js_sys::Array::from(&v).iter().filter_map(|x| x.as_string()).collect())),
                Some(_) => Err(OptionError(format!("options.{name} must be an array of strings"))),
            }
        };
        let clouds = list("clouds")?;
        let pages = list("pages")?;
        o.pages.retain(|p| {
            let cloud_ok = match (&clouds, p.cloud_slug()) {
                (Some(c), Some(slug)) => c.iter().any(|x| x == slug),
                _ => true,
            };
            // A host that names its pages gets those only (no overview).
            let page_ok = pages.as_ref().is_none_or(|l| l.iter().any(|x| x == p.slug()));
            cloud_ok && page_ok
        });
        o.bce_region = string("bceRegion")?;
        o.huawei_region = string("huaweiRegion")?;
        if let Some(lang) = string("language")? {
            o.lang = Some(Lang::parse(&lang).ok_or_else(|| OptionError("options.language must be \"en\" or \"zh\"".into()))?);
        }
        if let Some(theme) = string("theme")? {
            o.theme = Theme::parse(&theme).ok_or_else(|| OptionError("options.theme must be \"light\", \"dark\" or \"system\"".into()))?;
        }
        o.owns_page = get("ownsPage").and_then(|v| v.as_bool()).unwrap_or(false);
        if let Some(f) = get("credentials") {
            o.credentials = Some(f.dyn_into().map_err(|_| OptionError("options.credentials must be a function".into()))?);
        }
        if o.pages.is_empty() {
            return Err(OptionError("options.pages and options.clouds leave no page to show".into()));
        }
        Ok(o)
    }
}
