// End-to-end: share link, embed in a page of another origin, theme, saved
// scenarios, and every export as a real file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

import { dataValue, open, roomsReady, setInput, settled, suite } from './browser.mjs';
import { startServer } from './server.mjs';

let server;
let browser;

suite('/share/', (s, b) => {
  [server, browser] = [s, b];
});

/** Every data-value on the page, by testid (and cell coordinates). */
async function allValues(page) {
  await settled(page);
  return page.$$eval('[data-value]:not([data-testid="share-status"])', (els) =>
    els.map((e) => `${e.getAttribute('data-testid') ?? e.className}:${e.getAttribute('data-cohort') ?? ''}:${e.getAttribute('data-offset') ?? ''}=${e.getAttribute('data-value')}`),
  );
}

test('the copied link reopens every output exactly, in a fresh browser context', async () => {
  const { page, context, problems } = await open(browser, server.url);
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.selectOption('[data-testid="preset"]', 'haircut');
  await setInput(page, 'expectation', 52.5);
  await setInput(page, 'trap-knot-4', 20);
  await page.selectOption('[data-testid="lens"]', 'dte');
  await page.check('[data-testid="reminder-on"]');
  await setInput(page, 'cohorts', 18);
  await setInput(page, 'window', 18);
  await page.click('[data-testid="share-link"]');
  await page.waitForSelector('[data-testid="share-status"]');
  assert.equal(await page.getAttribute('[data-testid="share-status"]', 'data-value'), 'true');
  const url = await page.inputValue('[data-testid="share-url"]');
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), url);
  assert.match(url, /#v=1&p=haircut&/);
  const before = await allValues(page);
  assert.ok(before.length > 400, `${before.length} values`);
  const fresh = await browser.newContext();
  const other = await fresh.newPage();
  await other.goto(url);
  await other.waitForSelector('[data-testid="value"]');
  assert.deepEqual(await allValues(other), before);
  await fresh.close();
  assert.deepEqual(problems, []);
  await context.close();
});

test('embed: the snippet works inside a page of another origin and posts its height', async () => {
  const { page, context, problems } = await open(browser, server.url);
  await setInput(page, 'benefit', 85);
  await page.click('[data-testid="embed-open"]');
  await page.selectOption('[data-testid="embed-panel"]', 'trap');
  await page.selectOption('[data-testid="embed-theme"]', 'dark');
  const snippet = await page.inputValue('[data-testid="embed-code"]');
  assert.match(snippet, /^<iframe src="http:\/\/127\.0\.0\.1:\d+\/share\/#v=1&amp;b=85&amp;embed=trap&amp;theme=dark"/);
  const expected = await dataValue(page, 'trap-probability');
  await context.close();

  // A wiki page on another origin (another port) with the snippet pasted in.
  const wiki = await startServer({
    root: '/nonexistent',
    prefix: '/nothing/',
    extraRoutes: {
      '/wiki.html': `<!doctype html><html><body><h1>Wiki</h1><script>
        window.heights = [];
        addEventListener('message', (e) => { if (e.data && e.data.source === 'repurchase-lab') window.heights.push(e.data); });
      </script>${snippet}</body></html>`,
    },
  });
  const host = await open(browser, `http://${wiki.host}/wiki.html`, { allowedHosts: [server.host], waitFor: 'iframe' });
  const frame = host.page.frameLocator('iframe');
  await frame.locator('[data-testid="trap-probability"]').waitFor();
  assert.equal(Number(await frame.locator('[data-testid="trap-probability"]').getAttribute('data-value')), expected);
  assert.equal(await frame.locator('[data-testid="share-link"]').count(), 0, 'no site chrome');
  assert.equal(await frame.locator('[data-testid="value"]').count(), 0, 'only the trap panel');
  // Inputs of the panel stay usable.
  await frame.locator('[data-testid="trap-knot-4"]').fill('30');
  await frame.locator('[data-testid="trap-knot-4"]').dispatchEvent('change');
  const inner = host.page.frames().find((f) => f.url().includes('/share/'));
  assert.equal(await inner.evaluate(() => document.documentElement.getAttribute('data-mode')), 'embed');
  assert.equal(await inner.evaluate(() => document.documentElement.getAttribute('data-theme')), 'dark');
  assert.equal(await inner.evaluate(() => getComputedStyle(document.body).backgroundColor), 'rgb(29, 35, 43)');
  await host.page.waitForFunction(() => window.heights.length > 0);
  const msg = await host.page.evaluate(() => window.heights.at(-1));
  assert.equal(msg.type, 'height');
  assert.equal(msg.panel, 'trap');
  assert.ok(msg.height > 300, `height ${msg.height}`);
  assert.deepEqual(host.problems, []);
  assert.deepEqual(problems, []);
  await host.context.close();
  await wiki.close();
});

test('saved scenarios: save, reload, load, rename, delete, compare; corrupted storage is ignored with a notice', async () => {
  const { page, context, problems } = await open(browser, server.url);
  await page.fill('[data-testid="save-name"]', 'Defaults');
  await page.click('[data-testid="save-scenario"]');
  await setInput(page, 'expectation', 60);
  await page.fill('[data-testid="save-name"]', 'High expectation');
  await page.click('[data-testid="save-scenario"]');
  await page.reload();
  await page.waitForSelector('[data-testid="value"]');
  await roomsReady(page);
  const names = await page.$$eval('[data-testid="saved-scenario"]', (els) => els.map((e) => e.getAttribute('data-name')));
  assert.deepEqual(names, ['Defaults', 'High expectation']);
  await page.locator('[data-testid="saved-load"]').first().click();
  assert.equal(await dataValue(page, 'satisfaction'), 5);
  await page.click('[data-testid="compare-open"]');
  await page.selectOption('[data-testid="compare-a"]', '0');
  await page.selectOption('[data-testid="compare-b"]', '1');
  const diffs = await page.$$eval('[data-testid="compare-diff"]', (els) => els.map((e) => e.getAttribute('data-key')));
  assert.deepEqual(diffs, ['e']);
  assert.equal(await page.locator('[data-testid="compare-b-cell"]').count(), 78);
  await page.fill('[data-testid="save-name"]', 'Renamed');
  await page.locator('[data-testid="saved-rename"]').nth(1).click();
  await page.locator('[data-testid="saved-delete"]').first().click();
  await page.reload();
  await page.waitForSelector('[data-testid="value"]');
  await roomsReady(page);
  const left = await page.$$eval('[data-testid="saved-scenario"]', (els) => els.map((e) => e.getAttribute('data-name')));
  assert.deepEqual(left, ['Renamed']);
  // Foreign content under our key: ignored with a notice, the page works.
  await page.evaluate(() => localStorage.setItem('repurchase-lab.saved', '{"not": "ours"} <script>'));
  await page.reload();
  await page.waitForSelector('[data-testid="saved-notice"]');
  assert.equal(await page.locator('[data-testid="saved-scenario"]').count(), 0);
  assert.equal(await dataValue(page, 'value'), 40);
  assert.match(await page.textContent('[data-testid="saved-notice"]'), /not ours/);
  // The notice follows the page's language.
  await page.selectOption('[data-testid="language"]', 'zh');
  await page.waitForFunction(() => /不是本应用/.test(document.querySelector('[data-testid="saved-notice"]').textContent));
  assert.deepEqual(problems, []);
  await context.close();
});

test('exports: CSV with BOM, JSON, SVG and a 2× PNG download as valid files', async () => {
  const { page, context, problems } = await open(browser, `${server.url}#v=1&ho=1`);
  const download = async (selector) => {
    const [d] = await Promise.all([page.waitForEvent('download'), page.locator(selector).first().click()]);
    return { name: d.suggestedFilename(), bytes: readFileSync(await d.path()) };
  };
  const csv = await download('[data-testid="export-csv"]');
  assert.equal(csv.name, 'repurchase-lab-cohorts.csv');
  assert.deepEqual([...csv.bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 BOM');
  const lines = csv.bytes.toString('utf8').slice(1).trim().split('\r\n');
  assert.equal(lines[0], 'table,cohort,size,offset,active,retention,revenue');
  assert.equal(lines.length, 1 + 2 * 78);
  const json = JSON.parse((await download('[data-testid="export-json"]')).bytes.toString('utf8'));
  assert.equal(json.schema_version, 1);
  assert.equal(json.scenario.habit_on, true);
  assert.equal(json.results.value, await dataValue(page, 'value'));
  assert.equal(json.results.scenario.retention[0][1], Number(await page.getAttribute('[data-testid="scenario-cohort-cell"][data-cohort="0"][data-offset="1"]', 'data-value')));
  const svg = await download('[data-testid="chain-chart"] [data-testid="export-svg"]');
  assert.equal(svg.name, 'chain-chart.svg');
  assert.match(svg.bytes.toString('utf8'), /^<svg role="img"[^>]*width="520" height="280"/);
  const png = await download('[data-testid="chain-chart"] [data-testid="export-png"]');
  assert.equal(png.name, 'chain-chart.png');
  assert.deepEqual([...png.bytes.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'PNG signature');
  assert.equal(png.bytes.readUInt32BE(16), 1040, 'width 2 × 520');
  assert.equal(png.bytes.readUInt32BE(20), 560, 'height 2 × 280');
  assert.deepEqual(problems, []);
  await context.close();
});

test('print: a clean report without controls, at most two A4 pages', async () => {
  const { page, context, problems } = await open(browser, `${server.url}#v=1&ho=1&ro=1`);
  await page.emulateMedia({ media: 'print' });
  for (const hidden of ['share-link', 'benefit-slider', 'save-scenario', 'export-csv']) {
    assert.equal(await page.locator(`[data-testid="${hidden}"]`).isVisible(), false, `${hidden} is hidden in print`);
  }
  assert.ok(await page.locator('[data-testid="diagnosis"]').isVisible());
  assert.ok(await page.locator('[data-testid="scenario-heatmap"]').isVisible());
  const pdf = (await page.pdf({ format: 'A4' })).toString('latin1');
  const pages = (pdf.match(/\/Type\s*\/Page[^s]/g) ?? []).length;
  assert.ok(pages >= 1 && pages <= 2, `${pages} pages`);
  assert.deepEqual(problems, []);
  await context.close();
});
