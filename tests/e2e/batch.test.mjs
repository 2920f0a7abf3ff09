// Batch bindings (#16): instances picked in the list, one call for all of them
// (PUT /v2/securitygroup/bind|unbind|replace), a confirmation listing each instance's groups
// before and after and leaving out (with the reason) those the cloud would refuse, and a
// result per instance read back after the call. Enterprise groups bound the same way.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, openPage } from './support.mjs';
import { bce } from './api.mjs';

let server, browser;
before(async () => { server = await startServer(); browser = await launchBrowser(); });
after(async () => { await browser?.close(); await server?.stop(); });

const held = async (id) => (await bce(server.url, 'GET', '/v2/instance')).body.instances.find((i) => i.id === id).nicInfo;

async function choose(page, { action, kind, groups }) {
  await page.selectOption('[data-test=batch-action]', action);
  await page.selectOption('[data-test=batch-kind]', kind);
  // A checklist (#34): each group ticked, not a Ctrl-click in a list box.
  for (const g of groups) await page.check(`[data-test=batch-groups] input[value=${g}]`);
}

test('bind a group to picked instances: the confirmation lists each change and leaves out the refused; one call; a result per instance', async () => {
  const { page, problems } = await openPage(browser, server.url, 'bce-instances');
  const calls = [];
  page.on('request', (r) => { if (r.method() === 'PUT' && r.url().includes('/securitygroup/')) calls.push({ path: new URL(r.url()).pathname, body: JSON.parse(r.postData()) }); });
  await page.waitForSelector('tr[data-instance=i-web00001]');
  for (const id of ['i-web00001', 'i-web00002', 'i-expired1', 'i-app00001']) await page.check(`tr[data-instance=${id}] [data-test=pick]`);
  assert.match(await page.textContent('[data-test=picked-count]'), /^4 /);
  await choose(page, { action: 'bind', kind: 'normal', groups: ['g-db000001'] });
  await page.click('[data-test=batch-review]');
  const plan = await page.locator('[data-test=batch-plan] li').evaluateAll((l) => l.map((x) => [x.dataset.planned, x.dataset.refused, x.textContent]));
  const byId = Object.fromEntries(plan.map(([id, refused, text]) => [id, { refused, text }]));
  assert.match(byId['i-web00001'].text, /g-web00001, g-default0 → g-web00001, g-default0, g-db000001/);
  assert.equal(byId['i-expired1'].refused, 'true');
  assert.match(byId['i-expired1'].text, /SecurityGroup\.ExpiredInstanceForbiddenBind/);
  assert.match(byId['i-app00001'].text, /SecurityGroup\.InstanceHoldsOtherType/, 'an instance holds one kind only');
  await page.click('[data-test=dialog-confirm]');
  await page.waitForSelector('[data-test=batch-results] li');
  assert.deepEqual(calls, [{ path: '/api/bce/bj/v2/securitygroup/bind', body: { instanceIds: ['i-web00001', 'i-web00002'], securityGroupIds: ['g-db000001'], securityGroupType: 'normal' } }]);
  const results = await page.locator('[data-test=batch-results] li').evaluateAll((l) => l.map((x) => [x.dataset.result, x.dataset.ok]));
  assert.deepEqual(results, [['i-web00001', 'true'], ['i-web00002', 'true']]);
  for (const id of ['i-web00001', 'i-web00002']) assert.deepEqual((await held(id)).securityGroups, ['g-web00001', 'g-default0', 'g-db000001']);
  assert.deepEqual((await held('i-expired1')).securityGroups, ['g-default0'], 'the refused were not sent');

  // Unbind it again from both, in one call.
  await page.click('[data-test=batch-clear]');
  for (const id of ['i-web00001', 'i-web00002']) await page.check(`tr[data-instance=${id}] [data-test=pick]`);
  await choose(page, { action: 'unbind', kind: 'normal', groups: ['g-db000001'] });
  await page.click('[data-test=batch-review]');
  await page.click('[data-test=dialog-confirm]');
  await page.waitForFunction(() => document.querySelectorAll('[data-test=batch-results] li[data-ok=true]').length === 2 && !document.querySelector('[data-test=dialog]'));
  for (const id of ['i-web00001', 'i-web00002']) assert.deepEqual((await held(id)).securityGroups, ['g-web00001', 'g-default0']);

  // When the cloud would refuse every picked instance, there is nothing to confirm.
  await page.click('[data-test=batch-clear]');
  await page.check('tr[data-instance=i-expired1] [data-test=pick]');
  await choose(page, { action: 'bind', kind: 'normal', groups: ['g-db000001'] });
  await page.click('[data-test=batch-review]');
  assert.equal(await page.isDisabled('[data-test=dialog-confirm]'), true);
  await page.click('[data-test=dialog-cancel]');
  assert.deepEqual(problems, []);
  await page.close();
});

test('replace moves an instance to an enterprise group, and back', async () => {
  const { page, problems } = await openPage(browser, server.url, 'bce-instances');
  await page.waitForSelector('tr[data-instance=i-db000001]');
  await page.fill('[data-test=page-bce-instances] > .toolbar [data-test=filter]', 'db-1');
  await page.click('[data-test=pick-matching]');
  assert.match(await page.textContent('[data-test=picked-count]'), /^1 /);
  await choose(page, { action: 'replace', kind: 'enterprise', groups: ['esg-demo00000001'] });
  await page.click('[data-test=batch-review]');
  assert.match(await page.textContent('[data-test=batch-plan] li[data-planned=i-db000001]'), /: g-db000001 → esg-demo00000001/);
  await page.click('[data-test=dialog-confirm]');
  await page.waitForSelector('[data-test=batch-results] li[data-result=i-db000001][data-ok=true]');
  assert.deepEqual(await held('i-db000001'), { securityGroups: [], enterpriseSecurityGroups: ['esg-demo00000001'] });
  // The row says so once the list is read again, by the group's name (#34).
  await page.waitForFunction(() => /^baseline \(enterprise\)$/.test(document.querySelector('tr[data-instance=i-db000001] [data-test=instance-groups]')?.textContent ?? ''));
  await choose(page, { action: 'replace', kind: 'normal', groups: ['g-db000001'] });
  await page.click('[data-test=batch-review]');
  await page.click('[data-test=dialog-confirm]');
  await page.waitForFunction(() => !document.querySelector('[data-test=dialog]'));
  await page.waitForFunction(() => /g-db000001/.test(document.querySelector('[data-test=batch-results]')?.textContent ?? ''));
  assert.deepEqual(await held('i-db000001'), { securityGroups: ['g-db000001'], enterpriseSecurityGroups: [] });
  assert.deepEqual(problems, []);
  await page.close();
});

test("a card's regular groups are set with bindSg; the confirmation names what is replaced", async () => {
  const { page, problems } = await openPage(browser, server.url, 'bce-endpoints');
  const calls = [];
  page.on('request', (r) => { if (r.method() === 'PUT' && r.url().includes('/v1/endpoint/')) calls.push([new URL(r.url()).search.split('&')[0], r.postData()]); });
  await page.click('tr[data-endpoint=endpoint-demo0001] [data-test=bind-sgs]');
  assert.equal(await page.isChecked('[data-sg-choice=g-default0]'), true, 'the card\'s groups start chosen');
  assert.equal(await page.locator('[data-sg-choice=g-stage001]').count(), 0, 'only groups of the card\'s VPC are offered');
  await page.check('[data-sg-choice=g-web00001]');
  assert.equal(await page.locator('[data-test=replace-warning] li').count(), 0);
  await page.uncheck('[data-sg-choice=g-default0]');
  assert.deepEqual(await page.locator('[data-test=replace-warning] li').evaluateAll((l) => l.map((x) => x.dataset.replaced)), ['g-default0']);
  await page.click('[data-test=dialog-confirm]');
  await page.waitForSelector('[data-test=binding-done]');
  assert.deepEqual(calls, [['?bindSg', JSON.stringify({ securityGroupIds: ['g-web00001'] })]]);
  const listed = (await bce(server.url, 'GET', '/v2/securityGroup', { query: { instanceId: 'endpoint-demo0001', vpcId: 'vpc-demo0001' } })).body.securityGroups;
  assert.deepEqual(listed.map((g) => g.id), ['g-web00001']);
  await page.waitForSelector('tr[data-endpoint=endpoint-demo0001] li[data-sg=g-web00001]');
  assert.deepEqual(problems, []);
  await page.close();
});
