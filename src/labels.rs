//! What pages, clouds and regions are called in the navigation and headings.

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

use palisade_core::route::Page;

/// A page's name in the navigation and headings.
pub trait PageTitle {
    fn title(self) -> Msg;
}

impl PageTitle for Page {
    fn title(self) -> Msg {
        match self {
            Page::Home => Msg::Overview,
            Page::BceSecurityGroups => Msg::SecurityGroups,
            Page::BceEnterpriseSecurityGroups => Msg::EnterpriseSecurityGroups,
            Page::BceInstances => Msg::Instances,
            Page::BceEndpoints => Msg::Endpoints,
            Page::HuaweiSecurityGroups => Msg::SecurityGroups,
            Page::Exposure => Msg::Exposure,
            Page::Changes => Msg::ChangesPage,
            Page::Policy => Msg::PolicyPage,
        }
    }
}
