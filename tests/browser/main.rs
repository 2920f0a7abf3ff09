//! Browser tests of the console, run by wasm-bindgen-test in headless Chromium.
#![cfg(target_arch = "wasm32")]

mod exposure;
mod instance_list;
mod loaded;
mod rule_table;
mod shell;
mod support;

wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);
