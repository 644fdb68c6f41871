// End-to-end: the calculator through the CONTRACT hooks, every preset, the
// whole page in 中文, and the slider → DOM benchmark.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';

import { ARTIFACTS, dataValue, open, setInput, sliderBench, suite } from './browser.mjs';

let server;
let browser;

suite('/lab/', (s, b) => {
  [server, browser] = [s, b];
});

const close = (actual, expected, what, eps = 1e-12) =>
  assert.ok(Math.abs(actual - expected) <= eps, `${what}: ${actual} vs ${expected}`);

// The same formulas as src/calculator, written out independently.
const K = (n, kmax, h) => kmax * (1 - Math.exp(-n / (h / Math.log(20))));
const ELL_AT_3_2 = 0.1044984331797235; // SciPy PchipInterpolator on the default knots

test('defaults: every formula of the chain, read through the hooks', async () => {
  const { page, context, problems } = await open(browser, server.url);
  close(await dataValue(page, 'value'), 40, 'V');
  close(await dataValue(page, 'satisfaction'), 5, 'S');
  close(await dataValue(page, 'sat5'), 3.2, 'sat5');
  close(await dataValue(page, 'trap-probability'), ELL_AT_3_2, 'ℓ');
  for (let n = 1; n <= 10; n++) {
    const k = K(n, 0.6, 5);
    close(await dataValue(page, `stickiness-${n}`), k, `K(${n})`);
    close(await dataValue(page, `repurchase-probability-${n}`), 1 - (1 - ELL_AT_3_2) * (1 - k) * 0.9, `p(${n})`);
  }
  close(await dataValue(page, 'repurchase-score'), 5 + 100 * K(1, 0.6, 5), 'R(1)', 1e-9);
  close(await dataValue(page, 'dte-probability'), 0.24, 'D·T·X');
  assert.equal(await page.getAttribute('[data-testid="diagnosis"]', 'data-value'), 'trap');
  close(await dataValue(page, 'csat-expected'), 0.223, 'CSAT mix');
  close(await dataValue(page, 'csat-fours-to-fives'), 0.247, '4s → 5s');
  close(await dataValue(page, 'csat-threes-to-fours'), 0.2235, '3s → 4s');
  close(await dataValue(page, 'cv-result'), 250000, 'customer value');
  close(await dataValue(page, 'topup-discount'), 0.25, 'top-up 1/(k+1)');
  assert.deepEqual(problems, []);
  await context.close();
});

test('inputs in their units move the outputs and the diagnosis', async () => {
  const { page, context, problems } = await open(browser, server.url);
  await setInput(page, 'expectation', 60);
  assert.equal(await page.getAttribute('[data-testid="diagnosis"]', 'data-value'), 'expectation');
  await setInput(page, 'cost', 80);
  assert.equal(await page.getAttribute('[data-testid="diagnosis"]', 'data-value'), 'experience');
  await setInput(page, 'benefit', 100);
  await setInput(page, 'cost', 0);
  await setInput(page, 'expectation', 50);
  // S = 50, sat5 = 5, ℓ = 72%; p(1) = 1 − 0.28 (1 − K1) 0.9 > 0.5
  close(await dataValue(page, 'trap-probability'), 0.72, 'ℓ(5)');
  assert.equal(await page.getAttribute('[data-testid="diagnosis"]', 'data-value'), 'none');
  await page.selectOption('[data-testid="lens"]', 'dte');
  assert.equal(await page.getAttribute('[data-testid="diagnosis"]', 'data-value'), 'stickiness');
  close(await dataValue(page, 'repurchase-probability-7'), 0.24, 'p(n) = D·T·X in the dte lens');
  // Percent inputs: typing 90 means 0.90.
  await setInput(page, 'exposure', 90);
  await setInput(page, 'trust', 90);
  close(await dataValue(page, 'dte-probability'), 0.8 * 0.9 * 0.9, 'D·T·X', 1e-12);
  assert.equal(await page.getAttribute('[data-testid="diagnosis"]', 'data-value'), 'none');
  await page.selectOption('[data-testid="lens"]', 'chain');
  await setInput(page, 'loyalty', 60);
  await setInput(page, 'stickiness-max', 0);
  close(await dataValue(page, 'stickiness-3'), 0, 'K with K_max = 0');
  close(await dataValue(page, 'repurchase-probability-3'), 1 - 0.28 * 0.4, 'p = 1 − (1 − ℓ)(1 − L)', 1e-12);
  await setInput(page, 'trap-knot-5', 100);
  close(await dataValue(page, 'trap-probability'), 1, 'knot 5 moves ℓ(5)');
  await setInput(page, 'points-per-step', 100);
  close(await dataValue(page, 'sat5'), 3.5, 'sat5 = 3 + 50/100');
  // The link reproduces the scenario in a fresh context.
  const url = page.url();
  const again = await open(browser, url);
  for (const id of ['value', 'satisfaction', 'sat5', 'trap-probability', 'repurchase-probability-3', 'dte-probability']) {
    assert.equal(await dataValue(again.page, id), await dataValue(page, id), id);
  }
  assert.deepEqual([...problems, ...again.problems], []);
  await again.context.close();
  await context.close();
});

test('the journey and expectation builders feed B and E', async () => {
  const { page, context, problems } = await open(browser, server.url);
  await page.check('[data-testid="journey-on"]');
  await setInput(page, 'journey-score-3', 45);
  // Seed 003 weights 10/10/20/60 on 85, 80, 45, 70 → B = 67.5
  close(await dataValue(page, 'journey-benefit'), 67.5, 'journey B', 1e-9);
  close(await dataValue(page, 'value'), 37.5, 'V from the journey', 1e-9);
  await page.selectOption('[data-testid="journey"]', 'restaurant');
  assert.equal(await page.locator('[data-testid^="journey-score-"][type="number"]').count(), 6);
  await page.check('[data-testid="expectation-on"]');
  await setInput(page, 'expectation-promise', 40);
  await page.selectOption('[data-testid="expectation-tier"]', 'vip');
  // 30 + 40/2 + 15 + 20/4 = 70
  close(await dataValue(page, 'built-expectation'), 70, 'built E');
  assert.ok((await page.locator('[data-testid="journey-chart"] svg circle').count()) === 6);
  assert.deepEqual(problems, []);
  await context.close();
});

test('every preset loads, is recorded in the link and survives a reload', async () => {
  const { page, context, problems } = await open(browser, server.url);
  const presets = await page.$$eval('[data-testid="preset"] option', (os) => os.map((o) => o.value));
  assert.deepEqual(presets, ['blank', 'haircut', 'hotpot', 'hotel', 'finance', 'ecommerce']);
  for (const p of presets) {
    await page.selectOption('[data-testid="preset"]', p);
    const diagnosis = await page.getAttribute('[data-testid="diagnosis"]', 'data-value');
    assert.match(diagnosis, /^(experience|expectation|trap|stickiness|none)$/);
    if (p !== 'blank') assert.match(page.url(), new RegExp(`p=${p}`));
    const before = await dataValue(page, 'repurchase-probability-1');
    await page.reload();
    await page.waitForSelector('[data-testid="value"]');
    assert.equal(await page.inputValue('[data-testid="preset"]'), p);
    assert.equal(await dataValue(page, 'repurchase-probability-1'), before, p);
  }
  assert.deepEqual(problems, []);
  await context.close();
});

test('screenshots: the whole calculator, wide and narrow, both languages', async () => {
  for (const [locale, tag] of [['en-US', 'en'], ['zh-CN', 'zh']]) {
    for (const [width, name] of [[1280, 'wide'], [390, 'narrow']]) {
      const { page, context, problems } = await open(browser, `${server.url}#v=1&p=ecommerce&eo=1`, {
        locale,
        viewport: { width, height: 900 },
      });
      await page.screenshot({ path: `${ARTIFACTS}calculator-${tag}-${name}.png`, fullPage: true });
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `${tag} ${name}: the page scrolls sideways by ${overflow}px`);
      assert.deepEqual(problems, []);
      await context.close();
    }
  }
});

test('benchmark: slider move → DOM updated, median of 100 moves', async () => {
  const { page, context, problems } = await open(browser, server.url);
  const result = await sliderBench(page, 'main');
  console.log(`slider → DOM: median ${result.median.toFixed(2)} ms, p90 ${result.p90.toFixed(2)} ms, max ${result.max.toFixed(2)} ms over ${result.n} moves`);
  writeFileSync(`${ARTIFACTS}bench-slider.json`, JSON.stringify(result, null, 2));
  assert.equal(result.n, 100);
  assert.deepEqual(problems, []);
  await context.close();
});
