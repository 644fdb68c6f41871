// End-to-end: your data. Fixtures through the file input (and paste), the
// hooks read back, the analysis JSON exported and compared, and clear
// messages for files that cannot be read.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

import { act, open, suite } from './browser.mjs';

let server;
let browser;
const fixture = (name) => new URL(`../fixtures/${name}`, import.meta.url).pathname;

suite('/data/', (s, b) => {
  [server, browser] = [s, b];
});

/** Does what sends a request to the worker and waits for its own result. */
const workerDone = (page, action) => act(page, action, { status: 'import-status' });

/** Picks a file and waits for its own result. */
const importFile = (page, file) => workerDone(page, () => page.locator('[data-testid="import-file"]').setInputFiles(file));

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
  // A period switch regroups in the worker: wait for that request's own result.
  await workerDone(page, () => page.selectOption('[data-testid="data-period"]', 'week'));
  assert.equal((await cell(page, '2024-01-01', 0)).active, 1);
  await workerDone(page, () => page.selectOption('[data-testid="data-period"]', 'month'));
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
  const [c] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="export-data-csv"]')]);
  const csv = readFileSync(await c.path());
  assert.deepEqual([...csv.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
  const rows = csv.toString('utf8').slice(1).trim().split('\r\n');
  assert.equal(rows[0], 'cohort,size,offset,active,retention,revenue,orders');
  assert.equal(rows[2], '2024-01,2,1,1,0.5,3,1');
  assert.equal(rows.length, 6);
  assert.match(await page.textContent('[data-testid="lorenz-chart"]'), /20% → 56%/);
  await page.selectOption('[data-testid="trend-offset"]', '1');
  assert.equal(await page.locator('[data-testid="trend-chart"] svg circle').count(), 1, 'only 2024-01 +1 is complete');
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
  assert.equal(await workerDone(page, () => page.selectOption('[data-testid="date-order"]', 'dmy')), 'done');
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

/**
 * Puts a deterministic 1M-row transaction file (about 26 MB) into the file
 * input from inside the page — as a person's file picker would, without the
 * test driver copying 26 MB into the page — and fires `change`.
 */
async function pickBigFile(page) {
  await page.evaluate(() => {
    if (!window.bigFile) {
      const rows = 1_000_000;
      const lines = ['customer_id,date,amount'];
      let x = 12345;
      const rnd = () => ((x = (x * 1103515245 + 12345) % 2147483648) / 2147483648);
      const start = Date.UTC(2023, 0, 1);
      for (let i = 0; i < rows; i++) {
        const c = Math.floor(rnd() * rows * 0.3);
        const d = new Date(start + Math.floor((i / rows) * 720) * 86400000).toISOString().slice(0, 10);
        lines.push(`C${String(c).padStart(7, '0')},${d},${(5 + rnd() * 50).toFixed(2)}`);
      }
      window.bigFile = new File([lines.join('\n') + '\n'], 'big.csv', { type: 'text/csv' });
    }
    const input = document.querySelector('[data-testid="import-file"]');
    const dt = new DataTransfer();
    dt.items.add(window.bigFile);
    input.files = dt.files;
    window.importStarted = performance.now();
    input.dispatchEvent(new Event('change', { bubbles: true }));
  });
}

test('benchmark: 1M rows read off the main thread (progress, longest task), and cancel', async () => {
  const { page, context, problems } = await open(browser, server.url);
  await page.evaluate(() => {
    window.longTasks = [];
    new PerformanceObserver((list) => window.longTasks.push(...list.getEntries())).observe({ type: 'longtask' });
  });
  await pickBigFile(page);
  await page.waitForSelector('[data-testid="import-progress"]');
  await page.waitForSelector('[data-testid="import-status"][data-state="done"]', { timeout: 60_000 });
  const { ms, longest, size } = await page.evaluate(() => ({
    ms: performance.now() - window.importStarted,
    // Only tasks after the file was picked (building the test file is not the import).
    longest: Math.max(0, ...window.longTasks.filter((t) => t.startTime >= window.importStarted).map((t) => t.duration)),
    size: window.bigFile.size,
  }));
  console.log(`1M rows (${(size / 1e6).toFixed(1)} MB) read in the worker: ${ms.toFixed(0)} ms end to end; longest main-thread task during the import ${longest.toFixed(0)} ms`);
  assert.match(await page.textContent('[data-testid="import-status"]'), /1000000 rows/);
  // Cancel: a new import, stopped while it runs; the page keeps working.
  await pickBigFile(page);
  await page.click('[data-testid="import-cancel"]');
  await page.waitForSelector('[data-testid="import-status"][data-state="error"]');
  assert.match(await page.textContent('[data-testid="import-status"]'), /Cancelled/);
  assert.equal(await importFile(page, fixture('basic.csv')), 'done', 'a new worker after the cancel');
  assert.deepEqual(await cell(page, '2024-01', 1), { value: 0.5, active: 1, revenue: 3 });
  assert.deepEqual(problems, []);
  await context.close();
});

test('a large daily table is drawn in parts: every cell there, equal to the export', async () => {
  const { page, context, problems } = await open(browser, server.url);
  // 400 days, 25 new customers a day, some coming back: 400 daily cohorts, 80,200 cells.
  await page.evaluate(() => {
    const lines = ['customer,date,amount'];
    let x = 11;
    const rnd = () => ((x = (x * 1103515245 + 12345) % 2147483648) / 2147483648);
    const day = (d) => new Date(Date.UTC(2024, 0, 1) + d * 86400000).toISOString().slice(0, 10);
    for (let d = 0; d < 400; d++) {
      for (let c = 0; c < 25; c++) {
        lines.push(`D${d}C${c},${day(d)},${(5 + rnd() * 20).toFixed(2)}`);
        let e = d;
        while (rnd() < 0.5 && (e += 1 + Math.floor(rnd() * 60)) < 400) lines.push(`D${d}C${c},${day(e)},${(5 + rnd() * 20).toFixed(2)}`);
      }
    }
    const input = document.querySelector('[data-testid="import-file"]');
    const dt = new DataTransfer();
    dt.items.add(new File([lines.join('\n')], 'daily.csv', { type: 'text/csv' }));
    input.files = dt.files;
    input.dispatchEvent(new Event('change', { bubbles: true }));
  });
  await page.waitForSelector('[data-testid="import-status"][data-state="done"]');
  await page.evaluate(() => {
    window.longest = 0;
    new PerformanceObserver((l) => { for (const e of l.getEntries()) window.longest = Math.max(window.longest, e.duration); }).observe({ type: 'longtask' });
  });
  const t0 = Date.now();
  await workerDone(page, () => page.selectOption('[data-testid="data-period"]', 'day'));
  // The mean rows are drawn last.
  await page.waitForFunction(() => document.querySelector('[data-testid="data-mean-weighted"]') && !document.querySelector('[data-drawing]'));
  console.log(`daily table, 80,200 cells: drawn in ${Date.now() - t0} ms; longest main-thread task ${(await page.evaluate(() => window.longest)).toFixed(0)} ms`);
  assert.ok(await page.locator('.data-band').count() > 1, 'drawn in parts');
  const [d] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="export-analysis"]')]);
  const json = JSON.parse(readFileSync(await d.path(), 'utf8'));
  assert.equal(json.granularity, 'day');
  assert.equal(json.cohorts.length, 400);
  const cells = await page.$$eval('[data-testid="data-cohort-cell"]', (es) => es.map((e) => [e.dataset.cohort, Number(e.dataset.offset), Number(e.dataset.value), Number(e.dataset.active)]));
  const expected = json.cohorts.flatMap((c) => c.active.map((a, k) => [c.cohort, k, c.retention[k], a]));
  assert.equal(cells.length, 400 * 401 / 2);
  const key = (c) => `${c[0]}+${c[1]}`;
  cells.sort((a, b) => (key(a) < key(b) ? -1 : 1));
  expected.sort((a, b) => (key(a) < key(b) ? -1 : 1));
  assert.deepEqual(cells, expected);
  // The mean rows come last, once.
  assert.equal(await page.locator('[data-testid="data-mean-weighted"][data-offset="0"]').count(), 1);
  // A band far from the scroll box is left undrawn; scrolled to, it is drawn.
  const far = page.locator('.data-block').last().locator('.data-band').first();
  assert.equal(await far.getAttribute('data-shown'), null);
  await page.evaluate(() => { const w = document.querySelector('.data-wrap'); w.scrollTop = w.scrollHeight; });
  await page.waitForFunction(() => [...document.querySelectorAll('.data-block')].at(-1).querySelector('.data-band').hasAttribute('data-shown'));
  // Columns line up across the parts: a cell at the end of a block's last
  // band (2024-02-02 has offsets 0…367), its +k header and its mean.
  const lastBand = page.locator('.data-block').nth(1).locator('.data-band').last();
  await lastBand.evaluate((b) => b.scrollIntoView({ block: 'nearest', inline: 'nearest' }));
  await page.waitForFunction(() => document.querySelectorAll('.data-block')[1].lastElementChild.hasAttribute('data-shown'));
  const lefts = await page.evaluate(() => {
    const left = (e) => e.getBoundingClientRect().left;
    const head = [...document.querySelectorAll('.data-head th')].find((th) => th.textContent === '+367');
    return [
      left(document.querySelector('[data-testid="data-cohort-cell"][data-cohort="2024-02-02"][data-offset="367"]')),
      left(head),
      left(document.querySelector('[data-testid="data-mean-weighted"][data-offset="367"]')),
    ];
  });
  assert.ok(Math.abs(lefts[0] - lefts[1]) < 1.5 && Math.abs(lefts[2] - lefts[1]) < 1.5, `cell, header, mean at ${lefts}`);
  // Another period while the table is being drawn: the drawing stops cleanly.
  await workerDone(page, () => page.selectOption('[data-testid="data-period"]', 'month'));
  await workerDone(page, () => page.selectOption('[data-testid="data-period"]', 'day'));
  await page.waitForSelector('[data-drawing]');
  await workerDone(page, () => page.selectOption('[data-testid="data-period"]', 'month'));
  await page.waitForTimeout(200);
  assert.equal(await page.locator('.data-band').count(), 0);
  assert.equal(await page.locator('[data-testid="data-cohort-cell"][data-cohort="2024-01"]').count(), 14);
  assert.deepEqual(problems, []);
  await context.close();
});

test('fit the simulator to the data, then use the fit', async () => {
  const { page, context, problems } = await open(browser, server.url);
  assert.equal(await importFile(page, fixture('basic.csv')), 'done');
  await page.click('[data-testid="fit-simulator"]');
  await page.waitForSelector('[data-testid="fit-notice"]');
  // A file with two years of a shop's customers, made in the page.
  await page.evaluate(() => {
    const lines = ['customer,date,amount'];
    let x = 7;
    const rnd = () => ((x = (x * 1103515245 + 12345) % 2147483648) / 2147483648);
    for (let c = 0; c < 3000; c++) {
      let day = Math.floor(rnd() * 365);
      let p = 0.35;
      while (day < 730) {
        lines.push(`C${c},${new Date(Date.UTC(2023, 0, 1) + day * 86400000).toISOString().slice(0, 10)},${(10 + rnd() * 40).toFixed(2)}`);
        if (rnd() > p) break;
        p = Math.min(0.9, p + 0.12);
        day += 20 + Math.floor(rnd() * 30);
      }
    }
    const input = document.querySelector('[data-testid="import-file"]');
    const dt = new DataTransfer();
    dt.items.add(new File([lines.join('\n')], 'shop.csv', { type: 'text/csv' }));
    input.files = dt.files;
    input.dispatchEvent(new Event('change', { bubbles: true }));
  });
  await page.waitForSelector('[data-testid="import-status"][data-state="done"]');
  await page.click('[data-testid="fit-simulator"]');
  await page.waitForSelector('[data-testid="fit-rmse"]');
  const value = async (id) => Number(await page.getAttribute(`[data-testid="${id}"]`, 'data-value'));
  const rmse = await value('fit-rmse');
  assert.ok(rmse >= 0 && rmse < 0.1, `rmse ${rmse}`);
  const [decay, kmax, habit] = [await value('fit-decay'), await value('fit-stickiness-max'), await value('fit-habit')];
  await page.click('[data-testid="use-in-simulator"]');
  await page.waitForFunction((d) => Math.abs(Number(document.querySelector('[data-testid="decay"]').value) - d * 100) < 1e-6, decay);
  assert.ok(Math.abs(Number(await page.inputValue('[data-testid="stickiness-max"]')) - kmax * 100) < 1e-6);
  assert.ok(Math.abs(Number(await page.inputValue('[data-testid="habit-purchase"]')) - habit) < 1e-9);
  assert.equal(await page.inputValue('[data-testid="lens"]'), 'chain');
  assert.match(page.url(), /dl=/);
  assert.deepEqual(problems, []);
  await context.close();
});

test('docs/sql on DuckDB, PostgreSQL and Spark SQL: each cohort table, imported, equals the page’s own result on the raw rows', async () => {
  const { execFileSync } = await import('node:child_process');
  const { mkdtempSync, writeFileSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const dir = mkdtempSync(`${tmpdir()}/duckdb-`);
  // 30,000 rows over 14 months, made here.
  const lines = ['customer_id,date,amount'];
  let x = 99;
  const rnd = () => ((x = (x * 1103515245 + 12345) % 2147483648) / 2147483648);
  for (let i = 0; i < 30_000; i++) {
    const day = Math.floor(rnd() * 425);
    lines.push(`C${Math.floor(rnd() * 6000)},${new Date(Date.UTC(2023, 2, 1) + day * 86400000).toISOString().slice(0, 10)},${(1 + rnd() * 99).toFixed(2)}`);
  }
  const raw = `${dir}/raw.csv`;
  writeFileSync(raw, lines.join('\n') + '\n');
  const python = new URL('../../.venv/bin/python', import.meta.url).pathname;
  const duckdb = new URL('../sql/run_duckdb.py', import.meta.url).pathname;
  const postgres = new URL('../sql/run_postgres.sh', import.meta.url).pathname;
  const spark = new URL('../sql/run_spark.py', import.meta.url).pathname;
  const runs = [];
  for (const [name, file] of [['basic', fixture('basic.csv')], ['generated', raw]]) {
    runs.push([`duckdb ${name}`, file, (table) => execFileSync(python, [duckdb, file, table])]);
    // Debian's PostgreSQL server, in a throwaway cluster on a loopback port.
    runs.push([`postgresql ${name}`, file, (table) => execFileSync(postgres, [file, table])]);
    // pyspark in local mode (Java 17).
    runs.push([`spark ${name}`, file, (table) => execFileSync(python, [spark, file, table], { stdio: ['ignore', 'ignore', 'ignore'] })]);
  }
  for (const [name, file, run] of runs) {
    const table = `${dir}/${name.replace(' ', '-')}-cohorts.csv`;
    run(table);
    const { page, context, problems } = await open(browser, server.url);
    const cells = () => page.$$eval('[data-testid="data-cohort-cell"]', (els) =>
      els.map((e) => [e.dataset.cohort, e.dataset.offset, Number(e.dataset.value), Number(e.dataset.active), Number(e.dataset.revenue)]));
    assert.equal(await importFile(page, file), 'done');
    const fromRows = await cells();
    assert.equal(await importFile(page, table), 'done');
    const fromTable = await cells();
    assert.equal(fromTable.length, fromRows.length, name);
    assert.ok(fromRows.length >= 4);
    fromRows.forEach((r, i) => {
      const t = fromTable[i];
      assert.deepEqual(t.slice(0, 4), r.slice(0, 4), `${name} ${r[0]} +${r[1]}`);
      assert.ok(Math.abs(t[4] - r[4]) < 1e-6, `${name} revenue ${r[0]} +${r[1]}: ${t[4]} vs ${r[4]}`);
    });
    assert.deepEqual(problems, []);
    await context.close();
  }
});
