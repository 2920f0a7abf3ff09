//! The two clouds, their API hosts and their regions: the one definition the console
//! (what it signs for), the proxy (where it sends) and the emulator (which region a
//! `Host` names) share.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Cloud {
    /// Baidu AI Cloud (BCE).
    Bce,
    /// Huawei Cloud.
    Huawei,
}

/// A region the proxy allows by default, with its display names (reference E.1, E.2).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Region {
    pub id: &'static str,
    pub name_en: &'static str,
    pub name_zh: &'static str,
}

const fn region(id: &'static str, name_en: &'static str, name_zh: &'static str) -> Region {
    Region { id, name_en, name_zh }
}

/// Baidu regions whose `bcc.{region}.baidubce.com` host the reference confirms.
pub const BCE_REGIONS: &[Region] = &[
    region("bj", "North China - Beijing", "华北-北京"),
    region("gz", "South China - Guangzhou", "华南-广州"),
    region("su", "East China - Suzhou", "华东-苏州"),
    region("bd", "North China - Baoding", "华北-保定"),
    region("fwh", "Finance Central China - Wuhan", "金融华中-武汉"),
    region("hkg", "Hong Kong, China", "中国香港"),
    region("cd", "Southwest China - Chengdu", "西南-成都"),
    region("fsh", "East China - Shanghai", "华东-上海"),
    region("sin", "Singapore", "新加坡"),
];

/// Huawei regions named on Huawei's endpoint page (reference E.2).
pub const HUAWEI_REGIONS: &[Region] = &[
    region("cn-north-4", "CN North-Beijing4", "华北-北京四"),
    region("cn-north-1", "CN North-Beijing1", "华北-北京一"),
    region("cn-east-3", "CN East-Shanghai1", "华东-上海一"),
    region("cn-east-2", "CN East-Shanghai2", "华东-上海二"),
    region("cn-south-1", "CN South-Guangzhou", "华南-广州"),
    region("ap-southeast-1", "CN-Hong Kong", "中国-香港"),
    region("ap-southeast-2", "AP-Bangkok", "亚太-曼谷"),
    region("ap-southeast-3", "AP-Singapore", "亚太-新加坡"),
];

impl Cloud {
    pub const ALL: [Cloud; 2] = [Cloud::Bce, Cloud::Huawei];

    /// The name in URLs (`/api/bce/...`), mount options and `/api/config`.
    pub fn slug(self) -> &'static str {
        match self {
            Cloud::Bce => "bce",
            Cloud::Huawei => "huawei",
        }
    }

    pub fn from_slug(slug: &str) -> Option<Cloud> {
        Cloud::ALL.into_iter().find(|c| c.slug() == slug)
    }

    /// The regions allowed unless configured otherwise.
    pub fn regions(self) -> &'static [Region] {
        match self {
            Cloud::Bce => BCE_REGIONS,
            Cloud::Huawei => HUAWEI_REGIONS,
        }
    }

    /// The region the console starts in.
    pub fn default_region(self) -> &'static str {
        self.regions()[0].id
    }

    pub fn region(self, id: &str) -> Option<&'static Region> {
        self.regions().iter().find(|r| r.id == id)
    }

    /// The real API host of a region: what the browser signs for and the proxy sends to.
    pub fn api_host(self, region: &str) -> String {
        let (prefix, suffix) = self.host_parts();
        let mut host = String::with_capacity(prefix.len() + region.len() + suffix.len());
        host.push_str(prefix);
        host.push_str(region);
        host.push_str(suffix);
        host
    }

    /// The region an API host names (`bcc.gz.baidubce.com` → `gz`), the inverse of
    /// [`Cloud::api_host`]; a port is ignored. `None` for any other host.
    pub fn region_of_host(self, host: &str) -> Option<&str> {
        let (prefix, suffix) = self.host_parts();
        let name = host.rsplit_once(':').filter(|(_, port)| port.bytes().all(|b| b.is_ascii_digit())).map_or(host, |(n, _)| n);
        name.strip_prefix(prefix)
            .and_then(|r| r.strip_suffix(suffix))
            .filter(|r| !r.is_empty() && r.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-'))
    }

    fn host_parts(self) -> (&'static str, &'static str) {
        match self {
            Cloud::Bce => ("bcc.", ".baidubce.com"),
            Cloud::Huawei => ("vpc.", ".myhuaweicloud.com"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts_round_trip_through_their_region() {
        for cloud in Cloud::ALL {
            for r in cloud.regions() {
                let host = cloud.api_host(r.id);
                assert_eq!(cloud.region_of_host(&host), Some(r.id), "{host}");
                assert_eq!(cloud.region_of_host(&format!("{host}:443")), Some(r.id));
            }
        }
        assert_eq!(Cloud::Bce.api_host("gz"), "bcc.gz.baidubce.com");
        assert_eq!(Cloud::Huawei.api_host("cn-north-4"), "vpc.cn-north-4.myhuaweicloud.com");
    }

    #[test]
    fn other_hosts_name_no_region() {
        for host in
            ["127.0.0.1:8787", "bcc.baidubce.com", "bcc..baidubce.com", "bcc.a.b.baidubce.com", "evil.com", "vpc.x.myhuaweicloud.com.evil"]
        {
            assert_eq!(Cloud::Bce.region_of_host(host), None, "{host}");
        }
        assert_eq!(Cloud::Huawei.region_of_host("vpc.x.myhuaweicloud.com.evil"), None);
    }

    #[test]
    fn slugs_round_trip() {
        for cloud in Cloud::ALL {
            assert_eq!(Cloud::from_slug(cloud.slug()), Some(cloud));
        }
        assert_eq!(Cloud::from_slug("baidu"), None);
    }
}
