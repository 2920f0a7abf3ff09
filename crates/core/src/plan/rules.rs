//! The three clouds' wire rules as plans move them.

use super::PlanRule;
use crate::bce::esg::{EsgRule, UpdateEsgRuleRequest};
use crate::bce::security_group::{SecurityGroupRule, UpdateRuleRequest};
use crate::huawei::rule::SecurityGroupRule as HuaweiRule;
use crate::reach::Rule;
use crate::validate::{bce_rule, esg, huawei};

impl PlanRule for SecurityGroupRule {
    type Identity = bce_rule::RuleIdentity;
    fn id(&self) -> Option<&str> {
        self.security_group_rule_id.as_deref()
    }
    fn with_id(&self, id: Option<String>) -> Self {
        SecurityGroupRule { security_group_rule_id: id, ..self.clone() }
    }
    fn identity(&self) -> Self::Identity {
        bce_rule::rule_identity(self)
    }
    fn reach(&self) -> Option<Rule> {
        Rule::from_bce(self)
    }
    fn remark(&self) -> Option<&str> {
        self.remark.as_deref()
    }
    fn content(&self) -> Self {
        SecurityGroupRule { security_group_rule_id: None, security_group_id: None, created_time: None, updated_time: None, ..self.clone() }
    }
    /// `PUT /v2/securityGroup/rule/update` changes neither direction nor IP version, and
    /// refuses a port protocol turned into icmp (reference C.3).
    fn updatable(from: &Self, to: &Self) -> bool {
        let to_icmp = matches!(from.protocol.as_deref(), Some("tcp" | "udp")) && to.protocol.as_deref() == Some("icmp");
        let after = UpdateRuleRequest::between(from, to).applied_to(from);
        !to_icmp && after.ethertype == to.ethertype && after.identity() == to.identity()
    }
}

impl PlanRule for EsgRule {
    type Identity = esg::EsgRuleIdentity;
    fn id(&self) -> Option<&str> {
        self.enterprise_security_group_rule_id.as_deref()
    }
    fn with_id(&self, id: Option<String>) -> Self {
        EsgRule { enterprise_security_group_rule_id: id, ..self.clone() }
    }
    fn identity(&self) -> Self::Identity {
        esg::rule_identity(self)
    }
    fn reach(&self) -> Option<Rule> {
        Rule::from_esg(self)
    }
    fn remark(&self) -> Option<&str> {
        self.remark.as_deref()
    }
    fn content(&self) -> Self {
        EsgRule { enterprise_security_group_rule_id: None, created_time: None, updated_time: None, ..self.clone() }
    }
    /// `PUT /v1/enterprise/security/rule/{id}` changes neither direction nor IP version,
    /// and cannot clear a field (an empty value is not sent).
    fn updatable(from: &Self, to: &Self) -> bool {
        let after = UpdateEsgRuleRequest::between(from, to).applied_to(from);
        let remark = |r: &Self| r.remark.clone().unwrap_or_default();
        after.identity() == to.identity() && remark(&after) == remark(to)
    }
}

impl PlanRule for HuaweiRule {
    type Identity = huawei::HuaweiRuleIdentity;
    fn id(&self) -> Option<&str> {
        Some(self.id.as_str()).filter(|id| !id.is_empty())
    }
    fn with_id(&self, id: Option<String>) -> Self {
        HuaweiRule { id: id.unwrap_or_default(), ..self.clone() }
    }
    fn identity(&self) -> Self::Identity {
        huawei::rule_identity(self)
    }
    fn reach(&self) -> Option<Rule> {
        Rule::from_huawei(self)
    }
    fn remark(&self) -> Option<&str> {
        Some(self.description.as_str())
    }
    fn content(&self) -> Self {
        HuaweiRule {
            id: String::new(),
            security_group_id: String::new(),
            created_at: String::new(),
            updated_at: String::new(),
            project_id: String::new(),
            ..self.clone()
        }
    }
}
