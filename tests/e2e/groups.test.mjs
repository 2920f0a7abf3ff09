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
  // The copy is bound to nothing: it changes no one's access (said before it is sent).
  await page.waitForSelector('[data-test=esg-editor] [data-test=impact] [data-test=impact-none]');
  await page.click('[data-test=esg-submit]');
  await page.waitForSelector('[data-test=esg-created]');
  const copy = (await esgs()).find((g) => g.name === `${source.name}-copy`);
  assert.ok(copy && copy.id !== source.id, 'a new group');
  const shape = (g) => g.rules.map((r) => [r.direction, r.protocol, r.portRange, r.sourceIp ?? r.destIp, r.action, Number(r.priority), r.remark].join(' ')).sort();
  assert.deepEqual(shape(copy), shape(source));
  assert.deepEqual(problems, []);
  await page.close();
});

test('a regular rule is edited in place (one PUT …/rule/update with only what changed) and revoked by id; the group shows its VPC, quota use and bound count', async () => {
  const made = await bce(server.url, 'POST', '/v2/securityGroup', {
    query: { clientToken: 'e2e-edit-in-place' },
    body: { name: 'edit-in-place', rules: [
      { direction: 'ingress', protocol: 'tcp', portRange: '22', sourceIp: '10.0.0.0/8', remark: 'ssh' },
      { direction: 'ingress', protocol: 'tcp', portRange: '80', sourceIp: '0.0.0.0/0', remark: 'web' },
    ] },
  });
  assert.equal(made.status, 200, JSON.stringify(made.body));
  const id = made.body.securityGroupId;
  const detail = async () => (await bce(server.url, 'GET', `/v2/securityGroup/${id}`)).body;
  const before = await detail();
  const ssh = before.rules.find((r) => r.portRange === '22');
  const { page, problems } = await openPage(browser, server.url, 'bce-security-groups');
  const sent = [];
  page.on('request', (r) => {
    if (r.method() === 'GET' || !r.url().includes('/api/bce/')) return;
    const url = new URL(r.url());
    assert.ok(url.searchParams.get('clientToken'), 'every change carries a clientToken');
    sent.push(`${r.method()} ${url.pathname}?sgVersion=${url.searchParams.get('sgVersion')}`);
  });
  await page.click(`tr[data-group=${id}] [data-test=open-group]`);
  const scope = `[data-test=group-detail][data-group=${id}]`;
  await page.waitForSelector(`${scope} .rule-row`);
  const facts = await page.textContent(`${scope} [data-test=sg-facts]`);
  assert.match(facts, new RegExp(`VPC ${before.vpcId}`));
  assert.match(facts, /Ingress 2 \/ 50 · Egress 0 \/ 50/);
  assert.match(facts, /Bound instances 0/);

  await page.click(`${scope} tr[data-rule=${ssh.securityGroupRuleId}] [data-test=rule-edit-open]`);
  await page.fill('[data-test=edit-ports]', '99999');
  await page.waitForSelector('[data-test=edit-ports][aria-invalid=true]');
  assert.equal(await page.isDisabled('[data-test=edit-save]'), true, 'a bad port cannot be sent');
  await page.fill('[data-test=edit-ports]', '2222');
  assert.equal(
    await page.textContent('[data-test=edit-call]'),
    `PUT /v2/securityGroup/rule/update {"securityGroupRuleId":"${ssh.securityGroupRuleId}","portRange":"2222"}`,
  );
  await page.click('[data-test=edit-save]');
  await page.waitForSelector(`${scope} [data-test=rule-edited]`);
  const after = await detail();
  const edited = after.rules.find((r) => r.securityGroupRuleId === ssh.securityGroupRuleId);
  assert.deepEqual([edited.portRange, edited.sourceIp, edited.remark], ['2222', '10.0.0.0/8', 'ssh'], 'the same rule, edited in place');
  assert.equal(after.sgVersion, before.sgVersion + 1);

  // Revoke removes exactly that rule, by id, pinned to the version read.
  await page.waitForSelector(`${scope} [data-test=sg-version]:has-text("${after.sgVersion}")`);
  await page.click(`${scope} tr[data-rule=${ssh.securityGroupRuleId}] [data-test=revoke]`);
  await page.click('[data-test=dialog-confirm]');
  await page.waitForSelector(`${scope} [data-test=revoked]`);
  assert.deepEqual((await detail()).rules.map((r) => r.portRange), ['80']);
  assert.deepEqual(sent, [
    `PUT /api/bce/bj/v2/securityGroup/rule/update?sgVersion=${before.sgVersion}`,
    `DELETE /api/bce/bj/v2/securityGroup/rule/${ssh.securityGroupRuleId}?sgVersion=${after.sgVersion}`,
  ]);
  assert.deepEqual(problems, []);
  await page.close();
});

test('a group is created with tags and the rules of another group, in the one create call', async () => {
  const { page, problems } = await openPage(browser, server.url, 'bce-security-groups');
  const bodies = [];
  page.on('request', (r) => { if (r.method() === 'POST' && r.url().includes('/api/bce/')) bodies.push(JSON.parse(r.postData())); });
  await page.waitForSelector('tr[data-group=g-web00001]');
  await page.fill('[data-test=sg-new-name]', 'web-variant');
  // A tag key repeated is refused as typed, with the documented code.
  await page.fill('[data-test=sg-new-tags]', 'team=web\nteam=ops');
  await page.waitForSelector('#sg-new-tags-error:not(:empty)');
  assert.match(await page.textContent('#sg-new-tags-error'), /InappropriateJSON/);
  assert.equal(await page.isDisabled('[data-test=sg-create-submit]'), true);
  await page.fill('[data-test=sg-new-tags]', 'team=web\nenv=staging');
  await page.selectOption('[data-test=sg-new-rules-from]', 'g-web00001');
  await page.click('[data-test=sg-create-submit]');
  await page.waitForFunction(() => [...document.querySelectorAll('tr[data-group]')].some((r) => r.textContent.includes('web-variant')));
  assert.equal(bodies.length, 1, 'one create call');
  const made = (await list()).find((g) => g.name === 'web-variant');
  const source = (await list()).find((g) => g.id === 'g-web00001');
  assert.deepEqual(made.tags, [{ tagKey: 'team', tagValue: 'web' }, { tagKey: 'env', tagValue: 'staging' }]);
  const shape = (rules) => rules.map((r) => `${r.direction} ${r.ethertype} ${r.protocol} ${r.portRange} ${r.sourceIp ?? ''}${r.destIp ?? ''} ${r.remark ?? ''}`).sort();
  assert.deepEqual(shape(made.rules), shape(source.rules));
  // The copies are new rules of the new group, not the source's.
  assert.ok(made.rules.every((r) => !source.rules.some((s) => s.securityGroupRuleId === r.securityGroupRuleId)));
  assert.deepEqual(problems, []);
  await page.close();
});
