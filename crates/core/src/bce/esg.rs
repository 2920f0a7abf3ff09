use serde::{Deserialize, Serialize};

use super::common::{Page, Tag};

/// The ESG rule priority arrives as a number (`1000`) or a string (`"1000"`); kept as
/// sent so validation can name a non-numeric value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Priority {
    Number(serde_json::Number),
    Text(String),
}

impl Priority {
    /// The integer value, if it is one (`"10"` and `10` both are; `"1e3"`, `1.5` are not).
    pub fn value(&self) -> Option<i64> {
        match self {
            Priority::Number(n) => n.as_i64(),
            Priority::Text(s) => s.trim().parse().ok(),
        }
    }

    pub fn is_blank(&self) -> bool {
        matches!(self, Priority::Text(s) if s.trim().is_empty())
    }
}

/// `EnterpriseSecurityGroupRuleModel`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EsgRule {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enterprise_security_group_rule_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub remark: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub direction: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ethertype: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub port_range: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_port_range: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub protocol: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_ip: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dest_ip: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub local_ip: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub remote_ip_set: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub remote_ip_group: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub action: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub priority: Option<Priority>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_time: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated_time: Option<String>,
}

/// Body of `POST /v1/enterprise/security`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CreateEsgRequest {
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub desc: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rules: Option<Vec<EsgRule>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tags: Option<Vec<Tag>>,
}

/// Body of `PUT /v1/enterprise/security/{id}?authorizeRule`: rules added to a group.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AuthorizeEsgRulesRequest {
    #[serde(default)]
    pub rules: Option<Vec<EsgRule>>,
}

/// Body of `PUT /v1/enterprise/security/rule/{ruleId}`: the fields to change, the others
/// kept (the SDK sends only those it is given). Direction and ethertype cannot change.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UpdateEsgRuleRequest {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub remark: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub protocol: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub port_range: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_port_range: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_ip: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dest_ip: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub local_ip: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub remote_ip_set: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub remote_ip_group: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub action: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub priority: Option<Priority>,
}

impl UpdateEsgRuleRequest {
    /// The fields in which `to` differs from `from`: what an edit sends.
    pub fn between(from: &EsgRule, to: &EsgRule) -> Self {
        fn changed<T: Clone + PartialEq>(a: &Option<T>, b: &Option<T>) -> Option<T> {
            (a != b).then(|| b.clone()).flatten()
        }
        let prio = |r: &EsgRule| r.priority.as_ref().and_then(Priority::value);
        UpdateEsgRuleRequest {
            // CHOICE: a cleared remark is not sent. The Go SDK sends every field of its
            // update (no `omitempty`), so the cloud must read `""` as "not given": an
            // empty remark cannot clear one, and sending it would promise what it won't do.
            remark: changed(&from.remark, &to.remark).filter(|r| !r.is_empty()),
            protocol: changed(&from.protocol, &to.protocol),
            port_range: changed(&from.port_range, &to.port_range),
            source_port_range: changed(&from.source_port_range, &to.source_port_range),
            source_ip: changed(&from.source_ip, &to.source_ip),
            dest_ip: changed(&from.dest_ip, &to.dest_ip),
            local_ip: changed(&from.local_ip, &to.local_ip),
            remote_ip_set: changed(&from.remote_ip_set, &to.remote_ip_set),
            remote_ip_group: changed(&from.remote_ip_group, &to.remote_ip_group),
            action: changed(&from.action, &to.action),
            // A number, as the SDKs send it (Go's `Priority int`), whatever the form held.
            priority: (prio(from) != prio(to)).then(|| prio(to).map(|p| Priority::Number(p.into()))).flatten(),
        }
    }

    pub fn is_empty(&self) -> bool {
        *self == UpdateEsgRuleRequest::default()
    }

    /// `rule` with these fields changed. An empty text or a priority of 0 is "not given":
    /// the official Go SDK sends every field of the update, the unset ones as `""` and
    /// `0`, so a partial edit from it must leave those fields alone.
    pub fn applied_to(&self, rule: &EsgRule) -> EsgRule {
        let mut r = rule.clone();
        let set = |field: &mut Option<String>, v: &Option<String>| {
            if v.as_deref().is_some_and(|v| !v.is_empty()) {
                field.clone_from(v);
            }
        };
        set(&mut r.remark, &self.remark);
        set(&mut r.protocol, &self.protocol);
        set(&mut r.port_range, &self.port_range);
        set(&mut r.source_port_range, &self.source_port_range);
        set(&mut r.source_ip, &self.source_ip);
        set(&mut r.dest_ip, &self.dest_ip);
        set(&mut r.local_ip, &self.local_ip);
        set(&mut r.remote_ip_set, &self.remote_ip_set);
        set(&mut r.remote_ip_group, &self.remote_ip_group);
        set(&mut r.action, &self.action);
        if self.priority.as_ref().is_some_and(|p| !p.is_blank() && p.value() != Some(0)) {
            r.priority.clone_from(&self.priority);
        }
        r
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CreateEsgResponse {
    pub enterprise_security_group_id: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EnterpriseSecurityGroup {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub desc: Option<String>,
    #[serde(default)]
    pub rules: Vec<EsgRule>,
    #[serde(default)]
    pub tags: Vec<Tag>,
    #[serde(default)]
    pub created_time: Option<String>,
    #[serde(default)]
    pub updated_time: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ListEsgResponse {
    #[serde(flatten)]
    pub page: Page,
    pub enterprise_security_groups: Vec<EnterpriseSecurityGroup>,
}
