//! The impact of a change (#31): for each target (an instance, a card, a Huawei group
//! standing for its members), the connections it accepts after the change and did not
//! before, and those it no longer accepts — judged by the same evaluator as "test a
//! connection" (`evaluate_by`: each cloud's order, deny winning a tie, what an unknown
//! match leaves open), so the pages and the evaluator cannot disagree.
//!
//! How: a connection is a point in (direction, family, protocol, port, source port,
//! remote). The rules of a target cut each axis into intervals on which every rule is
//! constant, so one point per cell (the cell's first) stands for the whole cell. Only the
//! cells that a changed rule touches can change their verdict — a connection that no
//! changed rule matches meets the same rules before and after — so only those are judged,
//! before and after; the cells whose verdict differs are merged back into flows
//! ("tcp 3306 from 10.0.1.0/24").
//!
//! The remote axis holds addresses (intervals of the family's space) and, as points of
//! their own, "a member of group g" and "an address of set s", whose addresses are not
//! given: for those a rule naming an address is unknown. A flow whose verdict hinges on
//! something unknown (a member's address, an enterprise rule's local address) is marked
//! not certain. CHOICE: member flows are judged where a rule names the group (or everyone),
//! not where a rule names addresses they may hold; an address flow is from an address that
//! belongs to no named group.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::net::IpAddr;

use super::cells::{
    from_u128, judge, named_protocols, other_protocol, port_axis, port_cells, space_end, space_start, to_u128, Point, RemoteCell, Remotes,
};
use super::estate::Estate;
use super::rule::{Protocol, Rule};
use super::Semantics;
use crate::validate::address::Family;
use crate::Direction;

/// Who is on the other end of a flow.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Peer {
    /// Addresses of the family, as inclusive ranges (lowest first); one range covering the
    /// whole space is "anywhere".
    Addresses(Vec<(IpAddr, IpAddr)>),
    /// The members of a security group.
    Members(String),
    /// The addresses of an address set or group the evaluator is not given.
    AddressSet(String),
}

impl Peer {
    /// Whether this is every address of `family`.
    pub fn is_anywhere(&self, family: Family) -> bool {
        match self {
            Peer::Addresses(r) => r.len() == 1 && r[0] == (space_start(family), space_end(family)),
            _ => false,
        }
    }
}

/// Connections a change lets in or shuts out, for one target.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Flow {
    pub direction: Direction,
    pub family: Family,
    /// `None`: the protocols no rule of the target names ("other protocols").
    pub protocol: Option<Protocol>,
    /// Destination ports (tcp and udp); empty for a protocol without ports.
    pub ports: Vec<(u16, u16)>,
    pub peer: Peer,
    /// False when the verdict hinges on what the evaluator is not told.
    pub certain: bool,
}

impl Flow {
    /// Every port (of a port protocol).
    pub fn all_ports(&self) -> bool {
        self.ports == [(1, 65535)]
    }
}

/// What a change does to one target.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TargetImpact {
    pub target: usize,
    pub gained: Vec<Flow>,
    pub lost: Vec<Flow>,
}

/// Targets that a change affects alike, for a summary that groups them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Effect {
    pub targets: Vec<usize>,
    pub gained: Vec<Flow>,
    pub lost: Vec<Flow>,
}

/// The impact of going from `before` to `after`: both hold the same targets (by index);
/// `after` may hold more groups (a group created). Targets with no change are left out.
pub fn impact(before: &Estate, after: &Estate) -> Vec<TargetImpact> {
    // Targets whose pooled rules are the same on both sides share one computation.
    let mut done: HashMap<(Vec<usize>, Vec<usize>), Moves> = HashMap::new();
    // A target whose groups are the same and unchanged is skipped without reading its rules.
    let moved: Vec<bool> = (0..before.groups.len().max(after.groups.len())).map(|g| before.groups.get(g) != after.groups.get(g)).collect();
    let moved = |g: usize| moved.get(g).copied().unwrap_or(true);
    let mut out = Vec::new();
    for t in 0..before.targets.len().min(after.targets.len()) {
        let (was, is) = (&before.targets[t].groups, &after.targets[t].groups);
        if was == is && !was.iter().any(|&g| moved(g)) {
            continue;
        }
        let key = (was.clone(), is.clone());
        let (gained, lost) = done
            .entry(key)
            .or_insert_with(|| {
                let (b, _, bs) = before.pool(t);
                let (a, _, as_) = after.pool(t);
                flows(&b, bs, &a, as_)
            })
            .clone();
        if !gained.is_empty() || !lost.is_empty() {
            out.push(TargetImpact { target: t, gained, lost });
        }
    }
    out
}

/// Targets with the same gains and losses, together (in target order).
pub fn effects(impacts: &[TargetImpact]) -> Vec<Effect> {
    let mut out: Vec<Effect> = Vec::new();
    for i in impacts {
        match out.iter_mut().find(|e| e.gained == i.gained && e.lost == i.lost) {
            Some(e) => e.targets.push(i.target),
            None => out.push(Effect { targets: vec![i.target], gained: i.gained.clone(), lost: i.lost.clone() }),
        }
    }
    out
}

/// A target's gains and losses.
type Moves = (Vec<Flow>, Vec<Flow>);
/// A cell: protocol (`None`: the others), port interval, remote.
type CellKey = (Option<u8>, Option<(u16, u16)>, RemoteCell);
/// Cells whose verdict moves: gained (else lost), and certain.
type Cells = BTreeMap<CellKey, (bool, bool)>;
/// (gained, certain, protocol, remote) → port ranges.
type ByRemote = BTreeMap<(bool, bool, Option<u8>, RemoteCell), Vec<(u16, u16)>>;
/// (gained, certain, protocol, ports) → address ranges and member/set peers.
type ByPorts = BTreeMap<(bool, bool, Option<u8>, Vec<(u16, u16)>), (Vec<(u128, u128)>, Vec<Peer>)>;

/// Rules of both sides that differ (as multisets): only where they match can a verdict move.
fn changed(before: &[Rule], after: &[Rule]) -> Vec<Rule> {
    let mut left: Vec<&Rule> = after.iter().collect();
    let mut out = Vec::new();
    for r in before {
        match left.iter().position(|x| *x == r) {
            Some(i) => {
                left.swap_remove(i);
            }
            None => out.push(r.clone()),
        }
    }
    out.extend(left.into_iter().cloned());
    out
}

/// The verdict's outcome on one cell: allowed, and whether that is certain.
type Outcome = (bool, bool);

fn flows(before: &[Rule], bs: Semantics, after: &[Rule], as_: Semantics) -> Moves {
    let mut moved: Vec<Rule> = if bs == as_ { changed(before, after) } else { before.iter().chain(after).cloned().collect() };
    moved.retain(|r| r.enabled);
    let (mut gained, mut lost) = (Vec::new(), Vec::new());
    for direction in Direction::ALL {
        for family in [Family::V4, Family::V6] {
            let here = |r: &&Rule| r.direction == direction && r.family == family;
            let touched: Vec<&Rule> = moved.iter().filter(here).collect();
            if touched.is_empty() {
                continue;
            }
            let all: Vec<&Rule> = before.iter().chain(after).filter(here).collect();
            let (g, l) = flows_in(direction, family, &all, &touched, (before, bs), (after, as_));
            gained.extend(g);
            lost.extend(l);
        }
    }
    (gained, lost)
}

fn flows_in(
    direction: Direction,
    family: Family,
    all: &[&Rule],
    touched: &[&Rule],
    (before, bs): (&[Rule], Semantics),
    (after, as_): (&[Rule], Semantics),
) -> (Vec<Flow>, Vec<Flow>) {
    let named = named_protocols(all);
    let other = other_protocol(&named);
    // The protocols a touched rule reaches: its own, or every one (named, and the rest).
    let mut protocols: BTreeSet<Option<u8>> = BTreeSet::new();
    for r in touched {
        match r.protocol {
            Some(p) => {
                protocols.insert(Some(p.number()));
            }
            None => {
                protocols.extend(named.iter().map(|&n| Some(n)));
                protocols.insert(None);
            }
        }
    }
    let remotes = Remotes::new(family, all, &[]);

    // (protocol, port interval, remote) → gained or lost, and certain.
    let mut cells: Cells = BTreeMap::new();
    for proto in protocols {
        let p = proto.map_or(other, Protocol::from_number);
        let relevant: Vec<&Rule> = all.iter().copied().filter(|r| r.protocol.is_none_or(|x| x.number() == p.number())).collect();
        let on_proto: Vec<&&Rule> = touched.iter().filter(|r| r.protocol.is_none_or(|x| x.number() == p.number())).collect();
        if on_proto.is_empty() {
            continue;
        }
        let ports = p.has_ports().then(|| port_axis(relevant.iter().map(|r| &r.ports)));
        let sports = (p.has_ports() && relevant.iter().any(|r| !r.source_ports.is_all()))
            .then(|| port_axis(relevant.iter().map(|r| &r.source_ports)));
        let mut todo: BTreeSet<(Option<usize>, Option<usize>, RemoteCell)> = BTreeSet::new();
        for r in on_proto {
            let port_cells_r = port_cells(ports.as_ref(), &r.ports);
            let sport_cells_r = port_cells(sports.as_ref(), &r.source_ports);
            let remote_cells = remotes.of(r);
            for &pc in &port_cells_r {
                for &sc in &sport_cells_r {
                    for &rc in &remote_cells {
                        todo.insert((pc, sc, rc));
                    }
                }
            }
        }
        for (pc, sc, rc) in todo {
            let point = Point {
                direction,
                protocol: p,
                port: pc.map(|i| ports.as_ref().map_or(0, |ax| ax.bounds(i).0 as u16)),
                source_port: sc.map(|i| sports.as_ref().map_or(0, |ax| ax.bounds(i).0 as u16)),
                remote: rc,
            };
            let outcome = |rules: &[Rule], semantics: Semantics| -> Outcome {
                let v = judge(rules, semantics, &remotes, &point);
                (v.allowed, v.unresolved.is_empty())
            };
            let (was, was_sure) = outcome(before, bs);
            let (is, is_sure) = outcome(after, as_);
            if was != is {
                let port_range = pc.and_then(|i| ports.as_ref().map(|ax| ax.bounds(i))).map(|(a, b)| (a as u16, b as u16));
                let slot = cells.entry((proto, port_range, rc)).or_insert((is, true));
                slot.1 &= was_sure && is_sure;
            }
        }
    }
    merge(direction, family, &cells, &remotes)
}

/// Cells back into flows: ports merged per (protocol, remote), then remotes merged per
/// (protocol, ports). A member flow that an "anywhere" flow of the same kind already says
/// is left out.
fn merge(direction: Direction, family: Family, cells: &Cells, remotes: &Remotes<'_>) -> Moves {
    // (gained, certain, protocol, remote) → port ranges.
    let mut by_remote: ByRemote = BTreeMap::new();
    for (&(proto, ports, rc), &(gained, certain)) in cells {
        let entry = by_remote.entry((gained, certain, proto, rc)).or_default();
        if let Some(r) = ports {
            entry.push(r);
        }
    }
    // (gained, certain, protocol, ports) → address ranges, and the tokens.
    let mut by_ports: ByPorts = BTreeMap::new();
    for ((gained, certain, proto, rc), ports) in by_remote {
        let entry = by_ports.entry((gained, certain, proto, join(ports))).or_default();
        match rc {
            RemoteCell::Addr(i) => entry.0.push(remotes.addrs.bounds(i)),
            RemoteCell::Member(g) => entry.1.push(Peer::Members(remotes.groups[g].to_owned())),
            RemoteCell::InSet(s) => entry.1.push(Peer::AddressSet(remotes.sets[s].to_owned())),
        }
    }
    let (mut gained, mut lost) = (Vec::new(), Vec::new());
    for ((is_gain, certain, proto, ports), (ranges, tokens)) in by_ports {
        let protocol = proto.map(Protocol::from_number);
        let flow = |peer: Peer| Flow { direction, family, protocol, ports: ports.clone(), peer, certain };
        let mut out = Vec::new();
        let merged = join(ranges);
        let anywhere = merged == [(to_u128(space_start(family)), to_u128(space_end(family)))];
        if !merged.is_empty() {
            out.push(flow(Peer::Addresses(merged.into_iter().map(|(a, b)| (from_u128(family, a), from_u128(family, b))).collect())));
        }
        if !anywhere {
            out.extend(tokens.into_iter().map(flow));
        }
        if is_gain { &mut gained } else { &mut lost }.extend(out);
    }
    (gained, lost)
}

/// Inclusive ranges sorted and joined where they touch.
fn join<T: Copy + Ord + Into<u128> + TryFrom<u128>>(mut ranges: Vec<(T, T)>) -> Vec<(T, T)> {
    ranges.sort();
    let mut out: Vec<(T, T)> = Vec::new();
    for (a, b) in ranges {
        match out.last_mut() {
            Some(last) if last.1.into() + 1 >= a.into() => {
                if b > last.1 {
                    last.1 = b;
                }
            }
            _ => out.push((a, b)),
        }
    }
    out
}

/// The smallest list of CIDR blocks covering exactly `[lo, hi]`: how a flow's addresses are
/// written.
pub fn cidrs(lo: IpAddr, hi: IpAddr) -> Vec<ipnet::IpNet> {
    let family = if lo.is_ipv4() { Family::V4 } else { Family::V6 };
    let bits: u32 = if family == Family::V4 { 32 } else { 128 };
    let (mut a, b) = (to_u128(lo), to_u128(hi));
    let mut out = Vec::new();
    while a <= b {
        // The largest block that starts at `a` and stays within `b`: `size` host bits.
        let fits = |size: u32| {
            if size >= 128 {
                a == 0 && b == u128::MAX
            } else {
                a.checked_add((1u128 << size) - 1).is_some_and(|end| end <= b)
            }
        };
        let mut size = if a == 0 { bits } else { a.trailing_zeros().min(bits) };
        while size > 0 && !fits(size) {
            size -= 1;
        }
        let net = ipnet::IpNet::new(from_u128(family, a), (bits - size) as u8).expect("a prefix within the family");
        out.push(net);
        let end = if size >= 128 { u128::MAX } else { a + ((1u128 << size) - 1) };
        if end >= b {
            break;
        }
        a = end + 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use std::net::Ipv6Addr;

    use super::*;

    #[test]
    fn ranges_become_cidrs() {
        let v4 = |s: &str| s.parse::<IpAddr>().unwrap();
        let shown = |lo, hi| cidrs(v4(lo), v4(hi)).iter().map(ToString::to_string).collect::<Vec<_>>();
        assert_eq!(shown("10.0.1.0", "10.0.1.255"), ["10.0.1.0/24"]);
        assert_eq!(shown("0.0.0.0", "255.255.255.255"), ["0.0.0.0/0"]);
        assert_eq!(shown("10.0.0.1", "10.0.0.6"), ["10.0.0.1/32", "10.0.0.2/31", "10.0.0.4/31", "10.0.0.6/32"]);
        assert_eq!(cidrs("::".parse().unwrap(), Ipv6Addr::from(u128::MAX).into()).len(), 1);
    }
}
