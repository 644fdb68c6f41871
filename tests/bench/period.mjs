// Browser benchmark: switching the period of an imported file.
// `node tests/bench/period.mjs FILE` (after ./scripts/build) imports FILE,
// then picks week, month and day, timing each pick to the forecast drawn
// again and to the last cohort-table cell drawn, and reports the longest
// main-thread task.
import { launch, open } from '../e2e/browser.mjs';
import { startServer } from '../e2e/server.mjs';

const [file] = process.argv.slice(2);
const server = await startServer({ root: new URL('../../dist', import.meta.url).pathname, prefix: '/bench/' });
const browser = await launch();
const { page } = await open(browser, server.url);
const status = '[data-testid="forecast-status"]';
const done = (run) => page.waitForFunction((run) => {
  const s = document.querySelector('[data-testid="forecast-status"]');
  return s && Number(s.dataset.run) > run && s.dataset.state === 'done';
}, run, { timeout: 120000 });
await page.locator('[data-testid="import-file"]').setInputFiles(file);
await done(0);
for (const period of ['week', 'month', 'day']) {
  await page.evaluate(() => {
    window.longest = 0;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.longest = Math.max(window.longest, e.duration);
    }).observe({ type: 'longtask' });
  });
  const run = Number(await page.getAttribute(status, 'data-run'));
  const t0 = Date.now();
  await page.selectOption('[data-testid="data-period"]', period);
  await done(run);
  const forecast = Date.now() - t0;
  // A large table is drawn block by block after the result (data-drawing).
  await page.waitForFunction(() => !document.querySelector('[data-drawing]'), null, { timeout: 120000 });
  const cells = await page.locator('[data-testid="data-cohort-cell"]').count();
  const longest = await page.evaluate(() => window.longest);
  console.log(`${period}: ${forecast} ms to the forecast drawn again, ${Date.now() - t0} ms to the whole table (${cells} cells); longest main-thread task ${longest.toFixed(0)} ms`);
}
await browser.close();
await server.close();
