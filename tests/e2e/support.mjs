// Shared helpers for the end-to-end tests: start `palisade serve` on a free port and
// drive Debian's Chromium with playwright-core.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import fs from 'node:fs';
import { chromium } from 'playwright-core';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const palisadeBin = process.env.PALISADE_BIN ?? path.join(root, 'target/debug/palisade');

/** Starts `palisade serve` on 127.0.0.1:0 and resolves with its base URL and process. */
export async function startServer(extraArgs = []) {
  // --hide-emulator-fields: the emulator answers only what the real API returns, so every
  // flow proves the console needs nothing more.
  const child = spawn(palisadeBin, ['serve', '--listen', '127.0.0.1:0', '--state', ':memory:', '--hide-emulator-fields', '--dist', path.join(root, 'dist'), ...extraArgs], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, PALISADE_LOG: process.env.PALISADE_LOG ?? 'warn' },
  });
  let stderr = '';
  child.stderr.on('data', (d) => { stderr += d; });
  const url = await new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`palisade serve did not start: ${stderr}`)), 20000);
    child.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/Palisade console: (http:\/\/[^\s]+)/);
      if (m) { clearTimeout(timer); resolve(m[1].replace(/\/$/, '')); }
    });
    child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`palisade serve exited ${code}: ${stderr}`)); });
  });
  return {
    url,
    process: child,
    logs: () => stderr,
    async stop() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    },
  };
}

export async function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
    headless: true,
  });
}

/**
 * Every test fails on an uncaught error in its page (a Rust panic shows as
 * `RuntimeError: unreachable`, its message logged by the console's panic hook), and on a
 * changing request whose impact was never shown (#31): each one names its change in
 * `x-palisade-change`, and that id must have been on an impact view (`data-change-id`)
 * in the page before. Both are checked when the test closes the page.
 */
export async function failOnUncaughtErrors(page) {
  const uncaught = [];
  page.on('pageerror', (e) => uncaught.push(String(e)));
  const shown = new Set();
  const unshown = [];
  await page.exposeFunction('__palisadeShown', (id) => { if (id) shown.add(id); });
  await page.addInitScript(() => {
    const seen = (root) => {
      if (root.nodeType !== 1) return;
      if (root.dataset.changeId) window.__palisadeShown(root.dataset.changeId);
      for (const el of root.querySelectorAll('[data-change-id]')) window.__palisadeShown(el.dataset.changeId);
    };
    new MutationObserver((records) => {
      for (const r of records) {
        if (r.type === 'attributes') seen(r.target);
        for (const n of r.addedNodes ?? []) seen(n);
      }
    }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-change-id'] });
  });
  page.on('request', (r) => {
    const url = new URL(r.url());
    if (r.method() === 'GET' || r.method() === 'HEAD' || r.method() === 'OPTIONS' || !url.pathname.startsWith('/api/')) return;
    const id = r.headers()['x-palisade-change'];
    // For scripts/every-change.mjs: which changing calls the suite made.
    if (process.env.PALISADE_CHANGES_LOG) fs.appendFileSync(process.env.PALISADE_CHANGES_LOG, `${JSON.stringify({ method: r.method(), path: url.pathname, search: url.search })}\n`);
    // Checked at close: the id may be recorded by the observer a moment after the click.
    unshown.push({ what: `${r.method()} ${url.pathname}${url.search}`, id });
  });
  const close = page.close.bind(page);
  page.close = async (...args) => {
    await close(...args);
    if (uncaught.length) throw new Error(`uncaught errors in the page: ${uncaught.join('\n')}`);
    const bad = unshown.filter((c) => !c.id || !shown.has(c.id));
    if (bad.length) throw new Error(`changes sent without their impact shown first:\n${bad.map((c) => `${c.what} (change ${c.id ?? 'none'})`).join('\n')}`);
  };
}

/** A page that records console errors and CSP violations so a test can assert there are none. */
export async function openConsole(browser, url) {
  const page = await browser.newPage();
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
  page.on('pageerror', (e) => problems.push(String(e)));
  await failOnUncaughtErrors(page);
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  await page.goto(url);
  await page.waitForSelector('html[data-palisade-ready=true]', { timeout: 20000 });
  return { page, problems };
}

/** Opens the console on a page (by its nav slug) and waits for the page's section. */
export async function openPage(browser, url, slug) {
  const opened = await openConsole(browser, url);
  await opened.page.click(`[data-page=${slug}]`);
  return opened;
}

/**
 * A change that opens something to the internet waits for an explicit yes in its impact
 * view (#31): give it, within `scope`.
 */
export async function acceptRisk(page, scope = '') {
  const box = `${scope} [data-test=impact] [data-test=accept-risk]`.trim();
  await page.waitForSelector(box);
  await page.check(box);
}

/** Answers the page's next dialog (accepts, or dismisses with `accept` false) and resolves to its type. */
export function answerNextDialog(page, accept = true) {
  return new Promise((resolve) => {
    page.once('dialog', async (d) => {
      const type = d.type();
      if (accept) await d.accept();
      else await d.dismiss();
      resolve(type);
    });
  });
}

/** Whether the page would ask before unloading (its beforeunload listener cancels the event). */
export function asksBeforeUnload(page) {
  return page.evaluate(() => {
    const e = new Event('beforeunload', { cancelable: true });
    window.dispatchEvent(e);
    return e.defaultPrevented;
  });
}
