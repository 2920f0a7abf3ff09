// The details of the first hour (#34, in part): the language kept on reload like the
// theme, regions by code and name, counted words in both languages, a group that does
// not exist offering nothing to add, and a path of no place answered with why.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, openConsole, openPage } from './support.mjs';

let server, browser;
before(async () => { server = await startServer(); browser = await launchBrowser(); });
after(async () => { await browser?.close(); await server?.stop(); });

test('the language survives a reload, and regions are named in it', async () => {
  const { page } = await openConsole(browser, server.url);
  await page.selectOption('[data-test=language]', 'zh');
  await page.waitForFunction(() => document.documentElement.lang === 'zh-CN');
  await page.reload();
  await page.waitForSelector('html[data-palisade-ready=true]');
  await page.waitForFunction(() => document.documentElement.lang === 'zh-CN');
  assert.equal(await page.inputValue('[data-test=language]'), 'zh');
  await page.click('[data-test=settings-toggle]');
  const bj = await page.textContent('[data-test=bce-region] option[value=bj]');
  assert.match(bj, /^bj .*北京/, `the region by code and name: ${bj}`);
  await page.selectOption('[data-test=language]', 'en');
  await page.waitForFunction(() => /Beijing/.test(document.querySelector('[data-test=bce-region] option[value=bj]')?.textContent ?? ''));
  await page.close();
});

test('counted words agree with their count', async () => {
  const { page } = await openPage(browser, server.url, 'bce-instances');
  await page.check('tr[data-instance=i-web00001] [data-test=pick]');
  assert.equal(await page.textContent('[data-test=picked-count]'), '1 instance picked');
  await page.check('tr[data-instance=i-web00002] [data-test=pick]');
  assert.equal(await page.textContent('[data-test=picked-count]'), '2 instances picked');
  await page.close();
});

test('a group that does not exist shows the cloud\'s error and nothing to add to it', async () => {
  const { page } = await openConsole(browser, `${server.url}/bce/bj/security-groups/g-nosuch001`);
  await page.waitForSelector('[data-test=group-detail] [data-test=error]:not(.hidden)');
  assert.equal(await page.locator('[data-test=rule-form]').count(), 0);
  assert.equal(await page.locator('[data-test=import-file]').count(), 0);
  await page.close();
});

test('a path of no place says why, and leads back to the console', async () => {
  const res = await fetch(`${server.url}/bce/xx/security-groups`);
  assert.equal(res.status, 404);
  const html = await res.text();
  assert.match(html, /Baidu AI Cloud has no region &quot;xx&quot;\. Its regions: bj, gz/);
  assert.match(html, /<a href="\/">Open the console<\/a>/);
  assert.match(await (await fetch(`${server.url}/bce/bj/nothing`)).text(), /has no page &quot;nothing&quot;/);
});
