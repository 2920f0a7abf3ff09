//! Before an import sends anything: which rules are new, which the group has already,
//! which repeat an earlier line of the file, which the cloud would refuse, and whether
//! the new ones fit the group's quota.

use std::collections::HashSet;

use palisade_core::bce::security_group::SecurityGroupRule;
use palisade_core::codes::ErrorCode;
use palisade_core::validate::bce_rule::{self, MAX_RULES_PER_DIRECTION};
use palisade_core::Direction;

/// What the check found for one rule of the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Precheck {
    Send,
    /// The group has a rule with the same identity already.
    AlreadyPresent,
    /// An earlier rule of the file has the same identity.
    DuplicateInFile,
    /// The rule breaks the documented rules: the code the cloud would answer.
    Invalid(&'static ErrorCode),
}

/// The new rules would take a direction past the quota: nothing is sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OverQuota {
    pub direction: Direction,
    pub existing: usize,
    pub adding: usize,
    pub limit: usize,
}

pub fn precheck(existing: &[SecurityGroupRule], file: &[SecurityGroupRule]) -> Result<Vec<Precheck>, OverQuota> {
    let present: HashSet<_> = existing.iter().map(bce_rule::rule_identity).collect();
    let mut in_file = HashSet::new();
    let checks: Vec<Precheck> = file
        .iter()
        .map(|rule| {
            if let Some(p) = bce_rule::validate_rule(rule).first() {
                return Precheck::Invalid(p.code);
            }
            let id = bce_rule::rule_identity(rule);
            if present.contains(&id) {
                Precheck::AlreadyPresent
            } else if !in_file.insert(id) {
                Precheck::DuplicateInFile
            } else {
                Precheck::Send
            }
        })
        .collect();
    for direction in [Direction::Ingress, Direction::Egress] {
        let count = |rules: &mut dyn Iterator<Item = &SecurityGroupRule>| rules.filter(|r| r.direction() == Some(direction)).count();
        let existing = count(&mut existing.iter());
        let adding = count(&mut file.iter().zip(&checks).filter(|(_, c)| **c == Precheck::Send).map(|(r, _)| r));
        if existing + adding > MAX_RULES_PER_DIRECTION {
            return Err(OverQuota { direction, existing, adding, limit: MAX_RULES_PER_DIRECTION });
        }
    }
    Ok(checks)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule(port: &str, remote: &str) -> SecurityGroupRule {
        SecurityGroupRule {
            direction: Some(Direction::Ingress.as_str().into()),
            protocol: Some("tcp".into()),
            port_range: Some(port.into()),
            source_ip: Some(remote.into()),
            ..Default::default()
        }
    }

    #[test]
    fn present_duplicate_invalid_and_new_rules_are_told_apart() {
        let existing = [rule("22", "10.0.0.0/8")];
        let file = [rule("22", "10.0.0.0/8"), rule("80", "0.0.0.0/0"), rule("80", "0.0.0.0/0"), rule("99999", "10.0.0.0/8")];
        let checks = precheck(&existing, &file).unwrap();
        assert_eq!(checks[0], Precheck::AlreadyPresent);
        assert_eq!(checks[1], Precheck::Send);
        assert_eq!(checks[2], Precheck::DuplicateInFile);
        assert_eq!(checks[3], Precheck::Invalid(&palisade_core::codes::RULE_PORT_RANGE_INVALID));
    }

    #[test]
    fn identity_is_the_normalised_one() {
        // `10.0.0.1` is `10.0.0.1/32`: the same rule the group has.
        let checks = precheck(&[rule("443", "10.0.0.1/32")], &[rule("443", "10.0.0.1")]).unwrap();
        assert_eq!(checks, [Precheck::AlreadyPresent]);
    }

    #[test]
    fn the_quota_is_checked_before_anything_is_sent() {
        let existing: Vec<_> = (1..=40).map(|p| rule(&p.to_string(), "10.0.0.0/8")).collect();
        let fits: Vec<_> = (100..110).map(|p| rule(&p.to_string(), "10.0.0.0/8")).collect();
        assert!(precheck(&existing, &fits).is_ok(), "40 + 10 = 50 fits");
        let over: Vec<_> = (100..111).map(|p| rule(&p.to_string(), "10.0.0.0/8")).collect();
        assert_eq!(precheck(&existing, &over), Err(OverQuota { direction: Direction::Ingress, existing: 40, adding: 11, limit: 50 }));
        // Rules already present do not count twice.
        let mut again = over.clone();
        again[0] = rule("1", "10.0.0.0/8");
        assert!(precheck(&existing, &again).is_ok());
    }
}
