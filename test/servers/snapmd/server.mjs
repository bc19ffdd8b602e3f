// Contract server: SnapMD Connected Care V3 API (+ the v2/v2.1 resources V3 lacks) (seeds/001, contracts §2).
//
// Mounted at /mock/snapmd/; the first path segment is a tenant with its own state, and the API root is
// /mock/snapmd/<tenant>/api (the adapter's base-url). Routes under it:
//   GET    v2/timezones                                         { data: [{ id, name }], message, total }
//   GET    v2.1/patients/appointments/self-scheduling/clinicians?searchRequest.date=YYYY-MM-DD&…skip&…take&…availableOnly
//   GET    v2.1/patients/appointments/self-scheduling/clinicians/{userId}?date=YYYY-MM-DD   { data: [clinician], … }, 404 unknown
//   POST   v3/patients/appointments        (and v3/admin/appointments for staff tokens)   → bare AppointmentResponse
//   PUT    v3/patients/appointments/{id}                                                  → bare AppointmentResponse
//   DELETE v3/patients/appointments/{id}                                                  → 200, no body
//   GET    v2.1/patients/appointments                           { data: [AppointmentResponse with int status], message, total }
//
// Behaviour, as documented (or, marked [INF], as careslot assumes):
// - Every call needs X-Developer-Id and X-Api-Key (this tenant: "careslot-dev" / "careslot-key"); wrong or
//   missing → 403 { message: "Invalid X-Developer-Id or X-Api-Key" } [INF: status and text].
// - Bearer token: missing or starting with "expired" → 401 "Authorization has been denied for this request."
//   [INF: ASP.NET's default]; a token starting with "staff" on a v3/patients URL → 401 with the reason phrase
//   "Only patients are authorized to use this API" (seed). Tokens starting with "patient" are the seed's
//   patient (personId 5b4fd4d8-…, "Added Dependent"); a second dependent (6c5e7f80-…) may be booked for too.
// - Data errors: HTTP 400 { responseCode, message, spCallResult } with the status line "Sp Error <code> ExError 0".
//   "Appointment time should be set in the future" is sent exactly as in the seed: status line 1000404, body 1000400.
//   Unknown appointment → 400 responseCode 1000404 "Appointment does not exist" (the Delete wiki page).
//   Other texts: "The patient tried to create an invalid type of appointment", "The user does not have permission
//   to schedule an appointment type" (v2.1 swagger); "The selected time is no longer available" [INF].
// - Create reads `zonedTime` (int zone id) over startTime/endTime (naive, "in current user time zone": the
//   zone of the patient's SnapMD profile, Eastern unless the setup says otherwise). Answers carry times in the
//   profile zone with their offset, like the seed's "2019-03-14T17:48:00-04:00" (or without, setup `naiveTimes`).
//   The clinic (the clinicians' hours, the seed appointment) is in Eastern time.
//   `whereUse` is echoed as a string. V3 statuses are strings ("Scheduled"); the v2.1 list sends ints.
// - Time-zone ids: 83 = Pacific Standard Time is documented (connectedcare-sdk); the other ids here are MADE UP.
// - Data: the seed's clinician Bob Ivonoff, availability block a9799648-…, patient "Added Dependent", and its
//   2-minute 17:48–17:50 appointment (quirk: no minimum duration) moved to the next weekday after the clock.
//
// Test control: the shared protocol of ../harness.mjs (`__test/reset`, `__test/fault`, `__test/log`).
//   Setup keys (POST __test/reset): now (ISO; default: the real clock), quirks (boolean), clinicianNames
//     ({ [personId]: { name, lastName } }), profileZone (IANA; the patient's profile zone, default
//     America/New_York), naiveTimes (boolean: answers' startTime/endTime without offset, in the profile zone).
//     quirks: the list sends V3 string statuses and `whereUse` as an int, create echoes `PaymentRequisites`.
//   Operations (a fault's `op`): timezones, slots (the clinician search, and one clinician), book (create), update, cancel
//     (delete), list.
//   Faults: status → that status with `{ message }` ("An error has occurred." unless `message`); slow; late;
//     malformed (200, not JSON); unexpected (200, JSON of the wrong shape); expired-token (401 whatever the token).
//   Log entries add `body` (parsed JSON, or the text when it is not JSON). Keys and tokens stay out.
// The tenant named `demo` (demo/snapmd.html) is seeded from the real clock.
import {
  SetupError,
  checkSetup,
  faultTiming,
  readJson,
  send,
  takeFault,
  tenants,
  wallToUtc,
  zoned,
} from '../harness.mjs';

export const DEVELOPER_ID = 'careslot-dev';
export const API_KEY = 'careslot-key';
export const PATIENT = {
  personId: '5b4fd4d8-d234-40ee-bd7c-1894411c9b21',
  patientId: 25937,
  given: 'Added',
  family: 'Dependent',
};
/** A second dependent of the same account, for two patients racing for one time. */
export const SECOND_PATIENT = {
  personId: '6c5e7f80-1a2b-4c3d-9e8f-0a1b2c3d4e5f',
  patientId: 25938,
  given: 'Second',
  family: 'Dependent',
};
/** The clinic's zone: the clinicians' hours and the seed appointment are Eastern wall-clock times. */
const CLINIC_ZONE = 'America/New_York';
/** The patient's profile zone (the "current user" of a v3/patients call) unless the setup names another. */
const DEFAULT_PROFILE_ZONE = 'America/New_York';
export const ZONES = [
  { id: 83, name: 'Pacific Standard Time' }, // documented
  { id: 1001, name: 'Eastern Standard Time' }, // made up
  { id: 1002, name: 'Central Standard Time' }, // made up
  { id: 1003, name: 'Mountain Standard Time' }, // made up
  { id: 1004, name: 'US Mountain Standard Time' }, // made up
  { id: 1005, name: 'Alaskan Standard Time' }, // made up
  { id: 1006, name: 'Hawaiian Standard Time' }, // made up
];
const IANA = {
  'Pacific Standard Time': 'America/Los_Angeles',
  'Eastern Standard Time': 'America/New_York',
  'Central Standard Time': 'America/Chicago',
  'Mountain Standard Time': 'America/Denver',
  'US Mountain Standard Time': 'America/Phoenix',
  'Alaskan Standard Time': 'America/Anchorage',
  'Hawaiian Standard Time': 'Pacific/Honolulu',
};
export const CLINICIANS = [
  {
    personId: '53484dcc-83ea-4e9f-8af7-c93bbeb1445d',
    userId: 6653,
    name: 'Bob',
    lastName: 'Ivonoff',
    gender: 'M',
    medicalSpeciality: 'Family Medicine',
    blockPrefix: 'a9799648-b068-4c71-aca1',
    minutes: 15,
    from: 14 * 60,
    to: 18 * 60,
    phones: [
      { id: 'e000fcbd-7668-48fe-b30c-695ed504de6b', use: 'home', value: '+37511111' },
      { id: 'ecc29805-0bd0-4e15-9aaa-f03b004e176f', use: 'mobile', value: '+38011111' },
    ],
  },
  {
    personId: '0c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f',
    userId: 6654,
    name: 'Lena',
    lastName: 'Fischer',
    gender: 'F',
    medicalSpeciality: 'Internal Medicine',
    blockPrefix: 'c0ffee00-1234-4abc-9def',
    minutes: 20,
    from: 9 * 60,
    to: 12 * 60,
    phones: [],
  },
];
const SEED_BLOCK = 'a9799648-b068-4c71-aca1-62ae6717b999';

// ---------------------------------------------------------------------------------------------- time
const pad = (n) => String(n).padStart(2, '0');
/** "2019-03-14T17:48:00-04:00": an instant in a zone with its offset, as SnapMD answers. */
function withOffset(ms, zone) {
  const p = zoned(ms, zone);
  const offset = Math.round((Date.UTC(p.y, p.m - 1, p.d, p.h, p.min, p.s) - ms) / 60_000);
  const sign = offset < 0 ? '-' : '+';
  return `${p.y}-${pad(p.m)}-${pad(p.d)}T${pad(p.h)}:${pad(p.min)}:${pad(p.s)}${sign}${pad(Math.floor(Math.abs(offset) / 60))}:${pad(Math.abs(offset) % 60)}`;
}
/** A time in the profile zone as answers carry it: with its offset (the seed), or without (setup `naiveTimes`). */
function profileTime(state, ms) {
  const value = withOffset(ms, state.profileZone);
  return state.naiveTimes ? value.slice(0, 19) : value;
}
function isZone(zone) {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
/** A naive "2019-03-14T17:48:00" read in a zone. */
function naiveToUtc(value, zone) {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(String(value ?? ''));
  if (!m) return NaN;
  return wallToUtc(+m[1], +m[2], +m[3], +m[4] * 60 + +m[5], zone) + (+m[6] || 0) * 1000;
}
/** The clinician's block on a local date in the clinic's zone (Eastern). */
function blockOn(clinician, y, m, d) {
  const start = wallToUtc(y, m, d, clinician.from, CLINIC_ZONE);
  const end = wallToUtc(y, m, d, clinician.to, CLINIC_ZONE);
  const id = `${clinician.blockPrefix}-${String(y)}${pad(m)}${pad(d)}0000`;
  return { id, start, end, clinician };
}
function blockById(state, id) {
  const base = id === SEED_BLOCK ? state.seedBlock : undefined;
  if (base) return base;
  for (const clinician of state.clinicians) {
    if (!id.startsWith(`${clinician.blockPrefix}-`)) continue;
    const m = /-(\d{4})(\d{2})(\d{2})0000$/.exec(id);
    if (m) return blockOn(clinician, +m[1], +m[2], +m[3]);
  }
  return undefined;
}
function isTaken(state, clinicianId, start, end, exceptId) {
  for (const a of state.appointments.values()) {
    if (a.id === exceptId || a.status !== 1 || a.clinicianPersonId !== clinicianId) continue;
    if (a.start < end && start < a.end) return true;
  }
  return false;
}

// ---------------------------------------------------------------------------------------------- state
function createState(tenant, setup) {
  checkSetup(setup, ['now', 'quirks', 'clinicianNames', 'profileZone', 'naiveTimes']);
  const { now, quirks = false, clinicianNames = {}, profileZone = DEFAULT_PROFILE_ZONE, naiveTimes = false } = setup;
  if (!isZone(profileZone)) throw new SetupError(`profileZone ${JSON.stringify(profileZone)} is not an IANA zone.`);
  const fixed = now ? Date.parse(now) : NaN;
  const state = {
    tenant,
    now: Number.isNaN(fixed) ? () => Date.now() : () => fixed,
    quirks,
    profileZone,
    naiveTimes,
    faults: [],
    clinicians: CLINICIANS.map((c) => ({ ...c, ...(clinicianNames[c.personId] ?? {}) })),
    appointments: new Map(),
    log: [],
    seq: 1,
  };
  // The seed's appointment: Bob Ivonoff, block a9799648-…, 17:48–17:50 on the next weekday, self-scheduled video.
  let day = state.now() + 86_400_000;
  while ([6, 7].includes(zoned(day, CLINIC_ZONE).weekday)) day += 86_400_000;
  const p = zoned(day, CLINIC_ZONE);
  state.seedBlock = { ...blockOn(state.clinicians[0], p.y, p.m, p.d), id: SEED_BLOCK };
  const start = wallToUtc(p.y, p.m, p.d, 17 * 60 + 48, CLINIC_ZONE);
  state.appointments.set('eb4c16e2-f499-4b6d-8868-d3912da23fad', {
    id: 'eb4c16e2-f499-4b6d-8868-d3912da23fad',
    status: 1,
    start,
    end: start + 2 * 60_000,
    blockId: SEED_BLOCK,
    clinicianPersonId: state.clinicians[0].personId,
    patientPersonId: PATIENT.personId,
    appointmentTypeCode: 3,
    encounterTypeCode: 3,
    serviceTypeId: 307,
    where: '+1-34011111',
    whereUse: '1',
    waiveFee: false,
    intakeMetadata: {
      concerns: [{ customCode: { code: 2305, description: 'Fever (100+)' }, isPrimary: true }],
      additionalNotes: '',
    },
    paymentRequisites: { cimProfileId: '15886118', consultationAmount: 7 },
  });
  return state;
}

function blocksFor(state, clinician, y, m, d) {
  const block = blockOn(clinician, y, m, d);
  // The seed's block id stands for Bob Ivonoff's block on the seed appointment's day.
  if (clinician === state.clinicians[0] && state.seedBlock.start === block.start) return state.seedBlock;
  return block;
}

// ---------------------------------------------------------------------------------------------- answers
/** node:http's send with a custom reason phrase. */
function sendReason(res, status, reason, body) {
  const payload = body === undefined ? '' : JSON.stringify(body);
  res.writeHead(status, reason, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(payload);
}
const dataError = (res, code, message, reasonCode = code) =>
  sendReason(res, 400, `Sp Error ${reasonCode} ExError 0`, {
    responseCode: code,
    message,
    spCallResult: {
      DbName: 'ConnectedCareTest',
      Result: '[]',
      Duration: 260.5497,
      ErrorCode: code,
      Error: message,
      ExErrorCode: 0,
      ExError: '',
    },
  });

/** Applies an armed fault for the request's operation; returns true when it answered. */
async function fault(state, entry, res) {
  const { op } = entry;
  const f = takeFault(state.faults, { op, method: entry.method, path: `${entry.path}${entry.query}` });
  if (!(await faultTiming(f, res))) return true;
  switch (f?.kind) {
    case 'status':
      send(res, f.status, { message: f.message ?? 'An error has occurred.' });
      return true;
    case 'malformed':
      res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8' });
      res.end('{"data":[{"clinicians":[{"personId":"5348');
      return true;
    case 'unexpected':
      send(res, 200, op === 'book' || op === 'update' ? { result: 'ok' } : { data: 'none', message: 'Success' });
      return true;
    case 'expired-token':
      sendReason(res, 401, 'Unauthorized', { message: 'Authorization has been denied for this request.' });
      return true;
    default:
      return false;
  }
}

function person(state, personId) {
  const patient = [PATIENT, SECOND_PATIENT].find((p) => p.personId === personId);
  if (patient) {
    return {
      id: patient.personId,
      name: { given: patient.given, prefix: '', suffix: '', family: patient.family },
      providerId: 126,
      statusCode: 1,
      contactTypeCode: 1,
      phones: [
        { id: '7dabbbc9-931b-49aa-9917-7e80998f63e8', use: 'home', value: '11111' },
        { id: 'f4371631-fb94-413f-bcd2-c6edb46df729', use: 'mobile', value: '+1-34011111' },
      ],
    };
  }
  const c = state.clinicians.find((x) => x.personId === personId);
  return c
    ? {
        id: c.personId,
        name: { given: c.name, family: c.lastName },
        providerId: 126,
        statusCode: 1,
        contactTypeCode: 2,
        phones: c.phones,
      }
    : undefined;
}

/** The AppointmentResponse of the seed: V3 (string status) or v2.1 (int status). */
function response(state, a, flavour) {
  const clinician = state.clinicians.find((c) => c.personId === a.clinicianPersonId);
  const participants = [
    {
      participantId: `${a.id.slice(0, 8)}-0000-4000-8000-000000000001`,
      person: person(state, a.patientPersonId),
      status: 1,
      attendenceCode: 1,
      personId: a.patientPersonId,
      participantTypeCode: 1,
    },
    {
      participantId: `${a.id.slice(0, 8)}-0000-4000-8000-000000000002`,
      person: person(state, a.clinicianPersonId),
      status: 1,
      attendenceCode: 1,
      personId: a.clinicianPersonId,
      participantTypeCode: 2,
    },
  ];
  const statusNames = [
    'NotSpecified',
    'Scheduled',
    'Waiting',
    'CancelledByPatient',
    'CancelledByProvider',
    'Fulfilled',
    'Transferred',
  ];
  const stringStatus = flavour === 'v3' || state.quirks;
  const body = {
    appointmentId: a.id,
    patientId: PATIENT.patientId,
    clinicianId: clinician?.userId,
    appointmentStatusCode: stringStatus ? statusNames[a.status] : a.status,
    participants,
    dismissed: false,
    serviceTypeName: 'Self-Scheduling',
    availabilityBlockId: a.blockId,
    waiveFee: a.waiveFee ?? false,
    startTime: profileTime(state, a.start),
    endTime: profileTime(state, a.end),
    appointmentTypeCode: a.appointmentTypeCode,
    intakeMetadata: a.intakeMetadata,
    encounterTypeCode: a.encounterTypeCode,
    paymentRequisites: a.paymentRequisites ?? {},
    where: a.where ?? '',
    whereUse: flavour === 'v2.1' && state.quirks ? Number(a.whereUse ?? 1) : String(a.whereUse ?? '1'),
    serviceTypeId: a.serviceTypeId,
  };
  if (flavour === 'v3' && state.quirks) {
    body.PaymentRequisites = body.paymentRequisites;
    delete body.paymentRequisites;
  }
  return body;
}

// ---------------------------------------------------------------------------------------------- routes
async function handle(req, res, { state, path, url, entry }) {
  if (!path.startsWith('/api/'))
    return send(res, 404, { message: `No HTTP resource was found that matches the request URI '${path}'.` });
  const route = path.slice('/api/'.length).replace(/\/$/, '');
  const parsed = req.method === 'GET' || req.method === 'DELETE' ? { ok: true } : await readJson(req);
  if (!parsed.ok) {
    entry.body = parsed.text;
    return send(res, 400, { message: 'The request is invalid.' });
  }
  const body = parsed.value;
  entry.body = body;

  if (req.headers['x-developer-id'] !== DEVELOPER_ID || req.headers['x-api-key'] !== API_KEY) {
    return send(res, 403, { message: 'Invalid X-Developer-Id or X-Api-Key' });
  }
  const token = /^Bearer (.+)$/i.exec(req.headers.authorization ?? '')?.[1];
  if (!token || token.startsWith('expired'))
    return sendReason(res, 401, 'Unauthorized', { message: 'Authorization has been denied for this request.' });
  const role = token.startsWith('staff') ? 'staff' : 'patient';

  if (route === 'v2/timezones' && req.method === 'GET') {
    entry.op = 'timezones';
    if (await fault(state, entry, res)) return;
    return send(res, 200, { data: ZONES, message: 'Success', total: ZONES.length });
  }
  if (route === 'v2.1/patients/appointments/self-scheduling/clinicians' && req.method === 'GET') {
    entry.op = 'slots';
    if (await fault(state, entry, res)) return;
    return clinicians(state, url.searchParams, res);
  }
  const one = /^v2\.1\/patients\/appointments\/self-scheduling\/clinicians\/([^/]+)$/.exec(route);
  if (one && req.method === 'GET') {
    entry.op = 'slots';
    if (await fault(state, entry, res)) return;
    return clinician(state, decodeURIComponent(one[1]), url.searchParams, res);
  }
  if (route === 'v2.1/patients/appointments' && req.method === 'GET') {
    entry.op = 'list';
    if (await fault(state, entry, res)) return;
    const data = [...state.appointments.values()]
      .filter((a) => a.patientPersonId === PATIENT.personId)
      .sort((a, b) => a.start - b.start)
      .map((a) => response(state, a, 'v2.1'));
    return send(res, 200, { data, message: 'Success', total: data.length });
  }
  const v3 = /^v3\/(patients|admin)\/appointments(?:\/([^/]+))?$/i.exec(route);
  if (v3) {
    const [, audience, id] = v3;
    if (audience.toLowerCase() === 'patients' && role !== 'patient')
      return sendReason(res, 401, 'Only patients are authorized to use this API');
    if (audience.toLowerCase() === 'admin' && role !== 'staff')
      return sendReason(res, 401, 'Unauthorized', { message: 'Authorization has been denied for this request.' });
    if (!id && req.method === 'POST') {
      entry.op = 'book';
      if (await fault(state, entry, res)) return;
      return save(state, undefined, body, res);
    }
    if (id && req.method === 'PUT') {
      entry.op = 'update';
      if (await fault(state, entry, res)) return;
      return save(state, decodeURIComponent(id), body, res);
    }
    if (id && req.method === 'DELETE') {
      entry.op = 'cancel';
      if (await fault(state, entry, res)) return;
      const a = state.appointments.get(decodeURIComponent(id));
      if (!a) return dataError(res, 1000404, 'Appointment does not exist');
      if (a.status !== 1) return dataError(res, 1000400, 'Appointment has already been cancelled');
      a.status = 3; // CancelledByPatient
      res.writeHead(200, { 'Content-Length': '0', 'Cache-Control': 'no-store' });
      return res.end();
    }
    return send(res, 405, { message: `The requested resource does not support http method '${req.method}'.` });
  }
  return send(res, 404, { message: `No HTTP resource was found that matches the request URI '${route}'.` });
}

function clinicians(state, params, res) {
  const date = params.get('searchRequest.date');
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(date ?? '');
  if (!m) return dataError(res, 1000400, 'searchRequest.date is required');
  const skip = Number(params.get('searchRequest.skip') ?? 0) || 0;
  const take = Number(params.get('searchRequest.take') ?? 20) || 20;
  const availableOnly = params.get('searchRequest.availableOnly') === 'true';
  const list = state.clinicians.map((c) => selfScheduling(state, c, +m[1], +m[2], +m[3]));
  const shown = (availableOnly ? list.filter((c) => c.slots.length) : list).slice(skip, skip + take);
  const next =
    shown
      .flatMap((c) => c.slots)
      .map((s) => s.from)
      .sort()[0] ?? null;
  send(res, 200, {
    data: [{ clinicians: shown, nextSlotStart: next, totals: { available: shown.length }, counters: null }],
    message: 'Success',
    total: shown.length,
  });
}

/** `GET …/self-scheduling/clinicians/{userId}?date=`: one clinician with its slots that day (swagger: 404 unknown). */
function clinician(state, userId, params, res) {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(params.get('date') ?? '');
  if (!m) return dataError(res, 1000400, 'date is required');
  const c = state.clinicians.find((x) => String(x.userId) === userId);
  if (!c) return send(res, 404, { message: 'The physician was not found.' });
  send(res, 200, { data: [selfScheduling(state, c, +m[1], +m[2], +m[3])], message: 'Success', total: 1 });
}

/** A SelfSchedulingClinician with its free slots on a date (Eastern wall-clock blocks, weekdays). */
function selfScheduling(state, c, y, mo, d) {
  const weekday = ((new Date(Date.UTC(y, mo - 1, d)).getUTCDay() + 6) % 7) + 1;
  const slots = [];
  if (weekday <= 5) {
    const block = blocksFor(state, c, y, mo, d);
    for (let t = block.start; t + c.minutes * 60_000 <= block.end; t += c.minutes * 60_000) {
      const end = t + c.minutes * 60_000;
      if (t <= state.now() || isTaken(state, c.personId, t, end)) continue;
      // Built as UTC offsets, like the SDK's AppointmentSlot.
      slots.push({
        availabilityBlockId: block.id,
        from: new Date(t).toISOString().replace('.000Z', '+00:00'),
        to: new Date(end).toISOString().replace('.000Z', '+00:00'),
      });
    }
  }
  return {
    userId: c.userId,
    personId: c.personId,
    profilePhoto: null,
    name: c.name,
    lastName: c.lastName,
    gender: c.gender,
    statesLicenced: 'NY, NJ',
    isFavorite: false,
    address: null,
    departmentId: null,
    department: null,
    medicalSpecialityId: null,
    medicalSpeciality: c.medicalSpeciality,
    subSpecialityId: null,
    subSpeciality: null,
    dob: null,
    practicingSince: null,
    slots,
  };
}

/** POST (id undefined) or PUT of an AppointmentApiRequest. */
function save(state, id, body, res) {
  const existing = id ? state.appointments.get(id) : undefined;
  if (id && !existing) return dataError(res, 1000404, 'Appointment does not exist');
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    return send(res, 400, { message: 'The request is invalid.' });
  const type = body.appointmentTypeCode;
  if (type === undefined) return dataError(res, 1000400, 'appointmentTypeCode is required');
  if (!Number.isInteger(type) || type < 1 || type > 4)
    return dataError(res, 1000400, 'The patient tried to create an invalid type of appointment');
  if (type !== 3) return dataError(res, 1000400, 'The user does not have permission to schedule an appointment type');
  if (![1, 2, 3, 4].includes(body.encounterTypeCode)) return dataError(res, 1000400, 'encounterTypeCode is required');
  if (typeof body.intakeMetadata !== 'object' || body.intakeMetadata === null)
    return dataError(res, 1000400, 'intakeMetadata is required');
  if (!Number.isInteger(body.serviceTypeId)) return dataError(res, 1000400, 'serviceTypeId is required');
  const parts = Array.isArray(body.participants) ? body.participants : [];
  const patient = parts.find((p) => p?.participantTypeCode === 1);
  const clinicianPart = parts.find((p) => p?.participantTypeCode === 2);
  if (parts.length !== 2 || !patient || !clinicianPart)
    return dataError(res, 1000400, 'Exactly two participants should be provided - one patient and one clinician');
  if (patient.personId !== PATIENT.personId && patient.personId !== SECOND_PATIENT.personId)
    return dataError(res, 1000400, 'Patients can create appointments only for themselves and their dependents');
  const clinician = state.clinicians.find((c) => c.personId === clinicianPart.personId);
  if (!clinician) return dataError(res, 1000404, 'Clinician does not exist');
  const blockId = body.availabilityBlockId ?? existing?.blockId;
  if (!id && !blockId) return dataError(res, 1000400, 'availabilityBlockId is required');
  const block = blockById(state, blockId);
  if (!block || block.clinician.personId !== clinician.personId)
    return dataError(res, 1000404, 'Availability block does not exist');
  let start;
  let end;
  if (body.zonedTime) {
    const zone = ZONES.find((z) => z.id === body.zonedTime.timeZoneId);
    if (!zone) return dataError(res, 1000400, 'Unknown time zone');
    start = naiveToUtc(body.zonedTime.startTime, IANA[zone.name]);
    end = naiveToUtc(body.zonedTime.endTime, IANA[zone.name]);
  } else {
    start = naiveToUtc(body.startTime, state.profileZone);
    end = naiveToUtc(body.endTime, state.profileZone);
  }
  if (Number.isNaN(start) || Number.isNaN(end) || !(start < end))
    return dataError(res, 1000400, 'Appointment start and end time are required');
  // Exactly as in the seed: the status line says 1000404, the body 1000400.
  if (start <= state.now()) return dataError(res, 1000400, 'Appointment time should be set in the future', 1000404);
  if (start < block.start || end > block.end || isTaken(state, clinician.personId, start, end, id)) {
    return dataError(res, 1000400, 'The selected time is no longer available');
  }
  if (existing && existing.status !== 1) return dataError(res, 1000400, 'Cancelled appointments cannot be updated');
  const appointment = existing ?? { id: crypto.randomUUID(), status: 1 };
  Object.assign(appointment, {
    start,
    end,
    blockId: block.id,
    clinicianPersonId: clinician.personId,
    patientPersonId: patient.personId,
    appointmentTypeCode: type,
    encounterTypeCode: body.encounterTypeCode,
    serviceTypeId: body.serviceTypeId,
    intakeMetadata: body.intakeMetadata,
    paymentRequisites: body.paymentRequisites ?? body.PaymentRequisites ?? {},
    where: body.where,
    whereUse: body.whereUse,
    waiveFee: body.waiveFee,
  });
  state.appointments.set(appointment.id, appointment);
  send(res, 200, response(state, appointment, 'v3'));
}

export default async function create() {
  return tenants(createState, handle, {
    faultKinds: ['status', 'slow', 'late', 'malformed', 'unexpected', 'expired-token'],
  });
}
