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

/** Waits, for slow answers in timeout tests. */
export function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Reads a request body as JSON: `{ ok: true, value, text }` (value undefined for an empty body), or
 * `{ ok: false, text }` when it is not JSON. Each server answers a bad body in its vendor's own way.
 */
export async function readJson(req) {
  const text = await readText(req);
  try {
    return { ok: true, value: text ? JSON.parse(text) : undefined, text };
  } catch {
    return { ok: false, text };
  }
}

/**
 * Fault injection: takes the first armed fault that `matches` from a tenant's list and uses it up once.
 * A fault with a numeric `times` fires that many times, then leaves the list; without one it stays armed.
 */
export function takeFault(faults, matches) {
  const index = faults.findIndex((f) => (typeof f.times !== 'number' || f.times > 0) && matches(f));
  if (index < 0) return undefined;
  const fault = faults[index];
  if (typeof fault.times === 'number' && --fault.times <= 0) faults.splice(index, 1);
  return fault;
}

/** A takeFault match for faults armed per operation: `{ op }`, where op "*" stands for every operation. */
export function forOp(op) {
  return (fault) => fault.op === op || fault.op === '*';
}

// Clock handling without Luxon: wall-clock times in a clinic's zone, through Intl.

/** The parts of an instant on a zone's wall clock; weekday 1 = Monday … 7 = Sunday. */
export function zoned(ms, zone) {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      weekday: 'short',
    })
      .formatToParts(new Date(ms))
      .map((p) => [p.type, p.value]),
  );
  const weekday = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].indexOf(parts.weekday) + 1;
  return {
    y: +parts.year,
    m: +parts.month,
    d: +parts.day,
    h: +parts.hour % 24,
    min: +parts.minute,
    s: +parts.second,
    weekday,
  };
}

/** The zone's offset from UTC at an instant, in minutes (e.g. -300 for New York in winter). */
export function offsetMinutes(ms, zone) {
  const p = zoned(ms, zone);
  return Math.round((Date.UTC(p.y, p.m - 1, p.d, p.h, p.min, p.s) - Math.floor(ms / 1000) * 1000) / 60_000);
}

/** The instant of a wall-clock time (minutes after midnight) on a date in a zone; two passes settle DST. */
export function wallToUtc(y, m, d, minutes, zone) {
  const guess = Date.UTC(y, m - 1, d, Math.floor(minutes / 60), minutes % 60);
  let t = guess;
  for (let i = 0; i < 2; i++) {
    const p = zoned(t, zone);
    t += guess - Date.UTC(p.y, p.m - 1, p.d, p.h, p.min, p.s);
  }
  return t;
}
