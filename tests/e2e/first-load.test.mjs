// The first load from `palisade serve` into a fresh profile (no cache): the bytes on the
// wire, when the HTML shell is first painted, when the live shell (the wasm) is up and
// when the security-group list is shown, on loopback
// and under Chromium's "Fast 3G" (DevTools Network.emulateNetworkConditions). Timings are
// printed, not asserted. Asserted: a page opened before /api/config has answered (no keys
// yet) still loads once they arrive.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser } from './support.mjs';

let server, browser;
before(async () => { server = await startServer(); browser = await launchBrowser(); });
after(async () => { await browser?.close(); await server?.stop(); });

// DevTools' "Fast 3G" preset.
const FAST_3G = { offline: false, latency: 150 * 3.75, downloadThroughput: (1.6 * 1024 * 1024 / 8) * 0.9, uploadThroughput: (750 * 1024 / 8) * 0.9 };

/** A fresh context and page with the network conditions applied; counts bytes received. */
async function freshPage(conditions) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  if (conditions) await cdp.send('Network.emulateNetworkConditions', conditions);
  const bytes = { total: 0 };
  cdp.on('Network.loadingFinished', (e) => { bytes.total += e.encodedDataLength; });
  // When the shell and the list first show, by the page's own clock.
  await page.addInitScript(() => {
    window.__seen = {};
    new MutationObserver(() => {
      const now = performance.now();
      if (!window.__seen.shell && document.querySelector('.palisade [data-page]')) window.__seen.shell = now;
      if (!window.__seen.list && document.querySelector('[data-test=group-list] tbody tr[data-group]')) window.__seen.list = now;
    }).observe(document, { childList: true, subtree: true });
  });
  return { context, page, bytes };
}

for (const [label, conditions] of [['loopback', null], ['Fast 3G', FAST_3G]]) {
  test(`first load, ${label}: bytes, shell, list`, async () => {
    const { context, page, bytes } = await freshPage(conditions);
    await page.goto(`${server.url}/`);
    await page.click('[data-page=bce-security-groups]');
    await page.waitForSelector('[data-test=group-list] tbody tr[data-group]', { timeout: 30000 });
    const seen = await page.evaluate(() => ({ ...window.__seen, paint: performance.getEntriesByName('first-contentful-paint')[0]?.startTime }));
    console.log(`first load, ${label}: ${bytes.total.toLocaleString('en')} B transferred; HTML shell painted after ${Math.round(seen.paint)} ms, live shell after ${Math.round(seen.shell)} ms, list after ${Math.round(seen.list)} ms`);
    // The HTML shell paints before the wasm has arrived.
    assert.ok(seen.paint < seen.shell, `first paint ${seen.paint} ms, live shell ${seen.shell} ms`);
    assert.ok(bytes.total > 100000, 'the bundle came over the wire (no cache)');
    await context.close();
  });
}

test('a page opened before the settings arrive loads once they do (Fast 3G, /api/config held back)', async () => {
  const { context, page } = await freshPage(FAST_3G);
  let configAnswered = 0;
  await page.route('**/api/config', async (route) => {
    await new Promise((r) => setTimeout(r, 1500));
    await route.continue();
    configAnswered = Date.now();
  });
  await page.goto(`${server.url}/`);
  await page.click('[data-page=bce-security-groups]');
  const clicked = Date.now();
  await page.waitForSelector('[data-test=group-list] tbody tr[data-group]', { timeout: 30000 });
  assert.ok(configAnswered > clicked, 'the page was opened before /api/config answered');
  // The early "set the keys" error does not linger once the list is there.
  assert.deepEqual(await page.locator('.error-notice:not(.hidden)').allTextContents(), []);
  await context.close();
});
