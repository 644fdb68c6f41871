// Bundles page.js with esbuild into dist/ and copies page.html and the
// DuckDB-WASM EH bundle's worker and wasm beside it, so the page fetches
// nothing from any other host.   node tests/bench/duckdb-wasm/build.mjs
import { build as esbuild } from 'esbuild';
import { copyFileSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('./', import.meta.url));
export const DIST = `${here}dist/`;
const DUCKDB = `${here}node_modules/@duckdb/duckdb-wasm/dist/`;
export const SOURCES = ['page.js', 'page.html', 'build.mjs', 'package-lock.json'].map((f) => here + f);
export const OUTPUTS = ['page.html', 'page.js', 'duckdb-eh.wasm', 'duckdb-browser-eh.worker.js'].map((f) => DIST + f);

export async function build() {
  mkdirSync(DIST, { recursive: true });
  await esbuild({
    entryPoints: [`${here}page.js`],
    outfile: `${DIST}page.js`,
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    logLevel: 'warning',
  });
  copyFileSync(`${here}page.html`, `${DIST}page.html`);
  for (const f of ['duckdb-eh.wasm', 'duckdb-browser-eh.worker.js']) copyFileSync(DUCKDB + f, DIST + f);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await build();
  console.log(`built ${DIST}`);
}
