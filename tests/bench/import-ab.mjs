// Builds A/B on one import, in one browser, interleaved (separate runs on
// these machines drift by more than the difference): each round opens every
// build fresh, waits for the page to be up, picks FILE and times the change
// event to the table shown, in the page. Prints medians and every run.
//   N=5 node tests/bench/import-ab.mjs 1m-email.csv DIST_A DIST_B …
import { launch, open } from '../e2e/browser.mjs';
import { startServer } from '../e2e/server.mjs';
const [file, ...dirs] = process.argv.slice(2);
const servers = await Promise.all(dirs.map((d) => startServer({ root: d, prefix: '/lab/' })));
const browser = await launch();
const times = dirs.map(() => []);
for (let round = 0; round < Number(process.env.N ?? 5); round++) {
  for (let k = 0; k < dirs.length; k++) {
    const { page, context } = await open(browser, servers[k].url);
    await page.waitForTimeout(1500);
    await page.evaluate(() => {
      const b = (window.__b = { t0: null, t1: null });
      document.addEventListener('change', () => { if (b.t0 === null) b.t0 = performance.now(); }, true);
      const mo = new MutationObserver(() => {
        const s = document.querySelector('[data-testid="import-status"]');
        if (s && s.dataset.state === 'done' && document.querySelector('[data-testid="data-cohort-cell"]')) { b.t1 = performance.now(); mo.disconnect(); }
      });
      mo.observe(document.documentElement, { subtree: true, childList: true, attributes: true });
    });
    await page.locator('[data-testid="import-file"]').setInputFiles(file);
    await page.waitForFunction(() => window.__b.t1 !== null, null, { timeout: 60000, polling: 'raf' });
    const b = await page.evaluate(() => window.__b);
    times[k].push(b.t1 - b.t0);
    await context.close();
  }
}
const med = (a) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
dirs.forEach((d, k) => console.log(d, 'median', med(times[k]).toFixed(0), 'ms', times[k].map((t) => t.toFixed(0)).join(' ')));
await browser.close(); for (const s of servers) await s.close();
