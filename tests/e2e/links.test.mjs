// Deep links: every page, group and instance has a URL; back and forward move between
// them; a reload stays put; a link names its region; the server answers the console's own
// paths with the console and nothing else.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, openConsole } from './support.mjs';

let server, browser;
before(async () => { server = await startServer(); browser = await launchBrowser(); });
after(async () => { await browser?.close(); await server?.stop(); });

const pathOf = (page) => new URL(page.url()).pathname;

test('a link opens its group, instance or page; back, forward and reload keep the place', async () => {
  const { page, problems } = await openConsole(browser, `${server.url}/bce/bj/security-groups/g-web00001`);
  // Loaded, not only opened: a detail opened from a link loads again once the keys arrive.
  await page.waitForSelector('[data-test=group-detail][data-group=g-web00001] tr.rule-row');
  assert.equal(await page.locator('[data-test=group-detail] .error-notice:not(.hidden)').count(), 0);
  assert.equal(await page.getAttribute('[data-page=bce-security-groups]', 'aria-current'), 'page');
  assert.equal(pathOf(page), '/bce/bj/security-groups/g-web00001');

  // Going somewhere is a new history entry.
  await page.click('[data-page=bce-instances]');
  await page.waitForSelector('[data-test=page-bce-instances]');
  assert.equal(pathOf(page), '/bce/bj/instances');
  await page.click('tr[data-instance=i-db000001] [data-test=instance-open]');
  await page.waitForSelector('[data-instance-panel=i-db000001]');
  assert.equal(pathOf(page), '/bce/bj/instances/i-db000001');
  await page.click('[data-test=instance-close]');
  await page.waitForSelector('[data-test=instance-panel]', { state: 'detached' });
  assert.equal(pathOf(page), '/bce/bj/instances');

  // Back: the panel again, then the list, then the group.
  await page.goBack();
  await page.waitForSelector('[data-instance-panel=i-db000001]');
  await page.goBack();
  await page.waitForSelector('[data-test=instance-panel]', { state: 'detached' });
  assert.equal(pathOf(page), '/bce/bj/instances');
  await page.goBack();
  await page.waitForSelector('[data-test=group-detail][data-group=g-web00001]');
  assert.equal(pathOf(page), '/bce/bj/security-groups/g-web00001');
  // Forward, then a reload where it lands.
  await page.goForward();
  await page.waitForSelector('[data-test=page-bce-instances]');
  await page.goForward();
  await page.waitForSelector('[data-instance-panel=i-db000001]');
  await page.reload();
  await page.waitForSelector('html[data-palisade-ready=true]');
  await page.waitForSelector('[data-instance-panel=i-db000001]');
  assert.equal(await page.locator('.error-notice:not(.hidden)').count(), 0);
  assert.equal(pathOf(page), '/bce/bj/instances/i-db000001');

  // Another group opened from the list replaces the open one in the URL.
  await page.click('[data-page=bce-security-groups]');
  await page.click('tr[data-group=g-db000001] [data-test=open-group]');
  await page.waitForSelector('[data-test=group-detail][data-group=g-db000001]');
  assert.equal(pathOf(page), '/bce/bj/security-groups/g-db000001');

  // The pages over both clouds.
  await page.click('[data-page=exposure]');
  await page.waitForFunction(() => location.pathname === '/exposure');
  await page.click('[data-page=home]');
  await page.waitForFunction(() => location.pathname === '/');
  assert.deepEqual(problems, []);
  await page.close();
});

test('enterprise and Huawei groups have links too', async () => {
  const { page, problems } = await openConsole(browser, `${server.url}/bce/bj/enterprise-security-groups/esg-demo00000001`);
  await page.waitForSelector('[data-test=esg-detail][data-group=esg-demo00000001] tr.rule-row');
  await page.click('[data-test=esg-detail-close]');
  await page.waitForFunction(() => location.pathname === '/bce/bj/enterprise-security-groups');

  await page.click('[data-page=huawei-security-groups]');
  assert.equal(pathOf(page), '/huawei/cn-north-4/security-groups');
  const id = await page.locator('[data-test=hw-group-list] tbody tr[data-group]').first().getAttribute('data-group');
  await page.click(`tr[data-group="${id}"] [data-test=open-group]`);
  await page.waitForSelector(`[data-test=hw-group-detail][data-group="${id}"]`);
  assert.equal(pathOf(page), `/huawei/cn-north-4/security-groups/${id}`);
  await page.goto(`${server.url}/huawei/cn-north-4/security-groups/${id}`);
  await page.waitForSelector(`[data-test=hw-group-detail][data-group="${id}"] [data-test=hw-group-name]`);
  await page.waitForSelector(`[data-test=hw-group-detail] tr.rule-row`);
  assert.equal(await page.locator('[data-test=hw-group-detail] .error-notice:not(.hidden)').count(), 0);
  assert.deepEqual(problems, []);
  await page.close();
});

test('a link names its region: it opens there, and a region chosen in Settings moves the URL', async () => {
  const { page, problems } = await openConsole(browser, `${server.url}/bce/gz/security-groups`);
  await page.waitForSelector('[data-test=page-bce-security-groups]');
  await page.waitForFunction(() => document.querySelector('[data-test=scope]')?.textContent.includes('gz'));
  await page.click('[data-test=settings-toggle]');
  assert.equal(await page.inputValue('[data-test=bce-region]'), 'gz');
  // Back in bj with a group open, a region change closes the group (it belongs to bj).
  await page.selectOption('[data-test=bce-region]', 'bj');
  await page.waitForFunction(() => location.pathname === '/bce/bj/security-groups');
  await page.click('tr[data-group=g-web00001] [data-test=open-group]');
  await page.waitForFunction(() => location.pathname === '/bce/bj/security-groups/g-web00001');
  await page.selectOption('[data-test=bce-region]', 'gz');
  await page.waitForFunction(() => location.pathname === '/bce/gz/security-groups');
  assert.equal(await page.locator('[data-test=group-detail]').count(), 0);
  // Back returns to bj and its group: the URL's region wins over the settings'.
  await page.goBack();
  await page.waitForSelector('[data-test=group-detail][data-group=g-web00001]');
  assert.equal(await page.inputValue('[data-test=bce-region]'), 'bj');
  assert.deepEqual(problems, []);
  await page.close();
});

test('the server answers the console\'s paths with the console, and 404s the rest', async () => {
  for (const p of ['/bce/bj/security-groups/g-web00001', '/bce/gz/instances', '/huawei/cn-north-4/security-groups', '/exposure']) {
    const res = await fetch(`${server.url}${p}`);
    assert.equal(res.status, 200, p);
    assert.match(res.headers.get('content-type'), /text\/html/, p);
    assert.match(res.headers.get('content-security-policy'), /script-src 'self'/, p);
    assert.match(await res.text(), /id="palisade-boot"/, p);
  }
  for (const p of ['/bce/mars/security-groups', '/bce/bj/nope', '/bce/bj/endpoints/x', '/huawei/bj/security-groups', '/bce/bj/security-groups/a/b', '/nope']) {
    assert.equal((await fetch(`${server.url}${p}`)).status, 404, p);
  }
});

test('a link to a group that is gone opens it with the cloud\'s error, not an empty page', async () => {
  const { page } = await openConsole(browser, `${server.url}/bce/bj/security-groups/g-nothere1`);
  await page.waitForSelector('[data-test=group-detail][data-group=g-nothere1]');
  await page.waitForSelector('[data-test=group-detail] .error-notice:not(.hidden)');
  assert.equal(pathOf(page), '/bce/bj/security-groups/g-nothere1');
  await page.close();
});
