// For a team (#35): the policy palisade serve enforces, shown on its page and in the
// impact view (Apply stays off, with the reason); a plan the proxy stops at its third call
// (a console that did not get the policy) offers its rollback; the Changes page lists the
// journal with a plan's calls under its change; a group shows its own recent changes.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startServer, launchBrowser, openPage, acceptRisk } from './support.mjs';
import { bce } from './api.mjs';

const POLICY = `
[[forbid]]
reason = "No SSH or RDP from the internet"
direction = "ingress"
ports = ["22", "3389"]
sources = ["0.0.0.0/0", "::/0"]
`;

let server, browser;
before(async () => {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'palisade-policy-')), 'policy.toml');
  fs.writeFileSync(file, POLICY);
  server = await startServer(['--policy', file]);
  browser = await launchBrowser();
});
after(async () => { await browser?.close(); await server?.stop(); });

const rule = (portRange, sourceIp, remark) => ({ direction: 'ingress', ethertype: 'IPv4', protocol: 'tcp', portRange, sourceIp, remark });

test('the Policy page shows what serve enforces, and a form that breaks it keeps its change unsent', async () => {
  const { page } = await openPage(browser, server.url, 'policy');
  await page.waitForSelector('[data-test=policy-forbid]');
  assert.match(await page.textContent('[data-test=policy-forbid]'), /No SSH or RDP from the internet[\s\S]*ingress[\s\S]*22, 3389[\s\S]*0\.0\.0\.0\/0, ::\/0/);

  await page.click('[data-page=bce-security-groups]');
  await page.click('tr[data-group=g-web00001] [data-test=open-group]');
  await page.fill('[data-test=rule-form] [data-test=rule-ports]', '22');
  await page.fill('[data-test=rule-form] [data-test=rule-remote-ip]', '0.0.0.0/0');
  await page.waitForSelector('[data-test=rule-form] [data-test=policy-blocked]');
  const warning = await page.textContent('[data-test=rule-form] [data-test=preview-warnings] li[data-warning=policy]');
  assert.match(warning, /breaks the policy: No SSH or RDP from the internet/);
  await acceptRisk(page, '[data-test=rule-form]');
  assert.ok(await page.isDisabled('[data-test=rule-form] [data-test=rule-submit]'), 'Add stays off, with the reason beside it');
  assert.match(await page.textContent('[data-test=rule-form] [data-test=policy-blocked]'), /breaks the policy/);
  // Narrowed to the office, the same rule goes.
  await page.fill('[data-test=rule-form] [data-test=rule-remote-ip]', '10.0.0.0/8');
  await page.waitForSelector('[data-test=rule-form] [data-test=policy-blocked]', { state: 'detached' });
  await page.click('[data-test=rule-form] [data-test=rule-submit]');
  await page.waitForSelector('[data-test=rule-form] [data-test=rule-added]');
  // The group's own recent changes show it.
  await page.waitForSelector('[data-test=recent-changes] [data-test=journal-entry]');
  assert.match(await page.textContent('[data-test=recent-changes] [data-test=journal-summary]'), /authorize ingress tcp 22 from 10\.0\.0\.0\/8 on g-web00001/);
  await page.close();
});

test('a plan the proxy refuses at its third call stops there, offers its rollback, and is journalled under one change', async () => {
  const made = await bce(server.url, 'POST', '/v2/securityGroup', { query: { clientToken: 'team-plan' }, body: { name: 'team-plan', desc: 'policy', rules: [rule('80', '10.0.0.0/8', 'http')] } });
  assert.equal(made.status, 200);
  const id = made.body.securityGroupId;
  const { page } = await openPage(browser, server.url, 'bce-security-groups');
  // A console that never got the policy (an older portal in front): only the proxy judges.
  await page.route('**/api/policy', (r) => r.fulfill({ status: 404, contentType: 'application/json', body: '{"code":"NotFound","message":"no"}' }));
  await page.reload();
  await page.click(`tr[data-group=${id}] [data-test=open-group]`);
  await page.click('[data-test=draft-start]');
  await page.waitForSelector('[data-test=draft] tr[data-draft-rule]');
  const file = [rule('443', '10.0.0.0/8', 'https'), rule('8443', '10.0.0.0/8', 'alt'), rule('22', '0.0.0.0/0', 'ssh')];
  await page.setInputFiles('[data-test=draft-import]', { name: 'rules.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(file)) });
  await page.waitForFunction(() => document.querySelectorAll('[data-test=plan-calls] li').length === 3);
  assert.equal(await page.locator('[data-test=plan-warnings] li[data-warning=policy]').count(), 0, 'this console does not know the policy');
  await acceptRisk(page, '[data-test=draft]');
  await page.click('[data-test=plan-apply]');
  const stop = await page.waitForSelector('[data-test=plan-failed]');
  assert.equal(await stop.getAttribute('data-at'), '2', 'stopped at the third call');
  assert.match(await stop.textContent(), /Palisade\.PolicyViolation/);
  await page.click('[data-test=plan-rollback]');
  await page.waitForSelector('[data-test=plan-rolled-back]');
  const g = (await bce(server.url, 'GET', `/v2/securityGroup/${id}`)).body;
  assert.deepEqual(g.rules.filter((r) => r.direction === 'ingress').map((r) => r.portRange), ['80'], 'rolled back to where it started');

  // The Changes page: the plan's calls, the refusal and the rollback under one change.
  // (The draft is still open and edited: leaving it asks first.)
  page.on('dialog', (d) => d.accept());
  await page.click('[data-page=changes]');
  await page.fill('[data-test=changes-resource]', id);
  await page.press('[data-test=changes-resource]', 'Enter');
  await page.waitForFunction(() => document.querySelectorAll('[data-test=journal-entry]').length >= 3);
  const rows = await page.locator('[data-test=journal-entry]').evaluateAll((l) => l.map((x) => `${x.dataset.status} ${x.querySelector('[data-test=journal-summary]').textContent}`));
  assert.ok(rows.some((r) => /^403 authorize ingress tcp 22 from 0\.0\.0\.0\/0/.test(r)), rows.join('\n'));
  assert.ok(rows.some((r) => /^200 authorize ingress tcp 443 from 10\.0\.0\.0\/8/.test(r)), rows.join('\n'));
  assert.ok(await page.locator('[data-test=change-group]').count() >= 1, 'a plan\'s calls are grouped under its change');
  assert.match(await page.textContent('[data-test=journal-entry][data-status="403"] [data-test=journal-result]'), /403 Palisade\.PolicyViolation/);
  // Export: CSV with the header the README documents.
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-test=changes-csv]')]);
  const csv = fs.readFileSync(await download.path(), 'utf8');
  assert.ok(csv.startsWith('at,cloud,region,access_key_id,method,path,resources,summary,status,code,request_id,change_id\n'));
  assert.ok(csv.includes('Palisade.PolicyViolation'));
  // A resource opens its group.
  await page.click('[data-test=journal-resource] >> nth=0');
  await page.waitForSelector(`[data-test=group-detail][data-group=${id}]`);
  await page.close();
});
