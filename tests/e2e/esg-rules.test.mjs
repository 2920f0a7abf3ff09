// An enterprise group's rules in the console (#16): a real rule table (every field, by
// priority, deny marked, filterable), a rule edited in place (one PUT naming only what
// changed: no revoke-then-add gap), rules added 20 to a call with progress (a failed call
// loses nothing), a rule deleted after confirmation, and the documented 404 when the rule
// went meanwhile. Everything is read back from the API behind the console's back.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, openPage } from './support.mjs';
import { bce } from './api.mjs';

let server, browser;
before(async () => { server = await startServer(); browser = await launchBrowser(); });
after(async () => { await browser?.close(); await server?.stop(); });

const rule = (over) => ({ direction: 'ingress', ethertype: 'IPv4', protocol: 'tcp', portRange: '22', sourceIp: 'all', localIp: 'all', action: 'allow', priority: 100, remark: 'ssh', ...over });
const groupRules = async (id) => (await bce(server.url, 'GET', '/v1/enterprise/security')).body.enterpriseSecurityGroups.find((g) => g.id === id).rules;

async function makeGroup(name, rules) {
  const made = await bce(server.url, 'POST', '/v1/enterprise/security', { query: { clientToken: `e2e-${name}` }, body: { name, desc: 'for the rule tests', rules } });
  assert.equal(made.status, 200, JSON.stringify(made.body));
  return made.body.enterpriseSecurityGroupId;
}

async function openRules(page, id) {
  await page.click(`tr[data-esg=${id}] [data-test=esg-open]`);
  await page.waitForSelector(`[data-test=esg-detail][data-group=${id}] tr.rule-row`);
}

const rowIds = (page) => page.locator('[data-test=esg-rule-list] tr.rule-row').evaluateAll((rs) => rs.map((r) => r.dataset.rule));

test('the rule table: every field, by priority with deny first on a tie, deny marked, filterable; a rule edited in place', async () => {
  const id = await makeGroup('table', [
    rule({ portRange: '443', priority: 300, remark: 'https' }),
    rule({ portRange: '23', action: 'deny', priority: 10, remark: 'no telnet' }),
    rule({ portRange: '3306', priority: 10, sourceIp: '10.0.0.0/8', remark: 'mysql' }),
  ]);
  const live = await groupRules(id);
  const byPort = Object.fromEntries(live.map((r) => [r.portRange, r.enterpriseSecurityGroupRuleId]));
  const { page, problems } = await openPage(browser, server.url, 'bce-enterprise-security-groups');
  const sent = [];
  page.on('request', (r) => { if (r.method() !== 'GET' && r.url().includes('/api/bce/')) sent.push(`${r.method()} ${new URL(r.url()).pathname} ${r.postData() ?? ''}`); });
  await openRules(page, id);
  assert.deepEqual(await rowIds(page), [byPort['23'], byPort['3306'], byPort['443']], 'priority 10 deny, priority 10 allow, priority 300');
  const deny = page.locator(`tr[data-rule=${byPort['23']}]`);
  assert.equal(await deny.evaluate((r) => r.classList.contains('deny')), true);
  assert.match(await deny.textContent(), /Deny.*10.*no telnet/);
  const headers = await page.locator('[data-test=esg-rule-list] th').allTextContents();
  for (const h of ['Direction', 'IP version', 'Protocol', 'Ports', 'Source ports', 'Source / destination', 'Local IP', 'Action', 'Priority', 'Remark']) {
    assert.ok(headers.some((t) => t.includes(h)), `a ${h} column in ${headers}`);
  }
  await page.fill('[data-test=esg-detail] [data-test=filter]', 'mysql');
  await page.waitForFunction(() => document.querySelectorAll('[data-test=esg-rule-list] tr.rule-row').length === 1);
  await page.fill('[data-test=esg-detail] [data-test=filter]', '');

  // Edit 443 → 8443 at priority 5: the call shown names only what changes.
  await page.click(`tr[data-rule=${byPort['443']}] [data-test=esg-rule-edit-open]`);
  const form = '[data-test=esg-rule-edit]';
  assert.equal(await page.isDisabled(`${form} [data-test=esg-edit-save]`), true, 'nothing changed yet');
  assert.equal(await page.isDisabled(`${form} select[data-field=direction]`), true, 'the update call cannot change the direction');
  await page.fill(`${form} input[data-field=portRange]`, '0-99999');
  await page.waitForSelector(`${form} input[data-field=portRange][aria-invalid=true]`);
  assert.equal(await page.isDisabled(`${form} [data-test=esg-edit-save]`), true, 'a bad port cannot be sent');
  await page.fill(`${form} input[data-field=portRange]`, '8443');
  await page.fill(`${form} input[data-field=priority]`, '5');
  assert.equal(await page.textContent('[data-test=esg-edit-call]'), `PUT /v1/enterprise/security/rule/${byPort['443']} {"portRange":"8443","priority":5}`);
  await page.click(`${form} [data-test=esg-edit-save]`);
  await page.waitForSelector('[data-test=esg-rule-done]');
  const edited = (await groupRules(id)).find((r) => r.enterpriseSecurityGroupRuleId === byPort['443']);
  assert.equal(edited.portRange, '8443', 'the same rule, edited in place');
  assert.equal(Number(edited.priority), 5);
  assert.equal(edited.remark, 'https', 'what was not changed is kept');
  assert.deepEqual(sent.map((s) => s.split(' ').slice(0, 2).join(' ')), [`PUT /api/bce/bj/v1/enterprise/security/rule/${byPort['443']}`], 'one call, no revoke-then-add');
  // Priority 5 now comes first.
  await page.waitForFunction((rid) => document.querySelector('[data-test=esg-rule-list] tr.rule-row')?.dataset.rule === rid, byPort['443']);
  assert.deepEqual(problems, []);
  await page.close();
});

test('rules are added 20 to a call with progress; a failed call keeps the rules it did not add in the form', async () => {
  const id = await makeGroup('adding', [rule()]);
  const { page, problems } = await openPage(browser, server.url, 'bce-enterprise-security-groups');
  const calls = [];
  page.on('request', (r) => {
    if (r.method() === 'PUT' && r.url().includes('authorizeRule')) calls.push({ token: new URL(r.url()).searchParams.get('clientToken'), rules: JSON.parse(r.postData()).rules.length });
  });
  await openRules(page, id);
  await page.click('[data-test=esg-add-rules]');
  const form = '[data-test=esg-rule-adder]';
  for (let i = 1; i < 23; i++) await page.click(`${form} [data-test=adder-add-row]`);
  const rows = page.locator(`${form} tr[data-test=esg-rule-row]`);
  assert.equal(await rows.count(), 23);
  for (let i = 0; i < 23; i++) {
    await rows.nth(i).locator('input[data-field=portRange]').fill(String(4000 + i));
    await rows.nth(i).locator('input[data-field=sourceIp]').fill('10.0.0.0/8');
  }
  assert.match(await page.textContent(`${form} [data-test=adder-calls]`), /^2 calls/);
  // The second call fails: the first 20 are in, the last 3 stay in the form with the error.
  let seen = 0;
  const adds = (url) => url.search.includes('authorizeRule');
  await page.route(adds, (route) => (++seen === 2 ? route.fulfill({ status: 503, body: '' }) : route.continue()));
  await page.click(`${form} [data-test=adder-submit]`);
  await page.waitForSelector(`${form} .error-notice:not(.hidden)`);
  assert.equal(await rows.count(), 3, 'the rules not added stay in the form');
  assert.equal(await rows.first().locator('input[data-field=portRange]').inputValue(), '4020');
  assert.equal((await groupRules(id)).length, 21);
  await page.unroute(adds);
  await page.click(`${form} [data-test=adder-submit]`);
  await page.waitForSelector(`${form}`, { state: 'detached' }).catch(() => {});
  await page.waitForFunction(() => document.querySelector('[data-test=esg-rule-done]'));
  const after = await groupRules(id);
  assert.equal(after.length, 24);
  assert.deepEqual(after.map((r) => r.portRange).filter((p) => p.startsWith('40')).sort(), Array.from({ length: 23 }, (_, i) => String(4000 + i)));
  assert.deepEqual(calls.map((c) => c.rules), [20, 3, 3], 'at most 20 a call; the retry sends only the rest');
  // A call that got no verdict (503) is sent again with its own token, so it applies once.
  assert.equal(calls[2].token, calls[1].token, 'the retry of the failed call reuses its clientToken');
  assert.notEqual(calls[0].token, calls[1].token, 'each call its own clientToken');
  assert.deepEqual(problems.filter((p) => !/503/.test(p)), []);
  await page.close();
});

test('a rule is deleted after a confirmation naming it and its call; one deleted meanwhile is caught before anything is sent', async () => {
  const id = await makeGroup('deleting', [rule(), rule({ portRange: '80', remark: 'web' })]);
  const live = await groupRules(id);
  const [ssh, web] = ['22', '80'].map((p) => live.find((r) => r.portRange === p).enterpriseSecurityGroupRuleId);
  const { page, problems } = await openPage(browser, server.url, 'bce-enterprise-security-groups');
  await openRules(page, id);
  await page.click(`tr[data-rule=${web}] [data-test=esg-rule-delete]`);
  assert.match(await page.textContent('[data-test=delete-rule-summary]'), /allow ingress tcp 80/);
  assert.match(await page.textContent('[data-test=dialog] [data-test=preview-calls] li[data-call=deleteRule]'), new RegExp(`^DELETE /v1/enterprise/security/rule/${web} `));
  await page.click('[data-test=dialog-confirm]');
  await page.waitForSelector(`tr[data-rule=${web}]`, { state: 'detached' });
  assert.deepEqual((await groupRules(id)).map((r) => r.enterpriseSecurityGroupRuleId), [ssh]);
  // Someone else deletes the other rule while the confirmation is open.
  await page.click(`tr[data-rule=${ssh}] [data-test=esg-rule-delete]`);
  assert.equal((await bce(server.url, 'DELETE', `/v1/enterprise/security/rule/${ssh}`, { query: { clientToken: 'e2e-meanwhile' } })).status, 200);
  const deletes = [];
  page.on('request', (r) => { if (r.method() === 'DELETE') deletes.push(r.url()); });
  await page.click('[data-test=dialog-confirm]');
  // The plan runner reads the group first: its rules are not those the confirmation was
  // made from, so nothing is sent (were the DELETE sent, the cloud's answer would be the
  // documented 404 `Esg.EsgRuleResourceNotExist`, which the SDK suite checks).
  await page.waitForSelector('[data-test=esg-detail] .error-notice:not(.hidden) [data-code=ChangedMeanwhile]');
  assert.match(await page.textContent('[data-test=esg-detail] .error-notice:not(.hidden)'), /changed by someone else/);
  assert.deepEqual(deletes, []);
  assert.deepEqual(problems, []);
  await page.close();
});
