// The one-file build: dist/ (a release build) folded into one self-contained
// HTML file that works when opened from file:// or attached to a wiki page —
// styles inlined, the page's, the rooms' and the worker's wasm as base64, the
// worker and the rooms started from blob: URLs. No service worker and no CSP meta: a
// file has no origin to serve them from (README "Security and privacy").
//
// Usage: node scripts/singlefile.mjs DIST OUT.html (scripts/build --single-file)
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const one = (dir, re) => {
  const found = readdirSync(dir).filter((f) => re.test(f));
  if (found.length !== 1) throw new Error(`${dir}: expected one file matching ${re}, found ${found.join(', ') || 'none'}`);
  return join(dir, found[0]);
};

// Text that sits inside a <script> element must not close it.
const scriptSafe = (js) => js.replace(/<\/(script)/gi, '<\\/$1').replace(/<!--/g, '<\\!--');

export function singleFile(dist, out) {
  const css = readFileSync(one(dist, /^style-.*\.css$/), 'utf8');
  const glue = readFileSync(one(dist, /^repurchase-lab-[0-9a-f]+\.js$/), 'utf8');
  const wasm = readFileSync(one(dist, /^repurchase-lab-[0-9a-f]+_bg\.wasm$/)).toString('base64');
  const workerGlue = readFileSync(join(dist, 'import-worker.js'), 'utf8');
  const workerWasm = readFileSync(join(dist, 'import-worker_bg.wasm')).toString('base64');
  const roomsGlue = readFileSync(join(dist, 'rooms.js'), 'utf8');
  const roomsWasm = readFileSync(join(dist, 'rooms_bg.wasm')).toString('base64');
  const bookGlue = readFileSync(join(dist, 'workbook-worker.js'), 'utf8');
  const bookWasm = readFileSync(join(dist, 'workbook-worker_bg.wasm')).toString('base64');

  // The page's glue is an ES module ending in `export { initSync, X as default }`:
  // inlined, it is called by that name instead.
  const exported = /export\s*\{([^}]*)\};?\s*$/.exec(glue);
  const init = exported && /(\w+)\s+as\s+default/.exec(exported[1]);
  if (!init) throw new Error('the wasm-bindgen glue has no default export to call');
  const page = `${glue.slice(0, exported.index)}
const bytes = (b64) => Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
const worker = document.getElementById('repurchase-lab-worker').textContent;
window.repurchaseLabWorker = URL.createObjectURL(new Blob([worker], { type: 'text/javascript' }));
const rooms = document.getElementById('repurchase-lab-rooms').textContent;
window.repurchaseLabRooms = URL.createObjectURL(new Blob([rooms], { type: 'text/javascript' }));
const book = document.getElementById('repurchase-lab-workbook').textContent;
window.repurchaseLabWorkbook = URL.createObjectURL(new Blob([book], { type: 'text/javascript' }));
await ${init[1]}({ module_or_path: bytes(document.getElementById('repurchase-lab-wasm').textContent) });
`;
  const worker = `${workerGlue}
wasm_bindgen({ module_or_path: Uint8Array.from(atob(${JSON.stringify(workerWasm)}), (c) => c.charCodeAt(0)) });
`;

  // The workbook reader, a worker like the import worker.
  const book = `${bookGlue}
wasm_bindgen({ module_or_path: Uint8Array.from(atob(${JSON.stringify(bookWasm)}), (c) => c.charCodeAt(0)) });
`;

  // The rooms (src/app/bridge.rs): the glue and its start in one script.
  const rooms = `${roomsGlue}
wasm_bindgen({ module_or_path: Uint8Array.from(atob(${JSON.stringify(roomsWasm)}), (c) => c.charCodeAt(0)) });
`;

  let html = readFileSync(join(dist, 'index.html'), 'utf8');
  html = html
    .replace(/<meta http-equiv="Content-Security-Policy"[^>]*>/, '')
    .replace(/<link[^>]*rel=(?:"?stylesheet"?|"?modulepreload"?|"?preload"?|"?manifest"?)[^>]*>/g, '')
    .replace(/<script[^>]*src=[^>]*><\/script>/g, '')
    .replace('</head>', `<style>${css}</style></head>`)
    .replace('</body>', `<script type="application/octet-stream" id="repurchase-lab-wasm">${wasm}</script>`
      + `<script type="text/plain" id="repurchase-lab-worker">${scriptSafe(worker)}</script>`
      + `<script type="text/plain" id="repurchase-lab-rooms">${scriptSafe(rooms)}</script>`
      + `<script type="text/plain" id="repurchase-lab-workbook">${scriptSafe(book)}</script>`
      + `<script type="module">${scriptSafe(page)}</script></body>`);
  if (/<link[^>]*href=\.?\/?[a-z]/.test(html.replace(/<link[^>]*rel=icon[^>]*>/, ''))) {
    throw new Error('a link to another file is left in the one-file build');
  }
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, html);
  return html.length;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [dist = 'dist', out = 'dist-single/repurchase-lab.html'] = process.argv.slice(2);
  const bytes = singleFile(dist, out);
  console.log(`  one file: ${out}, ${(bytes / 1024).toFixed(0)} KB`);
}
