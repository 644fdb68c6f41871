// After `trunk build --release` (called by scripts/build): makes dist/ pass a
// strict Content-Security-Policy and work offline.
//
// - Trunk's inline loader <script> becomes a content-hashed boot-*.js file
//   (with static/offline.js appended), so no inline script remains.
// - <meta http-equiv="Content-Security-Policy"> with the tightest policy the
//   page needs (CSP below; README "Security and privacy" has the header).
// - A service worker sw.js that precaches exactly this build's files, a web
//   app manifest and its icon.
//
// Usage: node scripts/postbuild.mjs DIST
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const CSP = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "worker-src 'self' blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'none'",
].join('; ');

const hash = (bytes, n = 16) => createHash('sha256').update(bytes).digest('hex').slice(0, n);
const sri = (bytes) => `sha384-${createHash('sha384').update(bytes).digest('base64')}`;

const ICON = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="#0072B2"/><path d="M9 21a8 8 0 1 1 3 3" fill="none" stroke="#fff" stroke-width="3" stroke-linecap="round"/><path d="M7 19l2 3 3-2" fill="none" stroke="#fff" stroke-width="2.5" stroke-linecap="round" stroke-linejoin="round"/></svg>\n`;

const MANIFEST = {
  name: 'Repurchase Lab · 复购实验室',
  short_name: 'Repurchase Lab',
  description: "Why satisfied customers don't come back — and what would bring them back.",
  start_url: './',
  scope: './',
  display: 'standalone',
  background_color: '#ffffff',
  theme_color: '#0072B2',
  icons: [{ src: './icon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' }],
};

function serviceWorker(version, files, lazy) {
  return `// The service worker of build ${version}: precaches exactly these files
// and serves them, online or not. The workbook reader (LAZY) is not
// precached: it is kept the first time a workbook is opened, then works
// offline too. A newer build installs beside it and waits until the page
// asks ("a new version is ready — reload").
const CACHE = 'repurchase-lab-${version}';
const FILES = ${JSON.stringify(files)};
const LAZY = ${JSON.stringify(lazy)};
self.addEventListener('install', (e) => {
  e.waitUntil(caches.open(CACHE).then((c) => c.addAll(FILES)));
});
self.addEventListener('message', (e) => {
  if (e.data === 'skip-waiting') self.skipWaiting();
});
self.addEventListener('activate', (e) => {
  e.waitUntil(caches.keys()
    .then((keys) => Promise.all(keys
      .filter((k) => k.startsWith('repurchase-lab-') && k !== CACHE)
      .map((k) => caches.delete(k))))
    .then(() => self.clients.claim()));
});
self.addEventListener('fetch', (e) => {
  const url = new URL(e.request.url);
  if (e.request.method !== 'GET' || url.origin !== location.origin) return;
  e.respondWith(caches.open(CACHE).then(async (c) => {
    const hit = await c.match(e.request, { ignoreSearch: true });
    if (hit) return hit;
    if (e.request.mode === 'navigate') {
      const page = await c.match('./');
      if (page) return page;
    }
    const response = await fetch(e.request);
    if (response.ok && LAZY.some((f) => url.pathname.endsWith(f.slice(1)))) await c.put(e.request, response.clone());
    return response;
  }));
});
`;
}

export function postbuild(dist) {
  const indexPath = join(dist, 'index.html');
  let html = readFileSync(indexPath, 'utf8');
  const inline = /<script type="?module"?>([\s\S]*?)<\/script>/.exec(html);
  if (!inline) throw new Error(`${indexPath}: Trunk's inline loader script was not found`);
  const offline = readFileSync(new URL('../static/offline.js', import.meta.url), 'utf8');
  const boot = `${inline[1].trim()}\n\n${offline}`;
  const bootName = `boot-${hash(boot)}.js`;
  writeFileSync(join(dist, bootName), boot);
  html = html.replace(inline[0], `<script type=module src="./${bootName}" integrity="${sri(boot)}"></script>`);
  if (/<script(?![^>]*\bsrc=)[^>]*>/.test(html)) throw new Error('an inline script is left in index.html');
  if (/\sstyle=/.test(html)) throw new Error('an inline style attribute is left in index.html');
  html = html.replace(/<head>|<meta charset=utf-8>/, (m) => `${m}<meta http-equiv="Content-Security-Policy" content="${CSP}">`);
  html = html.replace('</head>', '<link rel=manifest href=./manifest.webmanifest><meta name=theme-color content=#0072B2></head>');
  writeFileSync(indexPath, html);
  writeFileSync(join(dist, 'icon.svg'), ICON);
  writeFileSync(join(dist, 'manifest.webmanifest'), `${JSON.stringify(MANIFEST, null, 2)}\n`);

  const files = readdirSync(dist).filter((f) => f !== 'sw.js').sort();
  const version = hash(files.map((f) => `${f}:${hash(readFileSync(join(dist, f)))}`).join('\n'));
  const lazy = files.filter((f) => f.startsWith('workbook-worker'));
  const eager = files.filter((f) => !lazy.includes(f));
  writeFileSync(join(dist, 'sw.js'), serviceWorker(version, ['./', ...eager.map((f) => `./${f}`)], lazy.map((f) => `./${f}`)));
  return { bootName, version, files: files.length + 1 };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const dist = process.argv[2] ?? 'dist';
  const { bootName, version, files } = postbuild(dist);
  console.log(`  postbuild: ${bootName}, service worker ${version} precaching ${files} files, CSP meta`);
}
