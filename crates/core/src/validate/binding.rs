//! Bindings: an instance's regular groups, a service network interface card's ESG.

use super::{Field, Problem};
use crate::bce::endpoint::{BindEsgRequest, BindSgRequest};
use crate::bce::security_group::BatchBindRequest;
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
/// A regular group is bound only to an instance or card of its own VPC (an enterprise group
/// has no VPC). `None`: not known, not judged.
pub fn check_same_vpc(resource_vpc: Option<&str>, group_vpc: Option<&str>) -> Result<(), Problem> {
    match (resource_vpc.filter(|v| !v.is_empty()), group_vpc.filter(|v| !v.is_empty())) {
        (Some(a), Some(b)) if a != b => Err(Problem::new(&GROUP_VPC_MISMATCH, Field::SecurityGroupId)),
        _ => Ok(()),
    }
}

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

/// `?bindSg`: one to ten regular group ids (they replace every group the card has).
/// CHOICE: no code is documented; an empty list or a blank id is `InappropriateJSON`, more
/// than ten is `BindInstanceExceededLimit` (the instance limit of seed 002).
pub fn validate_bind_sg(req: &BindSgRequest) -> Vec<Problem> {
    match req.security_group_ids.as_deref() {
        None | Some([]) => vec![Problem::new(&INAPPROPRIATE_JSON, Field::SecurityGroupIds)],
        Some(ids) if ids.iter().any(|i| i.trim().is_empty()) => vec![Problem::new(&INAPPROPRIATE_JSON, Field::SecurityGroupIds)],
        Some(ids) if ids.len() > MAX_GROUPS_PER_INSTANCE => vec![Problem::new(&BIND_INSTANCE_EXCEEDED_LIMIT, Field::SecurityGroupIds)],
        Some(_) => Vec::new(),
    }
}

/// A batch binding call: `/v2/securitygroup/{bind|unbind|replace}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BatchAction {
    Bind,
    Unbind,
    Replace,
}

impl BatchAction {
    /// The last path segment.
    pub fn as_str(self) -> &'static str {
        match self {
            BatchAction::Bind => "bind",
            BatchAction::Unbind => "unbind",
            BatchAction::Replace => "replace",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [BatchAction::Bind, BatchAction::Unbind, BatchAction::Replace].into_iter().find(|a| a.as_str() == s)
    }
}

/// `securityGroupType`: the kind of groups a batch call names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GroupKind {
    Normal,
    Enterprise,
}

impl GroupKind {
    pub fn as_str(self) -> &'static str {
        match self {
            GroupKind::Normal => "normal",
            GroupKind::Enterprise => "enterprise",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [GroupKind::Normal, GroupKind::Enterprise].into_iter().find(|k| k.as_str() == s)
    }
}

/// The groups of both kinds an instance holds.
#[derive(Debug, Clone, Copy)]
pub struct HeldGroups<'a> {
    pub expired: bool,
    pub normal: &'a [String],
    pub enterprise: &'a [String],
}

/// The shape of a batch body: instances, groups (at most 10), a known kind. CHOICE: the
/// reference documents no codes for these calls, so a malformed body is the general
/// `InappropriateJSON`, naming the field.
pub fn validate_batch(req: &BatchBindRequest) -> Vec<Problem> {
    let mut out = Vec::new();
    let blank = |ids: &Option<Vec<String>>| ids.as_deref().is_none_or(|ids| ids.is_empty() || ids.iter().any(|i| i.trim().is_empty()));
    if blank(&req.instance_ids) {
        out.push(Problem::new(&INAPPROPRIATE_JSON, Field::InstanceIds));
    }
    if blank(&req.security_group_ids) {
        out.push(Problem::new(&INAPPROPRIATE_JSON, Field::SecurityGroupIds));
    } else if req.security_group_ids.as_deref().is_some_and(|g| g.len() > MAX_GROUPS_PER_INSTANCE) {
        out.push(Problem::new(&BIND_INSTANCE_EXCEEDED_LIMIT, Field::SecurityGroupIds));
    }
    if req.security_group_type.as_deref().and_then(GroupKind::parse).is_none() {
        out.push(Problem::new(&INAPPROPRIATE_JSON, Field::SecurityGroupType));
    }
    out
}

/// The groups of `kind` one instance holds after a batch call, or why the cloud refuses
/// it. An instance holds regular or enterprise groups, never both (reference C.5):
/// binding one kind to an instance holding the other is refused, and a replace swaps
/// every group of both kinds for the new ones (CHOICE: the way to move an instance from
/// one kind to the other). Bind and replace refuse an expired instance; the result holds
/// at most 10 groups; an unbind names groups the instance holds and leaves at least one.
pub fn batch_result(action: BatchAction, kind: GroupKind, held: HeldGroups<'_>, groups: &[String]) -> Result<Vec<String>, Problem> {
    let (same, other) = match kind {
        GroupKind::Normal => (held.normal, held.enterprise),
        GroupKind::Enterprise => (held.enterprise, held.normal),
    };
    if held.expired && action != BatchAction::Unbind {
        return Err(Problem::new(&EXPIRED_INSTANCE_FORBIDDEN_BIND, Field::InstanceIds));
    }
    let mut after: Vec<String> = match action {
        BatchAction::Bind => {
            if !other.is_empty() {
                return Err(Problem::new(&MIXED_GROUP_TYPES, Field::SecurityGroupType));
            }
            same.to_vec()
        }
        BatchAction::Unbind => {
            if let Some(_missing) = groups.iter().find(|g| !same.contains(g)) {
                return Err(Problem::new(&NO_SUCH_OBJECT, Field::SecurityGroupIds));
            }
            let left: Vec<String> = same.iter().filter(|g| !groups.contains(g)).cloned().collect();
            if left.is_empty() && other.is_empty() {
                return Err(Problem::new(&NO_SECURITY_GROUP, Field::SecurityGroupIds));
            }
            return Ok(left);
        }
        BatchAction::Replace => Vec::new(),
    };
    for g in groups {
        if !after.contains(g) {
            after.push(g.clone());
        }
    }
    if after.len() > MAX_GROUPS_PER_INSTANCE {
        return Err(Problem::new(&BIND_INSTANCE_EXCEEDED_LIMIT, Field::SecurityGroupIds));
    }
    Ok(after)
}

#[cfg(test)]
mod batch_tests {
    use super::*;

    fn ids(n: &[&str]) -> Vec<String> {
        n.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn each_batch_action_gives_the_groups_after_or_the_documented_refusal() {
        let (web, db) = (ids(&["g-web", "g-default"]), ids(&["esg-1"]));
        let regular = HeldGroups { expired: false, normal: &web, enterprise: &[] };
        let enterprise = HeldGroups { expired: false, normal: &[], enterprise: &db };
        let code = |r: Result<Vec<String>, Problem>| r.map_err(|p| p.code.code);
        use BatchAction::*;
        use GroupKind::*;
        assert_eq!(code(batch_result(Bind, Normal, regular, &ids(&["g-db", "g-web"]))), Ok(ids(&["g-web", "g-default", "g-db"])));
        assert_eq!(code(batch_result(Unbind, Normal, regular, &ids(&["g-web"]))), Ok(ids(&["g-default"])));
        assert_eq!(code(batch_result(Unbind, Normal, regular, &web)), Err("SecurityGroup.NoSecurityGroup"), "never the last group");
        assert_eq!(code(batch_result(Unbind, Normal, regular, &ids(&["g-x"]))), Err("NoSuchObject"));
        assert_eq!(code(batch_result(Replace, Normal, regular, &ids(&["g-db"]))), Ok(ids(&["g-db"])));
        // One kind at a time: bind is refused, replace moves the instance to the new kind.
        assert_eq!(code(batch_result(Bind, Enterprise, regular, &db)), Err("SecurityGroup.InstanceHoldsOtherType"));
        assert_eq!(code(batch_result(Replace, Enterprise, regular, &db)), Ok(db.clone()));
        assert_eq!(code(batch_result(Bind, Normal, enterprise, &web)), Err("SecurityGroup.InstanceHoldsOtherType"));
        let expired = HeldGroups { expired: true, ..regular };
        assert_eq!(code(batch_result(Bind, Normal, expired, &ids(&["g-db"]))), Err("SecurityGroup.ExpiredInstanceForbiddenBind"));
        let full: Vec<String> = (0..10).map(|i| format!("g-{i}")).collect();
        let held = HeldGroups { expired: false, normal: &full, enterprise: &[] };
        assert_eq!(code(batch_result(Bind, Normal, held, &ids(&["g-new"]))), Err("SecurityGroup.BindInstanceExceededLimit"));
        assert_eq!(code(batch_result(Bind, Normal, held, &ids(&["g-3"]))).map(|g| g.len()), Ok(10), "already bound: nothing changes");
    }

    #[test]
    fn a_card_takes_one_to_ten_regular_groups() {
        let req = |g: &[&str]| BindSgRequest { security_group_ids: Some(ids(g)) };
        assert!(validate_bind_sg(&req(&["g-1", "g-2"])).is_empty());
        assert_eq!(validate_bind_sg(&req(&[]))[0].code.code, "InappropriateJSON");
        assert_eq!(validate_bind_sg(&BindSgRequest::default())[0].code.code, "InappropriateJSON");
        let eleven: Vec<String> = (0..11).map(|i| format!("g-{i}")).collect();
        assert_eq!(
            validate_bind_sg(&BindSgRequest { security_group_ids: Some(eleven) })[0].code.code,
            "SecurityGroup.BindInstanceExceededLimit"
        );
    }

    #[test]
    fn a_batch_body_names_its_bad_field() {
        let req = |i: &[&str], g: &[&str], t: &str| BatchBindRequest {
            instance_ids: Some(ids(i)),
            security_group_ids: Some(ids(g)),
            security_group_type: Some(t.into()),
        };
        let paths = |r: BatchBindRequest| validate_batch(&r).iter().map(Problem::path).collect::<Vec<_>>();
        assert!(paths(req(&["i-1"], &["g-1"], "normal")).is_empty());
        assert_eq!(paths(req(&[], &["g-1"], "enterprise")), ["instanceIds"]);
        assert_eq!(paths(req(&["i-1"], &[], "normal")), ["securityGroupIds"]);
        assert_eq!(paths(req(&["i-1"], &["g-1"], "regular")), ["securityGroupType"]);
    }
}
