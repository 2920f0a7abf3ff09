// Trunk post_build hook: writes `widget.json` with the hashed names of the console's
// bundle (so a host portal can load the widget without knowing them). The example portal
// is not part of the release bundle: `./dev start` and the tests add it
// (scripts/examples.mjs).
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

const staging = process.env.TRUNK_STAGING_DIR;
if (!staging) throw new Error('run by trunk: TRUNK_STAGING_DIR is not set');

const html = await readFile(path.join(staging, 'index.html'), 'utf8');
const attr = (name) => {
  const m = html.match(new RegExp(`id="palisade-boot"[^>]*\\b${name}="([^"]+)"`)) ?? html.match(new RegExp(`\\b${name}="([^"]+)"[^>]*id="palisade-boot"`));
  if (!m) throw new Error(`index.html has no ${name} on the boot script`);
  return m[1];
};
const css = html.match(/<link[^>]*rel="stylesheet"[^>]*href="([^"]+\.css)"/)?.[1] ?? html.match(/<link[^>]*href="([^"]+\.css)"[^>]*rel="stylesheet"/)?.[1];
if (!css) throw new Error('index.html links no stylesheet');
// A bundle split by page (crates/split) names its link JS and each page's chunks: the glue
// loads the link JS itself and the chunks as their pages open, so a widget fetches only
// the chunks of its own pages; a host may preload them from here.
let split = {};
try {
  const s = JSON.parse(await readFile(path.join(staging, 'split.json'), 'utf8'));
  split = { link: s.link, pages: s.pages };
} catch { /* an unsplit build (trunk serve) */ }
await writeFile(path.join(staging, 'widget.json'), JSON.stringify({ js: attr('data-js'), wasm: attr('data-wasm'), css, ...split }, null, 2) + '\n');
