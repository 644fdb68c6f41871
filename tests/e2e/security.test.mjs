// End-to-end: what an intranet security reviewer checks. Offline for real
// (service worker: load, go offline, reload, calculate and import), the
// update offer, the manifest, hostile customer ids (formula injection in
// the CSV, right-to-left overrides in the tables). The whole suite runs
// under the strict CSP header (server.mjs); this file adds nothing to that.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

import { act, dataValue, open, setInput, suite } from './browser.mjs';

let server;
let browser;
suite('/sec/', (s, b) => {
  [server, browser] = [s, b];
});

const fixture = (name) => new URL(`../fixtures/${name}`, import.meta.url).pathname;

/** Waits until the service worker controls the page (it claims on activation). */
const controlled = (page) => page.waitForFunction(() => navigator.serviceWorker?.controller?.state === 'activated');

test('offline for real: load, go offline, reload, use the calculator and import a file', async () => {
  const { page, context, problems } = await open(browser, server.url);
  await controlled(page);
  await context.setOffline(true);
  await page.reload();
  await page.waitForSelector('[data-testid="value"]');
  await setInput(page, 'benefit', 80);
  assert.equal(await dataValue(page, 'value'), 50);
  assert.equal(
    await act(page, () => page.locator('[data-testid="import-file"]').setInputFiles(fixture('basic.csv')), { status: 'import-status' }),
    'done',
  );
  assert.ok((await page.locator('[data-testid="data-cohort-cell"]').count()) > 0);
  await context.setOffline(false);
  // While offline the reload and the worker failed no request: all came from the cache.
  assert.deepEqual(problems, []);
});

test('a new build is offered, not swapped in: "a new version is ready" then reload', async () => {
  const { page, problems } = await open(browser, server.url);
  await controlled(page);
  assert.equal(await page.locator('[data-testid="update-ready"]').count(), 0);
  // The host now serves a newer build's service worker.
  const sw = readFileSync(new URL('../../dist/sw.js', import.meta.url), 'utf8');
  server.routes['/sec/sw.js'] = { type: 'text/javascript', body: sw.replace(/repurchase-lab-[0-9a-f]+/, 'repurchase-lab-next') };
  await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).update());
  await page.waitForSelector('[data-testid="update-ready"]');
  await setInput(page, 'benefit', 75); // the open page keeps working meanwhile
  assert.equal(await dataValue(page, 'value'), 45);
  await Promise.all([page.waitForEvent('load'), page.click('[data-testid="update-reload"]')]);
  await page.waitForSelector('[data-testid="value"]');
  const cache = await page.evaluate(async () => (await caches.keys()).join(','));
  assert.equal(cache, 'repurchase-lab-next', 'the old build is cleared on activation');
  delete server.routes['/sec/sw.js'];
  assert.deepEqual(problems, []);
});

test('the manifest makes it installable, from the sub-path', async () => {
  const { page, problems } = await open(browser, server.url);
  const href = await page.getAttribute('link[rel="manifest"]', 'href');
  const manifest = await page.evaluate(async (h) => (await fetch(h)).json(), href);
  assert.equal(manifest.start_url, './');
  assert.equal(manifest.scope, './');
  assert.equal(manifest.display, 'standalone');
  assert.ok(manifest.icons.length > 0);
  assert.deepEqual(problems, []);
});

test('hostile ids: CSV cells cannot run as formulas, right-to-left overrides stay isolated', async () => {
  const { page, problems } = await open(browser, server.url);
  const hostile = ['=HYPERLINK("http://evil.example","x")', '+41 79 123 45 67', '-2+3', '@SUM(A1:A9)', '\u202Eevil.exe', '李雷', 'ops@example.com'];
  // 400 customers over two years, the hostile ids among them; a
  // deterministic generator so the forecast converges the same every run.
  const lines = ['customer,date,amount'];
  let seed = 7;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const day = (d) => new Date(Date.UTC(2023, 0, 1) + d * 86400000).toISOString().slice(0, 10);
  const ids = [...hostile, ...Array.from({ length: 400 }, (_, i) => `C${i}`)];
  for (const id of ids) {
    const quoted = /[",]/.test(id) ? `"${id.replaceAll('"', '""')}"` : id;
    // BG/NBD's own story: exponential gaps at a rate of its own, and after
    // each purchase a chance of leaving for good, also its own.
    let d = Math.floor(rnd() * 300);
    const gap = 4 * Math.exp(rnd() * 5); // mean gaps from 4 days to 1.6 years
    const leave = rnd() * rnd();
    lines.push(`${quoted},${day(d)},${(10 + rnd() * 40).toFixed(2)}`);
    while (rnd() > leave && (d += 1 + Math.floor(-Math.log(1 - rnd()) * gap)) < 730) lines.push(`${quoted},${day(d)},${(10 + rnd() * 40).toFixed(2)}`);
  }
  const file = { name: 'hostile.csv', mimeType: 'text/csv', buffer: Buffer.from(lines.join('\n') + '\n') };
  await act(page, () => page.locator('[data-testid="import-file"]').setInputFiles(file), { status: 'forecast-status' });
  const [d] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="export-customers"]')]);
  const csv = readFileSync(await d.path(), 'utf8');
  for (const id of hostile.filter((x) => /^[=+\-@]/.test(x))) {
    const cell = id.includes('"') || id.includes(',') ? `"'${id.replaceAll('"', '""')}"` : `'${id}`;
    assert.ok(csv.includes(`\r\n${cell},`), `${id} is neutralised in the customers CSV`);
  }
  assert.ok(csv.includes('\r\n李雷,') && csv.includes('\r\n\u202Eevil.exe,'), 'other ids are written as they are');
  // In the page every id is text inside an isolating element.
  const rows = await page.$$eval('[data-testid="top-customers"] tbody th', (ths) => ths.map((th) => th.firstElementChild?.tagName));
  assert.ok(rows.length > 0 && rows.every((t) => t === 'BDI'), JSON.stringify(rows));
  assert.deepEqual(problems, []);
});

test('limits: a line over 1 MiB is refused with its line number; the page keeps working', async () => {
  const { page, problems } = await open(browser, server.url);
  const text = `customer,date\nA,2024-01-01\n"B,2024-01-02\n${'x'.repeat(1.1 * 2 ** 20)}\n`;
  const file = { name: 'runaway.csv', mimeType: 'text/csv', buffer: Buffer.from(text) };
  assert.equal(await act(page, () => page.locator('[data-testid="import-file"]').setInputFiles(file), { status: 'import-status' }), 'error');
  assert.match(await page.textContent('[data-testid="import-status"]'), /Line 3 is longer than 1 MiB/);
  assert.equal(await act(page, () => page.locator('[data-testid="import-file"]').setInputFiles(fixture('basic.csv')), { status: 'import-status' }), 'done');
  assert.deepEqual(problems, []);
});
