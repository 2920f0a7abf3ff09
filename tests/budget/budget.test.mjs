// The size budget check itself: it passes under the budget and fails over it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import crypto from 'node:crypto';

const script = path.resolve('scripts/size-budget.mjs');

function run(budget) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'budget-'));
  // Random bytes do not compress: the gzip size is about the raw size.
  fs.writeFileSync(path.join(dir, 'app.wasm'), crypto.randomBytes(20000));
  fs.writeFileSync(path.join(dir, 'app.js'), 'export const x = 1;\n'.repeat(100));
  fs.writeFileSync(path.join(dir, 'budget.json'), JSON.stringify({ gzipBytes: budget }));
  const r = spawnSync(process.execPath, [script, dir, path.join(dir, 'budget.json')], { cwd: dir, encoding: 'utf8' });
  return r;
}

test('under the budget it passes and prints gzip and brotli', () => {
  const r = run(100000);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /total \(wasm \+ js\)/);
  assert.match(r.stdout, /brotli/);
});

test('over the budget it fails and says by how much', () => {
  const r = run(10000);
  assert.equal(r.status, 1);
  assert.match(r.stdout, /OVER by \d+/);
});

test('a split bundle is held to its first load, and each page is listed', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'budget-split-'));
  const write = (name, n) => fs.writeFileSync(path.join(dir, name), crypto.randomBytes(n));
  write('boot.js', 100);
  write('app-1.js', 1000);
  write('app-1_bg.wasm', 30000);
  write('link-1.js', 500);
  write('split_page_a-2.wasm', 20000);
  write('chunk_1-3.wasm', 5000);
  fs.writeFileSync(path.join(dir, 'split.json'), JSON.stringify({ js: '/app-1.js', wasm: '/app-1_bg.wasm', link: '/link-1.js', pages: { page_a: ['chunk_1-3.wasm', 'split_page_a-2.wasm'] } }));
  const budget = (first) => {
    fs.writeFileSync(path.join(dir, 'budget.json'), JSON.stringify({ gzipBytes: 100000, firstLoadGzipBytes: first }));
    return spawnSync(process.execPath, [script, dir, path.join(dir, 'budget.json')], { cwd: dir, encoding: 'utf8' });
  };
  const ok = budget(40000);
  assert.equal(ok.status, 0, ok.stdout + ok.stderr);
  assert.match(ok.stdout, /first load \(boot.js, glue, main wasm, link JS\): 3\d{4} gzip/, 'the first load counts the main files only');
  assert.match(ok.stdout, /page_a +2 files +2\d{4} gzip/, 'a page with the chunk it shares');
  const over = budget(20000);
  assert.equal(over.status, 1, 'over the first-load budget, under the total');
  assert.match(over.stdout, /first-load budget: .* OVER by \d+/);
});
