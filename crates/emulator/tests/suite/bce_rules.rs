//! Create, authorize, revoke, delete: every documented authorize error over HTTP, with
//! `clientToken` and `sgVersion` behaviour and the state checked after each refusal.

use serde_json::{json, Value};

use crate::support::{start, Call, Running};

async fn group(run: &Running, id: &str) -> Value {
    let path = format!("/v2/securityGroup/{id}");
    let (status, _, body) = Call::get(&path, "").call(run).await;
    assert_eq!(status, 200, "{body}");
    body
}

async fn create(run: &Running, body: Value) -> String {
    let text = body.to_string();
    let (status, _, res) = Call::new("POST", "/v2/securityGroup", "clientToken=create-1", &text).call(run).await;
    assert_eq!(status, 200, "{res}");
    res["securityGroupId"].as_str().unwrap().to_owned()
}

/// `authorizeRule` with the query given, plus a fresh clientToken unless it names one
/// (seed 004 makes the token required).
async fn authorize(run: &Running, id: &str, query: &str, rule: &Value) -> (u16, Value) {
    let path = format!("/v2/securityGroup/{id}");
    let token = if query.contains("clientToken=") { String::new() } else { format!("&clientToken={}", uuid::Uuid::new_v4()) };
    let q = if query.is_empty() { format!("authorizeRule{token}") } else { format!("authorizeRule&{query}{token}") };
    let body = json!({ "rule": rule }).to_string();
    let (status, _, res) = Call::new("PUT", &path, &q, &body).call(run).await;
    (status, res)
}

fn ssh_body() -> String {
    json!({ "rule": ssh() }).to_string()
}

fn ssh() -> Value {
    json!({"remark": "ssh", "protocol": "tcp", "portRange": "22", "direction": "ingress", "sourceIp": "10.0.0.0/8"})
}

#[tokio::test]
async fn create_gives_default_egress_rules_and_get_shows_them() {
    let run = start().await;
    let id = create(&run, json!({"name": "app", "desc": "application tier"})).await;
    assert!(id.starts_with("g-"));
    let g = group(&run, &id).await;
    assert_eq!(g["name"], "app");
    assert_eq!(g["sgVersion"], 1);
    let rules = g["rules"].as_array().unwrap();
    assert_eq!(rules.len(), 2, "all egress, IPv4 and IPv6: {g}");
    assert!(rules.iter().all(|r| r["direction"] == "egress"));
    let (status, _, body) = Call::new("POST", "/v2/securityGroup", "", r#"{"name": "1bad name"}"#).call(&run).await;
    assert_eq!((status, body["code"].as_str()), (400, Some("InappropriateJSON")));
}

#[tokio::test]
async fn authorize_adds_a_rule_and_moves_the_version() {
    let run = start().await;
    let (status, body) = authorize(&run, "g-web00001", "clientToken=t1&sgVersion=1", &ssh()).await;
    assert_eq!(status, 200, "{body}");
    let g = group(&run, "g-web00001").await;
    assert_eq!(g["sgVersion"], 2);
    let added = g["rules"].as_array().unwrap().iter().find(|r| r["remark"] == "ssh").expect("the new rule");
    assert!(added["securityGroupRuleId"].as_str().unwrap().starts_with("r-"));
    assert_eq!(added["ethertype"], "IPv4");
}

#[tokio::test]
async fn the_same_client_token_replays_and_changes_nothing() {
    let run = start().await;
    assert_eq!(authorize(&run, "g-web00001", "clientToken=same", &ssh()).await.0, 200);
    // A retry after a lost answer: same token, same request.
    assert_eq!(authorize(&run, "g-web00001", "clientToken=same", &ssh()).await.0, 200);
    let g = group(&run, "g-web00001").await;
    assert_eq!(g["sgVersion"], 2, "one change, not two");
    assert_eq!(g["rules"].as_array().unwrap().len(), 4);
    // The same token with another request.
    let other = json!({"remark": "rdp", "protocol": "tcp", "portRange": "3389", "direction": "ingress", "sourceIp": "10.0.0.0/8"});
    let (status, body) = authorize(&run, "g-web00001", "clientToken=same", &other).await;
    assert_eq!((status, body["code"].as_str()), (403, Some("IdempotentParameterMismatch")));
    assert_eq!(group(&run, "g-web00001").await["rules"].as_array().unwrap().len(), 4);
}

#[tokio::test]
async fn a_stale_version_is_version_mismatch_and_changes_nothing() {
    let run = start().await;
    assert_eq!(authorize(&run, "g-web00001", "sgVersion=1", &ssh()).await.0, 200);
    let rdp = json!({"protocol": "tcp", "portRange": "3389", "direction": "ingress", "sourceIp": "10.0.0.0/8"});
    let (status, body) = authorize(&run, "g-web00001", "sgVersion=1", &rdp).await;
    assert_eq!((status, body["code"].as_str()), (400, Some("VersionMismatch")));
    let g = group(&run, "g-web00001").await;
    assert_eq!(g["sgVersion"], 2);
    assert!(!g["rules"].as_array().unwrap().iter().any(|r| r["portRange"] == "3389"));
    assert_eq!(authorize(&run, "g-web00001", "sgVersion=2", &rdp).await.0, 200, "the current version works");
}

#[tokio::test]
async fn every_documented_authorize_error() {
    let run = start().await;
    let cases: Vec<(&str, Value, u16, &str)> = vec![
        ("g-web00001", json!({"protocol": "gre", "portRange": "22", "direction": "ingress"}), 400, "BadRequest"),
        ("g-web00001", json!({"protocol": "tcp", "portRange": "100-1", "direction": "ingress"}), 400, "SecurityGroup.RulePortOrderInvalid"),
        ("g-web00001", json!({"protocol": "tcp", "portRange": "70000", "direction": "ingress"}), 400, "SecurityGroup.RulePortRangeInvalid"),
        ("g-web00001", json!({"protocol": "tcp", "portRange": "ssh", "direction": "ingress"}), 400, "SecurityGroup.RulePortInvalid"),
        (
            "g-web00001",
            json!({"protocol": "tcp", "portRange": "22", "direction": "ingress", "sourceIp": "10.0.0.300"}),
            400,
            "SecurityGroup.RuleCIDRAddressError",
        ),
        ("g-web00001", json!({"protocol": "tcp", "portRange": "22", "direction": "inbound"}), 400, "SecurityGroup.RuleDirectionError"),
        ("g-missing", ssh(), 404, "NoSuchObject"),
        // The fixture's http rule again, with the address spelled as a /0 block.
        (
            "g-web00001",
            json!({"remark": "http", "protocol": "tcp", "portRange": "80", "direction": "ingress", "sourceIp": "0.0.0.0/0"}),
            409,
            "SecurityGroup.RuleDuplicated",
        ),
    ];
    for (id, rule, status, code) in cases {
        let (got, body) = authorize(&run, id, "", &rule).await;
        assert_eq!((got, body["code"].as_str()), (status, Some(code)), "{rule}: {body}");
    }
    let (_, body) = authorize(&run, "g-web00001", "", &json!({"protocol": "tcp", "portRange": "100-1", "direction": "ingress"})).await;
    assert!(body["message"].as_str().unwrap().contains("portRange"), "the message names the field: {body}");
    assert_eq!(group(&run, "g-web00001").await["sgVersion"], 1, "no refusal changed anything");

    let (status, _, body) = Call::new("PUT", "/v2/securityGroup/g-web00001", "authorizeRule", &ssh_body()).call(&run).await;
    assert_eq!((status, body["code"].as_str()), (400, Some("InvalidHTTPRequest")), "seed 004: clientToken is required");
    assert!(body["message"].as_str().unwrap().contains("clientToken"), "{body}");
    let (status, _, body) = Call::new("PUT", "/v2/securityGroup/g-web00001", "authorizeRule&clientToken=t1", "{not json").call(&run).await;
    assert_eq!((status, body["code"].as_str()), (400, Some("MalformedJSON")));
    let (status, _, body) =
        Call::new("PUT", "/v2/securityGroup/g-web00001", "authorizeRule&clientToken=t2", r#"{"rule": {"portRange": 22}}"#).call(&run).await;
    assert_eq!((status, body["code"].as_str()), (400, Some("InappropriateJSON")));
}

#[tokio::test]
async fn the_rule_quota_is_413() {
    let run = start().await;
    let id = create(&run, json!({"name": "quota"})).await;
    for port in 1..=50 {
        let rule = json!({"protocol": "tcp", "portRange": port.to_string(), "direction": "ingress", "sourceIp": "10.0.0.0/8"});
        assert_eq!(authorize(&run, &id, "", &rule).await.0, 200, "rule {port}");
    }
    let rule = json!({"protocol": "tcp", "portRange": "51", "direction": "ingress", "sourceIp": "10.0.0.0/8"});
    let (status, body) = authorize(&run, &id, "", &rule).await;
    assert_eq!((status, body["code"].as_str()), (413, Some("SecurityGroup.RuleNumberExceededLimit")));
}

#[tokio::test]
async fn revoke_and_delete() {
    let run = start().await;
    let http = json!({"remark": "http", "protocol": "tcp", "portRange": "80", "direction": "ingress", "sourceIp": "0.0.0.0/0"});
    let (status, _, body) =
        Call::new("PUT", "/v2/securityGroup/g-web00001", "revokeRule", &json!({"rule": http}).to_string()).call(&run).await;
    assert_eq!(status, 200, "{body}");
    let g = group(&run, "g-web00001").await;
    assert_eq!(g["rules"].as_array().unwrap().len(), 2);
    assert_eq!(g["sgVersion"], 2);
    let (status, _, body) =
        Call::new("PUT", "/v2/securityGroup/g-web00001", "revokeRule", &json!({"rule": http}).to_string()).call(&run).await;
    assert_eq!((status, body["code"].as_str()), (404, Some("SecurityGroup.RuleNotExist")));

    // Bound to an instance: refused, and still there.
    let (status, _, body) = Call::new("DELETE", "/v2/securityGroup/g-db000001", "", "").call(&run).await;
    assert_eq!((status, body["code"].as_str()), (409, Some("SecurityGroup.SecurityGroupInUse")));
    group(&run, "g-db000001").await;
    let id = create(&run, json!({"name": "scratch"})).await;
    let path = format!("/v2/securityGroup/{id}");
    let (status, _, _) = Call::new("DELETE", &path, "", "").call(&run).await;
    assert_eq!(status, 200);
    let (status, _, body) = Call::get(&path, "").call(&run).await;
    assert_eq!((status, body["code"].as_str()), (404, Some("NoSuchObject")));
}
