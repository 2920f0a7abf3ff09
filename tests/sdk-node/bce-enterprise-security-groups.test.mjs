// Baidu enterprise security groups (/v1/enterprise/security) and their rules through
// @baiducloud/sdk's BceBaseClient.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { bce, bceRefused, emulatorFor, esgRule, token } from './support.mjs';

const ESG = '/v1/enterprise/security';

async function esgs(api, params) {
  return (await api.get(ESG, params)).enterpriseSecurityGroups;
}

async function rulesOf(api, id) {
  const group = (await esgs(api)).find((g) => g.id === id);
  assert.ok(group, `enterprise security group ${id} is listed`);
  return group.rules;
}

test('lists the demo enterprise group with its rules, and filters by instanceId', async (t) => {
  const api = bce(await emulatorFor(t));
  const page = await api.get(ESG);
  assert.deepEqual([page.isTruncated, page.maxKeys], [false, 1000]);
  const [baseline, ...rest] = page.enterpriseSecurityGroups;
  assert.deepEqual(rest, []);
  assert.deepEqual([baseline.id, baseline.name, baseline.desc], ['esg-demo00000001', 'baseline', 'Company baseline']);
  assert.deepEqual(baseline.rules.map((r) => [r.enterpriseSecurityGroupRuleId, r.action, r.priority, r.portRange]), [
    ['esgr-demo00000001', 'deny', 10, '23'], ['esgr-demo00000002', 'allow', 100, '443'], ['esgr-demo00000003', 'allow', 50, '23'],
  ]);
  assert.deepEqual((await esgs(api, { instanceId: 'i-app00001' })).map((g) => g.id), ['esg-demo00000001']);
  assert.deepEqual(await esgs(api, { instanceId: 'i-web00001' }), [], 'an instance under regular groups has no enterprise group');
});

test('creates enterprise groups (Chinese text round-trips) and pages through them', async (t) => {
  const api = bce(await emulatorFor(t));
  const made = [];
  for (const name of ['企业组-甲', 'esg-b', 'esg-c']) {
    const { enterpriseSecurityGroupId } = await api.post(ESG, {
      name, desc: `描述 ${name}`, rules: [esgRule({ remark: '中文备注 ssh' })], tags: [{ tagKey: '部门', tagValue: '安全' }],
    }, { clientToken: token() });
    assert.match(enterpriseSecurityGroupId, /^esg-[a-z0-9]{12}$/);
    made.push(enterpriseSecurityGroupId);
  }
  const all = await esgs(api);
  assert.deepEqual(all.map((g) => g.name), ['baseline', '企业组-甲', 'esg-b', 'esg-c']);
  const first = all[1];
  assert.deepEqual([first.id, first.desc, first.tags], [made[0], '描述 企业组-甲', [{ tagKey: '部门', tagValue: '安全' }]]);
  assert.equal(first.rules[0].remark, '中文备注 ssh');
  assert.match(first.rules[0].enterpriseSecurityGroupRuleId, /^esgr-/);
  assert.ok(first.createdTime && first.updatedTime);

  const seen = [];
  let marker;
  for (;;) {
    const page = await api.get(ESG, marker ? { maxKeys: 3, marker } : { maxKeys: 3 });
    seen.push(page.enterpriseSecurityGroups.map((g) => g.id));
    if (!page.isTruncated) break;
    assert.equal(page.nextMarker, made[2]);
    marker = page.nextMarker;
  }
  assert.deepEqual(seen, [['esg-demo00000001', ...made.slice(0, 2)], [made[2]]]);
  await bceRefused(api.get(ESG, { marker: 'esg-missing' }), 404, 'NoSuchObject');
  await bceRefused(api.get(ESG, { maxKeys: 1001 }), 400, 'InappropriateJSON');
});

test('create refuses each documented problem and creates nothing', async (t) => {
  const api = bce(await emulatorFor(t));
  for (const [body, code] of [
    [{ name: 'x', rules: [esgRule({ portRange: '400-80' })] }, 'Esg.EsgRulePortOrderError'],
    [{ name: 'x', rules: [esgRule({ portRange: '80,80,7000' })] }, 'Esg.EsgRulePortDuplicate'],
    [{ name: 'x', rules: [esgRule({ portRange: '0-70000' })] }, 'Esg.EsgRulePortValueExceed'],
    [{ name: 'x', rules: [esgRule({ priority: 1001 })] }, 'Esg.EsgRulePriorityInvalid'],
    [{ name: 'x', rules: [esgRule({ action: 'accept' })] }, 'Esg.EsgRuleActionInvalid'],
    [{ name: 'x', rules: [esgRule({ action: undefined })] }, 'Esg.EsgRuleActionEmpty'],
    [{ name: 'x', rules: [esgRule({ protocol: 'sctp' })] }, 'Esg.EsgRuleProtocolInvalid'],
    [{ name: 'x', rules: [esgRule({ sourceIp: '10.0.0.0/33' })] }, 'Esg.EsgRuleIpAddressError'],
    [{ name: 'x', rules: [esgRule({ direction: 'inbound' })] }, 'Esg.EsgRuleDirectionInvalid'],
    [{ name: 'x', rules: [esgRule(), esgRule({ remark: 'again' })] }, 'Esg.EsgRuleDuplicated'],
    [{ name: 'x', rules: Array.from({ length: 21 }, (_, i) => esgRule({ portRange: String(1000 + i) })) }, 'Esg.EsgRuleExceedQuota'],
    [{ name: 'baseline', rules: [esgRule()] }, 'Esg.EsgNameDuplicate'],
    [{ name: '1-bad', rules: [esgRule()] }, 'Esg.EsgNameInvalid'],
    [{ name: '', rules: [esgRule()] }, 'Esg.EsgNameEmpty'],
    [{ name: 'y'.repeat(66), rules: [esgRule()] }, 'Esg.EsgNameTooLong'],
  ]) {
    await bceRefused(api.post(ESG, body, { clientToken: token() }), 400, code);
  }
  assert.deepEqual((await esgs(api)).map((g) => g.name), ['baseline']);
});

test('adds, edits and deletes enterprise rules, all or nothing, with the documented refusals', async (t) => {
  const api = bce(await emulatorFor(t));
  const { enterpriseSecurityGroupId: gid } = await api.post(ESG, { name: 'rules', rules: [esgRule()] }, { clientToken: token() });

  assert.deepEqual(await api.put(`${ESG}/${gid}`, {
    rules: [esgRule({ portRange: '443', remark: 'https' }), esgRule({ portRange: '23', action: 'deny', priority: 10, remark: '禁止 telnet' })],
  }, { authorizeRule: '', clientToken: token() }), {});
  const added = Object.fromEntries((await rulesOf(api, gid)).map((r) => [r.portRange, r]));
  assert.deepEqual(Object.keys(added).sort(), ['22', '23', '443']);
  assert.deepEqual([added['23'].action, added['23'].priority, added['23'].remark], ['deny', 10, '禁止 telnet']);

  // An edit changes the fields given and keeps the others, id included.
  const rid = added['443'].enterpriseSecurityGroupRuleId;
  await api.put(`${ESG}/rule/${rid}`, { portRange: '8443', priority: 5, remark: '备用 https' }, { clientToken: token() });
  const edited = (await rulesOf(api, gid)).find((r) => r.enterpriseSecurityGroupRuleId === rid);
  assert.deepEqual([edited.portRange, edited.priority, edited.remark, edited.sourceIp, edited.action], ['8443', 5, '备用 https', 'all', 'allow']);

  for (const [call, status, code] of [
    [() => api.put(`${ESG}/${gid}`, { rules: [esgRule({ remark: 'same traffic as the first' })] }, { authorizeRule: '' }), 400, 'Esg.EsgRuleDuplicated'],
    // One bad rule in a call: nothing of the call is added.
    [() => api.put(`${ESG}/${gid}`, { rules: [esgRule({ portRange: '9000' }), esgRule({ portRange: '0-70000' })] }, { authorizeRule: '' }), 400, 'Esg.EsgRulePortValueExceed'],
    [() => api.put(`${ESG}/${gid}`, { rules: Array.from({ length: 21 }, (_, i) => esgRule({ portRange: String(1000 + i) })) }, { authorizeRule: '' }), 400, 'Esg.EsgRuleExceedQuota'],
    [() => api.put(`${ESG}/esg-missing`, { rules: [esgRule({ portRange: '1' })] }, { authorizeRule: '' }), 404, 'Esg.EsgResourceNotExist'],
    [() => api.put(`${ESG}/rule/${rid}`, { portRange: '22', priority: 100 }), 400, 'Esg.EsgRuleDuplicated'],
    [() => api.put(`${ESG}/rule/${rid}`, { action: 'accept' }), 400, 'Esg.EsgRuleActionInvalid'],
    [() => api.put(`${ESG}/rule/${rid}`, { priority: 1001 }), 400, 'Esg.EsgRulePriorityInvalid'],
    [() => api.put(`${ESG}/rule/esgr-missing`, { remark: 'x' }), 404, 'Esg.EsgRuleResourceNotExist'],
    [() => api.del(`${ESG}/rule/esgr-missing`), 404, 'Esg.EsgRuleResourceNotExist'],
  ]) {
    await bceRefused(call(), status, code);
  }
  assert.deepEqual((await rulesOf(api, gid)).map((r) => r.portRange), ['22', '8443', '23'], 'a refused call changes nothing');

  assert.deepEqual(await api.del(`${ESG}/rule/${rid}`, { clientToken: token() }), {});
  assert.deepEqual((await rulesOf(api, gid)).map((r) => r.portRange), ['22', '23']);
  await bceRefused(api.del(`${ESG}/rule/${rid}`), 404, 'Esg.EsgRuleResourceNotExist');
});

test('a group holds at most 200 rules, added at most 20 a call', async (t) => {
  const api = bce(await emulatorFor(t));
  const { enterpriseSecurityGroupId: gid } = await api.post(ESG, { name: 'full', rules: [esgRule()] });
  for (let start = 2000; start < 2199; start += 20) {
    const ports = Array.from({ length: Math.min(20, 2199 - start) }, (_, i) => start + i);
    await api.put(`${ESG}/${gid}`, { rules: ports.map((p) => esgRule({ portRange: String(p) })) }, { authorizeRule: '', clientToken: token() });
  }
  assert.equal((await rulesOf(api, gid)).length, 200);
  await bceRefused(api.put(`${ESG}/${gid}`, { rules: [esgRule({ portRange: '3000' })] }, { authorizeRule: '' }), 400, 'Esg.EsgRuleExceedQuota');
});

test('deletes an enterprise group only while nothing is bound to it', async (t) => {
  const api = bce(await emulatorFor(t));
  await bceRefused(api.del(`${ESG}/esg-demo00000001`), 409, 'Esg.EsgBindStatusInvalid');
  const { enterpriseSecurityGroupId: gid } = await api.post(ESG, { name: 'short-lived', rules: [esgRule()] });
  assert.deepEqual(await api.del(`${ESG}/${gid}`, { clientToken: token() }), {});
  assert.deepEqual((await esgs(api)).map((g) => g.id), ['esg-demo00000001']);
  await bceRefused(api.del(`${ESG}/${gid}`), 404, 'Esg.EsgResourceNotExist');
});

test('clientToken on create: a replay answers the same id and creates one group', async (t) => {
  const api = bce(await emulatorFor(t));
  const tok = token();
  const body = { name: 'idempotent', rules: [esgRule()] };
  const a = await api.post(ESG, body, { clientToken: tok });
  const b = await api.post(ESG, body, { clientToken: tok });
  assert.equal(a.enterpriseSecurityGroupId, b.enterpriseSecurityGroupId);
  assert.deepEqual((await esgs(api)).map((g) => g.name), ['baseline', 'idempotent']);
  await bceRefused(api.post(ESG, { ...body, name: 'other' }, { clientToken: tok }), 403, 'IdempotentParameterMismatch');
});
