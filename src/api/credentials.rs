//! Where signing keys come from: the settings the user typed (held in memory), or a
//! host portal's credential provider called for each request and never stored.

use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use palisade_core::Cloud;

use super::ApiError;
use crate::settings::Settings;

/// Keys for one request. Dropped when the request is signed.
#[derive(Clone, PartialEq, Eq)]
pub struct Credentials {
    pub access_key: String,
    pub secret_key: String,
    /// Baidu STS `x-bce-security-token` / Huawei `X-Security-Token`.
    pub security_token: Option<String>,
    /// Huawei only: the project of the region.
    pub project_id: Option<String>,
}

impl Credentials {
    pub fn keys(&self) -> palisade_core::sign::console::Keys<'_> {
        palisade_core::sign::console::Keys {
            access_key: &self.access_key,
            secret_key: &self.secret_key,
            security_token: self.security_token.as_deref(),
        }
    }
}

// Never print a secret, not even in a debug log.
impl std::fmt::Debug for Credentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Credentials").field("access_key", &self.access_key).finish_non_exhaustive()
    }
}

/// The keys typed in Settings for `cloud`; `None` once the console is unmounted.
fn typed(settings: &Settings, cloud: Cloud, region: &str) -> Option<Credentials> {
    Some(match cloud {
        Cloud::Bce => Credentials {
            access_key: settings.bce_access_key.try_get_untracked()?,
            secret_key: settings.bce_secret_key.try_get_untracked()?,
            security_token: None,
            project_id: None,
        },
        Cloud::Huawei => Credentials {
            access_key: settings.huawei_access_key.try_get_untracked()?,
            secret_key: settings.huawei_secret_key.try_get_untracked()?,
            security_token: None,
            project_id: Some(settings.project_for(region)),
        },
    })
}

/// A host page's `credentials(cloud, region)` callback (see `mount`'s options).
#[derive(Clone, Copy)]
pub struct CredentialProvider(pub StoredValue<Option<js_sys::Function>, LocalStorage>);

impl CredentialProvider {
    pub fn none() -> Self {
        Self(StoredValue::new_local(None))
    }

    pub fn is_set(&self) -> bool {
        self.0.try_with_value(|f| f.is_some()).unwrap_or(false)
    }
}

/// The credentials for `cloud` in `region`, from the provider if the host gave one.
pub async fn resolve(settings: Settings, provider: CredentialProvider, cloud: Cloud, region: &str) -> Result<Credentials, ApiError> {
    if let Some(f) = provider.0.try_get_value().ok_or(ApiError::Cancelled)? {
        return from_provider(&f, cloud, region).await;
    }
    let creds = typed(&settings, cloud, region).ok_or(ApiError::Cancelled)?;
    if let Some(project) = creds.project_id.as_deref().filter(|p| !p.trim().is_empty()) {
        palisade_core::validate::huawei::check_project_id(project.trim()).map_err(|p| ApiError::Invalid(vec![p]))?;
    }
    let incomplete = creds.access_key.trim().is_empty()
        || creds.secret_key.is_empty()
        || (cloud == Cloud::Huawei && creds.project_id.as_deref().unwrap_or("").trim().is_empty());
    if incomplete {
        return Err(ApiError::MissingCredentials(cloud));
    }
    Ok(creds)
}

async fn from_provider(f: &js_sys::Function, cloud: Cloud, region: &str) -> Result<Credentials, ApiError> {
    let fail = |e: JsValue| {
        ApiError::CredentialProvider(
            e.dyn_ref::<js_sys::Error>().map(|e| String::from(e.message())).or_else(|| e.as_string()).unwrap_or_default(),
        )
    };
    let mut value = f.call2(&JsValue::NULL, &cloud.slug().into(), &region.into()).map_err(fail)?;
    if let Some(promise) = value.dyn_ref::<js_sys::Promise>() {
        value = JsFuture::from(promise.clone()).await.map_err(fail)?;
    }
    let answer = read_answer(&value).map_err(ApiError::CredentialProvider)?;
    let given = |s: Option<String>| s.filter(|s| !s.is_empty());
    let (Some(access_key), Some(secret_key)) = (given(answer.access_key), given(answer.secret_key)) else {
        return Err(ApiError::CredentialProvider("the provider returned no accessKey/secretKey".into()));
    };
    let project_id = given(answer.project_id);
    if cloud == Cloud::Huawei && project_id.is_none() {
        return Err(ApiError::CredentialProvider("the provider returned no projectId for Huawei".into()));
    }
    // Checked as the one typed in Settings is: it goes into the request's path (#36).
    if let Some(project) = project_id.as_deref() {
        palisade_core::validate::huawei::check_project_id(project).map_err(|p| ApiError::Invalid(vec![p]))?;
    }
    Ok(Credentials { access_key, secret_key, security_token: given(answer.security_token), project_id })
}

/// What a credential provider answers.
struct Answer {
    access_key: Option<String>,
    secret_key: Option<String>,
    security_token: Option<String>,
    project_id: Option<String>,
}

/// JavaScript's name for the kind of `v` (`typeof`, with `null` and arrays told apart).
fn kind_of(v: &JsValue) -> &'static str {
    if v.is_null() {
        "null"
    } else if v.is_string() {
        "string"
    } else if js_sys::Array::is_array(v) {
        "array"
    } else if v.as_f64().is_some() {
        "number"
    } else if v.as_bool().is_some() {
        "boolean"
    } else if v.is_function() {
        "function"
    } else if v.is_object() {
        "object"
    } else {
        "undefined"
    }
}

/// The provider's answer field by field. What is wrong is named by its field and its
/// kind, never its value: a wrong answer may well hold the secret key (#36).
fn read_answer(value: &JsValue) -> Result<Answer, String> {
    const SHAPE: &str = "{accessKey, secretKey, securityToken?, projectId?}";
    if !value.is_object() || js_sys::Array::is_array(value) || value.is_function() {
        let hint = if value.is_string() { " (a JSON text? parse it: res.json(), not res.text())" } else { "" };
        return Err(format!("the provider's answer is a {}, not an object {SHAPE}{hint}", kind_of(value)));
    }
    let field = |name: &str| -> Result<Option<String>, String> {
        let v = js_sys::Reflect::get(value, &JsValue::from_str(name)).unwrap_or(JsValue::UNDEFINED);
        if v.is_undefined() || v.is_null() {
            Ok(None)
        } else {
            v.as_string().map(Some).ok_or_else(|| format!("the provider's answer has {name} as a {}, not a string", kind_of(&v)))
        }
    };
    Ok(Answer {
        access_key: field("accessKey")?,
        secret_key: field("secretKey")?,
        security_token: field("securityToken")?,
        project_id: field("projectId")?,
    })
}
