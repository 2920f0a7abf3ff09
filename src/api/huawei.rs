//! Huawei Cloud VPC v3 security-group operations, validated with `palisade-core`.

use palisade_core::codes::Operation;
use palisade_core::huawei::rule::{
    BatchCreateSecurityGroupRulesRequestBody, BatchCreateSecurityGroupRulesResponse, CreateSecurityGroupRuleRequestBody,
    ListSecurityGroupRulesResponse, SecurityGroupRule, SecurityGroupRuleResponse,
};
use palisade_core::huawei::security_group::{
    CreateSecurityGroupRequestBody, ListSecurityGroupsResponse, SecurityGroup, SecurityGroupInfo, SecurityGroupResponse,
    UpdateSecurityGroupRequestBody,
};
use palisade_core::validate::huawei as rules;
use palisade_core::Cloud;

use super::client::{all_pages, checked, decode, json, seg, Api, Call};
use super::ApiError;

/// What an update did: a dry run only checks (the API answers 202), a real one saves.
#[derive(Debug, Clone, PartialEq)]
pub enum UpdateOutcome {
    Checked { request_id: String },
    Saved(SecurityGroupInfo),
}

pub async fn list_security_groups(api: &Api) -> Result<Vec<SecurityGroup>, ApiError> {
    all_pages(api, Cloud::Huawei, "/security-groups", &[], |r: ListSecurityGroupsResponse| (r.security_groups, r.page_info.next_marker))
        .await
}

pub async fn show_security_group(api: &Api, id: &str) -> Result<SecurityGroupInfo, ApiError> {
    let path = format!("/security-groups/{}", seg(id)?);
    Ok(decode::<SecurityGroupResponse>(api.huawei(Call::get(&path, &[])).await?)?.security_group)
}

/// Every rule of a group, page by page.
pub async fn list_rules(api: &Api, group_id: &str) -> Result<Vec<SecurityGroupRule>, ApiError> {
    all_pages(api, Cloud::Huawei, "/security-group-rules", &[("security_group_id", group_id)], |r: ListSecurityGroupRulesResponse| {
        (r.security_group_rules, r.page_info.next_marker)
    })
    .await
}

/// Every rule of the project, page by page (the exposure view reads them all at once
/// rather than one call per group).
pub async fn list_all_rules(api: &Api) -> Result<Vec<SecurityGroupRule>, ApiError> {
    all_pages(api, Cloud::Huawei, "/security-group-rules", &[], |r: ListSecurityGroupRulesResponse| {
        (r.security_group_rules, r.page_info.next_marker)
    })
    .await
}

/// The seed's `UpdateSecurityGroup`; with `dry_run` the group stays as it is.
pub async fn update_security_group(api: &Api, id: &str, body: &UpdateSecurityGroupRequestBody) -> Result<UpdateOutcome, ApiError> {
    checked(rules::validate_update(body))?;
    let path = format!("/security-groups/{}", seg(id)?);
    let reply = api.huawei(Call::new("PUT", &path, &[], json(body)).for_operation(Operation::UpdateHuaweiGroup)).await?;
    if reply.status == 202 || body.dry_run == Some(true) {
        let request_id = serde_json::from_str::<serde_json::Value>(&reply.body)
            .ok()
            .and_then(|v| v.get("request_id").and_then(|r| r.as_str()).map(str::to_owned))
            .unwrap_or(reply.request_id);
        return Ok(UpdateOutcome::Checked { request_id });
    }
    Ok(UpdateOutcome::Saved(decode::<SecurityGroupResponse>(reply)?.security_group))
}

pub async fn create_security_group(api: &Api, body: &CreateSecurityGroupRequestBody) -> Result<SecurityGroupInfo, ApiError> {
    checked(rules::validate_create(body))?;
    let reply = api.huawei(Call::new("POST", "/security-groups", &[], json(body))).await?;
    Ok(decode::<SecurityGroupResponse>(reply)?.security_group)
}

pub async fn delete_security_group(api: &Api, id: &str) -> Result<(), ApiError> {
    let path = format!("/security-groups/{}", seg(id)?);
    api.huawei(Call::new("DELETE", &path, &[], None)).await.map(drop)
}

pub async fn create_rule(api: &Api, body: &CreateSecurityGroupRuleRequestBody) -> Result<SecurityGroupRule, ApiError> {
    let option = body.security_group_rule.clone().unwrap_or_default();
    checked(rules::validate_rule(&option))?;
    let reply = api.huawei(Call::new("POST", "/security-group-rules", &[], json(body))).await?;
    Ok(decode::<SecurityGroupRuleResponse>(reply)?.security_group_rule)
}

/// `POST /security-groups/{id}/security-group-rules/batch-create`: up to 200 rules in one
/// call, all or none; the rules made, with their ids.
pub async fn batch_create_rules(
    api: &Api,
    group_id: &str,
    body: &BatchCreateSecurityGroupRulesRequestBody,
) -> Result<Vec<SecurityGroupRule>, ApiError> {
    checked(rules::validate_batch(body, group_id))?;
    let path = format!("/security-groups/{}/security-group-rules/batch-create", seg(group_id)?);
    let reply = api.huawei(Call::new("POST", &path, &[], json(body))).await?;
    Ok(decode::<BatchCreateSecurityGroupRulesResponse>(reply)?.security_group_rules)
}

pub async fn delete_rule(api: &Api, id: &str) -> Result<(), ApiError> {
    let path = format!("/security-group-rules/{}", seg(id)?);
    api.huawei(Call::new("DELETE", &path, &[], None)).await.map(drop)
}
