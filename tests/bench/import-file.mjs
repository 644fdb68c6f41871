// Browser benchmark: import a big transaction file through the file input and
// report the time and the peak memory of the tab's renderer processes.
//   python3 ../shared/tools/gen_transactions.py --rows 5000000 --customers 1500000 --seed 5 --out 5m.csv
//   node tests/bench/import-file.mjs 5m.csv      (after ./scripts/build)
import { launch, open } from '../e2e/browser.mjs';
import { startServer } from '../e2e/server.mjs';
import { execSync } from 'node:child_process';
const file = process.argv[2];
if (!file) throw new Error('usage: node tests/bench/import-file.mjs FILE.csv');
const server = await startServer({ root: process.env.DIST ?? new URL('../../dist', import.meta.url).pathname, prefix: '/lab/' });
const browser = await launch();
const { page } = await open(browser, server.url);
// A person picks a file after the page is up, not the instant the input
// exists: give the page SETTLE ms (default 1500) to finish loading first.
await page.waitForTimeout(Number(process.env.SETTLE ?? 1500));
// Resident memory of each renderer process (the tab and its workers live in
// one; Chromium keeps others: a spare renderer, the service worker's). The
// figure that counts is the page's own process: the one that grows.
const renderers = () => {
  const out = execSync("ps -eo pid,rss,args | grep -- '--type=renderer' | grep -v grep || true").toString();
  return new Map(out.trim().split('\n').filter(Boolean).map((l) => {
    const [pid, kb] = l.trim().split(/\s+/);
    return [pid, Number(kb) / 1024];
  }));
};
const start = renderers();
const peaks = new Map(start);
const sample = () => { for (const [pid, mb] of renderers()) peaks.set(pid, Math.max(peaks.get(pid) ?? 0, mb)); };
const timer = setInterval(sample, 100);
// Twice (or RUNS times): the first includes fetching and compiling the
// workers' wasm (cold), the second is the same file picked again (warm).
// The peak memory is over all runs: RUNS=1 for one import's.
for (const run of ['cold', 'warm'].slice(0, Number(process.env.RUNS ?? 2))) {
  const before = Number(await page.getAttribute('[data-testid="import-status"]', 'data-run'));
  const t0 = Date.now();
  await page.locator('[data-testid="import-file"]').setInputFiles(file);
  const t1 = Date.now();
  await page.waitForFunction((n) => {
    const s = document.querySelector('[data-testid="import-status"]');
    return Number(s.dataset.run) > n && s.dataset.state === 'done' && document.querySelector('[data-testid="data-cohort-cell"]');
  }, before, { timeout: 300000, polling: 'raf' });
  const t2 = Date.now();
  console.log(`${file} (${run}): file handed to the page in ${t1 - t0} ms, then read and the table shown in ${t2 - t1} ms; total ${t2 - t0} ms`);
}
clearInterval(timer);
sample();
const sum = (m) => [...m.values()].reduce((a, b) => a + b, 0);
const [pid, peak] = [...peaks].reduce((a, b) => ((b[1] - (start.get(b[0]) ?? 0)) > (a[1] - (start.get(a[0]) ?? 0)) ? b : a));
console.log(`peak RSS of the page's renderer ${peak.toFixed(0)} MB (${(start.get(pid) ?? 0).toFixed(0)} MB before the import); all renderers: ${sum(start).toFixed(0)} MB before, peaks summed ${sum(peaks).toFixed(0)} MB`);
console.log(await page.textContent('[data-testid="import-status"]'));
await browser.close(); await server.close();
