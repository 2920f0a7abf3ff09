// The bundle split by page (#32): each page's code arrives with the page; a chunk that fails
// to load is an error with Retry, never a dead console; a widget fetches only the chunks
// of its own pages. Reads dist/split.json (written by crates/split) for the file names.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { startServer, launchBrowser, failOnUncaughtErrors, root } from './support.mjs';

let server, browser;
before(async () => { server = await startServer(); browser = await launchBrowser(); });
after(async () => { await browser?.close(); await server?.stop(); });

const split = JSON.parse(readFileSync(path.join(root, 'dist/split.json'), 'utf8'));
const base = (u) => u.replace(/^.*\//, '');
const main = new Set([base(split.js), base(split.wasm)]);
const filesOf = (...pages) => new Set(pages.flatMap((p) => split.pages[p]));

/** A fresh page that records every .wasm it fetches. */
async function freshPage() {
  const context = await browser.newContext();
  const page = await context.newPage();
  await failOnUncaughtErrors(page);
  const wasm = [];
  page.on('request', (r) => { if (r.url().endsWith('.wasm')) wasm.push(base(r.url())); });
  return { context, page, wasm };
}

test('the overview loads the main module and its own chunks only; another page\'s chunks come when it opens', async () => {
  assert.ok(Object.keys(split.pages).length >= 4, `pages split: ${Object.keys(split.pages)}`);
  const { context, page, wasm } = await freshPage();
  await page.goto(server.url);
  await page.waitForSelector('[data-test=overview]');
  const overview = filesOf('page_overview');
  assert.deepEqual(wasm.filter((f) => !main.has(f) && !overview.has(f)), [], 'nothing but the overview\'s chunks');
  assert.ok(wasm.some((f) => f.startsWith('split_page_overview-')), 'the overview\'s own chunk');
  await page.click('[data-page=bce-security-groups]');
  await page.waitForSelector('[data-test=group-list] tbody tr[data-group]');
  assert.ok(wasm.some((f) => f.startsWith('split_page_lists-')), 'the lists\' chunk came with the list');
  assert.ok(!wasm.some((f) => f.startsWith('split_page_details-')), 'no group is open yet');
  await page.click('tr[data-group=g-web00001] [data-test=open-group]');
  await page.waitForSelector('[data-test=group-detail][data-group=g-web00001] .rule-row');
  assert.ok(wasm.some((f) => f.startsWith('split_page_details-')), 'the details\' chunk came with the group');
  await context.close();
});

test('a chunk that fails to load shows why with Retry, the console stays alive, and Retry loads it', async () => {
  const { context, page } = await freshPage();
  // The files only the lists need (the chunks they share with the overview must load).
  const others = filesOf(...Object.keys(split.pages).filter((p) => p !== 'page_lists'));
  const lists = [...filesOf('page_lists')].filter((f) => !others.has(f));
  assert.ok(lists.length > 0);
  let [blocking, blocked] = [true, 0];
  await page.route((url) => lists.some((f) => url.pathname.endsWith(f)), (route) => {
    if (!blocking) return route.continue();
    blocked++;
    return route.abort('connectionfailed');
  });
  await page.goto(server.url);
  await page.waitForSelector('[data-test=overview]');
  await page.click('[data-page=bce-security-groups]');
  await page.waitForSelector('[data-test=page-load-failed]');
  assert.ok(blocked > 0, 'the chunk was asked for and refused');
  assert.match(await page.textContent('[data-test=page-load-failed]'), /could not be loaded/);
  // The rest of the console works: another page opens, and coming back tries again.
  await page.click('[data-page=exposure]');
  await page.waitForSelector('[data-test=page-exposure]');
  await page.click('[data-page=bce-security-groups]');
  await page.waitForSelector('[data-test=page-load-failed]');
  // The network is back: Retry, on the page, fetches the chunk.
  blocking = false;
  await page.click('[data-test=page-retry]');
  await page.waitForSelector('[data-test=group-list] tbody tr[data-group]');
  assert.equal(await page.locator('[data-test=page-load-failed]').count(), 0);
  await context.close();
});

test('a widget fetches only the chunks of its own pages, idle prefetch included', async () => {
  const { context, page, wasm } = await freshPage();
  await page.addInitScript(() => { window.portalFirstOptions = { pages: ['bce-instances'] }; });
  await page.goto(`${server.url}/examples/portal.html`);
  await page.waitForSelector('#console-slot tr[data-instance=i-web00001]');
  // Past the idle prefetch (3 s after mounting).
  await page.waitForTimeout(4500);
  const allowed = new Set([...main, ...filesOf('page_lists')]);
  assert.deepEqual(wasm.filter((f) => !allowed.has(f)), [], 'no chunk of a page the widget does not show');
  const manifest = await (await fetch(`${server.url}/widget.json`)).json();
  assert.deepEqual(Object.keys(manifest.pages).sort(), Object.keys(split.pages).sort(), 'the manifest names each page\'s chunks');
  assert.equal(manifest.link, split.link);
  await context.close();
});
