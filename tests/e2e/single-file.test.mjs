// End-to-end: the one-file build (scripts/build --single-file) opened from
// file://, as a wiki attachment or an e-mailed file is opened: calculator,
// simulator, import and forecasts all work, and nothing is requested.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

import { act, dataValue, open, setInput, suite } from './browser.mjs';
import { singleFile } from '../../scripts/singlefile.mjs';

let browser;
suite('/single/', (_, b) => {
  browser = b;
});

const dist = new URL('../../dist/', import.meta.url).pathname;
const out = new URL('../../dist-single/repurchase-lab.html', import.meta.url).pathname;
const cdnow = new URL('../fixtures/cdnow/CDNOW_sample.txt', import.meta.url).pathname;

before(() => {
  // Folded from the release build under test (scripts/build --single-file does the same).
  singleFile(dist, out);
  assert.ok(existsSync(out));
});

test('one file from file://: calculator, simulator, import and forecasts', async () => {
  const requests = [];
  const { page, context, problems } = await open(browser, pathToFileURL(out).href);
  context.on('request', (r) => requests.push(r.url()));
  await setInput(page, 'benefit', 90);
  assert.equal(await dataValue(page, 'value'), 60);
  await setInput(page, 'cohorts', 6);
  // Cohort c of 6 has 12 − c cells in the 12-period window.
  assert.equal(await page.locator('[data-testid="cohort-cell"]').count(), 12 + 11 + 10 + 9 + 8 + 7);
  assert.equal(await act(page, () => page.locator('[data-testid="import-file"]').setInputFiles(cdnow), { status: 'forecast-status' }), 'done');
  await act(page, () => page.selectOption('[data-testid="map-amount"]', '4'), { status: 'forecast-status' });
  assert.equal(Number(await page.getAttribute('[data-testid="bgnbd-r"]', 'data-value')).toFixed(3), '0.243');
  assert.ok((await page.locator('[data-testid="data-cohort-cell"]').count()) > 0);
  assert.deepEqual(requests.filter((u) => !u.startsWith('blob:') && !u.startsWith('data:') && u !== pathToFileURL(out).href), []);
  assert.deepEqual(problems, []);
});
