use serde::{Deserialize, Serialize};

use super::common::Page;

/// Where an instance's bound groups are visible (`nicInfo` of the BCC instance model).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct NicInfo {
    #[serde(default)]
    pub security_groups: Vec<String>,
    #[serde(default)]
    pub enterprise_security_groups: Vec<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Instance {
    pub id: String,
    pub name: String,
    /// `Running`, `Stopped`, `Expired`, …
    #[serde(default)]
    pub status: String,
    #[serde(default)]
    pub vpc_id: Option<String>,
    #[serde(default)]
    pub internal_ip: Option<String>,
    #[serde(default)]
    pub expire_time: Option<String>,
    #[serde(default)]
    pub nic_info: NicInfo,
}

impl Instance {
    /// Expired or in debt: seed 002 refuses binding either
    /// (`SecurityGroup.ExpiredInstanceForbiddenBind`, "Expired or debt instances").
    pub fn is_expired(&self) -> bool {
        ["expired", "debt", "indebt", "arrears"].iter().any(|s| self.status.eq_ignore_ascii_case(s))
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ListInstancesResponse {
    #[serde(flatten)]
    pub page: Page,
    pub instances: Vec<Instance>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expired_or_debt_instances_refuse_binding() {
        let with = |status: &str| Instance { status: status.into(), ..Default::default() };
        for s in ["Expired", "expired", "Debt", "InDebt", "Arrears"] {
            assert!(with(s).is_expired(), "{s}");
        }
        for s in ["Running", "Stopped", ""] {
            assert!(!with(s).is_expired(), "{s}");
        }
    }
}
