// Baidu error answers as @baiducloud/sdk exposes them: the SDK rejects with a plain object
// {status_code, code, message, request_id} read from the JSON body; and the general codes
// for signing, versions, unknown operations and bodies.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import bceSdk from '@baiducloud/sdk';

import { bce, bceError, bceRefused, emulatorFor, UUID } from './support.mjs';

test('an error answer reaches the SDK with status, code, message and a fresh request id', async (t) => {
  const api = bce(await emulatorFor(t));
  const a = await bceRefused(api.get('/v2/securityGroup/g-missing'), 404, 'NoSuchObject');
  const b = await bceRefused(api.get('/v2/securityGroup/g-missing'), 404, 'NoSuchObject');
  assert.equal(a.message, 'security group g-missing does not exist');
  assert.notEqual(a.request_id, b.request_id, 'each answer has its own request id');
  // The SDK keeps the server's Date header: its clock-skew correction reads it.
  assert.ok(!Number.isNaN(Date.parse(a['x-bce-date'])), `x-bce-date: ${a['x-bce-date']}`);
});

test('the error body and the x-bce-request-id header carry the same id (unsigned request)', async (t) => {
  const emu = await emulatorFor(t);
  const res = await fetch(`${emu.url}/v2/securityGroup`);
  assert.equal(res.status, 403);
  assert.match(res.headers.get('content-type'), /^application\/json/);
  const body = await res.json();
  assert.deepEqual(Object.keys(body).sort(), ['code', 'message', 'requestId']);
  assert.equal(body.code, 'AccessDenied');
  assert.match(body.requestId, UUID);
  assert.equal(res.headers.get('x-bce-request-id'), body.requestId);
});

test('signing failures: unknown access key, wrong secret key, expired signature', async (t) => {
  const emu = await emulatorFor(t);
  await bceRefused(bce(emu, { ak: 'not-a-key' }).get('/v2/securityGroup'), 403, 'InvalidAccessKeyId');
  const mismatch = await bceRefused(bce(emu, { sk: 'not-the-secret' }).get('/v2/securityGroup'), 400, 'SignatureDoesNotMatch');
  assert.match(mismatch.message, /Canonical request on the server: "GET\\n\/v2\/securityGroup\\n/, 'the server shows its canonical request');
  assert.doesNotMatch(mismatch.message, new RegExp(emu.sk), 'and never the secret');

  // The SDK's own clock-skew offset dates the signature an hour back: outside its 1800 s.
  const Base = bceSdk.BceBaseClient;
  t.after(() => { delete Base.prototype.timeOffset; });
  Base.prototype.timeOffset = -3600 * 1000;
  await bceRefused(bce(emu).get('/v2/securityGroup'), 400, 'RequestExpired');
  Base.prototype.timeOffset = 3600 * 1000;
  await bceRefused(bce(emu).get('/v2/securityGroup'), 400, 'RequestExpired');
  // On an error the SDK resets its offset from the server's Date header, so the next call works.
  assert.ok(Math.abs(Base.prototype.timeOffset) < 5000, `offset now ${Base.prototype.timeOffset} ms`);
  assert.equal((await bce(emu).get('/v2/securityGroup')).securityGroups.length, 5);
});

test('a signed query with non-ASCII and reserved characters verifies', async (t) => {
  const api = bce(await emulatorFor(t));
  // The SDK sends `-` `.` `*` and UTF-8 percent-encoded; the signature still verifies, so
  // the answer is the marker's own refusal, not SignatureDoesNotMatch.
  const err = await bceRefused(api.get('/v2/securityGroup', { marker: '中文 a+b-c.d*e~f' }), 404, 'NoSuchObject');
  assert.match(err.message, /marker/);
});

test('unknown versions and operations, malformed and oversized bodies', async (t) => {
  const api = bce(await emulatorFor(t));
  await bceRefused(api.get('/v9/securityGroup'), 404, 'InvalidVersion');
  const uri = await bceRefused(api.del('/v2/instance'), 400, 'InvalidURI');
  assert.match(uri.message, /DELETE \/v2\/instance/);
  await bceRefused(api.get('/v2/nothing-here'), 400, 'InvalidURI');
  // @baiducloud/sdk's BccClient.listInstances uses the older GET /v1/instance: not served.
  await bceRefused(api.get('/v1/instance', { maxKeys: 1000 }), 400, 'InvalidURI');

  await bceRefused(api.call('POST', '/v2/securityGroup', { body: undefined }), 400, 'MalformedJSON');
  const malformed = api.client.sendRequest('POST', '/v2/securityGroup', { body: '{"name": "x",' });
  await bceRefused(malformed, 400, 'MalformedJSON');
  await bceRefused(api.post('/v2/securityGroup', { name: ['not', 'a', 'string'] }), 400, 'InappropriateJSON');
  const big = await bceError(api.post('/v2/securityGroup', { name: 'big', desc: 'x'.repeat(1100 * 1024) }));
  assert.deepEqual([big.status_code, big.code], [413, 'RequestEntityTooLarge']);
  assert.deepEqual((await api.get('/v2/securityGroup')).securityGroups.length, 5, 'nothing was created');
});
