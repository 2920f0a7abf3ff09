//! IP and CIDR checks, on `ipnet` and `std::net` parsers.

use std::net::IpAddr;

use ipnet::IpNet;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Family {
    V4,
    V6,
}

/// `IPv4` / `IPv6`, case-sensitive as the API spells them.
pub fn family(ethertype: &str) -> Option<Family> {
    match ethertype {
        "IPv4" => Some(Family::V4),
        "IPv6" => Some(Family::V6),
        _ => None,
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AddrError {
    /// Not an address or CIDR block.
    Invalid,
    /// An address of the other family than the rule's ethertype.
    FamilyMismatch,
}

/// The family of an address or CIDR block, or `None` if it is neither.
pub fn parse_family(s: &str) -> Option<Family> {
    if let Ok(net) = s.parse::<IpNet>() {
        return Some(if matches!(net, IpNet::V4(_)) { Family::V4 } else { Family::V6 });
    }
    s.parse::<IpAddr>().ok().map(|a| if a.is_ipv4() { Family::V4 } else { Family::V6 })
}

/// An address or CIDR block of the given family, or the word `all`.
pub fn check(s: &str, want: Family) -> Result<(), AddrError> {
    if s == "all" {
        return Ok(());
    }
    match parse_family(s) {
        None => Err(AddrError::Invalid),
        Some(f) if f != want => Err(AddrError::FamilyMismatch),
        Some(_) => Ok(()),
    }
}

/// `check` when the rule's family is known; with an unknown ethertype (reported on its
/// own), only the address's own syntax.
pub fn valid_for(s: &str, family: Option<Family>) -> bool {
    match family {
        Some(f) => check(s, f).is_ok(),
        None => s == "all" || parse_family(s).is_some(),
    }
}

/// A canonical form for comparing rules: `10.0.0.1` and `10.0.0.1/32` are the same
/// block, and `""` and `all` mean every address *of the rule's family* (`0.0.0.0/0` for
/// IPv4, `::/0` for IPv6), so an IPv4 and an IPv6 "everything" stay different.
pub fn canonical(s: &str, family: Family) -> String {
    let s = s.trim();
    if s.is_empty() || s == "all" {
        return match family {
            Family::V4 => "0.0.0.0/0",
            Family::V6 => "::/0",
        }
        .to_owned();
    }
    if let Ok(net) = s.parse::<IpNet>() {
        return net.to_string();
    }
    match s.parse::<IpAddr>() {
        Ok(a) => IpNet::from(a).to_string(),
        Err(_) => s.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses() {
        assert_eq!(check("10.0.0.0/8", Family::V4), Ok(()));
        assert_eq!(check("10.0.0.1", Family::V4), Ok(()));
        assert_eq!(check("all", Family::V6), Ok(()));
        assert_eq!(check("2400:da00::/32", Family::V6), Ok(()));
        assert_eq!(check("2400:da00::/32", Family::V4), Err(AddrError::FamilyMismatch));
        assert_eq!(check("10.0.0.0/33", Family::V4), Err(AddrError::Invalid));
        assert_eq!(check("10.0.0", Family::V4), Err(AddrError::Invalid));
        assert_eq!(check("any", Family::V4), Err(AddrError::Invalid));
        assert_eq!(canonical("10.0.0.1", Family::V4), canonical("10.0.0.1/32", Family::V4));
        assert_eq!(canonical("", Family::V4), canonical("0.0.0.0/0", Family::V4));
        assert_eq!(canonical("all", Family::V6), canonical("::/0", Family::V6));
        assert_ne!(canonical("", Family::V4), canonical("", Family::V6), "IPv4 and IPv6 everything differ");
    }
}
