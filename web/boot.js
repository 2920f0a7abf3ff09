// Starts the standalone console. Trunk writes the hashed bundle names into this script
// tag's data attributes (see pattern_script in Trunk.toml), so no inline script is needed.
const tag = document.getElementById('palisade-boot');
const bindings = await import(tag.dataset.js);
await bindings.default({ module_or_path: tag.dataset.wasm });
window.palisade = bindings;
window.palisadeConsole = bindings.mount(document.getElementById('palisade'));
document.documentElement.dataset.palisadeReady = 'true';
