// Browser benchmark: what a slider move costs as a person feels it.
// `node tests/bench/frames.mjs [MOVES]` (after ./scripts/build) serves dist/,
// and for each case scrolls the slider's section into view, drags the slider
// with the mouse MOVES times (default 30, after 5 warm-up moves) while
// Chromium records a trace, and prints per move:
//  - input → next frame: from the `input` event's timeStamp to a task after
//    the next animation frame (requestAnimationFrame, then a MessageChannel
//    task), i.e. the update, style, layout and paint of the frame showing it;
//  - the main thread's time from the trace, by kind: script, parse (HTML),
//    style, layout, pre-paint, paint (paint + layerize + commit), each the
//    self time of the renderer main thread's events, divided by MOVES;
//  - first contentful paint of a fresh load.
// Writes tests/e2e/artifacts/bench-frames.json. No timing assert: a figure.
import { mkdirSync, writeFileSync } from 'node:fs';

import { ARTIFACTS, launch, open, setInput, settled } from '../e2e/browser.mjs';
import { startServer } from '../e2e/server.mjs';

const MOVES = Number(process.argv[2] ?? 30);
const CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink', 'v8', 'toplevel'];

// Trace event name → kind (DevTools' own grouping, coarsened).
const KIND = {
  FunctionCall: 'script', EvaluateScript: 'script', EventDispatch: 'script', TimerFire: 'script',
  FireAnimationFrame: 'script', RunMicrotasks: 'script', 'v8.callFunction': 'script', 'v8.run': 'script',
  'v8.compile': 'script', 'v8.compileModule': 'script', 'v8.evaluateModule': 'script',
  MinorGC: 'script', MajorGC: 'script', 'V8.GC_SCAVENGER': 'script', 'BlinkGC.AtomicPhase': 'script',
  'V8.GCScavenger': 'script', 'V8.GCFinalizeMC': 'script', 'V8.GCIncrementalMarking': 'script',
  HandlePostMessage: 'script', 'v8.wasm.compileLazy': 'script',
  ParseHTML: 'parse', ParseAuthorStyleSheet: 'parse',
  UpdateLayoutTree: 'style', RecalculateStyles: 'style',
  Layout: 'layout',
  PrePaint: 'pre-paint',
  Paint: 'paint', PaintImage: 'paint', Layerize: 'paint', UpdateLayer: 'paint', Commit: 'paint',
  UpdateLayerTree: 'paint', CompositeLayers: 'paint',
};
const KINDS = ['script', 'parse', 'style', 'layout', 'pre-paint', 'paint'];

/// Self time (ms) by kind on the page's renderer main thread between t0 and t1 (µs).
function breakdown(trace, t0, t1) {
  const events = trace.traceEvents;
  const main = new Set(events
    .filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
    .map((e) => `${e.pid}:${e.tid}`));
  // Complete events per thread, nested by time: self = dur − children.
  const byThread = new Map();
  for (const e of events) {
    if (e.ph !== 'X' || !main.has(`${e.pid}:${e.tid}`) || e.ts < t0 || e.ts > t1) continue;
    const k = `${e.pid}:${e.tid}`;
    if (!byThread.has(k)) byThread.set(k, []);
    byThread.get(k).push(e);
  }
  const sums = Object.fromEntries(KINDS.map((k) => [k, 0]));
  for (const list of byThread.values()) {
    list.sort((a, b) => a.ts - b.ts || b.dur - a.dur);
    // Each event's self time goes to its own kind, or to the kind of its
    // nearest ancestor that has one (Blink's inner events, e.g.
    // LocalFrameView::performLayout, count as what encloses them).
    const stack = [];
    const self = new Map();
    const kind = new Map();
    for (const e of list) {
      while (stack.length && stack.at(-1).ts + stack.at(-1).dur <= e.ts) stack.pop();
      const parent = stack.at(-1);
      self.set(e, e.dur ?? 0);
      kind.set(e, KIND[e.name] ?? (parent ? kind.get(parent) : undefined));
      if (parent) self.set(parent, self.get(parent) - (e.dur ?? 0));
      stack.push(e);
    }
    for (const [e, us] of self) {
      const k = kind.get(e);
      if (k) sums[k] += Math.max(0, us) / 1000;
    }
  }
  return sums;
}

/// Drags the `slider` (a test id) with the mouse, `count` moves, one per
/// frame as a hand does (Chromium delivers a drag's events at the start of
/// a frame). For each `input` event the page records the time from the
/// event (its timeStamp: when the browser received it) to a task after the
/// next animation frame — the frame that shows the move. Returns those times.
async function moves(page, slider, count) {
  const handle = page.locator(`[data-testid="${slider}"]`);
  await handle.scrollIntoViewIfNeeded();
  const box = await handle.boundingBox();
  await page.evaluate((slider) => {
    window.frameTimes = [];
    if (window.frameWatch) return;
    window.frameWatch = true;
    document.querySelector(`[data-testid="${slider}"]`).addEventListener('input', (e) => {
      const t0 = e.timeStamp;
      requestAnimationFrame(() => {
        const ch = new MessageChannel();
        ch.port1.onmessage = () => {
          window.frameTimes.push(performance.now() - t0);
          window.resting = Math.max(window.resting ?? 0, document.querySelectorAll('[data-resting]').length);
        };
        ch.port2.postMessage(0);
      });
    }, { capture: true });
  }, slider);
  const y = box.y + box.height / 2;
  const at = (i) => box.x + box.width * (0.15 + 0.7 * (((i * 7) % 50) / 50));
  await page.mouse.move(at(0), y);
  await page.mouse.down();
  for (let i = 1; i <= count; i++) {
    await page.mouse.move(at(i), y);
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0))));
  }
  await page.mouse.up();
  await settled(page);
  return page.evaluate(() => window.frameTimes);
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

// DIST=path measures another build (an older one, to compare) the same way.
const server = await startServer({ root: process.env.DIST ?? new URL('../../dist', import.meta.url).pathname, prefix: '/bench/' });
const browser = await launch();
const results = { moves: MOVES, cases: [] };

// First contentful paint and the diagnosis on screen, median of 7 fresh
// loads; nothing of the test driver runs in the page until both are over
// (its injected script would otherwise take the main thread mid-load).
const fcps = [];
const shown = [];
for (let i = 0; i < 7; i++) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.addInitScript(() => {
    new MutationObserver((_, mo) => {
      if (document.querySelector('[data-testid="diagnosis"]')) {
        requestAnimationFrame(() => setTimeout(() => { window.diagnosisShown = performance.now(); }, 0));
        mo.disconnect();
      }
    }).observe(document, { childList: true, subtree: true });
  });
  const page = await context.newPage();
  await page.goto(server.url, { waitUntil: 'load' });
  await new Promise((r) => setTimeout(r, 1500));
  const t = await page.evaluate(() => [performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN, window.diagnosisShown]);
  fcps.push(t[0]);
  shown.push(t[1]);
  await context.close();
}
results.fcp = median(fcps);
results.diagnosis_shown = median(shown);

const CASES = [
  { name: 'calculator, default scenario', slider: 'benefit-slider' },
  { name: 'simulator 12 × 12 on screen', slider: 'decay-slider' },
  { name: 'simulator 36 × 36 on screen', slider: 'decay-slider', size: 36 },
  // A tall window with the slider at the top and half of each heatmap
  // below it: the heatmaps are seen, so they are rendered on every move.
  { name: '36 × 36, heatmaps in view', slider: 'win-back-slider', size: 36, viewport: { width: 1280, height: 1700 }, heatmaps: true },
].filter((c) => !process.env.CASE || c.name.includes(process.env.CASE));
for (const c of CASES) {
  const { page, context } = await open(browser, server.url, c.viewport ? { viewport: c.viewport } : {});
  if (c.size) {
    await setInput(page, 'cohorts', c.size);
    await setInput(page, 'window', c.size);
    await settled(page);
  }
  if (c.heatmaps) {
    await page.evaluate((slider) => {
      document.querySelector(`[data-testid="${slider}"]`).scrollIntoView({ block: 'start' });
      window.scrollBy(0, -320);
    }, c.slider);
  }
  await moves(page, c.slider, 5);
  await browser.startTracing(page, { categories: CATEGORIES });
  const t0 = await page.evaluate(() => performance.timeOrigin + performance.now());
  const times = await moves(page, c.slider, MOVES);
  const t1 = await page.evaluate(() => performance.timeOrigin + performance.now());
  const trace = JSON.parse((await browser.stopTracing()).toString());
  // The trace holds only the measured moves: its window is its own first and last event.
  let [first, last] = [Infinity, -Infinity];
  for (const e of trace.traceEvents) {
    if (e.ph === 'X' && e.ts) [first, last] = [Math.min(first, e.ts), Math.max(last, e.ts)];
  }
  const sums = breakdown(trace, first, last);
  const perMove = Object.fromEntries(KINDS.map((k) => [k, sums[k] / times.length]));
  const total = KINDS.reduce((a, k) => a + perMove[k], 0);
  const resting = await page.evaluate(() => window.resting ?? 0);
  results.cases.push({ name: c.name, resting, inputs: times.length, frame_median: median(times), frame_p90: [...times].sort((a, b) => a - b)[Math.floor(times.length * 0.9)], per_move: perMove, main_thread: total, wall_ms: t1 - t0 });
  await context.close();
}
await browser.close();
await server.close();

const f = (x) => x.toFixed(1).padStart(6);
console.log(`first contentful paint (median of 7 loads): ${results.fcp.toFixed(0)} ms; the diagnosis on screen (a task after its frame): ${results.diagnosis_shown.toFixed(0)} ms`);
console.log(`per slider move, ${MOVES} moves   input→frame   p90 | script  parse  style layout  prepaint paint | main thread`);
for (const c of results.cases) {
  const p = c.per_move;
  console.log(`${c.name.padEnd(32)} ${f(c.frame_median)} ms ${f(c.frame_p90)} | ${KINDS.map((k) => f(p[k])).join(' ')} | ${f(c.main_thread)} ms${c.resting ? `  (${c.resting} heatmaps resting)` : ''}`);
}
mkdirSync(ARTIFACTS, { recursive: true });
writeFileSync(`${ARTIFACTS}bench-frames.json`, JSON.stringify(results, null, 2));
