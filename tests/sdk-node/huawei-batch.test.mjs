// Huawei Cloud VPC v3 batch-create of security group rules through
// VpcClient.batchCreateSecurityGroupRules:
//   POST /v3/{project_id}/vpc/security-groups/{security_group_id}/security-group-rules/batch-create
//   body   {security_group_rules: [BatchCreateSecurityGroupRulesOption], ignore_duplicate?, dry_run?}
//   answer 201 {request_id, security_group_rules: [SecurityGroupRule]}
// (shared/reference/cloud-apis.md section D; Huawei's API page "BatchCreateSecurityGroupRules":
// at most 200 rules a call; ignore_duplicate true skips rules that repeat one another or a
// rule the group holds, false (the default) refuses them; dry_run true checks and answers
// 202 creating nothing; an option's action defaults to allow and its priority to 1.)
//
// Duplicates are refused with the code the emulator uses for a duplicate single rule,
// 409 VPC.0605; other bad input with 400 VPC.0601; an unknown group with 404 VPC.0603.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { emulatorFor, FRESH_PROJECT, DEMO_PROJECT, huawei, hwGroupId, hwRefused, hwRulesOf, UUID, vpc } from './support.mjs';



/** One BatchCreateSecurityGroupRulesOption (no security_group_id: the path names the group). */
function option(over = {}) {
  const o = new vpc.BatchCreateSecurityGroupRulesOption(over.direction ?? 'ingress');
  const fields = { protocol: 'tcp', multiport: '22', remote_ip_prefix: '10.0.0.0/8', action: 'allow', priority: '1', ...over };
  for (const [k, v] of Object.entries(fields)) if (v !== undefined) o[k] = v;
  return o;
}

function batch(client, groupId, rules, { ignoreDuplicate, dryRun } = {}) {
  const body = new vpc.BatchCreateSecurityGroupRulesRequestBody().withSecurityGroupRules(rules);
  if (ignoreDuplicate !== undefined) body.withIgnoreDuplicate(ignoreDuplicate);
  if (dryRun !== undefined) body.withDryRun(dryRun);
  return client.batchCreateSecurityGroupRules(new vpc.BatchCreateSecurityGroupRulesRequest().withSecurityGroupId(groupId).withBody(body));
}

async function freshGroup(t, projectId = FRESH_PROJECT) {
  const emu = await emulatorFor(t);
  const hw = huawei(emu, projectId);
  const gid = await hwGroupId(hw, 'default');
  return { emu, hw, gid, before: await hwRulesOf(hw, gid) };
}

test('creates every rule in one call: 201, the rules in the answer with ids, in order', async (t) => {
  const { hw, gid, before } = await freshGroup(t);
  const res = await batch(hw, gid, [
    option({ multiport: '22', description: '办公网 SSH' }),
    option({ multiport: '443', remote_ip_prefix: '0.0.0.0/0', description: 'https' }),
    option({ direction: 'egress', protocol: 'udp', multiport: '53', remote_ip_prefix: '0.0.0.0/0', action: 'deny', priority: '20' }),
  ]);
  assert.equal(res.httpStatusCode, 201);
  assert.match(res.request_id, /^[0-9a-f]{32}$/);
  const made = res.security_group_rules;
  assert.equal(made.length, 3);
  assert.deepEqual(made.map((r) => [r.direction, r.protocol, r.multiport, r.remote_ip_prefix, r.action, r.priority, r.description]), [
    ['ingress', 'tcp', '22', '10.0.0.0/8', 'allow', 1, '办公网 SSH'],
    ['ingress', 'tcp', '443', '0.0.0.0/0', 'allow', 1, 'https'],
    ['egress', 'udp', '53', '0.0.0.0/0', 'deny', 20, ''],
  ]);
  for (const r of made) {
    assert.match(r.id, UUID);
    assert.deepEqual([r.security_group_id, r.project_id, r.ethertype], [gid, FRESH_PROJECT, 'IPv4']);
    assert.ok(r.created_at && r.updated_at);
  }
  assert.equal(new Set(made.map((r) => r.id)).size, 3, 'each rule has its own id');

  const after = await hwRulesOf(hw, gid);
  assert.equal(after.length, before.length + 3);
  for (const r of made) {
    const shown = await hw.showSecurityGroupRule(new vpc.ShowSecurityGroupRuleRequest().withSecurityGroupRuleId(r.id));
    assert.deepEqual(shown.security_group_rule, r, 'the answer is what was stored');
  }
});

// The batch option's own docs (BatchCreateSecurityGroupRulesOption: action "默认值为allow",
// priority "默认值为1"). NB: the emulator's single create defaults action to deny, after seed
// 003's SecurityGroupRule model ("The default value is deny"); the two sources disagree.
test('an option without action or priority gets the batch defaults: allow, priority 1', async (t) => {
  const { hw, gid } = await freshGroup(t);
  const [r] = (await batch(hw, gid, [option({ action: undefined, priority: undefined, multiport: '8080' })])).security_group_rules;
  assert.deepEqual([r.action, r.priority, r.ethertype, r.enabled], ['allow', 1, 'IPv4', true]);
});

test('all or nothing: one bad rule refuses the call and creates none', async (t) => {
  const { hw, gid, before } = await freshGroup(t);
  for (const bad of [{ multiport: '0-5' }, { priority: '101' }, { protocol: 'icmpv6', multiport: undefined }, { action: 'accept' }, { direction: 'inbound' }, { description: 'a<b' }]) {
    await hwRefused(batch(hw, gid, [option({ multiport: '80' }), option(bad), option({ multiport: '81' })]), 400, 'VPC.0601');
  }
  assert.deepEqual((await hwRulesOf(hw, gid)).map((r) => r.id), before.map((r) => r.id));
});

test('duplicates are refused by default (409 VPC.0605), within the call or against the group', async (t) => {
  const { hw, gid, before } = await freshGroup(t);
  const [existing] = (await batch(hw, gid, [option({ multiport: '22' })])).security_group_rules;
  // Against a rule the group holds (priority and description are not part of a rule's identity).
  await hwRefused(batch(hw, gid, [option({ multiport: '3389' }), option({ multiport: '22', priority: '50', description: 'again' })]), 409, 'VPC.0605');
  await hwRefused(batch(hw, gid, [option({ multiport: '22' })], { ignoreDuplicate: false }), 409, 'VPC.0605');
  // Two equal rules in one call.
  await hwRefused(batch(hw, gid, [option({ multiport: '9000' }), option({ multiport: '9000' })]), 409, 'VPC.0605');
  const ids = (await hwRulesOf(hw, gid)).map((r) => r.id);
  assert.deepEqual(ids, [...before.map((r) => r.id), existing.id], 'nothing of a refused call was created');
});

test('ignore_duplicate: duplicates are skipped, the rest created, no error', async (t) => {
  const { hw, gid, before } = await freshGroup(t);
  const [existing] = (await batch(hw, gid, [option({ multiport: '22' })])).security_group_rules;
  const res = await batch(hw, gid, [
    option({ multiport: '22' }), option({ multiport: '443' }), option({ multiport: '443', description: 'same traffic' }), option({ multiport: '8443' }),
  ], { ignoreDuplicate: true });
  assert.equal(res.httpStatusCode, 201);
  const after = await hwRulesOf(hw, gid);
  assert.equal(after.length, before.length + 3, 'the existing 22 and the second 443 were not created again');
  const ports = after.filter((r) => r.multiport).map((r) => r.multiport).sort();
  assert.deepEqual(ports, ['22', '443', '8443']);
  assert.ok(after.some((r) => r.id === existing.id), 'the rule already held is kept');
  const afterIds = new Set(after.map((r) => r.id));
  for (const r of res.security_group_rules) assert.ok(afterIds.has(r.id), `answered rule ${r.id} exists`);
  assert.ok(res.security_group_rules.some((r) => r.multiport === '8443'), 'the new rules are in the answer');
  assert.equal(new Set(after.map((r) => `${r.direction}|${r.ethertype}|${r.protocol}|${r.multiport}|${r.remote_ip_prefix}|${r.remote_group_id}|${r.action}`)).size, after.length, 'no two rules alike');
});

test('dry_run: 202 and nothing created; a failing check answers its error', async (t) => {
  const { hw, gid, before } = await freshGroup(t);
  const dry = await batch(hw, gid, [option({ multiport: '22' }), option({ multiport: '443' })], { dryRun: true });
  assert.equal(dry.httpStatusCode, 202);
  assert.deepEqual((await hwRulesOf(hw, gid)).map((r) => r.id), before.map((r) => r.id));
  await hwRefused(batch(hw, gid, [option({ multiport: '0-5' })], { dryRun: true }), 400, 'VPC.0601');
  await batch(hw, gid, [option({ multiport: '22' })]);
  await hwRefused(batch(hw, gid, [option({ multiport: '22' })], { dryRun: true }), 409, 'VPC.0605');
  const ok = await batch(hw, gid, [option({ multiport: '22' }), option({ multiport: '80' })], { dryRun: true, ignoreDuplicate: true });
  assert.equal(ok.httpStatusCode, 202);
  assert.equal((await hwRulesOf(hw, gid)).length, before.length + 1);
});

test('at most 200 rules a call; the group must exist in the caller\'s project', async (t) => {
  const { emu, hw, gid, before } = await freshGroup(t);
  const ports = (n) => Array.from({ length: n }, (_, i) => option({ multiport: String(1000 + i) }));
  await hwRefused(batch(hw, gid, ports(201)), 400, 'VPC.0601');
  assert.equal((await hwRulesOf(hw, gid)).length, before.length);
  const res = await batch(hw, gid, ports(200));
  assert.equal(res.security_group_rules.length, 200);
  assert.equal((await hwRulesOf(hw, gid)).length, before.length + 200);

  await hwRefused(batch(hw, '00000000-0000-4000-8000-000000000000', [option()]), 404, 'VPC.0603');
  const demoWeb = await hwGroupId(huawei(emu, DEMO_PROJECT), 'web');
  await hwRefused(batch(hw, demoWeb, [option()]), 404, 'VPC.0603');
});
