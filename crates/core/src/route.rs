//! The console's places and their URL paths: which page, which region, which group or
//! instance. The console reads and writes them; the server answers them with the
//! console's page (so a deep link or a reload lands), and 404s anything else.

use crate::Cloud;

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
    /// The journal of changes `palisade serve` recorded (#35).
    Changes,
    /// The policy `palisade serve` enforces (#35).
    Policy,
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
            Page::Changes,
            Page::Policy,
        ]
    }

    pub fn cloud(self) -> Option<Cloud> {
        match self {
            Page::Home | Page::Exposure | Page::Changes | Page::Policy => None,
            Page::HuaweiSecurityGroups => Some(Cloud::Huawei),
            _ => Some(Cloud::Bce),
        }
    }

    /// The cloud's name in mount options (`"bce"`, `"huawei"`).
    pub fn cloud_slug(self) -> Option<&'static str> {
        self.cloud().map(Cloud::slug)
    }

    /// The page's segment in a URL, after the cloud and region (`/bce/bj/instances`).
    pub fn path_segment(self) -> &'static str {
        match self {
            Page::Home => "",
            Page::BceSecurityGroups | Page::HuaweiSecurityGroups => "security-groups",
            Page::BceEnterpriseSecurityGroups => "enterprise-security-groups",
            Page::BceInstances => "instances",
            Page::BceEndpoints => "endpoints",
            Page::Exposure => "exposure",
            Page::Changes => "changes",
            Page::Policy => "policy",
        }
    }

    /// Whether the page opens one of its rows (a group, an instance) in place, so a URL
    /// can name it.
    pub fn has_items(self) -> bool {
        matches!(self, Page::BceSecurityGroups | Page::BceEnterpriseSecurityGroups | Page::BceInstances | Page::HuaweiSecurityGroups)
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
            Page::Changes => "changes",
            Page::Policy => "policy",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    pub page: Page,
    /// The region of the page's cloud (empty for the pages over both clouds).
    pub region: String,
    /// The group or instance open on the page.
    pub item: Option<String>,
}

/// Why `path` is no place of the console, in words for a 404 page (#34: an unknown region
/// said only "not found").
pub fn why_not(path: &str) -> String {
    let parts: Vec<&str> = path.trim_matches('/').split('/').filter(|s| !s.is_empty()).collect();
    let Some(first) = parts.first() else { return "This is not a page of the console.".into() };
    let Some(cloud) = Cloud::from_slug(first) else {
        return format!("\"{first}\" is not a page of the console: its pages start with /bce/, /huawei/, /exposure, /changes or /policy.");
    };
    let name = match cloud {
        Cloud::Bce => "Baidu AI Cloud",
        Cloud::Huawei => "Huawei Cloud",
    };
    let regions = || cloud.regions().iter().map(|r| r.id).collect::<Vec<_>>().join(", ");
    match parts.get(1) {
        None => format!("Name a region after /{first}/: {}.", regions()),
        Some(region) if cloud.region(region).is_none() => format!("{name} has no region \"{region}\". Its regions: {}.", regions()),
        Some(_) => match parts.get(2) {
            Some(page) if !Page::all().iter().any(|p| p.cloud() == Some(cloud) && p.path_segment() == *page) => {
                let pages: Vec<&str> = Page::all().iter().filter(|p| p.cloud() == Some(cloud)).map(|p| p.path_segment()).collect();
                format!("{name} has no page \"{page}\" here. Its pages: {}.", pages.join(", "))
            }
            _ => "That is not an id this page can open.".into(),
        },
    }
}

/// The longest id a path may carry; the clouds' ids are under 40 characters.
const MAX_ITEM: usize = 64;

impl Place {
    /// The path below the console's base: `/`, `/exposure`,
    /// `/bce/bj/security-groups/g-1`, `/huawei/cn-north-4/security-groups`.
    pub fn path(&self) -> String {
        let Some(cloud) = self.page.cloud() else {
            return match self.page {
                Page::Exposure => "/exposure".into(),
                Page::Changes => "/changes".into(),
                Page::Policy => "/policy".into(),
                _ => "/".into(),
            };
        };
        let mut path = format!("/{}/{}/{}", cloud.slug(), self.region, self.page.path_segment());
        if let Some(item) = &self.item {
            path.push('/');
            path.push_str(item);
        }
        path
    }

    /// Reads a path written by `path`. `None` for anything else: an unknown page or
    /// region, or an id with characters no cloud's ids have (they are never decoded, so
    /// nothing but an id reaches a request).
    pub fn parse(path: &str) -> Option<Place> {
        let parts: Vec<&str> = path.trim_matches('/').split('/').filter(|s| !s.is_empty()).collect();
        match parts.as_slice() {
            [] => Some(Place { page: Page::Home, region: String::new(), item: None }),
            ["exposure"] => Some(Place { page: Page::Exposure, region: String::new(), item: None }),
            ["changes"] => Some(Place { page: Page::Changes, region: String::new(), item: None }),
            ["policy"] => Some(Place { page: Page::Policy, region: String::new(), item: None }),
            [cloud, region, segment, rest @ ..] if rest.len() <= 1 => {
                let cloud = Cloud::from_slug(cloud)?;
                cloud.region(region)?;
                let page = Page::all().iter().copied().find(|p| p.cloud() == Some(cloud) && p.path_segment() == *segment)?;
                let item = match rest.first() {
                    None => None,
                    Some(id) if page.has_items() && is_id(id) => Some((*id).to_owned()),
                    Some(_) => return None,
                };
                Some(Place { page, region: (*region).to_owned(), item })
            }
            _ => None,
        }
    }
}

fn is_id(s: &str) -> bool {
    s.len() <= MAX_ITEM && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_' || b == b'.') && s != "." && s != ".."
}
