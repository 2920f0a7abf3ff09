//! The user's settings: keys held in memory (optionally remembered in this tab's
//! sessionStorage, never localStorage or cookies), regions, language and theme.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use palisade_core::config::ServerConfig;
use palisade_core::Cloud;

use crate::i18n::Lang;

/// The sessionStorage key of the standalone console (mounted on `#palisade`); a widget
/// mounted elsewhere keeps its own (see [`session_key`]).
const SESSION_KEY: &str = "palisade.settings";

/// The key "remember in this tab" uses for a console mounted on the element `id` (`n`
/// counts mounts on this page, for elements without an id): two widgets on one page
/// never read each other's settings.
pub fn session_key(id: &str, n: u32) -> String {
    match id {
        "palisade" => SESSION_KEY.to_owned(),
        "" => format!("{SESSION_KEY}#mount-{n}"),
        id => format!("{SESSION_KEY}#{id}"),
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Theme {
    Light,
    Dark,
    System,
}

impl Theme {
    pub fn parse(s: &str) -> Option<Theme> {
        match s {
            "light" => Some(Theme::Light),
            "dark" => Some(Theme::Dark),
            "system" => Some(Theme::System),
            _ => None,
        }
    }

    pub fn slug(self) -> &'static str {
        match self {
            Theme::Light => "light",
            Theme::Dark => "dark",
            Theme::System => "system",
        }
    }
}

/// Whether the settings panel is open; an error that points at the keys opens it.
#[derive(Clone, Copy)]
pub struct ShowSettings(pub RwSignal<bool>);

/// The settings, each a signal; `Copy`, provided as context by the app.
#[derive(Clone, Copy)]
pub struct Settings {
    pub lang: RwSignal<Lang>,
    pub theme: RwSignal<Theme>,
    pub bce_access_key: RwSignal<String>,
    pub bce_secret_key: RwSignal<String>,
    pub bce_region: RwSignal<String>,
    pub huawei_access_key: RwSignal<String>,
    pub huawei_secret_key: RwSignal<String>,
    pub huawei_region: RwSignal<String>,
    /// Project id per Huawei region: a project belongs to one region.
    pub huawei_projects: RwSignal<Vec<(String, String)>>,
    /// Opt-in: keep the settings in this tab's sessionStorage.
    pub remember: RwSignal<bool>,
    pub config: RwSignal<Option<ServerConfig>>,
}

/// The persisted form (only when the user opts in).
#[derive(Serialize, Deserialize, Default)]
struct Saved {
    bce_access_key: String,
    bce_secret_key: String,
    bce_region: String,
    huawei_access_key: String,
    huawei_secret_key: String,
    huawei_region: String,
    huawei_projects: Vec<(String, String)>,
    lang: Option<Lang>,
}

impl Settings {
    pub fn new(lang: Lang, theme: Theme, bce_region: &str, huawei_region: &str) -> Self {
        Self {
            lang: RwSignal::new(lang),
            theme: RwSignal::new(theme),
            bce_access_key: RwSignal::new(String::new()),
            bce_secret_key: RwSignal::new(String::new()),
            bce_region: RwSignal::new(bce_region.to_owned()),
            huawei_access_key: RwSignal::new(String::new()),
            huawei_secret_key: RwSignal::new(String::new()),
            huawei_region: RwSignal::new(huawei_region.to_owned()),
            huawei_projects: RwSignal::new(Vec::new()),
            remember: RwSignal::new(false),
            config: RwSignal::new(None),
        }
    }

    pub fn project_for(&self, region: &str) -> String {
        self.huawei_projects
            .try_with_untracked(|p| p.iter().find(|(r, _)| r == region).map(|(_, id)| id.clone()).unwrap_or_default())
            .unwrap_or_default()
    }

    pub fn set_project(&self, region: &str, id: String) {
        self.huawei_projects.update(|p| {
            p.retain(|(r, _)| r != region);
            if !id.is_empty() {
                p.push((region.to_owned(), id));
            }
        });
    }

    /// The signal holding the region of `cloud`.
    pub fn region(&self, cloud: Cloud) -> RwSignal<String> {
        match cloud {
            Cloud::Bce => self.bce_region,
            Cloud::Huawei => self.huawei_region,
        }
    }

    /// The regions to offer: the proxy's, or every region core knows before
    /// `/api/config` has answered.
    pub fn regions(&self, cloud: Cloud) -> Vec<String> {
        let from_config = self.config.with(|c| c.as_ref().map(|c| c.regions.of(cloud).to_vec())).filter(|r| !r.is_empty());
        from_config.unwrap_or_else(|| cloud.regions().iter().map(|r| r.id.to_owned()).collect())
    }

    /// Fills empty fields from the emulator's demo credentials (public by design).
    pub fn apply_config(&self, config: ServerConfig) {
        if let Some(demo) = &config.demo {
            if self.bce_access_key.get_untracked().is_empty() && self.bce_secret_key.get_untracked().is_empty() {
                self.bce_access_key.set(demo.access_key.clone());
                self.bce_secret_key.set(demo.secret_key.clone());
            }
            if self.huawei_access_key.get_untracked().is_empty() && self.huawei_secret_key.get_untracked().is_empty() {
                self.huawei_access_key.set(demo.access_key.clone());
                self.huawei_secret_key.set(demo.secret_key.clone());
            }
            for region in &config.regions.huawei {
                if self.project_for(region).is_empty() {
                    self.set_project(region, demo.huawei_project_id.clone());
                }
            }
        }
        self.config.set(Some(config));
    }

    /// Restores what the user chose to remember in this tab, and keeps it up to date
    /// (or removes it) from now on.
    pub fn persist_in_session(&self, key: String) {
        let key = StoredValue::new(key);
        let storage = || web_sys::window().and_then(|w| w.session_storage().ok().flatten());
        if let Some(saved) =
            storage().and_then(|s| s.get_item(&key.get_value()).ok().flatten()).and_then(|t| serde_json::from_str::<Saved>(&t).ok())
        {
            self.bce_access_key.set(saved.bce_access_key);
            self.bce_secret_key.set(saved.bce_secret_key);
            if !saved.bce_region.is_empty() {
                self.bce_region.set(saved.bce_region);
            }
            self.huawei_access_key.set(saved.huawei_access_key);
            self.huawei_secret_key.set(saved.huawei_secret_key);
            if !saved.huawei_region.is_empty() {
                self.huawei_region.set(saved.huawei_region);
            }
            self.huawei_projects.set(saved.huawei_projects);
            if let Some(lang) = saved.lang {
                self.lang.set(lang);
            }
            self.remember.set(true);
        }
        let this = *self;
        Effect::new(move |_| {
            let Some(storage) = storage() else { return };
            if this.remember.get() {
                let saved = Saved {
                    bce_access_key: this.bce_access_key.get(),
                    bce_secret_key: this.bce_secret_key.get(),
                    bce_region: this.bce_region.get(),
                    huawei_access_key: this.huawei_access_key.get(),
                    huawei_secret_key: this.huawei_secret_key.get(),
                    huawei_region: this.huawei_region.get(),
                    huawei_projects: this.huawei_projects.get(),
                    lang: Some(this.lang.get()),
                };
                let _ = storage.set_item(&key.get_value(), &serde_json::to_string(&saved).unwrap_or_default());
            } else {
                let _ = storage.remove_item(&key.get_value());
            }
        });
    }
}

#[cfg(test)]
mod tests {
    use palisade_core::config::{Demo, Mode, Regions};

    use super::*;

    fn demo() -> ServerConfig {
        ServerConfig {
            mode: Mode::Emulator,
            regions: Regions { bce: vec!["bj".into()], huawei: vec!["cn-north-4".into(), "cn-east-3".into()] },
            demo: Some(Demo { access_key: "ak".into(), secret_key: "sk".into(), huawei_project_id: "p1".into() }),
        }
    }

    #[test]
    fn each_mount_remembers_under_its_own_key() {
        assert_eq!(session_key("palisade", 1), "palisade.settings", "the standalone console");
        assert_eq!(session_key("console-slot", 2), "palisade.settings#console-slot");
        assert_ne!(session_key("", 2), session_key("", 3), "elements without an id, told apart by order");
    }

    #[test]
    fn the_demo_keys_fill_only_what_is_empty() {
        let owner = Owner::new();
        owner.set();
        let s = Settings::new(Lang::En, Theme::System, "bj", "cn-north-4");
        s.huawei_access_key.set("mine".into());
        s.huawei_secret_key.set("mine-sk".into());
        s.set_project("cn-east-3", "typed".into());
        s.apply_config(demo());
        assert_eq!(s.bce_access_key.get(), "ak");
        assert_eq!(s.huawei_access_key.get(), "mine", "typed keys stay");
        assert_eq!(s.project_for("cn-north-4"), "p1");
        assert_eq!(s.project_for("cn-east-3"), "typed", "a typed project stays");
        assert_eq!(s.regions(Cloud::Huawei), ["cn-north-4", "cn-east-3"], "the proxy's regions once known");
    }

    #[test]
    fn before_the_config_every_known_region_is_offered() {
        let owner = Owner::new();
        owner.set();
        let s = Settings::new(Lang::En, Theme::System, "bj", "cn-north-4");
        assert_eq!(s.regions(Cloud::Bce).len(), Cloud::Bce.regions().len());
        s.apply_config(ServerConfig { mode: Mode::Cloud, regions: Regions { bce: vec![], huawei: vec![] }, demo: None });
        assert_eq!(s.regions(Cloud::Bce).len(), Cloud::Bce.regions().len(), "an empty list from the proxy is not taken as none");
        assert_eq!(s.bce_access_key.get(), "", "cloud mode offers no keys");
    }
}
