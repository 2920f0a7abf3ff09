//! The exposure view's questions over a large estate — 2,000 groups of 50 rules and
//! 5,000 instances — in the browser: correct against counts made by construction, and
//! how long each takes (printed for the README, not asserted).

use palisade_console::estate::exposure::{ExposureData, Lists};
use palisade_core::bce::instance::{Instance, NicInfo};
use palisade_core::bce::security_group::{SecurityGroup, SecurityGroupRule};
use palisade_core::reach::{Connection, Protocol};
use palisade_core::Direction;
use wasm_bindgen_test::{console_log, wasm_bindgen_test};

const GROUPS: usize = 2000;
const RULES: usize = 50;
const INSTANCES: usize = 5000;

/// Group `g` opens SSH to the internet when `g % 100 == 0`; every group opens its own
/// web ports to the office and a few ports inside the VPC.
fn group(g: usize) -> SecurityGroup {
    let rules = (0..RULES)
        .map(|i| {
            let (port, source) = match i {
                0 if g.is_multiple_of(100) => ("22".to_owned(), "0.0.0.0/0".to_owned()),
                0 => ("22".to_owned(), "10.0.0.0/8".to_owned()),
                1 => ("443".to_owned(), "203.0.113.0/24".to_owned()),
                _ => (format!("{}", 10000 + i), format!("192.168.{}.0/24", i)),
            };
            SecurityGroupRule {
                direction: Some("ingress".into()),
                ethertype: Some("IPv4".into()),
                protocol: Some("tcp".into()),
                port_range: Some(port),
                source_ip: Some(source),
                security_group_rule_id: Some(format!("r-{g}-{i}")),
                ..Default::default()
            }
        })
        .collect();
    SecurityGroup { id: format!("g-{g:05}"), name: format!("group-{g}"), rules, ..Default::default() }
}

fn bound(i: usize) -> [usize; 3] {
    [i % GROUPS, (i * 7 + 3) % GROUPS, (i * 13 + 5) % GROUPS]
}

fn now() -> f64 {
    web_sys::window().unwrap().performance().unwrap().now()
}

#[wasm_bindgen_test]
fn a_large_estate_answers_who_accepts_ssh_from_the_internet() {
    let groups: Vec<SecurityGroup> = (0..GROUPS).map(group).collect();
    let instances: Vec<Instance> = (0..INSTANCES)
        .map(|i| Instance {
            id: format!("i-{i:05}"),
            name: format!("vm-{i}"),
            nic_info: NicInfo { security_groups: bound(i).iter().map(|g| format!("g-{g:05}")).collect(), ..Default::default() },
            ..Default::default()
        })
        .collect();
    // By construction: instances with a bound group whose number is a multiple of 100.
    let expected = (0..INSTANCES).filter(|&i| bound(i).iter().any(|g| g.is_multiple_of(100))).count();

    let t0 = now();
    let data = ExposureData::build(&Lists { bce_groups: &groups, instances: &instances, ..Default::default() });
    let built = now() - t0;
    let t1 = now();
    let open = data.estate.open_rules();
    let listed = now() - t1;
    let t2 = now();
    let by_port = data.estate.by_sensitive_port(&open);
    let summed = now() - t2;
    let ssh = Connection {
        direction: Direction::Ingress,
        protocol: Protocol::Tcp,
        port: Some(22),
        source_port: None,
        remote: "198.51.100.7".parse().unwrap(),
        local: None,
        remote_groups: None,
    };
    let t3 = now();
    let accepting = data.estate.who_accepts(&ssh);
    let asked = now() - t3;

    // 20 SSH rules to the world and 2,000 office HTTPS rules are open; nothing else.
    assert_eq!(open.len(), GROUPS / 100 + GROUPS);
    assert!(data.line(open[0]).contains(" 22 "), "SSH comes first");
    let ssh_line = by_port.iter().find(|p| p.port == 22).expect("22 is exposed");
    assert_eq!((ssh_line.rules, ssh_line.targets), (GROUPS / 100, expected));
    assert_eq!(accepting.len(), expected);
    // From the office, HTTPS reaches every instance; from elsewhere, none.
    let https = Connection { port: Some(443), remote: "203.0.113.9".parse().unwrap(), ..ssh.clone() };
    assert_eq!(data.estate.who_accepts(&https).len(), INSTANCES);
    let elsewhere = Connection { remote: "198.51.100.9".parse().unwrap(), ..https };
    assert_eq!(data.estate.who_accepts(&elsewhere).len(), 0);
    console_log!(
        "exposure over {GROUPS} groups × {RULES} rules, {INSTANCES} instances: built {built:.1} ms, open rules {listed:.1} ms, by port {summed:.1} ms, who accepts tcp 22 from the internet {asked:.1} ms ({expected} instances)"
    );
}

/// The impact of a change on the same estate: one group's rule opened to the world (every
/// instance bound to it gains), and 100 instances moved to another group (each gains and
/// loses), computed by core as the impact view does; times printed.
#[wasm_bindgen_test]
fn the_impact_of_a_change_on_a_large_estate() {
    use palisade_core::reach::impact::{effects, impact};
    let groups: Vec<SecurityGroup> = (0..GROUPS).map(group).collect();
    let instances: Vec<Instance> = (0..INSTANCES)
        .map(|i| Instance {
            id: format!("i-{i:05}"),
            name: format!("vm-{i}"),
            nic_info: NicInfo { security_groups: bound(i).iter().map(|g| format!("g-{g:05}")).collect(), ..Default::default() },
            ..Default::default()
        })
        .collect();
    let before = ExposureData::build(&Lists { bce_groups: &groups, instances: &instances, ..Default::default() }).estate;
    // Group 1's SSH rule opened to the world (it let in 10.0.0.0/8).
    let mut opened = groups.clone();
    opened[1].rules[0].source_ip = Some("0.0.0.0/0".into());
    let after = ExposureData::build(&Lists { bce_groups: &opened, instances: &instances, ..Default::default() }).estate;
    let t0 = now();
    let found = impact(&before, &after);
    let rule_change = now() - t0;
    let bound_to_1 = (0..INSTANCES).filter(|&i| bound(i).contains(&1)).count();
    let already_open = (0..INSTANCES).filter(|&i| bound(i).contains(&1) && bound(i).iter().any(|g| g.is_multiple_of(100))).count();
    assert_eq!(found.len(), bound_to_1 - already_open, "every instance of group 1 gains SSH, but those open already");
    assert!(found.iter().all(|i| i.lost.is_empty() && i.gained.iter().all(|f| f.ports == [(22, 22)])));
    // 100 instances rebound to group 2 alone.
    let mut moved = before.clone();
    for t in &mut moved.targets[..100] {
        t.groups = vec![2];
    }
    let t1 = now();
    let rebound = impact(&before, &moved);
    let binding_change = now() - t1;
    let t2 = now();
    let lines = effects(&rebound).len();
    let grouped = now() - t2;
    assert!(!rebound.is_empty() && rebound.iter().all(|i| i.target < 100));
    console_log!(
        "impact over {GROUPS} groups × {RULES} rules, {INSTANCES} instances: one rule opened to the world {rule_change:.1} ms ({} instances gain), 100 instances rebound {binding_change:.1} ms ({} affected, {lines} lines, grouped in {grouped:.1} ms)",
        found.len(),
        rebound.len()
    );
}
