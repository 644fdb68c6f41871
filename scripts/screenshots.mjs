// The README's pictures: the release build in dist/ (./scripts/build first)
// served locally and shot in Debian's headless Chromium, in English and in
// 中文, the calculator's first screen. Writes docs/screenshot-en.png and
// docs/screenshot-zh.png.
//
// Usage: node scripts/screenshots.mjs
import { launch, open } from '../tests/e2e/browser.mjs';
import { startServer } from '../tests/e2e/server.mjs';

const root = new URL('../dist', import.meta.url).pathname;
const docs = new URL('../docs/', import.meta.url).pathname;
const server = await startServer({ root, prefix: '/' });
const browser = await launch();
for (const [lang, locale] of [['en', 'en-US'], ['zh', 'zh-CN']]) {
  const { page, context } = await open(browser, `${server.url}#v=1&p=hotpot`, { locale, viewport: { width: 1280, height: 1000 } });
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 100))));
  await page.screenshot({ path: `${docs}screenshot-${lang}.png` });
  await context.close();
  console.log(`  docs/screenshot-${lang}.png`);
}
await browser.close();
await server.close();
