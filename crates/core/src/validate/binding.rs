//! Bindings: an instance's regular groups, a service network interface card's ESG.

use super::{Field, Problem};
use crate::bce::endpoint::BindEsgRequest;
use crate::codes::*;

/// At most this many security groups on one instance (seed 002).
pub const MAX_GROUPS_PER_INSTANCE: usize = 10;

/// What binding needs to know about an instance.
#[derive(Debug, Clone, Copy)]
pub struct InstanceView<'a> {
    pub expired: bool,
    pub security_group_ids: &'a [String],
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BindOutcome {
    Bind,
    /// The group is bound already: success, nothing changes. CHOICE (undocumented).
    AlreadyBound,
}

/// Binding a regular group. CHOICE: an expired instance is refused before the count is
/// looked at.
pub fn check_bind(instance: InstanceView<'_>, group_id: &str) -> Result<BindOutcome, Problem> {
    if instance.expired {
        return Err(Problem::new(&EXPIRED_INSTANCE_FORBIDDEN_BIND, Field::SecurityGroupId));
    }
    if instance.security_group_ids.iter().any(|g| g == group_id) {
        return Ok(BindOutcome::AlreadyBound);
    }
    if instance.security_group_ids.len() >= MAX_GROUPS_PER_INSTANCE {
        return Err(Problem::new(&BIND_INSTANCE_EXCEEDED_LIMIT, Field::SecurityGroups));
    }
    Ok(BindOutcome::Bind)
}

/// Unbinding: an instance never ends with no group. CHOICE: unbinding a group the
/// instance does not have is `NoSuchObject`.
pub fn check_unbind(instance: InstanceView<'_>, group_id: &str) -> Result<(), Problem> {
    if !instance.security_group_ids.iter().any(|g| g == group_id) {
        return Err(Problem::new(&NO_SUCH_OBJECT, Field::SecurityGroupId));
    }
    if instance.security_group_ids.len() <= 1 {
        return Err(Problem::new(&NO_SECURITY_GROUP, Field::SecurityGroups));
    }
    Ok(())
}

/// `?bindEsg`: exactly one ESG id (seed 000: one ESG per card). CHOICE: the seed lists no
/// code for this, so an empty or longer list is the general `InappropriateJSON`.
pub fn validate_bind_esg(req: &BindEsgRequest) -> Vec<Problem> {
    match req.enterprise_security_group_ids.as_deref() {
        Some([id]) if !id.trim().is_empty() => Vec::new(),
        _ => vec![Problem::new(&INAPPROPRIATE_JSON, Field::EnterpriseSecurityGroupIds)],
    }
}
