// End-to-end: your data. Fixtures through the file input (and paste), the
// hooks read back, the analysis JSON exported and compared, and clear
// messages for files that cannot be read.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

import { launch, open } from './browser.mjs';
import { startServer } from './server.mjs';

let server;
let browser;
const fixture = (name) => new URL(`../fixtures/${name}`, import.meta.url).pathname;

before(async () => {
  server = await startServer({ root: new URL('../../dist', import.meta.url).pathname, prefix: '/data/' });
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

async function importFile(page, file) {
  const input = page.locator('[data-testid="import-file"]');
  if (typeof file === 'string') await input.setInputFiles(file);
  else await input.setInputFiles(file);
  await page.waitForFunction(() => ['done', 'error'].includes(document.querySelector('[data-testid="import-status"]').dataset.state));
  return page.getAttribute('[data-testid="import-status"]', 'data-state');
}

const cell = (page, cohort, k) =>
  page.$eval(`[data-testid="data-cohort-cell"][data-cohort="${cohort}"][data-offset="${k}"]`, (e) => ({
    value: Number(e.dataset.value), active: Number(e.dataset.active), revenue: Number(e.dataset.revenue),
  }));

test('a CSV through the file input: cells, repeat curve, Pareto, export', async () => {
  const { page, context, problems } = await open(browser, server.url);
  assert.equal(await page.getAttribute('[data-testid="import-status"]', 'data-state'), 'idle');
  assert.equal(await importFile(page, fixture('basic.csv')), 'done');
  // The same numbers the native tests worked out by hand.
  assert.deepEqual(await cell(page, '2024-01', 0), { value: 1, active: 2, revenue: 22 });
  assert.deepEqual(await cell(page, '2024-01', 1), { value: 0.5, active: 1, revenue: 3 });
  assert.deepEqual(await cell(page, '2024-02', 0), { value: 1, active: 1, revenue: 6 });
  assert.equal(Number(await page.getAttribute('[data-testid="repeat-curve-1"]', 'data-value')), 2 / 3);
  assert.equal(Number(await page.getAttribute('[data-testid="repeat-curve-2"]', 'data-value')), 0.5);
  assert.equal(Number(await page.getAttribute('[data-testid="pareto-top20-share"]', 'data-value')), 18 / 32);
  assert.equal(Number(await page.getAttribute('[data-testid="skipped-rows"]', 'data-value')), 0);
  await page.selectOption('[data-testid="retention-mode"]', 'on-or-after');
  assert.equal((await cell(page, '2024-01', 1)).value, 1);
  await page.selectOption('[data-testid="data-period"]', 'week');
  assert.equal((await cell(page, '2024-01-01', 0)).active, 1);
  await page.selectOption('[data-testid="data-period"]', 'month');
  await page.selectOption('[data-testid="retention-mode"]', 'on');
  const [d] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="export-analysis"]')]);
  const json = JSON.parse(readFileSync(await d.path(), 'utf8'));
  const native = {
    schema_version: 1, granularity: 'month',
    cohorts: [
      { cohort: '2024-01', size: 2, active: [2, 1, 1], retention: [1, 0.5, 0.5], revenue: [22, 3, 1], orders: [3, 1, 1] },
      { cohort: '2024-02', size: 1, active: [1, 0], retention: [1, 0], revenue: [6, 0], orders: [2, 0] },
    ],
  };
  assert.deepEqual({ schema_version: json.schema_version, granularity: json.granularity, cohorts: json.cohorts }, native);
  assert.equal(json.totals.occasions, 6);
  assert.deepEqual(json.repeat_curve.slice(0, 4), [2 / 3, 0.5, 0, null]);
  assert.deepEqual(problems, []);
  await context.close();
});

test('Chinese headers, semicolons, decimal commas and dirty rows; GBK bytes; pasted rows', async () => {
  const { page, context, problems } = await open(browser, server.url, { locale: 'zh-CN' });
  assert.equal(await importFile(page, fixture('dirty-zh.csv')), 'done');
  assert.equal(Number(await page.getAttribute('[data-testid="skipped-rows"]', 'data-value')), 4);
  const skipped = await page.textContent('[data-testid="skipped-rows"]');
  for (const line of ['3: 日期无法识别', '4: 缺少客户编号', '5: 金额不是数字', '6: 字段数少于所选列']) assert.ok(skipped.includes(line), line);
  assert.equal((await cell(page, '2024-01', 0)).revenue, 1234.5);
  assert.equal(await importFile(page, fixture('gbk.csv')), 'done');
  assert.deepEqual(await cell(page, '2024-01', 1), { value: 1, active: 1, revenue: 5 });
  await page.fill('[data-testid="import-text"]', 'customer,date\nX,2024-05-01\nY,2024-05-02\nX,2024-06-03\n');
  await page.click('[data-testid="import-paste"]');
  await page.waitForSelector('[data-testid="data-cohort-cell"][data-cohort="2024-05"]');
  assert.deepEqual(await cell(page, '2024-05', 1), { value: 0.5, active: 1, revenue: 0 });
  assert.deepEqual(problems, []);
  await context.close();
});

test('ambiguous day order is asked, not guessed', async () => {
  const { page, context, problems } = await open(browser, server.url);
  assert.equal(await importFile(page, fixture('ambiguous.csv')), 'error');
  assert.match(await page.textContent('[data-testid="import-status"]'), /day-first or month-first/);
  await page.selectOption('[data-testid="date-order"]', 'mdy');
  await page.waitForSelector('[data-testid="import-status"][data-state="done"]');
  assert.equal((await cell(page, '2024-01', 0)).active, 1, 'A on 01/02 = 2 January');
  await page.selectOption('[data-testid="date-order"]', 'dmy');
  assert.equal((await cell(page, '2024-02', 0)).active, 1, 'A on 01/02 = 1 February');
  assert.deepEqual(problems, []);
  await context.close();
});

test('files that cannot be read give a clear message and keep the page working', async () => {
  const { page, context, problems } = await open(browser, server.url);
  const cases = [
    [{ name: 'empty.csv', mimeType: 'text/csv', buffer: Buffer.alloc(0) }, /empty/],
    [{ name: 'header.csv', mimeType: 'text/csv', buffer: Buffer.from('customer,date,amount\n') }, /header line but no rows/],
    [{ name: 'photo.csv', mimeType: 'text/csv', buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]) }, /not a text file/],
    [{ name: 'ids.csv', mimeType: 'text/csv', buffer: Buffer.from('customer\nC1\nC2\n') }, /only one column/],
  ];
  for (const [file, message] of cases) {
    assert.equal(await importFile(page, file), 'error', file.name);
    assert.match(await page.textContent('[data-testid="import-status"]'), message, file.name);
  }
  assert.equal(Number(await page.getAttribute('[data-testid="value"]', 'data-value')), 40, 'the calculator still works');
  assert.deepEqual(problems, []);
  await context.close();
});
