// Change plans on Baidu enterprise groups and Huawei groups (#17): the same draft → review
// → apply path as regular groups. An enterprise rule is edited in place (one PUT); a
// Huawei rule cannot be, so it is deleted and created again. A failure injected mid-apply
// is rolled back to the group's exact rules (ids included where the cloud keeps them), and
// a second client's change stops the plan.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, openConsole, acceptRisk } from './support.mjs';
import { bce, huawei } from './api.mjs';

let server, browser;
before(async () => { server = await startServer(); browser = await launchBrowser(); });
after(async () => { await browser?.close(); await server?.stop(); });

const esgRule = (portRange, sourceIp, remark, over = {}) => ({ direction: 'ingress', ethertype: 'IPv4', protocol: 'tcp', portRange, sourceIp, localIp: 'all', action: 'allow', priority: 100, remark, ...over });
const esgRules = async (id) => (await bce(server.url, 'GET', '/v1/enterprise/security')).body.enterpriseSecurityGroups.find((g) => g.id === id).rules;
// What a rule is, without what the cloud sets.
const esgShape = (rules) => rules.map((r) => `${r.action} ${r.portRange} ${r.sourceIp} ${Number(r.priority)} ${r.remark ?? ''}`).sort();

async function esgGroup(name, rules) {
  const made = await bce(server.url, 'POST', '/v1/enterprise/security', { query: { clientToken: `plan-${name}` }, body: { name, desc: 'plan test', rules } });
  assert.equal(made.status, 200, JSON.stringify(made.body));
  return made.body.enterpriseSecurityGroupId;
}

async function hwGroup(name, rules) {
  const made = (await huawei(server.url, 'POST', '/security-groups', { body: { security_group: { name } } })).body.security_group;
  for (const r of await hwRules(made.id)) assert.equal((await huawei(server.url, 'DELETE', `/security-group-rules/${r.id}`)).status, 204);
  for (const r of rules) {
    const res = await huawei(server.url, 'POST', '/security-group-rules', { body: { security_group_rule: { security_group_id: made.id, direction: 'ingress', protocol: 'tcp', action: 'allow', priority: 10, ...r } } });
    assert.equal(res.status, 201, JSON.stringify(res.body));
  }
  return made.id;
}
const hwRules = async (id) => (await huawei(server.url, 'GET', '/security-group-rules', { query: { security_group_id: id } })).body.security_group_rules;
const hwShape = (rules) => rules.map((r) => `${r.action} ${r.multiport} ${r.remote_ip_prefix} ${r.priority} ${r.description}`).sort();

async function openDraft(path, detail, rows = true) {
  const { page, problems } = await openConsole(browser, `${server.url}${path}`);
  await page.waitForSelector(`${detail} [data-test=draft-start]:not([disabled])`);
  await page.click(`${detail} [data-test=draft-start]`);
  await page.waitForSelector(rows ? '[data-test=draft] tr[data-draft-rule]' : '[data-test=draft]');
  return { page, problems };
}

async function setField(page, row, field, value) {
  const cell = `[data-test=draft] tr[data-draft-rule="${row}"] [data-test=draft-${field}]`;
  if (field === 'action') await page.selectOption(cell, value);
  else {
    await page.fill(cell, value);
    await page.press(cell, 'Tab');
  }
}

const rowOf = (page, port) => page.locator('[data-test=draft] tr[data-draft-rule]').evaluateAll((rows, p) => rows.findIndex((r) => r.querySelector('[data-test=draft-ports]').value === p), port);
const callsOf = (page) => page.locator('[data-test=plan-calls] li').evaluateAll((l) => l.map((x) => `${x.dataset.call} ${x.textContent}`));

test('an enterprise group: an edit in place, a port change made before it breaks, a warning for SSH to the world; applied', async () => {
  const id = await esgGroup('esg-apply', [esgRule('80', 'all', 'http'), esgRule('443', 'all', 'https')]);
  const before = await esgRules(id);
  const { page, problems } = await openDraft(`/bce/bj/enterprise-security-groups/${id}`, '[data-test=esg-detail]');
  // A remark changes nothing the rule matches: an edit in place. A port does: the new
  // rule goes in before the old one leaves.
  await setField(page, await rowOf(page, '443'), 'remark', 'web');
  await setField(page, await rowOf(page, '80'), 'ports', '8080');
  await page.click('[data-test=draft-add]');
  const added = (await page.locator('[data-test=draft] tr[data-draft-rule]').count()) - 1;
  await setField(page, added, 'ports', '22');
  await setField(page, added, 'remote', '0.0.0.0/0');
  await setField(page, added, 'priority', '50');
  assert.deepEqual(await esgRules(id), before, 'nothing sent before Apply');
  const changed = await page.locator('[data-test=plan-diff] li[data-change=changed]').evaluateAll((l) => l.map((x) => x.textContent.split(': ').pop()).sort());
  assert.deepEqual(changed, ['portRange 80 → 8080', 'remark https → web']);
  const calls = await callsOf(page);
  const idOf = (port) => before.find((r) => r.portRange === port).enterpriseSecurityGroupRuleId;
  // The two new rules go in one call (the API takes 20).
  assert.equal(calls.length, 3, calls.join('\n'));
  assert.equal(calls[0], `updateRule PUT /v1/enterprise/security/rule/${idOf('443')} {"remark":"web"}`);
  assert.deepEqual(calls.slice(1).map((c) => c.split(' ')[0]), ['authorizeRule', 'deleteRule']);
  assert.match(calls[1], /^authorizeRule PUT \?authorizeRule \(2\) .* 8080 all · 100 · .* 22 0\.0\.0\.0\/0 · 50$/);
  assert.match(calls[2], new RegExp(`^deleteRule DELETE /v1/enterprise/security/rule/${idOf('80')} `));
  const warnings = await page.locator('[data-test=plan-warnings] li').evaluateAll((l) => l.map((x) => x.dataset.warning));
  assert.ok(warnings.includes('sensitive'), warnings.join(','));
  assert.ok(await page.isDisabled('[data-test=plan-apply]'), 'SSH to the world waits for an explicit yes');
  await acceptRisk(page, '[data-test=draft]');
  await page.click('[data-test=plan-apply]');
  await page.waitForSelector('[data-test=plan-applied]');
  const after = await esgRules(id);
  assert.deepEqual(esgShape(after), ['allow 22 0.0.0.0/0 50 ', 'allow 443 all 100 web', 'allow 8080 all 100 http']);
  assert.equal(after.find((r) => r.portRange === '443').enterpriseSecurityGroupRuleId, idOf('443'), 'edited in place, not recreated');
  assert.deepEqual(problems, []);
  await page.close();
});

test('an enterprise group: a failure mid-apply, then Roll back restores the exact rules (ids too)', async () => {
  const id = await esgGroup('esg-rollback', [esgRule('80', 'all', 'http'), esgRule('443', 'all', 'https')]);
  const before = await esgRules(id);
  const { page } = await openDraft(`/bce/bj/enterprise-security-groups/${id}`, '[data-test=esg-detail]');
  await setField(page, await rowOf(page, '80'), 'remark', 'web');
  await page.click(`[data-test=draft] tr[data-draft-rule="${await rowOf(page, '443')}"] [data-test=draft-remove]`);
  await page.click('[data-test=draft-add]');
  const added = (await page.locator('[data-test=draft] tr[data-draft-rule]').count()) - 1;
  await setField(page, added, 'ports', '22');
  await setField(page, added, 'remote', '10.0.0.0/8');
  assert.deepEqual((await callsOf(page)).map((c) => c.split(' ')[0]), ['updateRule', 'authorizeRule', 'deleteRule']);
  // The third call (the delete) never reaches the cloud.
  const deletes = (url) => url.pathname.includes('/v1/enterprise/security/rule/');
  await page.route(deletes, (route) => (route.request().method() === 'DELETE' ? route.abort('connectionreset') : route.continue()));
  await page.click('[data-test=plan-apply]');
  const stop = await page.waitForSelector('[data-test=plan-failed]');
  assert.equal(await stop.getAttribute('data-at'), '2');
  assert.equal((await esgRules(id)).length, 3, 'the edit and the add went through');
  await page.unroute(deletes);
  await page.click('[data-test=plan-rollback]');
  await page.waitForSelector('[data-test=plan-rolled-back], [data-test=plan-failed], [data-test=plan-stale]'); assert.equal(await page.locator('[data-test=plan-rolled-back]').count(), 1, await page.textContent('[data-test=draft]'));
  // The added rule removed by the id the cloud gave it, the edit undone in place.
  const restored = await esgRules(id);
  assert.deepEqual(esgShape(restored), esgShape(before));
  assert.deepEqual(restored.map((r) => r.enterpriseSecurityGroupRuleId).sort(), before.map((r) => r.enterpriseSecurityGroupRuleId).sort());
  await page.close();
});

test('an enterprise group: a second client\'s change mid-apply stops the plan', async () => {
  const id = await esgGroup('esg-stale', [esgRule('80', 'all', 'http')]);
  const { page } = await openDraft(`/bce/bj/enterprise-security-groups/${id}`, '[data-test=esg-detail]');
  // A new rule and the old one removed: two calls (new rules share one call).
  await page.click('[data-test=draft-add]');
  await setField(page, 1, 'ports', '8443');
  await setField(page, 1, 'remote', '10.0.0.0/8');
  await page.click('[data-test=draft] tr[data-draft-rule="0"] [data-test=draft-remove]');
  assert.deepEqual((await callsOf(page)).map((c) => c.split(' ')[0]), ['authorizeRule', 'deleteRule']);
  let puts = 0;
  await page.route((url) => url.pathname.includes(`/v1/enterprise/security/${id}`), async (route) => {
    const answer = await route.fetch();
    await route.fulfill({ response: answer });
    if (route.request().method() === 'PUT' && ++puts === 1) {
      const other = await bce(server.url, 'PUT', `/v1/enterprise/security/${id}`, { query: { authorizeRule: '', clientToken: 'other-client' }, body: { rules: [esgRule('9999', '10.0.0.0/8', 'theirs')] } });
      assert.equal(other.status, 200, JSON.stringify(other.body));
    }
  });
  await page.click('[data-test=plan-apply]');
  await page.waitForSelector('[data-test=plan-stale]');
  assert.deepEqual(esgShape(await esgRules(id)), ['allow 80 all 100 http', 'allow 8443 10.0.0.0/8 1000 ', 'allow 9999 10.0.0.0/8 100 theirs'], 'nothing sent after the change was seen');
  await page.close();
});

test('a Huawei group: a port change is a create then a delete; applied', async () => {
  const id = await hwGroup('hw-plan-apply', [{ multiport: '80', remote_ip_prefix: '0.0.0.0/0', description: 'http' }, { multiport: '443', remote_ip_prefix: '0.0.0.0/0', description: 'https' }]);
  const { page, problems } = await openDraft(`/huawei/cn-north-4/security-groups/${id}`, '[data-test=hw-group-detail]');
  await setField(page, await rowOf(page, '80'), 'ports', '8080');
  await page.click('[data-test=draft-add]');
  const added = (await page.locator('[data-test=draft] tr[data-draft-rule]').count()) - 1;
  await setField(page, added, 'action', 'deny');
  await setField(page, added, 'ports', '23');
  await setField(page, added, 'remote', '0.0.0.0/0');
  await setField(page, added, 'remark', 'no telnet');
  const calls = await callsOf(page);
  // The two new rules are one batch-create call, the allow before the deny (#33).
  assert.deepEqual(calls.map((c) => c.split(' ')[0]), ['batchCreate', 'deleteRule'], calls.join('\n'));
  assert.match(calls[0], /\(2\) allow ingress tcp 8080 0\.0\.0\.0\/0 · 10 · deny ingress tcp 23 0\.0\.0\.0\/0/);
  assert.match(calls[1], /^deleteRule DELETE \/security-group-rules\/[0-9a-f-]+ \(allow ingress tcp 80 /);
  await page.click('[data-test=plan-apply]');
  await page.waitForSelector('[data-test=plan-applied]');
  assert.deepEqual(hwShape(await hwRules(id)), ['allow 443 0.0.0.0/0 10 https', 'allow 8080 0.0.0.0/0 10 http', 'deny 23 0.0.0.0/0 1 no telnet']);
  assert.deepEqual(problems, []);
  await page.close();
});

test('a Huawei group: a failure mid-apply, then Roll back deletes what the plan created', async () => {
  const id = await hwGroup('hw-plan-rollback', [{ multiport: '80', remote_ip_prefix: '0.0.0.0/0', description: 'http' }]);
  const before = await hwRules(id);
  const { page } = await openDraft(`/huawei/cn-north-4/security-groups/${id}`, '[data-test=hw-group-detail]');
  await setField(page, 0, 'ports', '8080');
  const ruleCalls = (url) => url.pathname.includes('/security-group-rules/');
  await page.route(ruleCalls, (route) => (route.request().method() === 'DELETE' ? route.abort('connectionreset') : route.continue()));
  await page.click('[data-test=plan-apply]');
  const stop = await page.waitForSelector('[data-test=plan-failed]');
  assert.equal(await stop.getAttribute('data-at'), '1');
  assert.equal((await hwRules(id)).length, 2);
  await page.unroute(ruleCalls);
  await page.click('[data-test=plan-rollback]');
  await page.waitForSelector('[data-test=plan-rolled-back], [data-test=plan-failed], [data-test=plan-stale]'); assert.equal(await page.locator('[data-test=plan-rolled-back]').count(), 1, await page.textContent('[data-test=draft]'));
  const restored = await hwRules(id);
  assert.deepEqual(restored.map((r) => r.id), before.map((r) => r.id), 'the created rule went by the id the cloud gave it');
  assert.deepEqual(hwShape(restored), hwShape(before));
  await page.close();
});

test('a Huawei draft sends its 40 new rules in one batch-create call, and rolls them back by id (#33)', async () => {
  const id = await hwGroup('hw-batch', [{ multiport: '80', remote_ip_prefix: '10.0.0.0/8', description: 'http' }]);
  const before = await hwRules(id);
  const { page, problems } = await openDraft(`/huawei/cn-north-4/security-groups/${id}`, '[data-test=hw-group-detail]');
  const lines = Array.from({ length: 40 }, (_, i) => `ingress,tcp,${20000 + i},10.2.0.0/16,allow,5,batch ${i}`);
  const csv = `direction,protocol,multiport,remote_ip_prefix,action,priority,description\n${lines.join('\n')}\n`;
  await page.setInputFiles('[data-test=draft-import]', { name: 'rules.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await page.waitForFunction(() => /^40 \/ 40 /.test(document.querySelector('[data-test=draft-import-note]')?.textContent ?? ''));
  // And the old rule goes: 40 adds, then one delete.
  await page.click(`[data-test=draft] tr[data-draft-rule="${await rowOf(page, '80')}"] [data-test=draft-remove]`);
  const calls = await callsOf(page);
  assert.deepEqual(calls.map((c) => c.split(' ')[0]), ['batchCreate', 'deleteRule'], 'one call for the 40 new rules (40 before batch-create)');
  assert.match(calls[0], /batch-create \(40\)/);
  const sent = [];
  page.on('request', (r) => { if (r.url().includes('/api/huawei/') && r.method() !== 'GET') sent.push(`${r.method()} ${new URL(r.url()).pathname.replace(/^.*\/vpc/, '')}`); });
  // The delete fails: the plan stops after the batch, which Roll back undoes rule by rule.
  const deletes = (url) => url.pathname.includes('/security-group-rules/');
  await page.route(deletes, (route) => (route.request().method() === 'DELETE' ? route.abort('connectionreset') : route.continue()));
  await page.click('[data-test=plan-apply]');
  const stop = await page.waitForSelector('[data-test=plan-failed]');
  assert.equal(await stop.getAttribute('data-at'), '40', 'stopped at the delete, after the batch');
  assert.deepEqual(sent.slice(0, 2), [`POST /security-groups/${id}/security-group-rules/batch-create`, `DELETE /security-group-rules/${before[0].id}`]);
  assert.equal((await hwRules(id)).length, 41, 'the batch went through whole');
  await page.unroute(deletes);
  await page.click('[data-test=plan-rollback]');
  await page.waitForSelector('[data-test=plan-rolled-back]');
  const restored = await hwRules(id);
  assert.deepEqual(restored.map((r) => r.id), before.map((r) => r.id), 'the 40 created rules went by the ids the cloud gave them');
  assert.equal(sent.filter((c) => c.startsWith('POST')).length, 1, 'one create call in all');
  assert.deepEqual(problems.filter((p) => !/ERR_CONNECTION_RESET/.test(p)), [], 'nothing but the failure injected');
  await page.close();
});

test('a Huawei draft copies a Baidu group\'s rules, translated; a rule naming a group is listed, not copied', async () => {
  const made = await bce(server.url, 'POST', '/v2/securityGroup', { query: { clientToken: 'plan-to-huawei' }, body: {
    name: 'to-huawei', desc: 'copied across clouds', rules: [
      { direction: 'ingress', ethertype: 'IPv4', protocol: 'tcp', portRange: '5432', sourceIp: '10.0.0.0/8', remark: 'postgres' },
      { direction: 'ingress', ethertype: 'IPv4', protocol: 'tcp', portRange: '8080', sourceGroupId: 'g-web00001', remark: 'from web' },
    ],
  } });
  assert.equal(made.status, 200, JSON.stringify(made.body));
  const from = made.body.securityGroupId;
  const id = await hwGroup('hw-from-baidu', []);
  const { page, problems } = await openDraft(`/huawei/cn-north-4/security-groups/${id}`, '[data-test=hw-group-detail]', false);
  await page.waitForSelector(`[data-test=draft-copy-from] option[value="bce:${from}"]`, { state: 'attached' });
  await page.selectOption('[data-test=draft-copy-from]', `bce:${from}`);
  const note = await page.textContent('[data-test=draft-import-note]');
  assert.match(note, /^1 \/ 1 /);
  assert.match(note, /Not copied: .*8080.*g-web00001/);
  assert.deepEqual(await hwRules(id), [], 'nothing sent before Apply');
  await page.click('[data-test=plan-apply]');
  await page.waitForSelector('[data-test=plan-applied]');
  // A Baidu allow becomes a Huawei allow at priority 1, the remark its description.
  assert.deepEqual(hwShape(await hwRules(id)), ['allow 5432 10.0.0.0/8 1 postgres']);
  assert.deepEqual(problems, []);
  await page.close();
});

test('an enterprise draft copies another enterprise group\'s rules', async () => {
  const from = await esgGroup('esg-source', [esgRule('3306', '10.1.0.0/16', 'mysql')]);
  const id = await esgGroup('esg-target', [esgRule('80', 'all', 'http')]);
  const { page } = await openDraft(`/bce/bj/enterprise-security-groups/${id}`, '[data-test=esg-detail]');
  await page.waitForSelector(`[data-test=draft-copy-from] option[value="${from}"]`, { state: 'attached' });
  await page.selectOption('[data-test=draft-copy-from]', from);
  assert.match(await page.textContent('[data-test=draft-import-note]'), /^1 \/ 1 /);
  await page.click('[data-test=plan-apply]');
  await page.waitForSelector('[data-test=plan-applied]');
  assert.deepEqual(esgShape(await esgRules(id)), ['allow 3306 10.1.0.0/16 100 mysql', 'allow 80 all 100 http']);
  await page.close();
});

test('rules files join enterprise and Huawei drafts (CSV and JSON in each cloud\'s field names), not the cloud; a bad value is located', async () => {
  const esg = await esgGroup('esg-file', [esgRule('80', 'all', 'http')]);
  let { page, problems } = await openDraft(`/bce/bj/enterprise-security-groups/${esg}`, '[data-test=esg-detail]');
  const csv = 'direction,ethertype,protocol,portRange,sourceIp,localIp,action,priority,remark\ningress,IPv4,tcp,80,all,all,allow,100,http\ningress,IPv4,tcp,5432,10.0.0.0/8,all,allow,20,"db, office"\n';
  await page.setInputFiles('[data-test=draft-import]', { name: 'rules.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await page.waitForSelector('[data-test=draft-import-note]');
  assert.match(await page.textContent('[data-test=draft-import-note]'), /^1 \/ 2 /, 'the rule the group holds is not added twice');
  assert.deepEqual(esgShape(await esgRules(esg)), ['allow 80 all 100 http'], 'nothing sent');
  assert.deepEqual((await callsOf(page)).map((c) => c.split(' ')[0]), ['authorizeRule']);
  await page.click('[data-test=plan-apply]');
  await page.waitForSelector('[data-test=plan-applied]');
  assert.deepEqual(esgShape(await esgRules(esg)), ['allow 5432 10.0.0.0/8 20 db, office', 'allow 80 all 100 http']);
  assert.deepEqual(problems, []);
  await page.close();

  const hw = await hwGroup('hw-file', []);
  ({ page, problems } = await openDraft(`/huawei/cn-north-4/security-groups/${hw}`, '[data-test=hw-group-detail]', false));
  await page.setInputFiles('[data-test=draft-import]', { name: 'rules.csv', mimeType: 'text/csv', buffer: Buffer.from('direction,multiport,priority\ningress,22,first\n') });
  await page.waitForFunction(() => /line 2, column 12/.test(document.querySelector('[data-test=draft-import-note]')?.textContent ?? ''));
  assert.match(await page.textContent('[data-test=draft-import-note]'), /priority "first" is not a number/);
  // A list as the API answers it (ids and times are the other group's: they are dropped).
  const json = { security_group_rules: [{ id: 'elsewhere-1', direction: 'ingress', ethertype: 'IPv4', protocol: 'tcp', multiport: '3389', remote_ip_prefix: '10.0.0.0/8', action: 'allow', priority: 5, description: 'rdp' }] };
  await page.setInputFiles('[data-test=draft-import]', { name: 'rules.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(json)) });
  await page.waitForFunction(() => /^1 \/ 1 /.test(document.querySelector('[data-test=draft-import-note]')?.textContent ?? ''));
  assert.deepEqual(await hwRules(hw), [], 'nothing sent');
  await page.click('[data-test=plan-apply]');
  await page.waitForSelector('[data-test=plan-applied]');
  assert.deepEqual(hwShape(await hwRules(hw)), ['allow 3389 10.0.0.0/8 5 rdp']);
  assert.deepEqual(problems, []);
  await page.close();
});
