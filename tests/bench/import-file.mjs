// Browser benchmark: import a big transaction file through the file input and
// report the time and the peak memory of the tab's renderer processes.
//   python3 ../shared/tools/gen_transactions.py --rows 5000000 --customers 1500000 --seed 5 --out 5m.csv
//   node tests/bench/import-file.mjs 5m.csv      (after ./scripts/build)
import { launch, open } from '../e2e/browser.mjs';
import { startServer } from '../e2e/server.mjs';
import { execSync } from 'node:child_process';
const file = process.argv[2];
if (!file) throw new Error('usage: node tests/bench/import-file.mjs FILE.csv');
const server = await startServer({ root: new URL('../../dist', import.meta.url).pathname, prefix: '/lab/' });
const browser = await launch();
const { page } = await open(browser, server.url);
const rss = () => {
  // Renderer processes only (the tab and its worker live there).
  const out = execSync("ps -eo rss,args | grep -- '--type=renderer' | grep -v grep || true").toString();
  return out.trim().split('\n').filter(Boolean).map((l) => Number(l.trim().split(/\s+/)[0])).reduce((a, b) => a + b, 0) / 1024;
};
let peak = rss();
const timer = setInterval(() => { peak = Math.max(peak, rss()); }, 100);
const t0 = Date.now();
await page.locator('[data-testid="import-file"]').setInputFiles(file);
const t1 = Date.now();
await page.waitForSelector('[data-testid="import-status"][data-state="done"]', { timeout: 300000 });
const t2 = Date.now();
clearInterval(timer);
console.log(`${file}: file handed to the page in ${t1 - t0} ms, then read in ${t2 - t1} ms; peak renderer RSS ${peak.toFixed(0)} MB`);
console.log(await page.textContent('[data-testid="import-status"]'));
await browser.close(); await server.close();
