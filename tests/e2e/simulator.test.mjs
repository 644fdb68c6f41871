// End-to-end: the retention-cohort simulator through the CONTRACT hooks,
// against the hand-computed case pinned in src/model/simulator.rs, the views,
// screenshots, and the slider benchmark with a 36 × 36 triangle on screen.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';

import { ARTIFACTS, dataValue, open, setInput, settled, sliderBench, suite } from './browser.mjs';

let server;
let browser;

suite('/sim/', (s, b) => {
  [server, browser] = [s, b];
});

const close = (actual, expected, what, eps = 1e-9) =>
  assert.ok(Math.abs(actual - expected) <= eps, `${what}: ${actual} vs ${expected}`);

async function cell(page, testid, c, k) {
  await settled(page);
  const sel = `[data-testid="${testid}"][data-cohort="${c}"][data-offset="${k}"]`;
  const get = (a) => page.getAttribute(sel, a).then(Number);
  return { value: await get('data-value'), active: await get('data-active'), revenue: await get('data-revenue') };
}

/** The 2-cohort, 3-offset case of the native tests: p = 0.4 flat, δ = 0.5, churn after 2. */
async function handCase(page) {
  await page.selectOption('[data-testid="lens"]', 'dte');
  for (const [id, v] of [
    ['demand', 100],
    ['trust', 100],
    ['exposure', 40],
    ['decay', 50],
    ['churn-after', 2],
    ['sleeping-from', 1],
    ['cohorts', 2],
    ['window', 3],
    ['new-customers', 100],
    ['growth', 50],
    ['aov', 10],
    ['ltv-periods', 3],
  ]) {
    await setInput(page, id, v);
  }
}

test('the hand-computed triangle, read through the hooks', async () => {
  const { page, context, problems } = await open(browser, server.url);
  await handCase(page);
  await settled(page);
  assert.equal(await page.locator('[data-testid="cohort-cell"]').count(), 5, 'a triangle: 3 + 2 cells');
  const c02 = await cell(page, 'cohort-cell', 0, 2);
  close(c02.value, 0.28, 'retention c0 k2');
  close(c02.active, 28, 'active c0 k2');
  close(c02.revenue, 280, 'revenue c0 k2');
  close((await cell(page, 'cohort-cell', 1, 1)).active, 60, 'active c1 k1');
  close(await dataValue(page, 'total-customers'), 250, 'customers');
  close(await dataValue(page, 'total-purchases'), 378, 'purchases');
  close(await dataValue(page, 'total-revenue'), 3780, 'revenue');
  close(await dataValue(page, 'purchase-frequency'), 378 / 250, 'frequency');
  close(await dataValue(page, 'customer-value'), 3780, 'customer value');
  close(await dataValue(page, 'ltv'), 10 * 0.4 * 1.68, 'LTV over 3 periods');
  close(await dataValue(page, 'scenario-cost'), 0, 'no programme, no cost');

  // Habit programme: target 3, boost 20%, reward 5.
  await page.check('[data-testid="habit-on"]');
  await setInput(page, 'habit-target', 3);
  await setInput(page, 'habit-boost', 20);
  await setInput(page, 'habit-reward', 5);
  close((await cell(page, 'scenario-cohort-cell', 0, 2)).value, 0.52, 'habit: scenario c0 k2');
  close((await cell(page, 'cohort-cell', 0, 2)).value, 0.28, 'the baseline does not move');
  close(await dataValue(page, 'scenario-cost'), 180, 'rewards: 100 × 0.36 × 5');

  // Recall reminder instead: at recency 1, reach 50%, lift 100%, 2 per message.
  await page.uncheck('[data-testid="habit-on"]');
  await page.check('[data-testid="reminder-on"]');
  await setInput(page, 'reminder-at', 1);
  await setInput(page, 'reminder-reach', 50);
  await setInput(page, 'reminder-lift', 100);
  await setInput(page, 'reminder-cost', 2);
  close((await cell(page, 'scenario-cohort-cell', 0, 2)).value, 0.34, 'reminder: scenario c0 k2');
  close(await dataValue(page, 'scenario-cost'), 60, 'messages: 100 × 0.6 × 0.5 × 2');
  assert.ok((await dataValue(page, 'scenario-ltv')) > (await dataValue(page, 'ltv')) - 1.2, 'LTV after costs is shown');

  // The link reproduces every cell in a fresh context.
  const again = await open(browser, page.url());
  for (const [c, k] of [[0, 0], [0, 1], [0, 2], [1, 1]]) {
    assert.deepEqual(await cell(again.page, 'scenario-cohort-cell', c, k), await cell(page, 'scenario-cohort-cell', c, k));
  }
  assert.deepEqual([...problems, ...again.problems], []);
  await again.context.close();
  await context.close();
});

test('toggles: % / customers / revenue, and the difference view', async () => {
  const { page, context, problems } = await open(browser, `${server.url}#v=1&ho=1&ro=1`);
  const text = () => settled(page).then(() => page.textContent('[data-testid="cohort-cell"][data-cohort="0"][data-offset="1"]'));
  assert.match(await text(), /%$/);
  await page.selectOption('[data-testid="heatmap-measure"]', 'customers');
  assert.doesNotMatch(await text(), /%/);
  await page.selectOption('[data-testid="heatmap-measure"]', 'revenue');
  const revenue = await page.getAttribute('[data-testid="cohort-cell"][data-cohort="0"][data-offset="1"]', 'data-revenue');
  assert.ok(Number(revenue) > 0);
  await page.check('[data-testid="heatmap-difference"]');
  await settled(page);
  const bg = await page.getAttribute('[data-testid="scenario-cohort-cell"][data-cohort="0"][data-offset="0"]', 'class');
  assert.equal(bg, 'd10', 'offset 0 is the same in both: the white middle of the difference scale');
  const colour = await page.$eval('[data-testid="scenario-cohort-cell"][data-cohort="0"][data-offset="0"]', (e) => getComputedStyle(e).backgroundColor);
  assert.equal(colour, 'rgb(255, 255, 255)');
  for (const k of [1, 3, 6]) {
    assert.ok((await dataValue(page, `scenario-retention-at-${k}`)) >= (await dataValue(page, `retention-at-${k}`)));
  }
  assert.ok((await dataValue(page, 'churn-cut-lift')) > 0, 'cutting churn lifts profit');
  // A tooltip per cell, written when the pointer reaches it.
  const target = '[data-testid="cohort-cell"][data-cohort="1"][data-offset="2"]';
  await page.hover(target);
  assert.match(await page.getAttribute(target, 'title'), /^Cohort M2, month \+2: .*%/);
  assert.deepEqual(problems, []);
  await context.close();
});

test('screenshots: 36 × 36 triangle, wide and narrow, both languages', async () => {
  for (const [locale, tag] of [['en-US', 'en'], ['zh-CN', 'zh']]) {
    for (const [width, name] of [[1280, 'wide'], [390, 'narrow']]) {
      const { page, context, problems } = await open(browser, `${server.url}#v=1&cc=36&hw=36&g=0.03&ho=1&ro=1`, {
        locale,
        viewport: { width, height: 900 },
      });
      assert.equal(await page.locator('[data-testid="cohort-cell"]').count(), 666);
      // The browser's own scrollIntoView: a section off screen is not laid
      // out (content-visibility), and the driver's protocol-level scroll
      // would use its stale boxes.
      const twoFrames = () => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
      await page.evaluate(() => document.querySelector('[data-testid="baseline-heatmap"]').scrollIntoView());
      await twoFrames();
      await page.locator('[data-testid="baseline-heatmap"]').screenshot({ path: `${ARTIFACTS}heatmap-${tag}-${name}.png` });
      await page.evaluate(() => document.getElementById('sim-heading').scrollIntoView());
      await twoFrames();
      await page.screenshot({ path: `${ARTIFACTS}simulator-${tag}-${name}.png` });
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `${tag} ${name}: the page scrolls sideways by ${overflow}px`);
      assert.deepEqual(problems, []);
      await context.close();
    }
  }
});

test('benchmark: slider move → DOM updated with the 36 × 36 simulator on screen', async () => {
  const { page, context, problems } = await open(browser, `${server.url}#v=1&cc=36&hw=36&ho=1&ro=1`);
  // The simulator on screen, as the target says.
  await page.locator('[data-testid="scenario-heatmap"]').scrollIntoViewIfNeeded();
  const result = await sliderBench(page, '[data-testid="scenario-heatmap"]');
  console.log(`slider → everything updated (36 × 36 on screen): median ${result.median.toFixed(2)} ms, p90 ${result.p90.toFixed(2)} ms, max ${result.max.toFixed(2)} ms over ${result.n} moves`);
  writeFileSync(`${ARTIFACTS}bench-simulator.json`, JSON.stringify(result, null, 2));
  assert.equal(result.n, 100);
  assert.deepEqual(problems, []);
  await context.close();
});
