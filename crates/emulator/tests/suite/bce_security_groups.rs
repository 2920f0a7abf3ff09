use crate::support::{start, Call};

#[tokio::test]
async fn lists_the_demo_groups_with_their_rules() {
    let run = start().await;
    let (status, headers, body) = Call::get("/v2/securityGroup", "").call(&run).await;
    assert_eq!(status, 200, "{body}");
    assert!(headers.contains_key("x-bce-request-id"));
    let groups = body["securityGroups"].as_array().unwrap();
    let names: Vec<&str> = groups.iter().map(|g| g["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["default", "web", "database", "staging-web"]);
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
    let (_, _, first) = Call::get("/v2/securityGroup", "maxKeys=2").call(&run).await;
    assert_eq!(first["securityGroups"].as_array().unwrap().len(), 2);
    assert_eq!(first["isTruncated"], true);
    let next = first["nextMarker"].as_str().unwrap().to_owned();
    let q = format!("maxKeys=2&marker={next}");
    let (_, _, second) = Call::get("/v2/securityGroup", &q).call(&run).await;
    let names: Vec<&str> = second["securityGroups"].as_array().unwrap().iter().map(|g| g["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["database", "staging-web"]);
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
