// The overview (home page): its figures against the emulator's state, counted here from
// the API; a change to the state changes them; each figure leads to its page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, openConsole } from './support.mjs';
import { bce, huawei } from './api.mjs';

let server, browser;
before(async () => { server = await startServer(); browser = await launchBrowser(); });
after(async () => { await browser?.close(); await server?.stop(); });

async function expected() {
  const groups = (await bce(server.url, 'GET', '/v2/securityGroup')).body.securityGroups;
  const esgs = (await bce(server.url, 'GET', '/v1/enterprise/security')).body.enterpriseSecurityGroups;
  const instances = (await bce(server.url, 'GET', '/v2/instance')).body.instances;
  const vpcs = (await bce(server.url, 'GET', '/v1/vpc')).body.vpcs;
  const bound = new Set(instances.flatMap((i) => [...i.nicInfo.securityGroups, ...i.nicInfo.enterpriseSecurityGroups]));
  let cards = 0;
  for (const v of vpcs) {
    for (const e of (await bce(server.url, 'GET', '/v1/endpoint', { query: { vpcId: v.vpcId } })).body.endpoints) {
      cards += 1;
      const sgs = (await bce(server.url, 'GET', '/v2/securityGroup', { query: { instanceId: e.endpointId, vpcId: v.vpcId } })).body.securityGroups;
      const es = (await bce(server.url, 'GET', '/v1/enterprise/security', { query: { instanceId: e.endpointId } })).body.enterpriseSecurityGroups;
      for (const g of [...sgs, ...es]) bound.add(g.id);
    }
  }
  const hwGroups = (await huawei(server.url, 'GET', '/security-groups')).body.security_groups;
  const hwRules = (await huawei(server.url, 'GET', '/security-group-rules')).body.security_group_rules;
  return {
    'ov-bce-groups': groups.length,
    'ov-bce-rules': groups.reduce((n, g) => n + g.rules.length, 0),
    'ov-esgs': esgs.length,
    'ov-instances': instances.length,
    'ov-cards': cards,
    'ov-unbound': groups.filter((g) => !bound.has(g.id)).length,
    'ov-esgs-unbound': esgs.filter((g) => !bound.has(g.id)).length,
    'ov-at-limit': instances.filter((i) => i.nicInfo.securityGroups.length >= 10).length,
    'ov-near-quota': groups.filter((g) => ['ingress', 'egress'].some((d) => g.rules.filter((r) => r.direction === d).length >= 45)).length,
    'ov-hw-groups': hwGroups.length,
    'ov-hw-rules': hwRules.length,
  };
}

async function shown(page) {
  await page.waitForFunction(() => /5 \/ 5/.test(document.querySelector('[data-test=overview-progress]')?.textContent));
  return page.locator('[data-test=overview] .tile').evaluateAll((t) => Object.fromEntries(t.map((x) => [x.dataset.test, Number(x.dataset.count)])));
}

test('the overview counts what the clouds hold, and a change to the state changes the count', async () => {
  const { page, problems } = await openConsole(browser, server.url);
  const want = await expected();
  const got = await shown(page);
  for (const [key, n] of Object.entries(want)) assert.equal(got[key], n, key);
  // The enterprise groups against the account's cap (palisade-core's MAX_ESGS, 50).
  assert.equal(await page.textContent('[data-test=ov-esgs-quota]'), `${want['ov-esgs']} / 50 of the quota`);
  // The figures say which region they are for.
  assert.deepEqual(await page.locator('[data-test=ov-region]').allTextContents(), ['bj North China - Beijing', 'cn-north-4 CN North-Beijing4']);
  assert.equal(got['ov-open'], 4, 'the rules open to the internet in the fixtures (see the exposure test), less the dead Huawei allow');
  assert.deepEqual(await page.locator('[data-test=ov-sensitive] li').evaluateAll((l) => l.map((x) => x.dataset.port)), ['22']);
  // A new group bound to nothing, with 45 ingress rules: both figures move.
  const made = await bce(server.url, 'POST', '/v2/securityGroup', { query: { clientToken: 'ov-1' }, body: {
    name: 'lonely', desc: 'bound to nothing',
    rules: Array.from({ length: 45 }, (_, i) => ({ direction: 'ingress', ethertype: 'IPv4', protocol: 'tcp', portRange: String(20000 + i), sourceIp: '10.0.0.0/8', remark: `r${i}` })),
  } });
  assert.equal(made.status, 200, JSON.stringify(made.body));
  await page.reload();
  await page.waitForSelector('html[data-palisade-ready=true]');
  const after = await shown(page);
  assert.equal(after['ov-bce-groups'], want['ov-bce-groups'] + 1);
  assert.equal(after['ov-unbound'], want['ov-unbound'] + 1);
  assert.equal(after['ov-near-quota'], want['ov-near-quota'] + 1);
  assert.equal(after['ov-bce-rules'], want['ov-bce-rules'] + 45);
  // Each figure is a way into its page.
  await page.click('[data-test=ov-open]');
  await page.waitForSelector('[data-test=page-exposure]');
  assert.deepEqual(problems, []);
  await page.close();
});
