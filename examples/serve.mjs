#!/usr/bin/env node
// Serves the example pages and the built files over HTTP, the way a clinic's web server would:
//   npm run build && node examples/serve.mjs      → http://127.0.0.1:8080/examples/
// examples/strict-csp/ is sent with a strict Content-Security-Policy *response header* (not a meta tag),
// with Trusted Types required. /second-copy/… serves dist/ again under another URL, so a page can load a
// second copy of careslot (examples/two-copies/). test/dist/ drives these pages in Chromium.
import { createReadStream, readFileSync, statSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { createServer } from 'node:http';
import { extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));

/**
 * The strict policy of examples/strict-csp/: scripts only from this origin, no inline script, no eval,
 * Trusted Types required. Lit creates exactly one Trusted Types policy, named `lit-html` (it turns its
 * template strings into TrustedHTML once per template); careslot and its other dependencies create none.
 * Constructable stylesheets (how lit applies styles) are not subject to `style-src`.
 */
export const STRICT_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "require-trusted-types-for 'script'",
  'trusted-types lit-html',
].join('; ');

/**
 * Two copies of careslot mean two copies of lit, and each registers the `lit-html` policy: Trusted Types
 * refuses a second policy of the same name unless the page allows duplicates.
 */
export const STRICT_CSP_TWO_COPIES = STRICT_CSP.replace(
  'trusted-types lit-html',
  "trusted-types lit-html 'allow-duplicates'",
);

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
};

/** URL path → file under the repository, or undefined. Only examples/ and dist/ are served. */
function fileFor(pathname, distDir) {
  let path = decodeURIComponent(pathname);
  if (path.endsWith('/')) path += 'index.html';
  if (path.startsWith('/second-copy/')) return join(distDir, normalize(path.slice('/second-copy/'.length)));
  if (path.startsWith('/dist/')) return join(distDir, normalize(path.slice('/dist/'.length)));
  if (path.startsWith('/examples/')) return join(ROOT, normalize(path));
  return undefined;
}

function headersFor(pathname) {
  if (pathname.startsWith('/examples/strict-csp/')) return { 'Content-Security-Policy': STRICT_CSP };
  if (pathname.startsWith('/examples/two-copies/')) return { 'Content-Security-Policy': STRICT_CSP_TWO_COPIES };
  return {};
}

/**
 * Starts the server; resolves with its origin and a close function. `cache`: let the browser cache files;
 * `pages`: extra pages or scripts by path (the benchmark's), typed by their extension; `compress`: send files
 * gzipped to browsers that accept it, as a clinic's web server or CDN does.
 */
export function serveExamples({
  port = 0,
  host = '127.0.0.1',
  distDir = join(ROOT, 'dist'),
  cache = false,
  pages = {},
  compress = false,
} = {}) {
  /** Gzipped files by path, made once. */
  const gzipped = new Map();
  const server = createServer((req, res) => {
    const { pathname } = new URL(req.url ?? '/', 'http://localhost');
    if (pathname === '/') {
      res.writeHead(302, { Location: '/examples/' }).end();
      return;
    }
    if (Object.hasOwn(pages, pathname)) {
      res
        .writeHead(200, { 'Content-Type': TYPES[extname(pathname)] ?? TYPES['.html'], 'Cache-Control': 'no-store' })
        .end(pages[pathname]);
      return;
    }
    const file = fileFor(pathname, distDir);
    const root = pathname.startsWith('/examples/') ? join(ROOT, 'examples') : distDir;
    let ok;
    try {
      ok = !!file && file.startsWith(root) && statSync(file).isFile();
    } catch {
      ok = false;
    }
    if (!ok) {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not found');
      return;
    }
    const headers = {
      'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
      'Cache-Control': cache ? 'max-age=3600' : 'no-store',
      ...headersFor(pathname),
    };
    if (compress && /\bgzip\b/.test(req.headers['accept-encoding'] ?? '')) {
      let body = gzipped.get(file);
      if (!body) gzipped.set(file, (body = gzipSync(readFileSync(file))));
      res.writeHead(200, { ...headers, 'Content-Encoding': 'gzip' }).end(body);
      return;
    }
    res.writeHead(200, headers);
    createReadStream(file).pipe(res);
  });
  return new Promise((resolvePromise) => {
    server.listen(port, host, () => {
      const address = server.address();
      resolvePromise({
        origin: `http://${host}:${address.port}`,
        close: () => new Promise((done) => server.close(() => done())),
      });
    });
  });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { origin } = await serveExamples({ port: Number(process.env.PORT ?? 8080) });
  console.log(`careslot examples on ${origin}/examples/ (serving ${join(ROOT, 'dist')}; run npm run build first)`);
}
