// The contributors report: on a tiny hand-made module with one imported and two defined
// functions, it ranks the defined ones by code size under their demangled names.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const script = path.resolve('scripts/wasm-top.mjs');
const leb = (n) => { const out = []; do { let b = n & 0x7f; n >>>= 7; if (n) b |= 0x80; out.push(b); } while (n); return out; };
const name = (s) => [...leb(Buffer.byteLength(s)), ...Buffer.from(s)];
const section = (id, body) => [id, ...leb(body.length), ...body];
const body = (nops) => { const b = [0, ...Array(nops).fill(0x01), 0x0b]; return [...leb(b.length), ...b]; };

function module() {
  const types = section(1, [1, 0x60, 0, 0]); // one type: () -> ()
  const imports = section(2, [1, ...name('env'), ...name('f'), 0, 0]); // function 0, imported
  const funcs = section(3, [2, 0, 0]); // functions 1 and 2
  const code = section(10, [2, ...body(10), ...body(500)]);
  const fnames = [2, ...leb(1), ...name('_ZN5small4tiny17h0123456789abcdefE'), ...leb(2), ...name('_ZN3big5crate4work17h0123456789abcdefE')];
  const names = section(0, [...name('name'), 1, ...leb(fnames.length), ...fnames]);
  return Buffer.from([0x00, 0x61, 0x73, 0x6d, 1, 0, 0, 0, ...types, ...imports, ...funcs, ...code, ...names]);
}

test('ranks functions and crates by code size, with readable names', () => {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'wasm-top-')), 'm.wasm');
  fs.writeFileSync(file, module());
  const r = spawnSync(process.execPath, [script, file, '2'], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const lines = r.stdout.split('\n');
  const first = lines.findIndex((l) => l.startsWith('largest 2 functions'));
  assert.match(lines[first + 1], /big::crate::work$/, 'the larger body first, demangled, hash dropped');
  assert.match(lines[first + 2], /small::tiny$/);
  assert.match(r.stdout, /largest crates:\n\s+\d+\s+[\d.]+%\s+big\n/);
});
