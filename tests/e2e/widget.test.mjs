// The console as a widget in the example portal (examples/portal.html), and an axe-core
// audit of its main views.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { startServer, launchBrowser, openConsole, failOnUncaughtErrors, root } from './support.mjs';

let server, browser;
before(async () => { server = await startServer(); browser = await launchBrowser(); });
after(async () => { await browser?.close(); await server?.stop(); });

async function openPortal() {
  const page = await browser.newPage();
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
  page.on('pageerror', (e) => problems.push(String(e)));
  await failOnUncaughtErrors(page);
  await page.goto(`${server.url}/examples/portal.html`);
  await page.waitForSelector('html[data-portal-ready=true]');
  return { page, problems };
}

// The computed styles of the portal's own elements that a leaking widget would change.
const portalLook = (page) => page.evaluate(() => ['#portal-title', '#portal-button', '#portal-text', 'body', '.portal-header'].map((s) => {
  const cs = getComputedStyle(document.querySelector(s));
  return [s, cs.color, cs.backgroundColor, cs.fontFamily, cs.fontSize, cs.padding, cs.borderTopStyle, cs.textTransform];
}));

test('the portal keeps its styles, the widget keeps its own, and it works with the portal\'s credentials', async () => {
  const { page, problems } = await openPortal();
  const widget = page.locator('#console-slot .palisade');
  await widget.waitFor();
  // The portal as it looks with the widget in it equals the portal without it.
  const withWidget = await portalLook(page);
  await page.evaluate(() => window.portal.first.unmount());
  const sent = [];
  page.on('request', async (r) => { if (r.url().includes('/api/bce/') || r.url().includes('/api/huawei/')) sent.push(await r.allHeaders().catch(() => ({}))); });
  assert.deepEqual(await portalLook(page), withWidget, 'the widget changes none of the portal\'s styles');
  await page.evaluate(() => { window.portal.first = window.portal.mount('console-slot', { pages: ['bce-security-groups', 'huawei-security-groups'] }); });

  // Host rules (`button { magenta }`, `* { Georgia }`, `h2 { uppercase }`) do not reach in.
  const look = await page.evaluate(() => {
    const b = document.querySelector('#console-slot .nav-item');
    const h = document.querySelector('#console-slot h2');
    return { bg: getComputedStyle(b).backgroundColor, font: getComputedStyle(b).fontFamily, border: getComputedStyle(b).borderTopStyle, h2: getComputedStyle(h).textTransform };
  });
  assert.notEqual(look.bg, 'rgb(255, 0, 255)');
  assert.doesNotMatch(look.font, /Georgia/);
  assert.notEqual(look.border, 'dashed');
  assert.equal(look.h2, 'none');
  assert.equal(await page.locator('#console-slot [data-page]').count(), 2, 'only the pages the portal asked for');

  await page.waitForSelector('#console-slot tr[data-group=g-web00001]');
  // A widget keeps its place in memory: opening a group and changing page leave the
  // portal's URL and history as they were.
  const [hostUrl, hostHistory] = [page.url(), await page.evaluate(() => history.length)];
  await page.click('#console-slot tr[data-group=g-web00001] [data-test=open-group]');
  await page.waitForSelector('#console-slot [data-test=group-detail][data-group=g-web00001]');
  await page.click('#console-slot [data-page=huawei-security-groups]');
  await page.waitForSelector('#console-slot [data-test=hw-group-list] tbody tr[data-group]');
  assert.equal(page.url(), hostUrl, 'the widget leaves the portal\'s URL alone');
  assert.equal(await page.evaluate(() => history.length), hostHistory, 'and its history');
  const calls = await page.evaluate(() => window.portal.calls);
  assert.ok(calls.some((c) => c.cloud === 'bce' && c.region === 'bj'));
  assert.ok(calls.some((c) => c.cloud === 'huawei' && c.region === 'cn-north-4'));
  assert.ok(sent.some((h) => h['x-bce-security-token'] === 'portal-sts-bce-token'), 'Baidu STS token sent');
  assert.ok(sent.some((h) => h['x-security-token'] === 'portal-sts-huawei-token'), 'Huawei security token sent');
  assert.ok(sent.filter((h) => h['x-bce-security-token']).every((h) => /host;x-bce-date;x-bce-security-token/.test(h.authorization)), 'and signed');

  // Never stored: not in storage, cookies, or the DOM.
  const stored = await page.evaluate(() => [JSON.stringify({ ...sessionStorage }), JSON.stringify({ ...localStorage }), document.cookie, document.documentElement.outerHTML,
    [...document.querySelectorAll('input')].map((i) => i.value).join(' ')].join('\n'));
  assert.ok(!stored.includes('palisade-demo-sk-not-a-secret') && !stored.includes('portal-sts-'), 'credentials are not kept');
  await page.click('#console-slot [data-test=settings-toggle]');
  assert.match(await page.textContent('#console-slot [data-test=settings]'), /provided by the host page/);
  assert.deepEqual(problems, []);
  await page.close();
});

// Event listeners on window, document and body, as DevTools lists them.
async function globalListeners(page) {
  const cdp = await page.context().newCDPSession(page);
  const out = [];
  for (const expr of ['window', 'document', 'document.body', 'document.documentElement']) {
    const { result } = await cdp.send('Runtime.evaluate', { expression: expr });
    const { listeners } = await cdp.send('DOMDebugger.getEventListeners', { objectId: result.objectId });
    out.push(...listeners.map((l) => `${expr}:${l.type}`));
  }
  await cdp.detach();
  return out.sort();
}

test('unmount leaves the page as it was; two widgets are independent', async () => {
  const { page, problems } = await openPortal();
  await page.waitForSelector('#console-slot .palisade');
  await page.evaluate(() => window.portal.first.unmount());
  const bare = await page.evaluate(() => document.body.innerHTML);
  const listeners = await globalListeners(page);

  await page.evaluate(() => {
    window.a = window.portal.mount('console-slot', { language: 'en' });
    window.b = window.portal.mount('second-slot', { language: 'zh', pages: ['bce-instances'], theme: 'dark' });
  });
  await page.waitForSelector('#second-slot [data-page=bce-instances]');
  assert.equal(await page.textContent('#second-slot [data-page=bce-instances]'), '实例');
  assert.equal(await page.getAttribute('#second-slot .palisade', 'data-theme'), 'dark');
  assert.equal(await page.locator('#second-slot [data-page]').count(), 1);
  // Navigation and language in one leave the other alone.
  await page.click('#console-slot [data-page=bce-endpoints]');
  await page.selectOption('#console-slot [data-test=language]', 'zh');
  await page.selectOption('#second-slot [data-test=language]', 'en');
  assert.equal(await page.textContent('#console-slot [data-page=bce-instances]'), '实例');
  assert.equal(await page.textContent('#second-slot [data-page=bce-instances]'), 'Instances');
  assert.equal(await page.getAttribute('#second-slot [aria-current=page]', 'data-page'), 'bce-instances');
  await page.waitForSelector('#second-slot tr[data-instance=i-web00001]');

  await page.evaluate(() => { window.a.unmount(); window.b.unmount(); window.b.unmount(); });
  assert.equal(await page.evaluate(() => document.body.innerHTML), bare, 'the page is exactly as before');
  assert.deepEqual(await globalListeners(page), listeners, 'no global listener is left behind');
  assert.equal(await page.locator('.palisade').count(), 0);
  assert.deepEqual(problems, []);
  await page.close();
});

test('unmounting while a request is in flight ends quietly, and another widget still works', async () => {
  const { page, problems } = await openPortal();
  await page.waitForSelector('#console-slot .palisade');
  await page.evaluate(() => window.portal.first.unmount());
  const pause = (ms) => page.evaluate((t) => new Promise((ok) => setTimeout(ok, t)), ms);

  // 1. A credential provider that answers after 300 ms; the widget is gone after 50.
  await page.evaluate(async () => {
    const slow = async (cloud, region) => { await new Promise((ok) => setTimeout(ok, 300)); return window.portal.credentials(cloud, region); };
    const h = window.portal.mount('console-slot', { credentials: slow, pages: ['bce-security-groups'] });
    await new Promise((ok) => setTimeout(ok, 50));
    h.unmount();
    await new Promise((ok) => setTimeout(ok, 600));
  });

  // 2. A list whose answer is held back 300 ms.
  const slowly = async (route) => { await new Promise((ok) => setTimeout(ok, 300)); await route.continue(); };
  await page.route('**/api/bce/bj/v2/securityGroup?**', slowly);
  const listed = page.waitForRequest((r) => r.url().includes('/v2/securityGroup?'));
  await page.evaluate(() => { window.slowList = window.portal.mount('console-slot', { pages: ['bce-security-groups'] }); });
  await listed;
  await page.evaluate(() => window.slowList.unmount());
  await pause(600);
  await page.unroute('**/api/bce/bj/v2/securityGroup?**', slowly);

  // 3. A save whose answer is held back 300 ms.
  await page.evaluate(() => { window.slowSave = window.portal.mount('console-slot', { pages: ['bce-security-groups'] }); });
  await page.click('#console-slot tr[data-group=g-web00001] [data-test=open-group]');
  await page.fill('#console-slot [data-test=rule-ports]', '8443');
  await page.fill('#console-slot [data-test=rule-remote-ip]', '10.0.0.0/8');
  await page.route('**/api/bce/bj/v2/securityGroup/g-web00001?**', slowly);
  const saved = page.waitForRequest((r) => r.method() === 'PUT');
  await page.click('#console-slot [data-test=rule-submit]');
  await saved;
  await page.evaluate(() => window.slowSave.unmount());
  await pause(600);

  // Nothing panicked or was left half-alive: another widget on the page works.
  await page.evaluate(() => { window.after = window.portal.mount('second-slot', { pages: ['bce-instances'] }); });
  await page.waitForSelector('#second-slot tr[data-instance=i-web00001]');
  assert.deepEqual(problems, []);
  await page.close();
});

test('a host that asks (routeBase) gets the widget\'s place in its URL, below that base', async () => {
  const { page, problems } = await openPortal();
  const missing = [];
  page.on('response', (r) => { if (r.status() === 404) missing.push(r.url()); });
  await page.evaluate(() => {
    window.portal.first.unmount();
    window.portal.first = window.portal.mount('console-slot', { routeBase: '/examples/portal.html', pages: ['bce-security-groups', 'bce-instances'] });
  });
  await page.waitForFunction(() => location.pathname === '/examples/portal.html/bce/bj/security-groups');
  await page.click('#console-slot tr[data-group=g-db000001] [data-test=open-group]');
  await page.waitForFunction(() => location.pathname === '/examples/portal.html/bce/bj/security-groups/g-db000001');
  await page.click('#console-slot [data-page=bce-instances]');
  await page.waitForFunction(() => location.pathname === '/examples/portal.html/bce/bj/instances');
  await page.goBack();
  await page.waitForSelector('#console-slot [data-test=group-detail][data-group=g-db000001]');
  assert.deepEqual(missing, []);
  assert.deepEqual(problems, []);
  await page.close();
});

test('with a credential provider, a link cannot move the widget to a region the host never offered (#36)', async () => {
  const { page, problems } = await openPortal();
  const regions = [];
  page.on('request', (r) => { const m = r.url().match(/\/api\/bce\/([^/]+)\//); if (m) regions.push(m[1]); });
  await page.evaluate(() => {
    window.portal.first.unmount();
    window.portal.calls.length = 0;
    history.pushState({}, '', '/examples/portal.html/bce/gz/security-groups');
    window.portal.first = window.portal.mount('console-slot', { routeBase: '/examples/portal.html', bceRegion: 'bj', pages: ['bce-security-groups'] });
  });
  await page.waitForSelector('#console-slot tr[data-group=g-web00001]');
  await page.waitForFunction(() => location.pathname === '/examples/portal.html/bce/bj/security-groups');
  const asked = await page.evaluate(() => window.portal.calls.map((c) => c.region));
  assert.ok(asked.length > 0 && asked.every((r) => r === 'bj'), `the provider was asked for ${asked}`);
  assert.ok(regions.length > 0 && regions.every((r) => r === 'bj'), `requests went to ${regions}`);
  assert.deepEqual(problems, []);
  await page.close();
});

test('a provider\'s bad answer names the field and its kind, never its value; a bad projectId sends nothing (#36)', async () => {
  const { page } = await openPortal();
  const sent = [];
  page.on('request', (r) => { if (r.url().includes('/api/')) sent.push(r.url()); });
  // Providers as a portal might get them wrong (defined in the page: the CSP allows no eval).
  const errorOf = async (kind, pages) => {
    await page.evaluate(([kind, pages]) => {
      const wrong = {
        text: async () => JSON.stringify({ accessKey: 'ak-1', secretKey: 'very-secret-sk', securityToken: 'tok-secret' }),
        number: async () => ({ accessKey: 'ak-1', secretKey: 918273645 }),
        project: async () => ({ accessKey: 'palisade-demo-ak', secretKey: 'palisade-demo-sk-not-a-secret', projectId: '../../../bce/bj/v2/securityGroup/g-web00001' }),
      };
      window.portal.first.unmount();
      window.portal.first = window.portal.mount('console-slot', { credentials: wrong[kind], pages });
    }, [kind, pages]);
    await page.waitForSelector('#console-slot [data-test=error]:not(.hidden)');
    return page.textContent('#console-slot [data-test=error]:not(.hidden)');
  };
  // The `res.text()` mistake: the JSON as a string.
  let text = await errorOf('text', ['bce-security-groups']);
  assert.match(text, /answer is a string, not an object/);
  assert.doesNotMatch(text, /very-secret-sk|tok-secret|ak-1/);
  text = await errorOf('number', ['bce-security-groups']);
  assert.match(text, /secretKey as a number, not a string/);
  assert.doesNotMatch(text, /918273645/);
  // A projectId that walks the path: refused as the one typed in Settings is.
  sent.length = 0;
  text = await errorOf('project', ['huawei-security-groups']);
  assert.match(text, /VPC\.0601|project/i);
  // (The console's own GETs to palisade serve, not to a cloud, aside.)
  assert.deepEqual(sent.filter((u) => !u.endsWith('/api/config') && !u.endsWith('/api/policy')), [], 'nothing was sent');
  await page.close();
});

test('a bad option is refused with the option named', async () => {
  const { page } = await openPortal();
  const message = await page.evaluate(() => {
    try { window.portal.mount('second-slot', { theme: 'neon' }); return 'mounted'; } catch (e) { return e.message; }
  });
  assert.match(message, /options\.theme/);
  // A value of the wrong type names its option and what it must be (read by
  // serde-wasm-bindgen, then option by option to find the culprit).
  const wrongTypes = await page.evaluate(() => [{ pages: 'bce-instances' }, { language: 3 }, { ownsPage: 'yes' }, { clouds: ['bce', 7] }, { routeBase: 5 }, { routeBase: 'portal' }].map((o) => {
    try { window.portal.mount('second-slot', o); return 'mounted'; } catch (e) { return e.message; }
  }));
  assert.deepEqual(wrongTypes, [
    'options.pages must be an array of strings',
    'options.language must be a string',
    'options.ownsPage must be true or false',
    'options.clouds must be an array of strings',
    'options.routeBase must be a string',
    'options.routeBase must be a path like /security-groups (letters, digits, - _ . /)',
  ]);
  const base = await page.evaluate(() => {
    try { window.portal.mount('second-slot', { apiBase: 'https://evil.example/api' }); return 'mounted'; } catch (e) { return e.message; }
  });
  assert.match(base, /options\.apiBase/);
  // Paths that the URL parser reads as another host are refused too.
  for (const tricky of ['/\\evil.example/api', '/\t/evil.example/api', '//evil.example/api']) {
    const m = await page.evaluate((b) => {
      try { window.portal.mount('second-slot', { apiBase: b }); return 'mounted'; } catch (e) { return e.message; }
    }, tricky);
    assert.match(m, /options\.apiBase/, JSON.stringify(tricky));
  }
  await page.close();
});

test('axe-core finds no serious or critical violations in the main views', async () => {
  // axe is injected as a script: this context bypasses the CSP for the audit only.
  const context = await browser.newContext({ bypassCSP: true });
  const { page } = await openConsole(context, server.url);
  const audit = async (label) => {
    await page.addScriptTag({ path: path.join(root, 'node_modules/axe-core/axe.min.js') });
    const result = await page.evaluate(async () => {
      const r = await window.axe.run(document.querySelector('.palisade'), { resultTypes: ['violations'] });
      return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
    });
    assert.deepEqual(result, [], `${label}: ${result.join('\n')}`);
  };
  await audit('overview');
  await page.click('[data-test=settings-toggle]');
  await audit('settings');
  await page.click('[data-test=settings-close]');
  await page.click('[data-page=bce-security-groups]');
  await page.click('tr[data-group=g-web00001] [data-test=open-group]');
  await page.waitForSelector('.rule-row');
  await page.fill('[data-test=rule-ports]', '70000');
  await audit('security group with a rule error');
  await page.click('.rule-row [data-test=revoke]');
  await audit('revoke dialog');
  await page.keyboard.press('Escape');
  await page.click('[data-page=bce-enterprise-security-groups]');
  await page.click('[data-test=new-esg]');
  await page.fill('[data-test=esg-name]', 'bad name!');
  await audit('ESG editor');
  await page.click('[data-page=bce-instances]');
  await page.waitForSelector('tr[data-instance]');
  await audit('instances');
  await page.click('tr[data-instance=i-bastion1] [data-test=test-connection]');
  await page.fill('[data-test=ct-port]', '5432');
  await page.fill('[data-test=ct-remote]', '203.0.113.7');
  await page.click('[data-test=ct-run]');
  await page.waitForSelector('[data-test=suggestion]');
  await audit('connection test with a refusal and its fix');
  await page.click('[data-page=exposure]');
  await page.waitForFunction(() => /5 \/ 5/.test(document.querySelector('[data-test=exposure-progress]')?.textContent));
  await page.fill('[data-test=who-accepts] [data-test=ct-port]', '22');
  await page.fill('[data-test=who-accepts] [data-test=ct-remote]', '203.0.113.7');
  await page.click('[data-test=who-accepts] [data-test=ct-run]');
  await page.waitForSelector('[data-test=accepting]');
  await audit('exposure');
  // The dark theme passes the same audit.
  await page.selectOption('[data-test=theme]', 'dark');
  await audit('exposure, dark');
  await page.click('[data-page=bce-security-groups]');
  await page.click('tr[data-group=g-ssh00001] [data-test=open-group]');
  await page.waitForSelector('.rule-row.risk');
  await audit('security group with a risk mark, dark');
  await page.selectOption('[data-test=theme]', 'light');
  await audit('security group with a risk mark, light');
  await page.click('[data-page=bce-endpoints]');
  await page.waitForSelector('tr[data-endpoint]');
  await audit('cards');
  await page.click('[data-page=huawei-security-groups]');
  await page.click('[data-test=hw-group-list] tbody tr[data-group] [data-test=open-group]');
  await page.waitForSelector('[data-test=hw-name]');
  await audit('Huawei detail');
  await context.close();
});

test('the rule editor works with the keyboard alone, and focus returns after a dialog', async () => {
  const { page } = await openConsole(browser, server.url);
  await page.click('[data-page=bce-enterprise-security-groups]');
  await page.focus('[data-test=new-esg]');
  await page.keyboard.press('Enter');
  await page.waitForSelector('[data-test=esg-name]');
  await page.focus('[data-test=esg-name]');
  await page.keyboard.type('kbd-only');
  // Tab to "Add rule" and press it: a new group starts with no rule.
  for (let i = 0; i < 10 && (await page.evaluate(() => document.activeElement.dataset.test)) !== 'add-rule'; i += 1) await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  // Tab through the fields of row 1 to its ports, then to its remote address.
  const tabTo = async (field) => {
    for (let i = 0; i < 20 && (await page.evaluate(() => document.activeElement.dataset.field)) !== field; i += 1) await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.dataset.field), field);
  };
  await tabTo('portRange');
  await page.keyboard.press('Control+A');
  await page.keyboard.type('8080');
  await tabTo('sourceIp');
  await page.keyboard.type('10.0.0.0/8');
  await page.keyboard.press('Enter'); // submits the form
  await page.waitForSelector('[data-test=esg-created]');
  assert.equal(await page.evaluate(() => document.activeElement.dataset.test), 'new-esg', 'focus goes back to the button that opened the editor');
  await page.close();
});
