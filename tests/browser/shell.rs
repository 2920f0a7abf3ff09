use wasm_bindgen_test::wasm_bindgen_test;

use crate::support::{click, count, host, text_of, tick};

#[wasm_bindgen_test]
async fn the_shell_renders_header_navigation_and_content() {
    let root = host();
    let mut console = palisade_console::mount(root.clone(), wasm_bindgen::JsValue::UNDEFINED).unwrap();
    tick().await;

    assert_eq!(text_of(&root, ".top-bar .brand").as_deref(), Some("Palisade"));
    let clouds: Vec<String> =
        (0..count(&root, ".nav-cloud")).map(|i| text_of(&root, &format!(".nav-group:nth-child({}) .nav-cloud", i + 1)).unwrap()).collect();
    assert_eq!(clouds, ["Both clouds", "Baidu AI Cloud", "Huawei Cloud"]);
    assert_eq!(count(&root, "nav .nav-item"), 9, "the overview, exposure, changes and policy, four Baidu pages and one Huawei page");
    assert_eq!(text_of(&root, "main h2").as_deref(), Some("Overview"));
    assert_eq!(count(&root, "[data-page=home][aria-current=page]"), 1, "the overview is where the console opens");

    click(&root, "[data-page=huawei-security-groups]");
    tick().await;
    assert_eq!(text_of(&root, "main h2").as_deref(), Some("Security groups"));
    assert_eq!(count(&root, "[aria-current=page]"), 1);
    assert_eq!(
        root.query_selector("[aria-current=page]").unwrap().unwrap().get_attribute("data-page").as_deref(),
        Some("huawei-security-groups")
    );

    console.unmount();
    assert_eq!(root.child_element_count(), 0, "unmount leaves the element empty");
}
