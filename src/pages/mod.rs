//! The console's pages, and which cloud each belongs to.

pub mod bce_endpoints;
pub mod bce_esgs;
pub mod bce_instances;
pub mod bce_security_groups;
pub mod exposure;
pub mod home;
pub mod huawei_security_groups;

use palisade_core::Cloud;

use crate::i18n::Msg;

/// The name of a cloud in the navigation and headings.
pub fn cloud_label(cloud: Cloud) -> Msg {
    match cloud {
        Cloud::Bce => Msg::BaiduCloud,
        Cloud::Huawei => Msg::HuaweiCloud,
    }
}

/// A region as headings show it: its id and its name in the language (`bj 华北-北京`).
pub fn region_label(cloud: Cloud, region: &str, lang: crate::i18n::Lang) -> String {
    let name = cloud.region(region).map(|r| if lang == crate::i18n::Lang::Zh { r.name_zh } else { r.name_en }).unwrap_or("");
    format!("{region} {name}")
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Page {
    Home,
    BceSecurityGroups,
    BceEnterpriseSecurityGroups,
    BceInstances,
    BceEndpoints,
    HuaweiSecurityGroups,
    /// Both clouds: what is open to the internet.
    Exposure,
}

impl Page {
    pub fn all() -> &'static [Page] {
        &[
            Page::Home,
            Page::BceSecurityGroups,
            Page::BceEnterpriseSecurityGroups,
            Page::BceInstances,
            Page::BceEndpoints,
            Page::HuaweiSecurityGroups,
            Page::Exposure,
        ]
    }

    pub fn cloud(self) -> Option<Cloud> {
        match self {
            Page::Home | Page::Exposure => None,
            Page::HuaweiSecurityGroups => Some(Cloud::Huawei),
            _ => Some(Cloud::Bce),
        }
    }

    /// The cloud's name in mount options (`"bce"`, `"huawei"`).
    pub fn cloud_slug(self) -> Option<&'static str> {
        self.cloud().map(Cloud::slug)
    }

    pub fn title(self) -> Msg {
        match self {
            Page::Home => Msg::Overview,
            Page::BceSecurityGroups => Msg::SecurityGroups,
            Page::BceEnterpriseSecurityGroups => Msg::EnterpriseSecurityGroups,
            Page::BceInstances => Msg::Instances,
            Page::BceEndpoints => Msg::Endpoints,
            Page::HuaweiSecurityGroups => Msg::SecurityGroups,
            Page::Exposure => Msg::Exposure,
        }
    }

    /// A stable name for tests and mount options.
    pub fn slug(self) -> &'static str {
        match self {
            Page::Home => "home",
            Page::BceSecurityGroups => "bce-security-groups",
            Page::BceEnterpriseSecurityGroups => "bce-enterprise-security-groups",
            Page::BceInstances => "bce-instances",
            Page::BceEndpoints => "bce-endpoints",
            Page::HuaweiSecurityGroups => "huawei-security-groups",
            Page::Exposure => "exposure",
        }
    }
}
