// Shared helpers for the contract servers. They answer over real HTTP like the documented APIs do.
// Here is the plumbing several servers share: reading bodies, plain JSON answers, per-tenant state, using up
// armed faults, and wall-clock time in a zone. What each vendor answers (its error bodies, its test-only
// endpoints and what their request logs keep) stays in that server, described at the top of its file.

/** Reads a request body as text. */
export function readText(req) {
  return new Promise((resolve, reject) => {
    let data = '';
    req.setEncoding('utf8');
    req.on('data', (chunk) => (data += chunk));
    req.on('end', () => resolve(data));
    req.on('error', reject);
  });
}

/** Sends a body with a status and headers; objects become JSON, `null` becomes the text "null". */
export function send(res, status, body, headers = {}) {
  const isText = typeof body === 'string';
  const payload = body === undefined ? '' : isText ? body : JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': isText ? 'text/plain; charset=utf-8' : 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
    ...headers,
  });
  res.end(payload);
}

/**
 * Per-tenant state: the first path segment names a tenant, so each test gets a fresh, isolated backend
 * (`/mock/<backend>/<tenant>/…`). `createState(tenant)` seeds it on first use.
 * The handler gets (req, res, { state, path, url, tenant }).
 */
export function tenants(createState, handle) {
  const states = new Map();
  return async (req, res) => {
    try {
      const url = new URL(req.url ?? '/', 'http://contract.local');
      const [, tenant, ...rest] = url.pathname.split('/');
      if (!tenant) return send(res, 404, { error: 'Start the path with a tenant name: /<tenant>/…' });
      if (!states.has(tenant)) states.set(tenant, await createState(tenant));
      await handle(req, res, { state: states.get(tenant), path: `/${rest.join('/')}`, url, tenant });
    } catch (error) {
      if (!res.headersSent) send(res, 500, { error: String(error?.stack ?? error) });
      else res.end();
    }
  };
}

/** Delays or breaks an answer on request, for timeout and failure tests: `?__delay=ms`. */
export function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
