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
  // Everyone buys five times a month apart; a few ordinary customers once.
  const lines = ['customer,date,amount'];
  const ids = [...hostile, ...Array.from({ length: 30 }, (_, i) => `C${i}`)];
  ids.forEach((id, i) => {
    const quoted = /[",]/.test(id) ? `"${id.replaceAll('"', '""')}"` : id;
    const visits = i % 3 === 0 ? 1 : 5;
    for (let v = 0; v < visits; v++) lines.push(`${quoted},2024-${String(1 + ((i + 2 * v) % 12)).padStart(2, '0')}-1${v},${10 + i}`);
  });
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
