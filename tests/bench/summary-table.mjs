// Browser benchmark: a customer summary table (tests/bench/make-summary.py)
// picked in the page, to the fitted models drawn (BG/NBD, Pareto/NBD and
// MBG/NBD with their standard errors, compared by BIC — all in the worker),
// and to BG/NBD's first look (its estimates, shown while the rest is fitted).
// `node tests/bench/summary-table.mjs FILE [RUNS]` (after ./scripts/build).
import { launch, open } from '../e2e/browser.mjs';
import { startServer } from '../e2e/server.mjs';

const [file, runs = '2'] = process.argv.slice(2);
const server = await startServer({ root: process.env.DIST ?? new URL('../../dist', import.meta.url).pathname, prefix: '/bench/' });
const browser = await launch();
for (let i = 0; i < Number(runs); i++) {
  const { page } = await open(browser, server.url);
  await page.evaluate(() => {
    window.firstLookAt = null;
    window.importedAt = null;
    new MutationObserver(() => {
      if (window.firstLookAt === null && document.querySelector('[data-testid="forecast-first"]')) window.firstLookAt = Date.now();
      if (window.importedAt === null && document.querySelector('[data-testid="import-status"][data-state="done"]')) window.importedAt = Date.now();
    }).observe(document.body, { subtree: true, childList: true, attributes: true });
  });
  const t0 = Date.now();
  await page.locator('[data-testid="import-file"]').setInputFiles(file);
  await page.waitForFunction(() => {
    const s = document.querySelector('[data-testid="forecast-status"]');
    return s && ['done', 'error'].includes(s.dataset.state) && Number(s.dataset.run) > 0;
  }, null, { timeout: 600000 });
  const ms = Date.now() - t0;
  const best = await page.getAttribute('[data-testid="forecast-best"]', 'data-value').catch(() => null);
  const r = await page.getAttribute('[data-testid="bgnbd-r"]', 'data-value').catch(() => null);
  const [first, imported] = await page.evaluate(() => [window.firstLookAt, window.importedAt]);
  console.log(`run ${i + 1}: read ${imported ? imported - t0 : '—'} ms; BG/NBD's first look after ${first ? first - t0 : '—'} ms; ${ms} ms to the fitted table — best ${best}, BG/NBD r ${r}; ${await page.textContent('[data-testid="forecast-status"]')}`);
  await page.close();
}
await browser.close();
await server.close();
