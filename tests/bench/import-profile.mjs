// Where the import worker's time goes, by function: picks FILE through the
// file input while Chromium's sampling profiler runs (trace category
// disabled-by-default-v8.cpu_profiler), then prints the worker thread's
// self time per function. Wasm functions are named only in a build that
// keeps its name section: `bash tests/bench/probe-build.sh /tmp/dist-probe`.
//   DIST=/tmp/dist-probe node tests/bench/import-profile.mjs 1m-email.csv
// WAIT=forecast: to the fitted models of a customer summary table instead.
import { launch, open } from '../e2e/browser.mjs';
import { startServer } from '../e2e/server.mjs';
const file = process.argv[2];
if (!file) throw new Error('usage: node tests/bench/import-profile.mjs FILE.csv');
const server = await startServer({ root: process.env.DIST ?? new URL('../../dist', import.meta.url).pathname, prefix: '/lab/' });
const browser = await launch();
const { page } = await open(browser, server.url);
await page.waitForTimeout(1500);
const pick = async () => {
  const before = Number(await page.getAttribute('[data-testid="import-status"]', 'data-run'));
  await page.locator('[data-testid="import-file"]').setInputFiles(file);
  await page.waitForFunction((n) => {
    const s = document.querySelector('[data-testid="import-status"]');
    return Number(s.dataset.run) > n && s.dataset.state === 'done' && document.querySelector('[data-testid="data-cohort-cell"]');
  }, before, { timeout: 300000, polling: 'raf' });
};
// WARM=n: pick the file n times first (the worker's code then runs tiered up).
for (let i = 0; i < Number(process.env.WARM ?? 0); i++) { await pick(); await page.waitForTimeout(500); }
await browser.startTracing(page, { categories: ['v8', 'disabled-by-default-v8.cpu_profiler'] });
const t0 = Date.now();
if (process.env.WAIT === 'forecast') {
  // A customer summary table: to the fitted models (as summary-table.mjs).
  await page.locator('[data-testid="import-file"]').setInputFiles(file);
  await page.waitForFunction(() => {
    const s = document.querySelector('[data-testid="forecast-status"]');
    return s && ['done', 'error'].includes(s.dataset.state) && Number(s.dataset.run) > 0;
  }, null, { timeout: 600000 });
} else {
  await pick();
}
const wall = Date.now() - t0;
const trace = JSON.parse((await browser.stopTracing()).toString());
await browser.close(); await server.close();
// One profile per thread (its "Profile" event's id); chunks carry nodes,
// samples and time deltas.
const profiles = new Map();
for (const e of trace.traceEvents) {
  if (e.name !== 'ProfileChunk') continue;
  const p = profiles.get(e.id) ?? { nodes: new Map(), samples: [], deltas: [], tid: e.tid };
  profiles.set(e.id, p);
  const d = e.args.data;
  for (const n of d.cpuProfile?.nodes ?? []) p.nodes.set(n.id, n);
  p.samples.push(...(d.cpuProfile?.samples ?? []));
  p.deltas.push(...(d.timeDeltas ?? []));
}
console.log(`${file}: picked → table shown ${wall} ms (profiled)`);
for (const [, p] of profiles) {
  const self = new Map();
  let total = 0;
  p.samples.forEach((id, i) => {
    const n = p.nodes.get(id);
    const dt = (p.deltas[i + 1] ?? 0) / 1000;
    const name = n?.callFrame?.functionName || '(anonymous)';
    if (name === '(idle)' || name === '(program)') return;
    self.set(name, (self.get(name) ?? 0) + dt);
    total += dt;
  });
  if (total < 50) continue;
  console.log(`thread ${p.tid}: ${total.toFixed(0)} ms sampled`);
  [...self].sort((a, b) => b[1] - a[1]).slice(0, Number(process.env.TOP ?? 25))
    .forEach(([n, t]) => console.log(`  ${t.toFixed(1).padStart(8)} ms  ${n.slice(0, 110)}`));
}
