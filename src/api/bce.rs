//! Baidu AI Cloud operations, each validated with `palisade-core` before it is signed.

use palisade_core::bce::endpoint::{BindEsgRequest, Endpoint, ListEndpointsResponse};
use palisade_core::bce::esg::{CreateEsgRequest, CreateEsgResponse, EnterpriseSecurityGroup, ListEsgResponse};
use palisade_core::bce::instance::{Instance, ListInstancesResponse};
use palisade_core::bce::security_group::{
    InstanceBindRequest, ListSecurityGroupsResponse, RuleRequest, SecurityGroup, SecurityGroupRule,
};
use palisade_core::validate::{bce_rule, binding, esg};

use super::client::{checked, decode, json, Api, Call};
use super::ApiError;

/// Follows `nextMarker` until the last page, so a list is always whole.
async fn all_pages<T, R>(api: &Api, path: &str, extra: &[(&str, &str)], items: impl Fn(R) -> (Vec<T>, Option<String>)) -> Result<Vec<T>, ApiError>
where
    R: serde::de::DeserializeOwned,
{
    let mut out = Vec::new();
    let mut marker: Option<String> = None;
    loop {
        let mut query: Vec<(&str, &str)> = extra.to_vec();
        query.push(("maxKeys", "1000"));
        if let Some(m) = marker.as_deref() {
            query.push(("marker", m));
        }
        let page: R = decode(api.bce(Call::get(path, &query)).await?)?;
        let (mut batch, next) = items(page);
        out.append(&mut batch);
        match next {
            Some(n) if !n.is_empty() && marker.as_deref() != Some(n.as_str()) => marker = Some(n),
            _ => return Ok(out),
        }
    }
}

pub async fn list_security_groups(api: &Api) -> Result<Vec<SecurityGroup>, ApiError> {
    all_pages(api, "/v2/securityGroup", &[], |r: ListSecurityGroupsResponse| {
        (r.security_groups, r.page.is_truncated.then_some(r.page.next_marker).flatten())
    })
    .await
}

pub async fn get_security_group(api: &Api, id: &str) -> Result<SecurityGroup, ApiError> {
    let path = format!("/v2/securityGroup/{id}");
    decode(api.bce(Call::get(&path, &[])).await?)
}

/// `authorizeRule` or `revokeRule` with the group's `sgVersion`, so a change made
/// meanwhile by someone else is refused (`VersionMismatch`) instead of overwritten.
pub async fn change_rule(api: &Api, group_id: &str, rule: &SecurityGroupRule, version: Option<i64>, authorize: bool) -> Result<(), ApiError> {
    let body = RuleRequest { rule: Some(rule.clone()) };
    checked(bce_rule::validate_request(&body))?;
    let path = format!("/v2/securityGroup/{group_id}");
    let version = version.map(|v| v.to_string());
    let mut query = vec![(if authorize { "authorizeRule" } else { "revokeRule" }, "")];
    if let Some(v) = version.as_deref() {
        query.push(("sgVersion", v));
    }
    api.bce(Call { method: "PUT", path: &path, query: &query, body: json(&body) }).await.map(drop)
}

pub async fn list_esgs(api: &Api) -> Result<Vec<EnterpriseSecurityGroup>, ApiError> {
    all_pages(api, "/v1/enterprise/security", &[], |r: ListEsgResponse| {
        (r.enterprise_security_groups, r.page.is_truncated.then_some(r.page.next_marker).flatten())
    })
    .await
}

/// Creates an enterprise security group. `client_token` makes a retry of the same
/// submission harmless: the cloud answers it with the group made the first time.
pub async fn create_esg(api: &Api, req: &CreateEsgRequest, client_token: &str) -> Result<String, ApiError> {
    checked(esg::validate_create(req))?;
    let query = [("clientToken", client_token)];
    let reply = api.bce(Call { method: "POST", path: "/v1/enterprise/security", query: &query, body: json(req) }).await?;
    Ok(decode::<CreateEsgResponse>(reply)?.enterprise_security_group_id)
}

pub async fn delete_esg(api: &Api, id: &str) -> Result<(), ApiError> {
    let path = format!("/v1/enterprise/security/{id}");
    api.bce(Call { method: "DELETE", path: &path, query: &[], body: None }).await.map(drop)
}

pub async fn list_instances(api: &Api) -> Result<Vec<Instance>, ApiError> {
    all_pages(api, "/v2/instance", &[], |r: ListInstancesResponse| {
        (r.instances, r.page.is_truncated.then_some(r.page.next_marker).flatten())
    })
    .await
}

/// Binds (`bind`) or unbinds a regular group, after the same checks the cloud makes.
pub async fn bind_instance(api: &Api, instance: &Instance, group_id: &str, bind: bool) -> Result<(), ApiError> {
    let view = binding::InstanceView {
        expired: instance.is_expired(),
        security_group_ids: &instance.nic_info.security_groups,
    };
    let check = if bind { binding::check_bind(view, group_id).map(drop) } else { binding::check_unbind(view, group_id) };
    check.map_err(|p| ApiError::Invalid(vec![p]))?;
    let path = format!("/v2/instance/{}", instance.id);
    let body = InstanceBindRequest { security_group_id: Some(group_id.to_owned()) };
    let query = [(if bind { "bind" } else { "unbind" }, "")];
    api.bce(Call { method: "PUT", path: &path, query: &query, body: json(&body) }).await.map(drop)
}

pub async fn list_endpoints(api: &Api) -> Result<Vec<Endpoint>, ApiError> {
    all_pages(api, "/v1/endpoint", &[], |r: ListEndpointsResponse| {
        (r.endpoints, r.page.is_truncated.then_some(r.page.next_marker).flatten())
    })
    .await
}

/// Replaces the card's enterprise security groups by `ids`.
pub async fn bind_esgs(api: &Api, endpoint_id: &str, ids: &[String]) -> Result<(), ApiError> {
    let body = BindEsgRequest { enterprise_security_group_ids: Some(ids.to_vec()) };
    checked(binding::validate_bind_esg(&body))?;
    let path = format!("/v1/endpoint/{endpoint_id}");
    let query = [("bindEsg", "")];
    api.bce(Call { method: "PUT", path: &path, query: &query, body: json(&body) }).await.map(drop)
}
