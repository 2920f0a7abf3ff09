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

impl NicInfo {
    /// The groups the instance holds, of the one kind it holds (regular or enterprise,
    /// never both: reference C.5): what its "n / 10" counts, in its row and its panel.
    pub fn held(&self) -> &[String] {
        if self.security_groups.is_empty() {
            &self.enterprise_security_groups
        } else {
            &self.security_groups
        }
    }
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

    #[test]
    fn an_instance_holds_one_kind_and_that_kind_is_counted() {
        let nic = |sg: &[&str], esg: &[&str]| NicInfo {
            security_groups: sg.iter().map(|s| s.to_string()).collect(),
            enterprise_security_groups: esg.iter().map(|s| s.to_string()).collect(),
        };
        assert_eq!(nic(&["g-1", "g-2"], &[]).held(), ["g-1", "g-2"]);
        assert_eq!(nic(&[], &["esg-1"]).held(), ["esg-1"]);
        assert!(nic(&[], &[]).held().is_empty());
    }
}
