// Contract server for the Kaiser Permanente mycare appointments API v1.0 (seeds/000, contracts §1).
// Mounted at /mock/kp-mycare/<tenant>/…; every tenant has its own appointments and sessions.
//
// Endpoints (paths after the tenant; the adapter's defaults):
//   GET  mycare/appointments/v1.0/future        {"Appointments":[…]} — the member's future appointments
//   GET  mycare/appointments/v1.0/past          {"Appointments":[…]} — past ones
//   POST mycare/appointments/v1.0/confirmation  {"Appointments":[appt]} (the page's "JSON Request Body") +
//        X-apptContactId → {"ConfirmAppointmentResponse":true}; sets ConfirmInstant (clinic wall clock, no offset).
//        Any other body (the bare appointment, none, one not naming the header's id) → 412 "Invalid data".
//        GET → 404 "…only supports the POST request method".
//   POST mycare/appointments/v1.0/cancellation  {"Appointments":[appt],"CancelType":"Direct"|"Request","Reason",…}
//        → {"CancelAppointmentResponse":true}; Direct sets IsCanceled, Request sets CancelRequestSent.
//   other methods on these paths → 405; unknown paths → 404 "Un-supported URI".
// Every request must carry X-useragentcategory, X-osversion, X-useragenttype, X-apiKey, X-appName and the
// session header (`ssoession` as documented; `ssosession` for tenants whose name contains "ssosession"),
// plus X-apptContactId on confirmation/cancellation: a missing one → 412 Fault "One or more required params
// or header missing". Session values: containing "expired" → 401; "not-entitled" → 403 "User is not
// entitled"; anything else is valid. Every answer to a valid session carries a fresh session header (the
// rotation); on tenants whose name starts with "strict" the replaced session is revoked (→ 401 if reused).
// All answers carry X-CorrelationID (with its space), Cache-Control/Pragma/Expires no-cache, X-Powered-By.
// Errors are KP's Fault JSON: {"Fault":{"faultcode","faultstring","detail":{"FaultType":{"Type"}}}}.
//
// Data: tenant "demo" is seeded relative to the server clock; every other tenant gets the June 2016 set
// around the page's example (data.mjs).
//
// Test control: the shared protocol of ../harness.mjs (`__test/reset` takes no setup, `__test/fault`,
// `__test/log`, `__test/data`).
//   Operations (a fault's `op`): list (future and past), confirm, cancel.
//   Faults: status → 401 403 404 405 412 500 503 with their Fault bodies (`message` replaces the faultstring);
//     expired-token (the 401); slow (then a normal answer); malformed (truncated JSON); unexpected (200 HTML page);
//     and KP's own: 403-session (403 whose Fault names the session, as the page lists 403 with 401: "invalid
//     ssoSession or ObSSOCookie"), 503-plain (no body), fault-200 (200 with a Fault body), false
//     (ConfirmAppointmentResponse/CancelAppointmentResponse false), as-documented (the page's broken example
//     JSON, verbatim, as the list).
//   Magic tenant names arm one fault for every call: fail500-*, fail503-*, slow-*, malformed-*, expired-*, asdoc-*.
//   Log entries add sessionHeader (the header's name) and sessionGeneration (0 = the host's session, n = the
//     n-th rotated one, -1 = unknown/none; session values themselves are never logged); confirmation and
//     cancellation entries add bodyKeys (the JSON body's top-level keys) and bodyContactIds (the ContactIDs of
//     the appointments it carries).
//   GET __test/data → {"Appointments":[…]} the future appointments; PUT __test/data {"Appointments":[…]}
//     replaces them.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { checkSetup, faultTiming, readText, takeFault, tenants } from '../harness.mjs';
import { demoAppointments, localWallClock, testAppointments } from './data.mjs';

const AS_DOCUMENTED = readFileSync(new URL('./as-documented.json.txt', import.meta.url), 'utf8');
const PREFIX = '/mycare/appointments/v1.0/';
const DEVICE_HEADERS = ['x-useragentcategory', 'x-osversion', 'x-useragenttype', 'x-apikey', 'x-appname'];
const MAGIC = {
  fail500: { kind: 'status', status: 500 },
  fail503: { kind: 'status', status: 503 },
  slow: { kind: 'slow' },
  malformed: { kind: 'malformed' },
  expired: { kind: 'expired-token' },
  asdoc: { kind: 'as-documented' },
};

function fault(faultstring, type = 'UnknownError', faultcode = 'a:InternalFault') {
  return { Fault: { faultcode, faultstring, detail: { FaultType: { Type: type } } } };
}

const FAULTS = {
  401: () => fault('Unauthorized; invalid ssoSession or ObSSOCookie', 'InvalidSession', 'a:SecurityFault'),
  403: () => fault('User is not entitled', 'NotEntitled', 'a:SecurityFault'),
  '403-session': () => fault('Forbidden; invalid ssoSession or ObSSOCookie', 'InvalidSession', 'a:SecurityFault'),
  404: () => fault('Appointment not found', 'NotFound', 'a:ClientFault'),
  405: () => fault('Method not supported', 'MethodNotSupported', 'a:ClientFault'),
  412: () => fault('Invalid data', 'InvalidData', 'a:ClientFault'),
  500: () => fault('An application error occurred.'),
  503: () => fault('Referenced service not available', 'ServiceUnavailable'),
};

function createState(tenant, setup) {
  checkSetup(setup, []);
  const data = tenant === 'demo' ? demoAppointments() : testAppointments();
  const magic = Object.entries(MAGIC).find(([prefix]) => tenant.startsWith(prefix));
  return {
    ...data,
    sessionHeader: tenant.includes('ssosession') ? 'ssosession' : 'ssoession',
    strict: tenant.startsWith('strict'),
    generations: new Map(), // session value -> generation
    revoked: new Set(),
    rotations: 0,
    faults: magic ? [{ op: '*', ...magic[1] }] : [],
    log: [],
  };
}

function kpHeaders(extra = {}) {
  return {
    'X-CorrelationID': `Id-${randomBytes(12).toString('hex')} 0`,
    'Cache-Control': 'max-age=0, no-cache, no-store, must-revalidate',
    Expires: '0',
    Pragma: 'no-cache',
    'X-Powered-By': 'Servlet/3.0',
    'Content-Type': 'application/json',
    ...extra,
  };
}

function reply(res, status, body, headers = {}) {
  res.writeHead(status, kpHeaders(headers));
  res.end(body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body));
}

function findAppointment(state, id) {
  return [...state.future, ...state.past].find((a) => a.ContactIDs?.some((c) => c.ID?.trim() === id));
}

const OPERATIONS = { future: 'list', past: 'list', confirmation: 'confirm', cancellation: 'cancel' };

/** The documented resource a path names, or undefined. */
function operation(path) {
  if (!path.startsWith(PREFIX)) return undefined;
  const name = path.slice(PREFIX.length).replace(/\/$/, '');
  return Object.hasOwn(OPERATIONS, name) ? { name, op: OPERATIONS[name] } : undefined;
}

async function handle(req, res, { state, path, url, entry }) {
  const method = req.method ?? 'GET';
  const route = operation(path);
  const sessionName = state.sessionHeader;
  const session = req.headers[sessionName];
  const generation =
    session === undefined ? -1 : (state.generations.get(session) ?? (state.revoked.has(session) ? -1 : 0));
  Object.assign(entry, {
    op: route?.op ?? 'unknown',
    sessionHeader: session === undefined ? null : sessionName,
    sessionGeneration: generation,
  });
  const body = method === 'GET' || method === 'HEAD' ? '' : await readText(req);

  if (!route) return reply(res, 404, fault('Un-supported URI', 'NotFound', 'a:ClientFault'));

  // Required headers first (412), then the session (401/403).
  const missing = [...DEVICE_HEADERS, sessionName, ...(route.op === 'list' ? [] : ['x-apptcontactid'])].filter(
    (h) => !String(req.headers[h] ?? '').trim(),
  );
  if (missing.length)
    return reply(res, 412, fault('One or more required params or header missing', 'InvalidData', 'a:ClientFault'));
  if (String(session).includes('expired') || state.revoked.has(session)) return reply(res, 401, FAULTS[401]());
  if (session === 'not-entitled') return reply(res, 403, FAULTS[403]());

  // A valid session: KP hands back a fresh one on every answer from here on.
  const fresh = `${randomBytes(24).toString('base64')}`;
  state.rotations += 1;
  state.generations.set(fresh, state.rotations);
  if (state.strict) state.revoked.add(session);
  const rotated = { [sessionName]: fresh };

  const armed = takeFault(state.faults, { op: route.op, method, path: `${path}${url.search}` });
  if (!(await faultTiming(armed, res))) return undefined;
  const injected =
    armed?.kind === 'status' ? String(armed.status) : armed?.kind === 'expired-token' ? '401' : armed?.kind;
  const faultBody = (kind) => {
    const body = FAULTS[kind]();
    if (armed?.message) body.Fault.faultstring = armed.message;
    return body;
  };
  // `slow` has waited above and is then answered as usual.
  if (injected === 'malformed')
    return reply(res, 200, '{"Appointments":[{"CancelDirectAllowed":true,"ContactIDs":[{"ID":"2852', rotated);
  else if (injected === 'unexpected')
    return reply(res, 200, '<html><body><h1>Service Unavailable</h1></body></html>', {
      ...rotated,
      'Content-Type': 'text/html',
    });
  else if (injected === 'fault-200') return reply(res, 200, FAULTS[500](), rotated);
  else if (injected === '503-plain') return reply(res, 503, undefined, rotated);
  else if (injected === 'as-documented' && route.op === 'list') return reply(res, 200, AS_DOCUMENTED, rotated);
  else if (injected === '401') return reply(res, 401, faultBody('401'));
  else if (injected === '403-session') return reply(res, 403, faultBody(injected));
  else if (injected && FAULTS[injected]) return reply(res, Number(injected), faultBody(injected), rotated);
  else if (armed?.kind === 'status')
    return reply(res, armed.status, fault(armed.message ?? `Injected failure ${armed.status}`), rotated);

  if (route.op === 'list') {
    if (method !== 'GET') return reply(res, 405, FAULTS[405](), rotated);
    return reply(res, 200, { Appointments: route.name === 'past' ? state.past : state.future }, rotated);
  }

  // confirmation / cancellation
  if (method === 'GET') {
    return reply(
      res,
      404,
      fault(
        'Method not supported/ resource not found; this API only supports the POST request method',
        'MethodNotSupported',
        'a:ClientFault',
      ),
      rotated,
    );
  }
  if (method !== 'POST') return reply(res, 405, FAULTS[405](), rotated);
  let payload;
  try {
    payload = body ? JSON.parse(body) : undefined;
  } catch {
    return reply(res, 412, FAULTS[412](), rotated);
  }
  // What the log shows of the body: its top-level keys and the ContactIDs of the appointments it names.
  if (payload && typeof payload === 'object') {
    entry.bodyKeys = Object.keys(payload);
    const named = Array.isArray(payload.Appointments) ? payload.Appointments : [payload];
    entry.bodyContactIds = named.flatMap((a) => (a?.ContactIDs ?? []).map((c) => String(c.ID).trim()));
  }
  const id = String(req.headers['x-apptcontactid']).trim();
  const appointment = findAppointment(state, id);
  if (!appointment) return reply(res, 404, fault(`Appointment ${id} not found`, 'NotFound', 'a:ClientFault'), rotated);
  const zone = appointment.ProviderDepartments?.[0]?.Department?.OfficialTimeZone?.Title ?? 'America/Los_Angeles';

  if (route.op === 'confirm') {
    // The body is the page's "JSON Request Body": {"Appointments": [<the appointment the header names>]}.
    const [confirmed] = Array.isArray(payload?.Appointments) ? payload.Appointments : [];
    if (!confirmed?.ContactIDs?.some((c) => String(c.ID).trim() === id)) return reply(res, 412, FAULTS[412](), rotated);
    if (appointment.IsCanceled)
      return reply(res, 412, fault('Appointment is canceled', 'InvalidData', 'a:ClientFault'), rotated);
    if (injected === 'false') return reply(res, 200, { ConfirmAppointmentResponse: false }, rotated);
    appointment.ConfirmInstant ??= localWallClock(Date.now(), zone);
    return reply(res, 200, { ConfirmAppointmentResponse: true }, rotated);
  }

  // cancel
  const type = payload?.CancelType;
  if (!Array.isArray(payload?.Appointments) || !['Direct', 'Request'].includes(type))
    return reply(res, 412, FAULTS[412](), rotated);
  if (injected === 'false') return reply(res, 200, { CancelAppointmentResponse: false }, rotated);
  if (appointment.IsCanceled) return reply(res, 200, { CancelAppointmentResponse: true }, rotated);
  if (type === 'Direct') {
    if (!appointment.CancelDirectAllowed)
      return reply(
        res,
        412,
        fault('Direct cancellation is not allowed for this appointment', 'InvalidData', 'a:ClientFault'),
        rotated,
      );
    appointment.IsCanceled = true;
    appointment.CancelDirectAllowed = false;
    appointment.CancelRequestAllowed = false;
  } else {
    if (!appointment.CancelRequestAllowed)
      return reply(
        res,
        412,
        fault('A cancellation request is not allowed for this appointment', 'InvalidData', 'a:ClientFault'),
        rotated,
      );
    appointment.CancelRequestSent = true;
  }
  return reply(res, 200, { CancelAppointmentResponse: true }, rotated);
}

export default async function create() {
  return tenants(createState, handle, {
    faultKinds: [
      'status',
      'expired-token',
      'slow',
      'malformed',
      'unexpected',
      '403-session',
      '503-plain',
      'fault-200',
      'false',
      'as-documented',
    ],
    data: {
      get: (state) => [200, { Appointments: state.future }],
      put: (state, text) => {
        const body = JSON.parse(text);
        state.future = body.Appointments ?? [];
        return [200, { ok: true }];
      },
    },
  });
}
