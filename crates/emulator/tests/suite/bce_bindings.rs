//! Seeds 000, 001, 002 over HTTP: ESG create, instance bind/unbind, bindEsg.

use serde_json::{json, Value};

use crate::support::{start, Call, Running};

async fn instance(run: &Running, id: &str) -> Value {
    let (status, _, body) = Call::get("/v2/instance", "").call(run).await;
    assert_eq!(status, 200, "{body}");
    body["instances"].as_array().unwrap().iter().find(|i| i["id"] == id).cloned().expect("instance")
}

async fn put(run: &Running, path: &str, query: &str, body: Value) -> (u16, Value) {
    let text = body.to_string();
    let (status, _, res) = Call::new("PUT", path, query, &text).call(run).await;
    (status, res)
}

#[tokio::test]
async fn bind_and_unbind_an_instance() {
    let run = start().await;
    assert_eq!(instance(&run, "i-db000001").await["nicInfo"]["securityGroups"], json!(["g-db000001"]));
    let (status, body) = put(&run, "/v2/instance/i-db000001", "bind", json!({"securityGroupId": "g-web00001"})).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(instance(&run, "i-db000001").await["nicInfo"]["securityGroups"], json!(["g-db000001", "g-web00001"]));
    assert_eq!(put(&run, "/v2/instance/i-db000001", "unbind", json!({"securityGroupId": "g-db000001"})).await.0, 200);
    // The last group stays.
    let (status, body) = put(&run, "/v2/instance/i-db000001", "unbind", json!({"securityGroupId": "g-web00001"})).await;
    assert_eq!((status, body["code"].as_str()), (400, Some("SecurityGroup.NoSecurityGroup")));
    assert_eq!(instance(&run, "i-db000001").await["nicInfo"]["securityGroups"], json!(["g-web00001"]));
}

#[tokio::test]
async fn an_expired_instance_cannot_be_bound() {
    let run = start().await;
    let (status, body) = put(&run, "/v2/instance/i-expired1", "bind", json!({"securityGroupId": "g-web00001"})).await;
    assert_eq!((status, body["code"].as_str()), (403, Some("SecurityGroup.ExpiredInstanceForbiddenBind")));
    assert_eq!(instance(&run, "i-expired1").await["nicInfo"]["securityGroups"], json!(["g-default0"]));
}

#[tokio::test]
async fn ten_groups_is_the_limit() {
    let run = start().await;
    // i-web00001 has two; add eight more.
    for i in 0..8 {
        let body = json!({"name": format!("extra{i}")}).to_string();
        let (_, _, res) = Call::new("POST", "/v2/securityGroup", "", &body).call(&run).await;
        let id = res["securityGroupId"].as_str().unwrap().to_owned();
        assert_eq!(put(&run, "/v2/instance/i-web00001", "bind", json!({"securityGroupId": id})).await.0, 200);
    }
    let (status, body) = put(&run, "/v2/instance/i-web00001", "bind", json!({"securityGroupId": "g-db000001"})).await;
    assert_eq!((status, body["code"].as_str()), (413, Some("SecurityGroup.BindInstanceExceededLimit")));
    assert_eq!(instance(&run, "i-web00001").await["nicInfo"]["securityGroups"].as_array().unwrap().len(), 10);
    let (status, body) = put(&run, "/v2/instance/i-nope", "bind", json!({"securityGroupId": "g-db000001"})).await;
    assert_eq!((status, body["code"].as_str()), (404, Some("NoSuchObject")));
}

fn esg_body(name: &str) -> Value {
    json!({"name": name, "desc": "from the test", "rules": [
        {"remark": "ssh", "protocol": "tcp", "portRange": "22", "direction": "ingress", "sourceIp": "10.0.0.0/8",
         "localIp": "all", "ethertype": "IPv4", "action": "allow", "priority": "100"}]})
}

#[tokio::test]
async fn create_an_esg_with_rules_and_its_errors() {
    let run = start().await;
    let text = esg_body("app-esg").to_string();
    let (status, _, res) = Call::new("POST", "/v1/enterprise/security", "clientToken=esg-1", &text).call(&run).await;
    assert_eq!(status, 200, "{res}");
    let id = res["enterpriseSecurityGroupId"].as_str().unwrap().to_owned();
    // The same token again: the same id, no second group.
    let (_, _, again) = Call::new("POST", "/v1/enterprise/security", "clientToken=esg-1", &text).call(&run).await;
    assert_eq!(again["enterpriseSecurityGroupId"], id.as_str());
    let (_, _, list) = Call::get("/v1/enterprise/security", "").call(&run).await;
    let groups = list["enterpriseSecurityGroups"].as_array().unwrap();
    assert_eq!(groups.len(), 2, "the baseline fixture and ours");
    assert_eq!(groups[1]["rules"][0]["portRange"], "22");
    assert!(groups[1]["rules"][0]["enterpriseSecurityGroupRuleId"].as_str().unwrap().starts_with("esgr-"));

    let text = esg_body("app-esg").to_string();
    let (status, _, res) = Call::new("POST", "/v1/enterprise/security", "", &text).call(&run).await;
    assert_eq!((status, res["code"].as_str()), (400, Some("Esg.EsgNameDuplicate")));
    let mut bad = esg_body("other");
    bad["rules"][0]["portRange"] = json!("400-80");
    let (status, _, res) = Call::new("POST", "/v1/enterprise/security", "", &bad.to_string()).call(&run).await;
    assert_eq!((status, res["code"].as_str()), (400, Some("Esg.EsgRulePortOrderError")));
    assert!(res["message"].as_str().unwrap().contains("rules[0].portRange"));
    let (_, _, list) = Call::get("/v1/enterprise/security", "").call(&run).await;
    assert_eq!(list["enterpriseSecurityGroups"].as_array().unwrap().len(), 2, "refusals created nothing");
}

/// The official Go SDK sends every field of `UpdateEsgRuleArgs` (no `omitempty`): a
/// port-only edit arrives with `""` and `0` in the others, which must change nothing.
#[tokio::test]
async fn an_esg_rule_update_shaped_by_the_go_sdk_changes_only_what_it_sets() {
    let run = start().await;
    let text = esg_body("go-esg").to_string();
    let (status, _, res) = Call::new("POST", "/v1/enterprise/security", "clientToken=go-1", &text).call(&run).await;
    assert_eq!(status, 200, "{res}");
    let esg = res["enterpriseSecurityGroupId"].as_str().unwrap().to_owned();
    let rule_of = |list: &Value| {
        list["enterpriseSecurityGroups"].as_array().unwrap().iter().find(|g| g["id"] == esg.as_str()).unwrap()["rules"][0].clone()
    };
    let (_, _, list) = Call::get("/v1/enterprise/security", "").call(&run).await;
    let before = rule_of(&list);
    let id = before["enterpriseSecurityGroupRuleId"].as_str().unwrap().to_owned();
    let go = json!({"remark": "", "protocol": "", "portRange": "8443", "sourcePortRange": "", "sourceIp": "", "destIp": "",
                    "localIp": "", "remoteIpSet": "", "remoteIpGroup": "", "action": "", "priority": 0});
    let path = format!("/v1/enterprise/security/rule/{id}");
    let (status, _, res) = Call::new("PUT", &path, "clientToken=go-2", &go.to_string()).call(&run).await;
    assert_eq!(status, 200, "{res}");
    let (_, _, list) = Call::get("/v1/enterprise/security", "").call(&run).await;
    let mut expected = before.clone();
    expected["portRange"] = json!("8443");
    let after = rule_of(&list);
    for field in ["remark", "protocol", "portRange", "sourceIp", "localIp", "action", "priority", "direction", "ethertype"] {
        assert_eq!(after[field], expected[field], "{field}: {after}");
    }
}

#[tokio::test]
async fn bind_esg_replaces_every_group_of_the_card() {
    let run = start().await;
    let (_, _, before) = Call::get("/v1/endpoint/endpoint-demo0002", "").call(&run).await;
    assert_eq!(before["securityGroupIds"], json!(["g-db000001"]));
    let (status, body) = put(
        &run,
        "/v1/endpoint/endpoint-demo0002",
        "bindEsg&clientToken=ds-hng79d",
        json!({"enterpriseSecurityGroupIds": ["esg-demo00000001"]}),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    let (_, _, after) = Call::get("/v1/endpoint/endpoint-demo0002", "").call(&run).await;
    assert_eq!(after["securityGroupIds"], json!([]));
    assert_eq!(after["enterpriseSecurityGroupIds"], json!(["esg-demo00000001"]));

    for (ids, status, code) in [
        (json!(["esg-demo00000001", "esg-other"]), 400, "InappropriateJSON"),
        (json!([]), 400, "InappropriateJSON"),
        (json!(["esg-missing"]), 404, "Esg.EsgResourceNotExist"),
    ] {
        let (got, body) = put(&run, "/v1/endpoint/endpoint-demo0001", "bindEsg", json!({"enterpriseSecurityGroupIds": ids})).await;
        assert_eq!((got, body["code"].as_str()), (status, Some(code)), "{body}");
    }
    let (_, _, untouched) = Call::get("/v1/endpoint/endpoint-demo0001", "").call(&run).await;
    assert_eq!(untouched["securityGroupIds"], json!(["g-default0"]), "refusals changed nothing");
    // A bound ESG cannot be deleted.
    let (status, _, body) = Call::new("DELETE", "/v1/enterprise/security/esg-demo00000001", "", "").call(&run).await;
    assert_eq!((status, body["code"].as_str()), (409, Some("Esg.EsgBindStatusInvalid")));
    let (status, _, body) = Call::get("/v1/endpoint", "maxKeys=1").call(&run).await;
    assert_eq!((status, body["endpoints"].as_array().unwrap().len(), body["isTruncated"].as_bool()), (200, 1, Some(true)));
}

#[tokio::test]
async fn lists_filter_by_instance() {
    let run = start().await;
    let (_, _, body) = Call::get("/v2/securityGroup", "instanceId=i-web00001").call(&run).await;
    let ids: Vec<&str> = body["securityGroups"].as_array().unwrap().iter().map(|g| g["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["g-default0", "g-web00001"]);
    put(&run, "/v1/endpoint/endpoint-demo0001", "bindEsg", json!({"enterpriseSecurityGroupIds": ["esg-demo00000001"]})).await;
    let (_, _, body) = Call::get("/v1/enterprise/security", "instanceId=endpoint-demo0001").call(&run).await;
    assert_eq!(body["enterpriseSecurityGroups"].as_array().unwrap().len(), 1);
    let (_, _, body) = Call::get("/v1/enterprise/security", "instanceId=i-web00001").call(&run).await;
    assert_eq!(body["enterpriseSecurityGroups"].as_array().unwrap().len(), 0);
}

#[tokio::test]
async fn the_esg_quota_is_esg_exceed_quota() {
    let run = start().await;
    // The baseline fixture counts: 49 more reach the quota of 50.
    for i in 1..palisade_core::validate::state::MAX_ESGS {
        let text = esg_body(&format!("esg{i}")).to_string();
        let (status, _, res) = Call::new("POST", "/v1/enterprise/security", "", &text).call(&run).await;
        assert_eq!(status, 200, "{i}: {res}");
    }
    let text = esg_body("one-too-many").to_string();
    let (status, _, res) = Call::new("POST", "/v1/enterprise/security", "", &text).call(&run).await;
    assert_eq!((status, res["code"].as_str()), (400, Some("Esg.EsgExceedQuota")));
}
