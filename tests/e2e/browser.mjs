// Debian's Chromium driven by playwright-core (never a downloaded browser),
// with every page watched: a console error, a failed request, an HTTP error or
// a request to another host is a test failure.
import { mkdirSync } from 'node:fs';
import { after, before } from 'node:test';
import { chromium } from 'playwright-core';

import { startServer } from './server.mjs';

export const ARTIFACTS = new URL('./artifacts/', import.meta.url).pathname;

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
}

/// One test file's setting: the release build in dist/ served from
/// `prefix` and one browser, started before the tests and closed after;
/// `set(server, browser)` hands them to the file.
export function suite(prefix, set) {
  let server;
  let browser;
  before(async () => {
    server = await startServer({ root: new URL('../../dist', import.meta.url).pathname, prefix });
    browser = await launch();
    mkdirSync(ARTIFACTS, { recursive: true });
    set(server, browser);
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });
}

/// Opens `url` in a fresh context; returns the page and the list of problems
/// seen so far (check it is empty at the end of each test).
export async function open(browser, url, { locale = 'en-US', viewport, allowedHosts = [], waitFor = '[data-testid="value"]' } = {}) {
  const context = await browser.newContext({ locale, viewport: viewport ?? { width: 1280, height: 900 }, acceptDownloads: true });
  const problems = [];
  const home = new URL(url).host;
  await context.route('**/*', (route) => {
    const target = new URL(route.request().url());
    if (target.protocol.startsWith('http') && target.host !== home && !allowedHosts.includes(target.host)) {
      problems.push(`request to another host: ${target.href}`);
      return route.abort();
    }
    return route.continue();
  });
  const page = await context.newPage();
  // E2E_SLOW=4 runs the page on a CPU four times slower, to shake out tests
  // that race the worker or the renderer (CI machines can be slow).
  const slow = Number(process.env.E2E_SLOW ?? 1);
  if (slow > 1) {
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: slow });
  }
  // A blocked script, style, worker or image is a failure (the server sends
  // a strict Content-Security-Policy).
  await context.addInitScript(() => {
    addEventListener('securitypolicyviolation', (e) => {
      console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber})`);
    });
  });
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console error: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  // A request the page was still making when a test reloaded or left it is
  // aborted by the navigation (the rooms' wasm, fetched when idle, often
  // is): not a failure. Any other failed request is.
  let navigations = 0;
  const startedAt = new WeakMap();
  page.on('request', (r) => {
    if (r.isNavigationRequest() && r.frame() === page.mainFrame()) navigations += 1;
    startedAt.set(r, navigations);
  });
  page.on('requestfailed', (r) => {
    const leftBehind = r.failure()?.errorText === 'net::ERR_ABORTED' && startedAt.get(r) < navigations;
    if (!leftBehind) problems.push(`request failed: ${r.url()} ${r.failure()?.errorText}`);
  });
  page.on('response', (r) => {
    if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`);
  });
  await page.goto(url);
  await page.waitForSelector(waitFor);
  await roomsReady(page);
  return { page, context, problems };
}

/// Waits for the rooms (saved, Your data, forecasts): they arrive once the
/// page is idle after its first frame (none in an embedded panel).
export async function roomsReady(page) {
  await page.waitForFunction(() => document.documentElement.dataset.mode === 'embed'
    || !document.querySelector('[data-testid="rooms"]')
    || document.querySelector('[data-testid="rooms"][data-state="ready"]'));
}

/// Waits until the page has caught up with the latest input: a slider's
/// value waits for the next frame (`data-input-pending` on <html>), the
/// simulator follows the calculator one task later (`data-sim-pending`), the
/// link is written at once, then at most every 150 ms during a drag
/// (`data-link-pending` while the last one waits), a chart off screen is
/// redrawn 300 ms after the last change (`data-stale` meanwhile).
export async function settled(page) {
  await page.waitForFunction(() => !document.querySelector('[data-sim-pending], [data-input-pending], [data-link-pending], [data-stale], [data-resting]'));
}

/// Does `action`, then waits for the page to settle on what it caused: the
/// simulator caught up and, with `status` (the test id of an element whose
/// `data-run` counts finished requests: `import-status`, `forecast-status`),
/// that element's next finished run. Returns its `data-state` (`done` or
/// `error`), or nothing without `status`.
export async function act(page, action, { status, timeout = 30_000 } = {}) {
  const selector = status && `[data-testid="${status}"]`;
  const run = selector && (await page.locator(selector).count())
    ? Number(await page.getAttribute(selector, 'data-run'))
    : 0;
  await action();
  if (selector) {
    await page.waitForFunction(([sel, r]) => {
      const s = document.querySelector(sel);
      return s && Number(s.dataset.run) > r && ['done', 'error'].includes(s.dataset.state);
    }, [selector, run], { timeout });
  }
  await settled(page);
  return selector ? page.getAttribute(selector, 'data-state') : undefined;
}

export async function dataValue(page, testid) {
  await settled(page);
  const v = await page.getAttribute(`[data-testid="${testid}"]`, 'data-value');
  return Number(v);
}

/// Sets an input the CONTRACT way: fill the number field, dispatch `change`.
export async function setInput(page, testid, value) {
  const field = page.locator(`[data-testid="${testid}"]`);
  await field.fill(String(value));
  await field.dispatchEvent('change');
}

/**
 * Moves the benefit slider 110 times (the first 10 warm up) and times each
 * move from the input event to the first DOM change under `target`, letting
 * the browser paint between moves as a hand on a slider would. Returns
 * { median, p90, max, n } in ms.
 */
export async function sliderBench(page, target) {
  return page.evaluate(async (target) => {
    const slider = document.querySelector('[data-testid="benefit-slider"]');
    const node = document.querySelector(target);
    const times = [];
    for (let i = 0; i < 110; i++) {
      const done = new Promise((resolve) => {
        const mo = new MutationObserver(() => {
          mo.disconnect();
          resolve(performance.now());
        });
        mo.observe(node, { subtree: true, childList: true, attributes: true, characterData: true });
      });
      slider.value = String(40 + (i % 50));
      const t0 = performance.now();
      slider.dispatchEvent(new Event('input', { bubbles: true }));
      const t1 = await done;
      await new Promise((r) => requestAnimationFrame(() => r()));
      if (i >= 10) times.push(t1 - t0);
    }
    times.sort((a, b) => a - b);
    return { median: times[50], p90: times[90], max: times[99], n: times.length };
  }, target);
}
