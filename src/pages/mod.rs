//! The console's pages, and which cloud each belongs to.

pub mod home;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cloud {
    Baidu,
    Huawei,
}

impl Cloud {
    pub fn label(self) -> &'static str {
        match self {
            Cloud::Baidu => "Baidu AI Cloud",
            Cloud::Huawei => "Huawei Cloud",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Page {
    Home,
    BceSecurityGroups,
    BceEnterpriseSecurityGroups,
    BceInstances,
    BceEndpoints,
    HuaweiSecurityGroups,
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
        ]
    }

    pub fn cloud(self) -> Option<Cloud> {
        match self {
            Page::Home => None,
            Page::HuaweiSecurityGroups => Some(Cloud::Huawei),
            _ => Some(Cloud::Baidu),
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            Page::Home => "Overview",
            Page::BceSecurityGroups => "Security groups",
            Page::BceEnterpriseSecurityGroups => "Enterprise security groups",
            Page::BceInstances => "Instances",
            Page::BceEndpoints => "Service network interface cards",
            Page::HuaweiSecurityGroups => "Security groups",
        }
    }

    /// A stable name for tests and deep links.
    pub fn slug(self) -> &'static str {
        match self {
            Page::Home => "home",
            Page::BceSecurityGroups => "bce-security-groups",
            Page::BceEnterpriseSecurityGroups => "bce-enterprise-security-groups",
            Page::BceInstances => "bce-instances",
            Page::BceEndpoints => "bce-endpoints",
            Page::HuaweiSecurityGroups => "huawei-security-groups",
        }
    }
}
