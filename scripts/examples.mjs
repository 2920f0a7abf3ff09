// Copies the example portal (a host page embedding the widget) into a built console,
// for `./dev start` and the tests only: the release bundle (`./dev build`) never holds it.
import { mkdir, copyFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.resolve(process.argv[2] ?? path.join(root, 'dist'));
await mkdir(path.join(dist, 'examples'), { recursive: true });
for (const f of ['portal.html', 'portal.css', 'portal.js', 'favicon.svg']) {
  await copyFile(path.join(root, 'examples', f), path.join(dist, 'examples', f));
}
