//! Checks that need the current state (supplied by the caller): versions, duplicates
//! against existing rules, quotas, name uniqueness. The emulator calls these; it holds
//! state but no rules of its own.

use super::bce_rule::{rule_identity, MAX_RULES_PER_DIRECTION};
use super::{esg, huawei, Field, Problem};
use crate::bce::esg::EsgRule;
use crate::bce::security_group::SecurityGroupRule;
use crate::codes::*;
use crate::huawei::rule::SecurityGroupRule as HuaweiRule;

/// CHOICE: ESGs per account (no quota is documented).
pub const MAX_ESGS: usize = 50;
/// CHOICE: rules per ESG (no total is documented; the per-call limit is 20).
pub const MAX_RULES_PER_ESG: usize = 200;

/// `sgVersion`: only checked when the request carries one.
pub fn check_version(current: i64, requested: Option<i64>) -> Result<(), Problem> {
    match requested {
        Some(v) if v != current => Err(Problem::new(&VERSION_MISMATCH, Field::Body)),
        _ => Ok(()),
    }
}

/// A new regular rule must not repeat an existing one (by the seed's 6-tuple), and its
/// direction must have room.
pub fn check_authorize(existing: &[SecurityGroupRule], new: &SecurityGroupRule) -> Result<(), Problem> {
    let id = rule_identity(new);
    if existing.iter().any(|r| rule_identity(r) == id) {
        return Err(Problem::new(&RULE_DUPLICATED, Field::Rule));
    }
    let same_direction = existing.iter().filter(|r| r.direction == new.direction).count();
    if same_direction >= MAX_RULES_PER_DIRECTION {
        return Err(Problem::new(&RULE_NUMBER_EXCEEDED_LIMIT, Field::Rules));
    }
    Ok(())
}

/// Revoke matches by the same identity; the index of the rule to remove.
pub fn find_rule(existing: &[SecurityGroupRule], wanted: &SecurityGroupRule) -> Result<usize, Problem> {
    let id = rule_identity(wanted);
    existing.iter().position(|r| rule_identity(r) == id).ok_or(Problem::new(&RULE_NOT_EXIST, Field::Rule))
}

/// A new Huawei rule must not repeat an existing one of its group (by
/// [`huawei::rule_identity`]).
pub fn check_huawei_rule(existing: &[HuaweiRule], new: &HuaweiRule) -> Result<(), Problem> {
    let id = huawei::rule_identity(new);
    if existing.iter().any(|r| huawei::rule_identity(r) == id) {
        return Err(Problem::new(&HW_RULE_DUPLICATED, Field::Rule));
    }
    Ok(())
}

/// Which rules of a batch-create are made: all of them, or the code that refuses the call
/// (a rule repeating one the group holds or an earlier one of the batch, 409 `VPC.0605`).
/// With `ignore_duplicate` the repeats are skipped instead; the indices kept are returned.
pub fn check_huawei_batch(existing: &[HuaweiRule], new: &[HuaweiRule], ignore_duplicate: bool) -> Result<Vec<usize>, Problem> {
    let mut held: Vec<_> = existing.iter().map(huawei::rule_identity).collect();
    let mut kept = Vec::with_capacity(new.len());
    for (i, r) in new.iter().enumerate() {
        let id = huawei::rule_identity(r);
        if held.contains(&id) {
            if !ignore_duplicate {
                return Err(Problem::in_rule(&HW_RULE_DUPLICATED, i, Field::Rule));
            }
            continue;
        }
        held.push(id);
        kept.push(i);
    }
    Ok(kept)
}

/// A new ESG: under the quota, and its name not taken.
pub fn check_create_esg(existing_names: &[&str], name: &str) -> Result<(), Problem> {
    if existing_names.len() >= MAX_ESGS {
        return Err(Problem::new(&ESG_EXCEED_QUOTA, Field::Name));
    }
    if existing_names.contains(&name) {
        return Err(Problem::new(&ESG_NAME_DUPLICATE, Field::Name));
    }
    Ok(())
}

/// Rules added to an ESG: no repeat of an existing rule, and the total under the quota.
pub fn check_esg_rules(existing: &[EsgRule], new: &[EsgRule]) -> Result<(), Problem> {
    if existing.len() + new.len() > MAX_RULES_PER_ESG {
        return Err(Problem::new(&ESG_RULE_EXCEED_QUOTA, Field::Rules));
    }
    for (i, r) in new.iter().enumerate() {
        let id = esg::rule_identity(r);
        if existing.iter().any(|e| esg::rule_identity(e) == id) {
            return Err(Problem::in_rule(&ESG_RULE_DUPLICATED, i, Field::Rule));
        }
    }
    Ok(())
}
