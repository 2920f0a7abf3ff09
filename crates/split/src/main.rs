//! `palisade-split`: the console's release bundle, split by page (#32).
//!
//! Trunk 0.21 has no stage between cargo and wasm-bindgen, and splitting needs the linker's
//! relocations, which wasm-bindgen and wasm-opt drop. So `Trunk.release.toml` skips Trunk's
//! own Rust build (`index.release.html`: `data-trunk-skip`) and runs this as its one
//! `post_build` hook, which:
//!
//! 1. builds the console with the `split` feature, linked `--emit-relocs`, into
//!    `target/split` (its own target directory: other flags, other artifacts);
//! 2. splits it (`wasm_split_cli_support`): the main module, one `split_page_*` module per
//!    page, `chunk_*` modules for code several pages share, and the link JS that loads them;
//! 3. runs wasm-bindgen on the main module only (`--keep-lld-exports`: chunks import its
//!    table, memory and stack pointer), then wasm-opt on the main module and every chunk;
//! 4. names every file by its content's hash (the server caches `name-<hex>` as immutable)
//!    and writes them into Trunk's staging directory with the boot script tag, the
//!    preloads, and `split.json` (each page's files, for the widget's manifest).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

type Result<T = ()> = std::result::Result<T, Box<dyn std::error::Error>>;

/// The flags index.html gives wasm-opt: `-Os`, and the features Rust 1.95 emits.
const WASM_OPT: [&str; 8] = [
    "-Os",
    "--converge",
    "--enable-bulk-memory",
    "--enable-nontrapping-float-to-int",
    "--enable-sign-ext",
    "--enable-reference-types",
    "--enable-multivalue",
    "--enable-mutable-globals",
];

fn main() -> std::process::ExitCode {
    match run() {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("palisade-split: {e}");
            std::process::ExitCode::FAILURE
        }
    }
}

/// 16 hex digits of the SHA-256 of `bytes`.
fn hash16(bytes: &[u8]) -> String {
    let mut h = palisade_core::sign::sha256_hex(bytes);
    h.truncate(16);
    h
}

fn sh(cmd: &mut Command) -> Result {
    let status = cmd.status().map_err(|e| format!("cannot run {cmd:?}: {e}"))?;
    if !status.success() {
        return Err(format!("{cmd:?} failed: {status}").into());
    }
    Ok(())
}

fn run() -> Result {
    let root = std::env::var_os("TRUNK_SOURCE_DIR").map(PathBuf::from).unwrap_or(std::env::current_dir()?);
    let staging = PathBuf::from(std::env::var_os("TRUNK_STAGING_DIR").ok_or("run by trunk: TRUNK_STAGING_DIR is not set")?);
    let base = std::env::var("TRUNK_PUBLIC_URL").unwrap_or_else(|_| "/".into());
    let target = root.join("target/split");

    // 1. The console with its split points, linked with relocations. RUSTFLAGS replaces
    // .cargo/config.toml's wasm32 flags, so `erase_components` is repeated here.
    let started = std::time::Instant::now();
    sh(Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
        .current_dir(&root)
        .args(["build", "--release", "--lib", "-p", "palisade-console", "--features", "split", "--target", "wasm32-unknown-unknown"])
        .arg("--target-dir")
        .arg(&target)
        .env("RUSTFLAGS", "--cfg erase_components -Clink-args=--emit-relocs"))?;
    let input = std::fs::read(target.join("wasm32-unknown-unknown/release/palisade_console.wasm"))?;
    eprintln!("palisade-split: built in {:.1} s ({} bytes)", started.elapsed().as_secs_f64(), input.len());

    // 2. Split, with the final names of the glue and the link JS chosen up front (so
    // nothing is patched in a binary afterwards). Every output is a function of the input.
    let h = hash16(&input);
    let glue = format!("palisade-console-{h}");
    let link = format!("__wasm_split-{h}.js");
    let out = target.join("out");
    let _ = std::fs::remove_dir_all(&out);
    std::fs::create_dir_all(&out)?;
    let main_wasm = out.join("main.wasm");
    let (link_rel, glue_rel) = (format!("./{link}"), format!("./{glue}.js"));
    let mut options = wasm_split_cli_support::Options::new(&input);
    options.output_dir = &out;
    options.main_out_path = &main_wasm;
    options.link_name = &link_rel;
    options.main_module = &glue_rel;
    let split = wasm_split_cli_support::transform(options).map_err(|e| format!("splitting: {e}"))?;

    // 3. wasm-bindgen on the main module; wasm-opt on it and on every chunk.
    sh(Command::new("wasm-bindgen")
        .args(["--target", "web", "--keep-lld-exports", "--no-demangle", "--no-typescript", "--out-name", &glue, "--out-dir"])
        .arg(&out)
        .arg(&main_wasm))?;
    let wasm_opt = root.join("node_modules/.bin/wasm-opt");
    let main_bg = out.join(format!("{glue}_bg.wasm"));
    for f in std::iter::once(main_bg.clone()).chain(split.split_modules.iter().cloned()) {
        sh(Command::new(&wasm_opt).args(WASM_OPT).arg(&f).arg("-o").arg(&f))?;
    }

    // 4. Content-hashed chunk names, written into the link JS that fetches them.
    let mut js = std::fs::read_to_string(out.join(&link))?;
    let mut names = BTreeMap::new();
    for p in &split.split_modules {
        let stem = p.file_stem().and_then(|s| s.to_str()).ok_or("a chunk without a name")?.to_owned();
        let bytes = std::fs::read(p)?;
        let name = format!("{stem}-{}.wasm", hash16(&bytes));
        let quoted = format!("\"./{stem}.wasm\"");
        if !js.contains(&quoted) {
            return Err(format!("the link JS does not name {stem}.wasm").into());
        }
        js = js.replace(&quoted, &format!("\"./{name}\""));
        std::fs::write(staging.join(&name), bytes)?;
        names.insert(stem, name);
    }
    std::fs::write(staging.join(&link), js)?;
    for f in [format!("{glue}.js"), format!("{glue}_bg.wasm")] {
        std::fs::copy(out.join(&f), staging.join(&f))?;
    }
    copy_dir(&out.join("snippets"), &staging.join("snippets"))?;

    // Each page's files, chunks first: for the widget's manifest and the size report.
    let pages: BTreeMap<String, Vec<String>> = split
        .prefetch_map
        .iter()
        .map(|(page, stems)| (page.clone(), stems.iter().filter_map(|s| names.get(s).cloned()).collect()))
        .collect();
    let manifest = serde_json::json!({ "js": format!("{base}{glue}.js"), "wasm": format!("{base}{glue}_bg.wasm"), "link": format!("{base}{link}"), "pages": pages });
    std::fs::write(staging.join("split.json"), serde_json::to_string_pretty(&manifest)? + "\n")?;

    // The boot script where Trunk left the skipped Rust link, with the preloads it would
    // have written.
    let index = staging.join("index.html");
    let html = std::fs::read_to_string(&index)?;
    let start = html.find("<link data-trunk rel=\"rust\"").ok_or("index.html has no skipped rust link")?;
    let end = start + html[start..].find('>').ok_or("an unclosed rust link")? + 1;
    let tags = format!(
        "<link rel=\"modulepreload\" href=\"{base}{glue}.js\"><link rel=\"modulepreload\" href=\"{base}{link}\">\
         <link rel=\"preload\" href=\"{base}{glue}_bg.wasm\" as=\"fetch\" type=\"application/wasm\" crossorigin>\
         <script type=\"module\" id=\"palisade-boot\" src=\"{base}boot.js\" data-js=\"{base}{glue}.js\" data-wasm=\"{base}{glue}_bg.wasm\"></script>"
    );
    std::fs::write(&index, format!("{}{tags}{}", &html[..start], &html[end..]))?;

    // widget.json, from the page just written.
    sh(Command::new("node").current_dir(&root).arg("scripts/widget-manifest.mjs"))?;
    eprintln!("palisade-split: {} chunks in {:.1} s", split.split_modules.len(), started.elapsed().as_secs_f64());
    Ok(())
}

fn copy_dir(from: &Path, to: &Path) -> Result {
    if !from.is_dir() {
        return Ok(());
    }
    std::fs::create_dir_all(to)?;
    for entry in std::fs::read_dir(from)? {
        let path = entry?.path();
        let dest = to.join(path.file_name().ok_or("a nameless file")?);
        if path.is_dir() {
            copy_dir(&path, &dest)?;
        } else {
            std::fs::copy(&path, &dest)?;
        }
    }
    Ok(())
}
