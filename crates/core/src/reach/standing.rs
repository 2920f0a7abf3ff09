//! Whether a rule ever takes effect (#31): a rule whose every connection is decided the
//! other way by rules read before it "never applies" — an allow under a deny of the same
//! priority (deny wins a tie), or under a broader deny read first. The rule tables mark
//! it, and the exposure figures do not count it, so the pages say what "test a
//! connection" says.
//!
//! How: the rule's own connections are cut into cells on which every rule of the pool is
//! constant (`cells`), and each cell is judged by the evaluator. The rule applies if some
//! cell goes its way (or might: a verdict that hinges on something unknown). A rule that
//! nothing of the other action precedes applies without that work.
//!
//! CHOICE: under Baidu regular groups' semantics (allow-only, every allow applies) no rule
//! is marked: an allow that another allow already covers still allows, and is not dead.

use super::cells::{judge, named_protocols, other_protocol, port_axis, port_cells, Point, RemoteCell, Remotes};
use super::exposure::{is_internet, is_internet_addr, private};
use super::rule::{Action, Protocol, Remote, Rule};
use super::Semantics;

/// How a rule fares in its pool.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Standing {
    /// Some connection it matches goes its way (or may).
    Applies,
    /// None does: `winner` decides them (the rule read first where it matches); `None`
    /// when the rule matches nothing in scope (or is disabled).
    Never { winner: Option<usize> },
}

/// Which of a rule's connections count.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Scope {
    /// Only connections from (ingress) or to (egress) internet addresses.
    pub internet: bool,
    /// Only connections to this port (tcp and udp).
    pub port: Option<u16>,
}

impl Scope {
    pub const ALL: Scope = Scope { internet: false, port: None };
    pub const INTERNET: Scope = Scope { internet: true, port: None };
}

/// The standing of every rule of a group (`None`: a rule the evaluator cannot read, which
/// applies as far as this can say), in the group's order.
pub fn standings(rules: &[Option<Rule>], semantics: Semantics) -> Vec<Standing> {
    let (index, pool): (Vec<usize>, Vec<Rule>) = rules.iter().enumerate().filter_map(|(i, r)| r.clone().map(|r| (i, r))).unzip();
    let mut out = vec![Standing::Applies; rules.len()];
    for (k, &i) in index.iter().enumerate() {
        out[i] = match standing(&pool, semantics, k, Scope::ALL) {
            Standing::Never { winner } => Standing::Never { winner: winner.map(|w| index[w]) },
            s => s,
        };
    }
    out
}

/// Whether `rules[r]` takes effect on some connection within `scope`, the pool read with
/// `semantics` (every rule of a target's groups, or one group's).
pub fn standing(rules: &[Rule], semantics: Semantics, r: usize, scope: Scope) -> Standing {
    let Some(rule) = rules.get(r) else { return Standing::Never { winner: None } };
    if !rule.enabled {
        return Standing::Never { winner: None };
    }
    if scope.port.is_some_and(|p| !rule.covers_port(p)) {
        return Standing::Never { winner: None };
    }
    // Regular groups hold no deny (one that slipped in is ignored by the evaluator).
    if semantics == Semantics::AnyAllow && rule.action == Action::Deny {
        return Standing::Never { winner: None };
    }
    // Only a rule of the other action read first can take a rule's connections away;
    // without one, each connection it matches goes its way (it, or a rule of its action
    // read first, decides), so it applies wherever it matches in scope.
    let before = |x: &Rule| x.priority < rule.priority || (x.priority == rule.priority && x.action == Action::Deny);
    let rivals = semantics == Semantics::Priority
        && rules.iter().enumerate().any(|(j, x)| {
            j != r && x.enabled && x.action != rule.action && x.direction == rule.direction && x.family == rule.family && before(x)
        });
    if !rivals {
        let in_scope = match &rule.remote {
            Remote::Any => true,
            Remote::Net(n) => !scope.internet || is_internet(n),
            Remote::Group(_) | Remote::AddressSet(_) => !scope.internet,
            Remote::Invalid => false,
        };
        return if in_scope { Standing::Applies } else { Standing::Never { winner: None } };
    }
    covered_cells(rules, semantics, r, scope)
}

/// The judging itself: every cell of the rule's connections in scope, until one goes its way.
fn covered_cells(rules: &[Rule], semantics: Semantics, r: usize, scope: Scope) -> Standing {
    let rule = &rules[r];
    let pool: Vec<&Rule> = rules.iter().filter(|x| x.direction == rule.direction && x.family == rule.family).collect();
    let named = named_protocols(&pool);
    let protocols: Vec<Protocol> = match rule.protocol {
        Some(p) => vec![p],
        None => named.iter().map(|&n| Protocol::from_number(n)).chain([other_protocol(&named)]).collect(),
    };
    let blocks = if scope.internet { private().to_vec() } else { Vec::new() };
    let remotes = Remotes::new(rule.family, &pool, &blocks);
    let remote_cells: Vec<RemoteCell> = remotes
        .of(rule)
        .into_iter()
        // An internet connection comes from an address: cells of group members and of
        // address sets are not counted (as `Rule::open_to_internet` does not).
        .filter(|c| !scope.internet || matches!(c, RemoteCell::Addr(i) if is_internet_addr(remotes.addr(*i))))
        .collect();
    let mut winner = None;
    for p in protocols {
        if scope.port.is_some() && !p.has_ports() {
            continue;
        }
        let relevant: Vec<&Rule> = pool.iter().copied().filter(|x| x.protocol.is_none_or(|y| y.number() == p.number())).collect();
        let ports = p.has_ports().then(|| port_axis(relevant.iter().map(|x| &x.ports)));
        let sports = (p.has_ports() && relevant.iter().any(|x| !x.source_ports.is_all()))
            .then(|| port_axis(relevant.iter().map(|x| &x.source_ports)));
        let port_points: Vec<Option<u16>> = match scope.port {
            Some(port) => vec![Some(port)],
            None => port_cells(ports.as_ref(), &rule.ports).into_iter().map(|c| c.map(|i| start(ports.as_ref(), i))).collect(),
        };
        let sport_points: Vec<Option<u16>> =
            port_cells(sports.as_ref(), &rule.source_ports).into_iter().map(|c| c.map(|i| start(sports.as_ref(), i))).collect();
        for &port in &port_points {
            for &source_port in &sport_points {
                for &remote in &remote_cells {
                    let point = Point { direction: rule.direction, protocol: p, port, source_port, remote };
                    let v = judge(rules, semantics, &remotes, &point);
                    let sure = v.unresolved.is_empty();
                    let its_way = match rule.action {
                        Action::Allow => v.allowed || !sure,
                        Action::Deny => !v.allowed || !sure,
                    };
                    if its_way {
                        return Standing::Applies;
                    }
                    winner = winner.or(v.decided_by);
                }
            }
        }
    }
    Standing::Never { winner }
}

fn start(axis: Option<&super::cells::Axis>, i: usize) -> u16 {
    axis.map_or(0, |ax| ax.bounds(i).0 as u16)
}
