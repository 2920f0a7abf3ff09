// Baidu regular groups made and removed from the console (#16's first point): a create
// checked as typed by core's rules, read back from the API; a bound group's deletion
// refused and explained; an unbound one deleted after confirmation.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, openPage } from './support.mjs';
import { bce } from './api.mjs';

let server, browser;
before(async () => { server = await startServer(); browser = await launchBrowser(); });
after(async () => { await browser?.close(); await server?.stop(); });

const list = async () => (await bce(server.url, 'GET', '/v2/securityGroup')).body.securityGroups;

test('a regular group is created in a chosen VPC, checked as typed; a bound group is not deleted, an unbound one is', async () => {
  const { page, problems } = await openPage(browser, server.url, 'bce-security-groups');
  const sent = [];
  page.on('request', (r) => { if (r.method() !== 'GET' && r.url().includes('/api/bce/')) sent.push(`${r.method()} ${new URL(r.url()).pathname}`); });
  await page.waitForSelector('tr[data-group]');
  // A name that breaks the rule is marked with its code and cannot be sent.
  await page.fill('[data-test=sg-new-name]', '9-starts-with-a-digit');
  await page.waitForSelector('#sg-new-name-error:not(:empty)');
  assert.equal(await page.isDisabled('[data-test=sg-create-submit]'), true);
  // A good one, in the staging VPC.
  const vpcs = (await bce(server.url, 'GET', '/v1/vpc')).body.vpcs;
  const staging = vpcs.find((v) => !v.isDefault) ?? vpcs[0];
  await page.fill('[data-test=sg-new-name]', 'made-here');
  await page.fill('[data-test=sg-new-description]', 'from the console');
  await page.selectOption('[data-test=sg-new-vpc]', staging.vpcId);
  await page.click('[data-test=sg-create-submit]');
  const made = await page.waitForFunction(() => document.querySelector('[data-test=group-detail]')?.dataset.group);
  const id = await made.jsonValue();
  const created = (await list()).find((g) => g.id === id);
  assert.equal(created.name, 'made-here');
  assert.equal(created.desc, 'from the console');
  assert.equal(created.vpcId, staging.vpcId);
  // The list shows it once its reload answers (the detail opens first).
  await page.waitForSelector(`tr[data-group=${id}]`);
  // A bound group: the cloud refuses, the notice names the code, the group stays.
  await page.click('tr[data-group=g-web00001] [data-test=delete-group]');
  assert.match(await page.textContent('[data-test=delete-group-summary]'), /web \(g-web00001\): 3 rules/);
  await page.click('[data-test=dialog-confirm]');
  await page.waitForSelector('.error-notice:not(.hidden) [data-code="SecurityGroup.SecurityGroupInUse"]');
  assert.ok((await list()).some((g) => g.id === 'g-web00001'));
  // The new one, bound to nothing, goes.
  await page.click(`tr[data-group=${id}] [data-test=delete-group]`);
  await page.click('[data-test=dialog-confirm]');
  await page.waitForFunction((g) => !document.querySelector(`tr[data-group=${g}]`), id);
  assert.ok(!(await list()).some((g) => g.id === id));
  assert.deepEqual(sent.filter((s) => s.startsWith('POST')), ['POST /api/bce/bj/v2/securityGroup'], 'the bad name was never sent');
  assert.deepEqual(problems.filter((p) => !/409/.test(p)), []);
  await page.close();
});

test('an enterprise group is cloned: the editor starts from its rules under a new name, and the copy has the same rules', async () => {
  const esgs = async () => (await bce(server.url, 'GET', '/v1/enterprise/security')).body.enterpriseSecurityGroups;
  const source = (await esgs()).find((g) => g.id === 'esg-demo00000001');
  const { page, problems } = await openPage(browser, server.url, 'bce-enterprise-security-groups');
  await page.click('tr[data-esg=esg-demo00000001] [data-test=clone-esg]');
  assert.equal(await page.inputValue('[data-test=esg-name]'), `${source.name}-copy`);
  assert.equal(await page.locator('[data-test=esg-rule-row]').count(), source.rules.length);
  await page.click('[data-test=esg-submit]');
  await page.waitForSelector('[data-test=esg-created]');
  const copy = (await esgs()).find((g) => g.name === `${source.name}-copy`);
  assert.ok(copy && copy.id !== source.id, 'a new group');
  const shape = (g) => g.rules.map((r) => [r.direction, r.protocol, r.portRange, r.sourceIp ?? r.destIp, r.action, Number(r.priority), r.remark].join(' ')).sort();
  assert.deepEqual(shape(copy), shape(source));
  assert.deepEqual(problems, []);
  await page.close();
});
