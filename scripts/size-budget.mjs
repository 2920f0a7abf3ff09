// The console's size, and the budget that stops a regression at the door.
//   node scripts/size-budget.mjs [DIST] [BUDGET_FILE]
// Prints raw, gzip (-9) and brotli (as `palisade serve` sends it) bytes of each
// .wasm and .js in DIST, writes the table to target/bundle-size.txt, and exits 1 when the
// gzip total of wasm + js is over `gzipBytes` in BUDGET_FILE (size-budget.json). A bundle
// split by page (DIST/split.json, written by crates/split) is also held to its first load
// (the boot script, the glue, the main wasm and the link JS) against `firstLoadGzipBytes`,
// and each page's chunks are listed.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

export function measure(dist) {
  const files = fs.readdirSync(dist).filter((f) => f.endsWith('.wasm') || f.endsWith('.js')).sort();
  return files.map((name) => {
    const bytes = fs.readFileSync(path.join(dist, name));
    return {
      name,
      raw: bytes.length,
      gzip: zlib.gzipSync(bytes, { level: 9 }).length,
      // As `palisade serve` makes it: quality 9 above 256 KiB (the wasm), else 11.
      brotli: zlib.brotliCompressSync(bytes, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: bytes.length > 256 * 1024 ? 9 : 11 } }).length,
    };
  });
}

export function report(rows, budget) {
  const total = rows.reduce((t, r) => ({ raw: t.raw + r.raw, gzip: t.gzip + r.gzip, brotli: t.brotli + r.brotli }), { raw: 0, gzip: 0, brotli: 0 });
  const line = (n, r, g, b) => `${n.padEnd(48)} ${String(r).padStart(10)} ${String(g).padStart(10)} ${String(b).padStart(10)}`;
  const lines = [line('bundle file', 'raw bytes', 'gzip bytes', 'brotli'), ...rows.map((r) => line(r.name, r.raw, r.gzip, r.brotli)), line('total (wasm + js)', total.raw, total.gzip, total.brotli)];
  const over = total.gzip > budget;
  lines.push(`budget: ${total.gzip} of ${budget} gzip bytes (${((100 * total.gzip) / budget).toFixed(1)}%)${over ? ` — OVER by ${total.gzip - budget}` : ''}`);
  return { total, over, text: lines.join('\n') };
}

/** The first load and each page's chunks of a split bundle, against `firstBudget`. */
export function reportSplit(rows, manifest, firstBudget) {
  const of = (name) => rows.find((r) => r.name === name) ?? { name, raw: 0, gzip: 0, brotli: 0 };
  const sum = (names) => names.map(of).reduce((t, r) => ({ gzip: t.gzip + r.gzip, brotli: t.brotli + r.brotli }), { gzip: 0, brotli: 0 });
  const base = (u) => u.replace(/^.*\//, '');
  const first = sum(['boot.js', base(manifest.js), base(manifest.wasm), base(manifest.link)]);
  const lines = [`first load (boot.js, glue, main wasm, link JS): ${first.gzip} gzip, ${first.brotli} brotli bytes`];
  for (const [page, files] of Object.entries(manifest.pages ?? {})) {
    const p = sum(files);
    lines.push(`  ${page.padEnd(22)} ${String(files.length).padStart(3)} files ${String(p.gzip).padStart(9)} gzip ${String(p.brotli).padStart(9)} brotli (with the chunks it shares)`);
  }
  const over = firstBudget !== undefined && first.gzip > firstBudget;
  if (firstBudget !== undefined) {
    lines.push(`first-load budget: ${first.gzip} of ${firstBudget} gzip bytes (${((100 * first.gzip) / firstBudget).toFixed(1)}%)${over ? ` — OVER by ${first.gzip - firstBudget}` : ''}`);
  }
  return { first, over, text: lines.join('\n') };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const dist = process.argv[2] ?? 'dist';
  const budgetFile = process.argv[3] ?? 'size-budget.json';
  const budgets = JSON.parse(fs.readFileSync(budgetFile, 'utf8'));
  const rows = measure(dist);
  let { over, text } = report(rows, budgets.gzipBytes);
  const manifestFile = path.join(dist, 'split.json');
  if (fs.existsSync(manifestFile)) {
    const split = reportSplit(rows, JSON.parse(fs.readFileSync(manifestFile, 'utf8')), budgets.firstLoadGzipBytes);
    text += '\n' + split.text;
    over = over || split.over;
  }
  console.log(text);
  fs.mkdirSync('target', { recursive: true });
  fs.writeFileSync('target/bundle-size.txt', text + '\n');
  if (over) {
    console.error('The console is over its size budget: cut bytes, or raise size-budget.json and say why in the commit.');
    process.exit(1);
  }
}
