//! The connection space cut into cells on which every rule of a pool is constant: one
//! point per cell (its first) stands for the whole cell, so a question over every
//! connection is a question over finitely many. Shared by the impact of a change and a
//! rule's standing.
//!
//! The remote axis holds addresses (intervals of the family's space) and, as points of
//! their own, "a member of group g" and "an address of set s", whose addresses are not
//! given: for those a rule naming an address is unknown.

use std::collections::BTreeSet;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use super::ports::PortSet;
use super::rule::{Protocol, Remote, Rule};
use super::{evaluate, evaluate_by, matches_with, Connection, Match, Semantics, Verdict};
use crate::validate::address::Family;
use crate::Direction;

pub(super) fn space_start(f: Family) -> IpAddr {
    match f {
        Family::V4 => IpAddr::V4(Ipv4Addr::UNSPECIFIED),
        Family::V6 => IpAddr::V6(Ipv6Addr::UNSPECIFIED),
    }
}

pub(super) fn space_end(f: Family) -> IpAddr {
    match f {
        Family::V4 => IpAddr::V4(Ipv4Addr::BROADCAST),
        Family::V6 => IpAddr::V6(Ipv6Addr::from(u128::MAX)),
    }
}

pub(super) fn to_u128(a: IpAddr) -> u128 {
    match a {
        IpAddr::V4(v) => u128::from(u32::from(v)),
        IpAddr::V6(v) => u128::from(v),
    }
}

pub(super) fn from_u128(f: Family, n: u128) -> IpAddr {
    match f {
        Family::V4 => IpAddr::V4(Ipv4Addr::from(n as u32)),
        Family::V6 => IpAddr::V6(Ipv6Addr::from(n)),
    }
}

/// An axis cut into intervals: `starts` sorted, the first the axis's start; interval `i` runs
/// to the next start (or the axis's end).
pub(super) struct Axis {
    pub starts: Vec<u128>,
    end: u128,
}

impl Axis {
    pub fn new(start: u128, end: u128, cuts: impl IntoIterator<Item = u128>) -> Axis {
        let mut starts: BTreeSet<u128> = cuts.into_iter().filter(|&c| c > start && c <= end).collect();
        starts.insert(start);
        Axis { starts: starts.into_iter().collect(), end }
    }

    pub fn bounds(&self, i: usize) -> (u128, u128) {
        (self.starts[i], self.starts.get(i + 1).map_or(self.end, |n| n - 1))
    }

    /// The intervals inside `[lo, hi]` (cut there, so wholly inside or outside).
    pub fn within(&self, lo: u128, hi: u128) -> impl Iterator<Item = usize> + '_ {
        let first = self.starts.partition_point(|&s| s < lo);
        (first..self.starts.len()).take_while(move |&i| self.starts[i] <= hi)
    }
}

/// The port axis of `sets` (1–65535), cut at each set's ranges.
pub(super) fn port_axis<'a>(sets: impl Iterator<Item = &'a PortSet>) -> Axis {
    let mut cuts = Vec::new();
    for s in sets {
        if let PortSet::Ranges(r) = s {
            for &(a, b) in r {
                cuts.push(u128::from(a));
                cuts.push(u128::from(b) + 1);
            }
        }
    }
    Axis::new(1, 65535, cuts)
}

pub(super) fn port_ranges(s: &PortSet) -> Vec<(u128, u128)> {
    match s {
        PortSet::All => vec![(1, 65535)],
        PortSet::Ranges(r) => r.iter().map(|&(a, b)| (u128::from(a), u128::from(b))).collect(),
    }
}

/// The cells of `axis` a port set covers (`None` when the protocol has no ports).
pub(super) fn port_cells(axis: Option<&Axis>, set: &PortSet) -> Vec<Option<usize>> {
    match axis {
        Some(ax) => port_ranges(set).iter().flat_map(|&(a, b)| ax.within(a, b).map(Some).collect::<Vec<_>>()).collect(),
        None => vec![None],
    }
}

/// A point of the remote axis.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(super) enum RemoteCell {
    Addr(usize),
    Member(usize),
    InSet(usize),
}

/// The remote axis of a pool of rules of one direction and family.
pub(super) struct Remotes<'a> {
    pub family: Family,
    pub addrs: Axis,
    pub groups: Vec<&'a str>,
    pub sets: Vec<&'a str>,
}

impl<'a> Remotes<'a> {
    /// Addresses cut at every rule's networks (and at `extra` blocks); the named groups and sets.
    pub fn new(family: Family, rules: &[&'a Rule], extra: &[ipnet::IpNet]) -> Remotes<'a> {
        let (lo, hi) = (to_u128(space_start(family)), to_u128(space_end(family)));
        let mut cuts = Vec::new();
        let (mut groups, mut sets): (BTreeSet<&str>, BTreeSet<&str>) = (BTreeSet::new(), BTreeSet::new());
        let mut cut = |n: &ipnet::IpNet| {
            cuts.push(to_u128(n.network()));
            cuts.push(to_u128(n.broadcast()).saturating_add(1));
        };
        for n in extra.iter().filter(|n| (family == Family::V4) == n.network().is_ipv4()) {
            cut(n);
        }
        for r in rules {
            match &r.remote {
                Remote::Net(n) => cut(n),
                Remote::Group(g) => {
                    groups.insert(g);
                }
                Remote::AddressSet(s) => {
                    sets.insert(s);
                }
                Remote::Any | Remote::Invalid => {}
            }
        }
        Remotes { family, addrs: Axis::new(lo, hi, cuts), groups: groups.into_iter().collect(), sets: sets.into_iter().collect() }
    }

    /// The remote cells a rule covers.
    pub fn of(&self, r: &Rule) -> Vec<RemoteCell> {
        match &r.remote {
            Remote::Any => (0..self.addrs.starts.len())
                .map(RemoteCell::Addr)
                .chain((0..self.groups.len()).map(RemoteCell::Member))
                .chain((0..self.sets.len()).map(RemoteCell::InSet))
                .collect(),
            Remote::Net(n) => self.addrs.within(to_u128(n.network()), to_u128(n.broadcast())).map(RemoteCell::Addr).collect(),
            Remote::Group(g) => self.groups.iter().position(|x| x == g).map(RemoteCell::Member).into_iter().collect(),
            Remote::AddressSet(s) => self.sets.iter().position(|x| x == s).map(RemoteCell::InSet).into_iter().collect(),
            Remote::Invalid => Vec::new(),
        }
    }

    /// The first address of an address cell.
    pub fn addr(&self, i: usize) -> IpAddr {
        from_u128(self.family, self.addrs.bounds(i).0)
    }
}

/// A cell's point: what the evaluator is asked.
pub(super) struct Point {
    pub direction: Direction,
    pub protocol: Protocol,
    pub port: Option<u16>,
    pub source_port: Option<u16>,
    pub remote: RemoteCell,
}

/// The verdict of `rules` on a cell's point.
pub(super) fn judge(rules: &[Rule], semantics: Semantics, remotes: &Remotes<'_>, p: &Point) -> Verdict {
    let c = Connection {
        direction: p.direction,
        protocol: p.protocol,
        port: p.port,
        source_port: p.source_port,
        remote: match p.remote {
            RemoteCell::Addr(i) => remotes.addr(i),
            _ => space_start(remotes.family),
        },
        local: None,
        remote_groups: Some(Vec::new()),
    };
    match p.remote {
        RemoteCell::Addr(_) => evaluate(rules, semantics, &c),
        RemoteCell::Member(g) => evaluate_by(rules, semantics, |rule| {
            matches_with(rule, &c, |remote| match remote {
                Remote::Any => Match::Yes,
                Remote::Group(x) if x == remotes.groups[g] => Match::Yes,
                Remote::Group(_) | Remote::Invalid => Match::No,
                Remote::Net(_) | Remote::AddressSet(_) => Match::Unknown,
            })
        }),
        RemoteCell::InSet(s) => evaluate_by(rules, semantics, |rule| {
            matches_with(rule, &c, |remote| match remote {
                Remote::Any => Match::Yes,
                Remote::AddressSet(x) if x == remotes.sets[s] => Match::Yes,
                Remote::Invalid => Match::No,
                _ => Match::Unknown,
            })
        }),
    }
}

/// A protocol number no rule names, standing for "the other protocols".
pub(super) fn other_protocol(named: &BTreeSet<u8>) -> Protocol {
    let n = (0..=255u8).rev().find(|n| !named.contains(n) && ![1, 6, 17, 58].contains(n)).unwrap_or(253);
    Protocol::Number(n)
}

/// The protocols of a pool: each one a rule names, with tcp and udp always standing alone
/// (a rule of every protocol may name ports, which only they have, so "the other
/// protocols" are portless).
pub(super) fn named_protocols(rules: &[&Rule]) -> BTreeSet<u8> {
    rules.iter().filter_map(|r| r.protocol.map(Protocol::number)).chain([6, 17]).collect()
}
