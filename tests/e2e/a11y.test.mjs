// End-to-end: accessibility. axe-core 4 (npm, run inside the page) finds no
// violation in English and 中文, light and dark, wide and narrow, and with a
// file imported and the forecasts drawn; a keyboard alone reaches every
// control and every scroll region, with a visible focus ring; sliders say
// their value and unit; the heatmaps' cells are tied to their headers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

import { act, open, setInput, settled, suite } from './browser.mjs';

let server;
let browser;
suite('/a11y/', (s, b) => {
  [server, browser] = [s, b];
});

const AXE = readFileSync(new URL('../../node_modules/axe-core/axe.min.js', import.meta.url), 'utf8');
const cdnow = new URL('../fixtures/cdnow/CDNOW_sample.txt', import.meta.url).pathname;

/** axe's violations on the page as "rule (impact): selectors" lines. */
async function violations(page) {
  await page.evaluate(AXE);
  const result = await page.evaluate(() => axe.run(document, { resultTypes: ['violations'] }));
  return result.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

const looks = [];
for (const lang of ['en', 'zh']) {
  for (const theme of ['light', 'dark']) {
    for (const width of [1280, 390]) looks.push({ lang, theme, width });
  }
}

test('axe: no violations in either language, theme or width', async () => {
  for (const { lang, theme, width } of looks) {
    const { page, context, problems } = await open(browser, `${server.url}#theme=${theme}`, {
      locale: lang === 'zh' ? 'zh-CN' : 'en-US',
      viewport: { width, height: 900 },
    });
    assert.match(await page.getAttribute('html', 'lang'), lang === 'zh' ? /^zh/ : /^en/);
    assert.deepEqual(await violations(page), [], `${lang} ${theme} ${width}px`);
    assert.deepEqual(problems, []);
    await context.close();
  }
});

test('axe: no violations with a file imported and the forecasts drawn', async () => {
  for (const look of [looks[0], looks[looks.length - 1]]) {
    const { page, context, problems } = await open(browser, `${server.url}#theme=${look.theme}`, {
      locale: look.lang === 'zh' ? 'zh-CN' : 'en-US',
      viewport: { width: look.width, height: 900 },
    });
    await act(page, () => page.locator('[data-testid="import-file"]').setInputFiles(cdnow), { status: 'forecast-status' });
    await page.locator('[data-testid="sbg-survivors"]').scrollIntoViewIfNeeded();
    await page.waitForSelector('[data-testid="sbg-alpha"]');
    assert.deepEqual(await violations(page), [], `${look.lang} ${look.theme} ${look.width}px with data`);
    assert.deepEqual(problems, []);
    await context.close();
  }
});

test('keyboard only: Tab reaches every control and scroll region, with a visible focus ring', async () => {
  const { page, problems } = await open(browser, server.url);
  await act(page, () => page.locator('[data-testid="import-file"]').setInputFiles(cdnow), { status: 'forecast-status' });
  // Everything a person can operate or scroll, as the page stands.
  const wanted = await page.evaluate(() => {
    const all = document.querySelectorAll('input, select, textarea, button, a[href], [tabindex="0"]');
    return [...all]
      .filter((e) => !e.disabled && e.getClientRects().length > 0 && getComputedStyle(e).visibility !== 'hidden')
      .map((e, i) => (e.dataset.kbd = String(i)));
  });
  assert.ok(wanted.length > 150, `${wanted.length} controls`);
  await page.evaluate(() => document.activeElement?.blur());
  const reached = new Set();
  const unringed = [];
  for (let i = 0; i < wanted.length + 40 && reached.size < wanted.length; i++) {
    await page.keyboard.press('Tab');
    const seen = await page.evaluate(() => {
      const e = document.activeElement;
      if (!e || e === document.body) return null;
      const s = getComputedStyle(e);
      // Focus inside a native control's own parts (a date field's picker
      // button) is ringed by the browser; the element itself is not :focus.
      const inner = !e.matches(':focus');
      const ring = inner || (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== 'none';
      return { id: e.dataset.kbd, ring, what: e.dataset.testid || e.getAttribute('aria-label') || e.tagName };
    });
    if (!seen) continue;
    if (seen.id !== undefined) reached.add(seen.id);
    if (!seen.ring) unringed.push(seen.what);
  }
  const missed = await page.evaluate((got) => [...document.querySelectorAll('[data-kbd]')]
    .filter((e) => !got.includes(e.dataset.kbd))
    .map((e) => e.dataset.testid || e.getAttribute('aria-label') || e.outerHTML.slice(0, 80)), [...reached]);
  assert.deepEqual(missed, [], 'every control and scroll region is reached by Tab');
  assert.deepEqual(unringed, [], 'every focused element shows a focus ring');
  // A slider moves by keyboard and says its value with its unit.
  const slider = page.locator('[data-testid="loyalty-slider"]');
  await slider.focus();
  await page.keyboard.press('ArrowRight');
  await settled(page);
  assert.equal(await slider.getAttribute('aria-valuetext'), '11 %');
  await setInput(page, 'benefit', 72);
  assert.equal(await page.getAttribute('[data-testid="benefit-slider"]', 'aria-valuetext'), '72 pt');
  assert.deepEqual(problems, []);
});

test('heatmaps read as tables: every cell has its cohort and offset headers, also when drawn in bands', async () => {
  const { page, problems } = await open(browser, server.url);
  const orphans = (table) => page.$$eval(`${table} td[data-offset]`, (tds) => tds.filter((td) => {
    const row = td.parentElement.querySelector('th[scope="row"]');
    const col = td.closest('table').querySelector('thead th[scope="col"]');
    return !row || !col;
  }).length);
  await act(page, () => page.locator('[data-testid="import-file"]').setInputFiles(cdnow), { status: 'import-status' });
  assert.equal(await orphans('[data-testid="baseline-heatmap"] table'), 0, 'simulator heatmap');
  assert.equal(await orphans('.data-wrap table'), 0, 'imported table');
  // 170 days of daily cohorts: 14,535 cells, drawn in parts (bands of 64 offsets).
  const lines = ['customer,date'];
  for (let d = 0; d < 170; d++) {
    const day = new Date(Date.UTC(2024, 0, 1 + d)).toISOString().slice(0, 10);
    lines.push(`N${d},${day}`);
    for (let back = 1; back <= 3 && d - back >= 0; back++) lines.push(`N${d - back},${day}`);
  }
  const file = { name: 'daily.csv', mimeType: 'text/csv', buffer: Buffer.from(lines.join('\n') + '\n') };
  await act(page, async () => {
    await page.locator('[data-testid="import-file"]').setInputFiles(file);
  }, { status: 'import-status' });
  await act(page, () => page.selectOption('[data-testid="data-period"]', 'day'), { status: 'import-status' });
  await page.waitForFunction(() => document.querySelector('.data-band') && !document.querySelector('[data-drawing]'));
  const cells = await page.locator('.data-band td[data-offset]').count();
  assert.ok(cells > 12_000, `${cells} cells in bands`);
  assert.equal(await orphans('.data-band table'), 0, 'banded table');
  assert.deepEqual(problems, []);
});
