//! What a field accepts, in words, for an error that names it (#34): "out of the allowed
//! range" says which range, and Huawei's one `VPC.0601` says what each field takes.

use super::{Field, Problem};
use crate::codes;

/// What `p`'s field would accept: (English, Chinese). `None` when the code says it all.
pub fn accepts(p: &Problem) -> Option<(&'static str, &'static str)> {
    let huawei = std::ptr::eq(p.code, &codes::HW_PARAM_INVALID) || p.code.code.starts_with("VPC.");
    let esg = p.code.code.starts_with("Esg.");
    Some(match p.field {
        Field::PortRange | Field::Multiport | Field::SourcePortRange => (
            "ports 1–65535: one (22), a range (8000-8100) or a list (22,3389)",
            "端口 1–65535：单个（22）、范围（8000-8100）或列表（22,3389）",
        ),
        Field::SourceIp | Field::DestIp | Field::RemoteIpPrefix | Field::LocalIp => (
            "an address or a block: IPv4 prefix 0–32, IPv6 prefix 0–128 (10.0.0.0/8, ::/0)",
            "地址或网段：IPv4 前缀 0–32，IPv6 前缀 0–128（10.0.0.0/8、::/0）",
        ),
        Field::SourceGroupId | Field::DestGroupId | Field::RemoteGroupId => (
            "one remote only: an address or a group, not both (clear one of them)",
            "远端只能有一个：地址或安全组，不能同时填写（清空其中一个）",
        ),
        Field::Priority if huawei => ("priority 1–100 (1 is read first)", "优先级 1–100（1 最先生效）"),
        Field::Priority if esg => ("priority 1–1000 (1 is read first)", "优先级 1–1000（1 最先生效）"),
        Field::Protocol if huawei => ("tcp, udp, icmp, icmpv6, or a protocol number 0–255", "tcp、udp、icmp、icmpv6，或协议号 0–255"),
        Field::Protocol => ("tcp, udp, icmp or all", "tcp、udp、icmp 或 all"),
        Field::Direction => ("ingress or egress", "ingress 或 egress"),
        Field::Ethertype => ("IPv4 or IPv6", "IPv4 或 IPv6"),
        Field::Remark | Field::Description => ("at most 255 characters", "最多 255 个字符"),
        Field::Desc => ("at most 200 characters", "最多 200 个字符"),
        Field::Action => ("allow or deny", "allow 或 deny"),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::codes::{ESG_RULE_PRIORITY_INVALID, HW_PARAM_INVALID, RULE_PORT_RANGE_INVALID};

    #[test]
    fn each_cloud_gets_its_own_limits() {
        let hw = |f| accepts(&Problem::new(&HW_PARAM_INVALID, f)).map(|a| a.0);
        assert!(hw(Field::Priority).unwrap().contains("1–100"));
        assert!(hw(Field::Multiport).unwrap().contains("1–65535"));
        assert!(hw(Field::RemoteIpPrefix).unwrap().contains("0–32"));
        assert!(accepts(&Problem::new(&ESG_RULE_PRIORITY_INVALID, Field::Priority)).unwrap().0.contains("1–1000"));
        assert!(accepts(&Problem::new(&RULE_PORT_RANGE_INVALID, Field::PortRange)).unwrap().1.contains("1–65535"));
        assert_eq!(accepts(&Problem::new(&HW_PARAM_INVALID, Field::Body)), None);
    }

    #[test]
    fn a_bad_address_and_two_remotes_read_apart() {
        use crate::bce::security_group::SecurityGroupRule;
        let rule = |ip: &str, group: Option<&str>| SecurityGroupRule {
            direction: Some("ingress".into()),
            protocol: Some("tcp".into()),
            port_range: Some("22".into()),
            source_ip: Some(ip.into()),
            source_group_id: group.map(Into::into),
            ..Default::default()
        };
        let said = |r: &SecurityGroupRule| {
            crate::validate::bce_rule::validate_rule(r).iter().map(|p| (p.field, accepts(p).unwrap().0)).collect::<Vec<_>>()
        };
        let bad = said(&rule("10.0.0.0/33", None));
        assert_eq!(bad.len(), 1);
        assert_eq!(bad[0].0, Field::SourceIp);
        assert!(bad[0].1.contains("0–32"));
        let both = said(&rule("10.0.0.0/8", Some("g-peer")));
        assert_eq!(both.len(), 1);
        assert_eq!(both[0].0, Field::SourceGroupId);
        assert!(both[0].1.contains("one remote only"));
    }
}
