// End-to-end: the release build in dist/, served from a sub-path, in Debian's
// headless Chromium. Run by scripts/test after scripts/build.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { ARTIFACTS, dataValue, open, setInput, suite } from './browser.mjs';

let server;
let browser;

suite('/some/path/', (s, b) => {
  [server, browser] = [s, b];
});

test('loads from a sub-path with the spec defaults', async () => {
  const { page, context, problems } = await open(browser, server.url);
  assert.equal(await page.inputValue('[data-testid="benefit"]'), '70');
  assert.equal(await page.inputValue('[data-testid="cost-slider"]'), '30');
  assert.equal(await dataValue(page, 'value'), 40);
  assert.equal(await dataValue(page, 'satisfaction'), 5);
  assert.equal(await page.locator('[data-testid="chain-chart"] svg rect').count() >= 5, true);
  await page.screenshot({ path: `${ARTIFACTS}en-wide.png`, fullPage: true });
  assert.deepEqual(problems, []);
  await context.close();
});

test('moving a slider with the keyboard updates outputs, chart and link; reload keeps it', async () => {
  const { page, context, problems } = await open(browser, server.url);
  const chartBefore = await page.innerHTML('[data-testid="chain-chart"]');
  const slider = page.locator('[data-testid="benefit-slider"]');
  await slider.focus();
  for (let i = 0; i < 5; i++) {
    // One press at a time, as a person would: each is seen before the next.
    await page.keyboard.press('ArrowRight');
    await page.waitForFunction((v) => document.querySelector('[data-testid="benefit"]').value === v, String(71 + i));
  }
  assert.equal(await dataValue(page, 'value'), 45);
  assert.equal(await dataValue(page, 'satisfaction'), 10);
  assert.equal(await page.inputValue('[data-testid="benefit"]'), '75');
  assert.notEqual(await page.innerHTML('[data-testid="chain-chart"]'), chartBefore);

  await setInput(page, 'expectation', 60);
  assert.equal(await dataValue(page, 'satisfaction'), -15);
  assert.match(page.url(), /\/some\/path\/#v=1&b=75&e=60$/);

  await page.reload();
  await page.waitForSelector('[data-testid="value"]');
  assert.equal(await dataValue(page, 'value'), 45);
  assert.equal(await dataValue(page, 'satisfaction'), -15);
  assert.equal(await page.inputValue('[data-testid="expectation-slider"]'), '60');
  assert.deepEqual(problems, []);
  await context.close();
});

test('out-of-range and non-numeric input is clamped or refused, never breaks the page', async () => {
  const { page, context, problems } = await open(browser, server.url);
  await setInput(page, 'cost', 250);
  assert.equal(await page.inputValue('[data-testid="cost"]'), '100');
  assert.equal(await dataValue(page, 'value'), -30);
  assert.match(await page.textContent('[data-testid="cost-message"]'), /100/);
  await setInput(page, 'cost', -4.5);
  assert.equal(await dataValue(page, 'value'), 70);
  await setInput(page, 'benefit', '');
  assert.equal(await page.inputValue('[data-testid="benefit"]'), '70');
  assert.match(await page.textContent('[data-testid="benefit-message"]'), /number/);
  assert.deepEqual(problems, []);
  await context.close();
});

test('中文: the switch translates every label and is remembered', async () => {
  const { page, context, problems } = await open(browser, server.url);
  await page.selectOption('[data-testid="language"]', 'zh');
  assert.equal(await page.textContent('h1'), '复购实验室');
  assert.equal(await page.getAttribute('html', 'lang'), 'zh-CN');
  assert.equal(await page.title(), '复购实验室');
  const text = await page.evaluate(() => document.body.innerText);
  // Symbols (B, C, E, V, S, K_max, ℓ, VIP) may stay; no English word may.
  // File formats (SVG, PNG, CSV, TSV, JSON, PDF), model names (BG/NBD,
  // Gamma-Gamma) and the authors cited (Fader, Hardie) are names, not English words.
  const words = text.replace(/English|K_max|max\(|VIP|SVG|PNG|CSV|TSV|JSON|PDF|Excel|ODS|Shopify|WooCommerce|Stripe|BG\/NBD|Gamma-Gamma|Fader|Hardie/g, '').match(/[A-Za-z]{2,}/g) ?? [];
  assert.deepEqual(words, [], 'English left in 中文 mode');
  assert.match(await page.textContent('[data-testid="chain-chart"]'), /收益 B/);
  assert.equal(await dataValue(page, 'satisfaction'), 5, 'numbers do not depend on the language');
  await page.screenshot({ path: `${ARTIFACTS}zh-wide.png`, fullPage: true });
  await page.reload();
  await page.waitForSelector('[data-testid="value"]');
  assert.equal(await page.textContent('h1'), '复购实验室');
  assert.deepEqual(problems, []);
  await context.close();
});

test('a Chinese browser opens in Chinese; a narrow screen still works', async () => {
  const { page, context, problems } = await open(browser, server.url, {
    locale: 'zh-CN',
    viewport: { width: 390, height: 844 },
  });
  assert.equal(await page.textContent('h1'), '复购实验室');
  assert.equal(await page.inputValue('[data-testid="language"]'), 'zh');
  await page.screenshot({ path: `${ARTIFACTS}zh-narrow.png`, fullPage: true });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `page scrolls sideways by ${overflow}px`);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a hostile link opens safely, with a notice saying what was ignored', async () => {
  const hostile = `${server.url}#v=7&b=NaN&c=1e999&e=150&x=<script>alert(1)</script>&${'k=1&'.repeat(2000)}`;
  const { page, context, problems } = await open(browser, hostile);
  page.on('dialog', (d) => {
    problems.push(`dialog opened: ${d.message()}`);
    d.dismiss();
  });
  const notice = page.locator('[data-testid="link-notice"]');
  await notice.waitFor();
  const text = await notice.textContent();
  assert.match(text, /NaN/);
  assert.match(text, /more/);
  assert.equal(await page.locator('main script').count(), 0, 'no markup from the link');
  assert.equal(await dataValue(page, 'value'), 40);
  assert.equal(await dataValue(page, 'satisfaction'), -60, 'E=150 is clamped to 100');
  await page.click('[data-testid="link-notice"] button');
  assert.equal(await notice.count(), 0);
  assert.deepEqual(problems, []);
  await context.close();
});
