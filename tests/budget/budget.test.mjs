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
