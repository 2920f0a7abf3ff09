//! What is open to the internet, and which open ports matter most.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use ipnet::{IpNet, Ipv4Net, Ipv6Net};

use super::rule::{Action, Remote, Rule};
use crate::Direction;

/// Ports whose exposure to the internet is an incident waiting to happen, with the
/// service usually behind them. Ordered as the exposure view lists them.
pub const SENSITIVE: [(u16, &str); 18] = [
    (22, "SSH"),
    (3389, "RDP"),
    (23, "Telnet"),
    (445, "SMB"),
    (3306, "MySQL"),
    (5432, "PostgreSQL"),
    (1433, "SQL Server"),
    (1521, "Oracle"),
    (27017, "MongoDB"),
    (6379, "Redis"),
    (11211, "Memcached"),
    (9200, "Elasticsearch"),
    (5601, "Kibana"),
    (2375, "Docker API"),
    (6443, "Kubernetes API"),
    (2379, "etcd"),
    (9092, "Kafka"),
    (2181, "ZooKeeper"),
];

/// The service name of a sensitive port.
pub fn service(port: u16) -> Option<&'static str> {
    SENSITIVE.iter().find(|&&(p, _)| p == port).map(|&(_, s)| s)
}

/// Address space that is not the internet: RFC 1918, shared (CGNAT), loopback,
/// link-local; IPv6 unique-local, link-local, loopback.
pub(super) fn private() -> [IpNet; 9] {
    let v4 = |a, b, c, d, len| IpNet::V4(Ipv4Net::new(Ipv4Addr::new(a, b, c, d), len).expect("static prefix"));
    let v6 = |a: Ipv6Addr, len| IpNet::V6(Ipv6Net::new(a, len).expect("static prefix"));
    [
        v4(10, 0, 0, 0, 8),
        v4(172, 16, 0, 0, 12),
        v4(192, 168, 0, 0, 16),
        v4(100, 64, 0, 0, 10),
        v4(127, 0, 0, 0, 8),
        v4(169, 254, 0, 0, 16),
        v6(Ipv6Addr::new(0xfc00, 0, 0, 0, 0, 0, 0, 0), 7),
        v6(Ipv6Addr::new(0xfe80, 0, 0, 0, 0, 0, 0, 0), 10),
        v6(Ipv6Addr::LOCALHOST, 128),
    ]
}

/// Whether a block reaches past private space: any part of it is an internet address.
pub fn is_internet(net: &IpNet) -> bool {
    !private().iter().any(|p| p.contains(net))
}

pub fn is_internet_addr(a: IpAddr) -> bool {
    is_internet(&IpNet::from(a))
}

impl Rule {
    /// An enabled ingress allow whose remote is every address or reaches the internet.
    /// Remote groups and address sets are not counted: their members are not known here.
    pub fn open_to_internet(&self) -> bool {
        self.enabled
            && self.direction == Direction::Ingress
            && self.action == Action::Allow
            && match &self.remote {
                Remote::Any => true,
                Remote::Net(n) => is_internet(n),
                _ => false,
            }
    }

    /// The sensitive ports this rule opens, in `SENSITIVE` order.
    pub fn sensitive_ports(&self) -> Vec<u16> {
        SENSITIVE.iter().map(|&(p, _)| p).filter(|&p| self.covers_port(p)).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn private_space_is_not_the_internet() {
        for n in ["10.0.0.0/8", "10.2.3.4/32", "172.20.0.0/16", "192.168.1.0/24", "fd00::/8", "100.64.1.0/24"] {
            assert!(!is_internet(&n.parse().unwrap()), "{n}");
        }
        for n in ["0.0.0.0/0", "203.0.113.7/32", "8.0.0.0/7", "172.0.0.0/8", "::/0", "2400:da00::/32"] {
            assert!(is_internet(&n.parse().unwrap()), "{n}");
        }
        assert_eq!(service(5432), Some("PostgreSQL"));
        assert_eq!(service(443), None);
    }
}
