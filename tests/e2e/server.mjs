// A tiny static server for dist/, mounted at a sub-path (like a static host
// serving the app from /some/path/). Anything outside the prefix is a 404,
// so an absolute asset URL in the build fails the tests. Every file of the
// app is sent with the strict Content-Security-Policy as a header too (as an
// intranet host would), so the whole suite runs under it.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';

import { CSP } from '../../scripts/postbuild.mjs';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.png': 'image/png',
  '.webmanifest': 'application/manifest+json',
};

export async function startServer({ root, prefix = '/', extraRoutes = {} }) {
  const base = resolve(root);
  // Paths served instead of dist/: a string is an HTML page of another site,
  // { type, body } a file of the app. Tests may change them while running.
  const routes = { ...extraRoutes };
  const server = createServer(async (req, res) => {
    const url = new URL(req.url, 'http://x');
    const extra = routes[url.pathname];
    if (typeof extra === 'string') {
      // Another site's page (an embedding wiki): no policy of ours.
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(extra);
      return;
    }
    if (extra) {
      // A file of the app served differently (a newer build's sw.js).
      res.writeHead(200, { 'content-type': extra.type, 'content-security-policy': CSP });
      res.end(extra.body);
      return;
    }
    if (url.pathname === prefix.slice(0, -1)) {
      res.writeHead(301, { location: prefix });
      res.end();
      return;
    }
    if (!url.pathname.startsWith(prefix)) {
      res.writeHead(404).end('outside the app prefix');
      return;
    }
    let rel = decodeURIComponent(url.pathname.slice(prefix.length)) || 'index.html';
    const file = normalize(join(base, rel));
    if (!file.startsWith(base)) {
      res.writeHead(403).end();
      return;
    }
    try {
      const info = await stat(file);
      const path = info.isDirectory() ? join(file, 'index.html') : file;
      const body = await readFile(path);
      res.writeHead(200, {
        'content-type': TYPES[extname(path)] ?? 'application/octet-stream',
        'content-security-policy': CSP,
      });
      res.end(body);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address();
  return {
    host: `127.0.0.1:${port}`,
    url: `http://127.0.0.1:${port}${prefix}`,
    routes,
    close: () => new Promise((ok) => server.close(ok)),
  };
}
