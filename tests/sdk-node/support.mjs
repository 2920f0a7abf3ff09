// Shared helpers for the Node SDK conformance tests: start `palisade emulator` on a free
// port with fresh in-memory state, and build the official Node SDK clients against it.
//
// Baidu (@baiducloud/sdk): its BccClient has no security-group calls, so every call goes
// through BceBaseClient.sendRequest (the SDK's own bce-auth-v1 signer and HTTP client) at
// the API's real paths. Huawei (@huaweicloud/huaweicloud-sdk-vpc v3): VpcClient as is.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import bceSdk from '@baiducloud/sdk';
import core from '@huaweicloud/huaweicloud-sdk-core';
import { ClientRequestException } from '@huaweicloud/huaweicloud-sdk-core/exception/ClientRequestException.js';
import * as vpc from '@huaweicloud/huaweicloud-sdk-vpc/v3/public-api.js';

export { vpc };

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const palisadeBin = process.env.PALISADE_BIN ?? path.join(root, 'target/debug/palisade');

/** Huawei's demo project (fixtures: default, web, database, bastion). */
export const DEMO_PROJECT = '060576782980d5762f9ec014dd2f1148';
/** A project the emulator has never seen: created on first use with only `default`. */
export const FRESH_PROJECT = '5eeeb61233c4ec5fe16efc9b5850127e';

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * Starts `palisade emulator --listen 127.0.0.1:0 --state :memory:` and resolves with its
 * base URL and the demo credentials it prints. Stopped by `stop()`.
 */
export async function startEmulator(extraArgs = []) {
  const child = spawn(palisadeBin, ['emulator', '--listen', '127.0.0.1:0', '--state', ':memory:', ...extraArgs], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, PALISADE_LOG: process.env.PALISADE_LOG ?? 'warn' },
  });
  let stderr = '';
  child.stderr.on('data', (d) => { stderr += d; });
  const started = await new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`palisade emulator did not start: ${stderr}`)), 20000);
    child.on('error', (e) => { clearTimeout(timer); reject(e); });
    child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`palisade emulator exited ${code}: ${stderr}`)); });
    child.stdout.on('data', (d) => {
      out += d;
      const url = out.match(/Palisade emulator: (http:\/\/\S+)/);
      const keys = out.match(/access key (\S+)\s+secret key (\S+)/);
      if (url && keys) {
        clearTimeout(timer);
        resolve({ url: url[1].replace(/\/$/, ''), ak: keys[1], sk: keys[2] });
      }
    });
  });
  child.stdout.resume();
  return {
    ...started,
    process: child,
    logs: () => stderr,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** A fresh emulator for one test, stopped when the test ends. */
export async function emulatorFor(t, extraArgs) {
  const emu = await startEmulator(extraArgs);
  t.after(() => emu.stop());
  return emu;
}

// ---------------------------------------------------------------------------------------
// Baidu AI Cloud

/**
 * A BceBaseClient pointed at the emulator over plain http. `call` sends one request
 * through the SDK (it signs host, content-type, content-length and x-bce-date) and
 * resolves with `{http_headers, body}` as the SDK does; the body is JSON.stringified here,
 * as every Baidu service client of this SDK does before sendRequest.
 */
export function bce(emu, { ak = emu.ak, sk = emu.sk } = {}) {
  const client = new bceSdk.BceBaseClient({ endpoint: emu.url, protocol: 'http', region: 'bj', credentials: { ak, sk } }, 'bcc', true);
  const call = (method, resource, { params = {}, body } = {}) =>
    client.sendRequest(method, resource, { params, body: body === undefined ? null : JSON.stringify(body) });
  const bodyOf = (p) => p.then((r) => r.body);
  return {
    client,
    call,
    get: (resource, params) => bodyOf(call('GET', resource, { params })),
    post: (resource, body, params) => bodyOf(call('POST', resource, { params, body })),
    put: (resource, body, params) => bodyOf(call('PUT', resource, { params, body })),
    del: (resource, params) => bodyOf(call('DELETE', resource, { params })),
  };
}

let tokens = 0;
/** A fresh clientToken (ASCII, at most 64 characters). */
export function token() {
  tokens += 1;
  return `node-sdk-${process.pid}-${Date.now()}-${tokens}`;
}

/**
 * The rejection of a Baidu SDK call. This SDK rejects with a plain object (not an Error):
 * `{status_code, message, code, request_id, 'x-bce-date'}`, the code, message and request
 * id read from the JSON body.
 */
export async function bceError(promise) {
  let err;
  await assert.rejects(promise, (e) => { err = e; return true; });
  assert.equal(typeof err, 'object', `a rejection object, got ${err}`);
  assert.ok(!(err instanceof Error), `an answer from the server, not a client failure: ${err?.stack ?? err}`);
  assert.equal(typeof err.status_code, 'number');
  assert.equal(typeof err.code, 'string', `the error body's code: ${JSON.stringify(err)}`);
  assert.equal(typeof err.message, 'string');
  assert.match(err.request_id, UUID, 'the error body carries requestId');
  return err;
}

/** Asserts a Baidu error's status and code; returns the error. */
export async function bceRefused(promise, status, code) {
  const err = await bceError(promise);
  assert.deepEqual([err.status_code, err.code], [status, code], `message: ${err.message}`);
  return err;
}

/** A regular security group rule as Baidu's API takes it. */
export function bceRule(over = {}) {
  return { remark: 'ssh', direction: 'ingress', protocol: 'tcp', portRange: '22', sourceIp: '10.0.0.0/8', ...over };
}

/** An enterprise security group rule with every required field. */
export function esgRule(over = {}) {
  return {
    remark: 'ssh', direction: 'ingress', ethertype: 'IPv4', portRange: '22', sourcePortRange: '1-65535',
    protocol: 'tcp', sourceIp: 'all', localIp: 'all', action: 'allow', priority: 100, ...over,
  };
}

// ---------------------------------------------------------------------------------------
// Huawei Cloud

const quiet = { debug() {}, info() {}, warn() {}, error() {} };

/**
 * A VpcClient (v3) pointed at the emulator: BasicCredentials with the project id (so the
 * SDK never asks IAM for it), one http endpoint. The custom user agent keeps the SDK from
 * writing an application id under ~/.huaweicloud; the SDK's own logger prints every
 * error answer to stdout, so it is silenced here (set PALISADE_SDK_LOG=1 to see it).
 */
export function huawei(emu, projectId = DEMO_PROJECT, { ak = emu.ak, sk = emu.sk } = {}) {
  const credentials = new core.BasicCredentials().withAk(ak).withSk(sk).withProjectId(projectId);
  const client = vpc.VpcClient.newBuilder()
    .withCredential(credentials)
    .withEndpoint(emu.url)
    .withOptions({ customUserAgent: 'palisade-sdk-node-conformance' })
    .build();
  if (!process.env.PALISADE_SDK_LOG) {
    client.hcClient.logger = quiet;
    client.hcClient.httpClient._logger = quiet;
  }
  return client;
}

/** The ClientRequestException (4xx) of a Huawei SDK call. */
export async function hwError(promise) {
  let err;
  await assert.rejects(promise, (e) => { err = e; return true; });
  assert.equal(err?.name, 'ClientRequestException', `a ClientRequestException, got ${err?.stack ?? err}`);
  assert.ok(err instanceof ClientRequestException);
  assert.match(err.requestId, /^[0-9a-f]{32}$/, 'the request id (the SDK reads X-Request-Id)');
  assert.equal(typeof err.errorMsg, 'string');
  return err;
}

/** Asserts a Huawei error's status and code; returns the error. */
export async function hwRefused(promise, status, code) {
  const err = await hwError(promise);
  assert.deepEqual([err.httpStatusCode, err.errorCode], [status, code], `error_msg: ${err.errorMsg}`);
  return err;
}

/** The v3 rule option, every field set by name (the SDK's model keeps snake_case keys). */
export function hwRuleOption(securityGroupId, over = {}) {
  const o = new vpc.CreateSecurityGroupRuleOption(securityGroupId, over.direction ?? 'ingress');
  const fields = { protocol: 'tcp', multiport: '22', remote_ip_prefix: '10.0.0.0/8', action: 'allow', priority: '1', ...over };
  for (const [k, v] of Object.entries(fields)) if (v !== undefined) o[k] = v;
  return o;
}

export function hwCreateRule(client, option, dryRun) {
  const body = new vpc.CreateSecurityGroupRuleRequestBody().withSecurityGroupRule(option);
  if (dryRun !== undefined) body.withDryRun(dryRun);
  return client.createSecurityGroupRule(new vpc.CreateSecurityGroupRuleRequest().withBody(body));
}

export function hwCreateGroup(client, { name, description, tags, enterpriseProjectId, dryRun } = {}) {
  const option = new vpc.CreateSecurityGroupOption().withName(name);
  if (description !== undefined) option.withDescription(description);
  if (tags !== undefined) option.withTags(tags.map(([k, v]) => new vpc.ResourceTag().withKey(k).withValue(v)));
  if (enterpriseProjectId !== undefined) option.withEnterpriseProjectId(enterpriseProjectId);
  const body = new vpc.CreateSecurityGroupRequestBody().withSecurityGroup(option);
  if (dryRun !== undefined) body.withDryRun(dryRun);
  return client.createSecurityGroup(new vpc.CreateSecurityGroupRequest().withBody(body));
}

export async function hwGroupNames(client, request = new vpc.ListSecurityGroupsRequest()) {
  return (await client.listSecurityGroups(request)).security_groups.map((g) => g.name);
}

export async function hwGroupId(client, name) {
  const [g] = (await client.listSecurityGroups(new vpc.ListSecurityGroupsRequest().withName([name]))).security_groups;
  assert.ok(g, `a group named ${name}`);
  return g.id;
}

export async function hwRulesOf(client, groupId) {
  return (await client.listSecurityGroupRules(new vpc.ListSecurityGroupRulesRequest().withSecurityGroupId([groupId]))).security_group_rules;
}
