// "Who can reach this port, and which rule decides": the connection test on a Baidu
// instance (regular and enterprise groups) and a Huawei group, and search by port,
// through the UI against the emulator's fixtures.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, openPage } from './support.mjs';
import { acceptRisk, openConsole } from './support.mjs';
import { bce, huawei } from './api.mjs';

let server, browser;
before(async () => { server = await startServer(); browser = await launchBrowser(); });
after(async () => { await browser?.close(); await server?.stop(); });

async function runTest(page, scope, { direction = 'ingress', protocol = 'tcp', port, remote }) {
  const t0 = performance.now();
  await page.selectOption(`${scope} [data-test=ct-direction]`, direction);
  await page.selectOption(`${scope} [data-test=ct-protocol]`, protocol);
  await page.fill(`${scope} [data-test=ct-port]`, String(port ?? ''));
  await page.fill(`${scope} [data-test=ct-remote]`, remote);
  await page.click(`${scope} [data-test=ct-run]`);
  await page.waitForSelector(`${scope} [data-test=verdict]`);
  const verdict = page.locator(`${scope} [data-test=verdict]`);
  const out = {
    allowed: (await verdict.getAttribute('data-allowed')) === 'true',
    text: await verdict.textContent(),
    rule: (await page.locator(`${scope} [data-test=deciding-rule]`).count()) ? await page.textContent(`${scope} [data-test=deciding-rule]`) : null,
    suggestion: (await page.locator(`${scope} [data-test=suggestion]`).count()) ? await page.textContent(`${scope} [data-test=suggestion]`) : null,
  };
  console.log(`  connection test ${protocol} ${port ?? ''} from ${remote}: ${(performance.now() - t0).toFixed(0)} ms from the first keystroke to the verdict (Playwright round trips included)`);
  return out;
}

test('an instance with several regular groups: SSH from the internet through one of them; the rest refused with the smallest fix', async () => {
  const inst = (await bce(server.url, 'GET', '/v2/instance')).body.instances.find((i) => i.id === 'i-bastion1');
  assert.deepEqual(inst.nicInfo.securityGroups.sort(), ['g-default0', 'g-ssh00001', 'g-web00001'], 'the fixture: three groups');
  const { page, problems } = await openPage(browser, server.url, 'bce-instances');
  await page.waitForSelector('tr[data-instance=i-bastion1]');
  // Search by port: only the instance whose groups accept 22 (ingress) is listed.
  await page.fill('[data-test=page-bce-instances] > .toolbar [data-test=filter]', '22');
  await page.waitForFunction(() => document.querySelectorAll('[data-test=instance-list] tbody tr[data-instance]').length === 1);
  assert.equal(await page.getAttribute('[data-test=instance-list] tbody tr[data-instance]', 'data-instance'), 'i-bastion1');
  await page.click('tr[data-instance=i-bastion1] [data-test=test-connection]');
  const scope = '[data-test=resource-test][data-resource=i-bastion1]';
  await page.waitForSelector(scope);
  const ssh = await runTest(page, scope, { port: 22, remote: '203.0.113.7' });
  assert.equal(ssh.allowed, true);
  assert.match(ssh.rule, /ssh \(g-ssh00001\).*22.*0\.0\.0\.0\/0/, 'the deciding rule is the ssh group\'s');
  // Every rule in force is listed, the deciding one outlined.
  assert.match(await page.textContent(`${scope} tr.rule-row.decides`), /ssh \(g-ssh00001\)/);
  assert.ok(await page.locator(`${scope} tr.rule-row`).count() >= 5, 'the rules of all three groups');
  const pg = await runTest(page, scope, { port: 5432, remote: '203.0.113.7' });
  assert.equal(pg.allowed, false);
  assert.equal(pg.rule, null, 'refused by default: no rule decides');
  assert.match(pg.suggestion, /allow ingress tcp 5432 203\.0\.113\.7\/32/);
  // Egress: the default group's allow-all egress rule.
  const out = await runTest(page, scope, { direction: 'egress', port: 8080, remote: '198.51.100.1' });
  assert.equal(out.allowed, true);
  assert.match(out.rule, /default \(g-default0\)/);
  // A bad port is named, not judged.
  await page.fill(`${scope} [data-test=ct-port]`, '70000');
  await page.click(`${scope} [data-test=ct-run]`);
  assert.match(await page.textContent(`${scope} [data-test=ct-problem]`), /Port: a number from 1 to 65535/);
  assert.deepEqual(problems, []);
  await page.close();
});

test('a service network interface card: its groups are read from the cloud; a remote-group rule makes the answer uncertain, not guessed', async () => {
  const { page, problems } = await openPage(browser, server.url, 'bce-endpoints');
  await page.waitForSelector('tr[data-endpoint=endpoint-demo0002]');
  await page.click('tr[data-endpoint=endpoint-demo0002] [data-test=test-connection]');
  const scope = '[data-test=resource-test][data-resource=endpoint-demo0002]';
  await page.waitForSelector(`${scope} [data-test=ct-run]`);
  // The card's group (database) lets MySQL in from members of the web group only.
  const mysql = await runTest(page, scope, { port: 3306, remote: '192.168.0.11' });
  assert.equal(mysql.allowed, false);
  assert.equal(await page.locator(`${scope} [data-test=uncertain] li`).count(), 1);
  assert.match(await page.textContent(`${scope} [data-test=uncertain]`), /database \(g-db000001\).*3306.*g-web00001/);
  assert.deepEqual(problems, []);
  await page.close();
});

test('an enterprise group: a deny at a smaller priority number hides an allow', async () => {
  const esg = (await bce(server.url, 'GET', '/v1/enterprise/security')).body.enterpriseSecurityGroups.find((g) => g.id === 'esg-demo00000001');
  const hidden = esg.rules.find((r) => r.action === 'allow' && r.portRange === '23');
  const deny = esg.rules.find((r) => r.action === 'deny' && r.portRange === '23');
  assert.ok(hidden && deny && deny.priority < hidden.priority, 'the fixture: an allow under a deny');
  const { page, problems } = await openPage(browser, server.url, 'bce-instances');
  await page.waitForSelector('tr[data-instance=i-app00001]');
  await page.click('tr[data-instance=i-app00001] [data-test=test-connection]');
  const scope = '[data-test=resource-test][data-resource=i-app00001]';
  const telnet = await runTest(page, scope, { port: 23, remote: '10.1.2.3' });
  assert.equal(telnet.allowed, false);
  assert.match(telnet.rule, /deny ingress tcp 23 all · 10 · deny telnet/);
  assert.match(telnet.suggestion, /priority 9/i, 'the fix must beat the deny');
  const decides = page.locator(`${scope} tr.rule-row.decides`);
  assert.match(await decides.textContent(), /deny telnet/);
  assert.equal(await decides.evaluate((r) => r.classList.contains('deny')), true, 'a deny row is marked as such');
  const https = await runTest(page, scope, { port: 443, remote: '198.51.100.1' });
  assert.equal(https.allowed, true);
  assert.match(https.rule, /allow ingress tcp 443/);
  assert.deepEqual(problems, []);
  await page.close();
});

test('a Huawei group: a same-priority deny wins, and the deciding rule is marked in the table', async () => {
  const bastion = (await huawei(server.url, 'GET', '/security-groups')).body.security_groups.find((g) => g.name === 'bastion');
  const rules = (await huawei(server.url, 'GET', '/security-group-rules', { query: { security_group_id: bastion.id } })).body.security_group_rules;
  const deny = rules.find((r) => r.action === 'deny' && r.multiport === '22');
  const allow = rules.find((r) => r.action === 'allow' && r.multiport === '22');
  assert.equal(deny.priority, allow.priority, 'the fixture: the same priority');
  const { page, problems } = await openPage(browser, server.url, 'huawei-security-groups');
  await page.waitForSelector(`tr[data-group="${bastion.id}"]`);
  await page.click(`tr[data-group="${bastion.id}"] [data-test=open-group]`);
  const scope = `[data-test=hw-group-detail][data-group="${bastion.id}"]`;
  await page.waitForSelector(`${scope} tr.rule-row`);
  // The table says the office allow never applies, and which rule decides instead; the
  // other rules are not marked.
  const never = await page.locator(`${scope} tr.rule-row[data-never]`).evaluateAll((r) => r.map((x) => [x.dataset.rule, x.dataset.never]));
  assert.deepEqual(never.map((n) => n[0]), [allow.id]);
  assert.match(never[0][1], /^Never applies: deny ingress tcp 22 0\.0\.0\.0\/0 · 10 is read first/);
  assert.equal(await page.locator(`${scope} tr.rule-row[data-rule="${allow.id}"] .risk`).count(), 0, 'no risk mark on what opens nothing');
  // Search by port: rules covering 22, counted independently from the API's answer.
  const covering = (port) => rules.filter((r) => (!r.protocol || ['tcp', 'udp'].includes(r.protocol))
    && (!r.multiport || r.multiport.split(',').some((p) => { const [a, b = a] = p.split('-').map(Number); return a <= port && port <= b; })));
  const shownRules = () => page.locator(`${scope} tr.rule-row`).evaluateAll((r) => r.map((x) => x.dataset.rule).sort());
  for (const port of [22, 220]) {
    await page.fill(`${scope} [data-test=filter]`, String(port));
    await page.waitForFunction(([s, n]) => document.querySelectorAll(`${s} tr.rule-row`).length === n, [scope, covering(port).length]);
    assert.deepEqual(await shownRules(), covering(port).map((r) => r.id).sort(), `rules covering ${port}`);
  }
  assert.equal(covering(220).length, covering(22).length - 2, '220 is not 22: the two SSH rules drop out');
  await page.fill(`${scope} [data-test=filter]`, '');
  await page.click(`${scope} [data-test=connection-test] summary`);
  const office = await runTest(page, scope, { port: 22, remote: '203.0.113.7' });
  assert.equal(office.allowed, false, 'the office allow is dead: the deny at the same priority wins');
  assert.match(office.rule, /deny ingress tcp 22 0\.0\.0\.0\/0/);
  assert.equal(await page.getAttribute(`${scope} tr.rule-row.decides`, 'data-rule'), deny.id);
  assert.match(office.suggestion, /priority 9/i);
  // The group's own members (remote group) are not known to the test: said, not guessed.
  const https = await runTest(page, scope, { port: 443, remote: '192.168.0.8' });
  assert.equal(https.allowed, false);
  assert.equal(await page.locator(`${scope} [data-test=uncertain] li`).count(), 1, 'the intra-group IPv4 ingress rule');
  // The smallest fix goes into the rule form for review; sent, it turns the verdict.
  await runTest(page, scope, { port: 22, remote: '203.0.113.7' });
  await page.click(`${scope} [data-test=use-suggestion]`);
  assert.equal(await page.inputValue(`${scope} [data-test=hw-rule-ports]`), '22');
  assert.equal(await page.inputValue(`${scope} [data-test=hw-rule-remote]`), '203.0.113.7/32');
  assert.equal(await page.inputValue(`${scope} [data-test=hw-rule-priority]`), '9');
  assert.equal(await page.inputValue(`${scope} [data-test=hw-rule-action]`), 'allow');
  // Its impact, before anything is sent: the group's members gain SSH from that address
  // (computed as the evaluator decides, above the deny); SSH from the internet waits for a yes.
  await page.waitForSelector(`${scope} [data-test=hw-rule-form] [data-test=impact-line]`);
  assert.match(await page.textContent(`${scope} [data-test=hw-rule-form] [data-test=impact-lines]`), /bastion gain tcp 22 from 203\.0\.113\.7\/32/);
  await acceptRisk(page, `${scope} [data-test=hw-rule-form]`);
  await page.click(`${scope} [data-test=hw-rule-submit]`);
  await page.waitForSelector(`${scope} [data-test=verdict][data-allowed=true]`);
  const after = (await huawei(server.url, 'GET', '/security-group-rules', { query: { security_group_id: bastion.id } })).body.security_group_rules;
  const added = after.find((r) => r.priority === 9 && r.remote_ip_prefix === '203.0.113.7/32' && r.multiport === '22' && r.action === 'allow');
  assert.ok(added, 'the emulator holds the suggested rule');
  assert.match(await page.textContent(`${scope} [data-test=deciding-rule]`), /allow ingress tcp 22 203\.0\.113\.7\/32/);
  // Put the fixture back for the exposure test.
  assert.equal((await huawei(server.url, 'DELETE', `/security-group-rules/${added.id}`)).status, 204);
  assert.deepEqual(problems, []);
  await page.close();
});

test('exposure: what is open to the internet across both clouds, sensitive ports first; who accepts SSH from the internet; CSV', async () => {
  const { page, problems } = await openPage(browser, server.url, 'exposure');
  await page.waitForSelector('[data-test=exposure-progress]');
  await page.waitForFunction(() => /5 \/ 5/.test(document.querySelector('[data-test=exposure-progress]').textContent));
  // Counted independently from the API: ingress allows from anywhere or a public block.
  const privateBlock = (cidr) => /^(10\.|192\.168\.|172\.(1[6-9]|2\d|3[01])\.)/.test(cidr);
  const publicSource = (s) => !s || s === 'all' || !privateBlock(s);
  const groups = (await bce(server.url, 'GET', '/v2/securityGroup')).body.securityGroups;
  const esgs = (await bce(server.url, 'GET', '/v1/enterprise/security')).body.enterpriseSecurityGroups;
  const hwRules = (await huawei(server.url, 'GET', '/security-group-rules')).body.security_group_rules;
  const open = groups.flatMap((g) => g.rules.filter((r) => r.direction === 'ingress' && !r.sourceGroupId && publicSource(r.sourceIp)))
    .concat(esgs.flatMap((g) => g.rules.filter((r) => r.direction === 'ingress' && r.action === 'allow' && publicSource(r.sourceIp))))
    .concat(hwRules.filter((r) => r.direction === 'ingress' && r.action === 'allow' && r.enabled && !r.remote_group_id && !r.remote_address_group_id && publicSource(r.remote_ip_prefix)
      // Not one a deny of its group takes whole: everyone, its ports, read first (deny wins a tie).
      && !hwRules.some((d) => d.security_group_id === r.security_group_id && d.action === 'deny' && d.enabled && d.direction === 'ingress'
        && d.priority <= r.priority && d.protocol === r.protocol && (!d.multiport || d.multiport === r.multiport) && d.remote_ip_prefix === '0.0.0.0/0')));
  assert.ok(hwRules.some((r) => r.action === 'allow' && r.remote_ip_prefix === '203.0.113.0/24' && !open.includes(r)), 'the fixture holds a dead allow');
  await page.waitForFunction((n) => document.querySelector('[data-test=open-count]').dataset.open === String(n), open.length);
  // SSH first: Baidu's ssh group, reaching bastion-1. Huawei bastion's office allow is not
  // counted: the deny of everyone at its priority wins (what "Test a connection" says).
  const ssh = page.locator('[data-test=by-port] li').first();
  assert.equal(await ssh.getAttribute('data-port'), '22');
  assert.equal(await ssh.getAttribute('data-rules'), '1');
  assert.equal(await ssh.getAttribute('data-reached'), '1', 'bastion-1 only');
  const firstRow = await page.textContent('[data-test=exposure-list] tr.rule-row');
  assert.match(firstRow, /22 SSH/);
  // Opened by a rule, refused by a same-priority deny: only bastion-1 really accepts SSH.
  await page.selectOption('[data-test=who-accepts] [data-test=ct-protocol]', 'tcp');
  await page.fill('[data-test=who-accepts] [data-test=ct-port]', '22');
  await page.fill('[data-test=who-accepts] [data-test=ct-remote]', '203.0.113.7');
  await page.click('[data-test=who-accepts] [data-test=ct-run]');
  await page.waitForSelector('[data-test=accepting]');
  assert.deepEqual(await page.locator('[data-test=accepting] li').evaluateAll((l) => l.map((x) => x.dataset.target)), ['i-bastion1']);
  console.log(`  who accepts tcp 22 from 203.0.113.7: ${await page.getAttribute('[data-test=accepting]', 'data-ms')} ms in the page`);
  // HTTPS from the internet: the web group's instances, bastion-1 (also in web) and app-1 (ESG https).
  await page.fill('[data-test=who-accepts] [data-test=ct-port]', '443');
  await page.fill('[data-test=who-accepts] [data-test=ct-remote]', '198.51.100.1');
  await page.click('[data-test=who-accepts] [data-test=ct-run]');
  await page.waitForFunction(() => document.querySelector('[data-test=accepting]').dataset.count === '4');
  assert.deepEqual(
    (await page.locator('[data-test=accepting] li').evaluateAll((l) => l.map((x) => x.dataset.target))).sort(),
    ['i-app00001', 'i-bastion1', 'i-web00001', 'i-web00002'],
  );
  // Cards are targets too: the staging card's group takes 443 from inside its VPC.
  await page.fill('[data-test=who-accepts] [data-test=ct-remote]', '172.16.5.5');
  await page.click('[data-test=who-accepts] [data-test=ct-run]');
  await page.waitForFunction(() => document.querySelector('[data-test=accepting]').dataset.count === '5');
  assert.ok((await page.locator('[data-test=accepting] li').evaluateAll((l) => l.map((x) => x.dataset.target))).includes('endpoint-demo0003'));
  // The list filters by port like every list: 22 leaves the one SSH rule that applies.
  await page.fill('[data-test=page-exposure] [data-test=filter]', '22');
  await page.waitForSelector('[data-test=page-exposure] [data-test=rule-count][data-matching="1"]');
  await page.fill('[data-test=page-exposure] [data-test=filter]', '');
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-test=export-csv]')]);
  assert.equal(download.suggestedFilename(), 'exposure.csv');
  const text = await (await import('node:fs/promises')).readFile(await download.path(), 'utf8');
  const lines = text.trim().split('\n');
  assert.equal(lines[0], 'cloud,group_id,group_name,rule_id,rule,sensitive_ports,reaches');
  assert.equal(lines.length, open.length + 1);
  assert.match(lines[1], /^bce,g-ssh00001,ssh,.*,22,i-bastion1$/);
  assert.deepEqual(problems, []);
  await page.close();
});

test('search by port on the card list and the Huawei group list', async () => {
  const { page, problems } = await openPage(browser, server.url, 'bce-endpoints');
  await page.waitForSelector('tr[data-endpoint=endpoint-demo0002]');
  const cards = () => page.locator('[data-test=endpoint-list] tbody tr[data-endpoint]').evaluateAll((r) => r.map((x) => x.dataset.endpoint).sort());
  await page.fill('[data-test=page-bce-endpoints] > .toolbar [data-test=filter]', '3306');
  await page.waitForFunction(() => document.querySelectorAll('[data-test=endpoint-list] tbody tr[data-endpoint]').length === 1);
  assert.deepEqual(await cards(), ['endpoint-demo0002'], 'the rds card: its group takes 3306');
  await page.fill('[data-test=page-bce-endpoints] > .toolbar [data-test=filter]', '443');
  await page.waitForFunction(() => document.querySelectorAll('[data-test=endpoint-list] tbody tr[data-endpoint]').length === 1);
  assert.deepEqual(await cards(), ['endpoint-demo0003']);
  // Huawei: the rules are read once a port is asked for; counted here from the API.
  const groups = (await huawei(server.url, 'GET', '/security-groups')).body.security_groups;
  const rules = (await huawei(server.url, 'GET', '/security-group-rules')).body.security_group_rules;
  const covers = (r, port) => r.direction === 'ingress' && (!r.protocol || ['tcp', 'udp'].includes(r.protocol))
    && (!r.multiport || r.multiport.split(',').some((p) => { const [a, b = a] = p.split('-').map(Number); return a <= port && port <= b; }));
  const expected = groups.filter((g) => rules.some((r) => r.security_group_id === g.id && covers(r, 22))).map((g) => g.id).sort();
  await page.click('[data-page=huawei-security-groups]');
  await page.waitForSelector('[data-test=hw-group-list] tbody tr[data-group]');
  await page.fill('[data-test=page-huawei-security-groups] > .toolbar [data-test=filter]', '22');
  await page.waitForFunction((n) => document.querySelectorAll('[data-test=hw-group-list] tbody tr[data-group]').length === n, expected.length);
  assert.deepEqual(await page.locator('[data-test=hw-group-list] tbody tr[data-group]').evaluateAll((r) => r.map((x) => x.dataset.group).sort()), expected);
  await page.fill('[data-test=page-huawei-security-groups] > .toolbar [data-test=filter]', 'bastion 22');
  await page.waitForFunction(() => document.querySelectorAll('[data-test=hw-group-list] tbody tr[data-group]').length === 1);
  assert.deepEqual(problems, []);
  await page.close();
});

test('rules read as words: all ports, all protocols, anywhere (literal on hover), and a mark on sensitive ports open to the internet', async () => {
  const { page, problems } = await openPage(browser, server.url, 'bce-security-groups');
  await page.waitForSelector('tr[data-group=g-ssh00001]');
  await page.click('tr[data-group=g-ssh00001] [data-test=open-group]');
  await page.waitForSelector('[data-test=group-detail] tr.rule-row');
  const ssh = page.locator('[data-test=group-detail] tr.rule-row').first();
  assert.equal(await ssh.evaluate((r) => r.classList.contains('risk')), true);
  assert.match(await ssh.locator('.sr-only').textContent(), /Open to the internet on a sensitive port/);
  const cells = await ssh.locator('td').evaluateAll((t) => t.map((c) => [c.textContent.trim(), c.title]));
  assert.deepEqual(cells[3], ['22', '22']);
  assert.deepEqual(cells[4], ['anywhere (IPv4)', '0.0.0.0/0']);
  // The default group's egress rule: empty protocol and ports read as words.
  await page.click('tr[data-group=g-default0] [data-test=open-group]');
  await page.waitForSelector('[data-test=group-detail][data-group=g-default0] tr.rule-row');
  const egress = await page.locator('[data-test=group-detail][data-group=g-default0] tr.rule-row td').evaluateAll((t) => t.map((c) => [c.textContent.trim(), c.title]));
  assert.deepEqual(egress[2], ['all protocols', '']);
  assert.deepEqual(egress[3], ['all ports', '1-65535']);
  assert.deepEqual(egress[4], ['anywhere (IPv4)', 'all']);
  assert.equal(await page.locator('[data-test=group-detail][data-group=g-default0] tr.rule-row.risk').count(), 0, 'egress is no exposure');
  // Chinese reads the same words in Chinese.
  await page.selectOption('[data-test=language]', 'zh');
  await page.waitForFunction(() => [...document.querySelectorAll('[data-test=group-detail] tr.rule-row td')].some((c) => c.textContent.trim() === '全部端口'));
  await page.selectOption('[data-test=language]', 'en');
  assert.deepEqual(problems, []);
  await page.close();
});

test('a list that fails to load: named once with its cause, progress not complete, the figures marked partial, the export refused', async () => {
  const { page } = await openConsole(browser, server.url);
  await page.waitForFunction(() => /5 \/ 5/.test(document.querySelector('[data-test=overview-progress]')?.textContent));
  await page.click('[data-test=settings-toggle]');
  await page.fill('[data-test=bce-secret-key]', 'not-the-secret');
  await page.click('[data-test=settings-close]');
  await page.click('[data-page=exposure]');
  // Four Baidu lists fail alike: one notice naming them (and the region), with the cause.
  await page.waitForSelector('[data-test=page-exposure] [data-test=estate-partial]');
  const failed = page.locator('[data-test=page-exposure] [data-test=estate-failed]');
  assert.equal(await failed.count(), 1);
  assert.equal(await failed.getAttribute('data-lists'), 'ListBceGroups ListEsgs ListInstances ListCards');
  assert.match(await failed.textContent(), /Not loaded: Baidu security groups \(bj\), Baidu enterprise security groups \(bj\), Baidu instances \(bj\), Baidu service network interface cards \(bj\)/);
  assert.match(await failed.locator('[data-test=signing-hint]').textContent(), /secret key is most likely wrong/);
  const progress = page.locator('[data-test=exposure-progress]');
  assert.equal(await progress.getAttribute('data-loaded'), '1');
  assert.equal(await progress.getAttribute('data-failed'), '4');
  assert.match(await progress.textContent(), /1 \/ 5 lists loaded · 4 not loaded/);
  // Figures from Huawei alone are not exported as if whole.
  assert.equal(await page.isDisabled('[data-test=export-csv]'), true);
  await page.waitForSelector('[data-test=export-partial]');
  // The overview: Baidu's figures say they are missing rather than 0; the exposure figure is marked.
  await page.click('[data-page=home]');
  await page.waitForSelector('[data-test=overview] [data-test=estate-partial]');
  assert.equal(await page.getAttribute('[data-test=ov-bce-groups]', 'data-missing'), 'true');
  assert.equal((await page.textContent('[data-test=ov-bce-groups] strong')).trim(), '—');
  assert.equal(await page.getAttribute('[data-test=ov-hw-groups]', 'data-missing'), null);
  assert.match(await page.textContent('[data-test=ov-open] strong'), /^\d+\?$/);
  await page.close();
});
