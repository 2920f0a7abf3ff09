//! The instance list with 5,000 instances: the filter finds the right ones (by text and by
//! port through their groups), at most a page of rows is drawn, "Show more" draws the
//! next page; each keystroke's time is printed (for the README and #20), not asserted.

use leptos::prelude::*;
use palisade_console::components::instance_table::InstanceTable;
use palisade_console::i18n::{I18n, Lang};
use palisade_console::loaded::Loaded;
use palisade_console::shown::PAGE_ROWS;
use palisade_core::bce::instance::{Instance, NicInfo};
use palisade_core::bce::security_group::{SecurityGroup, SecurityGroupRule};
use wasm_bindgen_test::{console_log, wasm_bindgen_test};

use crate::support::{click, count, host, tick};

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
    root.query_selector("[data-test=list-more]").unwrap().and_then(|e| e.get_attribute("data-matching")).and_then(|m| m.parse().ok())
}

#[wasm_bindgen_test]
async fn five_thousand_instances_filter_by_text_and_port_a_page_at_a_time() {
    let root = host();
    let instances: Vec<Instance> = (0..INSTANCES).map(instance).collect();
    // By construction: instances with a bound group whose number is a multiple of 10.
    let with_ssh =
        instances.iter().filter(|i| i.nic_info.security_groups.iter().any(|g| g[2..].parse::<usize>().unwrap() % 10 == 0)).count();
    let filter = RwSignal::new(String::new());
    let started = now();
    let handle = leptos::mount::mount_to(root.clone(), move || {
        provide_context(I18n(RwSignal::new(Lang::En)));
        let list = instances.clone();
        let instances = Loaded::<Vec<Instance>>::new(move || {
            let list = list.clone();
            async move { Ok(list) }
        });
        let groups = Loaded::<Vec<SecurityGroup>>::new(|| async { Ok((0..GROUPS).map(group).collect()) });
        view! { <InstanceTable instances groups filter on_intent=Callback::new(|_| ()) on_test=Callback::new(|_| ()) busy=Signal::derive(|| false)/> }
    });
    tick().await;
    tick().await;
    let rendered = now() - started;
    assert_eq!(rows(&root) as usize, PAGE_ROWS, "a page of rows is drawn, not 5,000");
    assert_eq!(matching(&root), Some(INSTANCES));

    // Typed one key at a time, as a user does: "vm-4999" ends with one instance.
    let mut keystrokes = Vec::new();
    for typed in ["v", "vm", "vm-", "vm-4", "vm-49", "vm-499", "vm-4999"] {
        let started = now();
        filter.set(typed.into());
        tick().await;
        keystrokes.push(now() - started);
    }
    assert_eq!(rows(&root), 1);
    assert!(root.query_selector("tr[data-instance=i-04999]").unwrap().is_some());

    // A port: the instances whose groups let it in.
    filter.set(String::new());
    tick().await;
    let started = now();
    filter.set("22".into());
    tick().await;
    let by_port = now() - started;
    assert_eq!(matching(&root), Some(with_ssh), "instances reached on 22 through a bound group");
    assert_eq!(rows(&root) as usize, PAGE_ROWS);

    click(&root, "[data-test=show-more]");
    tick().await;
    assert_eq!(rows(&root) as usize, 2 * PAGE_ROWS, "Show more draws the next page");
    // A new filter starts again from one page.
    filter.set("vm-1".into());
    tick().await;
    assert!(rows(&root) as usize <= PAGE_ROWS);

    let list = keystrokes.iter().map(|t| format!("{t:.1}")).collect::<Vec<_>>().join(", ");
    console_log!("5,000 instances: first render {rendered:.1} ms, keystrokes {list} ms, port 22 {by_port:.1} ms");
    drop(handle);
}
