//! Traffic direction, and which side of a rule holds its remote address for it: the one
//! definition every rule type, form and table uses instead of `"ingress"` literals.

use serde::{Deserialize, Serialize};

use crate::bce::esg::EsgRule;
use crate::bce::security_group::SecurityGroupRule;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    Ingress,
    Egress,
}

impl Direction {
    pub const ALL: [Direction; 2] = [Direction::Ingress, Direction::Egress];

    /// The wire value (`ingress` / `egress`), the same in both clouds.
    pub const fn as_str(self) -> &'static str {
        match self {
            Direction::Ingress => "ingress",
            Direction::Egress => "egress",
        }
    }

    /// The exact wire value; anything else (including other case) is `None`.
    pub fn parse(s: &str) -> Option<Direction> {
        match s {
            "ingress" => Some(Direction::Ingress),
            "egress" => Some(Direction::Egress),
            _ => None,
        }
    }

    /// Parses an optional wire field.
    pub fn of(field: &Option<String>) -> Option<Direction> {
        field.as_deref().and_then(|s| Direction::parse(s.trim()))
    }
}

/// Which of a rule's two sides is the remote one. Ingress: the source; egress: the
/// destination.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    Source,
    Dest,
}

impl Side {
    /// The remote side for `direction`; no direction reads as ingress, as the clouds'
    /// default forms do.
    pub fn remote(direction: Option<Direction>) -> Side {
        match direction {
            Some(Direction::Egress) => Side::Dest,
            _ => Side::Source,
        }
    }
}

impl SecurityGroupRule {
    pub fn direction(&self) -> Option<Direction> {
        Direction::of(&self.direction)
    }

    /// The remote address and remote group fields for this rule's direction.
    pub fn remote(&self) -> (&Option<String>, &Option<String>) {
        match Side::remote(self.direction()) {
            Side::Source => (&self.source_ip, &self.source_group_id),
            Side::Dest => (&self.dest_ip, &self.dest_group_id),
        }
    }

    /// The same fields on the other side, which a valid rule leaves empty.
    pub fn local(&self) -> (&Option<String>, &Option<String>) {
        match Side::remote(self.direction()) {
            Side::Source => (&self.dest_ip, &self.dest_group_id),
            Side::Dest => (&self.source_ip, &self.source_group_id),
        }
    }

    /// Sets the remote address (and clears both fields of the other side).
    pub fn set_remote(&mut self, ip: Option<String>, group: Option<String>) {
        let (source, dest) = match Side::remote(self.direction()) {
            Side::Source => ((ip, group), (None, None)),
            Side::Dest => ((None, None), (ip, group)),
        };
        (self.source_ip, self.source_group_id) = source;
        (self.dest_ip, self.dest_group_id) = dest;
    }
}

impl EsgRule {
    pub fn direction(&self) -> Option<Direction> {
        Direction::of(&self.direction)
    }

    /// The remote address field for this rule's direction.
    pub fn remote_ip(&self) -> &Option<String> {
        match Side::remote(self.direction()) {
            Side::Source => &self.source_ip,
            Side::Dest => &self.dest_ip,
        }
    }

    /// Sets the remote address on this rule's direction's side, and clears the other.
    pub fn set_remote_ip(&mut self, ip: Option<String>) {
        (self.source_ip, self.dest_ip) = match Side::remote(self.direction()) {
            Side::Source => (ip, None),
            Side::Dest => (None, ip),
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wire_values_round_trip() {
        for d in Direction::ALL {
            assert_eq!(Direction::parse(d.as_str()), Some(d));
            assert_eq!(serde_json::to_string(&d).unwrap(), format!("\"{}\"", d.as_str()));
        }
        assert_eq!(Direction::parse("Ingress"), None);
    }

    #[test]
    fn the_remote_side_follows_the_direction() {
        let mut r = SecurityGroupRule { direction: Some("egress".into()), dest_ip: Some("10.0.0.0/8".into()), ..Default::default() };
        assert_eq!(r.remote().0.as_deref(), Some("10.0.0.0/8"));
        r.direction = Some("ingress".into());
        assert_eq!(r.remote().0, &None);
        assert_eq!(r.local().0.as_deref(), Some("10.0.0.0/8"));
        r.set_remote(Some("1.2.3.4".into()), None);
        assert_eq!((r.source_ip.as_deref(), r.dest_ip.as_deref()), (Some("1.2.3.4"), None));
    }
}
