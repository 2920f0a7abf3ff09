// The Baidu console flows, driven through the UI in Chromium against `palisade serve`
// with the embedded emulator; each test asserts what the user sees and the emulator's state.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { startServer, launchBrowser, openPage } from './support.mjs';
import { bce, DEMO_SK } from './api.mjs';

let server, browser;
before(async () => { server = await startServer(); browser = await launchBrowser(); });
after(async () => { await browser?.close(); await server?.stop(); });

const group = async (id) => (await bce(server.url, 'GET', `/v2/securityGroup/${id}`)).body;
// A file is checked against the group first; its rules go only on Send, once its impact
// is shown (#31) and, if it opens something to the internet, accepted.
async function sendImport(page) {
  await page.waitForFunction(() => {
    const send = document.querySelector('[data-test=import-send]');
    return send && (!send.disabled || document.querySelector('[data-test=import-staged] [data-test=accept-risk]'));
  });
  if (await page.locator('[data-test=import-staged] [data-test=accept-risk]').count()) await page.check('[data-test=import-staged] [data-test=accept-risk]');
  await page.waitForSelector('[data-test=import-send]:not([disabled])');
  await page.click('[data-test=import-send]');
}
const rulesFile = (rules) => ({ name: 'rules.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(rules)) });

async function openGroup(page, id) {
  await page.click('[data-page=bce-security-groups]');
  await page.click(`tr[data-group=${id}] [data-test=open-group]`);
  await page.waitForSelector(`[data-test=group-detail][data-group=${id}] .rule-row`);
}

async function addRule(page, { ports, remote, remark = '' }) {
  await page.fill('[data-test=rule-ports]', ports);
  await page.fill('[data-test=rule-remote-ip]', remote);
  await page.fill('[data-test=rule-remark]', remark);
  await page.click('[data-test=rule-submit]');
}

test('settings: demo keys are filled in emulator mode, remembered only in sessionStorage on request', async () => {
  const { page, problems } = await openPage(browser, server.url, 'bce-security-groups');
  await page.click('[data-test=settings-toggle]');
  await page.waitForSelector('[data-test=demo-note]');
  assert.equal(await page.inputValue('[data-test=bce-access-key]'), 'palisade-demo-ak');
  assert.equal(await page.getAttribute('[data-test=bce-secret-key]', 'type'), 'password');
  assert.equal(await page.evaluate(() => sessionStorage.getItem('palisade.settings')), null, 'nothing is stored without opt-in');
  await page.check('[data-test=remember]');
  await page.waitForFunction(() => sessionStorage.getItem('palisade.settings'));
  assert.equal(await page.evaluate(() => localStorage.length), 0, 'never localStorage');
  assert.equal(await page.evaluate(() => document.cookie), '', 'never cookies');
  await page.reload();
  await page.waitForSelector('html[data-palisade-ready=true]');
  await page.click('[data-test=settings-toggle]');
  assert.equal(await page.isChecked('[data-test=remember]'), true, 'remembered in this tab');
  await page.uncheck('[data-test=remember]');
  await page.waitForFunction(() => sessionStorage.getItem('palisade.settings') === null);
  assert.deepEqual(problems, []);
  await page.close();
});

test('the list of groups filters as you type; a group shows its rules', async () => {
  const { page, problems } = await openPage(browser, server.url, 'bce-security-groups');
  await page.waitForSelector('tr[data-group=g-db000001]');
  assert.equal(await page.locator('[data-test=group-list] tbody tr[data-group]').count(), 5);
  await page.fill('[data-test=page-bce-security-groups] > .toolbar [data-test=filter]', 'mysql');
  assert.deepEqual(await page.locator('[data-test=group-list] tbody tr[data-group]').evaluateAll((r) => r.map((x) => x.dataset.group)), ['g-db000001']);
  // A port number finds the groups whose ingress rules let it through, not the text.
  const listed = () => page.locator('[data-test=group-list] tbody tr[data-group]').evaluateAll((r) => r.map((x) => x.dataset.group).sort());
  await page.fill('[data-test=page-bce-security-groups] > .toolbar [data-test=filter]', '22');
  assert.deepEqual(await listed(), ['g-ssh00001']);
  await page.fill('[data-test=page-bce-security-groups] > .toolbar [data-test=filter]', '443');
  assert.deepEqual(await listed(), ['g-stage001', 'g-web00001']);
  await page.fill('[data-test=page-bce-security-groups] > .toolbar [data-test=filter]', '');
  await openGroup(page, 'g-web00001');
  const rows = await page.locator('.rule-row').count();
  assert.equal(rows, (await group('g-web00001')).rules.length);
  assert.deepEqual(problems, []);
  await page.close();
});

test('adding a rule: keystroke validation with the code, success, then a duplicate explained (409)', async () => {
  const { page, problems } = await openPage(browser, server.url, 'bce-security-groups');
  await openGroup(page, 'g-web00001');
  const before = await group('g-web00001');
  let puts = 0;
  page.on('request', (r) => { if (r.method() === 'PUT') puts += 1; });

  await page.fill('[data-test=rule-ports]', '70000');
  await page.waitForSelector('[data-test=rule-form] .field-error[data-code="SecurityGroup.RulePortRangeInvalid"]');
  assert.equal(await page.getAttribute('[data-test=rule-ports]', 'aria-invalid'), 'true');
  await page.click('[data-test=rule-submit]');
  await page.waitForSelector('[data-test=rule-form] [data-test=error] [data-code="SecurityGroup.RulePortRangeInvalid"]');
  assert.equal(puts, 0, 'an invalid rule is never sent');

  await addRule(page, { ports: '8443', remote: '10.0.0.0/8', remark: 'e2e' });
  await page.waitForSelector('[data-test=rule-added]');
  const after = await group('g-web00001');
  assert.equal(after.rules.length, before.rules.length + 1);
  assert.equal(after.sgVersion, before.sgVersion + 1);
  assert.ok(after.rules.some((r) => r.portRange === '8443' && r.sourceIp === '10.0.0.0/8'));
  await page.waitForFunction((n) => document.querySelectorAll('.rule-row').length === n, after.rules.length);

  // The same 6-tuple (the remark is part of it, as the seed says).
  await addRule(page, { ports: '8443', remote: '10.0.0.0/8', remark: 'e2e' });
  await page.waitForSelector('[data-test=rule-form] [data-test=error] [data-code="SecurityGroup.RuleDuplicated"]');
  const notice = await page.textContent('[data-test=rule-form] [data-test=error]');
  assert.match(notice, /409/);
  assert.match(notice, /Security group rules are duplicated/);
  assert.match(await page.textContent('[data-test=rule-form] [data-test=request-id]'), /\S/);
  assert.equal(await page.inputValue('[data-test=rule-ports]'), '8443', 'the form keeps what was typed');
  assert.equal(await page.inputValue('[data-test=rule-remark]'), 'e2e');
  assert.equal(await page.locator('[data-test=rule-added]').count(), 0, 'the earlier success is not shown beside the error');
  assert.equal(await page.locator('[data-test=refresh-retry]').count(), 0, 'a duplicate is not fixed by refreshing: no such offer');
  // Success, then a rule that fails locally: the success goes too.
  await addRule(page, { ports: '8444', remote: '10.0.0.0/8', remark: 'e2e' });
  await page.waitForSelector('[data-test=rule-added]');
  await addRule(page, { ports: '99999', remote: '10.0.0.0/8' });
  await page.waitForSelector('[data-test=rule-form] [data-test=error]');
  assert.equal(await page.locator('[data-test=rule-added]').count(), 0);
  assert.equal((await group('g-web00001')).rules.length, after.rules.length + 1, 'the duplicate added nothing; 8444 did');
  assert.deepEqual(problems.filter((p) => !/status of 409/.test(p)), []);
  await page.close();
});

test('a group changed since it was read: nothing is sent, it is explained, and refresh-and-retry adds the rule', async () => {
  const { page } = await openPage(browser, server.url, 'bce-security-groups');
  await openGroup(page, 'g-db000001');
  // Someone else changes the group after the console loaded it.
  const other = await bce(server.url, 'PUT', '/v2/securityGroup/g-db000001', {
    query: { authorizeRule: '', clientToken: 'e2e-someone-else' },
    body: { rule: { direction: 'ingress', protocol: 'tcp', portRange: '6379', sourceIp: '192.168.0.0/16', ethertype: 'IPv4' } },
  });
  assert.equal(other.status, 200);
  await addRule(page, { ports: '5432', remote: '192.168.0.0/16' });
  // The plan runner reads the group before the call: its rules are not those shown.
  await page.waitForSelector('[data-test=rule-form] [data-test=error] [data-code=ChangedMeanwhile]');
  assert.equal((await group('g-db000001')).rules.some((r) => r.portRange === '5432'), false);
  await page.click('[data-test=refresh-retry]');
  await page.waitForSelector('[data-test=rule-added]');
  const g = await group('g-db000001');
  assert.ok(g.rules.some((r) => r.portRange === '5432'));
  assert.ok(g.rules.some((r) => r.portRange === '6379'), 'the other change is kept');
  await page.close();
});

test('revoking asks first; cancel changes nothing, confirm removes the rule', async () => {
  const { page, problems } = await openPage(browser, server.url, 'bce-security-groups');
  await openGroup(page, 'g-default0');
  const before = await group('g-default0');
  await page.click('.rule-row [data-test=revoke]');
  await page.waitForSelector('[data-test=dialog]');
  // The dialog takes focus and makes the page inert as it mounts (an effect after the
  // first paint): wait for that, then hold it to its promises.
  await page.waitForFunction(() => document.activeElement?.dataset.test === 'dialog-cancel' && document.querySelector('[inert]'), null, { timeout: 2000 });
  assert.equal(await page.evaluate(() => document.activeElement.dataset.test), 'dialog-cancel', 'focus starts on Cancel');
  // Tab and Shift-Tab cycle inside the dialog: the page behind never gets focus.
  const inDialog = () => page.evaluate(() => !!document.activeElement.closest('[role=alertdialog]'));
  for (const key of ['Tab', 'Tab', 'Tab', 'Shift+Tab', 'Shift+Tab', 'Shift+Tab']) {
    await page.keyboard.press(key);
    assert.ok(await inDialog(), `focus stays in the dialog after ${key}`);
  }
  // The page behind is inert: its menu cannot be focused or clicked, whatever is tried.
  assert.ok(await page.evaluate(() => !!document.querySelector('[data-page=bce-instances]').closest('[inert]')), 'the side menu is inert');
  assert.ok(await page.evaluate(() => !document.querySelector('[data-test=dialog]').closest('[inert]')), 'the dialog is not');
  await page.evaluate(() => document.querySelector('[data-page=bce-instances]').focus());
  assert.ok(await inDialog(), 'script focus on the menu does not leave the dialog');
  await page.click('[data-page=bce-instances]', { force: true });
  assert.equal(await page.locator('[data-test=group-detail][data-group=g-default0]').count(), 1, 'a click behind the dialog changes no page');
  // That click left focus on the page's body: Tab comes back into the dialog, and
  // Escape closes it from anywhere.
  await page.evaluate(() => document.activeElement.blur());
  await page.keyboard.press('Tab');
  assert.ok(await inDialog(), 'Tab from outside lands inside the dialog');
  await page.evaluate(() => document.activeElement.blur());
  await page.keyboard.press('Escape');
  await page.waitForSelector('[data-test=dialog]', { state: 'detached' });
  assert.equal(await page.locator('[inert]').count(), 0, 'the page is live again once the dialog closes');
  // Focus returns on the next animation frame (the dialog's node is gone by then).
  await page.waitForFunction(() => document.activeElement?.classList.contains('rule-scroll'), null, { timeout: 2000 });
  assert.equal((await group('g-default0')).rules.length, before.rules.length);
  await page.click('.rule-row [data-test=revoke]');
  await page.click('[data-test=dialog-confirm]');
  await page.waitForSelector('[data-test=revoked]');
  assert.equal((await group('g-default0')).rules.length, before.rules.length - 1);
  assert.deepEqual(problems, []);
  await page.close();
});

test('import: a progress bar, a result per rule, stop at the first error or go on', async () => {
  const { page } = await openPage(browser, server.url, 'bce-security-groups');
  await openGroup(page, 'g-web00001');
  const base = (await group('g-web00001')).rules.length;
  const rules = [
    { direction: 'ingress', ethertype: 'IPv4', protocol: 'tcp', portRange: '9001', sourceIp: '10.1.0.0/16' },
    { direction: 'ingress', ethertype: 'IPv4', protocol: 'tcp', portRange: '99999', sourceIp: '10.1.0.0/16' },
    { direction: 'ingress', ethertype: 'IPv4', protocol: 'tcp', portRange: '9003', sourceIp: '10.1.0.0/16' },
  ];
  await page.setInputFiles('[data-test=import-file]', rulesFile(rules));
  await sendImport(page);
  await page.waitForSelector('[data-test=import-summary][data-ended=stopped]');
  assert.deepEqual(await page.locator('[data-test=import-results] li').evaluateAll((l) => l.map((x) => x.dataset.outcome)), ['ok', 'failed', 'skipped']);
  assert.equal(await page.getAttribute('[data-test=import-results] li:nth-child(2)', 'data-code'), 'SecurityGroup.RulePortRangeInvalid');
  assert.equal((await group('g-web00001')).rules.length, base + 1);

  await page.uncheck('[data-test=import-stop]');
  const more = rules.map((r, i) => ({ ...r, portRange: i === 1 ? 'x' : `95${i}0` }));
  await page.setInputFiles('[data-test=import-file]', rulesFile(more));
  await sendImport(page);
  // Done with *this* file: its rules are listed and none is still waiting.
  await page.waitForFunction(() => {
    const rows = [...document.querySelectorAll('[data-test=import-results] li')];
    return rows[0]?.textContent.includes('9500') && rows.every((l) => l.dataset.outcome !== 'waiting');
  });
  assert.deepEqual(await page.locator('[data-test=import-results] li').evaluateAll((l) => l.map((x) => x.dataset.outcome)), ['ok', 'failed', 'ok']);
  assert.equal(await page.getAttribute('[data-test=import-progress]', 'value'), '3');
  assert.equal((await group('g-web00001')).rules.length, base + 3);

  await page.setInputFiles('[data-test=import-file]', { name: 'x.json', mimeType: 'application/json', buffer: Buffer.from('{"nope": 1}') });
  await page.waitForSelector('[data-test=import-bad-file]');
  await page.close();
});

const summaryOf = (page) => page.evaluate(() => {
  const [added, present, duplicate, failed, notSent] = document.querySelector('[data-test=import-summary]').dataset.tally.split(' ');
  return { added, present, duplicate, failed, notSent };
});

test('import checks the file first: rules already there and repeats are skipped, not failed; over the quota nothing is sent', async () => {
  const { page, problems } = await openPage(browser, server.url, 'bce-security-groups');
  await openGroup(page, 'g-db000001');
  const before = (await group('g-db000001')).rules;
  const present = before.find((r) => r.direction === 'ingress');
  const strip = ({ direction, ethertype, protocol, portRange, sourceIp, sourceGroupId, remark }) => ({ direction, ethertype, protocol, portRange, sourceIp, sourceGroupId, remark });
  const fresh = { direction: 'ingress', ethertype: 'IPv4', protocol: 'tcp', portRange: '7001', sourceIp: '10.7.0.0/16', remark: 'new' };
  const sent = [];
  page.on('request', (r) => { if (r.method() === 'PUT' && r.url().includes('authorizeRule')) sent.push(r.postData()); });
  await page.setInputFiles('[data-test=import-file]', rulesFile([strip(present), fresh, fresh]));
  await sendImport(page);
  await page.waitForSelector('[data-test=import-summary][data-ended=finished]');
  assert.deepEqual(await page.locator('[data-test=import-results] li').evaluateAll((l) => l.map((x) => x.dataset.outcome)), ['present', 'ok', 'duplicate']);
  const s = await summaryOf(page);
  assert.deepEqual([s.added, s.present, s.duplicate, s.failed, s.notSent], ['1', '1', '1', '0', '0'], 'the summary counts each kind');
  assert.equal(sent.length, 1, 'only the new rule was sent');
  assert.equal((await group('g-db000001')).rules.length, before.length + 1);

  // 60 new ingress rules do not fit 50 per direction: refused before any is sent.
  const many = Array.from({ length: 60 }, (_, i) => ({ ...fresh, portRange: String(20000 + i) }));
  await page.setInputFiles('[data-test=import-file]', rulesFile(many));
  await page.waitForSelector('[data-test=import-over-quota]');
  assert.match(await page.textContent('[data-test=import-over-quota]'), /\+ 60 > 50/);
  assert.equal(sent.length, 1, 'nothing more was sent');
  assert.equal((await group('g-db000001')).rules.length, before.length + 1);
  assert.deepEqual(problems, []);
  await page.close();
});

test('import only ever adds: a rule carrying another rule\'s id is added as new, never edits or deletes that rule (#36)', async () => {
  const id = (await bce(server.url, 'POST', '/v2/securityGroup', { body: { name: 'import-ids', rules: [
    { direction: 'ingress', ethertype: 'IPv4', protocol: 'tcp', portRange: '22', sourceIp: '10.0.0.0/8', remark: 'office' },
  ] } })).body.securityGroupId;
  const before = (await group(id)).rules;
  const office = before.find((r) => r.portRange === '22');
  const { page, problems } = await openPage(browser, server.url, 'bce-security-groups');
  await openGroup(page, id);
  const changing = [];
  page.on('request', (r) => { if (r.url().includes('/api/bce/') && (r.method() === 'DELETE' || r.url().includes('/rule/update'))) changing.push(`${r.method()} ${r.url()}`); });
  // The group's own GET answer, edited by hand: the office rule opened to the world, and
  // a copy of it with another direction.
  const dump = { ...(await group(id)), rules: [
    { ...office, sourceIp: '0.0.0.0/0' },
    { ...office, direction: 'egress', sourceIp: undefined, destIp: '10.0.0.0/8' },
  ] };
  await page.setInputFiles('[data-test=import-file]', rulesFile(dump));
  await sendImport(page);
  await page.waitForSelector('[data-test=import-summary][data-ended=finished]');
  assert.deepEqual(changing, [], 'no rule of the group was edited or deleted');
  const after = (await group(id)).rules;
  const kept = after.find((r) => r.securityGroupRuleId === office.securityGroupRuleId);
  assert.equal(kept?.sourceIp, '10.0.0.0/8', 'the office rule is as it was');
  assert.equal(after.length, before.length + 2, 'both file rules were added as new rules');
  assert.ok(after.some((r) => r.sourceIp === '0.0.0.0/0' && r.securityGroupRuleId !== office.securityGroupRuleId));
  assert.deepEqual(problems, []);
  await page.close();
});

test('import can be cancelled: the rule in flight finishes, the rest are not sent, and the summary says so', async () => {
  // A group of its own (created with the cloud's default egress rules).
  const id = (await bce(server.url, 'POST', '/v2/securityGroup', { body: { name: 'import-cancel' } })).body.securityGroupId;
  const { page, problems } = await openPage(browser, server.url, 'bce-security-groups');
  await openGroup(page, id);
  const base = (await group(id)).rules.length;
  // Slow the cloud down so there is time to cancel.
  await page.route((url) => url.search.startsWith('?authorizeRule'), async (route) => { await new Promise((r) => setTimeout(r, 150)); await route.continue(); });
  const rules = Array.from({ length: 40 }, (_, i) => ({ direction: 'ingress', ethertype: 'IPv4', protocol: 'udp', portRange: String(30000 + i), sourceIp: '10.3.0.0/16' }));
  await page.setInputFiles('[data-test=import-file]', rulesFile(rules));
  await sendImport(page);
  await page.waitForFunction(() => Number(document.querySelector('[data-test=import-summary]')?.dataset.tally.split(' ')[0]) >= 2);
  await page.click('[data-test=import-cancel]');
  await page.waitForSelector('[data-test=import-summary][data-ended=cancelled]');
  const s = await summaryOf(page);
  assert.ok(Number(s.added) < 40 && Number(s.notSent) > 0, JSON.stringify(s));
  assert.equal(Number(s.added) + Number(s.notSent), 40, 'every rule is accounted for');
  assert.equal((await group(id)).rules.length, base + Number(s.added), 'the cloud has exactly the rules reported added');
  assert.equal(await page.locator('[data-test=import-cancel]').count(), 0, 'Cancel goes away when the import ends');
  assert.deepEqual(problems, []);
  await page.close();
});

test('import reads CSV, and a broken file is reported with its line and column', async () => {
  const { page, problems } = await openPage(browser, server.url, 'bce-security-groups');
  await openGroup(page, 'g-web00001');
  const csv = 'direction,ethertype,protocol,portRange,sourceIp,remark\ningress,IPv4,tcp,6001,10.6.0.0/16,"from csv, quoted"\n';
  await page.setInputFiles('[data-test=import-file]', { name: 'rules.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await sendImport(page);
  await page.waitForSelector('[data-test=import-summary][data-ended=finished]');
  assert.ok((await group('g-web00001')).rules.some((r) => r.portRange === '6001' && r.remark === 'from csv, quoted'));

  await page.setInputFiles('[data-test=import-file]', rulesFileRaw('rules.json', '[\n  {"direction": "ingress",\n   "protocol" "tcp"}\n]'));
  await page.waitForSelector('[data-test=import-bad-file]');
  assert.match(await page.textContent('[data-test=import-bad-file]'), /line 3, column 15/);
  await page.setInputFiles('[data-test=import-file]', rulesFileRaw('rules.csv', 'direction,protocol,portRange\ningress,tcp,22\negress,tcp,80,extra\n'));
  await page.waitForFunction(() => /line 3, column 15/.test(document.querySelector('[data-test=import-bad-file]')?.textContent));
  assert.deepEqual(problems, []);
  await page.close();
});

const rulesFileRaw = (name, text) => ({ name, mimeType: name.endsWith('.csv') ? 'text/csv' : 'application/json', buffer: Buffer.from(text) });

test('export writes the group\'s rules as JSON that import takes back', async () => {
  const { page } = await openPage(browser, server.url, 'bce-security-groups');
  await openGroup(page, 'g-db000001');
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-test=export]')]);
  assert.equal(download.suggestedFilename(), 'g-db000001-rules.json');
  const exported = JSON.parse(await readFile(await download.path(), 'utf8'));
  const g = await group('g-db000001');
  assert.equal(exported.securityGroupId, 'g-db000001');
  assert.equal(exported.rules.length, g.rules.length);
  assert.ok(exported.rules.every((r) => !('securityGroupRuleId' in r)), 'ids are not exported');
  await page.close();
});

test('no request leaving the browser contains the secret key', async () => {
  const { page } = await openPage(browser, server.url, 'bce-security-groups');
  const seen = [];
  page.on('request', async (r) => seen.push({ url: r.url(), headers: JSON.stringify(await r.allHeaders().catch(() => ({}))), body: r.postData() ?? '' }));
  await openGroup(page, 'g-web00001');
  await addRule(page, { ports: '7443', remote: '10.9.0.0/16' });
  await page.waitForSelector('[data-test=rule-added]');
  await page.click('[data-page=bce-enterprise-security-groups]');
  await page.waitForSelector('tr[data-esg]');
  await page.click('[data-page=bce-instances]');
  await page.waitForSelector('tr[data-instance]');
  const api = seen.filter((s) => s.url.includes('/api/bce/'));
  assert.ok(api.length >= 4, `requests were made (${api.length})`);
  assert.ok(api.every((s) => /bce-auth-v1\/palisade-demo-ak\//.test(s.headers)), 'every API call is signed');
  for (const s of seen) {
    for (const part of [s.url, s.headers, s.body]) assert.ok(!part.includes(DEMO_SK), `secret in ${s.url}`);
  }
  await page.close();
});

test('a network failure keeps the input and says so', async () => {
  const { page } = await openPage(browser, server.url, 'bce-security-groups');
  await openGroup(page, 'g-web00001');
  await page.route('**/api/bce/**', (route) => (route.request().method() === 'PUT' ? route.abort('connectionreset') : route.continue()));
  await addRule(page, { ports: '6001', remote: '10.6.0.0/16', remark: 'keep me' });
  await page.waitForSelector('[data-test=rule-form] [data-test=error]');
  assert.match(await page.textContent('[data-test=rule-form] [data-test=error]'), /No answer from the server/);
  assert.equal(await page.inputValue('[data-test=rule-ports]'), '6001');
  assert.equal(await page.inputValue('[data-test=rule-remark]'), 'keep me');
  await page.unroute('**/api/bce/**');
  await page.click('[data-test=rule-submit]');
  await page.waitForSelector('[data-test=rule-added]');
  await page.close();
});

test('the enterprise security group editor: presets, duplicate, remove, 20-rule limit, codes per field', async () => {
  const { page, problems } = await openPage(browser, server.url, 'bce-enterprise-security-groups');
  await page.click('[data-test=new-esg]');
  await page.fill('[data-test=esg-name]', 'bad name!');
  await page.waitForSelector('.field-error[data-code="Esg.EsgNameInvalid"]');
  await page.fill('[data-test=esg-name]', 'e2e-web');
  await page.waitForSelector('.field-error[data-code="Esg.EsgNameInvalid"]', { state: 'detached' });
  assert.equal(await page.locator('[data-test=esg-rule-row]').count(), 0, 'a new group starts with no rule: nothing is exposed by default');
  await page.selectOption('[data-test=preset]', 'HTTPS (443) from anywhere (0.0.0.0/0)');
  assert.equal(await page.locator('[data-test=esg-rule-row]').count(), 1);
  assert.equal(await page.locator('[data-test=esg-rule-row]').nth(0).locator('[data-field=sourceIp]').inputValue(), '0.0.0.0/0');
  await page.locator('[data-test=esg-rule-row]').nth(0).locator('[data-test=duplicate-rule]').click();
  assert.equal(await page.locator('[data-test=esg-rule-row]').count(), 2);
  assert.equal(await page.locator('[data-test=esg-rule-row]').nth(1).locator('[data-field=portRange]').inputValue(), '443');
  const ports = page.locator('[data-test=esg-rule-row]').nth(1).locator('input[data-field=portRange]');
  await ports.fill('70000');
  await page.waitForSelector('[data-test=esg-rule-row] .field-error[data-code="Esg.EsgRulePortValueExceed"]');
  await page.locator('[data-test=esg-rule-row]').nth(1).locator('[data-test=remove-rule]').click();
  assert.equal(await page.locator('[data-test=esg-rule-row]').count(), 1);
  for (let i = 0; i < 19; i += 1) await page.click('[data-test=add-rule]');
  assert.equal(await page.textContent('[data-test=esg-rule-count]'), '20 / 20');
  assert.equal(await page.isDisabled('[data-test=add-rule]'), true);
  await page.waitForSelector('[data-test=rules-limit]');
  // A blank row lets nobody in until its remote address is typed.
  await page.waitForSelector('[data-test=esg-rule-row]:nth-child(3) .field-error[data-code="Esg.EsgRuleIpAddressEmpty"]');
  // The added rows have no ports: the code marks each one.
  await page.waitForSelector('[data-test=esg-rule-row]:nth-child(3) .field-error[data-code="Esg.EsgRulePortEmpty"]');
  assert.deepEqual(problems, []);
  await page.close();
});

test('creating an enterprise security group: a retry after a network failure reuses its clientToken', async () => {
  const { page } = await openPage(browser, server.url, 'bce-enterprise-security-groups');
  const tokens = [];
  let first = true;
  await page.route('**/api/bce/bj/v1/enterprise/security?**', async (route) => {
    if (route.request().method() !== 'POST') return route.continue();
    tokens.push(new URL(route.request().url()).searchParams.get('clientToken'));
    if (first) {
      first = false;
      await route.fetch(); // the cloud makes the group ...
      return route.abort('connectionreset'); // ... but the answer is lost
    }
    return route.continue();
  });
  await page.click('[data-test=new-esg]');
  await page.fill('[data-test=esg-name]', 'e2e-retry');
  await page.fill('[data-test=esg-tags]', 'team=web\nenv=test');
  await page.click('[data-test=esg-submit]');
  await page.waitForSelector('[data-test=esg-editor] [data-test=error]');
  assert.equal(await page.inputValue('[data-test=esg-name]'), 'e2e-retry', 'nothing typed is lost');
  await page.click('[data-test=esg-submit]');
  await page.waitForSelector('[data-test=esg-created]');
  assert.equal(tokens.length, 2);
  assert.ok(tokens[0] && tokens[0] === tokens[1], 'the same clientToken for the retried submission');
  const all = (await bce(server.url, 'GET', '/v1/enterprise/security')).body.enterpriseSecurityGroups;
  const made = all.filter((g) => g.name === 'e2e-retry');
  assert.equal(made.length, 1, 'the group exists once');
  assert.deepEqual(made[0].tags, [{ tagKey: 'team', tagValue: 'web' }, { tagKey: 'env', tagValue: 'test' }]);
  await page.waitForSelector(`tr[data-esg=${made[0].id}]`);

  // A new submission gets a new token.
  await page.click('[data-test=new-esg]');
  await page.fill('[data-test=esg-name]', 'e2e-second');
  await page.click('[data-test=esg-submit]');
  await page.waitForSelector('[data-test=esg-created]');
  assert.notEqual(tokens[2], tokens[0]);
  await page.close();
});

test('deleting an enterprise security group asks first', async () => {
  const made = await bce(server.url, 'POST', '/v1/enterprise/security', { query: { clientToken: 'e2e-del' }, body: { name: 'to-delete', rules: [] } });
  assert.equal(made.status, 200);
  const id = made.body.enterpriseSecurityGroupId;
  const { page } = await openPage(browser, server.url, 'bce-enterprise-security-groups');
  await page.click(`tr[data-esg=${id}] [data-test=delete-esg]`);
  await page.click('[data-test=dialog-confirm]');
  await page.waitForSelector(`tr[data-esg=${id}]`, { state: 'detached' });
  // The row is gone, so focus goes to the page heading rather than being lost.
  await page.waitForFunction(() => document.activeElement?.matches('[data-test=page-bce-esgs] h2'));
  const all = (await bce(server.url, 'GET', '/v1/enterprise/security')).body.enterpriseSecurityGroups;
  assert.ok(!all.some((g) => g.id === id));
  await page.close();
});

test('instances: groups with the count against 10, bind, unbind with confirmation, an expired instance explained', async () => {
  const { page, problems } = await openPage(browser, server.url, 'bce-instances');
  // Every changing call carries a clientToken (seed 004 makes it required on authorize).
  const changes = [];
  page.on('request', (r) => { if (r.method() !== 'GET' && r.url().includes('/api/bce/')) changes.push(new URL(r.url()).searchParams.get('clientToken')); });
  await page.waitForSelector('tr[data-instance=i-web00002]');
  assert.equal(await page.textContent('tr[data-instance=i-web00002] [data-test=group-count]'), '2 / 10');
  // A row is one line: its groups by name; the rest is in the panel "Manage" opens.
  assert.match(await page.textContent('tr[data-instance=i-web00002]'), /web, default/);
  await page.click('tr[data-instance=i-expired1] [data-test=instance-open]');
  assert.match(await page.textContent('[data-instance-panel=i-expired1] [data-test=bind-blocked]'), /Expired or in debt/);
  assert.equal(await page.locator('[data-instance-panel=i-expired1] [data-test=bind]').count(), 0);
  await page.click('[data-test=instance-close]');
  await page.waitForSelector('[data-test=instance-panel]', { state: 'detached' });
  const panel = '[data-instance-panel=i-web00002]';
  await page.click('tr[data-instance=i-web00002] [data-test=instance-open]');
  assert.ok(await page.locator('tr[data-instance=i-web00002].selected').count(), 'the open instance is marked in the list');
  // The chooser offers only groups of the instance's own VPC: staging-web is in vpc-demo0002.
  // The chooser opens on request, its search box focused.
  await page.click(`${panel} [data-test=bind-open]`);
  await page.waitForSelector(`${panel} [data-test=bind-search]:focus`);
  const offered = await page.locator(`${panel} [data-test=bind-choice] option`).evaluateAll((o) => o.map((x) => x.value));
  assert.ok(offered.includes('g-db000001') && !offered.includes('g-stage001'), `offered: ${offered}`);
  // A long chooser is narrowed by typing (name or id); clearing the search offers all again.
  const choices = () => page.locator(`${panel} [data-test=bind-choice] option`).evaluateAll((o) => o.map((x) => x.value).filter(Boolean));
  const all = await choices();
  await page.fill(`${panel} [data-test=bind-search]`, 'datab');
  assert.deepEqual(await choices(), ['g-db000001']);
  await page.fill(`${panel} [data-test=bind-search]`, '');
  assert.deepEqual(await choices(), all);

  await page.selectOption(`${panel} [data-test=bind-choice]`, 'g-db000001');
  await page.click(`${panel} [data-test=bind]`);
  // Nothing is sent before the binding's impact is shown: web-2 gains MySQL from web.
  await page.waitForSelector('[data-test=dialog] [data-test=impact-line]');
  assert.match(await page.textContent('[data-test=dialog] [data-test=impact-lines]'), /web-2 gain tcp 3306 from the members of web \(g-web00001\)/);
  assert.equal(changes.length, 0, 'nothing sent yet');
  await page.click('[data-test=dialog-confirm]');
  await page.waitForSelector('[data-test=binding-done]');
  await page.waitForFunction(() => document.querySelector('tr[data-instance=i-web00002] [data-test=group-count]')?.textContent === '3 / 10');
  // The panel was drawn anew; focus is back in it, not lost to the page.
  const focusInRow = () => page.waitForFunction(() => document.activeElement?.closest('[data-test=instance-panel]')?.dataset.instancePanel === 'i-web00002');
  await focusInRow();
  const listed = async () => (await bce(server.url, 'GET', '/v2/instance')).body.instances.find((i) => i.id === 'i-web00002').nicInfo.securityGroups;
  assert.ok((await listed()).includes('g-db000001'));

  // By keyboard: Escape closes the confirmation and gives focus back to its opener.
  const unbind = `${panel} li[data-bound=g-db000001] [data-test=unbind]`;
  await page.focus(unbind);
  await page.keyboard.press('Enter');
  await page.waitForSelector('[data-test=dialog]');
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.test), 'dialog-cancel', 'the safe choice has focus');
  await page.keyboard.press('Escape');
  await page.waitForSelector('[data-test=dialog]', { state: 'detached' });
  assert.ok(await page.evaluate((sel) => document.activeElement === document.querySelector(sel), unbind), 'focus is back on the unbind button');
  await page.keyboard.press('Enter');
  await page.waitForSelector('[data-test=dialog]');
  await page.click('[data-test=dialog-confirm]');
  await page.waitForFunction(() => document.querySelector('tr[data-instance=i-web00002] [data-test=group-count]')?.textContent === '2 / 10');
  await focusInRow();
  assert.ok(!(await listed()).includes('g-db000001'));
  assert.equal(changes.length, 2, 'a bind and an unbind');
  assert.ok(changes.every((t) => t && t.length <= 64), `each with its own clientToken: ${changes}`);
  assert.notEqual(changes[0], changes[1]);
  assert.deepEqual(problems, []);
  await page.close();
});

test('service network interface cards: one enterprise group, and the confirmation names every group it removes, of both kinds', async () => {
  const { page, problems } = await openPage(browser, server.url, 'bce-endpoints');
  // The card's groups come from listing groups by instanceId (the real API shows none on the card).
  await page.waitForSelector('tr[data-endpoint=endpoint-demo0001] li[data-sg=g-default0]');
  await page.click('tr[data-endpoint=endpoint-demo0001] [data-test=bind-esgs]');
  assert.equal(await page.locator('[data-esg-choice]').first().getAttribute('type'), 'radio', 'exactly one group can be chosen');
  await page.check('[data-esg-choice=esg-demo00000001]');
  // The card has only a regular group: it is removed, and the confirmation says so.
  assert.equal(await page.locator('[data-test=replace-warning] li[data-replaced=g-default0]').count(), 1);
  assert.match(await page.textContent('[data-test=replace-warning]'), /default \(g-default0\) — regular/);
  await page.click('[data-test=dialog-confirm]');
  await page.waitForSelector('tr[data-endpoint=endpoint-demo0001] li[data-bound=esg-demo00000001]');
  await page.waitForSelector('tr[data-endpoint=endpoint-demo0001] li[data-sg=g-default0]', { state: 'detached' });
  await page.waitForFunction(() => document.activeElement?.matches('tr[data-endpoint=endpoint-demo0001] [data-test=bind-esgs]'));

  const other = await bce(server.url, 'POST', '/v1/enterprise/security', { query: { clientToken: 'e2e-ep' }, body: { name: 'replacement', rules: [] } });
  const newId = other.body.enterpriseSecurityGroupId;
  await page.click('[data-test=refresh]');
  await page.click('tr[data-endpoint=endpoint-demo0001] [data-test=bind-esgs]');
  await page.check(`[data-esg-choice=${newId}]`);
  assert.equal(await page.isChecked('[data-esg-choice=esg-demo00000001]'), false, 'choosing one unchooses the other');
  assert.equal(await page.locator('[data-test=replace-warning] li[data-replaced=esg-demo00000001]').count(), 1);
  assert.match(await page.textContent('[data-test=replace-warning]'), /baseline \(esg-demo00000001\) — enterprise/);
  await page.click('[data-test=dialog-confirm]');
  await page.waitForSelector(`tr[data-endpoint=endpoint-demo0001] li[data-bound=${newId}]`);
  // Read back the way a real client can: groups listed by the card's id.
  const esgs = (await bce(server.url, 'GET', '/v1/enterprise/security', { query: { instanceId: 'endpoint-demo0001' } })).body.enterpriseSecurityGroups;
  assert.deepEqual(esgs.map((g) => g.id), [newId]);
  const sgs = (await bce(server.url, 'GET', '/v2/securityGroup', { query: { instanceId: 'endpoint-demo0001' } })).body.securityGroups;
  assert.deepEqual(sgs, []);
  assert.deepEqual(problems, []);
  await page.close();
});

test('service network interface cards are listed per VPC, with vpcId sent', async () => {
  const { page } = await openPage(browser, server.url, 'bce-endpoints');
  const listed = [];
  page.on('request', (r) => { if (r.url().includes('/v1/endpoint?')) listed.push(new URL(r.url()).searchParams.get('vpcId')); });
  await page.waitForSelector('tr[data-endpoint=endpoint-demo0001]');
  await page.waitForSelector('tr[data-endpoint=endpoint-demo0003]');
  await page.selectOption('[data-test=vpc-choice]', 'vpc-demo0002');
  await page.waitForSelector('tr[data-endpoint=endpoint-demo0001]', { state: 'detached' });
  await page.waitForSelector('tr[data-endpoint=endpoint-demo0003]');
  assert.ok(listed.length > 0 && listed.every((v) => v), `every card list names its VPC: ${listed}`);
  await page.close();
});

test('Chinese: the interface and the documented explanations of the codes', async () => {
  const { page } = await openPage(browser, server.url, 'bce-security-groups');
  assert.equal(await page.evaluate(() => [document.documentElement.lang, document.title].join('|')), 'en|Palisade — Security groups');
  await page.selectOption('[data-test=language]', 'zh');
  assert.equal(await page.textContent('[data-page=bce-security-groups]'), '安全组');
  // The standalone console owns the page: its language and title follow.
  assert.equal(await page.evaluate(() => [document.documentElement.lang, document.title].join('|')), 'zh-CN|Palisade — 安全组');
  await openGroup(page, 'g-web00001');
  await page.fill('[data-test=rule-ports]', '70000');
  const marked = await page.textContent('[data-test=rule-form] .field-error[data-code="SecurityGroup.RulePortRangeInvalid"]');
  assert.match(marked, /[\u4e00-\u9fff]/, `a Chinese explanation: ${marked}`);
  // Every preset is translated, and still says whom it lets in.
  await page.click('[data-page=bce-enterprise-security-groups]');
  await page.click('[data-test=new-esg]');
  const presets = await page.locator('[data-test=preset] option').evaluateAll((o) => o.slice(1).map((x) => x.textContent));
  assert.ok(presets.length >= 6 && presets.every((p) => /来自/.test(p) && !/from/.test(p)), presets.join(' | '));
  await page.close();
});

test('a region change re-scopes the page: the open group closes, the list reloads, the heading says where', async () => {
  const { page, problems } = await openPage(browser, server.url, 'bce-security-groups');
  await openGroup(page, 'g-web00001');
  assert.match(await page.textContent('[data-test=scope]'), /Baidu AI Cloud · bj/);
  await page.click('[data-test=settings-toggle]');
  await page.selectOption('[data-test=bce-region]', 'gz');
  await page.click('[data-test=settings-close]');
  // Nothing of bj stays on screen: the next change cannot go to another region's group.
  await page.waitForSelector('[data-test=group-detail]', { state: 'detached' });
  await page.waitForSelector('tr[data-group=g-web00001]', { state: 'detached' });
  assert.match(await page.textContent('[data-test=scope]'), /· gz /);
  await page.click('[data-test=settings-toggle]');
  await page.selectOption('[data-test=bce-region]', 'bj');
  await page.click('[data-test=settings-close]');
  await page.waitForSelector('tr[data-group=g-web00001]');
  assert.deepEqual(problems, []);
  await page.close();
});

test('a wrong secret key is explained in words, with the way to Settings; the raw detail stays behind a disclosure', async () => {
  const { page } = await openPage(browser, server.url, 'bce-security-groups');
  await page.waitForSelector('tr[data-group=g-web00001]');
  await page.click('[data-test=settings-toggle]');
  await page.fill('[data-test=bce-secret-key]', 'not-the-secret');
  await page.click('[data-test=settings-close]');
  // The key changed: the list reloads with it and is refused.
  await page.waitForSelector('[data-test=signing-hint]');
  assert.match(await page.textContent('[data-test=signing-hint]'), /secret key is most likely wrong/);
  assert.equal(await page.locator('details.cloud-message').count() > 0, true, 'the canonical request is behind "Details"');
  await page.click('[data-test=open-settings]');
  await page.waitForSelector('[data-test=settings]');
  await page.close();
});

test('long text wraps: a 200-character description and a 250-character remark stay inside the window and the dialog, in full', async () => {
  const desc = 'd'.repeat(200);
  const remark = 'r'.repeat(250);
  const created = await bce(server.url, 'POST', '/v2/securityGroup', {
    body: { name: 'long-text', desc, rules: [{ direction: 'ingress', protocol: 'tcp', portRange: '8443', sourceIp: '10.0.0.0/8', remark }] },
  });
  assert.equal(created.status, 200, JSON.stringify(created.body));
  const id = created.body.securityGroupId;
  const { page, problems } = await openPage(browser, server.url, 'bce-security-groups');
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.waitForSelector(`tr[data-group=${id}]`);
  const fits = () => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
  assert.ok(await fits(), 'the list is no wider than the window');
  assert.ok((await page.textContent(`tr[data-group=${id}]`)).includes(desc), 'the whole description can be read');
  await openGroup(page, id);
  assert.ok(await fits(), 'the rule table is no wider than the window');
  assert.equal((await page.textContent(`[data-test=group-detail][data-group=${id}] [data-test=rule-count]`)).trim(), '1 rule', 'one rule, not "rules", and no "1 / 1" that reads as a quota');
  await page.click(`[data-test=group-detail][data-group=${id}] .rule-row [data-test=revoke]`);
  await page.waitForSelector('[data-test=dialog]');
  const dialog = await page.evaluate(() => { const d = document.querySelector('[data-test=dialog]'); return { scroll: d.scrollWidth, client: d.clientWidth, text: d.textContent }; });
  assert.ok(dialog.scroll <= dialog.client, `the remark stays inside the dialog: ${dialog.scroll} > ${dialog.client}`);
  assert.ok(dialog.text.includes(remark), 'and is there in full');
  const titles = await page.locator(`[data-test=group-detail][data-group=${id}] .rule-row td[title]`).evaluateAll((c) => c.map((x) => x.title));
  assert.ok(titles.includes(remark), 'the cut-off cell has it in full too');
  await page.click('[data-test=dialog-cancel]');
  assert.deepEqual(problems, []);
  await page.close();
});

test('a change that completes after its page was left is reported, not lost', async () => {
  const { page, problems } = await openPage(browser, server.url, 'bce-security-groups');
  await openGroup(page, 'g-web00001');
  await page.route((url) => url.search.startsWith('?authorizeRule'), async (route) => { await new Promise((r) => setTimeout(r, 1200)); await route.continue(); });
  await addRule(page, { ports: '7443', remote: '10.4.0.0/16', remark: 'late' });
  // Off to another page while the rule is on its way.
  await page.click('[data-page=bce-instances]');
  await page.waitForSelector('[data-test=late-outcomes][data-succeeded="1"]');
  assert.match(await page.textContent('[data-test=late-outcomes]'), /have succeeded \(1\)/);
  assert.ok((await group('g-web00001')).rules.some((r) => r.portRange === '7443' && r.remark === 'late'), 'and it did');
  await page.click('[data-test=late-dismiss]');
  assert.equal(await page.locator('[data-test=late-outcomes]').count(), 0);
  assert.deepEqual(problems, []);
  await page.close();
});

test('a page opened before /api/config has answered still loads once the settings arrive', async () => {
  const page = await browser.newPage();
  const { failOnUncaughtErrors } = await import('./support.mjs');
  await failOnUncaughtErrors(page);
  // The config (with the demo keys) arrives 1.5 s late, as on a slow link.
  await page.route('**/api/config', async (route) => { await new Promise((r) => setTimeout(r, 1500)); await route.continue(); });
  await page.goto(server.url);
  await page.waitForSelector('html[data-palisade-ready=true]');
  await page.click('[data-page=bce-security-groups]');
  // Before the keys: the page says what is missing; after: the list, without a click.
  await page.waitForSelector('tr[data-group=g-web00001]', { timeout: 10000 });
  assert.equal(await page.locator('text=Set the access key and secret key in Settings').count(), 0, 'the missing-keys message is gone');
  await page.close();
});

test('a rule listed without its id is revoked by its whole description (revokeRule)', async () => {
  // Rules of groups made before rule ids existed come without one: the console names such
  // a rule by its fields, and the cloud removes the rule that matches them.
  const id = 'g-web00001';
  const before = (await group(id)).rules;
  const { page, problems } = await openPage(browser, server.url, 'bce-security-groups');
  await page.route('**/api/bce/*/v2/securityGroup**', async (route) => {
    if (route.request().method() !== 'GET') return route.continue();
    const answer = await route.fetch();
    const body = await answer.json();
    for (const g of body.securityGroups ?? [body]) for (const r of g.rules ?? []) delete r.securityGroupRuleId;
    await route.fulfill({ response: answer, json: body });
  });
  const sent = [];
  page.on('request', (r) => { if (r.method() !== 'GET' && r.url().includes('/api/')) sent.push(new URL(r.url())); });
  await openGroup(page, id);
  const row = page.locator(`[data-test=group-detail][data-group=${id}] .rule-row`).first();
  const text = await row.textContent();
  await row.locator('[data-test=revoke]').click();
  await page.waitForSelector('[data-test=dialog] [data-test=impact] [data-test=impact-lines]');
  await page.click('[data-test=dialog-confirm]');
  await page.waitForSelector('[data-test=revoked]');
  assert.equal(sent.length, 1);
  assert.ok(sent[0].searchParams.has('revokeRule'), `revoked by description: ${sent[0]}`);
  const after = (await group(id)).rules;
  assert.equal(after.length, before.length - 1);
  const removed = before.filter((r) => !after.some((a) => a.securityGroupRuleId === r.securityGroupRuleId));
  assert.equal(removed.length, 1);
  assert.ok(text.includes(removed[0].remark), `the row clicked (${text}) is the rule removed (${removed[0].remark})`);
  assert.deepEqual(problems, []);
  await page.unrouteAll({ behavior: 'ignoreErrors' });
  await page.close();
});
