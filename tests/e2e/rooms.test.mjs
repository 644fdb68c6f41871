// End-to-end: the page as a person moves through it (issue 13). The section
// index jumps to every room without touching the share link; the rooms
// (saved, Your data, forecasts) are not in the first load and arrive on
// their own; a drag keeps every number current while off-screen pictures
// catch up; a file dropped before the rooms are up is not lost.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { ARTIFACTS, act, open, settled, suite } from './browser.mjs';

let server;
let browser;

suite('/rooms/', (s, b) => {
  [server, browser] = [s, b];
});

const ROOMS = ['experience', 'expectation', 'satisfaction', 'repurchase', 'tools', 'cohorts', 'saved', 'data', 'forecasts'];
const HEADINGS = {
  experience: 'experience-heading', expectation: 'expectation-heading', satisfaction: 'satisfaction-heading',
  repurchase: 'repurchase-heading', tools: 'tools-heading', cohorts: 'sim-heading', saved: 'saved-heading',
  data: 'data-heading', forecasts: 'forecast-heading',
};

test('the section index jumps to every room, by mouse and by keyboard, and leaves the link alone', async () => {
  for (const [locale, labels] of [['en-US', 'Experience'], ['zh-CN', '体验']]) {
    const { page, context, problems } = await open(browser, `${server.url}#v=1&b=75`, { locale });
    assert.equal(await page.textContent('[data-testid="index-experience"]'), labels);
    const url = page.url();
    for (const room of [...ROOMS].reverse()) {
      await page.click(`[data-testid="index-${room}"]`);
      await page.waitForFunction((id) => {
        const r = document.getElementById(id)?.getBoundingClientRect();
        return r && r.top >= 0 && r.top < innerHeight * 0.6 && document.activeElement?.id === id;
      }, HEADINGS[room]);
      // And it stays there once the sections passed over have been drawn.
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => requestAnimationFrame(r)))));
      const top = await page.evaluate((id) => document.getElementById(id).getBoundingClientRect().top / innerHeight, HEADINGS[room]);
      assert.ok(top >= 0 && top < 0.6, `${room}: heading at ${top.toFixed(2)} of the screen`);
      assert.equal(page.url(), url, `jumping to ${room} keeps the link`);
    }
    // Keyboard: the index is reached by Tab from the share bar, Enter jumps.
    await page.focus('[data-testid="index-forecasts"]');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.activeElement?.id === 'forecast-heading');
    // Sticky: still on screen far down the page.
    const box = await page.locator('[data-testid="section-index"]').boundingBox();
    assert.ok(box && box.y >= 0 && box.y < 5, `the index stays at the top (y = ${box?.y})`);
    assert.equal(await page.inputValue('[data-testid="benefit"]'), '75', 'the scenario from the link is untouched');
    await page.screenshot({ path: `${ARTIFACTS}index-${locale}.png` });
    assert.deepEqual(problems, []);
    await context.close();
  }
});

test('the rooms are not in the first load: fetched after the first frame, then mounted', async () => {
  const { page, context, problems } = await open(browser, server.url);
  const timing = await page.evaluate(() => {
    const entries = performance.getEntriesByType('resource');
    const at = (re) => entries.find((e) => re.test(e.name))?.startTime;
    return {
      page: at(/repurchase-lab-[0-9a-f]+_bg\.wasm$/),
      rooms: at(/rooms_bg\.wasm$/),
      paint: performance.getEntriesByName('first-paint')[0]?.startTime,
    };
  });
  assert.ok(timing.page !== undefined && timing.rooms !== undefined, JSON.stringify(timing));
  assert.ok(timing.rooms > timing.paint, `rooms fetched after the first paint: ${JSON.stringify(timing)}`);
  assert.equal(await page.getAttribute('[data-testid="rooms"]', 'data-state'), 'ready');
  // The rooms follow the page: a new scenario reaches the saved list's "current".
  await page.fill('[data-testid="save-name"]', 'From the page');
  await page.click('[data-testid="save-scenario"]');
  assert.equal(await page.locator('[data-testid="saved-scenario"]').count(), 1);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a file dropped before the rooms are up is imported once they are (the page is never left)', async () => {
  const context = await browser.newContext();
  // Hold the rooms back until the file has been dropped.
  let release;
  const held = new Promise((r) => { release = r; });
  await context.route('**/rooms-loader.js', async (route) => { await held; await route.continue(); });
  const page = await context.newPage();
  await page.goto(server.url);
  await page.waitForSelector('[data-testid="value"]');
  await page.evaluate(() => {
    const file = new File(['customer,date,amount\nA,2024-01-05,10\nA,2024-02-05,5\nB,2024-01-09,7\n'], 'drop.csv', { type: 'text/csv' });
    const transfer = new DataTransfer();
    transfer.items.add(file);
    document.body.dispatchEvent(new DragEvent('dragover', { bubbles: true, cancelable: true, dataTransfer: transfer }));
    document.body.dispatchEvent(new DragEvent('drop', { bubbles: true, cancelable: true, dataTransfer: transfer }));
  });
  release();
  await page.waitForSelector('[data-testid="import-status"][data-state="done"]');
  assert.match(await page.textContent('[data-testid="import-status"]'), /3 rows/);
  assert.ok(page.url().startsWith(server.url), 'still on the page');
  await context.close();
});

test('mid-drag: every number is current at each frame; pictures off screen catch up after', async () => {
  const { page, context, problems } = await open(browser, server.url);
  const slider = page.locator('[data-testid="benefit-slider"]');
  const box = await slider.boundingBox();
  await page.mouse.move(box.x + box.width * 0.5, box.y + box.height / 2);
  await page.mouse.down();
  for (let i = 1; i <= 8; i++) {
    await page.mouse.move(box.x + box.width * (0.5 + i * 0.04), box.y + box.height / 2);
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0))));
    // Every output follows the slider within the frame, on screen or not.
    const b = Number(await page.inputValue('[data-testid="benefit-slider"]'));
    assert.equal(await page.getAttribute('[data-testid="value"]', 'data-value'), String(b - 30));
    const off = Number(await page.getAttribute('[data-testid="cohort-cell"][data-cohort="0"][data-offset="1"]', 'data-value'));
    assert.ok(off > 0 && off < 1);
  }
  await page.screenshot({ path: `${ARTIFACTS}mid-drag.png` });
  const staleDuring = await page.locator('[data-stale]').count();
  // The heatmaps below rest (not rendered) but keep their size and numbers.
  const cell = '[data-testid="scenario-cohort-cell"][data-cohort="2"][data-offset="3"]';
  const resting = await page.evaluate((sel) => ({
    heights: [...document.querySelectorAll('.heatmap-wrap[data-resting]')].map((w) => w.getBoundingClientRect().height),
    value: document.querySelector(sel).dataset.value,
  }), cell);
  await page.mouse.up();
  await settled(page);
  assert.equal(await page.locator('[data-stale]').count(), 0, `charts caught up (${staleDuring} were waiting mid-drag)`);
  assert.ok(staleDuring > 0, 'off-screen charts waited during the drag');
  assert.equal(resting.heights.length, 2, 'both heatmaps rested during the drag');
  const awake = await page.evaluate(() => [...document.querySelectorAll('.heatmap-wrap')].map((w) => w.getBoundingClientRect().height));
  assert.deepEqual(resting.heights, awake, 'a resting heatmap keeps its size');
  assert.ok(awake[0] > 300, `the heatmap is laid out (${awake[0]} px)`);
  assert.equal(await page.getAttribute(cell, 'data-value'), resting.value, 'its numbers were current while resting');
  assert.deepEqual(problems, []);
  await context.close();
});

test('long and tiny numbers fit their cards (a fit on a tiny file, both languages)', async () => {
  for (const locale of ['en-US', 'zh-CN']) {
    const { page, context, problems } = await open(browser, server.url, { locale });
    const rows = ['customer,date,amount'];
    for (let c = 0; c < 30; c++) {
      rows.push(`C${c},2024-01-${String(1 + (c % 28)).padStart(2, '0')},${10 + c}`);
      if (c % 3 === 0) rows.push(`C${c},2024-03-${String(1 + (c % 28)).padStart(2, '0')},${5 + c}`);
    }
    await page.fill('[data-testid="import-text"]', rows.join('\n'));
    await act(page, () => page.click('[data-testid="import-paste"]'), { status: 'forecast-status' });
    // No output's text is wider than its card.
    const over = await page.evaluate(() => [...document.querySelectorAll('.output output')]
      .filter((o) => o.scrollWidth > o.closest('.output').clientWidth + 1)
      .map((o) => `${o.dataset.testid}: ${o.textContent}`));
    assert.deepEqual(over, [], 'numbers overflowing their cards');
    assert.deepEqual(problems, []);
    await context.close();
  }
});
