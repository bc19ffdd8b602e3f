// Contract servers: plain node:http request handlers that behave like each backend's documented API.
// Every folder here with a server.mjs is mounted at /mock/<folder>/ by the test runner (wtr), by
// `npm start` (vite) and by Storybook, on their own origin. A server module default-exports
// `async function create() => (req, res) => void`; see harness.mjs for the shared helpers.
import { readdirSync, existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));

/** name -> node:http handler, for every contract server in this folder. */
export async function loadContractServers() {
  const servers = new Map();
  for (const entry of readdirSync(here, { withFileTypes: true })) {
    const file = `${here}${entry.name}/server.mjs`;
    if (!entry.isDirectory() || !existsSync(file)) continue;
    const module = await import(pathToFileURL(file).href);
    servers.set(entry.name, await module.default());
  }
  return servers;
}

/** Splits /mock/<name>/rest into the server's handler and the path it sees. */
function route(servers, url = '') {
  const match = /^\/mock\/([^/?]+)(\/[^]*)?$/.exec(url);
  const handler = match && servers.get(match[1]);
  return handler ? { handler, path: match[2] || '/' } : undefined;
}

/** Connect-style middleware (vite, storybook) that routes /mock/<name>/… to that server. */
export async function connectContractServers() {
  const servers = await loadContractServers();
  return (req, res, next) => {
    const found = route(servers, req.url);
    if (!found) return next();
    req.url = found.path;
    found.handler(req, res);
  };
}

/** Koa middleware for web-test-runner. */
export async function contractServerMiddleware() {
  const servers = await loadContractServers();
  return async (ctx, next) => {
    const found = route(servers, ctx.url);
    if (!found) return next();
    ctx.respond = false; // the contract server answers, not Koa
    ctx.req.url = found.path;
    await new Promise((resolve) => {
      ctx.res.on('close', resolve);
      found.handler(ctx.req, ctx.res);
    });
  };
}
