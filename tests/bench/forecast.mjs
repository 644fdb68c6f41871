// Browser benchmark: BG/NBD + Gamma-Gamma on a generated file in the page.
// `node tests/bench/forecast.mjs FILE CALIBRATION_END` (after ./scripts/build)
// imports FILE, sets the calibration end, and reports the time from the change
// to the drawn results (fit, predictions and drawing, all in the worker);
// then "compare models" (Pareto/NBD and MBG/NBD fitted beside it) to its
// drawn comparison.
import { launch, open } from '../e2e/browser.mjs';
import { startServer } from '../e2e/server.mjs';

const [file, end] = process.argv.slice(2);
const server = await startServer({ root: process.env.DIST ?? new URL('../../dist', import.meta.url).pathname, prefix: '/bench/' });
const browser = await launch();
const { page } = await open(browser, server.url);
const done = (r) => page.waitForFunction((r) => {
  const s = document.querySelector('[data-testid="forecast-status"]');
  return s && Number(s.dataset.run) > r && ['done', 'error'].includes(s.dataset.state);
}, r, { timeout: 120000 });
await page.locator('[data-testid="import-file"]').setInputFiles(file);
await done(0);
for (const [i, date] of [end, end.replace(/-\d\d$/, '-01'), end].entries()) {
  const t0 = Date.now();
  await page.fill('[data-testid="calibration-end"]', date);
  await done(i + 1);
  const status = await page.textContent('[data-testid="forecast-status"]');
  console.log(`${date}: ${Date.now() - t0} ms — ${status}`);
}
{
  const t0 = Date.now();
  await page.click('[data-testid="compare-models"]');
  await page.waitForSelector('[data-testid="comparison"] [data-testid="forecast-best"], [data-testid="comparison"] .error', { timeout: 600000 });
  const rows = await page.$$eval('[data-testid="model-comparison"] tbody tr', (trs) => trs.map((tr) => tr.textContent.replace(/\s+/g, ' ').trim()));
  console.log(`compare models: ${Date.now() - t0} ms — best ${await page.getAttribute('[data-testid="comparison"] [data-testid="forecast-best"]', 'data-value').catch(() => 'none')}`);
  for (const row of rows) console.log(`  ${row}`);
}
await browser.close();
await server.close();
