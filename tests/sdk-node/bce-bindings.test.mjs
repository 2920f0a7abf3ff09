// Baidu bindings through @baiducloud/sdk's BceBaseClient: instances (/v2/instance list,
// ?bind, ?unbind), batch bind/unbind/replace (/v2/securitygroup/{action}), service network
// interface cards (/v1/endpoint, ?bindSg, ?bindEsg) and VPCs (/v1/vpc).
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { bce, bceRefused, emulatorFor, token, UUID } from './support.mjs';

const INSTANCES = ['i-web00001', 'i-web00002', 'i-db000001', 'i-bastion1', 'i-expired1', 'i-app00001'];

async function nic(api, id) {
  const inst = (await api.get('/v2/instance')).instances.find((i) => i.id === id);
  assert.ok(inst, `instance ${id} is listed`);
  return [inst.nicInfo.securityGroups, inst.nicInfo.enterpriseSecurityGroups];
}

test('lists instances with their groups of both kinds, paged and filtered by VPC', async (t) => {
  const api = bce(await emulatorFor(t));
  const all = await api.get('/v2/instance');
  assert.deepEqual(all.instances.map((i) => i.id), INSTANCES);
  const bastion = all.instances[3];
  assert.deepEqual([bastion.name, bastion.status, bastion.vpcId, bastion.internalIp], ['bastion-1', 'Running', 'vpc-demo0001', '192.168.0.5']);
  assert.deepEqual(bastion.nicInfo, { securityGroups: ['g-web00001', 'g-ssh00001', 'g-default0'], enterpriseSecurityGroups: [] });
  assert.deepEqual(all.instances[5].nicInfo, { securityGroups: [], enterpriseSecurityGroups: ['esg-demo00000001'] });
  assert.equal(all.instances[4].status, 'Expired');

  const first = await api.get('/v2/instance', { maxKeys: 4 });
  assert.deepEqual([first.instances.length, first.isTruncated, first.nextMarker], [4, true, 'i-expired1']);
  const rest = await api.get('/v2/instance', { maxKeys: 4, marker: first.nextMarker });
  assert.deepEqual([rest.instances.map((i) => i.id), rest.isTruncated, rest.marker], [['i-expired1', 'i-app00001'], false, 'i-expired1']);
  assert.deepEqual((await api.get('/v2/instance', { vpcId: 'vpc-demo0002' })).instances, []);
  await bceRefused(api.get('/v2/instance', { marker: 'i-missing' }), 404, 'NoSuchObject');
});

test('binds and unbinds one group on one instance (?bind, ?unbind)', async (t) => {
  const api = bce(await emulatorFor(t));
  const bind = (id, g) => api.put(`/v2/instance/${id}`, { securityGroupId: g }, { bind: '' });
  const unbind = (id, g) => api.put(`/v2/instance/${id}`, { securityGroupId: g }, { unbind: '' });

  assert.deepEqual(await bind('i-db000001', 'g-web00001'), {});
  assert.deepEqual(await nic(api, 'i-db000001'), [['g-db000001', 'g-web00001'], []]);
  await bind('i-db000001', 'g-web00001');
  assert.deepEqual((await nic(api, 'i-db000001'))[0], ['g-db000001', 'g-web00001'], 'binding a bound group changes nothing');
  assert.equal((await api.get('/v2/securityGroup/g-web00001')).bindInstanceNum, 4);

  await unbind('i-db000001', 'g-db000001');
  assert.deepEqual((await nic(api, 'i-db000001'))[0], ['g-web00001']);
  await bceRefused(unbind('i-db000001', 'g-web00001'), 400, 'SecurityGroup.NoSecurityGroup');
  await bceRefused(unbind('i-db000001', 'g-ssh00001'), 404, 'NoSuchObject');
  await bceRefused(bind('i-expired1', 'g-web00001'), 403, 'SecurityGroup.ExpiredInstanceForbiddenBind');
  await bceRefused(bind('i-db000001', 'g-missing'), 404, 'NoSuchObject');
  await bceRefused(bind('i-missing', 'g-web00001'), 404, 'NoSuchObject');
  await bceRefused(api.put('/v2/instance/i-db000001', {}, { bind: '' }), 400, 'InappropriateJSON');
  assert.deepEqual(await nic(api, 'i-db000001'), [['g-web00001'], []], 'refused calls change nothing');
});

test('an instance holds at most 10 regular groups', async (t) => {
  const api = bce(await emulatorFor(t));
  for (let i = 0; i < 7; i += 1) {
    const { securityGroupId } = await api.post('/v2/securityGroup', { name: `extra-${i}` });
    await api.put('/v2/instance/i-bastion1', { securityGroupId }, { bind: '' });
  }
  assert.equal((await nic(api, 'i-bastion1'))[0].length, 10);
  const { securityGroupId } = await api.post('/v2/securityGroup', { name: 'one-too-many' });
  await bceRefused(api.put('/v2/instance/i-bastion1', { securityGroupId }, { bind: '' }), 413, 'SecurityGroup.BindInstanceExceededLimit');
  assert.equal((await nic(api, 'i-bastion1'))[0].length, 10);
});

test('batch bind, unbind and replace: all or nothing, one kind of group per instance', async (t) => {
  const api = bce(await emulatorFor(t));
  const batch = (action, instanceIds, securityGroupIds, securityGroupType, params) =>
    api.put(`/v2/securitygroup/${action}`, { instanceIds, securityGroupIds, securityGroupType }, params);
  const web = ['i-web00001', 'i-web00002'];

  // The reference: `{requestId}`, the id of the answer's own x-bce-request-id.
  const answered = await api.call('PUT', '/v2/securitygroup/bind', { params: { clientToken: token() }, body: { instanceIds: web, securityGroupIds: ['g-db000001'], securityGroupType: 'normal' } });
  assert.match(answered.body.requestId, UUID);
  assert.equal(answered.body.requestId, answered.http_headers['x-bce-request-id']);
  for (const i of web) assert.deepEqual((await nic(api, i))[0], ['g-web00001', 'g-default0', 'g-db000001']);
  await batch('unbind', web, ['g-db000001'], 'normal');
  for (const i of web) assert.deepEqual((await nic(api, i))[0], ['g-web00001', 'g-default0']);

  await bceRefused(batch('bind', ['i-web00001', 'i-db000001'], ['esg-demo00000001'], 'enterprise'), 400, 'SecurityGroup.InstanceHoldsOtherType');
  const expired = await bceRefused(batch('bind', ['i-db000001', 'i-expired1'], ['g-web00001'], 'normal'), 403, 'SecurityGroup.ExpiredInstanceForbiddenBind');
  assert.match(expired.message, /i-expired1/, 'the message names the instance refused');
  assert.deepEqual(await nic(api, 'i-db000001'), [['g-db000001'], []], 'all or nothing: the first instance did not change');
  await bceRefused(batch('unbind', ['i-db000001'], ['g-db000001'], 'normal'), 400, 'SecurityGroup.NoSecurityGroup');
  await bceRefused(batch('bind', ['i-db000001'], ['g-missing'], 'normal'), 404, 'NoSuchObject');
  await bceRefused(batch('bind', ['i-db000001'], ['esg-missing'], 'enterprise'), 404, 'Esg.EsgResourceNotExist');
  await bceRefused(batch('bind', ['i-missing'], ['g-web00001'], 'normal'), 404, 'NoSuchObject');
  await bceRefused(batch('bind', ['i-db000001'], ['g-web00001'], 'regular'), 400, 'InappropriateJSON');
  await bceRefused(batch('bind', [], ['g-web00001'], 'normal'), 400, 'InappropriateJSON');
  await bceRefused(batch('bind', ['i-db000001'], Array.from({ length: 11 }, (_, i) => `g-${i}`), 'normal'), 413, 'SecurityGroup.BindInstanceExceededLimit');
  await bceRefused(batch('attach', ['i-db000001'], ['g-web00001'], 'normal'), 400, 'InvalidURI');

  // Replace moves an instance to the other kind and back.
  await batch('replace', ['i-db000001'], ['esg-demo00000001'], 'enterprise', { clientToken: token() });
  assert.deepEqual(await nic(api, 'i-db000001'), [[], ['esg-demo00000001']]);
  await batch('replace', ['i-db000001', 'i-app00001'], ['g-db000001', 'g-web00001'], 'normal');
  assert.deepEqual(await nic(api, 'i-db000001'), [['g-db000001', 'g-web00001'], []]);
  assert.deepEqual(await nic(api, 'i-app00001'), [['g-db000001', 'g-web00001'], []]);
  await bceRefused(batch('replace', ['i-expired1'], ['g-web00001'], 'normal'), 403, 'SecurityGroup.ExpiredInstanceForbiddenBind');
});

test('lists and gets service network interface cards; the list filters by VPC and pages', async (t) => {
  const api = bce(await emulatorFor(t));
  const listed = await api.get('/v1/endpoint', { vpcId: 'vpc-demo0001', name: '', ipAddress: '', status: '', subnetId: '', service: '' });
  assert.deepEqual(listed.endpoints.map((e) => e.name), ['bos-endpoint', 'rds-endpoint'], 'empty filters, as SDKs send them, are ignored');
  const bos = listed.endpoints[0];
  assert.deepEqual([bos.endpointId, bos.ipAddress, bos.status, bos.service, bos.vpcId, bos.subnetId], [
    'endpoint-demo0001', '192.168.0.101', 'available', 'bos.bj.baidubce.com', 'vpc-demo0001', 'sbn-demo0001',
  ]);
  assert.deepEqual((await api.get('/v1/endpoint')).endpoints.map((e) => e.endpointId), ['endpoint-demo0001', 'endpoint-demo0002', 'endpoint-demo0003']);
  const page = await api.get('/v1/endpoint', { maxKeys: 1, marker: 'endpoint-demo0002' });
  assert.deepEqual([page.endpoints.map((e) => e.endpointId), page.isTruncated, page.nextMarker], [['endpoint-demo0002'], true, 'endpoint-demo0003']);

  const card = await api.get('/v1/endpoint/endpoint-demo0002');
  assert.deepEqual([card.name, card.service, card.securityGroupIds, card.enterpriseSecurityGroupIds], ['rds-endpoint', 'rds.bj.baidubce.com', ['g-db000001'], []]);
  await bceRefused(api.get('/v1/endpoint/endpoint-missing'), 404, 'NoSuchObject');
});

test('--hide-emulator-fields: a card answers only what the real API returns', async (t) => {
  const api = bce(await emulatorFor(t, ['--hide-emulator-fields']));
  const card = await api.get('/v1/endpoint/endpoint-demo0001');
  assert.equal(card.endpointId, 'endpoint-demo0001');
  assert.ok(!('securityGroupIds' in card) && !('enterpriseSecurityGroupIds' in card), JSON.stringify(card));
  assert.deepEqual((await api.get('/v2/securityGroup', { instanceId: 'endpoint-demo0001' })).securityGroups.map((g) => g.id), ['g-default0']);
});

test('bindSg and bindEsg replace every group a card has', async (t) => {
  const api = bce(await emulatorFor(t));
  const groupsOf = async (id) => [
    (await api.get('/v2/securityGroup', { instanceId: id })).securityGroups.map((g) => g.id),
    (await api.get('/v1/enterprise/security', { instanceId: id })).enterpriseSecurityGroups.map((g) => g.id),
  ];
  assert.deepEqual(await api.put('/v1/endpoint/endpoint-demo0002', { enterpriseSecurityGroupIds: ['esg-demo00000001'] }, { bindEsg: '', clientToken: token() }), {});
  assert.deepEqual(await groupsOf('endpoint-demo0002'), [[], ['esg-demo00000001']]);
  const card = await api.get('/v1/endpoint/endpoint-demo0002');
  assert.deepEqual([card.securityGroupIds, card.enterpriseSecurityGroupIds], [[], ['esg-demo00000001']]);

  await api.put('/v1/endpoint/endpoint-demo0002', { securityGroupIds: ['g-db000001', 'g-web00001'] }, { bindSg: '', clientToken: token() });
  assert.deepEqual(await groupsOf('endpoint-demo0002'), [['g-web00001', 'g-db000001'], []]);
  assert.deepEqual((await api.get('/v1/endpoint/endpoint-demo0002')).securityGroupIds, ['g-db000001', 'g-web00001'], 'in the order given');

  for (const [body, flag, status, code] of [
    [{ enterpriseSecurityGroupIds: ['esg-a', 'esg-b'] }, 'bindEsg', 400, 'InappropriateJSON'],
    [{ enterpriseSecurityGroupIds: [] }, 'bindEsg', 400, 'InappropriateJSON'],
    [{ enterpriseSecurityGroupIds: ['esg-missing'] }, 'bindEsg', 404, 'Esg.EsgResourceNotExist'],
    [{ securityGroupIds: [] }, 'bindSg', 400, 'InappropriateJSON'],
    [{ securityGroupIds: ['g-missing'] }, 'bindSg', 404, 'NoSuchObject'],
    [{ securityGroupIds: Array.from({ length: 11 }, () => 'g-web00001') }, 'bindSg', 413, 'SecurityGroup.BindInstanceExceededLimit'],
  ]) {
    await bceRefused(api.put('/v1/endpoint/endpoint-demo0002', body, { [flag]: '' }), status, code);
  }
  await bceRefused(api.put('/v1/endpoint/endpoint-missing', { securityGroupIds: ['g-web00001'] }, { bindSg: '' }), 404, 'NoSuchObject');
  assert.deepEqual(await groupsOf('endpoint-demo0002'), [['g-web00001', 'g-db000001'], []], 'refused calls change nothing');
  // A group bound to a card is in use.
  await bceRefused(api.del('/v2/securityGroup/g-db000001'), 409, 'SecurityGroup.SecurityGroupInUse');
});

test('lists VPCs, filtered by isDefault and paged', async (t) => {
  const api = bce(await emulatorFor(t));
  const all = await api.get('/v1/vpc');
  assert.deepEqual(all.vpcs.map((v) => [v.vpcId, v.name, v.cidr, v.isDefault]), [
    ['vpc-demo0001', 'default', '192.168.0.0/16', true], ['vpc-demo0002', 'staging', '172.16.0.0/16', false],
  ]);
  assert.deepEqual((await api.get('/v1/vpc', { isDefault: 'false' })).vpcs.map((v) => v.vpcId), ['vpc-demo0002']);
  assert.deepEqual((await api.get('/v1/vpc', { isDefault: 'true' })).vpcs.map((v) => v.vpcId), ['vpc-demo0001']);
  const page = await api.get('/v1/vpc', { maxKeys: 1 });
  assert.deepEqual([page.vpcs.length, page.isTruncated, page.nextMarker], [1, true, 'vpc-demo0002']);
});

test('a regular group of another VPC is refused on an instance, in a batch and on a card (CHOICE: SecurityGroup.VpcNotMatch)', async (t) => {
  const api = bce(await emulatorFor(t));
  // g-stage001 is in vpc-demo0002; the instances and the first cards in vpc-demo0001.
  const single = await bceRefused(api.put('/v2/instance/i-db000001', { securityGroupId: 'g-stage001' }, { bind: '' }), 400, 'SecurityGroup.VpcNotMatch');
  assert.match(single.message, /g-stage001 is in vpc-demo0002, i-db000001 in vpc-demo0001/);
  await bceRefused(api.put('/v2/securitygroup/bind', { instanceIds: ['i-web00001', 'i-db000001'], securityGroupIds: ['g-stage001'], securityGroupType: 'normal' }, { clientToken: token() }), 400, 'SecurityGroup.VpcNotMatch');
  assert.deepEqual(await nic(api, 'i-web00001'), [['g-web00001', 'g-default0'], []], 'all or nothing');
  await bceRefused(api.put('/v1/endpoint/endpoint-demo0001', { securityGroupIds: ['g-stage001'] }, { bindSg: '', clientToken: token() }), 400, 'SecurityGroup.VpcNotMatch');
  // The card of the staging VPC takes its own VPC's group.
  await api.put('/v1/endpoint/endpoint-demo0003', { securityGroupIds: ['g-stage001'] }, { bindSg: '', clientToken: token() });
});

test('the list filters the SDKs send narrow the answer: groups by id, instances by ids and groups, cards by name, VPCs by id', async (t) => {
  const api = bce(await emulatorFor(t));
  const ids = async (q) => (await api.get('/v2/securityGroup', q)).securityGroups.map((g) => g.id);
  assert.deepEqual(await ids({ securityGroupId: 'g-web00001' }), ['g-web00001']);
  assert.deepEqual(await ids({ securityGroupIds: 'g-web00001,g-ssh00001' }), ['g-web00001', 'g-ssh00001']);
  const instances = async (q) => (await api.get('/v2/instance', q)).instances.map((i) => i.id);
  assert.deepEqual(await instances({ instanceIds: 'i-db000001' }), ['i-db000001']);
  assert.deepEqual(await instances({ securityGroupIds: 'g-db000001' }), ['i-db000001']);
  const cards = (await api.get('/v1/endpoint', { vpcId: 'vpc-demo0001', name: 'rds-endpoint' })).endpoints.map((e) => e.name);
  assert.deepEqual(cards, ['rds-endpoint']);
  assert.deepEqual((await api.get('/v1/endpoint', { vpcId: 'vpc-demo0001', status: 'dead' })).endpoints, []);
  assert.deepEqual((await api.get('/v1/vpc', { vpcIds: 'vpc-demo0002' })).vpcs.map((v) => v.vpcId), ['vpc-demo0002']);
});

test('a body that is a JSON array is refused, not read field by field', async (t) => {
  const api = bce(await emulatorFor(t));
  await bceRefused(api.post('/v2/securityGroup', ['arr-name'], { clientToken: token() }), 400, 'InappropriateJSON');
  assert.ok(!(await api.get('/v2/securityGroup')).securityGroups.some((g) => g.name === 'arr-name'));
});
