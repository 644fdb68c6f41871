// First contentful paint of two or more builds, interleaved in one browser:
// `node tests/bench/fcp-ab.mjs DIR_A DIR_B [...] [--loads N]` serves each
// directory and loads them in turn (ABBA order), N fresh loads each
// (default 12), and prints each build's median and every load.
// Why interleaved: on these machines a second benchmark process started
// right after a first one measures 30–60 ms slower first paints, so two
// separate `frames.mjs` runs cannot tell builds apart; loads taken in turn
// share whatever the machine is doing.
import { launch } from '../e2e/browser.mjs';
import { startServer } from '../e2e/server.mjs';

const args = process.argv.slice(2);
const at = args.indexOf('--loads');
const LOADS = at >= 0 ? Number(args.splice(at, 2)[1]) : 12;
const dirs = args;
if (dirs.length < 1) {
  console.error('usage: node tests/bench/fcp-ab.mjs DIR_A DIR_B [...] [--loads N]');
  process.exit(2);
}
const servers = await Promise.all(dirs.map((root) => startServer({ root, prefix: '/bench/' })));
const browser = await launch();
const fcps = dirs.map(() => []);
for (let round = 0; round < LOADS; round++) {
  for (let j = 0; j < dirs.length; j++) {
    const i = round % 2 ? dirs.length - 1 - j : j;
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(servers[i].url, { waitUntil: 'load' });
    await new Promise((r) => setTimeout(r, 1200));
    fcps[i].push(await page.evaluate(() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN));
    await context.close();
  }
}
await browser.close();
for (const s of servers) await s.close();
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
dirs.forEach((d, i) => console.log(`${d}: first contentful paint median ${median(fcps[i]).toFixed(0)} ms (${fcps[i].map((x) => x.toFixed(0)).join(' ')})`));
