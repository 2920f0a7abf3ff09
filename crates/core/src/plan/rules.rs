//! The three clouds' wire rules as plans move them.

use super::PlanRule;
use crate::bce::esg::EsgRule;
use crate::bce::security_group::SecurityGroupRule;
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
    fn content(&self) -> Self {
        SecurityGroupRule { security_group_rule_id: None, security_group_id: None, created_time: None, updated_time: None, ..self.clone() }
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
    fn content(&self) -> Self {
        EsgRule { enterprise_security_group_rule_id: None, created_time: None, updated_time: None, ..self.clone() }
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
