// Huawei Cloud VPC v3 security groups through @huaweicloud/huaweicloud-sdk-vpc's VpcClient:
// list (limit/marker paging, name and id filters), create (dry_run too), show, update (dry_run
// too), delete; projects as namespaces; errors as ClientRequestException; signing failures.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import {
  DEMO_PROJECT, emulatorFor, FRESH_PROJECT, huawei, hwCreateGroup, hwGroupId, hwGroupNames, hwRefused, UUID, vpc,
} from './support.mjs';

const DEMO_GROUPS = ['default', 'web', 'database', 'bastion'];
const list = (over = {}) => Object.assign(new vpc.ListSecurityGroupsRequest(), over);

function update(client, id, { name, description, dryRun } = {}) {
  const option = new vpc.UpdateSecurityGroupOption();
  if (name !== undefined) option.withName(name);
  if (description !== undefined) option.withDescription(description);
  const body = new vpc.UpdateSecurityGroupRequestBody().withSecurityGroup(option);
  if (dryRun !== undefined) body.withDryRun(dryRun);
  return client.updateSecurityGroup(new vpc.UpdateSecurityGroupRequest().withSecurityGroupId(id).withBody(body));
}

const show = (client, id) => client.showSecurityGroup(new vpc.ShowSecurityGroupRequest().withSecurityGroupId(id));

test('lists the demo project\'s groups, without rules, with page_info', async (t) => {
  const hw = huawei(await emulatorFor(t));
  const res = await hw.listSecurityGroups(new vpc.ListSecurityGroupsRequest());
  assert.equal(res.httpStatusCode, 200);
  assert.match(res.request_id, /^[0-9a-f]{32}$/);
  assert.deepEqual(res.security_groups.map((g) => g.name), DEMO_GROUPS);
  const web = res.security_groups[1];
  assert.match(web.id, UUID);
  assert.deepEqual([web.description, web.project_id, web.enterprise_project_id, web.tags], ['Public web servers', DEMO_PROJECT, '0', []]);
  assert.ok(!('security_group_rules' in web), 'the list answers SecurityGroup, not SecurityGroupInfo');
  assert.deepEqual(res.page_info, { previous_marker: res.security_groups[0].id, current_count: 4 });
});

test('pages with limit and marker; refuses a limit or marker it cannot use', async (t) => {
  const hw = huawei(await emulatorFor(t));
  const ids = (await hw.listSecurityGroups(list())).security_groups.map((g) => g.id);
  const first = await hw.listSecurityGroups(list({ limit: 3 }));
  assert.deepEqual(first.security_groups.map((g) => g.name), DEMO_GROUPS.slice(0, 3));
  assert.deepEqual(first.page_info, { previous_marker: ids[0], current_count: 3, next_marker: ids[2] });
  const second = await hw.listSecurityGroups(list({ limit: 3, marker: first.page_info.next_marker }));
  assert.deepEqual(second.security_groups.map((g) => g.name), ['bastion'], 'the page starts after the marker');
  assert.deepEqual(second.page_info, { previous_marker: ids[3], current_count: 1 });
  const empty = await hw.listSecurityGroups(list({ marker: ids[3] }));
  assert.deepEqual([empty.security_groups, empty.page_info.current_count], [[], 0]);

  await hwRefused(hw.listSecurityGroups(list({ limit: 0 })), 400, 'VPC.0601');
  await hwRefused(hw.listSecurityGroups(list({ limit: 2001 })), 400, 'VPC.0601');
  await hwRefused(hw.listSecurityGroups(list({ marker: '00000000-0000-4000-8000-000000000000' })), 400, 'VPC.0601');
});

test('filters by repeated name and id parameters, Chinese names included', async (t) => {
  const hw = huawei(await emulatorFor(t));
  await hwCreateGroup(hw, { name: '中文-组.1' });
  assert.deepEqual(await hwGroupNames(hw, list({ name: ['web', 'bastion'] })), ['web', 'bastion']);
  assert.deepEqual(await hwGroupNames(hw, list({ name: ['中文-组.1'] })), ['中文-组.1'], 'a UTF-8 query signs and matches');
  assert.deepEqual(await hwGroupNames(hw, list({ name: ['nothing'] })), []);
  const dbId = await hwGroupId(hw, 'database');
  assert.deepEqual(await hwGroupNames(hw, list({ id: [dbId] })), ['database']);
  assert.deepEqual(await hwGroupNames(hw, list({ id: [dbId], name: ['web'] })), [], 'filters combine');
});

test('creates a group: 201, the four default rules, Chinese text and tags round-trip', async (t) => {
  const hw = huawei(await emulatorFor(t));
  const created = await hwCreateGroup(hw, { name: '应用服务器', description: '中文描述：SDK 创建', tags: [['环境', '测试'], ['team', 'net-ops']] });
  assert.equal(created.httpStatusCode, 201);
  const g = created.security_group;
  assert.match(g.id, UUID);
  assert.deepEqual([g.name, g.description, g.project_id, g.enterprise_project_id], ['应用服务器', '中文描述：SDK 创建', DEMO_PROJECT, '0']);
  assert.deepEqual(g.tags, [{ key: '环境', value: '测试' }, { key: 'team', value: 'net-ops' }]);
  const rules = g.security_group_rules.map((r) => [r.direction, r.ethertype, r.action, r.priority, r.remote_group_id]);
  assert.deepEqual(rules.sort(), [
    ['egress', 'IPv4', 'allow', 100, null], ['egress', 'IPv6', 'allow', 100, null],
    ['ingress', 'IPv4', 'allow', 100, g.id], ['ingress', 'IPv6', 'allow', 100, g.id],
  ]);

  const shown = (await show(hw, g.id)).security_group;
  assert.deepEqual([shown.name, shown.description, shown.tags, shown.security_group_rules.length], [g.name, g.description, g.tags, 4]);
  assert.deepEqual(await hwGroupNames(hw), [...DEMO_GROUPS, '应用服务器']);
});

test('create with dry_run checks and answers 202 without creating; create refusals', async (t) => {
  const hw = huawei(await emulatorFor(t));
  const dry = await hwCreateGroup(hw, { name: 'dry-only', dryRun: true });
  assert.equal(dry.httpStatusCode, 202);
  assert.match(dry.request_id, /^[0-9a-f]{32}$/);
  await hwRefused(hwCreateGroup(hw, { name: 'has space', dryRun: true }), 400, 'VPC.0601');
  for (const bad of [
    { name: 'has space' }, { name: 'x'.repeat(65) }, { name: '' }, { name: 'ok', description: '<b>' },
    { name: 'ok', tags: [['k', 'v'], ['k', 'w']] }, { name: 'ok', enterpriseProjectId: 'not-a-uuid' },
  ]) {
    const err = await hwRefused(hwCreateGroup(hw, bad), 400, bad.enterpriseProjectId ? 'VPC.0011' : 'VPC.0601');
    assert.ok(err.errorMsg.length > 0, JSON.stringify(bad));
  }
  assert.deepEqual(await hwGroupNames(hw), DEMO_GROUPS, 'nothing was created');
});

test('updates name and description (dry_run first), with the seed\'s refusals', async (t) => {
  const hw = huawei(await emulatorFor(t));
  const id = await hwGroupId(hw, 'web');
  const dry = await update(hw, id, { name: 'security_group_2', description: 'modified description', dryRun: true });
  assert.equal(dry.httpStatusCode, 202);
  assert.equal((await show(hw, id)).security_group.name, 'web', 'dry_run changes nothing');

  const updated = await update(hw, id, { name: 'web-前端', description: '修改后的描述' });
  assert.equal(updated.httpStatusCode, 200);
  assert.deepEqual([updated.security_group.id, updated.security_group.name, updated.security_group.description], [id, 'web-前端', '修改后的描述']);
  assert.equal(updated.security_group.security_group_rules.length, 4);
  const onlyDescription = await update(hw, id, { description: '' });
  assert.deepEqual([onlyDescription.security_group.name, onlyDescription.security_group.description], ['web-前端', ''], 'fields not given are kept');

  for (const bad of [{ name: 'has space' }, { name: 'x'.repeat(65) }, { description: '<script>' }, { name: 'ok', description: 'a>b', dryRun: true }]) {
    await hwRefused(update(hw, id, bad), 400, 'VPC.0601');
  }
  await hwRefused(update(hw, '00000000-0000-4000-8000-000000000000', { name: 'x' }), 404, 'VPC.0603');
  await hwRefused(update(hw, '00000000-0000-4000-8000-000000000000', { name: 'x', dryRun: true }), 404, 'VPC.0603');
  assert.equal((await show(hw, id)).security_group.name, 'web-前端');
});

test('deletes a group and its rules: 204, then 404 VPC.0603', async (t) => {
  const hw = huawei(await emulatorFor(t));
  const id = await hwGroupId(hw, 'bastion');
  const ruleIds = (await show(hw, id)).security_group.security_group_rules.map((r) => r.id);
  assert.equal(ruleIds.length, 6);
  const deleted = await hw.deleteSecurityGroup(new vpc.DeleteSecurityGroupRequest().withSecurityGroupId(id));
  assert.deepEqual(deleted, { httpStatusCode: 204 });
  const err = await hwRefused(show(hw, id), 404, 'VPC.0603');
  assert.match(err.errorMsg, new RegExp(id));
  await hwRefused(hw.deleteSecurityGroup(new vpc.DeleteSecurityGroupRequest().withSecurityGroupId(id)), 404, 'VPC.0603');
  await hwRefused(hw.showSecurityGroupRule(new vpc.ShowSecurityGroupRuleRequest().withSecurityGroupRuleId(ruleIds[0])), 404, 'VPC.0604');
  assert.deepEqual(await hwGroupNames(hw), ['default', 'web', 'database']);
});

test('each project is its own namespace; a project id must look like one', async (t) => {
  const emu = await emulatorFor(t);
  const fresh = huawei(emu, FRESH_PROJECT);
  assert.deepEqual(await hwGroupNames(fresh), ['default'], 'a new project starts with only default');
  await hwCreateGroup(fresh, { name: 'only-here' });
  assert.deepEqual(await hwGroupNames(fresh), ['default', 'only-here']);
  assert.deepEqual(await hwGroupNames(huawei(emu)), DEMO_GROUPS, 'the demo project does not see it');
  const demoWeb = await hwGroupId(huawei(emu), 'web');
  await hwRefused(show(fresh, demoWeb), 404, 'VPC.0603');
  await hwRefused(huawei(emu, 'my-project').listSecurityGroups(list()), 400, 'VPC.0601');
});

test('signing failures are the gateway\'s 401 APIGW.0301', async (t) => {
  const emu = await emulatorFor(t);
  const wrongSecret = await hwRefused(huawei(emu, DEMO_PROJECT, { sk: 'not-the-secret' }).listSecurityGroups(list()), 401, 'APIGW.0301');
  assert.match(wrongSecret.errorMsg, /^Incorrect IAM authentication information/);
  assert.match(wrongSecret.errorMsg, /canonicalRequest:GET\|\/v3\/060576782980d5762f9ec014dd2f1148\/vpc\/security-groups\//);
  assert.doesNotMatch(wrongSecret.errorMsg, new RegExp(emu.sk));
  await hwRefused(huawei(emu, DEMO_PROJECT, { ak: 'not-a-key' }).listSecurityGroups(list()), 401, 'APIGW.0301');
  // A signed body: a changed secret fails a POST too, and nothing is created.
  await hwRefused(hwCreateGroup(huawei(emu, DEMO_PROJECT, { sk: 'x' }), { name: 'never' }), 401, 'APIGW.0301');
  assert.deepEqual(await hwGroupNames(huawei(emu)), DEMO_GROUPS);
});

test('the error body\'s request_id is the X-Request-Id header the SDK reads (unsigned request)', async (t) => {
  const emu = await emulatorFor(t);
  const res = await fetch(`${emu.url}/v3/${DEMO_PROJECT}/vpc/security-groups`);
  assert.equal(res.status, 401);
  assert.match(res.headers.get('content-type'), /^application\/json/);
  const body = await res.json();
  assert.deepEqual(Object.keys(body).sort(), ['error_code', 'error_msg', 'request_id']);
  assert.equal(body.error_code, 'APIGW.0301');
  assert.match(body.request_id, /^[0-9a-f]{32}$/);
  assert.equal(res.headers.get('x-request-id'), body.request_id);
});
