//! Huawei VPC v3 over HTTP: the seed's update (with dry_run), create/list/show/delete of
//! groups and rules, signature checks and Huawei's error form.

use palisade_core::sign::{huawei, SignableRequest};
use palisade_emulator::{DEMO_ACCESS_KEY, DEMO_SECRET_KEY};
use serde_json::{json, Value};

use crate::support::{now, start, Running};

const PROJECT: &str = "0123456789abcdef0123456789abcdef";
const HOST: &str = "vpc.cn-north-4.myhuaweicloud.com";

async fn hw(run: &Running, method: &str, path: &str, query: &str, body: &str, sk: &str) -> (u16, reqwest::header::HeaderMap, Value) {
    hw_in(run, HOST, PROJECT, method, path, query, body, sk).await
}

/// [`hw`] for another region's host or another project.
#[allow(clippy::too_many_arguments)]
pub async fn hw_in(
    run: &Running,
    host: &str,
    project: &str,
    method: &str,
    path: &str,
    query: &str,
    body: &str,
    sk: &str,
) -> (u16, reqwest::header::HeaderMap, Value) {
    let pairs = palisade_core::sign::encoding::parse_query(query).unwrap();
    let q: Vec<(&str, &str)> = pairs.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
    let headers = [("Content-Type", "application/json"), ("X-Project-Id", project)];
    let req = SignableRequest { method, host, path, query: &q, headers: &headers, body: body.as_bytes() };
    let sig = huawei::sign(&req, &huawei::SigningParams { access_key: DEMO_ACCESS_KEY, secret_key: sk, timestamp: now() }).unwrap();
    let url = if query.is_empty() { format!("{}{path}", run.base) } else { format!("{}{path}?{query}", run.base) };
    let mut rb = run.client.request(method.parse().unwrap(), url).body(body.to_owned()).header("Host", host);
    for (n, v) in headers.iter().map(|(a, b)| (a.to_string(), b.to_string())).chain(sig.headers_to_add) {
        rb = rb.header(n, v);
    }
    let res = rb.send().await.unwrap();
    let (status, h) = (res.status().as_u16(), res.headers().clone());
    let text = res.text().await.unwrap();
    (status, h, serde_json::from_str(&text).unwrap_or(Value::Null))
}

async fn call(run: &Running, method: &str, path: &str, query: &str, body: Value) -> (u16, Value) {
    let text = if body.is_null() { String::new() } else { body.to_string() };
    let (s, _, b) = hw(run, method, path, query, &text, DEMO_SECRET_KEY).await;
    (s, b)
}

fn sgs() -> String {
    format!("/v3/{PROJECT}/vpc/security-groups")
}

async fn default_group(run: &Running) -> Value {
    let (status, body) = call(run, "GET", &sgs(), "name=default", Value::Null).await;
    assert_eq!(status, 200, "{body}");
    body["security_groups"][0].clone()
}

#[tokio::test]
async fn a_new_project_has_a_default_group_with_the_seeds_default_rules() {
    let run = start().await;
    let g = default_group(&run).await;
    assert!(g.get("security_group_rules").is_none(), "lists carry groups without rules");
    let (status, body) = call(&run, "GET", &format!("{}/{}", sgs(), g["id"].as_str().unwrap()), "", Value::Null).await;
    assert_eq!(status, 200);
    let rules = body["security_group"]["security_group_rules"].as_array().unwrap();
    assert_eq!(rules.len(), 4);
    assert_eq!(rules.iter().filter(|r| r["remote_group_id"] == g["id"]).count(), 2, "ingress from the group itself");
    assert!(rules.iter().all(|r| r["priority"] == 100 && r["action"] == "allow"));
}

#[tokio::test]
async fn the_demo_project_has_several_groups() {
    let run = start().await;
    let project = palisade_emulator::fixtures::DEMO_PROJECT;
    let path = format!("/v3/{project}/vpc/security-groups");
    let pairs: Vec<(&str, &str)> = vec![];
    let req = SignableRequest { method: "GET", host: HOST, path: &path, query: &pairs, headers: &[], body: b"" };
    let sig =
        huawei::sign(&req, &huawei::SigningParams { access_key: DEMO_ACCESS_KEY, secret_key: DEMO_SECRET_KEY, timestamp: now() }).unwrap();
    let mut rb = run.client.get(format!("{}{path}", run.base)).header("Host", HOST);
    for (n, v) in sig.headers_to_add {
        rb = rb.header(n, v);
    }
    let body: Value = rb.send().await.unwrap().json().await.unwrap();
    let names: Vec<&str> = body["security_groups"].as_array().unwrap().iter().map(|g| g["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["default", "web", "database", "bastion"]);
}

#[tokio::test]
async fn update_with_and_without_dry_run() {
    let run = start().await;
    let id = default_group(&run).await["id"].as_str().unwrap().to_owned();
    let path = format!("{}/{id}", sgs());
    let change = json!({"security_group": {"name": "security_group_2", "description": "modified description"}});
    let mut dry = change.clone();
    dry["dry_run"] = json!(true);
    let (status, body) = call(&run, "PUT", &path, "", dry).await;
    assert_eq!(status, 202, "{body}");
    let (_, shown) = call(&run, "GET", &path, "", Value::Null).await;
    assert_eq!(shown["security_group"]["name"], "default", "the dry run changed nothing");

    let (status, body) = call(&run, "PUT", &path, "", change).await;
    assert_eq!(status, 200, "{body}");
    let g = &body["security_group"];
    assert_eq!((g["name"].as_str(), g["description"].as_str()), (Some("security_group_2"), Some("modified description")));
    assert_eq!(g["project_id"], PROJECT);
    assert_eq!(g["security_group_rules"].as_array().unwrap().len(), 4);
    assert!(body["request_id"].as_str().is_some_and(|r| !r.is_empty()));

    for bad in [
        json!({"security_group": {"name": "has space"}}),
        json!({"dry_run": true, "security_group": {"description": "<b>"}}),
        json!({"dry_run": true}),
    ] {
        let (status, body) = call(&run, "PUT", &path, "", bad.clone()).await;
        assert_eq!((status, body["error_code"].as_str()), (400, Some("VPC.0601")), "{bad}: {body}");
        assert!(body["error_msg"].as_str().unwrap().contains("Invalid"));
    }
    let (status, body) = call(&run, "PUT", &format!("{}/nope", sgs()), "", json!({"dry_run": true, "security_group": {"name": "x"}})).await;
    assert_eq!((status, body["error_code"].as_str()), (404, Some("VPC.0603")), "a dry run checks that the group exists");
}

#[tokio::test]
async fn groups_and_rules_end_to_end() {
    let run = start().await;
    let (status, body) = call(&run, "POST", &sgs(), "", json!({"security_group": {"name": "web"}})).await;
    assert_eq!(status, 201, "{body}");
    let id = body["security_group"]["id"].as_str().unwrap().to_owned();
    let rules = format!("/v3/{PROJECT}/vpc/security-group-rules");
    let rule = json!({"security_group_rule": {"security_group_id": id, "direction": "ingress", "protocol": "tcp", "multiport": "22,443", "remote_ip_prefix": "10.0.0.0/8", "priority": "1"}});
    let (status, body) = call(&run, "POST", &rules, "", rule.clone()).await;
    assert_eq!(status, 201, "{body}");
    let rid = body["security_group_rule"]["id"].as_str().unwrap().to_owned();
    assert_eq!(body["security_group_rule"]["priority"], 1);
    assert_eq!(body["security_group_rule"]["ethertype"], "IPv4");
    assert_eq!(body["security_group_rule"]["action"], "deny", "seed 003: the action defaults to deny");
    let (status, body) = call(&run, "POST", &rules, "", rule).await;
    assert_eq!((status, body["error_code"].as_str()), (409, Some("VPC.0605")));
    let bad = json!({"security_group_rule": {"security_group_id": id, "direction": "ingress", "protocol": "icmpv6"}});
    let (status, body) = call(&run, "POST", &rules, "", bad).await;
    assert_eq!((status, body["error_code"].as_str()), (400, Some("VPC.0601")));

    let q = format!("security_group_id={id}");
    let (_, listed) = call(&run, "GET", &rules, &q, Value::Null).await;
    assert_eq!(listed["security_group_rules"].as_array().unwrap().len(), 5);
    let (_, page1) = call(&run, "GET", &rules, &format!("{q}&limit=2"), Value::Null).await;
    assert_eq!(page1["page_info"]["current_count"], 2);
    let next = page1["page_info"]["next_marker"].as_str().unwrap().to_owned();
    let (_, page2) = call(&run, "GET", &rules, &format!("{q}&limit=2&marker={next}"), Value::Null).await;
    assert_ne!(page2["security_group_rules"][0]["id"], page1["security_group_rules"][0]["id"]);

    assert_eq!(call(&run, "GET", &format!("{rules}/{rid}"), "", Value::Null).await.0, 200);
    assert_eq!(call(&run, "DELETE", &format!("{rules}/{rid}"), "", Value::Null).await.0, 204);
    let (status, body) = call(&run, "GET", &format!("{rules}/{rid}"), "", Value::Null).await;
    assert_eq!((status, body["error_code"].as_str()), (404, Some("VPC.0604")));
    assert_eq!(call(&run, "DELETE", &format!("{}/{id}", sgs()), "", Value::Null).await.0, 204);
    let (status, _) = call(&run, "GET", &format!("{}/{id}", sgs()), "", Value::Null).await;
    assert_eq!(status, 404);
}

#[tokio::test]
async fn signature_and_project_checks() {
    let run = start().await;
    let (status, headers, body) = hw(&run, "GET", &sgs(), "", "", "wrong-secret").await;
    assert_eq!((status, body["error_code"].as_str()), (401, Some("APIGW.0301")));
    assert!(body["error_msg"].as_str().unwrap().contains("canonicalRequest:GET|"), "{body}");
    assert_eq!(headers["x-request-id"].to_str().unwrap(), body["request_id"].as_str().unwrap());
    // X-Project-Id must match the path.
    let other = "/v3/ffffffffffffffffffffffffffffffff/vpc/security-groups";
    let (status, body) = call(&run, "GET", other, "", Value::Null).await;
    assert_eq!((status, body["error_code"].as_str()), (400, Some("VPC.0007")));
    let (status, body) = call(&run, "GET", "/v3/my-project/vpc/security-groups", "", Value::Null).await;
    assert_eq!((status, body["error_code"].as_str()), (400, Some("VPC.0601")), "not a project id: no namespace is made for it");
    let (status, body) = call(&run, "GET", &format!("/v3/{PROJECT}/vpc/nothing"), "", Value::Null).await;
    assert_eq!((status, body["error_code"].as_str()), (404, Some("APIGW.0101")));
}

#[tokio::test]
async fn create_errors_and_dry_runs() {
    let run = start().await;
    for bad in [
        json!({"security_group": {"name": ""}}),
        json!({"security_group": {"name": "a b"}}),
        json!({"security_group": {"name": "ok", "description": "<x>"}}),
        json!({}),
    ] {
        let (status, body) = call(&run, "POST", &sgs(), "", bad.clone()).await;
        assert_eq!((status, body["error_code"].as_str()), (400, Some("VPC.0601")), "{bad}: {body}");
    }
    // Tags: the seed's table (key 1-36, value 0-43, letters, digits, _ - and . in values), unique keys.
    for tags in [
        json!([{"key": "", "value": "x"}]),
        json!([{"key": "a".repeat(37), "value": ""}]),
        json!([{"key": "k", "value": "a b"}]),
        json!([{"key": "k", "value": "1"}, {"key": "k", "value": "2"}]),
    ] {
        let (status, body) = call(&run, "POST", &sgs(), "", json!({"security_group": {"name": "tagged", "tags": tags}})).await;
        assert_eq!((status, body["error_code"].as_str()), (400, Some("VPC.0601")), "{tags}: {body}");
    }
    let tags = json!([{"key": "env", "value": "prod"}, {"key": "团队", "value": "web.front-1"}]);
    let (status, body) = call(&run, "POST", &sgs(), "", json!({"security_group": {"name": "tagged", "tags": tags}})).await;
    assert_eq!(status, 201, "{body}");
    assert_eq!(body["security_group"]["tags"], tags, "tags are stored and returned");
    let tagged = body["security_group"]["id"].as_str().unwrap().to_owned();
    assert_eq!(call(&run, "GET", &format!("{}/{tagged}", sgs()), "", Value::Null).await.1["security_group"]["tags"], tags);

    let (status, _) = call(&run, "POST", &sgs(), "", json!({"dry_run": true, "security_group": {"name": "checked"}})).await;
    assert_eq!(status, 202);
    let (_, listed) = call(&run, "GET", &sgs(), "name=checked", Value::Null).await;
    assert_eq!(listed["security_groups"].as_array().unwrap().len(), 0, "a dry-run create creates nothing");

    let id = default_group(&run).await["id"].as_str().unwrap().to_owned();
    let rules = format!("/v3/{PROJECT}/vpc/security-group-rules");
    let rule = json!({"dry_run": true, "security_group_rule": {"security_group_id": id, "direction": "egress", "protocol": "udp", "multiport": "53"}});
    assert_eq!(call(&run, "POST", &rules, "", rule).await.0, 202);
    let (_, listed) = call(&run, "GET", &rules, &format!("security_group_id={id}"), Value::Null).await;
    assert_eq!(listed["security_group_rules"].as_array().unwrap().len(), 4, "a dry-run rule is not stored");
    let missing = json!({"security_group_rule": {"security_group_id": "nope", "direction": "egress"}});
    let (status, body) = call(&run, "POST", &rules, "", missing).await;
    assert_eq!((status, body["error_code"].as_str()), (404, Some("VPC.0603")));
    let (status, body) = call(&run, "DELETE", &format!("{}/nope", sgs()), "", Value::Null).await;
    assert_eq!((status, body["error_code"].as_str()), (404, Some("VPC.0603")));
    let (status, body) = call(&run, "GET", &sgs(), "limit=0", Value::Null).await;
    assert_eq!((status, body["error_code"].as_str()), (400, Some("VPC.0601")));
}

#[tokio::test]
async fn each_region_keeps_its_own_groups_as_the_real_cloud_does() {
    let run = start().await;
    let south = "vpc.cn-south-1.myhuaweicloud.com";
    let body = json!({"security_group": {"name": "north-only"}}).to_string();
    let (status, _, created) = hw_in(&run, HOST, PROJECT, "POST", &sgs(), "", &body, DEMO_SECRET_KEY).await;
    assert_eq!(status, 201, "{created}");
    let id = created["security_group"]["id"].as_str().unwrap().to_owned();

    let (status, _, listed) = hw_in(&run, south, PROJECT, "GET", &sgs(), "", "", DEMO_SECRET_KEY).await;
    assert_eq!(status, 200, "{listed}");
    let names: Vec<&str> = listed["security_groups"].as_array().unwrap().iter().map(|g| g["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["default"], "the other region has only its own default group");
    let (status, _, shown) = hw_in(&run, south, PROJECT, "GET", &format!("{}/{id}", sgs()), "", "", DEMO_SECRET_KEY).await;
    assert_eq!((status, shown["error_code"].as_str()), (404, Some("VPC.0603")), "another region's group is not found: {shown}");
    let rule = json!({"security_group_rule": {"security_group_id": id, "direction": "ingress", "protocol": "tcp", "multiport": "22"}});
    let rules = format!("/v3/{PROJECT}/vpc/security-group-rules");
    let (status, _, refused) = hw_in(&run, south, PROJECT, "POST", &rules, "", &rule.to_string(), DEMO_SECRET_KEY).await;
    assert_eq!((status, refused["error_code"].as_str()), (404, Some("VPC.0603")), "no rule lands in another region: {refused}");
    let (status, _, north) = hw_in(&run, HOST, PROJECT, "GET", &format!("{}/{id}", sgs()), "", "", DEMO_SECRET_KEY).await;
    assert_eq!(status, 200);
    assert_eq!(north["security_group"]["security_group_rules"].as_array().unwrap().len(), 4, "only its default rules");
}

#[tokio::test]
async fn stored_text_is_bounded_and_quotas_hold() {
    let run = start().await;
    // An enterprise project id is `0` or a UUID (VPC.0011); a remote group id is an id.
    let body = json!({"security_group": {"name": "x", "enterprise_project_id": "default"}});
    let (status, b) = call(&run, "POST", &sgs(), "", body).await;
    assert_eq!((status, b["error_code"].as_str()), (400, Some("VPC.0011")), "{b}");
    let g = default_group(&run).await;
    let rule = json!({"security_group_rule": {"security_group_id": g["id"], "direction": "ingress", "remote_group_id": "g".repeat(1000)}});
    let (status, b) = call(&run, "POST", "/v3/0123456789abcdef0123456789abcdef/vpc/security-group-rules", "", rule).await;
    assert_eq!((status, b["error_code"].as_str()), (400, Some("VPC.0601")), "{b}");
    assert!(b["error_msg"].as_str().unwrap().contains("remote_group_id"), "the field is named: {b}");

    // 100 groups per project and region (the default group counts): the 100th create
    // is the last that succeeds.
    for i in 1..100 {
        let (status, b) = call(&run, "POST", &sgs(), "", json!({"security_group": {"name": format!("g{i}")}})).await;
        assert_eq!(status, 201, "group {i}: {b}");
    }
    let (status, b) = call(&run, "POST", &sgs(), "", json!({"security_group": {"name": "one-too-many"}})).await;
    assert_eq!((status, b["error_code"].as_str()), (409, Some("VPC.0606")), "{b}");
}

#[tokio::test]
async fn projects_are_taken_on_up_to_a_cap() {
    let run = start().await;
    // The demo project exists; 99 more fit.
    for i in 1..100u32 {
        let project = format!("{i:032x}");
        let path = format!("/v3/{project}/vpc/security-groups");
        let (status, _, b) = hw_in(&run, HOST, &project, "GET", &path, "", "", DEMO_SECRET_KEY).await;
        assert_eq!(status, 200, "project {i}: {b}");
    }
    let project = format!("{:032x}", 1000);
    let path = format!("/v3/{project}/vpc/security-groups");
    let (status, _, b) = hw_in(&run, HOST, &project, "GET", &path, "", "", DEMO_SECRET_KEY).await;
    assert_eq!((status, b["error_code"].as_str()), (400, Some("VPC.0007")), "{b}");
    // A known project still works, in another region too.
    let (status, _, b) =
        hw_in(&run, "vpc.cn-east-3.myhuaweicloud.com", &format!("{:032x}", 7), "GET", &sgs_of(7), "", "", DEMO_SECRET_KEY).await;
    assert_eq!(status, 200, "{b}");
}

fn sgs_of(i: u32) -> String {
    format!("/v3/{i:032x}/vpc/security-groups")
}

#[tokio::test]
async fn a_bad_name_or_description_says_which_rule_it_breaks() {
    let run = start().await;
    let g = default_group(&run).await;
    let path = format!("{}/{}", sgs(), g["id"].as_str().unwrap());
    for (body, rule) in [
        (json!({"security_group": {"name": "web servers!"}}), "only letters, digits, _ - and ."),
        (json!({"security_group": {"name": "n".repeat(65)}}), "at most 64 characters"),
        (json!({"security_group": {"description": "<b>"}}), "may not contain < or >"),
    ] {
        let (status, b) = call(&run, "PUT", &path, "", body).await;
        assert_eq!((status, b["error_code"].as_str()), (400, Some("VPC.0601")), "{b}");
        assert!(b["error_msg"].as_str().unwrap().contains(rule), "{rule}: {b}");
    }
}
