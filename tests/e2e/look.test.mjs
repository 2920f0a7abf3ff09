// The first minute (issue #22): every page of the tour passes axe-core in both themes and
// fits 1024 px; lists say why they are empty; ids copy; times read in the user's locale;
// the overview's figures open the rows behind them.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { startServer, launchBrowser, openConsole, root } from './support.mjs';
import { tour, setLook } from './tour.mjs';
import { bce, huawei } from './api.mjs';

let server, browser;
before(async () => { server = await startServer(); browser = await launchBrowser(); });
after(async () => { await browser?.close(); await server?.stop(); });

async function audit(page, label) {
  await page.addScriptTag({ path: path.join(root, 'node_modules/axe-core/axe.min.js') });
  const found = await page.evaluate(async () => {
    const r = await window.axe.run(document.querySelector('.palisade'), { resultTypes: ['violations'] });
    return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
  });
  assert.deepEqual(found, [], `${label}: ${found.join('\n')}`);
}

test('each page of the tour passes axe-core in light and dark, and fits a 1024 px window', async () => {
  // axe is injected as a script: this context bypasses the CSP for the audit only.
  const context = await browser.newContext({ bypassCSP: true, viewport: { width: 1024, height: 768 } });
  const { page, problems } = await openConsole(context, server.url);
  const clipped = [];
  // The change-plan step leaves an edited draft: leaving it asks first, and the tour goes on.
  page.on('dialog', (d) => d.accept());
  for (const theme of ['light', 'dark']) {
    await setLook(page, { theme });
    for (const step of tour) {
      await step.show(page);
      await audit(page, `${step.name}, ${theme}`);
      // Nothing sticks out sideways: no horizontal scroll at 1024 px.
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(width <= 1024, `${step.name}: the page is ${width} px wide at 1024`);
      clipped.push(...(await page.evaluate(clippedControls)).map((c) => `1024 ${step.name}: ${c}`));
    }
  }
  // And at 1280 (#34): every button and link is inside its box, or reachable by the
  // scroll of the table that holds it.
  await page.setViewportSize({ width: 1280, height: 800 });
  for (const step of tour) {
    await step.show(page);
    clipped.push(...(await page.evaluate(clippedControls)).map((c) => `1280 ${step.name}: ${c}`));
  }
  // And in Chinese at both widths (#34): its words are shorter, its labels not always.
  await setLook(page, { lang: 'zh' });
  for (const width of [1024, 1280]) {
    await page.setViewportSize({ width, height: 800 });
    for (const step of tour) {
      await step.show(page);
      clipped.push(...(await page.evaluate(clippedControls)).map((c) => `zh ${width} ${step.name}: ${c}`));
    }
  }
  await setLook(page, { lang: 'en' });
  console.log(`clipped controls: ${clipped.length}`);
  assert.deepEqual(clipped, [], 'no action is cut off where it cannot be scrolled to');
  assert.deepEqual(problems, []);
  await context.close();
});

/** Buttons and links cut off by a box that clips without scrolling to them (in the page). */
function clippedControls() {
  const out = [];
  for (const el of document.querySelectorAll('.palisade button, .palisade a[href], .palisade summary')) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0 || el.closest('.hidden, [hidden]')) continue;
    let ok = true;
    for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
      const cs = getComputedStyle(p);
      if (cs.overflowX === 'visible' && cs.overflowY === 'visible') continue;
      const b = p.getBoundingClientRect();
      const outside = r.right > b.right + 1 || r.left < b.left - 1;
      if (!outside) continue;
      // A box that scrolls sideways to it is where it is seen (its scrollbar the cue).
      const reach = b.left - p.scrollLeft + p.scrollWidth;
      const scrolls = ['auto', 'scroll'].includes(cs.overflowX) && p.scrollWidth > p.clientWidth;
      if (!scrolls || r.right > reach + 1) ok = false;
      break;
    }
    if (ok && r.left >= window.innerWidth && !el.closest('.rule-scroll, .table-scroll')) ok = false;
    if (!ok) out.push(el.dataset.test ?? el.textContent.trim().slice(0, 40));
  }
  return [...new Set(out)];
}

test('a list says what to do when empty, how to clear a filter that hides everything, and keeps its place while loading', async () => {
  const { page } = await openConsole(browser, server.url);
  // A slow first answer: the placeholder holds the table's place, then gives way.
  await page.route('**/api/bce/bj/v1/enterprise/security**', async (route) => {
    await new Promise((r) => setTimeout(r, 600));
    // The page may have moved on (a later request, the unroute) by then.
    await route.continue().catch(() => {});
  });
  await page.click('[data-page=bce-enterprise-security-groups]');
  const placeholder = await page.waitForSelector('[data-test=list-loading]');
  assert.ok((await placeholder.boundingBox()).height >= 80, 'the placeholder is as tall as a few rows');
  await page.waitForSelector('tr[data-esg]');
  assert.equal(await page.locator('[data-test=list-loading]').count(), 0);
  await page.unroute('**/api/bce/bj/v1/enterprise/security**');
  // A filter that matches nothing says so, with the words, and clears.
  await page.fill('[data-test=filter]', 'no-such-group');
  const none = page.locator('[data-test=list-no-match]');
  await none.waitFor();
  assert.match(await none.textContent(), /no-such-group/);
  await page.click('[data-test=clear-filter]');
  await page.waitForSelector('tr[data-esg]');
  assert.equal(await page.inputValue('[data-test=filter]'), '');
  // A region with nothing in it: each list says what to do next, and leads to Settings.
  await page.click('[data-test=settings-toggle]');
  await page.selectOption('[data-test=bce-region]', 'gz');
  await page.click('[data-test=settings-close]');
  for (const slug of ['bce-security-groups', 'bce-enterprise-security-groups', 'bce-instances', 'bce-endpoints']) {
    await page.click(`[data-page=${slug}]`);
    const empty = page.locator('[data-test=list-empty]');
    await empty.waitFor();
    assert.ok((await empty.textContent()).length > 30, `${slug}: ${await empty.textContent()}`);
  }
  await page.click('[data-test=empty-settings]');
  await page.waitForSelector('[data-test=settings]');
  await page.close();
});

test('an id copies to the clipboard, and Huawei times read in the reader\'s language', async () => {
  const context = await browser.newContext({ permissions: ['clipboard-read', 'clipboard-write'] });
  const { page } = await openConsole(context, server.url);
  await page.click('[data-page=bce-security-groups]');
  await page.click('tr[data-group=g-ssh00001] [data-test=copy-id]');
  await page.waitForFunction(() => document.querySelector('tr[data-group=g-ssh00001] [data-test=copy-state]')?.textContent === 'Copied');
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), 'g-ssh00001');
  // Times: the API's text in `datetime`, the reader's locale on screen (both languages).
  const group = (await huawei(server.url, 'GET', '/security-groups')).body.security_groups.find((g) => g.name === 'bastion');
  await page.click('[data-page=huawei-security-groups]');
  await page.click(`tr[data-group="${group.id}"] [data-test=open-group]`);
  const times = page.locator('[data-test=hw-group-times] time');
  await times.first().waitFor();
  for (const [lang, tag] of [['en', 'en'], ['zh', 'zh-CN']]) {
    await setLook(page, { lang });
    const shown = await times.evaluateAll((ts, tag) => ts.map((t) => [t.textContent, new Date(t.dateTime).toLocaleString(tag), t.dateTime]), tag);
    assert.deepEqual(shown.map((s) => s[2]), [group.created_at, group.updated_at]);
    for (const [text, want] of shown) assert.equal(text, want, lang);
  }
  await context.close();
});

test('an overview figure opens the rows behind it, and "Show all" the rest', async () => {
  const made = await bce(server.url, 'POST', '/v2/securityGroup', { query: { clientToken: 'look-1' }, body: {
    name: 'orphan', desc: 'bound to nothing', rules: [{ direction: 'ingress', ethertype: 'IPv4', protocol: 'tcp', portRange: '443', sourceIp: '10.0.0.0/8', remark: 'r' }],
  } });
  assert.equal(made.status, 200, JSON.stringify(made.body));
  const id = made.body.securityGroupId;
  const all = (await bce(server.url, 'GET', '/v2/securityGroup')).body.securityGroups.length;
  const { page, problems } = await openConsole(browser, server.url);
  await page.waitForFunction(() => /5 \/ 5/.test(document.querySelector('[data-test=overview-progress]')?.textContent));
  assert.equal(await page.getAttribute('[data-test=ov-unbound]', 'data-count'), '1');
  await page.click('[data-test=ov-unbound]');
  await page.waitForSelector('[data-test=narrowed]');
  await page.waitForSelector('[data-test=group-list] tbody tr[data-group]');
  assert.deepEqual(await page.locator('[data-test=group-list] tbody tr[data-group]').evaluateAll((r) => r.map((x) => x.dataset.group)), [id]);
  await page.click('[data-test=show-all]');
  await page.waitForFunction((n) => document.querySelectorAll('[data-test=group-list] tbody tr[data-group]').length === n, all);
  assert.equal(await page.locator('[data-test=narrowed]').count(), 0);
  // A sensitive port opens the exposure view filtered to it.
  await page.click('[data-page=home]');
  await page.click('[data-test=ov-sensitive] li[data-port="22"] button');
  await page.waitForSelector('[data-test=page-exposure]');
  assert.equal(await page.inputValue('[data-test=page-exposure] [data-test=filter]'), '22');
  // Another page is not narrowed by what the overview last opened.
  await page.click('[data-page=home]');
  await page.click('[data-test=ov-unbound]');
  await page.waitForSelector('[data-test=narrowed]');
  await page.click('[data-page=bce-instances]');
  await page.click('[data-page=bce-security-groups]');
  await page.waitForFunction((n) => document.querySelectorAll('[data-test=group-list] tbody tr[data-group]').length === n, all);
  assert.deepEqual(problems, []);
  await page.close();
});

test('a long group list is a window: the rows in view are drawn, scrolling and the filter reach the rest', async () => {
  for (let i = 0; i < 90; i++) {
    const made = await bce(server.url, 'POST', '/v2/securityGroup', { query: { clientToken: `many-${i}` }, body: { name: `many-${String(i).padStart(3, '0')}`, desc: 'window' } });
    assert.equal(made.status, 200, JSON.stringify(made.body));
  }
  const all = (await bce(server.url, 'GET', '/v2/securityGroup')).body.securityGroups;
  const { page, problems } = await openConsole(browser, `${server.url}/bce/bj/security-groups`);
  await page.waitForSelector('[data-test=group-list] tr[data-group]');
  const drawn = await page.locator('[data-test=group-list] tbody tr[data-group]').count();
  assert.ok(drawn < all.length && drawn >= 10, `${drawn} of ${all.length} rows drawn`);
  // The spacers stand for the rest, so the scroller is as tall as the whole list.
  const height = await page.$eval('[data-test=group-list] .rule-scroll', (s) => s.scrollHeight);
  assert.ok(height >= all.length * 32, `${height}px for ${all.length} rows`);
  await page.$eval('[data-test=group-list] .rule-scroll', (s) => { s.scrollTop = s.scrollHeight; });
  const last = all[all.length - 1].id;
  await page.waitForSelector(`[data-test=group-list] tr[data-group="${last}"]`);
  assert.equal(await page.locator(`[data-test=group-list] tr[data-group="${all[0].id}"]`).count(), 0, 'the first rows left the DOM');
  // Opening a row far down works like any other.
  await page.click(`[data-test=group-list] tr[data-group="${last}"] [data-test=open-group]`);
  await page.waitForSelector(`[data-test=group-detail][data-group="${last}"]`);
  await page.fill('[data-test=page-bce-security-groups] > .toolbar [data-test=filter]', 'many-042');
  await page.waitForFunction(() => document.querySelectorAll('[data-test=group-list] tr[data-group]').length === 1);
  assert.match(await page.textContent('[data-test=group-list] tr[data-group]'), /many-042/);
  assert.deepEqual(problems, []);
  await page.close();
});
