// Shared helpers for the contract servers. They answer over real HTTP like the documented APIs do.
// Here is the plumbing every server shares: reading bodies, plain JSON answers, per-tenant state, the one
// test-control protocol (`__test/…`: reset, faults, request log, data) and wall-clock time in a zone. What each
// vendor answers (its error bodies, what a fault looks like in its format, what its log entries add) stays in
// that server, described at the top of its file.

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

// ------------------------------------------------------------------ the test-control protocol
//
// Every contract server answers the same test-only endpoints under its tenant (never part of any vendor API;
// no auth; JSON in and out):
//
//   POST   /<tenant>/__test/reset   {…setup}     a fresh tenant, seeded with the server's setup keys (its clock,
//                                               quirks, names: listed at the top of each server) → { ok: true }
//   POST   /<tenant>/__test/fault   Fault | [Fault]   arms faults                       → { armed: n }
//   GET    /<tenant>/__test/fault                      the armed faults               → { faults: [Fault] }
//   DELETE /<tenant>/__test/fault                      disarms them                   → { armed: 0 }
//   GET    /<tenant>/__test/log                        every request the tenant received, oldest first
//                                                      → { total, requests: [{ method, path, query, op, status, …}] }
//                                                      (`path` after the tenant, `query` "" or "?…", `op` the
//                                                      server's operation name, `status` the answer's; no headers,
//                                                      so tokens and keys stay out; servers add what they check)
//   GET|PUT /<tenant>/__test/data                      the tenant's data, in the server's own format, where the
//                                                      server has this (404 otherwise)
//
// A Fault, the same shape on every server:
//   { op?, method?, path?,   which requests: the server's operation name ("*" or absent: any), the HTTP method,
//                            a prefix of path+query after the tenant (e.g. "/Slot?"); all given must match
//     kind,                  "status"        answer `status` with the vendor's own error body for it
//                            "slow"          wait `delayMs` (default 3000), then handle the request as usual
//                            "late"          handle it now, hold the answer back `delayMs` (the work is done,
//                                            the client gives up: an answer lost on the way back)
//                            "malformed"     a success status with a truncated body in the vendor's format
//                            "unexpected"    well-formed, but not the shape the vendor documents
//                            "expired-token" the vendor's 401, whatever the token
//                            "raw"           `status` (default 200) with `body` verbatim
//                            or a kind of the server's own; each server lists the kinds it answers, and
//                            arming another is refused (400)
//     status?, message?,     the status for "status"/"raw"; `message` replaces the vendor's error text where its
//     body?, delayMs?,       body has one; `delayMs` also delays any other kind before it answers
//     times? }               how many matching requests it hits (default: every one)

/** Checks and normalises one armed fault; throws a message for a 400. */
function normaliseFault(fault, kinds) {
  if (!fault || typeof fault !== 'object' || Array.isArray(fault)) throw new Error('A fault is a JSON object.');
  const { kind, op, method, path, status, delayMs, times } = fault;
  if (typeof kind !== 'string' || !kinds.includes(kind))
    throw new Error(`Unknown fault kind ${JSON.stringify(kind)}; this server knows ${kinds.join(', ')}.`);
  for (const [name, value] of Object.entries({ op, method, path }))
    if (value !== undefined && typeof value !== 'string') throw new Error(`Fault ${name} must be a string.`);
  for (const [name, value] of Object.entries({ status, delayMs, times }))
    if (value !== undefined && (typeof value !== 'number' || value < 0))
      throw new Error(`Fault ${name} must be a number.`);
  if (kind === 'status' && typeof status !== 'number') throw new Error('A "status" fault needs a status.');
  return { ...fault, op: op ?? '*', ...(method ? { method: method.toUpperCase() } : {}) };
}

/** Whether an armed fault is meant for a request { op, method, path (with its query) }. */
function faultMatches(fault, request) {
  return (
    (fault.op === '*' || fault.op === request.op) &&
    (!fault.method || fault.method === request.method) &&
    (!fault.path || request.path.startsWith(fault.path))
  );
}

/**
 * Takes the first armed fault meant for a request ({ op, method, path with query }) and uses it up once.
 * A fault with a numeric `times` fires that many times, then leaves the list; without one it stays armed.
 */
export function takeFault(faults, request) {
  const index = faults.findIndex((f) => (typeof f.times !== 'number' || f.times > 0) && faultMatches(f, request));
  if (index < 0) return undefined;
  const fault = faults[index];
  if (typeof fault.times === 'number' && --fault.times <= 0) faults.splice(index, 1);
  return fault;
}

/** Lets the request be handled now but sends its answer `ms` later (dropped if the client has gone). */
export function answerLate(res, ms) {
  const { writeHead, end } = res;
  let head = [];
  res.writeHead = (...args) => ((head = args), res);
  res.end = (...args) => {
    sleep(ms).then(() => {
      if (res.destroyed) return;
      writeHead.apply(res, head);
      end.apply(res, args);
    });
    return res;
  };
}

/**
 * A fault's timing before the server answers: `slow` waits `delayMs` (default 3000) and then the request is
 * handled as usual; `late` lets it be handled now and holds the answer back; any other kind waits `delayMs`
 * (if set) before its own answer. Resolves false when the client has gone meanwhile (nothing more to do).
 */
export async function faultTiming(fault, res) {
  if (!fault) return true;
  if (fault.kind === 'late') {
    answerLate(res, fault.delayMs ?? 3000);
    return true;
  }
  const wait = fault.kind === 'slow' ? (fault.delayMs ?? 3000) : fault.delayMs;
  if (wait) await sleep(wait);
  return !res.destroyed;
}

/** Refuses setup keys a server does not know, so a typo in a test fails loudly. */
export function checkSetup(setup, known) {
  const unknown = Object.keys(setup).filter((key) => !known.includes(key));
  if (unknown.length)
    throw new SetupError(`Unknown setup ${unknown.join(', ')}; this server knows ${known.join(', ') || 'none'}.`);
}

export class SetupError extends Error {}

/**
 * Per-tenant state: the first path segment names a tenant, so each test gets a fresh, isolated backend
 * (`/mock/<backend>/<tenant>/…`). `createState(tenant, setup)` seeds it on first use (setup `{}`) and on
 * `POST __test/reset`; the state keeps `faults` and `log` arrays. Every other request is logged (the entry
 * gets the answer's status) and goes to `handle(req, res, { state, path, url, tenant, entry })`, which adds
 * its `op` and anything else it checks to `entry`.
 * `options.faultKinds` lists the fault kinds the server answers; `options.data` = { get(state), put(state, text) }
 * answers `__test/data` (each returns [status, body, headers?]).
 */
export function tenants(createState, handle, { faultKinds, data }) {
  const states = new Map();
  const fresh = async (tenant, setup = {}) => {
    const state = await createState(tenant, setup);
    state.faults ??= [];
    state.log ??= [];
    states.set(tenant, state);
    return state;
  };
  return async (req, res) => {
    try {
      const url = new URL(req.url ?? '/', 'http://contract.local');
      const [, tenant, ...rest] = url.pathname.split('/');
      if (!tenant) return send(res, 404, { error: 'Start the path with a tenant name: /<tenant>/…' });
      const path = `/${rest.join('/')}`;
      const method = req.method ?? 'GET';
      if (path === '/__test/reset' && method === 'POST') {
        const parsed = await readJson(req);
        if (!parsed.ok) return send(res, 400, { error: 'The setup is not JSON.' });
        await fresh(tenant, parsed.value ?? {});
        return send(res, 200, { ok: true });
      }
      const state = states.get(tenant) ?? (await fresh(tenant));
      if (path.startsWith('/__test/')) return control(req, res, { state, path, method, faultKinds, data });
      const entry = { method, path, query: url.search, op: undefined, status: undefined };
      state.log.push(entry);
      const writeHead = res.writeHead.bind(res);
      res.writeHead = (status, ...more) => {
        entry.status = status;
        return writeHead(status, ...more);
      };
      await handle(req, res, { state, path, url, tenant, entry });
    } catch (error) {
      if (error instanceof SetupError) return send(res, 400, { error: error.message });
      if (!res.headersSent) send(res, 500, { error: String(error?.stack ?? error) });
      else res.end();
    }
  };
}

async function control(req, res, { state, path, method, faultKinds, data }) {
  if (path === '/__test/fault') {
    if (method === 'GET') return send(res, 200, { faults: state.faults });
    if (method === 'DELETE') {
      state.faults.length = 0;
      return send(res, 200, { armed: 0 });
    }
    if (method === 'POST') {
      const parsed = await readJson(req);
      if (!parsed.ok || parsed.value === undefined) return send(res, 400, { error: 'Send a fault as JSON.' });
      let faults;
      try {
        faults = [].concat(parsed.value).map((f) => normaliseFault(f, faultKinds));
      } catch (error) {
        return send(res, 400, { error: error.message });
      }
      state.faults.push(...faults);
      return send(res, 200, { armed: state.faults.length });
    }
  }
  if (path === '/__test/log' && method === 'GET')
    return send(res, 200, { total: state.log.length, requests: state.log });
  if (path === '/__test/data' && (method === 'GET' || method === 'PUT')) {
    const hook = method === 'GET' ? data?.get : data?.put;
    if (!hook) return send(res, 404, { error: `This server has no ${method} __test/data; read its own API.` });
    const [status, body, headers] = await hook(state, method === 'PUT' ? await readText(req) : undefined);
    return send(res, status, body, headers);
  }
  return send(res, 404, {
    error: `No test endpoint ${method} ${path}. There are POST __test/reset, GET|POST|DELETE __test/fault, GET __test/log and GET|PUT __test/data.`,
  });
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
