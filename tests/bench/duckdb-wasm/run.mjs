// The app's CSV import against DuckDB-WASM, on the same file, in the same
// headless Chromium, end to end (README.md beside this file).
//   node tests/bench/duckdb-wasm/run.mjs FILE.csv [repeats]
// Needs the app built in dist/ (./scripts/build) and `npm ci` run in this
// folder once; builds the DuckDB page (build.mjs) when it is missing or stale.
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';

import { launch, open } from '../../e2e/browser.mjs';
import { startServer } from '../../e2e/server.mjs';
import { DIST, OUTPUTS, SOURCES, build } from './build.mjs';

const [fileArg, repeatsArg] = process.argv.slice(2);
if (!fileArg) {
  console.error('usage: node tests/bench/duckdb-wasm/run.mjs FILE.csv [repeats]');
  process.exit(2);
}
const file = resolve(fileArg);
const repeats = Number(repeatsArg ?? 3);
const TIMEOUT = 600_000;
const APP_DIST = new URL('../../../dist/', import.meta.url).pathname;
if (!existsSync(`${APP_DIST}index.html`)) throw new Error(`no app build in ${APP_DIST} (run ./scripts/build)`);
if (!existsSync(new URL('./node_modules/@duckdb/duckdb-wasm/package.json', import.meta.url))) {
  throw new Error('run `npm ci` in tests/bench/duckdb-wasm first');
}

// Build the page when an output is missing or older than a source.
const mtime = (f) => (existsSync(f) ? statSync(f).mtimeMs : -Infinity);
const newest = Math.max(...SOURCES.map(mtime));
if (OUTPUTS.some((f) => mtime(f) < newest)) {
  console.log('building the DuckDB page (build.mjs)');
  await build();
}

// One server: the app at /lab/ (from dist/, as the e2e suite serves it),
// the DuckDB page at /duckdb/; every file with the app's strict CSP header.
const TYPES = { html: 'text/html; charset=utf-8', js: 'text/javascript; charset=utf-8', wasm: 'application/wasm' };
const extraRoutes = {};
for (const f of OUTPUTS.map((p) => basename(p))) {
  extraRoutes[`/duckdb/${f}`] = { type: TYPES[f.split('.').pop()], body: readFileSync(DIST + f) };
}
extraRoutes['/duckdb/'] = extraRoutes['/duckdb/page.html'];
const server = await startServer({ root: APP_DIST, prefix: '/lab/', extraRoutes });
const origin = `http://${server.host}`;
const browser = await launch();

// open() makes its own context: hand it a browser whose contexts log every
// request (pages and their workers) from the first one on.
function logging(requests) {
  return {
    newContext: async (options) => {
      const context = await browser.newContext(options);
      context.on('request', (r) => requests.push(r.url()));
      return context;
    },
  };
}
const foreign = (requests) => requests.filter((u) => !u.startsWith(`${origin}/`) && !/^(data|blob):/.test(u));

const ms = (t) => `${t.toFixed(0)} ms`;
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/// Our app: a fresh context, the page ready, then the file set on the input
/// twice (cold, warm). In-page time: the input's change event (a capturing
/// listener on the document, so before the app's own) to the DOM mutation
/// that shows the table (import-status done and a data-cohort-cell present).
async function ours() {
  const requests = [];
  const o0 = Date.now();
  const { page, context, problems } = await open(logging(requests), server.url);
  const openMs = Date.now() - o0;
  const out = { openMs };
  // As DuckDB's query is timed after it is instantiated, the file is picked
  // once the page is up (its import worker starts when the page is idle).
  await page.waitForTimeout(Number(process.env.SETTLE ?? 1500));
  for (const run of ['cold', 'warm']) {
    await page.evaluate(() => {
      const status = () => document.querySelector('[data-testid="import-status"]');
      const before = Number(status()?.dataset.run ?? 0);
      const b = (window.__bench = { t0: null, t1: null, state: null });
      const onChange = (e) => {
        if (b.t0 === null && e.target.matches?.('[data-testid="import-file"]')) b.t0 = performance.now();
      };
      document.addEventListener('change', onChange, true);
      const check = () => {
        const s = status();
        if (!s || Number(s.dataset.run) <= before) return;
        const done = s.dataset.state === 'done' && document.querySelector('[data-testid="data-cohort-cell"]');
        if (done || s.dataset.state === 'error') {
          b.t1 = performance.now();
          b.state = s.dataset.state;
          mo.disconnect();
          document.removeEventListener('change', onChange, true);
        }
      };
      const mo = new MutationObserver(check);
      mo.observe(document.documentElement, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-run', 'data-state'] });
    });
    const w0 = Date.now();
    await page.locator('[data-testid="import-file"]').setInputFiles(file);
    await page.waitForFunction(() => window.__bench.t1 !== null, null, { timeout: TIMEOUT, polling: 'raf' });
    const wallMs = Date.now() - w0;
    const b = await page.evaluate(() => window.__bench);
    if (b.state !== 'done') throw new Error(`app import ${run}: ${await page.textContent('[data-testid="import-status"]')}`);
    out[run] = { ms: b.t1 - b.t0, wallMs };
  }
  out.status = (await page.textContent('[data-testid="import-status"]')).trim();
  out.cells = await page.$$eval('[data-testid="data-cohort-cell"]', (els) =>
    els.map((e) => [e.dataset.cohort, Number(e.dataset.offset), Number(e.dataset.active), e.dataset.revenue === '' ? null : Number(e.dataset.revenue)]));
  out.problems = problems;
  out.requests = requests;
  await context.close();
  return out;
}

/// DuckDB-WASM: a fresh context, the bench page ready, DuckDB instantiated
/// (worker, wasm fetched and compiled, connection), then the file set on
/// the input twice (cold: the first query; warm). In-page time: the change
/// event to the result rows in JS (page.js).
async function duck() {
  const requests = [];
  const o0 = Date.now();
  const { page, context, problems } = await open(logging(requests), `${origin}/duckdb/`, { waitFor: 'html[data-ready]' });
  const openMs = Date.now() - o0;
  const i0 = Date.now();
    const inst = await page.evaluate(() => window.duckBench.instantiate());
  const out = { openMs, instantiate: { ...inst, wallMs: Date.now() - i0 } };
  for (const run of ['cold', 'warm']) {
    const prev = await page.evaluate(() => window.duckBench.last?.run ?? 0);
    const w0 = Date.now();
    await page.locator('[data-testid="duckdb-file"]').setInputFiles(file);
    await page.waitForFunction((r) => (window.duckBench.last?.run ?? 0) > r, prev, { timeout: TIMEOUT, polling: 'raf' });
    const wallMs = Date.now() - w0;
    const last = await page.evaluate(() => window.duckBench.last);
    if (last.error) throw new Error(`duckdb ${run}: ${last.error}`);
    out[run] = { ms: last.ms, wallMs, registerMs: last.registerMs, queryMs: last.queryMs, fetchMs: last.fetchMs };
    out.rows = last.rows;
  }
  out.problems = problems;
  out.requests = requests;
  await context.close();
  return out;
}

/// DuckDB's rows against the app's cells: every row has its cell with the
/// same active count and revenue (1e-6 relative); a cell with no row must
/// have no active customer (docs/sql leaves such cells out).
function compare(cells, rows) {
  const byKey = new Map(cells.map((c) => [`${c[0]}|${c[1]}`, c]));
  const seen = new Set();
  for (const [cohort, offset, active, revenue] of rows) {
    const key = `${cohort}|${offset}`;
    const c = byKey.get(key);
    if (!c) return { ok: false, n: seen.size, mismatch: `DuckDB ${cohort} +${offset} (active ${active}, revenue ${revenue}) has no cell in the app` };
    seen.add(key);
    const rel = Math.abs(c[3] - revenue) / Math.max(Math.abs(c[3]), Math.abs(revenue), 1e-300);
    if (c[2] !== active || !(rel <= 1e-6 || c[3] === revenue)) {
      return { ok: false, n: seen.size - 1, mismatch: `${cohort} +${offset}: app active ${c[2]} revenue ${c[3]}, DuckDB active ${active} revenue ${revenue}` };
    }
  }
  for (const c of cells) {
    if (!seen.has(`${c[0]}|${c[1]}`) && c[2] !== 0) return { ok: false, n: seen.size, mismatch: `app ${c[0]} +${c[1]} (active ${c[2]}) has no DuckDB row` };
  }
  return { ok: true, n: seen.size, empty: cells.length - seen.size };
}

const size = statSync(file).size;
console.log(`${file}: ${(size / 1e6).toFixed(1)} MB, ${repeats} × (app, DuckDB-WASM), each in a fresh context; Chromium ${browser.version()}`);
const results = { file, bytes: size, repeats, chromium: browser.version(), ours: [], duck: [] };
let agreement = null;
let allLocal = true;
for (let i = 1; i <= repeats; i++) {
  const a = await ours();
  console.log(`#${i} app:    page ready ${ms(a.openMs)} | cold ${ms(a.cold.ms)} (wall ${ms(a.cold.wallMs)}) | warm ${ms(a.warm.ms)} (wall ${ms(a.warm.wallMs)}) | ${a.cells.length} cells`);
  const d = await duck();
  const coldE2e = d.instantiate.ms + d.cold.ms;
  console.log(`#${i} DuckDB: page ready ${ms(d.openMs)} | instantiate ${ms(d.instantiate.ms)} (wasm ${ms(d.instantiate.instantiateMs)}, connect ${ms(d.instantiate.connectMs)}) | cold ${ms(d.cold.ms)} (wall ${ms(d.cold.wallMs)}; register ${ms(d.cold.registerMs)}, query ${ms(d.cold.queryMs)}, rows ${ms(d.cold.fetchMs)}) | cold end to end ${ms(coldE2e)} | warm ${ms(d.warm.ms)} (wall ${ms(d.warm.wallMs)}) | ${d.rows.length} rows`);
  const cmp = compare(a.cells, d.rows);
  if (!cmp.ok) console.log(`#${i} cells disagree: ${cmp.mismatch} (after ${cmp.n} agreeing)`);
  if (agreement === null || !cmp.ok) agreement = cmp;
  for (const [who, r] of [['app', a], ['DuckDB', d]]) {
    const bad = foreign(r.requests);
    if (bad.length) {
      allLocal = false;
      console.log(`#${i} ${who}: requests off the local server: ${bad.join(', ')}`);
    }
    if (r.problems.length) console.log(`#${i} ${who}: problems: ${r.problems.join('; ')}`);
  }
  if (i === 1) {
    const paths = [...new Set(d.requests.map((u) => u.replace(origin, '')))];
    console.log(`#${i} DuckDB page requests (${d.requests.length}): ${paths.join(' ')}`);
  }
  results.ours.push({ openMs: a.openMs, cold: a.cold, warm: a.warm, cells: a.cells.length, requests: a.requests.length, problems: a.problems, status: a.status });
  results.duck.push({ openMs: d.openMs, instantiate: d.instantiate, cold: d.cold, coldE2eMs: coldE2e, warm: d.warm, rows: d.rows.length, requests: d.requests.length, problems: d.problems });
}

const col = (xs, f) => median(xs.map(f));
const m = {
  oursCold: col(results.ours, (r) => r.cold.ms),
  oursWarm: col(results.ours, (r) => r.warm.ms),
  oursColdWall: col(results.ours, (r) => r.cold.wallMs),
  oursWarmWall: col(results.ours, (r) => r.warm.wallMs),
  oursOpen: col(results.ours, (r) => r.openMs),
  duckInst: col(results.duck, (r) => r.instantiate.ms),
  duckCold: col(results.duck, (r) => r.cold.ms),
  duckColdE2e: col(results.duck, (r) => r.coldE2eMs),
  duckWarm: col(results.duck, (r) => r.warm.ms),
  duckColdWall: col(results.duck, (r) => r.cold.wallMs),
  duckWarmWall: col(results.duck, (r) => r.warm.wallMs),
};
results.medians = m;
results.ratios = { cold: m.duckCold / m.oursCold, coldE2e: m.duckColdE2e / m.oursCold, warm: m.duckWarm / m.oursWarm };
console.log(`medians of ${repeats} (in-page, change event → result):`);
console.log(`  app:    cold ${ms(m.oursCold)} (wall ${ms(m.oursColdWall)}), warm ${ms(m.oursWarm)} (wall ${ms(m.oursWarmWall)}); page ready ${ms(m.oursOpen)}`);
console.log(`  DuckDB: instantiate ${ms(m.duckInst)}, cold query ${ms(m.duckCold)} (wall ${ms(m.duckColdWall)}), cold end to end ${ms(m.duckColdE2e)}, warm ${ms(m.duckWarm)} (wall ${ms(m.duckWarmWall)})`);
console.log(`ratio DuckDB/app: cold ${results.ratios.cold.toFixed(2)}×, cold end to end (with instantiate) ${results.ratios.coldE2e.toFixed(2)}×, warm ${results.ratios.warm.toFixed(2)}×`);
console.log(agreement.ok ? `cells agree: ${agreement.n}${agreement.empty ? ` (+${agreement.empty} app cells with no active customer, absent from DuckDB's rows)` : ''}` : `cells disagree: ${agreement.mismatch}`);
console.log(allLocal ? `requests: all to ${origin}` : 'requests: some went off the local server (see above)');
results.agreement = agreement;
results.allLocal = allLocal;
const json = `${DIST}results-${basename(file)}.json`;
writeFileSync(json, `${JSON.stringify(results, null, 2)}\n`);
console.log(`results: ${json}`);
await browser.close();
await server.close();
process.exitCode = agreement.ok && allLocal ? 0 : 1;
