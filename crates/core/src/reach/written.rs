//! A suggested rule written as each Baidu kind's rule, so "test a connection" can put its
//! fix into a group's draft (the review and impact come from there, as for any rule).

use super::{Protocol, Suggestion};
use crate::bce::esg::{EsgRule, Priority};
use crate::bce::security_group::SecurityGroupRule;
use crate::validate::address::Family;

/// The protocol as Baidu writes it: ICMPv6 is `icmp` under an IPv6 ethertype; a protocol
/// by number cannot be written (`None`).
fn baidu_protocol(p: Protocol) -> Option<&'static str> {
    match p {
        Protocol::Tcp => Some("tcp"),
        Protocol::Udp => Some("udp"),
        Protocol::Icmp | Protocol::Icmpv6 => Some("icmp"),
        Protocol::Number(_) => None,
    }
}

fn ethertype(f: Family) -> &'static str {
    match f {
        Family::V4 => "IPv4",
        Family::V6 => "IPv6",
    }
}

impl Suggestion {
    /// A regular group's rule that allows what was suggested (no remark: the operator
    /// writes one in the draft).
    pub fn to_bce(&self) -> Option<SecurityGroupRule> {
        let mut r = SecurityGroupRule {
            direction: Some(self.direction.as_str().to_owned()),
            ethertype: Some(ethertype(self.family).to_owned()),
            protocol: Some(baidu_protocol(self.protocol)?.to_owned()),
            port_range: Some(self.port.map(|p| p.to_string()).unwrap_or_default()),
            ..Default::default()
        };
        r.set_remote(Some(self.remote.to_string()), None);
        Some(r)
    }

    /// An enterprise rule that allows what was suggested, at its priority (the lowest
    /// precedence, 1000, when none was needed).
    pub fn to_esg(&self) -> Option<EsgRule> {
        let mut r = EsgRule {
            direction: Some(self.direction.as_str().to_owned()),
            ethertype: Some(ethertype(self.family).to_owned()),
            protocol: Some(baidu_protocol(self.protocol)?.to_owned()),
            port_range: Some(self.port.map(|p| p.to_string()).unwrap_or_default()),
            action: Some("allow".to_owned()),
            priority: Some(Priority::Number(self.priority.unwrap_or(1000).into())),
            ..Default::default()
        };
        r.set_remote_ip(Some(self.remote.to_string()));
        Some(r)
    }
}
