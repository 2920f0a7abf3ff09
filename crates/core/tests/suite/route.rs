//! The console's paths: what the console writes, it reads back; the server answers only
//! those with the console's page.

use palisade_core::route::{Page, Place};
use palisade_core::Cloud;

fn place(page: Page, region: &str, item: Option<&str>) -> Place {
    Place { page, region: region.into(), item: item.map(Into::into) }
}

#[test]
fn every_page_and_region_reads_back_as_written() {
    for &page in Page::all() {
        let regions: Vec<&str> = match page.cloud() {
            Some(cloud) => cloud.regions().iter().map(|r| r.id).collect(),
            None => vec![""],
        };
        for region in regions {
            let items: &[Option<&str>] = if page.has_items() { &[None, Some("g-Ab_9.x")] } else { &[None] };
            for item in items {
                let p = place(page, region, *item);
                assert_eq!(Place::parse(&p.path()), Some(p.clone()), "{}", p.path());
            }
        }
    }
}

#[test]
fn paths_are_the_documented_ones() {
    assert_eq!(place(Page::Home, "", None).path(), "/");
    assert_eq!(place(Page::Exposure, "", None).path(), "/exposure");
    assert_eq!(place(Page::BceSecurityGroups, "bj", Some("g-1")).path(), "/bce/bj/security-groups/g-1");
    assert_eq!(place(Page::BceEnterpriseSecurityGroups, "gz", None).path(), "/bce/gz/enterprise-security-groups");
    assert_eq!(place(Page::BceInstances, "bj", Some("i-1")).path(), "/bce/bj/instances/i-1");
    assert_eq!(place(Page::HuaweiSecurityGroups, "cn-north-4", None).path(), "/huawei/cn-north-4/security-groups");
    // A trailing slash is the same place.
    assert_eq!(Place::parse("/bce/bj/endpoints/"), Some(place(Page::BceEndpoints, "bj", None)));
}

#[test]
fn anything_else_is_no_place() {
    for path in [
        "/nope",
        "/boot.js",
        "/api/bce/v2/securityGroup",
        "/bce/mars/security-groups",
        "/bce/bj/flavours",
        "/huawei/bj/security-groups",
        "/bce/cn-north-4/security-groups",
        "/bce/bj/endpoints/e-1",
        "/exposure/x",
        "/bce/bj/security-groups/g-1/extra",
        "/bce/bj/security-groups/..",
        "/bce/bj/security-groups/%2e%2e",
        "/bce/bj/security-groups/a<b",
    ] {
        assert_eq!(Place::parse(path), None, "{path}");
    }
    let long = format!("/bce/bj/security-groups/{}", "a".repeat(65));
    assert_eq!(Place::parse(&long), None);
    assert!(Place::parse(&format!("/bce/bj/security-groups/{}", "a".repeat(64))).is_some());
    assert_eq!(Cloud::from_slug("bce"), Some(Cloud::Bce));
}

#[test]
fn a_path_of_no_place_is_told_why() {
    use palisade_core::route::why_not;
    assert!(why_not("/bce/mars/security-groups").contains("no region \"mars\". Its regions: bj, gz"));
    assert!(why_not("/huawei/bj/security-groups").contains("Huawei Cloud has no region \"bj\""));
    assert!(why_not("/bce/bj/flavours").contains("no page \"flavours\""));
    assert!(why_not("/aws/x").contains("/bce/, /huawei/"));
    assert!(why_not("/bce/bj/security-groups/a<b").contains("not an id"));
    // The pages written for #35 are places too.
    for p in ["/changes", "/policy"] {
        assert_eq!(Place::parse(p).map(|x| x.path()), Some(p.to_owned()));
    }
}
