//! Demo state on first start, so a new user sees something real.

use rusqlite::params;
use serde_json::json;

use crate::{ids, Store, StoreError};

pub const DEMO_VPC: &str = "vpc-demo0001";
pub const DEMO_REGION: &str = "bj";

pub fn load_if_empty(store: &Store) -> Result<(), StoreError> {
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
        ];
        for (id, name, desc, rules) in groups {
            tx.execute(
                "INSERT INTO bce_security_group (id, region, name, desc, vpc_id, created_time) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![id, DEMO_REGION, name, desc, DEMO_VPC, created],
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
        Ok(())
    })
}
