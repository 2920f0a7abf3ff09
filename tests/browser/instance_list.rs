//! The instance list with 5,000 instances: the filter finds the right ones (by text and by
//! port through their groups), only the rows in view are drawn, scrolling draws others,
//! "Manage" opens an instance's panel; each keystroke's time is printed (for the README
//! and #20), not asserted.

use leptos::prelude::*;
use palisade_console::components::table::windowed_table::ROW_HEIGHT;
use palisade_console::i18n::{I18n, Lang};
use palisade_console::infra::loaded::Loaded;
use palisade_console::pages::instances::table::InstanceTable;
use palisade_core::bce::instance::{Instance, NicInfo};
use palisade_core::bce::security_group::{SecurityGroup, SecurityGroupRule};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::{console_log, wasm_bindgen_test};

use crate::support::{click, count, frame, host, settle, tick};

const INSTANCES: usize = 5000;
const GROUPS: usize = 200;

/// Group `g` lets SSH in when `g % 10 == 0`; every group lets in its own port.
fn group(g: usize) -> SecurityGroup {
    let rule = |port: String| SecurityGroupRule {
        direction: Some("ingress".into()),
        ethertype: Some("IPv4".into()),
        protocol: Some("tcp".into()),
        port_range: Some(port),
        source_ip: Some("10.0.0.0/8".into()),
        ..Default::default()
    };
    let mut rules = vec![rule(format!("{}", 20000 + g))];
    if g.is_multiple_of(10) {
        rules.push(rule("22".into()));
    }
    SecurityGroup { id: format!("g-{g:05}"), name: format!("group-{g}"), rules, ..Default::default() }
}

fn instance(i: usize) -> Instance {
    Instance {
        id: format!("i-{i:05}"),
        name: format!("vm-{i}"),
        status: "Running".into(),
        nic_info: NicInfo {
            security_groups: vec![format!("g-{:05}", i % GROUPS), format!("g-{:05}", (i * 7 + 1) % GROUPS)],
            ..Default::default()
        },
        ..Default::default()
    }
}

fn now() -> f64 {
    web_sys::window().unwrap().performance().unwrap().now()
}

fn rows(root: &web_sys::HtmlElement) -> u32 {
    count(root, "tr[data-instance]")
}

fn matching(root: &web_sys::HtmlElement) -> Option<usize> {
    root.query_selector("[data-test=list-count]").unwrap().and_then(|e| e.get_attribute("data-matching")).and_then(|m| m.parse().ok())
}

#[wasm_bindgen_test]
async fn five_thousand_instances_filter_by_text_and_port_in_a_window() {
    let root = host();
    let instances: Vec<Instance> = (0..INSTANCES).map(instance).collect();
    // By construction: instances with a bound group whose number is a multiple of 10.
    let with_ssh =
        instances.iter().filter(|i| i.nic_info.security_groups.iter().any(|g| g[2..].parse::<usize>().unwrap() % 10 == 0)).count();
    let filter = RwSignal::new(String::new());
    let selected = palisade_console::routing::place::use_selection(palisade_console::pages::Page::BceInstances);
    let started = now();
    let handle = leptos::mount::mount_to(root.clone(), move || {
        provide_context(I18n(RwSignal::new(Lang::En)));
        let list = instances.clone();
        let instances = Loaded::<Vec<Instance>>::new(move || {
            let list = list.clone();
            async move { Ok(list) }
        });
        let groups = Loaded::<Vec<SecurityGroup>>::new(|| async { Ok((0..GROUPS).map(group).collect()) });
        let esgs = Loaded::<Vec<palisade_core::bce::esg::EnterpriseSecurityGroup>>::new(|| async { Ok(Vec::new()) });
        view! { <InstanceTable instances groups esgs filter on_intent=Callback::new(|_| ()) on_test=Callback::new(|_| ()) busy=Signal::derive(|| false) selected picked=RwSignal::new(Vec::new())/> }
    });
    tick().await;
    tick().await;
    let rendered = now() - started;
    let drawn = rows(&root);
    assert!(drawn > 10 && drawn < 80, "only the rows in view are drawn, not 5,000: {drawn}");
    assert_eq!(matching(&root), Some(INSTANCES));
    // A row names its groups (not their ids) and counts them against the limit.
    let first = root.query_selector("tr[data-instance=i-00000]").unwrap().unwrap().text_content().unwrap();
    assert!(first.contains("group-0, group-1") && first.contains("2 / 10"), "{first}");

    // Typed one key at a time, as a user does: "vm-4999" ends with one instance. Three
    // rounds, each keystroke's median printed: one round on a 2-core machine is noisy.
    const TYPED: [&str; 7] = ["v", "vm", "vm-", "vm-4", "vm-49", "vm-499", "vm-4999"];
    let mut rounds = vec![Vec::new(); TYPED.len()];
    for _ in 0..3 {
        filter.set(String::new());
        tick().await;
        for (n, typed) in TYPED.into_iter().enumerate() {
            frame().await;
            let started = now();
            filter.set(typed.into());
            settle().await;
            rounds[n].push(now() - started);
        }
        assert_eq!(rows(&root), 1);
        assert!(root.query_selector("tr[data-instance=i-04999]").unwrap().is_some());
    }
    let keystrokes: Vec<f64> = rounds
        .into_iter()
        .map(|mut r| {
            r.sort_by(f64::total_cmp);
            r[r.len() / 2]
        })
        .collect();

    // A port: the instances whose groups let it in.
    filter.set(String::new());
    tick().await;
    frame().await;
    let started = now();
    filter.set("22".into());
    settle().await;
    let by_port = now() - started;
    assert_eq!(matching(&root), Some(with_ssh), "instances reached on 22 through a bound group");
    assert!(rows(&root) < 80);

    // Scrolling draws the rows come into view, and only those.
    filter.set(String::new());
    tick().await;
    let scroller: web_sys::HtmlElement = root.query_selector(".rule-scroll").unwrap().unwrap().dyn_into().unwrap();
    // The test page has no stylesheet: give the scroller the height the console's CSS does.
    scroller.style().set_property("height", "480px").unwrap();
    scroller.style().set_property("overflow", "auto").unwrap();
    let started = now();
    scroller.set_scroll_top((2500.0 * ROW_HEIGHT) as i32);
    scroller.dispatch_event(&web_sys::Event::new("scroll").unwrap()).unwrap();
    tick().await;
    let scrolled = now() - started;
    assert!(root.query_selector("tr[data-instance=i-02500]").unwrap().is_some(), "row 2500 is drawn after scrolling to it");
    assert!(root.query_selector("tr[data-instance=i-00000]").unwrap().is_none(), "row 0 is no longer drawn");

    // "Manage" opens the instance's panel, with each bound group by name; its row is marked.
    click(&root, "tr[data-instance=i-02500] [data-test=instance-open]");
    tick().await;
    assert_eq!(selected.get_untracked().as_deref(), Some("i-02500"));
    assert_eq!(count(&root, "[data-instance-panel=i-02500] li[data-bound]"), 2);
    let chips = root.query_selector("[data-instance-panel=i-02500] ul").unwrap().unwrap().text_content().unwrap();
    assert!(chips.contains("group-100") && chips.contains("group-101"), "{chips}");
    assert_eq!(count(&root, "tr.selected"), 1);
    click(&root, "[data-test=instance-close]");
    tick().await;
    assert_eq!(count(&root, "[data-test=instance-panel]"), 0);
    assert_eq!(count(&root, "tr.selected"), 0);

    let list = keystrokes.iter().map(|t| format!("{t:.1}")).collect::<Vec<_>>().join(", ");
    console_log!("5,000 instances: first render {rendered:.1} ms, keystrokes (median of 3) {list} ms, port 22 {by_port:.1} ms, scroll to the middle {scrolled:.1} ms");
    drop(handle);
}
