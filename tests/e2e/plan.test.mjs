// Change plans on a Baidu regular group (#17): edit as a draft, review the diff, the calls
// in make-before-break order and the warnings, apply; a failure injected mid-apply and a
// rollback that restores the group's rules; a second client changing the group mid-apply,
// which stops the plan, and a re-plan that keeps the other client's rule.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, openPage, answerNextDialog, asksBeforeUnload, acceptRisk } from './support.mjs';
import { bce } from './api.mjs';

let server, browser;
before(async () => { server = await startServer(); browser = await launchBrowser(); });
after(async () => { await browser?.close(); await server?.stop(); });

const rule = (portRange, sourceIp, remark) => ({ direction: 'ingress', ethertype: 'IPv4', protocol: 'tcp', portRange, sourceIp, remark });

async function group(name, rules) {
  const made = await bce(server.url, 'POST', '/v2/securityGroup', { query: { clientToken: `plan-${name}` }, body: { name, desc: 'plan test', rules } });
  assert.equal(made.status, 200, JSON.stringify(made.body));
  return made.body.securityGroupId;
}

async function rulesOf(id) {
  const g = (await bce(server.url, 'GET', `/v2/securityGroup/${id}`)).body.securityGroup ?? (await bce(server.url, 'GET', `/v2/securityGroup/${id}`)).body;
  return g.rules.filter((r) => r.direction === 'ingress').map((r) => `${r.portRange} ${r.sourceIp} ${r.remark}`).sort();
}

async function openDraft(id) {
  const { page, problems } = await openPage(browser, server.url, 'bce-security-groups');
  await page.click(`tr[data-group=${id}] [data-test=open-group]`);
  await page.click('[data-test=draft-start]');
  await page.waitForSelector('[data-test=draft] tr[data-draft-rule]');
  return { page, problems };
}

async function setField(page, row, field, value) {
  await page.fill(`[data-test=draft] tr[data-draft-rule="${row}"] [data-test=draft-${field}]`, value);
  await page.press(`[data-test=draft] tr[data-draft-rule="${row}"] [data-test=draft-${field}]`, 'Tab');
}

test('a draft is reviewed (diff, ordered calls, a warning for SSH to the world) and applied', async () => {
  const id = await group('plan-apply', [rule('80', '0.0.0.0/0', 'http'), rule('443', '0.0.0.0/0', 'https')]);
  const before = await rulesOf(id);
  const { page, problems } = await openDraft(id);
  const row = async (port) => page.locator('[data-test=draft] tr[data-draft-rule]').evaluateAll((rows, p) => rows.findIndex((r) => r.querySelector('[data-test=draft-ports]').value === p), port);
  await setField(page, await row('80'), 'ports', '8080');
  await page.click('[data-test=draft-add]');
  const added = (await page.locator('[data-test=draft] tr[data-draft-rule]').count()) - 1;
  await setField(page, added, 'ports', '22');
  await setField(page, added, 'remote', '0.0.0.0/0');
  await setField(page, added, 'remark', 'ssh');
  // Nothing has been sent: the cloud still holds the old rules.
  assert.deepEqual(await rulesOf(id), before);
  const diff = await page.locator('[data-test=plan-diff] li').evaluateAll((l) => l.map((x) => x.dataset.change));
  assert.deepEqual(diff.sort(), ['added', 'changed']);
  // A changed rule names each field it changes, old → new.
  assert.match(await page.textContent('[data-test=plan-diff] li[data-change=changed]'), /: portRange 80 → 8080$/);
  // Make before break: both new rules go in before the old port 80 rule leaves.
  const calls = await page.locator('[data-test=plan-calls] li').evaluateAll((l) => l.map((x) => `${x.dataset.call} ${x.textContent}`));
  assert.equal(calls.length, 3, calls.join('\n'));
  assert.match(calls[0], /^authorizeRule .* 8080 /);
  assert.match(calls[1], /^authorizeRule .* 22 /);
  assert.match(calls[2], /^deleteRule DELETE \/v2\/securityGroup\/rule\/\S+ .* 80 /);
  const warnings = await page.locator('[data-test=plan-warnings] li').evaluateAll((l) => l.map((x) => `${x.dataset.warning} ${x.textContent}`));
  assert.ok(warnings.some((w) => /^sensitive .*22/.test(w)), warnings.join('\n'));
  assert.ok(await page.isDisabled('[data-test=plan-apply]'), 'SSH to the world waits for an explicit yes');
  await acceptRisk(page, '[data-test=draft]');
  await page.click('[data-test=plan-apply]');
  await page.waitForSelector('[data-test=plan-applied]');
  assert.deepEqual(await rulesOf(id), ['22 0.0.0.0/0 ssh', '443 0.0.0.0/0 https', '8080 0.0.0.0/0 http']);
  assert.deepEqual(problems, []);
  await page.close();
});

test('a failure mid-apply stops the plan, and Roll back restores the rules it started from', async () => {
  const id = await group('plan-rollback', [rule('80', '0.0.0.0/0', 'http'), rule('443', '0.0.0.0/0', 'https')]);
  const before = await rulesOf(id);
  const { page } = await openDraft(id);
  const row = async (port) => page.locator('[data-test=draft] tr[data-draft-rule]').evaluateAll((rows, p) => rows.findIndex((r) => r.querySelector('[data-test=draft-ports]').value === p), port);
  await setField(page, await row('80'), 'ports', '8080');
  await page.click(`[data-test=draft] tr[data-draft-rule="${await row('443')}"] [data-test=draft-remove]`);
  assert.equal(await page.locator('[data-test=plan-calls] li').count(), 3);
  // The second change (the first delete) never reaches the server.
  let changes = 0;
  await page.route('**/api/bce/bj/v2/securityGroup/**', (route) => {
    if (route.request().method() !== 'GET' && ++changes === 2) return route.abort('connectionreset');
    return route.continue();
  });
  await page.click('[data-test=plan-apply]');
  const stop = await page.waitForSelector('[data-test=plan-failed]');
  assert.equal(await stop.getAttribute('data-at'), '1');
  assert.deepEqual(await rulesOf(id), ['443 0.0.0.0/0 https', '80 0.0.0.0/0 http', '8080 0.0.0.0/0 http'], 'the first call went through, nothing after the failure');
  await page.unroute('**/api/bce/bj/v2/securityGroup/**');
  await page.click('[data-test=plan-rollback]');
  await page.waitForSelector('[data-test=plan-rolled-back]');
  assert.deepEqual(await rulesOf(id), before);
  await page.close();
});

test('a second client changing the group mid-apply stops the plan; a re-plan keeps its rule', async () => {
  const id = await group('plan-stale', [rule('80', '0.0.0.0/0', 'http')]);
  const { page } = await openDraft(id);
  // Two changes (one alone would be a single call in place): 80 → 8080, and a new 8443.
  await setField(page, 0, 'ports', '8080');
  await page.click('[data-test=draft-add]');
  await setField(page, 1, 'ports', '8443');
  await setField(page, 1, 'remote', '10.0.0.0/8');
  await setField(page, 1, 'remark', 'tls');
  assert.equal(await page.locator('[data-test=plan-calls] li').count(), 3);
  // Right after the plan's first call, someone else adds a rule.
  let puts = 0;
  await page.route('**/api/bce/bj/v2/securityGroup/**', async (route) => {
    const put = route.request().method() === 'PUT';
    const answer = await route.fetch();
    await route.fulfill({ response: answer });
    if (put && ++puts === 1) {
      await bce(server.url, 'PUT', `/v2/securityGroup/${id}`, { query: { authorizeRule: '', clientToken: 'other-client' }, body: { rule: rule('9999', '10.0.0.0/8', 'theirs') } });
    }
  });
  await page.click('[data-test=plan-apply]');
  await page.waitForSelector('[data-test=plan-stale]');
  assert.deepEqual(await rulesOf(id), ['80 0.0.0.0/0 http', '8080 0.0.0.0/0 http', '9999 10.0.0.0/8 theirs'], 'nothing was sent after the change was seen');
  await page.unroute('**/api/bce/bj/v2/securityGroup/**');
  await page.click('[data-test=plan-replan]');
  // The re-plan finishes the rest (8443 goes in, the old port 80 rule leaves) and keeps
  // the other client's rule.
  await page.waitForFunction(() => document.querySelectorAll('[data-test=plan-calls] li').length === 2);
  const again = await page.locator('[data-test=plan-calls] li').evaluateAll((l) => l.map((x) => `${x.dataset.call} ${x.textContent}`));
  assert.match(again[0], /^authorizeRule .* 8443 /);
  assert.match(again[1], /^deleteRule .* 80 /);
  await page.click('[data-test=plan-apply]');
  await page.waitForSelector('[data-test=plan-applied]');
  assert.deepEqual(await rulesOf(id), ['8080 0.0.0.0/0 http', '8443 10.0.0.0/8 tls', '9999 10.0.0.0/8 theirs']);
  await page.close();
});

test('a second client\'s change between the plan\'s read and its call: the cloud answers VersionMismatch, the plan stops and offers a re-plan', async () => {
  const id = await group('plan-version', [rule('80', '0.0.0.0/0', 'http')]);
  const { page } = await openDraft(id);
  await setField(page, 0, 'ports', '8080');
  await page.click('[data-test=draft-add]');
  await setField(page, 1, 'ports', '8443');
  await setField(page, 1, 'remote', '10.0.0.0/8');
  await setField(page, 1, 'remark', 'tls');
  // The plan's second call has read the group (and its sgVersion); before it reaches the
  // cloud, someone else adds a rule, so the version it carries is stale.
  let changes = 0;
  const refused = [];
  page.on('response', async (r) => { if (r.status() === 400) refused.push((await r.json()).code); });
  await page.route('**/api/bce/bj/v2/securityGroup/**', async (route) => {
    if (route.request().method() !== 'GET' && ++changes === 2) {
      await bce(server.url, 'PUT', `/v2/securityGroup/${id}`, { query: { authorizeRule: '', clientToken: 'other-client-v' }, body: { rule: rule('9999', '10.0.0.0/8', 'theirs') } });
    }
    await route.continue();
  });
  await page.click('[data-test=plan-apply]');
  const stop = await page.waitForSelector('[data-test=plan-stale]');
  assert.equal(await stop.getAttribute('data-at'), '1');
  assert.deepEqual(refused, ['VersionMismatch']);
  assert.deepEqual(await rulesOf(id), ['80 0.0.0.0/0 http', '8080 0.0.0.0/0 http', '9999 10.0.0.0/8 theirs'], 'the stale call changed nothing');
  await page.unroute('**/api/bce/bj/v2/securityGroup/**');
  await page.click('[data-test=plan-replan]');
  await page.waitForFunction(() => document.querySelectorAll('[data-test=plan-calls] li').length === 2);
  await page.click('[data-test=plan-apply]');
  await page.waitForSelector('[data-test=plan-applied]');
  assert.deepEqual(await rulesOf(id), ['8080 0.0.0.0/0 http', '8443 10.0.0.0/8 tls', '9999 10.0.0.0/8 theirs']);
  await page.close();
});

test('a plan exported for review is applied from its file, and refused once the group has changed', async () => {
  const id = await group('plan-file', [rule('80', '0.0.0.0/0', 'http')]);
  const { page } = await openDraft(id);
  await setField(page, 0, 'ports', '8080');
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-test=plan-export]')]);
  assert.equal(download.suggestedFilename(), `${id}-plan.json`);
  // Kept beside the test's other files: Playwright deletes its copy with the page.
  const path = (await import('node:path')).join((await import('node:os')).tmpdir(), `${id}-plan-${process.pid}.json`);
  await download.saveAs(path);
  const file = JSON.parse(await (await import('node:fs/promises')).readFile(path, 'utf8'));
  assert.equal(file.format, 'palisade-plan/1');
  assert.equal(file.groupId, id);
  assert.deepEqual(file.calls.map((c) => Object.keys(c)[0]), ['update'], 'one rule edited alone is one call in place, in the file too');
  assert.equal(file.calls[0].update.from.portRange, '80');
  assert.equal(file.calls[0].update.to.portRange, '8080');
  assert.equal(file.digest, await page.textContent('[data-test=plan-digest]'), 'the review names the digest the file carries');
  await page.close();

  // The file's draft edited after review (SSH to the world joined it): refused (#36).
  const fs = await import('node:fs/promises');
  const altered = path.replace(/\.json$/, '-altered.json');
  await fs.writeFile(altered, JSON.stringify({ ...file, draft: [...file.draft, rule('22', '0.0.0.0/0', 'ssh')] }));
  const third = await openDraft(id);
  await third.page.setInputFiles('[data-test=plan-file]', altered);
  await third.page.waitForSelector('[data-test=plan-file-note][data-ok=false]');
  assert.match(await third.page.textContent('[data-test=plan-file-note]'), /changed after it was reviewed/);
  assert.equal(await third.page.locator('[data-test=plan-calls] li').count(), 0, 'nothing of it joined the draft');
  await third.page.close();
  await fs.rm(altered);

  // A colleague opens the reviewed file on the same group and applies it.
  const other = await openDraft(id);
  await other.page.setInputFiles('[data-test=plan-file]', path);
  await other.page.waitForSelector('[data-test=plan-file-note][data-ok=true]');
  assert.equal(await other.page.locator('[data-test=plan-calls] li').count(), 1);
  assert.equal(await other.page.textContent('[data-test=plan-digest]'), file.digest, 'the same calls, the same digest');
  await other.page.click('[data-test=plan-apply]');
  await other.page.waitForSelector('[data-test=plan-applied]');
  assert.deepEqual(await rulesOf(id), ['8080 0.0.0.0/0 http']);
  // The group no longer holds the rules the plan was made from: the file is refused.
  await other.page.click('[data-test=plan-close]');
  await other.page.click('[data-test=draft-start]');
  await other.page.setInputFiles('[data-test=plan-file]', path);
  await other.page.waitForSelector('[data-test=plan-file-note][data-ok=false]');
  assert.match(await other.page.textContent('[data-test=plan-file-note]'), /changed since this plan was made/);
  assert.equal(await other.page.locator('[data-test=plan-calls] li').count(), 0, 'the draft is left as it was');
  await other.page.close();
  await (await import('node:fs/promises')).rm(path);
});

test('with "Remember in this tab", a draft survives a reload; discarding it forgets it', async () => {
  const id = await group('plan-kept', [rule('80', '0.0.0.0/0', 'http')]);
  const { page } = await openPage(browser, server.url, 'bce-security-groups');
  await page.click('[data-test=settings-toggle]');
  await page.check('[data-test=remember]');
  await page.click('[data-test=settings-close]');
  const start = async () => {
    await page.click(`tr[data-group=${id}] [data-test=open-group]`);
    await page.click('[data-test=draft-start]');
    await page.waitForSelector('[data-test=draft] tr[data-draft-rule]');
  };
  await start();
  await setField(page, 0, 'ports', '8080');
  // The reload asks first (the draft is not applied); the group and its kept draft then
  // come back by themselves.
  const asked = answerNextDialog(page);
  await page.reload();
  assert.equal(await asked, 'beforeunload');
  await page.waitForSelector('html[data-palisade-ready=true]');
  await page.waitForSelector(`[data-test=group-detail][data-group=${id}] [data-test=draft] tr[data-draft-rule]`);
  assert.equal(await page.inputValue('[data-test=draft] tr[data-draft-rule="0"] [data-test=draft-ports]'), '8080');
  await page.waitForSelector('[data-test=plan-file-note][data-ok=true]');
  assert.equal(await page.locator('[data-test=plan-calls] li').count(), 1, 'the review is made again from the kept draft');
  assert.equal(await page.getAttribute('[data-test=plan-calls] li', 'data-call'), 'updateRule');
  assert.deepEqual(await rulesOf(id), ['80 0.0.0.0/0 http'], 'nothing was sent');
  await page.click('[data-test=draft-discard]');
  assert.equal(await asksBeforeUnload(page), false, 'nothing unapplied is left');
  await page.reload();
  await page.waitForSelector('html[data-palisade-ready=true]');
  await page.waitForSelector(`[data-test=group-detail][data-group=${id}]`);
  assert.equal(await page.locator('[data-test=draft]').count(), 0, 'a discarded draft does not come back');
  await page.click('[data-test=draft-start]');
  await page.waitForSelector('[data-test=draft] tr[data-draft-rule]');
  assert.equal(await page.inputValue('[data-test=draft] tr[data-draft-rule="0"] [data-test=draft-ports]'), '80');
  await page.close();
});

test('a draft kept in the tab is stored only once edited, and restored against a group changed meanwhile keeps the other client\'s changes (#36)', async () => {
  const id = await group('plan-kept-stale', [rule('22', '0.0.0.0/0', 'ssh'), rule('80', '0.0.0.0/0', 'http')]);
  const { page } = await openPage(browser, server.url, 'bce-security-groups');
  await page.click('[data-test=settings-toggle]');
  await page.check('[data-test=remember]');
  await page.click('[data-test=settings-close]');
  const start = async () => {
    await page.click(`tr[data-group=${id}] [data-test=open-group]`);
    await page.click('[data-test=draft-start]');
    await page.waitForSelector('[data-test=draft] tr[data-draft-rule]');
  };
  await start();
  const kept = () => page.evaluate((k) => sessionStorage.getItem(k), `palisade.draft#${id}`);
  assert.equal(await kept(), null, 'an untouched draft stores nothing');
  const http = await page.evaluate(() => [...document.querySelectorAll('[data-test=draft] [data-test=draft-ports]')].findIndex((i) => i.value === '80'));
  await setField(page, http, 'remark', 'web');
  await page.waitForFunction((k) => sessionStorage.getItem(k), `palisade.draft#${id}`);
  // Another client deletes the SSH rule and adds 443 from 10.0.0.0/8 while the tab is away.
  const live = (await bce(server.url, 'GET', `/v2/securityGroup/${id}`)).body;
  const ssh = (live.securityGroup ?? live).rules.find((r) => r.portRange === '22');
  assert.equal((await bce(server.url, 'DELETE', `/v2/securityGroup/rule/${ssh.securityGroupRuleId}`)).status, 200);
  assert.equal((await bce(server.url, 'PUT', `/v2/securityGroup/${id}`, { query: { authorizeRule: '', clientToken: 'kept-stale-443' }, body: { rule: rule('443', '10.0.0.0/8', 'tls') } })).status, 200);
  const asked = answerNextDialog(page);
  await page.reload();
  assert.equal(await asked, 'beforeunload');
  await page.waitForSelector('html[data-palisade-ready=true]');
  await page.waitForSelector(`[data-test=group-detail][data-group=${id}] [data-test=draft] tr[data-draft-rule]`);
  await page.waitForSelector('[data-test=plan-file-note][data-ok=true]');
  assert.match(await page.textContent('[data-test=plan-file-note]'), /group changed since it was kept/);
  const diff = await page.locator('[data-test=plan-diff] li').evaluateAll((l) => l.map((x) => `${x.dataset.change} ${x.textContent}`));
  assert.equal(diff.length, 1, `only the user's own edit is planned: ${diff}`);
  assert.match(diff[0], /^changed .*remark http → web/);
  await page.click('[data-test=plan-apply]');
  await page.waitForSelector('[data-test=plan-applied]');
  assert.deepEqual(await rulesOf(id), ['443 10.0.0.0/8 tls', '80 0.0.0.0/0 web'], 'the SSH rule stays deleted and the 443 rule stays');
  await page.close();
});

test('the review follows what is typed, and leaving an unapplied draft asks first (#31)', async () => {
  const id = await group('plan-typing', [rule('80', '0.0.0.0/0', 'http')]);
  const { page, problems } = await openDraft(id);
  const remark = page.locator('[data-test=draft] tr[data-draft-rule="0"] [data-test=draft-remark]');
  await remark.click();
  await remark.press('End');
  await page.keyboard.type(' and more');
  // Before the field loses focus, the review already has it; the caret stays in the field.
  await page.waitForFunction(() => /http and more/.test(document.querySelector('[data-test=plan-diff]')?.textContent ?? ''));
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.test), 'draft-remark');
  await page.keyboard.type('!');
  assert.equal(await remark.inputValue(), 'http and more!', 'no keystroke lost to a redraw');
  assert.equal(await asksBeforeUnload(page), true, 'a reload or closing the tab asks');
  // Another page: asked; staying keeps the draft, leaving drops it.
  let asked = answerNextDialog(page, false);
  await page.click('[data-page=bce-instances]');
  assert.equal(await asked, 'confirm');
  assert.equal(await remark.inputValue(), 'http and more!');
  asked = answerNextDialog(page, true);
  await page.click('[data-page=bce-instances]');
  assert.equal(await asked, 'confirm');
  await page.waitForFunction(() => !document.querySelector('[data-test=draft]'));
  assert.equal(await asksBeforeUnload(page), false, 'nothing unapplied is left');
  assert.deepEqual(await rulesOf(id), ['80 0.0.0.0/0 http'], 'nothing was sent');
  assert.deepEqual(problems, []);
  await page.close();
});

test('rules imported from a CSV file and copied from another group join the draft, not the cloud; Apply sends them', async () => {
  const id = await group('joined', [rule('443', '0.0.0.0/0', 'https')]);
  const { page, problems } = await openDraft(id);
  const sent = [];
  page.on('request', (r) => { if (r.method() !== 'GET' && r.url().includes('/api/bce/')) sent.push(r.url()); });
  const csv = 'direction,protocol,portRange,sourceIp,remark\ningress,tcp,8080,10.0.0.0/8,app\ningress,tcp,443,0.0.0.0/0,https\n';
  await page.setInputFiles('[data-test=draft-import]', { name: 'rules.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await page.waitForSelector('[data-test=draft-import-note]');
  assert.match(await page.textContent('[data-test=draft-import-note]'), /^1 \/ 2 /, 'the rule already in the group is not added twice');
  // A file that cannot be read says where.
  await page.setInputFiles('[data-test=draft-import]', { name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from('[{"direction": }]') });
  await page.waitForFunction(() => /line 1, column/.test(document.querySelector('[data-test=draft-import-note]')?.textContent ?? ''));
  // The ssh group's rules: SSH from anywhere, which the review warns about.
  await page.selectOption('[data-test=draft-copy-from]', 'g-ssh00001');
  await page.waitForFunction(() => /g-ssh00001/.test(document.querySelector('[data-test=draft-import-note]')?.textContent ?? ''));
  await page.waitForSelector('[data-test=plan-warnings] [data-warning=sensitive]');
  assert.equal(await page.locator('[data-test=plan-diff] [data-change=added]').count(), 2);
  assert.deepEqual(sent, [], 'nothing is sent before Apply');
  assert.deepEqual(await rulesOf(id), ['443 0.0.0.0/0 https']);
  await acceptRisk(page, '[data-test=draft]');
  await page.click('[data-test=plan-apply]');
  await page.waitForSelector('[data-test=plan-applied]');
  const ssh = (await bce(server.url, 'GET', '/v2/securityGroup/g-ssh00001')).body.rules.find((r) => r.direction === 'ingress');
  assert.deepEqual(await rulesOf(id), ['443 0.0.0.0/0 https', `${ssh.portRange} ${ssh.sourceIp} ${ssh.remark}`, '8080 10.0.0.0/8 app'].sort());
  assert.equal(sent.length, 2, 'two adds');
  assert.deepEqual(problems, []);
  await page.close();
});

test("a Huawei group's rules are translated into a Baidu draft; what has no Baidu counterpart is listed", async () => {
  const { huawei } = await import('./api.mjs');
  const id = await group('from-huawei', [rule('443', '0.0.0.0/0', 'https')]);
  const bastion = (await huawei(server.url, 'GET', '/security-groups')).body.security_groups.find((g) => g.name === 'bastion');
  const source = (await huawei(server.url, 'GET', '/security-group-rules', { query: { security_group_id: bastion.id } })).body.security_group_rules;
  const denies = source.filter((r) => r.action === 'deny');
  const expressible = source.filter((r) => r.action !== 'deny' && r.enabled && !r.remote_group_id && !r.remote_address_group_id);
  // An allow that a deny overrides in part (Huawei reads the lower priority first, a deny
  // first on a tie) stays behind with it: copied alone it would open what the group keeps
  // shut. The fixture's denies are from anywhere, so direction, protocol and ports decide.
  assert.ok(denies.every((d) => ['0.0.0.0/0', '::/0', null, undefined].includes(d.remote_ip_prefix)));
  const ranges = (m) => (m ? m.split(',').map((p) => p.split('-').map(Number)).map(([a, b]) => [a, b ?? a]) : [[1, 65535]]);
  const meet = (x, y) => ranges(x).some(([a, b]) => ranges(y).some(([c, d]) => a <= d && c <= b));
  const under = (a) => denies.some((d) => d.direction === a.direction && d.ethertype === a.ethertype && d.priority <= a.priority
    && (!d.protocol || !a.protocol || d.protocol === a.protocol) && meet(d.multiport, a.multiport));
  const allows = expressible.filter((a) => !under(a));
  assert.ok(denies.length > 0 && allows.length > 0 && allows.length < expressible.length, 'the fixture has denies, an allow under one, and free allows');
  const { page, problems } = await openDraft(id);
  await page.waitForSelector(`[data-test=draft-copy-from] option[value="huawei:${bastion.id}"]`, { state: 'attached' });
  await page.selectOption('[data-test=draft-copy-from]', `huawei:${bastion.id}`);
  await page.waitForSelector('[data-test=draft-import-note]');
  const note = await page.textContent('[data-test=draft-import-note]');
  assert.match(note, new RegExp(`^${allows.length} / ${allows.length} `));
  // Every other rule is named with why: the deny, and the rules naming a group.
  assert.equal((note.match(/Not copied:/g) ?? []).length, source.length - allows.length, note);
  assert.match(note, /a deny; Baidu regular groups hold allows only/);
  assert.match(note, /a deny overrides part of it/);
  await page.click('[data-test=plan-apply]');
  await page.waitForSelector('[data-test=plan-applied]');
  const after = await rulesOf(id);
  for (const a of allows.filter((r) => r.direction === 'ingress')) {
    const want = `${a.multiport ?? ''} ${a.remote_ip_prefix ?? '0.0.0.0/0'}`;
    assert.ok(after.some((r) => r.startsWith(want)), `${want} in ${after}`);
  }
  // And nothing of what the denies override joined.
  for (const a of expressible.filter(under)) {
    assert.ok(!after.some((r) => r.startsWith(`${a.multiport ?? ''} ${a.remote_ip_prefix}`)), `${a.multiport} ${a.remote_ip_prefix} not copied: ${after}`);
  }
  assert.deepEqual(problems, []);
  await page.close();
});

test('the single-rule forms take the same plan: the add form warns (SSH to the world) and shows its call before sending; revoke names its DELETE', async () => {
  const id = await group('plan-forms', [rule('80', '0.0.0.0/0', 'http')]);
  const { page, problems } = await openPage(browser, server.url, 'bce-security-groups');
  await page.click(`tr[data-group=${id}] [data-test=open-group]`);
  await page.waitForSelector('[data-test=group-detail] .rule-row');
  const changes = [];
  page.on('request', (r) => { if (r.method() !== 'GET' && r.url().includes('/api/bce/')) changes.push(`${r.method()} ${new URL(r.url()).pathname}`); });
  await page.fill('[data-test=rule-ports]', '22');
  await page.fill('[data-test=rule-remote-ip]', '0.0.0.0/0');
  await page.fill('[data-test=rule-remark]', 'ssh');
  const preview = '[data-test=rule-form] [data-test=impact]';
  await page.waitForSelector(`${preview} [data-test=preview-warnings] li[data-warning=sensitive]`);
  assert.match(await page.textContent(`${preview} [data-test=preview-warnings]`), /22/);
  assert.deepEqual(await page.locator(`${preview} [data-test=preview-calls] li`).evaluateAll((l) => l.map((x) => x.dataset.call)), ['authorizeRule']);
  assert.deepEqual(changes, [], 'nothing sent while typing');
  // SSH to the world is not sent on a click: it waits for an explicit yes.
  await page.click('[data-test=rule-submit]');
  await page.waitForTimeout(300);
  assert.deepEqual(changes, [], 'not sent without the yes');
  await acceptRisk(page, '[data-test=rule-form]');
  await page.click('[data-test=rule-submit]');
  await page.waitForSelector('[data-test=rule-added]');
  assert.deepEqual(await rulesOf(id), ['22 0.0.0.0/0 ssh', '80 0.0.0.0/0 http']);
  // Revoke: the confirmation shows the one call the plan makes, by the rule's id.
  const live = (await bce(server.url, 'GET', `/v2/securityGroup/${id}`)).body;
  const ssh = (live.securityGroup ?? live).rules.find((r) => r.portRange === '22');
  await page.waitForSelector(`tr[data-rule="${ssh.securityGroupRuleId}"]`);
  await page.click(`tr[data-rule="${ssh.securityGroupRuleId}"] [data-test=revoke]`);
  const call = await page.waitForSelector('[data-test=dialog] [data-test=preview-calls] li');
  assert.equal(await call.getAttribute('data-call'), 'deleteRule');
  assert.match(await call.textContent(), new RegExp(`^DELETE /v2/securityGroup/rule/${ssh.securityGroupRuleId} `));
  await page.click('[data-test=dialog-confirm]');
  await page.waitForSelector('[data-test=revoked]');
  assert.deepEqual(await rulesOf(id), ['80 0.0.0.0/0 http']);
  assert.deepEqual(changes, [`PUT /api/bce/bj/v2/securityGroup/${id}`, `DELETE /api/bce/bj/v2/securityGroup/rule/${ssh.securityGroupRuleId}`]);
  assert.deepEqual(problems, []);
  await page.close();
});
