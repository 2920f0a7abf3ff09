//! Demo state on first start, so a new user sees something real.

use rusqlite::params;
use serde_json::json;

use crate::{ids, Store, StoreError};

pub const DEMO_VPC: &str = "vpc-demo0001";
/// A second VPC, so that choosers can be seen to offer only a resource's own VPC.
pub const STAGING_VPC: &str = "vpc-demo0002";
/// Huawei's demo project (the seed example's project id).
pub const DEMO_PROJECT: &str = "060576782980d5762f9ec014dd2f1148";
pub const DEMO_REGION: &str = "bj";

pub fn load_if_empty(store: &Store) -> Result<(), StoreError> {
    load_huawei(store)?;
    store.transaction(|tx| {
        let count: i64 = tx.query_row("SELECT count(*) FROM bce_security_group", [], |r| r.get(0))?;
        if count > 0 {
            return Ok(());
        }
        let created = "2026-01-05T08:00:00Z";
        let groups = [
            ("g-default0", "default", "Default group: all egress allowed", vec![json!({"direction": "egress", "protocol": "", "portRange": "", "destIp": "all", "remark": "all egress"})]),
            ("g-web00001", "web", "Public web servers", vec![
                json!({"direction": "ingress", "protocol": "tcp", "portRange": "80", "sourceIp": "0.0.0.0/0", "remark": "http"}),
                json!({"direction": "ingress", "protocol": "tcp", "portRange": "443", "sourceIp": "0.0.0.0/0", "remark": "https"}),
                json!({"direction": "egress", "protocol": "", "portRange": "", "destIp": "all", "remark": "all egress"}),
            ]),
            ("g-db000001", "database", "MySQL reachable from the web tier", vec![
                json!({"direction": "ingress", "protocol": "tcp", "portRange": "3306", "sourceGroupId": "g-web00001", "remark": "mysql from web"}),
            ]),
            // Bound to the bastion beside two other groups: the one path by which it takes
            // SSH from the internet.
            ("g-ssh00001", "ssh", "SSH from anywhere", vec![
                json!({"direction": "ingress", "protocol": "tcp", "portRange": "22", "sourceIp": "0.0.0.0/0", "remark": "ssh"}),
            ]),
        ];
        for (id, name, cidr, is_default) in [(DEMO_VPC, "default", "192.168.0.0/16", true), (STAGING_VPC, "staging", "172.16.0.0/16", false)] {
            let body = json!({"vpcId": id, "name": name, "cidr": cidr, "description": "", "isDefault": is_default, "createdTime": created});
            tx.execute("INSERT INTO bce_vpc (id, region, body) VALUES (?1, ?2, ?3)", params![id, DEMO_REGION, body.to_string()])?;
        }
        // A group of the second VPC: no chooser of the first VPC may offer it.
        let staging = ("g-stage001", "staging-web", "Staging web servers (VPC staging)", vec![
            json!({"direction": "ingress", "protocol": "tcp", "portRange": "443", "sourceIp": "172.16.0.0/16", "remark": "https inside"}),
        ]);
        for (id, name, desc, rules) in groups.into_iter().chain([staging]) {
            let vpc = if id == "g-stage001" { STAGING_VPC } else { DEMO_VPC };
            tx.execute(
                "INSERT INTO bce_security_group (id, region, name, desc, vpc_id, created_time) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![id, DEMO_REGION, name, desc, vpc, created],
            )?;
            for mut rule in rules {
                let rule_id = ids::short("r", 12);
                rule["securityGroupRuleId"] = json!(rule_id);
                rule["securityGroupId"] = json!(id);
                rule["ethertype"] = json!("IPv4");
                rule["createdTime"] = json!(created);
                tx.execute("INSERT INTO bce_security_group_rule (id, group_id, rule) VALUES (?1, ?2, ?3)", params![rule_id, id, rule.to_string()])?;
            }
        }
        let instances = [
            ("i-web00001", "web-1", "Running", "192.168.0.11", None, &["g-web00001", "g-default0"][..]),
            ("i-web00002", "web-2", "Running", "192.168.0.12", None, &["g-web00001", "g-default0"][..]),
            ("i-db000001", "db-1", "Running", "192.168.0.21", None, &["g-db000001"][..]),
            ("i-bastion1", "bastion-1", "Running", "192.168.0.5", None, &["g-web00001", "g-ssh00001", "g-default0"][..]),
            // Expired: binding a group to it is SecurityGroup.ExpiredInstanceForbiddenBind.
            ("i-expired1", "old-batch", "Expired", "192.168.0.31", Some("2025-12-31T16:00:00Z"), &["g-default0"][..]),
        ];
        for (id, name, status, ip, expire, groups) in instances {
            tx.execute(
                "INSERT INTO bce_instance (id, region, name, status, vpc_id, internal_ip, expire_time) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![id, DEMO_REGION, name, status, DEMO_VPC, ip, expire],
            )?;
            for g in groups {
                tx.execute("INSERT INTO bce_binding (resource_id, group_id, kind) VALUES (?1, ?2, 'normal')", params![id, g])?;
            }
        }
        let esg_rules = json!([
            {"enterpriseSecurityGroupRuleId": "esgr-demo00000001", "remark": "deny telnet", "direction": "ingress", "ethertype": "IPv4",
             "portRange": "23", "protocol": "tcp", "sourceIp": "all", "localIp": "all", "action": "deny", "priority": 10, "createdTime": created},
            {"enterpriseSecurityGroupRuleId": "esgr-demo00000002", "remark": "https", "direction": "ingress", "ethertype": "IPv4",
             "portRange": "443", "protocol": "tcp", "sourceIp": "all", "localIp": "all", "action": "allow", "priority": 100, "createdTime": created},
            // Hidden by the telnet deny at priority 10: never takes effect.
            {"enterpriseSecurityGroupRuleId": "esgr-demo00000003", "remark": "telnet from the lab", "direction": "ingress", "ethertype": "IPv4",
             "portRange": "23", "protocol": "tcp", "sourceIp": "10.0.0.0/8", "localIp": "all", "action": "allow", "priority": 50, "createdTime": created}
        ]);
        tx.execute(
            "INSERT INTO bce_esg (id, region, name, desc, created_time, rules) VALUES ('esg-demo00000001', ?1, 'baseline', 'Company baseline', ?2, ?3)",
            params![DEMO_REGION, created, esg_rules.to_string()],
        )?;
        // An instance under the enterprise group (it holds no regular group: one kind only).
        tx.execute(
            "INSERT INTO bce_instance (id, region, name, status, vpc_id, internal_ip, expire_time) VALUES ('i-app00001', ?1, 'app-1', 'Running', ?2, '192.168.0.41', NULL)",
            params![DEMO_REGION, DEMO_VPC],
        )?;
        tx.execute("INSERT INTO bce_binding (resource_id, group_id, kind) VALUES ('i-app00001', 'esg-demo00000001', 'enterprise')", [])?;
        for (id, name, ip, service, group, vpc) in [
            ("endpoint-demo0001", "bos-endpoint", "192.168.0.101", "bos.bj.baidubce.com", "g-default0", DEMO_VPC),
            ("endpoint-demo0002", "rds-endpoint", "192.168.0.102", "rds.bj.baidubce.com", "g-db000001", DEMO_VPC),
            ("endpoint-demo0003", "staging-bos", "172.16.0.101", "bos.bj.baidubce.com", "g-stage001", STAGING_VPC),
        ] {
            let body = json!({"endpointId": id, "name": name, "ipAddress": ip, "status": "available", "service": service,
                              "subnetId": "sbn-demo0001", "vpcId": vpc, "createTime": created, "productType": "Postpaid"});
            tx.execute("INSERT INTO bce_endpoint (id, region, body) VALUES (?1, ?2, ?3)", params![id, DEMO_REGION, body.to_string()])?;
            tx.execute("INSERT INTO bce_binding (resource_id, group_id, kind) VALUES (?1, ?2, 'normal')", params![id, group])?;
        }
        Ok(())
    })
}

/// Huawei: the demo project with `default` and a few more groups.
fn load_huawei(store: &Store) -> Result<(), StoreError> {
    store.transaction(|tx| {
        let scope = crate::huawei::Scope { project: DEMO_PROJECT, region: palisade_core::Cloud::Huawei.default_region() };
        if tx.execute("INSERT OR IGNORE INTO hw_scope (project_id, region) VALUES (?1, ?2)", [scope.project, scope.region])? == 0 {
            return Ok(());
        }
        for (name, description) in [
            ("default", "Default security group"),
            ("web", "Public web servers"),
            ("database", "Databases, reachable from web"),
            ("bastion", "SSH jump hosts"),
        ] {
            let id = crate::huawei::insert_group(tx, &scope, name, description).map_err(|e| StoreError::Fixture(e.message))?;
            if name == "bastion" {
                // The office's SSH allow is dead: a deny at the same priority wins (Huawei's
                // documented tie rule), which "Test a connection" shows.
                for (action, prefix, description) in
                    [("allow", "203.0.113.0/24", "SSH from the office"), ("deny", "0.0.0.0/0", "no SSH from anywhere")]
                {
                    let rule = crate::huawei::fixture_rule(&scope, &id, action, 10, "22", prefix, description);
                    crate::huawei::insert_rule(tx, &scope, &rule).map_err(|e| StoreError::Fixture(e.message))?;
                }
            }
        }
        Ok(())
    })
}
