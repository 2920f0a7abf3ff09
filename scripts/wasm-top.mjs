// The biggest contributors to the console's wasm, so a change that adds 20 KB says why:
// the 20 largest functions and the largest crates, by code bytes. Reads the optimised
// bundle's pre-split, pre-wasm-opt twin (`target/split/wasm32-unknown-unknown/release/*.wasm`), which
// still has its function names; sizes there are before wasm-opt, so they rank rather
// than add up to the shipped bytes.
// Usage: node scripts/wasm-top.mjs [file.wasm] [count]
import { readFileSync } from 'node:fs';

const file = process.argv[2] ?? 'target/split/wasm32-unknown-unknown/release/palisade_console.wasm';
const count = Number(process.argv[3] ?? 20);
const bytes = readFileSync(file);
let pos = 8; // magic + version

function leb() {
  let result = 0, shift = 0, b;
  do {
    b = bytes[pos++];
    result += (b & 0x7f) * 2 ** shift;
    shift += 7;
  } while (b & 0x80);
  return result;
}
function str() {
  const n = leb();
  const s = bytes.toString('utf8', pos, pos + n);
  pos += n;
  return s;
}

let imported = 0;
const bodies = [];
const names = new Map();
while (pos < bytes.length) {
  const id = bytes[pos++];
  const size = leb();
  const end = pos + size;
  if (id === 2) { // imports: functions among them shift the index space
    for (let i = 0, n = leb(); i < n; i++) {
      str(); str();
      const kind = bytes[pos++];
      if (kind === 0) { leb(); imported++; }
      else if (kind === 1) { pos++; const f = bytes[pos++]; leb(); if (f & 1) leb(); }
      else if (kind === 2) { const f = bytes[pos++]; leb(); if (f & 1) leb(); }
      else if (kind === 3) { pos += 2; }
      else if (kind === 4) { pos++; leb(); }
    }
  } else if (id === 10) { // code: one size-prefixed body per defined function
    for (let i = 0, n = leb(); i < n; i++) {
      const len = leb();
      bodies.push(len);
      pos += len;
    }
  } else if (id === 0) { // custom: the "name" section's function names
    const name = str();
    if (name === 'name') {
      while (pos < end) {
        const sub = bytes[pos++];
        const subSize = leb();
        const subEnd = pos + subSize;
        if (sub === 1) for (let i = 0, n = leb(); i < n; i++) names.set(leb(), str());
        pos = subEnd;
      }
    }
  }
  pos = end;
}

// Rust's symbol names, readable: legacy `_ZN…E` in full; v0 `_R…` by its identifiers.
function demangle(sym) {
  if (sym.startsWith('_ZN')) {
    const parts = [];
    let i = 3;
    while (i < sym.length && sym[i] !== 'E') {
      const m = /^\d+/.exec(sym.slice(i));
      if (!m) break;
      i += m[0].length;
      parts.push(sym.slice(i, i + Number(m[0])));
      i += Number(m[0]);
    }
    if (/^h[0-9a-f]{16}$/.test(parts.at(-1) ?? '')) parts.pop();
    const unescape = (p) => p.replace(/^_\$/, '$').replace(/\$LT\$/g, '<').replace(/\$GT\$/g, '>').replace(/\$RF\$/g, '&')
      .replace(/\$BP\$/g, '*').replace(/\$C\$/g, ',').replace(/\$u([0-9a-f]+)\$/g, (_, h) => String.fromCharCode(parseInt(h, 16))).replace(/\.\./g, '::');
    return parts.map(unescape).join('::');
  }
  if (sym.startsWith('_R')) {
    // v0: length-prefixed identifiers, each perhaps after a disambiguator `s<base62>_`;
    // the tags between them (N, C, M, v, t, …) are skipped.
    const ids = [];
    let i = 2;
    while (i < sym.length) {
      const dis = /^s[0-9A-Za-z]*_(?=\d)/.exec(sym.slice(i));
      if (dis) { i += dis[0].length; continue; }
      const m = /^(\d+)_?/.exec(sym.slice(i));
      if (!m) { i++; continue; }
      i += m[0].length;
      ids.push(sym.slice(i, i + Number(m[1])));
      i += Number(m[1]);
    }
    return ids.filter(Boolean).join('::');
  }
  return sym;
}

const fns = bodies.map((len, i) => ({ len, name: demangle(names.get(imported + i) ?? `function[${imported + i}]`) }));
const total = fns.reduce((a, f) => a + f.len, 0);
// The crate a function belongs to: the first `crate::` in its name (for an impl, the
// type's or the trait's crate, whichever comes first).
const crateOf = (name) => (name.match(/([A-Za-z_][A-Za-z0-9_]*)::/) ?? [, '(other)'])[1];
const crates = new Map();
for (const f of fns) crates.set(crateOf(f.name), (crates.get(crateOf(f.name)) ?? 0) + f.len);

const pct = (n) => `${((100 * n) / total).toFixed(1)}%`.padStart(6);
console.log(`wasm code before wasm-opt: ${total} bytes in ${fns.length} functions (${file})`);
console.log(`largest ${count} functions:`);
for (const f of [...fns].sort((a, b) => b.len - a.len).slice(0, count)) console.log(`${String(f.len).padStart(8)} ${pct(f.len)}  ${f.name.slice(0, 110)}`);
console.log('largest crates:');
for (const [c, n] of [...crates].sort((a, b) => b[1] - a[1]).slice(0, Number(process.env.CRATES ?? 15))) console.log(`${String(n).padStart(8)} ${pct(n)}  ${c}`);
