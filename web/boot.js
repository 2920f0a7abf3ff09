// Starts the standalone console. Trunk writes the hashed bundle names into this script
// tag's data attributes (see pattern_script in Trunk.toml), so no inline script is needed.
const tag = document.getElementById('palisade-boot');
const bindings = await import(tag.dataset.js);
await bindings.default({ module_or_path: tag.dataset.wasm });
window.palisade = bindings;
// The standalone console owns the page: it sets the document's lang and title. The HTML
// shell shown while loading gives way to the live one.
const root = document.getElementById('palisade');
root.replaceChildren();
window.palisadeConsole = bindings.mount(root, { ownsPage: true });
document.documentElement.dataset.palisadeReady = 'true';
