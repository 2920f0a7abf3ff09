//! Validation of every request the console sends and the emulator receives.
//!
//! Each operation has one function that returns *every* problem found, so an editor can
//! mark all of them at once. The order is fixed, and the first problem is the one error
//! the API answers with. Where the seeds leave a rule open, the code says `CHOICE:` and
//! the README lists the choice.

pub mod accepts;
pub mod address;
pub mod bce_group;
pub mod bce_rule;
pub mod binding;
pub mod bounds;
pub mod esg;
pub mod huawei;
pub mod names;
pub mod ports;
pub mod state;

use serde::Serialize;

use crate::codes::ErrorCode;

/// Which field a problem is about, by its wire name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum Field {
    Body,
    Name,
    Desc,
    Description,
    Rules,
    Rule,
    Tags,
    Action,
    Remark,
    Protocol,
    PortRange,
    SourcePortRange,
    Priority,
    Ethertype,
    SourceIp,
    DestIp,
    LocalIp,
    Direction,
    SourceGroupId,
    DestGroupId,
    SecurityGroupId,
    SecurityGroups,
    EnterpriseSecurityGroupIds,
    SecurityGroup,
    Multiport,
    RemoteIpPrefix,
    RemoteGroupId,
    RemoteAddressGroupId,
    ProjectId,
    VpcId,
    EnterpriseProjectId,
    InstanceIds,
    SecurityGroupIds,
    SecurityGroupType,
    SecurityGroupRules,
}

impl Field {
    /// The field's name on the wire (and in the console's forms).
    pub fn wire_name(self) -> &'static str {
        match self {
            Field::Body => "body",
            Field::Name => "name",
            Field::Desc => "desc",
            Field::Description => "description",
            Field::Rules => "rules",
            Field::Rule => "rule",
            Field::Tags => "tags",
            Field::Action => "action",
            Field::Remark => "remark",
            Field::Protocol => "protocol",
            Field::PortRange => "portRange",
            Field::SourcePortRange => "sourcePortRange",
            Field::Priority => "priority",
            Field::Ethertype => "ethertype",
            Field::SourceIp => "sourceIp",
            Field::DestIp => "destIp",
            Field::LocalIp => "localIp",
            Field::Direction => "direction",
            Field::SourceGroupId => "sourceGroupId",
            Field::DestGroupId => "destGroupId",
            Field::SecurityGroupId => "securityGroupId",
            Field::SecurityGroups => "securityGroups",
            Field::EnterpriseSecurityGroupIds => "enterpriseSecurityGroupIds",
            Field::SecurityGroup => "security_group",
            Field::Multiport => "multiport",
            Field::RemoteIpPrefix => "remote_ip_prefix",
            Field::RemoteGroupId => "remote_group_id",
            Field::RemoteAddressGroupId => "remote_address_group_id",
            Field::ProjectId => "project_id",
            Field::VpcId => "vpcId",
            Field::EnterpriseProjectId => "enterprise_project_id",
            Field::InstanceIds => "instanceIds",
            Field::SecurityGroupIds => "securityGroupIds",
            Field::SecurityGroupType => "securityGroupType",
            Field::SecurityGroupRules => "security_group_rules",
        }
    }
}

/// One thing wrong with a request: the documented code and where it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Problem {
    pub code: &'static ErrorCode,
    /// Index into the request's rule list, for problems inside a rule.
    pub rule: Option<usize>,
    pub field: Field,
}

impl Problem {
    pub fn new(code: &'static ErrorCode, field: Field) -> Self {
        Self { code, rule: None, field }
    }

    pub fn in_rule(code: &'static ErrorCode, rule: usize, field: Field) -> Self {
        Self { code, rule: Some(rule), field }
    }

    /// `rules[3].portRange`, or `name`.
    pub fn path(&self) -> String {
        match self.rule {
            Some(i) => format!("rules[{i}].{}", self.field.wire_name()),
            None => self.field.wire_name().to_owned(),
        }
    }

    /// A message naming the field, as the emulator answers and the console shows.
    pub fn message(&self) -> String {
        format!("{} ({})", self.code.description, self.path())
    }
}

/// `Some(s)` with `s` non-blank, else `None`: the SDKs send unset fields as `null` or `""`.
pub(crate) fn present(v: &Option<String>) -> Option<&str> {
    v.as_deref().filter(|s| !s.trim().is_empty())
}

/// Counts characters, not bytes: the limits are in characters (Chinese names count 1 each).
pub(crate) fn char_len(s: &str) -> usize {
    s.chars().count()
}

/// No two items share a key (tags: a key once per resource). Quadratic, for lists of at
/// most a few dozen.
pub(crate) fn keys_unique<T, K: PartialEq + ?Sized>(items: &[T], key: impl Fn(&T) -> &K) -> bool {
    items.iter().enumerate().all(|(i, t)| items[..i].iter().all(|u| key(u) != key(t)))
}
