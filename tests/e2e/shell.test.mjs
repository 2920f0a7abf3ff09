// The built console served by `palisade serve`, loaded in Chromium under its own CSP.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, openConsole } from './support.mjs';

let server, browser;
before(async () => { server = await startServer(); browser = await launchBrowser(); });
after(async () => { await browser?.close(); await server?.stop(); });

test('the index page is served with the security headers', async () => {
  const res = await fetch(`${server.url}/`);
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type'), /^text\/html/);
  const csp = res.headers.get('content-security-policy');
  assert.match(csp, /script-src 'self' 'wasm-unsafe-eval';/);
  assert.match(csp, /connect-src 'self';/);
  assert.match(csp, /frame-ancestors 'none'/);
  assert.doesNotMatch(csp, /unsafe-inline/);
  assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
  assert.equal(res.headers.get('cache-control'), 'no-cache');
  const html = await res.text();
  assert.match(html, /id="palisade-boot"/);
  assert.doesNotMatch(html, /<script(?![^>]*\bsrc=)[^>]*>/, 'no inline script');
});

test('the wasm is application/wasm, compressed and immutable', async () => {
  const html = await (await fetch(`${server.url}/`)).text();
  const wasm = html.match(/data-wasm="([^"]+)"/)[1];
  const res = await fetch(`${server.url}${wasm}`, { headers: { 'accept-encoding': 'br' } });
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('content-type'), 'application/wasm');
  assert.equal(res.headers.get('content-encoding'), 'br');
  assert.equal(res.headers.get('cache-control'), 'public, max-age=31536000, immutable');
  const bytes = new Uint8Array(await res.arrayBuffer()); // fetch decodes brotli
  assert.deepEqual([...bytes.slice(0, 4)], [0x00, 0x61, 0x73, 0x6d], 'a wasm module');
  const gz = await fetch(`${server.url}${wasm}`, { headers: { 'accept-encoding': 'gzip' } });
  assert.equal(gz.headers.get('content-encoding'), 'gzip');
  const plain = await fetch(`${server.url}${wasm}`, { headers: { 'accept-encoding': 'identity' } });
  assert.equal(plain.headers.get('content-encoding'), null);
  assert.equal(Number(plain.headers.get('content-length')), bytes.length);
});

test('unknown files are 404 and other methods are refused', async () => {
  assert.equal((await fetch(`${server.url}/nope.js`)).status, 404);
  assert.equal((await fetch(`${server.url}/../Cargo.toml`)).status, 404);
  assert.equal((await fetch(`${server.url}/`, { method: 'POST' })).status, 405);
});

test('the console boots in Chromium under the CSP and shows its shell', async () => {
  const { page, problems } = await openConsole(browser, server.url);
  assert.equal(await page.textContent('.top-bar .brand'), 'Palisade');
  assert.deepEqual(await page.locator('.nav-cloud').allTextContents(), ['Both clouds', 'Baidu AI Cloud', 'Huawei Cloud']);
  await page.click('[data-page=bce-security-groups]');
  assert.equal(await page.textContent('main h2'), 'Security groups');
  assert.deepEqual(problems, [], 'no console errors and no CSP violations');
  await page.close();
});

test('the standalone page: fills the window, a theme switch remembered in the tab, "/" focuses the filter', async () => {
  const { page, problems } = await openConsole(browser, server.url);
  const viewport = page.viewportSize();
  assert.ok((await page.locator('.palisade').boundingBox()).height >= viewport.height - 1, 'the shell reaches the bottom of the window');
  assert.equal(await page.getAttribute('.palisade', 'data-theme'), 'system');
  await page.selectOption('[data-test=theme]', 'dark');
  assert.equal(await page.getAttribute('.palisade', 'data-theme'), 'dark');
  const bg = await page.evaluate(() => getComputedStyle(document.querySelector('.palisade')).backgroundColor);
  assert.equal(bg, 'rgb(17, 22, 31)', 'the dark palette applies');
  await page.reload();
  await page.waitForSelector('html[data-palisade-ready=true]');
  assert.equal(await page.getAttribute('.palisade', 'data-theme'), 'dark', 'remembered in this tab');
  await page.click('[data-page=bce-security-groups]');
  await page.waitForSelector('tr[data-group]');
  await page.locator('main h2').click();
  await page.keyboard.press('/');
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.test), 'filter');
  // In a text field "/" is a character, not a shortcut.
  await page.keyboard.type('10/8');
  assert.equal(await page.inputValue('[data-test=page-bce-security-groups] > .toolbar [data-test=filter]'), '10/8');
  await page.selectOption('[data-test=theme]', 'system');
  assert.deepEqual(problems, []);
  await page.close();
});

test('leaving a page cancels its loads still in flight; a change started there runs on', async () => {
  const { page, problems } = await openConsole(browser, server.url);
  const aborted = [];
  page.on('requestfailed', (r) => aborted.push(`${r.failure()?.errorText} ${new URL(r.url()).pathname}`));
  // The groups list answers slowly: it is still on the wire when the user moves on.
  await page.route('**/api/bce/bj/v2/securityGroup?**', async (route) => {
    await new Promise((r) => setTimeout(r, 800));
    await route.continue().catch(() => {});
  });
  await page.click('[data-page=bce-security-groups]');
  await page.waitForSelector('[data-test=list-loading]');
  await page.click('[data-page=bce-enterprise-security-groups]');
  await page.waitForSelector('tr[data-esg]');
  await page.waitForTimeout(1000);
  assert.ok(aborted.some((a) => /ERR_ABORTED .*\/v2\/securityGroup$/.test(a)), `aborted: ${aborted.join(', ')}`);
  assert.deepEqual(problems, []);
  await page.close();
});

test('emulator mode is marked in the top bar on every page; cloud mode is not (#36)', async () => {
  const { page, problems } = await openConsole(browser, server.url);
  await page.waitForSelector('[data-test=emulator-mark]');
  for (const slug of ['bce-security-groups', 'bce-instances', 'huawei-security-groups', 'exposure']) {
    await page.click(`[data-page=${slug}]`);
    assert.ok(await page.isVisible('.top-bar [data-test=emulator-mark]'), `${slug}: the mark is in view`);
  }
  assert.equal(await page.textContent('[data-test=emulator-mark]'), 'Emulator');
  assert.deepEqual(problems, []);
  await page.close();
  // The same console in cloud mode (every API host sent to a closed loopback port): no mark.
  const cloud = await startServer(['--upstream', 'cloud', '--cloud-address', '127.0.0.1:9']);
  try {
    const p = await browser.newPage();
    const config = p.waitForResponse((r) => r.url().endsWith('/api/config'));
    await p.goto(cloud.url);
    assert.equal((await (await config).json()).mode, 'cloud');
    await p.waitForSelector('html[data-palisade-ready=true]');
    await p.waitForTimeout(300);
    assert.equal(await p.locator('[data-test=emulator-mark]').count(), 0);
    await p.close();
  } finally {
    await cloud.stop();
  }
});
