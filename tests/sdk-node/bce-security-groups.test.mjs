// Baidu regular security groups (/v2/securityGroup) through @baiducloud/sdk's
// BceBaseClient: list (paging, filters), get, create, delete, authorize/revoke, rule
// update and delete, sgVersion and clientToken.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { bce, bceRefused, bceRule, emulatorFor, token, UUID } from './support.mjs';

const FIXTURE_GROUPS = ['default', 'web', 'database', 'ssh', 'staging-web'];

test('lists the demo groups in creation order, each with its rules and version', async (t) => {
  const api = bce(await emulatorFor(t));
  const res = await api.call('GET', '/v2/securityGroup');
  assert.match(res.http_headers['x-bce-request-id'], UUID, 'every answer carries x-bce-request-id');
  assert.match(res.http_headers['content-type'], /^application\/json/);
  const { body } = res;
  assert.deepEqual(body.securityGroups.map((g) => g.name), FIXTURE_GROUPS);
  assert.deepEqual([body.isTruncated, body.maxKeys, body.nextMarker], [false, 1000, undefined]);
  const web = body.securityGroups[1];
  assert.equal(web.id, 'g-web00001');
  assert.equal(web.vpcId, 'vpc-demo0001');
  assert.equal(web.sgVersion, 1);
  assert.deepEqual(web.rules.map((r) => [r.direction, r.protocol, r.portRange, r.sourceIp ?? r.destIp]), [
    ['ingress', 'tcp', '80', '0.0.0.0/0'], ['ingress', 'tcp', '443', '0.0.0.0/0'], ['egress', '', '', 'all'],
  ]);
  assert.ok(web.rules.every((r) => r.securityGroupId === 'g-web00001' && /^r-/.test(r.securityGroupRuleId)));
});

test('pages with marker and maxKeys, and refuses a marker or maxKeys it cannot use', async (t) => {
  const api = bce(await emulatorFor(t));
  const seen = [];
  const markers = [];
  let marker;
  for (;;) {
    const page = await api.get('/v2/securityGroup', marker ? { maxKeys: 2, marker } : { maxKeys: 2 });
    assert.equal(page.maxKeys, 2);
    assert.ok(page.securityGroups.length <= 2);
    seen.push(...page.securityGroups.map((g) => g.name));
    markers.push(page.nextMarker ?? null);
    if (!page.isTruncated) break;
    marker = page.nextMarker;
  }
  assert.deepEqual(seen, FIXTURE_GROUPS);
  assert.deepEqual(markers, ['g-db000001', 'g-stage001', null], 'nextMarker is the first id of the next page');
  const third = await api.get('/v2/securityGroup', { marker: 'g-db000001', maxKeys: 1 });
  assert.deepEqual([third.marker, third.securityGroups.map((g) => g.id), third.nextMarker], ['g-db000001', ['g-db000001'], 'g-ssh00001']);

  await bceRefused(api.get('/v2/securityGroup', { marker: 'g-missing' }), 404, 'NoSuchObject');
  await bceRefused(api.get('/v2/securityGroup', { maxKeys: 0 }), 400, 'InappropriateJSON');
  await bceRefused(api.get('/v2/securityGroup', { maxKeys: 1001 }), 400, 'InappropriateJSON');
});

test('filters by vpcId and by instanceId (an instance or a service network interface card)', async (t) => {
  const api = bce(await emulatorFor(t));
  const ids = async (params) => (await api.get('/v2/securityGroup', params)).securityGroups.map((g) => g.id);
  assert.deepEqual(await ids({ vpcId: 'vpc-demo0002' }), ['g-stage001']);
  assert.deepEqual(await ids({ vpcId: 'vpc-demo0001' }), ['g-default0', 'g-web00001', 'g-db000001', 'g-ssh00001']);
  assert.deepEqual(await ids({ instanceId: 'i-bastion1' }), ['g-default0', 'g-web00001', 'g-ssh00001']);
  assert.deepEqual(await ids({ instanceId: 'i-db000001' }), ['g-db000001']);
  assert.deepEqual(await ids({ instanceId: 'endpoint-demo0003' }), ['g-stage001']);
  assert.deepEqual(await ids({ instanceId: 'i-app00001' }), [], 'an instance under an enterprise group has no regular group');
  assert.deepEqual(await ids({ instanceId: 'i-web00001', vpcId: 'vpc-demo0002' }), [], 'filters combine');
});

test('creates a group whose Chinese name, description, remarks and tags round-trip', async (t) => {
  const api = bce(await emulatorFor(t));
  const created = await api.post('/v2/securityGroup', {
    name: '中文安全组-1', desc: '中文描述：给 SDK 用的组', vpcId: 'vpc-demo0002',
    rules: [bceRule({ remark: '允许 SSH' }), bceRule({ direction: 'egress', portRange: '443', sourceIp: undefined, destIp: '0.0.0.0/0', remark: '出方向 https' })],
    tags: [{ tagKey: '环境', tagValue: '测试' }],
  }, { clientToken: token() });
  assert.match(created.securityGroupId, /^g-[a-z0-9]{8}$/);

  const detail = await api.get(`/v2/securityGroup/${created.securityGroupId}`);
  assert.equal(detail.id, created.securityGroupId);
  assert.equal(detail.name, '中文安全组-1');
  assert.equal(detail.desc, '中文描述：给 SDK 用的组');
  assert.equal(detail.vpcId, 'vpc-demo0002');
  assert.deepEqual([detail.sgVersion, detail.bindInstanceNum], [1, 0]);
  assert.deepEqual(detail.tags, [{ tagKey: '环境', tagValue: '测试' }]);
  assert.deepEqual(detail.rules.map((r) => [r.remark, r.direction, r.portRange, r.ethertype]), [
    ['允许 SSH', 'ingress', '22', 'IPv4'], ['出方向 https', 'egress', '443', 'IPv4'],
  ]);
  assert.ok(detail.rules.every((r) => r.securityGroupId === detail.id && /^r-/.test(r.securityGroupRuleId)));

  const names = (await api.get('/v2/securityGroup')).securityGroups.map((g) => g.name);
  assert.deepEqual(names, [...FIXTURE_GROUPS, '中文安全组-1'], 'a new group lists last');
});

test('a group created without rules gets the default: all egress allowed, IPv4 and IPv6', async (t) => {
  const api = bce(await emulatorFor(t));
  const { securityGroupId } = await api.post('/v2/securityGroup', { name: 'bare' });
  const detail = await api.get(`/v2/securityGroup/${securityGroupId}`);
  assert.equal(detail.vpcId, 'vpc-demo0001', 'no vpcId: the default VPC');
  assert.deepEqual(detail.rules.map((r) => [r.direction, r.ethertype, r.destIp]), [['egress', 'IPv4', '0.0.0.0/0'], ['egress', 'IPv6', '::/0']]);
});

test('create refuses a bad name, an unknown VPC and bad bodies, and creates nothing', async (t) => {
  const api = bce(await emulatorFor(t));
  await bceRefused(api.post('/v2/securityGroup', { name: '1-starts-with-a-digit' }), 400, 'InappropriateJSON');
  await bceRefused(api.post('/v2/securityGroup', { name: 'x'.repeat(66) }), 400, 'InappropriateJSON');
  await bceRefused(api.post('/v2/securityGroup', { name: 'ok', vpcId: 'vpc-missing' }), 404, 'NoSuchObject');
  await bceRefused(api.post('/v2/securityGroup', { name: 'ok', rules: [bceRule({ portRange: '400-80' })] }), 400, 'SecurityGroup.RulePortOrderInvalid');
  await bceRefused(api.post('/v2/securityGroup', { name: 'ok', rules: [bceRule(), bceRule()] }), 409, 'SecurityGroup.RuleDuplicated');
  await bceRefused(api.post('/v2/securityGroup', { name: 42 }), 400, 'InappropriateJSON');
  await bceRefused(api.call('POST', '/v2/securityGroup', { body: undefined }), 400, 'MalformedJSON');
  assert.deepEqual((await api.get('/v2/securityGroup')).securityGroups.map((g) => g.name), FIXTURE_GROUPS);
});

test('clientToken: a replay answers the first result; the same token for another request is refused', async (t) => {
  const api = bce(await emulatorFor(t));
  const tok = token();
  const first = await api.post('/v2/securityGroup', { name: 'once' }, { clientToken: tok });
  const again = await api.post('/v2/securityGroup', { name: 'once' }, { clientToken: tok });
  assert.equal(again.securityGroupId, first.securityGroupId);
  assert.equal((await api.get('/v2/securityGroup')).securityGroups.filter((g) => g.name === 'once').length, 1);
  await bceRefused(api.post('/v2/securityGroup', { name: 'twice' }, { clientToken: tok }), 403, 'IdempotentParameterMismatch');
  await bceRefused(api.post('/v2/securityGroup', { name: 'long' }, { clientToken: 'x'.repeat(65) }), 400, 'InappropriateJSON');
});

test('authorizes and revokes a rule, moving sgVersion on, with the documented refusals', async (t) => {
  const api = bce(await emulatorFor(t));
  const { securityGroupId: gid } = await api.post('/v2/securityGroup', { name: 'rules', rules: [bceRule()] }, { clientToken: token() });
  const https = bceRule({ remark: 'https', portRange: '443', sourceIp: '0.0.0.0/0' });
  const path = `/v2/securityGroup/${gid}`;

  const tok = token();
  assert.deepEqual(await api.put(path, { rule: https }, { authorizeRule: '', clientToken: tok, sgVersion: 1 }), {});
  let detail = await api.get(path);
  assert.equal(detail.sgVersion, 2);
  assert.deepEqual(detail.rules.map((r) => r.portRange), ['22', '443']);
  // The same token and request: a replay, not a second rule, even with an old sgVersion.
  await api.put(path, { rule: https }, { authorizeRule: '', clientToken: tok, sgVersion: 1 });
  assert.equal((await api.get(path)).rules.length, 2);

  await bceRefused(api.put(path, { rule: bceRule({ portRange: '8080' }) }, { authorizeRule: '', clientToken: token(), sgVersion: 1 }), 400, 'VersionMismatch');
  await bceRefused(api.put(path, { rule: https }, { authorizeRule: '', clientToken: token() }), 409, 'SecurityGroup.RuleDuplicated');
  // The remark is part of a rule's identity (seed 004's 6-tuple): another remark is another rule.
  await api.put(path, { rule: { ...https, remark: 'https 备注' } }, { authorizeRule: '', clientToken: token(), sgVersion: 2 });
  await api.put(path, { rule: { ...https, remark: 'https 备注' } }, { revokeRule: '', sgVersion: 3 });
  await bceRefused(api.put(path, { rule: bceRule({ portRange: '70000' }) }, { authorizeRule: '', clientToken: token() }), 400, 'SecurityGroup.RulePortRangeInvalid');
  await bceRefused(api.put(path, { rule: bceRule({ portRange: 'http' }) }, { authorizeRule: '', clientToken: token() }), 400, 'SecurityGroup.RulePortInvalid');
  await bceRefused(api.put(path, { rule: bceRule({ sourceIp: '10.0.0.0/33' }) }, { authorizeRule: '', clientToken: token() }), 400, 'SecurityGroup.RuleCIDRAddressError');
  await bceRefused(api.put(path, { rule: bceRule({ direction: 'inbound' }) }, { authorizeRule: '', clientToken: token() }), 400, 'SecurityGroup.RuleDirectionError');
  await bceRefused(api.put(path, { rule: bceRule({ portRange: '8081' }) }, { authorizeRule: '' }), 400, 'InvalidHTTPRequest');
  await bceRefused(api.put('/v2/securityGroup/g-missing', { rule: https }, { authorizeRule: '', clientToken: token() }), 404, 'NoSuchObject');
  assert.equal((await api.get(path)).sgVersion, 4, 'a refused call changes nothing');

  // Revoke names the rule by its fields; the version moves on again.
  await api.put(path, { rule: https }, { revokeRule: '', sgVersion: 4 });
  detail = await api.get(path);
  assert.deepEqual([detail.sgVersion, detail.rules.map((r) => r.portRange)], [5, ['22']]);
  await bceRefused(api.put(path, { rule: https }, { revokeRule: '' }), 404, 'SecurityGroup.RuleNotExist');
  await bceRefused(api.put(path, { rule: bceRule() }, { revokeRule: '', sgVersion: 4 }), 400, 'VersionMismatch');
});

test('edits a rule in place by id and deletes it by id', async (t) => {
  const api = bce(await emulatorFor(t));
  const { securityGroupId: gid } = await api.post('/v2/securityGroup', {
    name: 'edits', rules: [bceRule(), bceRule({ remark: 'web', portRange: '80', sourceIp: '0.0.0.0/0' })],
  });
  const before = await api.get(`/v2/securityGroup/${gid}`);
  const rid = before.rules.find((r) => r.portRange === '22').securityGroupRuleId;
  const update = (body, params) => api.put('/v2/securityGroup/rule/update', { securityGroupRuleId: rid, ...body }, params);

  await update({ portRange: '2222', remark: '备用 SSH 端口' }, { sgVersion: before.sgVersion, clientToken: token() });
  const after = await api.get(`/v2/securityGroup/${gid}`);
  const edited = after.rules.find((r) => r.securityGroupRuleId === rid);
  assert.deepEqual([edited.portRange, edited.remark, edited.sourceIp, edited.protocol], ['2222', '备用 SSH 端口', '10.0.0.0/8', 'tcp']);
  assert.equal(after.sgVersion, before.sgVersion + 1);
  assert.equal(after.rules.findIndex((r) => r.securityGroupRuleId === rid), 0, 'edited in place: same id, same position');

  await bceRefused(update({ portRange: '23' }, { sgVersion: before.sgVersion }), 400, 'VersionMismatch');
  await bceRefused(update({ portRange: '80', remark: 'web', sourceIp: '0.0.0.0/0' }), 409, 'SecurityGroup.RuleDuplicated');
  await bceRefused(update({ protocol: 'icmp', portRange: '' }), 400, 'InvalidProtocolException');
  await bceRefused(api.put('/v2/securityGroup/rule/update', { securityGroupRuleId: 'r-missing', remark: 'x' }), 404, 'SecurityGroup.RuleNotExist');
  await bceRefused(api.put('/v2/securityGroup/rule/update', { remark: 'no id' }), 400, 'InappropriateJSON');
  assert.equal((await api.get(`/v2/securityGroup/${gid}`)).sgVersion, after.sgVersion, 'a refused edit changes nothing');

  await bceRefused(api.del(`/v2/securityGroup/rule/${rid}`, { sgVersion: before.sgVersion }), 400, 'VersionMismatch');
  await api.del(`/v2/securityGroup/rule/${rid}`, { sgVersion: after.sgVersion });
  const last = await api.get(`/v2/securityGroup/${gid}`);
  assert.deepEqual([last.sgVersion, last.rules.map((r) => r.portRange)], [after.sgVersion + 1, ['80']]);
  await bceRefused(api.del(`/v2/securityGroup/rule/${rid}`), 404, 'SecurityGroup.RuleNotExist');
});

test('gets one group with bindInstanceNum, and deletes only a group nothing is bound to', async (t) => {
  const api = bce(await emulatorFor(t));
  const web = await api.get('/v2/securityGroup/g-web00001');
  assert.deepEqual([web.name, web.desc, web.bindInstanceNum, web.rules.length], ['web', 'Public web servers', 3, 3]);
  assert.equal((await api.get('/v2/securityGroup/g-default0')).bindInstanceNum, 5, 'four instances and one card');

  await bceRefused(api.del('/v2/securityGroup/g-web00001'), 409, 'SecurityGroup.SecurityGroupInUse');
  const { securityGroupId: gid } = await api.post('/v2/securityGroup', { name: 'short-lived' });
  assert.deepEqual(await api.del(`/v2/securityGroup/${gid}`, { clientToken: token() }), {});
  await bceRefused(api.get(`/v2/securityGroup/${gid}`), 404, 'NoSuchObject');
  await bceRefused(api.del(`/v2/securityGroup/${gid}`), 404, 'NoSuchObject');
  assert.deepEqual((await api.get('/v2/securityGroup')).securityGroups.map((g) => g.name), FIXTURE_GROUPS);
});
