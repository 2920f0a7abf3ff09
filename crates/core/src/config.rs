//! `GET /api/config`: what `palisade serve` tells the console at start. The server
//! writes this type and the console reads it.

use serde::{Deserialize, Serialize};

use crate::cloud::Cloud;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Mode {
    /// The embedded (or a loopback) emulator: demo credentials are offered.
    #[default]
    Emulator,
    /// The real clouds: no credentials come from the server.
    Cloud,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServerConfig {
    pub mode: Mode,
    #[serde(default)]
    pub regions: Regions,
    /// Only in emulator mode; the demo keys are public by design.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub demo: Option<Demo>,
}

/// The regions the proxy forwards to, per cloud.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Regions {
    #[serde(default)]
    pub bce: Vec<String>,
    #[serde(default)]
    pub huawei: Vec<String>,
}

impl Default for Regions {
    /// Every region of [`Cloud::regions`].
    fn default() -> Self {
        let ids = |c: Cloud| c.regions().iter().map(|r| r.id.to_owned()).collect();
        Self { bce: ids(Cloud::Bce), huawei: ids(Cloud::Huawei) }
    }
}

impl Regions {
    pub fn of(&self, cloud: Cloud) -> &[String] {
        match cloud {
            Cloud::Bce => &self.bce,
            Cloud::Huawei => &self.huawei,
        }
    }

    pub fn allows(&self, cloud: Cloud, region: &str) -> bool {
        self.of(cloud).iter().any(|r| r == region)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Demo {
    pub access_key: String,
    pub secret_key: String,
    pub huawei_project_id: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_wire_form_is_the_documented_one() {
        let c = ServerConfig {
            mode: Mode::Emulator,
            regions: Regions { bce: vec!["bj".into()], huawei: vec!["cn-north-4".into()] },
            demo: Some(Demo { access_key: "a".into(), secret_key: "s".into(), huawei_project_id: "p".into() }),
        };
        let text = serde_json::to_string(&c).unwrap();
        assert_eq!(
            text,
            r#"{"mode":"emulator","regions":{"bce":["bj"],"huawei":["cn-north-4"]},"demo":{"accessKey":"a","secretKey":"s","huaweiProjectId":"p"}}"#
        );
        assert_eq!(serde_json::from_str::<ServerConfig>(&text).unwrap(), c);
        let cloud: ServerConfig = serde_json::from_str(r#"{"mode":"cloud","regions":{"bce":[],"huawei":[]}}"#).unwrap();
        assert_eq!((cloud.mode, cloud.demo), (Mode::Cloud, None));
    }

    #[test]
    fn default_regions_are_the_clouds_own() {
        let r = Regions::default();
        assert!(r.allows(Cloud::Bce, "bj") && r.allows(Cloud::Huawei, "cn-north-4"));
        assert!(!r.allows(Cloud::Bce, "cn-north-4"));
    }
}
