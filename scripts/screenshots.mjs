// Writes docs/screenshots/<page>-<theme>-<lang>.png: the built console (dist/) against the
// emulator's fixtures in headless Chromium, each page of the tour in light and dark,
// English and Chinese. Run by `./dev screenshots` (which builds first).
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { startServer, launchBrowser, root } from '../tests/e2e/support.mjs';
import { tour, setLook } from '../tests/e2e/tour.mjs';
import { bce } from '../tests/e2e/api.mjs';

const out = path.join(root, 'docs/screenshots');
await mkdir(out, { recursive: true });
const server = await startServer();
const browser = await launchBrowser();
// Something for the Changes page to show: a change and its undo on the staging group,
// which no other picture shows.
const rule = { direction: 'ingress', ethertype: 'IPv4', protocol: 'tcp', portRange: '8443', sourceIp: '10.0.0.0/8', remark: 'admin from the office' };
await bce(server.url, 'PUT', '/v2/securityGroup/g-stage001', { query: { authorizeRule: '', clientToken: 'shot-1' }, body: { rule } });
await bce(server.url, 'PUT', '/v2/securityGroup/g-stage001', { query: { revokeRule: '', clientToken: 'shot-2' }, body: { rule } });
try {
  for (const lang of ['en', 'zh']) {
    for (const theme of ['light', 'dark']) {
      const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 });
      // The change-plan step leaves an edited draft: leaving it asks first, and the tour goes on.
      page.on('dialog', (d) => d.accept());
      await page.goto(server.url);
      await page.waitForSelector('html[data-palisade-ready=true]');
      await setLook(page, { theme, lang });
      for (const step of tour) {
        const started = performance.now();
        await step.show(page);
        // Let the last paint settle (fonts, the skeleton's fade) before the picture.
        await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
        if (!['change-plan', 'impact'].includes(step.name)) await page.evaluate(() => window.scrollTo(0, 0));
        const file = path.join(out, `${step.name}-${theme}-${lang}.png`);
        await page.screenshot({ path: file });
        console.log(`${path.relative(root, file)}  (${Math.round(performance.now() - started)} ms)`);
      }
      await page.close();
    }
  }
} finally {
  await browser.close();
  await server.stop();
}
