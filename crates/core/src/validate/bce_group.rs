//! A new Baidu regular security group, checked in the order the emulator answers: name,
//! description, VPC id, tags, then each initial rule.

use super::{bce_rule, bounds, names, Field, Problem};
use crate::bce::security_group::CreateSecurityGroupRequest;
use crate::codes;

/// CHOICE: no code is documented for a bad regular group name; the general
/// `InappropriateJSON` names the field. The grammar is the ESG one (reference C.3).
pub const NAME_RULE: &str = "name: 1-65 letters, digits, Chinese characters and - _ / . \\, beginning with a letter";

pub fn validate_create(req: &CreateSecurityGroupRequest) -> Vec<Problem> {
    let mut out = Vec::new();
    if names::check_bce(req.name.as_deref().unwrap_or("")).is_err() {
        out.push(Problem::new(&codes::INAPPROPRIATE_JSON, Field::Name));
    }
    out.extend(bounds::check_bce_desc(&req.desc).err());
    out.extend(bounds::check_id(&req.vpc_id, &codes::INAPPROPRIATE_JSON, Field::VpcId).err());
    out.extend(bounds::check_bce_tags(&req.tags).err());
    for rule in req.rules.iter().flatten() {
        out.extend(bce_rule::validate_rule(rule).into_iter().take(1));
    }
    out
}
