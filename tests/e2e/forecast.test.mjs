// End-to-end: forecasts. The CDNOW sample through the file input, calibration
// end 1997-09-30 in weeks, must show the published BG/NBD and Gamma-Gamma
// estimates through the CONTRACT hooks; a customer lookup answers; the sBG
// textarea reproduces Fader & Hardie's estimates and names a bad item.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { act, open, suite } from './browser.mjs';

let server;
let browser;
const cdnow = new URL('../fixtures/cdnow/CDNOW_sample.txt', import.meta.url).pathname;

suite('/fc/', (s, b) => {
  [server, browser] = [s, b];
});

const value = async (page, id) => Number(await page.getAttribute(`[data-testid="${id}"]`, 'data-value'));

/** Runs `action` and waits for the forecast it causes. */
const forecastAfter = (page, action) => act(page, action, { status: 'forecast-status' });

test('CDNOW in the page gives the published BG/NBD and Gamma-Gamma estimates', async () => {
  const { page, problems } = await open(browser, server.url);
  assert.equal(await page.locator('[data-testid="forecast-needs-data"]').count(), 1);
  await forecastAfter(page, () => page.locator('[data-testid="import-file"]').setInputFiles(cdnow));
  // Columns: master id, sample id, date, CDs, dollars — the dollars are the spend.
  await forecastAfter(page, () => page.selectOption('[data-testid="map-amount"]', '4'));
  // The default is the middle of the data's dates — for CDNOW the paper's own split.
  if ((await page.inputValue('[data-testid="calibration-end"]')) !== '1997-09-30') {
    await forecastAfter(page, () => page.fill('[data-testid="calibration-end"]', '1997-09-30'));
  }
  assert.equal(await page.inputValue('[data-testid="forecast-unit"]'), 'week');
  const fixed = async (id, d) => (await value(page, id)).toFixed(d);
  assert.equal(await fixed('bgnbd-r', 3), '0.243');
  assert.equal(await fixed('bgnbd-alpha', 3), '4.414');
  assert.equal(await fixed('bgnbd-a', 3), '0.793');
  assert.equal(await fixed('bgnbd-b', 3), '2.426');
  assert.equal(await fixed('bgnbd-ll', 1), '-9582.4');
  assert.equal(await fixed('gg-p', 2), '6.25');
  assert.equal(await fixed('gg-q', 2), '3.74');
  assert.equal(await fixed('gg-v', 2), '15.44');
  // The paper's worked customer: x = 2, t_x = 30.43, T = 38.86 → 1.226 in 39 weeks.
  await forecastAfter(page, () => page.fill('[data-testid="forecast-horizon"]', '39').then(() => page.press('[data-testid="forecast-horizon"]', 'Tab')));
  // Their ids: master 00004, sample 0001 (whichever column holds the customer).
  const byMaster = (await page.inputValue('[data-testid="map-customer"]')) === '0';
  await page.fill('[data-testid="customer-lookup"]', byMaster ? '00004' : '0001');
  await page.waitForSelector('[data-testid="customer-expected"]');
  assert.equal((await value(page, 'customer-expected')).toFixed(3), '1.226');
  const alive = await value(page, 'customer-p-alive');
  assert.ok(alive > 0 && alive < 1, String(alive));
  await page.fill('[data-testid="customer-lookup"]', 'nobody');
  await page.waitForSelector('[data-testid="customer-notice"]');
  // Charts and tables drawn.
  for (const id of ['alive-chart', 'tracking-chart', 'clv-chart', 'alive-grid', 'expected-grid', 'top-customers', 'holdout-by-frequency']) {
    assert.equal(await page.locator(`[data-testid="${id}"]`).count(), 1, id);
  }
  // The worker's charts download like the page's own: the SVG as drawn, a 2× PNG.
  const download = async (selector) => {
    const [d] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
    const { readFile } = await import('node:fs/promises');
    return { name: d.suggestedFilename(), bytes: await readFile(await d.path()) };
  };
  const svg = await download('[data-testid="clv-chart"] [data-testid="export-svg"]');
  assert.equal(svg.name, 'clv-chart.svg');
  assert.match(svg.bytes.toString('utf8'), /^<svg [^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"[\s\S]*<\/svg>$/);
  const png = await download('[data-testid="alive-chart"] [data-testid="export-png"]');
  assert.equal(png.name, 'alive-chart.png');
  assert.equal(png.bytes.subarray(1, 4).toString('latin1'), 'PNG');
  assert.equal(png.bytes.readUInt32BE(16), 1040); // 520 px drawn at 2×
  // Every customer's forecast as CSV: one line per customer, the lookup's numbers.
  const csv = await download('[data-testid="export-customers"]');
  assert.equal(csv.name, 'repurchase-lab-customers.csv');
  const lines = csv.bytes.toString('utf8').trimEnd().split('\r\n');
  assert.equal(lines[0], '\ufeffcustomer,x,t_x_weeks,T_weeks,p_alive,expected_purchases_39_weeks,expected_spend,clv');
  assert.equal(lines.length, 1 + 2357);
  const mine = lines.find((line) => line.startsWith(byMaster ? '00004,' : '0001,')).split(',');
  assert.deepEqual(mine.slice(1, 4).map((v, i) => Number(v).toFixed(i ? 2 : 0)), ['2', '30.43', '38.86']);
  assert.equal(Number(mine[5]).toFixed(3), '1.226');
  // BG/NBD's standard errors as lifetimes' summary prints them, and the
  // 95 % interval as estimate ± 1.96 SE.
  assert.deepEqual(
    await Promise.all(['bgnbd-r-se', 'bgnbd-alpha-se', 'bgnbd-a-se', 'bgnbd-b-se'].map((h) => fixed(h, 2))),
    ['0.01', '0.38', '0.19', '0.71'],
  );
  // Gamma-Gamma's standard errors, and intervals on the forecasts
  // themselves (delta method): each total sits inside its 95 % interval,
  // and the tracking chart (and its SVG download) carries the model's band.
  for (const hook of ['gg-p', 'gg-q', 'gg-v', 'expected-purchases', 'holdout-predicted', 'clv-total']) {
    const [v, se, lo, hi] = await Promise.all(['', '-se', '-lower', '-upper'].map((k) => value(page, hook + k)));
    assert.ok(se > 0 && lo < v && v < hi && Math.abs(hi - lo - 2 * 1.96 * se) < 1e-6 * hi, `${hook}: ${lo} ${v} ${hi}`);
  }
  assert.equal(await page.locator('[data-testid="bands-about"]').count(), 1);
  const tracking = await download('[data-testid="tracking-chart"] [data-testid="export-svg"]');
  assert.match(tracking.bytes.toString('utf8'), /<polygon opacity="0\.22" [^>]*points="/);
  assert.match(tracking.bytes.toString('utf8'), /95 % interval/);
  await page.$eval('[data-testid="expected-purchases"]', (el) => el.scrollIntoView({ block: 'center' }));
  await page.locator('.outputs:has([data-testid="expected-purchases"])').screenshot({ path: new URL('./artifacts/forecast-intervals.png', import.meta.url).pathname });
  await page.$eval('[data-testid="tracking-chart"]', (el) => el.scrollIntoView({ block: 'center' }));
  await page.locator('[data-testid="tracking-chart"]').screenshot({ path: new URL('./artifacts/tracking-band.png', import.meta.url).pathname });
  const r = await value(page, 'bgnbd-r');
  assert.ok(Math.abs(await value(page, 'bgnbd-r-lower') - (r - 1.96 * await value(page, 'bgnbd-r-se'))) < 1e-12);
  // Which model to believe, on request: Pareto/NBD and MBG/NBD from the same
  // rows, to the printed digits (Fader, Hardie & Lee's note; BTYDplus).
  await page.click('[data-testid="compare-models"]');
  await page.waitForSelector('[data-testid="comparison"] [data-testid="forecast-best"]', { timeout: 60_000 });
  assert.deepEqual(
    await Promise.all(['pnbd-r', 'pnbd-alpha', 'pnbd-s', 'pnbd-beta'].map((h) => fixed(h, 3))),
    ['0.553', '10.578', '0.606', '11.669'],
  );
  assert.equal(await fixed('pnbd-ll', 2), '-9594.98');
  assert.deepEqual(
    await Promise.all(['mbgnbd-r', 'mbgnbd-alpha', 'mbgnbd-a', 'mbgnbd-b'].map((h) => fixed(h, 3))),
    ['0.525', '6.183', '0.891', '1.614'],
  );
  assert.ok(Number(await page.getAttribute('[data-testid="pnbd-beta-se"]', 'data-value')) > 0);
  assert.equal(await page.getAttribute('[data-testid="comparison"] [data-testid="forecast-best"]', 'data-value'), 'pnbd');
  // The comparison as CSV, and every customer's forecast under every model.
  const table = await download('[data-testid="export-comparison"]');
  assert.equal(table.name, 'model-comparison.csv');
  const rows = table.bytes.toString('utf8').trimEnd().split('\r\n');
  assert.equal(rows[0], '\ufeffmodel,status,quantity,value,se,lower,upper');
  assert.equal(Number(rows.find((r) => r.startsWith('pnbd,fitted,beta,')).split(',')[3]).toFixed(3), '11.669');
  assert.ok(rows.includes('pnbd,best,,,,,'));
  const all = (await download('[data-testid="export-customers"]')).bytes.toString('utf8').trimEnd().split('\r\n');
  assert.match(all[0], /,clv,pnbd_p_alive,pnbd_expected_purchases_39_weeks,mbgnbd_p_alive,mbgnbd_expected_purchases_39_weeks$/);
  assert.equal(all.length, 1 + 2357);
  // Too early a calibration end: a clear message, not a crash.
  assert.equal(await forecastAfter(page, () => page.fill('[data-testid="calibration-end"]', '1997-01-01')), 'error');
  assert.match(await page.textContent('[data-testid="forecast-status"]'), /choose a later date/);
  // Chinese: the same numbers, drawn again in the other language.
  await forecastAfter(page, () => page.fill('[data-testid="calibration-end"]', '1997-09-30'));
  await forecastAfter(page, () => page.selectOption('[data-testid="language"]', 'zh'));
  assert.equal(await fixed('bgnbd-r', 3), '0.243');
  assert.match(await page.textContent('[data-testid="forecast-status"]'), /位客户/);
  await page.screenshot({ path: new URL('./artifacts/forecast-zh.png', import.meta.url).pathname, fullPage: true });
  assert.deepEqual(problems, []);
});

test('sBG: pasted survivors give the published estimates; a bad item is named', async () => {
  const { page, problems } = await open(browser, server.url);
  const fitted = async (text) => {
    await page.fill('[data-testid="sbg-survivors"]', text);
    await page.waitForFunction((t) => {
      const a = document.querySelector('[data-testid="sbg-alpha"]');
      return a && document.querySelector('[data-testid="sbg-survivors"]').value === t;
    }, text);
  };
  // Untouched, the example is fitted once the panel is in view.
  assert.equal(await page.locator('[data-testid="sbg-alpha"]').count(), 0);
  await page.locator('[data-testid="sbg-survivors"]').scrollIntoViewIfNeeded();
  await page.waitForFunction(() => Number(document.querySelector('[data-testid="sbg-beta"]')?.dataset.value).toFixed(3) === '1.182');
  await fitted('1000, 869, 743, 653, 593, 551, 517, 491');
  await page.waitForFunction(() => Number(document.querySelector('[data-testid="sbg-beta"]')?.dataset.value).toFixed(3) === '3.806');
  assert.equal((await value(page, 'sbg-alpha')).toFixed(3), '0.668');
  await fitted('1000, 631, 468, 382, 326, 289, 262, 241');
  await page.waitForFunction(() => Number(document.querySelector('[data-testid="sbg-beta"]')?.dataset.value).toFixed(3) === '1.182');
  assert.equal((await value(page, 'sbg-alpha')).toFixed(3), '0.704');
  // S(t) recursion, written independently: S(1) = β/(α+β), S(t) = S(t−1)(β+t−1)/(α+β+t−1).
  const a = await value(page, 'sbg-alpha');
  const b = await value(page, 'sbg-beta');
  let s = 1;
  for (let t = 1; t <= 12; t++) {
    s *= (b + t - 1) / (a + b + t - 1);
    assert.ok(Math.abs((await value(page, `sbg-survival-${t}`)) - s) < 1e-9, `S(${t})`);
  }
  await page.fill('[data-testid="sbg-survivors"]', '1000, 631, x, 382');
  await page.waitForSelector('[data-testid="sbg-error"]');
  assert.match(await page.textContent('[data-testid="sbg-error"]'), /Item 3/);
  await page.click('[data-testid="sbg-from-simulator"]');
  await page.waitForSelector('[data-testid="sbg-alpha"]');
  assert.deepEqual(problems, []);
});

test('customer summary tables: CDNOW summarised gives BG/NBD; the donations table pasted gives BG/BB', async () => {
  const { readFileSync } = await import('node:fs');
  const { page, problems } = await open(browser, server.url);
  const summary = new URL('../fixtures/cdnow/cdnow_summary.csv', import.meta.url).pathname;
  // BG/NBD shows first, while the other models are fitted (a first look).
  await page.evaluate(() => {
    window.firstLook = null;
    new MutationObserver(() => {
      const r = document.querySelector('[data-testid="forecast-first"] [data-testid="bgnbd-r"]');
      if (r && window.firstLook === null) window.firstLook = r.dataset.value;
    }).observe(document.body, { subtree: true, childList: true });
  });
  await forecastAfter(page, () => page.locator('[data-testid="import-file"]').setInputFiles(summary));
  assert.equal(await page.evaluate(() => window.firstLook), await page.getAttribute('[data-testid="bgnbd-r"]', 'data-value'), 'the first look is the final BG/NBD');
  assert.equal(await page.locator('[data-testid="forecast-first"]').count(), 0, 'the first look gives way to the report');
  assert.equal(await page.getAttribute('[data-testid="import-status"]', 'data-state'), 'done');
  assert.match(await page.textContent('[data-testid="import-status"]'), /summary table/);
  assert.equal(await page.getAttribute('[data-testid="forecast-status"]', 'data-state'), 'done');
  const fixed = async (id, d) => (await value(page, id)).toFixed(d);
  assert.equal(await fixed('bgnbd-r', 3), '0.243');
  assert.equal(await fixed('bgnbd-alpha', 3), '4.414');
  assert.equal(await fixed('bgnbd-a', 3), '0.793');
  assert.equal(await fixed('bgnbd-b', 3), '2.426');
  assert.ok((await value(page, 'bgnbd-r-se')) > 0);
  for (const hook of ['pnbd-r', 'pnbd-alpha', 'pnbd-s', 'pnbd-beta', 'mbgnbd-r', 'mbgnbd-b', 'gg-p', 'forecast-best']) {
    assert.equal(await page.locator(`[data-testid="${hook}"]`).count(), 1, hook);
  }
  // Fader, Hardie & Shang (2010): α 1.204, β 0.750, γ 0.657, δ 2.783, LL −33,225.6.
  const donations = readFileSync(new URL('../fixtures/donations/donations.csv', import.meta.url), 'utf8');
  await page.fill('[data-testid="import-text"]', donations);
  await forecastAfter(page, () => page.click('[data-testid="import-paste"]'));
  assert.equal(await fixed('bgbb-alpha', 3), '1.204');
  assert.equal(await fixed('bgbb-beta', 3), '0.750');
  assert.equal(await fixed('bgbb-gamma', 3), '0.657');
  assert.equal(await fixed('bgbb-delta', 3), '2.783');
  assert.equal(await fixed('bgbb-ll', 1), '-33225.6');
  assert.ok((await value(page, 'bgbb-alpha-se')) > 0);
  assert.equal(await page.getAttribute('[data-testid="forecast-best"]', 'data-value'), 'bgbb');
  // A bad line says where.
  await page.fill('[data-testid="import-text"]', 'frequency,recency,periods,weights\n1,1,6,10\n3,2,6,4\n');
  await forecastAfter(page, () => page.click('[data-testid="import-paste"]'));
  assert.equal(await page.getAttribute('[data-testid="forecast-status"]', 'data-state'), 'error');
  assert.match(await page.textContent('[data-testid="forecast-status"]'), /Line 3, column recency/);
  assert.deepEqual(problems, []);
});

test('docs/sql summary tables on DuckDB, PostgreSQL and Spark SQL fit to the same BG/NBD and Gamma-Gamma as the raw rows', async () => {
  const { execFileSync } = await import('node:child_process');
  const { mkdtempSync, writeFileSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const dir = mkdtempSync(`${tmpdir()}/summary-`);
  // 3,000 customers over 10 months, as BG/NBD tells it: each buys at their
  // own rate (exponential gaps), spends around their own typical amount,
  // and drops out after a purchase with their own probability.
  const lines = ['customer_id,date,amount'];
  let x = 7;
  const rnd = () => ((x = (x * 1103515245 + 12345) % 2147483648) / 2147483648);
  let y = 11;
  const spendRnd = () => ((y = (y * 1103515245 + 12345) % 2147483648) / 2147483648);
  const start = Date.UTC(2024, 0, 1);
  for (let c = 0; c < 3000; c++) {
    const rate = 1 / (8 + rnd() * 90);
    const drop = 0.05 + 0.5 * rnd();
    // Each customer's own typical spend, so Gamma-Gamma has something to find.
    const typical = 8 + 120 * spendRnd() ** 2;
    let day = Math.floor(rnd() * 200);
    while (day < 300) {
      lines.push(`U${c},${new Date(start + day * 86400000).toISOString().slice(0, 10)},${(typical * (0.4 + 1.2 * rnd())).toFixed(2)}`);
      if (rnd() < drop) break;
      day += Math.ceil(-Math.log(1 - rnd()) / rate);
    }
  }
  const raw = `${dir}/raw.csv`;
  writeFileSync(raw, lines.join('\n') + '\n');
  const last = lines.slice(1).map((l) => l.split(',')[1]).sort().at(-1);
  const python = new URL('../../.venv/bin/python', import.meta.url).pathname;
  const sql = (name) => new URL(`../../docs/sql/${name}`, import.meta.url).pathname;
  // Each engine writes the pattern table (summary_*.sql) and the one with
  // spend (summary_spend_*.sql, for Gamma-Gamma too).
  const quiet = { stdio: ['ignore', 'ignore', 'ignore'] };
  const engines = {
    duckdb: (query, out) => execFileSync(python, [new URL('../sql/run_duckdb.py', import.meta.url).pathname, raw, out, sql(query)], quiet),
    postgresql: (query, out) => execFileSync(new URL('../sql/run_postgres.sh', import.meta.url).pathname, [raw, out, sql(query)], quiet),
    spark: (query, out) => execFileSync(python, [new URL('../sql/run_spark.py', import.meta.url).pathname, raw, out, sql(query)], quiet),
  };
  const { page, problems } = await open(browser, server.url);
  // The raw rows, in days, calibration to the last date (the tables' definition).
  await forecastAfter(page, () => page.locator('[data-testid="import-file"]').setInputFiles(raw));
  await forecastAfter(page, () => page.selectOption('[data-testid="forecast-unit"]', 'day'));
  if ((await page.inputValue('[data-testid="calibration-end"]')) !== last) {
    await forecastAfter(page, () => page.fill('[data-testid="calibration-end"]', last));
  }
  assert.equal(await page.getAttribute('[data-testid="forecast-status"]', 'data-state'), 'done', await page.textContent('[data-testid="forecast-status"]'));
  const params = ['bgnbd-r', 'bgnbd-alpha', 'bgnbd-a', 'bgnbd-b', 'bgnbd-ll'];
  const spend = ['gg-p', 'gg-q', 'gg-v'];
  const fromRows = {};
  for (const p of [...params, ...spend]) fromRows[p] = await value(page, p);
  assert.ok(Object.values(fromRows).every(Number.isFinite), JSON.stringify(fromRows));
  // A Gamma-Gamma the data pin down (not one run off along a ridge).
  assert.ok(spend.every((p) => fromRows[p] > 0 && fromRows[p] < 1e3), JSON.stringify(fromRows));
  for (const [engine, run] of Object.entries(engines)) {
    for (const [query, hooks] of [[`summary_${engine}.sql`, params], [`summary_spend_${engine}.sql`, [...params, ...spend]]]) {
      const out = `${dir}/${query}.csv`;
      run(query, out);
      await forecastAfter(page, () => page.locator('[data-testid="import-file"]').setInputFiles(out));
      assert.equal(await page.getAttribute('[data-testid="forecast-status"]', 'data-state'), 'done', query);
      for (const p of hooks) {
        const v = await value(page, p);
        assert.ok(Math.abs(v - fromRows[p]) <= 1e-6 * Math.abs(fromRows[p]), `${query} ${p}: ${v} vs ${fromRows[p]}`);
      }
      if (hooks === params) assert.equal(await page.locator('[data-testid="gg-p"]').count(), 0, `${query}: no spend, no Gamma-Gamma`);
    }
  }
  assert.deepEqual(problems, []);
});
