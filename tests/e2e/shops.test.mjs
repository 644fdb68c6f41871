// End-to-end: shop exports (issue 14). Each layout's fixture through the file
// input, recognised by its header, checked against the pandas reference in
// tests/fixtures/shops/expected.json; the status filter switched; a segment
// picked and opened; rows with extra fields reported.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, existsSync } from 'node:fs';

import { ARTIFACTS, act, open, suite } from './browser.mjs';

let server;
let browser;
const fixture = (name) => new URL(`../fixtures/${name}`, import.meta.url).pathname;

suite('/shops/', (s, b) => {
  [server, browser] = [s, b];
});

const workerDone = (page, action) => act(page, action, { status: 'import-status' });
const importFile = (page, file) => workerDone(page, () => page.locator('[data-testid="import-file"]').setInputFiles(file));
const value = (page, testid) => page.getAttribute(`[data-testid="${testid}"]`, 'data-value');

async function exported(page) {
  const [d] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="export-analysis"]')]);
  return JSON.parse(readFileSync(await d.path(), 'utf8'));
}

const expectedPath = fixture('shops/expected.json');
const expected = existsSync(expectedPath) ? JSON.parse(readFileSync(expectedPath, 'utf8')) : {};

/** The page's JSON against the reference's numbers for one layout. */
function sameAsReference(json, ref, name) {
  assert.equal(json.totals.customers, ref.customers, `${name} customers`);
  assert.equal(json.totals.rows, ref.rows, `${name} rows`);
  assert.equal(json.filtered?.count ?? 0, ref.filtered, `${name} filtered`);
  assert.equal(json.line_items ?? 0, ref.line_items, `${name} line items`);
  assert.ok(Math.abs(json.totals.revenue - ref.revenue) < 1e-6, `${name} revenue ${json.totals.revenue} vs ${ref.revenue}`);
  assert.deepEqual(
    json.cohorts.map((c) => ({ cohort: c.cohort, size: c.size, active: c.active, orders: c.orders })),
    ref.cohorts.map((c) => ({ cohort: c.cohort, size: c.size, active: c.active, orders: c.orders })),
    `${name} cohorts`,
  );
  json.cohorts.forEach((c, i) => c.revenue.forEach((r, k) => assert.ok(Math.abs(r - ref.cohorts[i].revenue[k]) < 1e-6, `${name} revenue ${c.cohort} +${k}`)));
}

for (const shop of ['shopify', 'woocommerce', 'stripe', 'taobao', 'youzan', 'jd', 'pinduoduo']) {
  test(`${shop} export: recognised, statuses left out, same numbers as pandas`, async () => {
    const { page, context, problems } = await open(browser, server.url, { locale: ['taobao', 'youzan', 'jd', 'pinduoduo'].includes(shop) ? 'zh-CN' : 'en-US' });
    assert.equal(await importFile(page, fixture(`shops/${shop}.csv`)), 'done');
    assert.equal(await value(page, 'import-format'), shop);
    assert.equal(Number(await value(page, 'skipped-rows')), 0, 'no row of a shop export is "bad"');
    const ref = expected[shop];
    assert.ok(ref, `reference numbers for ${shop}`);
    assert.equal(Number(await value(page, 'filtered-rows')), ref.filtered);
    const json = await exported(page);
    assert.equal(json.format, shop);
    sameAsReference(json, ref, shop);
    if (shop === 'shopify') {
      // Kept: every row a purchase (line items still one order each).
      await workerDone(page, () => page.check('[data-testid="filter-keep-all"]'));
      assert.equal(Number(await value(page, 'filtered-rows')), 0);
      sameAsReference(await exported(page), expected.shopify_keep_all, 'shopify kept');
      await workerDone(page, () => page.uncheck('[data-testid="filter-keep-all"]'));
      assert.equal(Number(await value(page, 'filtered-rows')), ref.filtered);
    }
    assert.deepEqual(problems, []);
    await context.close();
  });
}

test('a segment picked and opened; rows with extra fields reported', async () => {
  const { page, context, problems } = await open(browser, server.url);
  const text = [
    'customer,date,amount,city',
    'A,2024-01-05,10,Berlin', 'A,2024-01-05,1,Paris', 'B,2024-01-20,5,Paris,extra',
    'A,2024-02-01,3,Paris', 'C,2024-02-10,4,Berlin', 'B,2024-03-15,1,Berlin,x,y',
  ].join('\n');
  await page.fill('[data-testid="import-text"]', text);
  assert.equal(await workerDone(page, () => page.click('[data-testid="import-paste"]')), 'done');
  assert.equal(await value(page, 'import-format'), 'generic');
  assert.equal(Number(await value(page, 'extra-field-rows')), 2);
  assert.match(await page.textContent('[data-testid="extra-field-rows"]'), /lines 4, 7/);
  assert.equal(await page.inputValue('[data-testid="map-segment"]'), 'none');
  await workerDone(page, () => page.selectOption('[data-testid="map-segment"]', '3'));
  assert.equal(Number(await value(page, 'segments')), 2);
  assert.equal(await page.getAttribute('[data-testid="segment-0"]', 'data-segment'), 'Berlin');
  assert.equal(Number(await value(page, 'segment-customers-0')), 2);
  assert.equal(Number(await value(page, 'segment-customers-1')), 1);
  assert.equal(await page.locator('[data-testid="segment-cohort"]').count(), 0);
  await page.click('[data-testid="segment-toggle-0"]');
  assert.equal(await page.locator('[data-testid="segment-cohort"]').count(), 2);
  assert.equal(await page.getAttribute('[data-testid="segment-toggle-0"]', 'aria-expanded'), 'true');
  const json = await exported(page);
  assert.deepEqual(json.segments.map((s) => [s.segment, s.customers]), [['Berlin', 2], ['Paris', 1]]);
  assert.deepEqual(json.segments[1].mean, [1, 0, null]);
  assert.deepEqual(json.extra_fields, { count: 2, lines: [4, 7] });
  await page.locator('[data-testid="segments"]').scrollIntoViewIfNeeded();
  await page.locator('[data-testid="segments"]').screenshot({ path: `${ARTIFACTS}segments.png` });
  // The row filter: the city column's values, Paris left out.
  await workerDone(page, () => page.selectOption('[data-testid="map-filter"]', '3'));
  const values = await page.$$eval('[data-testid="filter-value"]', (es) => es.map((e) => [e.dataset.value, e.checked]));
  assert.deepEqual(values, [['Berlin', true], ['Paris', true]]);
  assert.equal(Number(await value(page, 'row-filter-rows')), 0);
  await workerDone(page, () => page.uncheck('[data-testid="filter-value"][data-value="Paris"]'));
  assert.equal(Number(await value(page, 'row-filter-rows')), 3);
  assert.match(await page.textContent('[data-testid="import-status"]'), /3 rows left out by the filter/);
  const filtered = await exported(page);
  assert.equal(filtered.row_filter.rows, 3);
  assert.equal(filtered.totals.rows, 3);
  assert.ok(!page.url().includes('Paris'), 'the filter stays out of the link');
  assert.deepEqual(problems, []);
  await context.close();
});

test('workbooks: sheet picker, title rows, same analysis as the CSV; the reader loads only then', async () => {
  const { page, context, problems } = await open(browser, server.url);
  const fetched = [];
  page.on('request', (r) => fetched.push(new URL(r.url()).pathname));
  assert.equal(await importFile(page, fixture('workbooks/orders.csv')), 'done');
  const fromCsv = await exported(page);
  assert.ok(!fetched.some((p) => p.includes('workbook-worker')), 'a CSV never fetches the workbook reader');
  assert.equal(await importFile(page, fixture('workbooks/orders.xlsx')), 'done');
  assert.ok(fetched.some((p) => p.endsWith('workbook-worker_bg.wasm')), 'the reader is fetched for a workbook');
  const sheets = await page.$$eval('[data-testid="import-sheet"] option', (os) => os.map((o) => o.value));
  assert.deepEqual(sheets, ['订单明细', 'Notes']);
  assert.equal(await page.inputValue('[data-testid="import-sheet"]'), '订单明细');
  assert.deepEqual(await exported(page), fromCsv);
  assert.equal(Number(await value(page, 'filtered-rows')), 1);
  // Another sheet: a clear message, then back.
  assert.equal(await workerDone(page, () => page.selectOption('[data-testid="import-sheet"]', 'Notes')), 'error');
  assert.equal(await workerDone(page, () => page.selectOption('[data-testid="import-sheet"]', '订单明细')), 'done');
  assert.deepEqual(await exported(page), fromCsv);
  // A shop's workbook reads as its CSV.
  assert.equal(await importFile(page, fixture('shops/taobao.csv')), 'done');
  const taobaoCsv = await exported(page);
  assert.equal(await importFile(page, fixture('workbooks/taobao.xlsx')), 'done');
  assert.equal(await value(page, 'import-format'), 'taobao');
  assert.deepEqual(await exported(page), taobaoCsv);
  // The ODS of the same rows.
  assert.equal(await importFile(page, fixture('workbooks/orders.ods')), 'done');
  const ods = await exported(page);
  assert.deepEqual(ods.cohorts, fromCsv.cohorts);
  // Not a workbook, though named one: a clear message, the page stays.
  const bad = `${ARTIFACTS}not-a-workbook.xlsx`;
  (await import('node:fs')).writeFileSync(bad, 'PK\u0003\u0004 this is not a zip');
  assert.equal(await importFile(page, bad), 'error');
  assert.match(await page.textContent('[data-testid="import-status"]'), /could not be read/);
  assert.deepEqual(problems, []);
  await context.close();
});

test('who is in a cell: click it, see its customers, download them', async () => {
  const { page, context, problems } = await open(browser, server.url);
  assert.equal(await importFile(page, fixture('basic.csv')), 'done');
  await page.locator('[data-testid="data-cohort-cell"][data-cohort="2024-01"][data-offset="0"]').scrollIntoViewIfNeeded();
  await page.click('[data-testid="data-cohort-cell"][data-cohort="2024-01"][data-offset="0"]');
  await page.waitForSelector('[data-testid="cell-customers"][data-cohort="2024-01"][data-offset="0"]');
  assert.equal(Number(await value(page, 'cell-customers')), 2);
  const ids = await page.$$eval('[data-testid="cell-customers"] tbody th', (ths) => ths.map((t) => t.textContent.replace(/[\u2068\u2069]/g, '')));
  assert.deepEqual(ids, ['A', 'B']);
  const [d] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="cell-customers-csv"]')]);
  const csv = readFileSync(await d.path(), 'utf8');
  assert.equal(csv, '\ufeffcustomer,orders,revenue\r\nA,2,15\r\nB,1,7\r\n');
  // The same by the choices (keyboard users): 2024-01, +1.
  await page.fill('[data-testid="cell-offset"]', '1');
  await page.press('[data-testid="cell-offset"]', 'Tab');
  await page.click('[data-testid="cell-show"]');
  await page.waitForSelector('[data-testid="cell-customers"][data-offset="1"]');
  assert.equal(Number(await value(page, 'cell-customers')), 1);
  assert.ok(!page.url().includes('A,'), 'no customer id in the link');
  // Retention relative to the previous period: 2024-01 is 2, 1, 1 → 100%, 50%, 100%.
  await page.selectOption('[data-testid="retention-mode"]', 'previous');
  const prev = await page.$$eval('[data-testid="data-cohort-cell"][data-cohort="2024-01"]', (es) => es.map((e) => Number(e.dataset.value)));
  assert.deepEqual(prev, [1, 0.5, 1]);
  assert.equal(Number(await page.getAttribute('[data-testid="data-mean-weighted"][data-offset="1"]', 'data-value')), 0.5);
  await page.selectOption('[data-testid="retention-mode"]', 'on');
  // Custom offset brackets: a view regrouped in the worker.
  await page.fill('[data-testid="offset-brackets"]', '0, 1-2');
  await workerDone(page, () => page.press('[data-testid="offset-brackets"]', 'Tab'));
  const brackets = await page.$$eval('[data-testid="bracket-cell"]', (es) => es.map((e) => [e.dataset.cohort, e.dataset.bracket, Number(e.dataset.active), Number(e.dataset.value)]));
  assert.deepEqual(brackets, [['2024-01', '0', 2, 1], ['2024-01', '1–2', 2, 1], ['2024-02', '0', 1, 1], ['2024-02', '1–2', 0, 0]]);
  const withBrackets = await exported(page);
  assert.deepEqual(withBrackets.brackets.labels, ['0', '1–2']);
  await page.fill('[data-testid="offset-brackets"]', '0, 3-1');
  await page.press('[data-testid="offset-brackets"]', 'Tab');
  assert.match(await page.textContent('[data-testid="offset-brackets-error"]'), /Bracket 2/);
  assert.deepEqual(problems, []);
  await context.close();
});

// A file larger than the worker's window (4 MB) is read a window at a time
// and read again from the File when the mapping changes; one that is not
// UTF-8 (GBK bytes from a Chinese back office) is read whole and decoded.
test('a large GBK file: decoded, then read again with a segment', async () => {
  const { page, context, problems } = await open(browser, server.url, { locale: 'zh-CN' });
  const gbk = readFileSync(fixture('gbk.csv'));
  const lines = [];
  for (let at = 0; at < gbk.length;) {
    const end = gbk.indexOf(0x0a, at);
    lines.push(gbk.subarray(at, end < 0 ? gbk.length : end));
    at = end < 0 ? gbk.length : end + 1;
  }
  const name = (line) => line.subarray(0, line.indexOf(0x2c)); // 张三, 李四 in GBK
  const [zhang, li] = [name(lines[1]), name(lines[2])];
  const parts = [lines[0], Buffer.from(',city\n')];
  const rows = 200_000;
  const customers = new Set();
  for (let i = 0; i < rows; i++) {
    const c = (i * 7919) % 30_000;
    customers.add(c);
    const month = 1 + (i % 12);
    parts.push(Buffer.from(`K${c},2024-${String(month).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')},${(i % 97) + 0.5},`), c % 3 ? zhang : li, Buffer.from('\n'));
  }
  const buffer = Buffer.concat(parts);
  assert.ok(buffer.length > 5 << 20, `${buffer.length} bytes`);
  const done = await workerDone(page, () => page.locator('[data-testid="import-file"]').setInputFiles({ name: 'big-gbk.csv', mimeType: 'text/csv', buffer }));
  assert.equal(done, 'done');
  assert.match(await page.textContent('[data-testid="import-status"]'), new RegExp(`${rows}`));
  await workerDone(page, () => page.selectOption('[data-testid="map-segment"]', '3'));
  assert.equal(Number(await value(page, 'segments')), 2);
  const json = await exported(page);
  assert.equal(json.totals.rows, rows);
  assert.equal(json.totals.customers, customers.size);
  // Each customer's city is the same on every row: 2 in 3 are 张三.
  const zhangs = [...customers].filter((c) => c % 3).length;
  assert.deepEqual(json.segments.map((s) => [s.segment, s.customers]).sort(), [['张三', zhangs], ['李四', customers.size - zhangs]].sort());
  assert.deepEqual(problems, []);
  await context.close();
});

test('a large UTF-8 file read in windows, then read again with a segment', async () => {
  const { page, context, problems } = await open(browser, server.url);
  const lines = ['customer,date,amount,channel,note'];
  const channels = ['web', 'app', 'store'];
  const customers = new Set();
  for (let i = 0; i < 160_000; i++) {
    const c = (i * 104_729) % 40_000;
    customers.add(c);
    // Quoted notes over two lines, ids quoted with "" inside, nicknames: records cut by the windows' edges.
    const id = c % 11 === 0 ? `"q""${c}"""` : c % 5 === 0 ? `小明${c}` : `u${c}@shop.example`;
    const note = i % 501 === 0 ? '"two\nlines, ""quoted"""' : 'n';
    lines.push(`${id},2024-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')},${(i % 89) + 0.25},${channels[c % 3]},${note}`);
  }
  const text = lines.join('\n') + '\n';
  assert.ok(Buffer.byteLength(text) > 5 << 20);
  assert.equal(await workerDone(page, () => page.locator('[data-testid="import-file"]').setInputFiles({ name: 'big.csv', mimeType: 'text/csv', buffer: Buffer.from(text) })), 'done');
  await workerDone(page, () => page.selectOption('[data-testid="map-segment"]', '3'));
  const json = await exported(page);
  assert.equal(json.totals.rows, 160_000);
  assert.equal(json.totals.customers, customers.size);
  const by = channels.map((ch, k) => [ch, [...customers].filter((c) => c % 3 === k).length]);
  assert.deepEqual(json.segments.map((s) => [s.segment, s.customers]).sort(), by.sort());
  assert.deepEqual(problems, []);
  await context.close();
});
