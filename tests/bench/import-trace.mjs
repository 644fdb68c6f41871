// Where an import's time goes in the browser: picks FILE through the file
// input while Chromium records a trace, and prints, from the pick to the
// table shown, the busy time of the page's main thread and of the import
// worker's thread by kind (script, parse/compile, GC, style, layout, paint),
// and the worker's longest task (the reading itself).
//   node tests/bench/import-trace.mjs 1m.csv     (after ./scripts/build)
import { launch, open } from '../e2e/browser.mjs';
import { startServer } from '../e2e/server.mjs';
const file = process.argv[2];
if (!file) throw new Error('usage: node tests/bench/import-trace.mjs FILE.csv');
const server = await startServer({ root: process.env.DIST ?? new URL('../../dist', import.meta.url).pathname, prefix: '/lab/' });
const browser = await launch();
const { page } = await open(browser, server.url);
await page.waitForTimeout(1500);
await browser.startTracing(page, { categories: ['devtools.timeline', 'v8', 'blink', 'disabled-by-default-devtools.timeline'] });
const before = Number(await page.getAttribute('[data-testid="import-status"]', 'data-run'));
const t0 = Date.now();
await page.locator('[data-testid="import-file"]').setInputFiles(file);
await page.waitForFunction((n) => {
  const s = document.querySelector('[data-testid="import-status"]');
  return Number(s.dataset.run) > n && s.dataset.state === 'done' && document.querySelector('[data-testid="data-cohort-cell"]');
}, before, { timeout: 300000, polling: 'raf' });
const wall = Date.now() - t0;
const trace = JSON.parse((await browser.stopTracing()).toString());
await browser.close(); await server.close();
const events = trace.traceEvents;
const names = new Map();
for (const e of events) if (e.name === 'thread_name') names.set(`${e.pid}:${e.tid}`, e.args.name);
const kind = (n) => {
  if (/^(FunctionCall|EvaluateScript|v8\.callFunction|TimerFire|FireAnimationFrame|EventDispatch|RunMicrotasks|v8\.run|V8\.Execute)/.test(n)) return 'script';
  if (/Compile|ParseHTML|v8\.parse|wasm/i.test(n)) return 'parse/compile';
  if (/GC|Scavenge|MajorGC|MinorGC|V8\.GC/.test(n)) return 'gc';
  if (/UpdateLayoutTree|RecalculateStyles/.test(n)) return 'style';
  if (/^Layout$/.test(n)) return 'layout';
  if (/Paint|PrePaint|Layerize|Commit|RasterTask/.test(n)) return 'paint';
  return null;
};
// Self time per thread and kind: complete events (ph X) nested on a thread.
const byThread = new Map();
const stacks = new Map();
const xs = events.filter((e) => e.ph === 'X' && e.dur != null).sort((a, b) => a.ts - b.ts || b.dur - a.dur);
for (const e of xs) {
  const key = `${e.pid}:${e.tid}`;
  const st = stacks.get(key) ?? []; stacks.set(key, st);
  while (st.length && st[st.length - 1].end <= e.ts) st.pop();
  const k = kind(e.name);
  const parent = st.find((p) => p.k) ;
  if (k && !parent) {
    const t = byThread.get(key) ?? {}; byThread.set(key, t);
    t[k] = (t[k] ?? 0) + e.dur / 1000;
  }
  if (e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask') {
    const t = byThread.get(key) ?? {}; byThread.set(key, t);
    t.longest = Math.max(t.longest ?? 0, e.dur / 1000);
    t.tasks = (t.tasks ?? 0) + e.dur / 1000;
  }
  st.push({ end: e.ts + e.dur, k });
}
console.log(`${file}: picked → table shown ${wall} ms (wall clock, includes tracing overhead)`);
for (const [key, t] of byThread) {
  const name = names.get(key) ?? key;
  if (!/CrRendererMain|DedicatedWorker/.test(name)) continue;
  const parts = ['script', 'parse/compile', 'gc', 'style', 'layout', 'paint'].map((k) => `${k} ${(t[k] ?? 0).toFixed(1)}`).join(' · ');
  console.log(`${name.padEnd(22)} tasks ${(t.tasks ?? 0).toFixed(1)} ms, longest ${(t.longest ?? 0).toFixed(1)} ms: ${parts}`);
}
