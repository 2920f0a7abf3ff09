//! The windowed rule table with 5,000 rules: what it renders, filters and scrolls to,
//! and how long that takes in the browser (printed for the README and the issue note).

use leptos::prelude::*;
use palisade_console::components::table::bce_rule_table::{BceRuleTable, ROW_HEIGHT};
use palisade_console::i18n::{I18n, Lang};
use palisade_core::bce::security_group::SecurityGroupRule;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::{console_log, wasm_bindgen_test};

use crate::support::{count, frame, host, settle, tick};

fn rules(n: usize) -> Vec<SecurityGroupRule> {
    (0..n)
        .map(|i| SecurityGroupRule {
            direction: Some(if i % 2 == 0 { "ingress" } else { "egress" }.into()),
            ethertype: Some("IPv4".into()),
            protocol: Some(if i % 3 == 0 { "udp" } else { "tcp" }.into()),
            port_range: Some(format!("{}", 1000 + i)),
            source_ip: (i % 2 == 0).then(|| format!("10.{}.{}.0/24", i / 256, i % 256)),
            dest_ip: (i % 2 == 1).then(|| format!("172.16.{}.{}", i / 256, i % 256)),
            remark: Some(format!("rule number {i}")),
            ..Default::default()
        })
        .collect()
}

fn now() -> f64 {
    web_sys::window().unwrap().performance().unwrap().now()
}

#[wasm_bindgen_test]
async fn five_thousand_rules_render_filter_and_scroll_in_a_window() {
    let root = host();
    let all = rules(5000);
    let expected_udp_ingress =
        all.iter().filter(|r| r.protocol.as_deref() == Some("udp") && r.direction.as_deref() == Some("ingress")).count();
    let filter = RwSignal::new(String::new());
    let data = RwSignal::new(all);

    let started = now();
    let handle = leptos::mount::mount_to(root.clone(), move || {
        provide_context(I18n(RwSignal::new(Lang::En)));
        view! { <BceRuleTable rules=data filter=filter/> }
    });
    tick().await;
    let rendered = now() - started;

    let counter = root.query_selector("[data-test=rule-count]").unwrap().unwrap();
    assert_eq!(counter.get_attribute("data-total").as_deref(), Some("5000"));
    let drawn = count(&root, ".rule-row");
    assert!(drawn > 10 && drawn < 80, "only the rows in view are in the DOM, not 5,000: {drawn}");

    // Three rounds, the median printed: one on a 2-core machine is noisy.
    let mut times = Vec::new();
    for _ in 0..3 {
        filter.set(String::new());
        frame().await;
        let started = now();
        filter.set("udp ingress".into());
        settle().await;
        times.push(now() - started);
    }
    times.sort_by(f64::total_cmp);
    let filtered = times[1];
    assert_eq!(counter.get_attribute("data-matching"), Some(expected_udp_ingress.to_string()));
    let first_row = root.query_selector(".rule-row").unwrap().unwrap().text_content().unwrap();
    assert!(first_row.contains("udp") && first_row.contains("Ingress"), "{first_row}");

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
    assert!(root.query_selector(".rule-row[data-index=\"2500\"]").unwrap().is_some(), "row 2500 is drawn after scrolling to it");
    assert!(root.query_selector(".rule-row[data-index=\"0\"]").unwrap().is_none(), "row 0 is no longer drawn");

    console_log!(
        "5,000 rules: first render {rendered:.1} ms, filter (median of 3) {filtered:.1} ms, scroll to the middle {scrolled:.1} ms"
    );
    drop(handle);
}
