// After the e2e suite (#31): every changing call the console can make was made, through
// its impact view (the suite's pages fail on one that was not), and nothing else was.
//   node scripts/every-change.mjs <changes log written by tests/e2e/support.mjs>
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { changingCalls, callOf, label } from '../tests/e2e/changing-calls.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const problems = [];

// The list names exactly the src/api functions that send a change.
const sending = new Set();
for (const cloud of ['bce', 'huawei']) {
  const src = fs.readFileSync(path.join(root, 'src/api', `${cloud}.rs`), 'utf8');
  for (const part of src.split(/\npub async fn /).slice(1)) {
    const name = /^(\w+)/.exec(part)[1];
    const body = part.split(/\n(?:pub )?(?:async )?fn /)[0];
    if (/Call::new\("(POST|PUT|DELETE)"/.test(body)) sending.add(`${cloud}::${name}`);
  }
}
const listed = new Set(changingCalls.map((c) => c.fn));
for (const f of sending) if (!listed.has(f)) problems.push(`${f} sends a change but is not in tests/e2e/changing-calls.mjs`);
for (const f of listed) if (!sending.has(f)) problems.push(`${f} is listed but does not send a change in src/api`);

const log = process.argv[2];
const made = fs.existsSync(log) ? fs.readFileSync(log, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l)) : [];
const seen = new Map();
for (const r of made) {
  const call = callOf(r.method, r.path, r.search);
  if (!call) problems.push(`a changing request that is no listed call: ${r.method} ${r.path}${r.search}`);
  else seen.set(call, (seen.get(call) ?? 0) + 1);
}
for (const c of changingCalls) {
  if (!seen.has(c)) problems.push(`never made by the e2e suite: ${label(c)}`);
}
for (const c of changingCalls) console.log(`${String(seen.get(c) ?? 0).padStart(5)}  ${label(c)}`);
console.log(`${made.length} changing requests, ${seen.size} of ${changingCalls.length} calls made, each after its impact was shown`);
if (problems.length) {
  console.error(problems.join('\n'));
  process.exit(1);
}
