// Names, counts and acting where you look (#34): groups by name with the id at hand,
// counts that agree between a row and its panel, no quota where none is documented, the
// connection test's smallest rule and an Exposure row's rule into a group's draft (never
// straight to the cloud), navigation as real links, one time format per table, a
// searchable checklist, and errors that tell a bad address from two remotes.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, openConsole, openPage } from './support.mjs';
import { setLook } from './tour.mjs';
import { bce, huawei } from './api.mjs';

let server, browser;
before(async () => { server = await startServer(); browser = await launchBrowser(); });
after(async () => { await browser?.close(); await server?.stop(); });

/** Every changing request the page sends (a seed must send none). */
function changing(page) {
  const sent = [];
  page.on('request', (r) => { if (!['GET', 'HEAD', 'OPTIONS'].includes(r.method()) && r.url().includes('/api/')) sent.push(`${r.method()} ${new URL(r.url()).pathname}`); });
  return sent;
}

test('instances: private IP and VPC, the enterprise group by name, one count in the row and its panel', async () => {
  const { page, problems } = await openPage(browser, server.url, 'bce-instances');
  const row = 'tr[data-instance=i-app00001]';
  await page.waitForSelector(row);
  assert.equal(await page.textContent(`${row} [data-test=private-ip]`), '192.168.0.41');
  assert.match(await page.textContent(`${row} [data-test=vpc]`), /^vpc-/);
  const groups = await page.textContent(`${row} [data-test=instance-groups]`);
  assert.match(groups, /^baseline \(/, `the group by its name, not its id: ${groups}`);
  assert.doesNotMatch(groups, /esg-demo/);
  assert.match(await page.getAttribute(`${row} [data-test=instance-groups]`, 'title'), /esg-demo00000001/, 'the id on hover');
  const rowCount = await page.textContent(`${row} [data-test=group-count]`);
  assert.equal(rowCount, '1 / 10');
  await page.click(`${row} [data-test=instance-open]`);
  const panel = '[data-test=instance-panel][data-instance-panel=i-app00001]';
  assert.equal(await page.textContent(`${panel} [data-test=panel-group-count]`), rowCount, 'the panel counts what the row counts');
  assert.match(await page.textContent(`${panel} [data-bound-esg=esg-demo00000001]`), /baseline esg-demo00000001/);
  // The list's count says how many of how many, never "5 / 6" read as a quota.
  await page.fill('[data-test=filter]', 'app-1');
  await page.waitForFunction(() => document.querySelector('[data-test=list-count]').dataset.matching === '1');
  assert.match(await page.textContent('[data-test=list-count]'), /^1 of 6 instances/);
  await setLook(page, { lang: 'zh' });
  assert.match(await page.textContent('[data-test=list-count]'), /^显示 1 \/ 共 6/);
  assert.equal(await page.textContent('thead th:nth-child(4)'), '内网 IP');
  assert.deepEqual(problems, []);
  await page.close();
});

test('an enterprise group shows its rule count, with no quota it does not document', async () => {
  const { page, problems } = await openPage(browser, server.url, 'bce-enterprise-security-groups');
  await page.click('tr:has-text("baseline") [data-test=esg-open]');
  const total = await page.waitForSelector('[data-test=esg-rule-total]');
  assert.equal(await total.textContent(), '3 rules');
  assert.equal(await page.textContent('[data-test=esg-detail] [data-test=rule-count]'), '3 rules', 'not "3 / 3 rules"');
  // The edit row has its column headers.
  await page.click('tr[data-rule=esgr-demo00000002] [data-test=esg-rule-edit-open]');
  const heads = await page.locator('[data-test=esg-rule-edit] thead th').allTextContents();
  assert.equal(heads[0], '#');
  for (const h of ['Direction', 'IP version', 'Protocol', 'Ports', 'Source ports', 'Local IP', 'Action', 'Priority', 'Remark']) assert.ok(heads.includes(h), `${h} in ${heads}`);
  const inputs = await page.locator('[data-test=esg-rule-edit] tbody tr td:not(.hidden)').count();
  assert.equal(inputs, heads.length - 1, 'one header per input');
  assert.deepEqual(problems, []);
  await page.close();
});

test("the connection test's smallest rule goes into a draft of the group picked, reviewed there, sent only by Apply", async () => {
  const { page, problems } = await openPage(browser, server.url, 'bce-instances');
  const sent = changing(page);
  await page.click('tr[data-instance=i-web00001] [data-test=test-connection]');
  const scope = '[data-test=resource-test][data-resource=i-web00001]';
  await page.fill(`${scope} [data-test=ct-port]`, '8080');
  await page.fill(`${scope} [data-test=ct-remote]`, '203.0.113.7');
  await page.click(`${scope} [data-test=ct-run]`);
  await page.waitForSelector(`${scope} [data-test=verdict][data-allowed=false]`);
  assert.match(await page.textContent(`${scope} [data-test=suggestion]`), /allow ingress tcp 8080 203\.0\.113\.7\/32/);
  const targets = await page.locator(`${scope} [data-test=fix-into]`).evaluateAll((l) => l.map((b) => [b.dataset.group, b.textContent]));
  assert.deepEqual(targets.sort(), [['g-default0', 'default'], ['g-web00001', 'web']], 'one button per group of the instance, by name');
  await page.click(`${scope} [data-test=fix-into][data-group=g-web00001]`);
  // The group's page, the group open, its draft holding the rule: the review and impact first.
  await page.waitForSelector('[data-test=group-detail][data-group=g-web00001] [data-test=draft]');
  assert.equal(new URL(page.url()).pathname, '/bce/bj/security-groups/g-web00001');
  assert.match(await page.textContent('[data-test=draft-import-note]'), /Added to the draft, not yet sent.*8080/);
  assert.equal(await page.locator('[data-test=draft] tr.seeded').count(), 1, 'the rule added is marked');
  const calls = await page.locator('[data-test=draft] [data-call]').evaluateAll((l) => l.map((x) => [x.dataset.call, x.textContent]));
  assert.equal(calls.length, 1);
  assert.equal(calls[0][0], 'authorizeRule');
  assert.match(calls[0][1], /authorizeRule ingress IPv4 tcp 8080 203\.0\.113\.7\/32/);
  await page.waitForSelector('[data-test=draft] [data-test=impact-line]');
  assert.match(await page.textContent('[data-test=draft] [data-test=impact-lines]'), /web-1/);
  assert.deepEqual(sent, [], 'nothing was sent to the cloud');
  await page.click('[data-test=plan-apply]');
  await page.waitForSelector('[data-test=plan-applied]');
  const rules = (await bce(server.url, 'GET', '/v2/securityGroup/g-web00001')).body.rules;
  assert.ok(rules.some((r) => r.portRange === '8080' && r.sourceIp === '203.0.113.7/32'), 'applied from the draft');
  assert.deepEqual(problems, []);
  await page.close();
});

test('an Exposure row is revoked or narrowed in its group\'s draft, with its impact, nothing sent from the row', async () => {
  const { page, problems } = await openPage(browser, server.url, 'exposure');
  const sent = changing(page);
  const ssh = (await bce(server.url, 'GET', '/v2/securityGroup/g-ssh00001')).body.rules[0].securityGroupRuleId;
  const row = `[data-test=exposure-list] tr[data-rule=${ssh}]`;
  await page.waitForSelector(row);
  await page.click(`${row} [data-test=exposure-revoke]`);
  await page.waitForSelector('[data-test=group-detail][data-group=g-ssh00001] [data-test=draft]');
  assert.match(await page.textContent('[data-test=draft-import-note]'), /Removed from the draft, not yet sent.*22/);
  assert.equal(await page.locator('[data-test=draft] tbody tr[data-draft-rule]').count(), 0);
  const calls = await page.locator('[data-test=draft] [data-call]').evaluateAll((l) => l.map((x) => x.dataset.call));
  assert.deepEqual(calls, ['deleteRule'], 'the rule removed by its id');
  await page.waitForSelector('[data-test=draft] [data-test=impact-line]');
  assert.match(await page.textContent('[data-test=draft] [data-test=impact-lines]'), /bastion-1/, 'the instance that loses SSH is named');
  assert.deepEqual(sent, []);
  // Narrow: the enterprise group's https rule, its remote field focused in the draft.
  page.once('dialog', (d) => d.accept()); // leaving the edited draft asks first
  await page.click('[data-page=exposure]');
  const https = '[data-test=exposure-list] tr[data-rule=esgr-demo00000002]';
  await page.waitForSelector(https);
  await page.click(`${https} [data-test=exposure-narrow]`);
  await page.waitForSelector('[data-test=esg-detail][data-group=esg-demo00000001] [data-test=draft] tr.seeded');
  await page.waitForFunction(() => document.activeElement?.dataset.test === 'draft-remote');
  assert.equal(await page.evaluate(() => document.activeElement.closest('tr').classList.contains('seeded')), true);
  await page.fill('[data-test=draft] tr.seeded [data-test=draft-remote]', '10.0.0.0/8');
  await page.waitForSelector('[data-test=draft] [data-call]');
  assert.deepEqual(sent, []);
  assert.deepEqual(problems, []);
  await page.close();
});

test('navigation items are links: a new tab opens the page, a click stays in the console', async () => {
  const context = await browser.newContext();
  const { page, problems } = await openConsole(context, server.url);
  assert.equal(await page.evaluate(() => document.querySelector('[data-page=bce-instances]').tagName), 'A');
  assert.equal(await page.getAttribute('[data-page=bce-instances]', 'href'), '/bce/bj/instances');
  assert.equal(await page.getAttribute('[data-page=exposure]', 'href'), '/exposure');
  // Ctrl-click is the browser's: a new tab on the page's deep link, this one unmoved.
  const [opened] = await Promise.all([context.waitForEvent('page'), page.click('[data-page=bce-instances]', { modifiers: ['Control'] })]);
  await opened.waitForLoadState();
  assert.equal(new URL(opened.url()).pathname, '/bce/bj/instances');
  await opened.waitForSelector('[data-test=page-bce-instances]');
  assert.notEqual(new URL(page.url()).pathname, '/bce/bj/instances');
  // A plain click moves within the page, without a reload.
  await page.evaluate(() => { window.__same = true; });
  await page.click('[data-page=bce-instances]');
  await page.waitForSelector('[data-test=page-bce-instances]');
  assert.equal(await page.evaluate(() => window.__same), true, 'no reload');
  // A journal entry's resource is a link too.
  const made = await bce(server.url, 'PUT', '/v2/securityGroup/g-db000001', { query: { authorizeRule: '', clientToken: 'acts-journal' }, body: { rule: { direction: 'ingress', protocol: 'tcp', portRange: '5432', sourceIp: '10.1.0.0/16', ethertype: 'IPv4' } } });
  assert.equal(made.status, 200);
  await page.click('[data-page=changes]');
  const link = await page.waitForSelector('[data-test=journal-resource]');
  assert.equal(await link.evaluate((a) => a.tagName), 'A');
  assert.equal(await link.getAttribute('href'), '/bce/bj/security-groups/g-db000001');
  assert.match(await page.locator('[data-test=page-changes] .toolbar label').first().textContent(), /^Cloud/, 'the filter is labelled by what it picks');
  // A link follows the region chosen in Settings.
  await page.click('[data-test=settings-toggle]');
  await page.selectOption('[data-test=bce-region]', 'gz');
  await page.click('[data-test=settings-close]');
  await page.waitForFunction(() => document.querySelector('[data-page=bce-instances]').getAttribute('href') === '/bce/gz/instances');
  await page.click('[data-page=bce-instances]');
  await page.waitForSelector('[data-test=page-bce-instances]');
  assert.equal(new URL(page.url()).pathname, '/bce/gz/instances');
  assert.deepEqual(problems, []);
  await context.close();
});

test('Huawei rules: a remote group by its name, times in one format', async () => {
  const { page, problems } = await openPage(browser, server.url, 'huawei-security-groups');
  await page.click('[data-test=hw-group-list] tr:has-text("web") [data-test=open-group]');
  await page.waitForSelector('[data-test=hw-rule-list] .rule-row');
  const groups = (await huawei(server.url, 'GET', '/security-groups')).body.security_groups;
  const web = groups.find((g) => g.name === 'web').id;
  const cells = await page.locator('[data-test=hw-rule-list] .rule-row').evaluateAll((rows) => rows.map((r) => [...r.cells].map((c) => [c.textContent, c.title])));
  const byGroup = cells.filter((c) => c[4][1] === web);
  assert.ok(byGroup.length > 0, 'a rule whose remote is the group itself');
  for (const c of byGroup) assert.equal(c[4][0], 'web', 'the remote group by its name, its id on hover');
  for (const c of cells) {
    assert.doesNotMatch(c[9][0], /T\d\d:\d\d/, `the updated time is not raw ISO: ${c[9][0]}`);
  }
  const header = await page.textContent('[data-test=hw-group-times] time >> nth=1');
  assert.equal(cells[0][9][0].length > 0 && header.length > 0, true);
  assert.deepEqual(problems, []);
  await page.close();
});

test('the batch chooser is a searchable checklist; what is ticked stays chosen', async () => {
  const { page, problems } = await openPage(browser, server.url, 'bce-instances');
  await page.waitForSelector('tr[data-instance=i-web00001]');
  await page.check('tr[data-instance=i-web00001] [data-test=pick]');
  const list = '[data-test=batch-groups]';
  await page.check(`${list} input[value=g-db000001]`);
  await page.fill(`${list} [data-test=checklist-search]`, 'ssh');
  const offered = await page.locator(`${list} input[type=checkbox]`).evaluateAll((l) => l.map((x) => [x.value, x.checked]));
  assert.deepEqual(offered, [['g-db000001', true], ['g-ssh00001', false]], 'the ticked first, then what the search finds');
  await page.check(`${list} input[value=g-ssh00001]`);
  assert.equal(await page.textContent(`${list} [data-test=checklist-count]`), '(2)');
  await page.click('[data-test=batch-review]');
  assert.match(await page.textContent('[data-test=dialog] [data-test=preview-calls]'), /g-db000001, g-ssh00001/);
  assert.equal(await page.textContent('[data-test=dialog-confirm]'), 'Change groups', 'the button says the title\'s verb');
  await page.click('[data-test=dialog-cancel]');
  assert.deepEqual(problems, []);
  await page.close();
});

test('a bad address and two remotes are told apart, each with what would be accepted', async () => {
  const { page, problems } = await openPage(browser, server.url, 'bce-security-groups');
  await page.click('tr:has-text("database") [data-test=open-group]');
  const form = '[data-test=group-detail] [data-test=rule-form]';
  await page.waitForSelector(form);
  await page.fill(`${form} [data-test=rule-ports]`, '5432');
  await page.fill(`${form} [data-test=rule-remote-ip]`, '10.0.0.0/33');
  await page.click(`${form} [type=submit]`);
  const ipError = await page.waitForSelector(`${form} #rule-remote-ip-error, ${form} [data-test=rule-remote-ip] ~ .field-error`);
  assert.match(await ipError.textContent(), /0–32/);
  await page.fill(`${form} [data-test=rule-remote-ip]`, '10.0.0.0/8');
  await page.fill(`${form} [data-test=rule-remote-group]`, 'g-web00001');
  await page.click(`${form} [type=submit]`);
  await page.waitForFunction((f) => [...document.querySelectorAll(`${f} .field-error`)].some((e) => /one remote only/.test(e.textContent)), form);
  const errors = await page.locator(`${form} .field-error`).allTextContents();
  assert.ok(!errors.some((e) => /0–32/.test(e)), `the address is not blamed for two remotes: ${errors.join(' | ')}`);
  assert.deepEqual(problems, []);
  await page.close();
});

test('behind a portal that gives no journal token, the journal is asked once, not once per opened group', async () => {
  const { page, problems } = await openConsole(browser, server.url);
  let asked = 0;
  // What `palisade serve` answers a caller off loopback without the token.
  await page.route('**/api/journal**', (route) => {
    asked += 1;
    return route.fulfill({ status: 403, contentType: 'application/json', body: JSON.stringify({ code: 'AccessDenied', message: 'the journal is read from loopback, or with the token given to palisade serve' }) });
  });
  await page.click('[data-page=bce-security-groups]');
  for (const name of ['web', 'database', 'ssh']) {
    await page.click(`tr:has-text("${name}") [data-test=open-group]`);
    await page.waitForSelector('[data-test=group-detail] [data-test=rule-count]');
    await page.waitForTimeout(200);
  }
  assert.equal(asked, 1, 'one refusal is remembered');
  assert.equal(await page.locator('[data-test=recent-changes]').count(), 0, 'and the recent changes stay hidden');
  assert.deepEqual(problems.filter((p) => !/403/.test(p)), []);
  await page.close();
});
