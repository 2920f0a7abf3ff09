use crate::support::{start, Call};

#[tokio::test]
async fn lists_the_demo_groups_with_their_rules() {
    let run = start().await;
    let (status, headers, body) = Call::get("/v2/securityGroup", "").call(&run).await;
    assert_eq!(status, 200, "{body}");
    assert!(headers.contains_key("x-bce-request-id"));
    let groups = body["securityGroups"].as_array().unwrap();
    let names: Vec<&str> = groups.iter().map(|g| g["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["default", "web", "database", "ssh", "staging-web"]);
    assert_eq!(body["isTruncated"], false);
    assert!(body.get("nextMarker").is_none(), "no nextMarker on the last page");
    let web = &groups[1];
    assert_eq!(web["rules"].as_array().unwrap().len(), 3);
    assert_eq!(web["rules"][0]["portRange"], "80");
    assert_eq!(web["sgVersion"], 1);
}

#[tokio::test]
async fn pages_with_marker_and_max_keys() {
    let run = start().await;
    let (_, _, first) = Call::get("/v2/securityGroup", "maxKeys=3").call(&run).await;
    assert_eq!(first["securityGroups"].as_array().unwrap().len(), 3);
    assert_eq!(first["isTruncated"], true);
    let next = first["nextMarker"].as_str().unwrap().to_owned();
    let q = format!("maxKeys=3&marker={next}");
    let (_, _, second) = Call::get("/v2/securityGroup", &q).call(&run).await;
    let names: Vec<&str> = second["securityGroups"].as_array().unwrap().iter().map(|g| g["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["ssh", "staging-web"]);
    assert_eq!(second["marker"], next.as_str());
    assert_eq!(second["isTruncated"], false);
}

#[tokio::test]
async fn filters_by_vpc_and_region() {
    let run = start().await;
    let (_, _, none) = Call::get("/v2/securityGroup", "vpcId=vpc-other").call(&run).await;
    assert_eq!(none["securityGroups"].as_array().unwrap().len(), 0);
    let gz = Call { host: "bcc.gz.baidubce.com", ..Call::get("/v2/securityGroup", "") };
    let (status, _, other_region) = gz.call(&run).await;
    assert_eq!(status, 200);
    assert_eq!(other_region["securityGroups"].as_array().unwrap().len(), 0, "regions are separate");
}

#[tokio::test]
async fn bad_paging_parameters_are_clear_errors() {
    let run = start().await;
    let (status, _, body) = Call::get("/v2/securityGroup", "maxKeys=0").call(&run).await;
    assert_eq!((status, body["code"].as_str()), (400, Some("InappropriateJSON")));
    let (status, _, body) = Call::get("/v2/securityGroup", "marker=g-nope").call(&run).await;
    assert_eq!((status, body["code"].as_str()), (404, Some("NoSuchObject")));
}

#[tokio::test]
async fn stored_text_is_bounded_with_the_field_named() {
    let run = start().await;
    let cases = [
        (serde_json::json!({"name": "a", "desc": "d".repeat(201)}), "InappropriateJSON", "desc"),
        (serde_json::json!({"name": "a", "vpcId": "v".repeat(65)}), "InappropriateJSON", "vpcId"),
        (serde_json::json!({"name": "a", "tags": [{"tagKey": "k", "tagValue": "v".repeat(66)}]}), "InappropriateJSON", "tags"),
        (serde_json::json!({"name": "a", "tags": [{"tagKey": "k"}, {"tagKey": "k"}]}), "InappropriateJSON", "tags"),
        (
            serde_json::json!({"name": "a", "rules": [{"direction": "ingress", "protocol": "tcp", "sourceGroupId": "g".repeat(100)}]}),
            "InappropriateJSON",
            "sourceGroupId",
        ),
    ];
    for (body, code, field) in cases {
        let text = body.to_string();
        let (status, _, b) = Call::new("POST", "/v2/securityGroup", "clientToken=t-bounds", &text).call(&run).await;
        assert_eq!((status, b["code"].as_str()), (400, Some(code)), "{body}: {b}");
        assert!(b["message"].as_str().unwrap().contains(field), "names {field}: {b}");
    }
    // A VPC the region does not have.
    let (status, _, b) = Call::new("POST", "/v2/securityGroup", "", r#"{"name":"a","vpcId":"vpc-nowhere"}"#).call(&run).await;
    assert_eq!((status, b["code"].as_str()), (404, Some("NoSuchObject")), "{b}");
    let (_, _, all) = Call::get("/v2/securityGroup", "").call(&run).await;
    assert_eq!(all["securityGroups"].as_array().unwrap().len(), 5, "nothing was stored");
}

#[tokio::test]
async fn a_vpc_holds_its_quota_of_groups() {
    let run = start().await;
    // The staging VPC (not the default) holds 20; the fixtures put one there.
    for i in 1..20 {
        let body = format!(r#"{{"name":"s{i}","vpcId":"vpc-demo0002"}}"#);
        let (status, _, b) = Call::new("POST", "/v2/securityGroup", "", &body).call(&run).await;
        assert_eq!(status, 200, "group {i}: {b}");
    }
    let (status, _, b) = Call::new("POST", "/v2/securityGroup", "", r#"{"name":"s20","vpcId":"vpc-demo0002"}"#).call(&run).await;
    assert_eq!((status, b["code"].as_str()), (413, Some("SecurityGroup.SecurityGroupNumberExceededLimit")), "{b}");
    // The default VPC still has room (100).
    let (status, _, b) = Call::new("POST", "/v2/securityGroup", "", r#"{"name":"d1"}"#).call(&run).await;
    assert_eq!(status, 200, "{b}");
}

#[tokio::test]
async fn a_client_token_is_forgotten_after_a_day() {
    let (run, emu) = crate::support::start_shared().await;
    // A token remembered 25 hours ago for another request.
    emu.store
        .transaction(|tx| {
            tx.execute(
                "INSERT INTO bce_client_token (region, token, fingerprint, status, body, created) VALUES ('bj', 'old-token', 'other', 200, '{}', ?1)",
                [palisade_emulator::now() - 25 * 3600],
            )
            .map_err(palisade_emulator::StoreError::from)
        })
        .unwrap();
    let (status, _, b) = Call::new("POST", "/v2/securityGroup", "clientToken=old-token", r#"{"name":"fresh"}"#).call(&run).await;
    assert_eq!(status, 200, "an expired token is a new token, not a mismatch: {b}");
    // A token used now is remembered: the same token for another body is a mismatch.
    let (status, _, b) = Call::new("POST", "/v2/securityGroup", "clientToken=old-token", r#"{"name":"other"}"#).call(&run).await;
    assert_eq!((status, b["code"].as_str()), (403, Some("IdempotentParameterMismatch")), "{b}");
}
