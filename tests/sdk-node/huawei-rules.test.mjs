// Huawei Cloud VPC v3 security group rules through VpcClient: create (dry_run too), show,
// list (security_group_id filter, limit/marker paging), delete, and the documented refusals.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import {
  DEMO_PROJECT, emulatorFor, FRESH_PROJECT, huawei, hwCreateGroup, hwCreateRule, hwGroupId, hwRefused, hwRuleOption, hwRulesOf, UUID, vpc,
} from './support.mjs';

const listRules = (client, over = {}) => client.listSecurityGroupRules(Object.assign(new vpc.ListSecurityGroupRulesRequest(), over));
const showRule = (client, id) => client.showSecurityGroupRule(new vpc.ShowSecurityGroupRuleRequest().withSecurityGroupRuleId(id));
const deleteRule = (client, id) => client.deleteSecurityGroupRule(new vpc.DeleteSecurityGroupRuleRequest().withSecurityGroupRuleId(id));

test('creates a rule: 201, priority sent as a string answered as a number, Chinese description', async (t) => {
  const hw = huawei(await emulatorFor(t), FRESH_PROJECT);
  const gid = await hwGroupId(hw, 'default');
  const created = await hwCreateRule(hw, hwRuleOption(gid, { multiport: '22,3389', priority: '1', description: '允许办公网 SSH/RDP' }));
  assert.equal(created.httpStatusCode, 201);
  const r = created.security_group_rule;
  assert.match(r.id, UUID);
  assert.deepEqual(
    [r.security_group_id, r.direction, r.protocol, r.ethertype, r.multiport, r.remote_ip_prefix, r.action, r.priority, r.description, r.project_id, r.enabled],
    [gid, 'ingress', 'tcp', 'IPv4', '22,3389', '10.0.0.0/8', 'allow', 1, '允许办公网 SSH/RDP', FRESH_PROJECT, true],
  );
  assert.ok(r.created_at && r.updated_at);

  const shown = await showRule(hw, r.id);
  assert.equal(shown.httpStatusCode, 200);
  assert.deepEqual(shown.security_group_rule, r);
  assert.equal((await hwRulesOf(hw, gid)).length, 5, 'four default rules and the new one');
});

test('create with dry_run checks everything and answers 202 without creating', async (t) => {
  const hw = huawei(await emulatorFor(t), FRESH_PROJECT);
  const gid = await hwGroupId(hw, 'default');
  const dry = await hwCreateRule(hw, hwRuleOption(gid), true);
  assert.equal(dry.httpStatusCode, 202);
  assert.equal((await hwRulesOf(hw, gid)).length, 4);
  await hwRefused(hwCreateRule(hw, hwRuleOption(gid, { multiport: '0-5' }), true), 400, 'VPC.0601');
  await hwCreateRule(hw, hwRuleOption(gid));
  await hwRefused(hwCreateRule(hw, hwRuleOption(gid), true), 409, 'VPC.0605');
});

test('create refuses duplicates, bad fields and a missing group, and creates nothing', async (t) => {
  const hw = huawei(await emulatorFor(t), FRESH_PROJECT);
  const gid = await hwGroupId(hw, 'default');
  await hwCreateRule(hw, hwRuleOption(gid));
  // Same traffic and action: a duplicate, whatever the priority or description.
  await hwRefused(hwCreateRule(hw, hwRuleOption(gid, { priority: '50', description: 'again' })), 409, 'VPC.0605');
  for (const over of [
    { multiport: '0-5' }, { multiport: '70000' }, { multiport: '22', protocol: undefined }, { protocol: 'icmp', multiport: undefined, ethertype: 'IPv6', remote_ip_prefix: '::/0' },
    { protocol: 'icmpv6', multiport: undefined }, { direction: 'inbound' }, { ethertype: 'IPv5' }, { action: 'accept' },
    { priority: '0' }, { priority: '101' }, { remote_ip_prefix: '10.0.0.0/33' }, { remote_ip_prefix: '::/0' },
    { remote_group_id: gid }, { description: 'a<b' },
  ]) {
    await hwRefused(hwCreateRule(hw, hwRuleOption(gid, over)), 400, 'VPC.0601');
  }
  await hwRefused(hwCreateRule(hw, hwRuleOption('00000000-0000-4000-8000-000000000000')), 404, 'VPC.0603');
  assert.equal((await hwRulesOf(hw, gid)).length, 5, 'only the first rule was added');
});

test('a rule may name another group as its remote, and IPv6 rules take IPv6 prefixes', async (t) => {
  const hw = huawei(await emulatorFor(t));
  const web = await hwGroupId(hw, 'web');
  const db = await hwGroupId(hw, 'database');
  const fromWeb = (await hwCreateRule(hw, hwRuleOption(db, { multiport: '3306', remote_ip_prefix: undefined, remote_group_id: web }))).security_group_rule;
  assert.deepEqual([fromWeb.remote_group_id, fromWeb.remote_ip_prefix], [web, null]);
  const v6 = (await hwCreateRule(hw, hwRuleOption(db, { ethertype: 'IPv6', protocol: 'icmpv6', multiport: undefined, remote_ip_prefix: '2001:db8::/32' }))).security_group_rule;
  assert.deepEqual([v6.ethertype, v6.protocol, v6.multiport, v6.remote_ip_prefix], ['IPv6', 'icmpv6', null, '2001:db8::/32']);
  const egress = (await hwCreateRule(hw, hwRuleOption(db, { direction: 'egress', protocol: 'udp', multiport: '53', remote_ip_prefix: '0.0.0.0/0', action: 'deny' }))).security_group_rule;
  assert.deepEqual([egress.direction, egress.protocol, egress.action], ['egress', 'udp', 'deny']);
});

test('lists rules by one or more groups, and pages them with limit and marker', async (t) => {
  const hw = huawei(await emulatorFor(t));
  const web = await hwGroupId(hw, 'web');
  const bastion = await hwGroupId(hw, 'bastion');
  const all = await listRules(hw);
  assert.equal(all.httpStatusCode, 200);
  assert.equal(all.security_group_rules.length, 18, 'four groups of four default rules, and two more on bastion');
  assert.deepEqual(all.page_info.current_count, 18);

  const both = (await listRules(hw, { security_group_id: [web, bastion] })).security_group_rules;
  assert.equal(both.length, 10);
  assert.ok(both.every((r) => r.security_group_id === web || r.security_group_id === bastion));
  const bastionRules = await hwRulesOf(hw, bastion);
  assert.deepEqual(
    bastionRules.filter((r) => r.priority === 10).map((r) => [r.action, r.multiport, r.remote_ip_prefix]),
    [['allow', '22', '203.0.113.0/24'], ['deny', '22', '0.0.0.0/0']],
  );

  const ids = [];
  let marker;
  for (let pages = 0; pages < 10; pages += 1) {
    const page = await listRules(hw, marker ? { limit: 7, marker } : { limit: 7 });
    assert.ok(page.security_group_rules.length <= 7);
    ids.push(...page.security_group_rules.map((r) => r.id));
    marker = page.page_info.next_marker;
    if (!marker) break;
    assert.equal(marker, page.security_group_rules.at(-1).id, 'next_marker is the last id of the page');
  }
  assert.deepEqual(ids, all.security_group_rules.map((r) => r.id), 'pages cover the list once, in order');
  await hwRefused(listRules(hw, { limit: 0 }), 400, 'VPC.0601');
  await hwRefused(listRules(hw, { marker: 'not-a-rule' }), 400, 'VPC.0601');
});

test('deletes a rule: 204, then show and delete answer 404 VPC.0604', async (t) => {
  const emu = await emulatorFor(t);
  const hw = huawei(emu, FRESH_PROJECT);
  const gid = await hwGroupId(hw, 'default');
  const { security_group_rule: rule } = await hwCreateRule(hw, hwRuleOption(gid));
  assert.deepEqual(await deleteRule(hw, rule.id), { httpStatusCode: 204 });
  assert.ok(!(await hwRulesOf(hw, gid)).some((r) => r.id === rule.id));
  await hwRefused(showRule(hw, rule.id), 404, 'VPC.0604');
  await hwRefused(deleteRule(hw, rule.id), 404, 'VPC.0604');
  // Another project cannot see or delete this project's rules.
  const other = (await hwRulesOf(hw, gid))[0];
  const demo = huawei(emu, DEMO_PROJECT);
  await hwRefused(showRule(demo, other.id), 404, 'VPC.0604');
  await hwRefused(deleteRule(demo, other.id), 404, 'VPC.0604');
  assert.ok((await hwRulesOf(hw, gid)).some((r) => r.id === other.id));
});

test('a Chinese description on a new group and its rule round-trips through list and show', async (t) => {
  const hw = huawei(await emulatorFor(t));
  const gid = (await hwCreateGroup(hw, { name: '数据库', description: '只允许应用层访问' })).security_group.id;
  const rid = (await hwCreateRule(hw, hwRuleOption(gid, { multiport: '5432', description: '应用层 → PostgreSQL' }))).security_group_rule.id;
  assert.equal((await showRule(hw, rid)).security_group_rule.description, '应用层 → PostgreSQL');
  const listed = (await hwRulesOf(hw, gid)).find((r) => r.id === rid);
  assert.equal(listed.description, '应用层 → PostgreSQL');
  const group = (await hw.showSecurityGroup(new vpc.ShowSecurityGroupRequest().withSecurityGroupId(gid))).security_group;
  assert.deepEqual([group.name, group.description], ['数据库', '只允许应用层访问']);
});

test('the rule list honours every documented filter (direction, action, protocol, priority, ids…)', async (t) => {
  const emu = await emulatorFor(t);
  const hw = huawei(emu);
  const bastion = await hwGroupId(hw, 'bastion');
  const list = async (build) => (await hw.listSecurityGroupRules(build(new vpc.ListSecurityGroupRulesRequest().withSecurityGroupId([bastion])))).security_group_rules;
  const all = await list((r) => r);
  assert.ok(all.some((r) => r.direction === 'egress') && all.some((r) => r.direction === 'ingress'));
  assert.ok((await list((r) => r.withDirection('egress'))).every((r) => r.direction === 'egress'));
  const denies = await list((r) => r.withAction('deny'));
  assert.deepEqual(denies.map((r) => r.description), ['no SSH from anywhere']);
  assert.deepEqual((await list((r) => r.withRemoteIpPrefix('203.0.113.0/24'))).map((r) => r.description), ['SSH from the office']);
  assert.equal((await list((r) => r.withPriority(['10']))).length, 2);
  assert.deepEqual((await list((r) => r.withId([denies[0].id]))).map((r) => r.id), [denies[0].id]);
  assert.deepEqual(await list((r) => r.withId(['nope'])), []);
  assert.ok((await list((r) => r.withProtocol(['tcp']))).every((r) => r.protocol === 'tcp'));
});

test('a Huawei call the emulator does not serve is answered in Huawei\'s form (404 APIGW.0101), not as a Baidu signature error', async (t) => {
  const emu = await emulatorFor(t);
  const hw = huawei(emu);
  const port = new vpc.InsertSecurityGroupOption().withSecurityGroups([await hwGroupId(hw, 'web')]);
  const request = new vpc.AddSecurityGroupsRequest().withPortId('00000000-0000-4000-8000-000000000001').withBody(new vpc.AddSecurityGroupsRequestBody().withPort(port));
  await hwRefused(hw.addSecurityGroups(request), 404, 'APIGW.0101');
});
