//! Baidu AI Cloud operations, each validated with `palisade-core` before it is signed.
//! Only fields the real API returns are relied on: a card's groups are learnt by listing
//! groups with `instanceId`, never from fields the emulator alone adds.

use palisade_core::bce::endpoint::{BindEsgRequest, BindSgRequest, Endpoint, ListEndpointsResponse};
use palisade_core::bce::esg::{
    AuthorizeEsgRulesRequest, CreateEsgRequest, CreateEsgResponse, EnterpriseSecurityGroup, EsgRule, ListEsgResponse, UpdateEsgRuleRequest,
};
use palisade_core::bce::instance::{Instance, ListInstancesResponse};
use palisade_core::bce::security_group::{
    BatchBindRequest, CreateSecurityGroupRequest, CreateSecurityGroupResponse, InstanceBindRequest, ListSecurityGroupsResponse,
    RuleRequest, SecurityGroup, SecurityGroupRule, UpdateRuleRequest,
};
use palisade_core::bce::vpc::{ListVpcsResponse, Vpc};
use palisade_core::codes::Operation;
use palisade_core::validate::binding::BatchAction;
use palisade_core::validate::{bce_group, bce_rule, binding, esg};
use palisade_core::Cloud;

use super::client::{all_pages, checked, decode, json, seg, Api, Call};
use super::ApiError;

pub async fn list_security_groups(api: &Api) -> Result<Vec<SecurityGroup>, ApiError> {
    all_pages(api, Cloud::Bce, "/v2/securityGroup", &[], |r: ListSecurityGroupsResponse| {
        (r.security_groups, r.page.is_truncated.then_some(r.page.next_marker).flatten())
    })
    .await
}

/// The regular groups bound to an instance or a service network interface card
/// (`instanceId`; the VPC documentation asks for `vpcId` beside it).
pub async fn groups_of(api: &Api, resource_id: &str, vpc_id: Option<&str>) -> Result<Vec<SecurityGroup>, ApiError> {
    let mut query = vec![("instanceId", resource_id)];
    if let Some(vpc) = vpc_id.filter(|v| !v.is_empty()) {
        query.push(("vpcId", vpc));
    }
    all_pages(api, Cloud::Bce, "/v2/securityGroup", &query, |r: ListSecurityGroupsResponse| {
        (r.security_groups, r.page.is_truncated.then_some(r.page.next_marker).flatten())
    })
    .await
}

pub async fn get_security_group(api: &Api, id: &str) -> Result<SecurityGroup, ApiError> {
    let path = format!("/v2/securityGroup/{}", seg(id)?);
    decode(api.bce(Call::get(&path, &[])).await?)
}

/// `authorizeRule` or `revokeRule` with the group's `sgVersion`, so a change made
/// meanwhile by someone else is refused (`VersionMismatch`) instead of overwritten.
pub async fn change_rule(
    api: &Api,
    group_id: &str,
    rule: &SecurityGroupRule,
    version: Option<i64>,
    authorize: bool,
) -> Result<(), ApiError> {
    let body = RuleRequest { rule: Some(rule.clone()) };
    checked(bce_rule::validate_request(&body))?;
    let path = format!("/v2/securityGroup/{}", seg(group_id)?);
    let version = version.map(|v| v.to_string());
    let mut query = vec![(if authorize { "authorizeRule" } else { "revokeRule" }, "")];
    if let Some(v) = version.as_deref() {
        query.push(("sgVersion", v));
    }
    api.bce(Call::new("PUT", &path, &query, json(&body)).for_operation(Operation::AuthorizeRule)).await.map(drop)
}

/// Edits a regular rule in place (`PUT /v2/securityGroup/rule/update`), pinned to the
/// group's version: no revoke-then-add gap.
pub async fn update_rule(
    api: &Api,
    rule: &SecurityGroupRule,
    change: &UpdateRuleRequest,
    others: &[SecurityGroupRule],
    version: Option<i64>,
) -> Result<(), ApiError> {
    checked(bce_rule::validate_update(rule, change, others))?;
    let version = version.map(|v| v.to_string());
    let query: Vec<(&str, &str)> = version.as_deref().map(|v| ("sgVersion", v)).into_iter().collect();
    api.bce(Call::new("PUT", "/v2/securityGroup/rule/update", &query, json(change)).for_operation(Operation::AuthorizeRule)).await.map(drop)
}

/// Deletes a regular rule by its id (`DELETE /v2/securityGroup/rule/{id}`), pinned to the
/// group's version: the cloud removes exactly that rule.
pub async fn delete_rule(api: &Api, rule_id: &str, version: Option<i64>) -> Result<(), ApiError> {
    let path = format!("/v2/securityGroup/rule/{}", seg(rule_id)?);
    let version = version.map(|v| v.to_string());
    let query: Vec<(&str, &str)> = version.as_deref().map(|v| ("sgVersion", v)).into_iter().collect();
    api.bce(Call::new("DELETE", &path, &query, None).for_operation(Operation::AuthorizeRule)).await.map(drop)
}

/// `POST /v2/securityGroup`: a new regular group (checked by core's `bce_group` first).
pub async fn create_security_group(api: &Api, req: &CreateSecurityGroupRequest) -> Result<String, ApiError> {
    checked(bce_group::validate_create(req))?;
    let reply = api.bce(Call::new("POST", "/v2/securityGroup", &[], json(req))).await?;
    Ok(decode::<CreateSecurityGroupResponse>(reply)?.security_group_id)
}

/// `DELETE /v2/securityGroup/{id}`; a bound group is refused by the cloud.
pub async fn delete_security_group(api: &Api, id: &str) -> Result<(), ApiError> {
    let path = format!("/v2/securityGroup/{}", seg(id)?);
    api.bce(Call::new("DELETE", &path, &[], None)).await.map(drop)
}

pub async fn list_esgs(api: &Api) -> Result<Vec<EnterpriseSecurityGroup>, ApiError> {
    list_esgs_with(api, &[]).await
}

/// The enterprise groups bound to an instance or a card (`instanceId`).
pub async fn esgs_of(api: &Api, resource_id: &str) -> Result<Vec<EnterpriseSecurityGroup>, ApiError> {
    list_esgs_with(api, &[("instanceId", resource_id)]).await
}

async fn list_esgs_with(api: &Api, query: &[(&str, &str)]) -> Result<Vec<EnterpriseSecurityGroup>, ApiError> {
    all_pages(api, Cloud::Bce, "/v1/enterprise/security", query, |r: ListEsgResponse| {
        (r.enterprise_security_groups, r.page.is_truncated.then_some(r.page.next_marker).flatten())
    })
    .await
}

/// Creates an enterprise security group. Its `clientToken` (added by [`Api::bce`])
/// makes a retry of the same submission harmless.
pub async fn create_esg(api: &Api, req: &CreateEsgRequest) -> Result<String, ApiError> {
    checked(esg::validate_create(req))?;
    let reply = api.bce(Call::new("POST", "/v1/enterprise/security", &[], json(req)).for_operation(Operation::CreateEsg)).await?;
    Ok(decode::<CreateEsgResponse>(reply)?.enterprise_security_group_id)
}

pub async fn delete_esg(api: &Api, id: &str) -> Result<(), ApiError> {
    let path = format!("/v1/enterprise/security/{}", seg(id)?);
    api.bce(Call::new("DELETE", &path, &[], None)).await.map(drop)
}

/// Adds rules to an enterprise group (at most 20: the caller sends more in batches).
/// The ESG rule codes are the create page's (seed 001).
pub async fn authorize_esg_rules(api: &Api, esg_id: &str, rules: &[EsgRule], held: &[EsgRule]) -> Result<(), ApiError> {
    checked(esg::validate_authorize(rules, held))?;
    let path = format!("/v1/enterprise/security/{}", seg(esg_id)?);
    let body = json(&AuthorizeEsgRulesRequest { rules: Some(rules.to_vec()) });
    api.bce(Call::new("PUT", &path, &[("authorizeRule", "")], body).for_operation(Operation::CreateEsg)).await.map(drop)
}

/// Edits a rule in place: only the fields that change are sent.
pub async fn update_esg_rule(api: &Api, rule: &EsgRule, change: &UpdateEsgRuleRequest, others: &[EsgRule]) -> Result<(), ApiError> {
    checked(esg::validate_update(rule, change, others))?;
    let id = rule.enterprise_security_group_rule_id.as_deref().unwrap_or_default();
    let path = format!("/v1/enterprise/security/rule/{}", seg(id)?);
    api.bce(Call::new("PUT", &path, &[], json(change)).for_operation(Operation::CreateEsg)).await.map(drop)
}

pub async fn delete_esg_rule(api: &Api, rule_id: &str) -> Result<(), ApiError> {
    let path = format!("/v1/enterprise/security/rule/{}", seg(rule_id)?);
    api.bce(Call::new("DELETE", &path, &[], None)).await.map(drop)
}

/// `PUT /v2/securitygroup/{bind|unbind|replace}`: groups of one kind on many instances.
pub async fn batch_bind(api: &Api, action: BatchAction, req: &BatchBindRequest) -> Result<(), ApiError> {
    checked(binding::validate_batch(req))?;
    let path = format!("/v2/securitygroup/{}", action.as_str());
    api.bce(Call::new("PUT", &path, &[], json(req)).for_operation(Operation::BindInstance)).await.map(drop)
}

pub async fn list_instances(api: &Api) -> Result<Vec<Instance>, ApiError> {
    all_pages(api, Cloud::Bce, "/v2/instance", &[], |r: ListInstancesResponse| {
        (r.instances, r.page.is_truncated.then_some(r.page.next_marker).flatten())
    })
    .await
}

/// Binds (`bind`) or unbinds a regular group, after the same checks the cloud makes.
pub async fn bind_instance(api: &Api, instance: &Instance, group_id: &str, bind: bool) -> Result<(), ApiError> {
    let view = binding::InstanceView { expired: instance.is_expired(), security_group_ids: &instance.nic_info.security_groups };
    let check = if bind { binding::check_bind(view, group_id).map(drop) } else { binding::check_unbind(view, group_id) };
    check.map_err(|p| ApiError::Invalid(vec![p]))?;
    let path = format!("/v2/instance/{}", seg(&instance.id)?);
    let body = InstanceBindRequest { security_group_id: Some(group_id.to_owned()) };
    let query = [(if bind { "bind" } else { "unbind" }, "")];
    api.bce(Call::new("PUT", &path, &query, json(&body)).for_operation(Operation::BindInstance)).await.map(drop)
}

pub async fn list_vpcs(api: &Api) -> Result<Vec<Vpc>, ApiError> {
    all_pages(api, Cloud::Bce, "/v1/vpc", &[], |r: ListVpcsResponse| (r.vpcs, r.page.is_truncated.then_some(r.page.next_marker).flatten()))
        .await
}

/// The cards of one VPC (`vpcId` is required by the real API).
pub async fn list_endpoints(api: &Api, vpc_id: &str) -> Result<Vec<Endpoint>, ApiError> {
    all_pages(api, Cloud::Bce, "/v1/endpoint", &[("vpcId", vpc_id)], |r: ListEndpointsResponse| {
        (r.endpoints, r.page.is_truncated.then_some(r.page.next_marker).flatten())
    })
    .await
}

/// Binds exactly one enterprise group to the card; the cloud removes every group the card
/// had, regular or enterprise (seed 000).
/// `?bindSg`: the card's regular groups, replacing every group it has (of both kinds).
pub async fn bind_sg(api: &Api, endpoint_id: &str, group_ids: &[String]) -> Result<(), ApiError> {
    let body = BindSgRequest { security_group_ids: Some(group_ids.to_vec()) };
    checked(binding::validate_bind_sg(&body))?;
    let path = format!("/v1/endpoint/{}", seg(endpoint_id)?);
    api.bce(Call::new("PUT", &path, &[("bindSg", "")], json(&body)).for_operation(Operation::BindInstance)).await.map(drop)
}

pub async fn bind_esg(api: &Api, endpoint_id: &str, esg_id: &str) -> Result<(), ApiError> {
    let body = BindEsgRequest { enterprise_security_group_ids: Some(vec![esg_id.to_owned()]) };
    checked(binding::validate_bind_esg(&body))?;
    let path = format!("/v1/endpoint/{}", seg(endpoint_id)?);
    let query = [("bindEsg", "")];
    api.bce(Call::new("PUT", &path, &query, json(&body)).for_operation(Operation::BindEsg)).await.map(drop)
}
