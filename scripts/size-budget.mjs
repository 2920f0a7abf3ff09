// The console's size, and the budget that stops a regression at the door.
//   node scripts/size-budget.mjs [DIST] [BUDGET_FILE]
// Prints raw, gzip (-9) and brotli (as `palisade serve` sends it) bytes of each
// .wasm and .js in DIST, writes the table to target/bundle-size.txt, and exits 1 when the
// gzip total of wasm + js is over the budget in BUDGET_FILE (size-budget.json).
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

if (import.meta.url === `file://${process.argv[1]}`) {
  const dist = process.argv[2] ?? 'dist';
  const budgetFile = process.argv[3] ?? 'size-budget.json';
  const budget = JSON.parse(fs.readFileSync(budgetFile, 'utf8')).gzipBytes;
  const { over, text } = report(measure(dist), budget);
  console.log(text);
  fs.mkdirSync('target', { recursive: true });
  fs.writeFileSync('target/bundle-size.txt', text + '\n');
  if (over) {
    console.error('The console is over its size budget: cut bytes, or raise size-budget.json and say why in the commit.');
    process.exit(1);
  }
}
