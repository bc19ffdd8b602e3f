// Contract server: Salesforce Health Cloud appointment-management Connect REST API (seeds/003, contracts §4).
//
// Mounted at /mock/salesforce/; the first path segment is a tenant with its own state, so the adapter's
// base-url is /mock/salesforce/<tenant> (the "instance URL"). Routes under it:
//   POST  /services/data/vNN.N/connect/health/appointment-management/slots          Get Slots
//   POST  /services/data/vNN.N/connect/health/appointment-management/appointment    Book
//   PUT   /services/data/vNN.N/connect/health/appointment-management/appointment/:id  Update / reschedule
//   PATCH /services/data/vNN.N/connect/health/appointment-management/appointment/:id  Cancel { id, status: "canceled" }
//   GET   /services/data/vNN.N/query?q=SELECT … FROM ServiceAppointment WHERE ParentRecordId = '…'   (standard REST; only that query)
// Versions below v65.0 answer 404 like Salesforce does for a resource that does not exist in that version.
//
// Behaviour, as documented (or, marked [INF], as careslot assumes):
// - Every call needs `Authorization: Bearer <token>`; a missing token, or one starting with "expired", gets
//   401 [{"message":"Session expired or invalid","errorCode":"INVALID_SESSION_ID"}].
// - Platform errors are JSON arrays [{ errorCode, message }]: 400 JSON_PARSER_ERROR / INVALID_INPUT (required
//   fields of the Book table: startDate, endDate, channelId, workTypeId or appointmentTypes/serviceTypes/
//   serviceCategories + sourceSystem, participants with a Practitioner or Device, slots for an external-EHR
//   resource), 400 REQUIRED_FIELD_MISSING for participants without the Patient or the Facility (the table:
//   "Patient and Facility are required"; [INF: the code]), 404 NOT_FOUND, 405 METHOD_NOT_ALLOWED, 500
//   UNKNOWN_EXCEPTION.
// - Business failures are HTTP 200 { id: null, isSuccess: false, status: "rejected", error: [{ errorCode, message }] }
//   [INF: error codes]: a taken or past time, a canceled appointment. Cancel answers carry `errorMessages`.
// - Slots are UTC `Z`; the facility's zone (America/Chicago) is not in the answer. Booked times disappear from
//   Get Slots; a canceled appointment stays canceled (and frees its time).
// - Data: two facilities (Lakeside Medical Center, Riverside Telehealth Center) and two work types (office
//   08qHs000000WtA1AAK, video 08qHs000000WtV2AAK); Get Slots offers a resource's hours whichever is asked.
// - Data: the seed's Book example, repaired (placeholders replaced with ids, the inline comment removed), its
//   2-hour appointment moved to the next weekday 09:00 Chicago time; the EHR resource's slot ids have the seed's
//   composite form "24477854-21304876-62852027-N" and sourceSystem "cerner". Patients: 001Hs00000PaT01AAA (the seed's) and 001Hs00000PaT02AAA.
//
// Test control: the shared protocol of ../harness.mjs (`__test/reset`, `__test/fault`, `__test/log`).
//   Setup keys (POST __test/reset): now (ISO; default: the real clock), quirks (boolean), resourceNames
//     ({ [resourceId]: name }). quirks: Get Slots answers use the output table's `resourceSlots` key,
//     rejections use `error: {…}` (an object, as in the docs' example) instead of an array.
//   Operations (a fault's `op`): slots, book, update, cancel, list (the SOQL query).
//   Faults: status → Salesforce's error array for it (401 INVALID_SESSION_ID, 403 INSUFFICIENT_ACCESS, 404
//     NOT_FOUND, 500 UNKNOWN_EXCEPTION, others INVALID_INPUT; `message` replaces the text); slow; late; malformed (200,
//     not JSON); unexpected (200, JSON of the wrong shape); expired-token (401 INVALID_SESSION_ID whatever the
//     token); rate-limit (403 REQUEST_LIMIT_EXCEEDED).
//   Log entries add `body` (the parsed JSON body; the SOQL text for the query).
// The tenant named `demo` (used by demo/salesforce.html) is seeded from the real clock.
import { checkSetup, faultTiming, readJson, send, takeFault, tenants, wallToUtc, zoned } from '../harness.mjs';

const FAMILY = 'connect/health/appointment-management';
export const PATIENT_ID = '001Hs00000PaT01AAA';
/** A second patient of the org (no appointments), for two patients racing for one time. */
export const SECOND_PATIENT_ID = '001Hs00000PaT02AAA';
export const FACILITY = { id: '0lzHs000000Lk01AAC', name: 'Lakeside Medical Center', timeZone: 'America/Chicago' };
/** A second facility of the org, in the same zone (the resources' hours are the same there). */
export const SECOND_FACILITY = {
  id: '0lzHs000000Lk02AAC',
  name: 'Riverside Telehealth Center',
  timeZone: 'America/Chicago',
};
export const WORK_TYPE_ID = '08qHs000000WtA1AAK';
/** A second work type of the org (a video visit), bookable like the first. */
export const VIDEO_WORK_TYPE_ID = '08qHs000000WtV2AAK';
export const CHANNEL_ID = '0eFHs000000Ch01AAC';
const EHR_SLOT_BASE = '24477854-21304876-62852027';
export const RESOURCES = [
  {
    id: '0cmHs0000000Wh1AAE',
    name: 'Dr. Grace Whitfield',
    minutes: 30,
    weekdays: [1, 2, 3, 4, 5],
    blocks: [
      [9 * 60, 12 * 60],
      [13 * 60, 16 * 60],
    ],
  },
  {
    id: '0cmHs0000000Wh2AAE',
    name: 'Dr. Samuel Ortiz',
    minutes: 20,
    weekdays: [1, 2, 3, 4, 5],
    blocks: [[8 * 60, 11 * 60]],
  },
  {
    id: '0cmHs0000000Wh3AAE',
    name: 'Dr. Ana Lindqvist',
    minutes: 60,
    weekdays: [2, 4],
    blocks: [[14 * 60, 17 * 60]],
    sourceSystem: 'cerner',
  },
];

const SEED_COMMENT = 'Further expand on the results of the MRI and determine the next actions that may be appropriate.';

// ---------------------------------------------------------------------------------------------- time
const iso = (ms) => new Date(ms).toISOString().replace('.000Z', 'Z');
const soqlDate = (ms) => new Date(ms).toISOString().replace('Z', '+0000');

/** Free slots of one resource in [from, to), in the facility's wall-clock hours. */
function* generate(state, resource, from, to) {
  const zone = FACILITY.timeZone;
  const first = zoned(from - 86_400_000, zone);
  let day = Date.UTC(first.y, first.m - 1, first.d);
  for (; day < to + 86_400_000; day += 86_400_000) {
    const date = new Date(day);
    const [y, m, d] = [date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()];
    const weekday = ((date.getUTCDay() + 6) % 7) + 1;
    if (!resource.weekdays.includes(weekday)) continue;
    let n = 0;
    for (const [bFrom, bTo] of resource.blocks) {
      for (let t = bFrom; t + resource.minutes <= bTo; t += resource.minutes) {
        n++;
        const start = wallToUtc(y, m, d, t, zone);
        const end = start + resource.minutes * 60_000;
        if (start < from || start >= to || start <= state.now()) continue;
        if (isTaken(state, resource.id, start, end)) continue;
        yield {
          start,
          end,
          // The seed's composite EHR slot id, made unique per day: 24477854-21304876-<yyyymmdd>-<n>.
          slotId: resource.sourceSystem
            ? `${EHR_SLOT_BASE.split('-').slice(0, 2).join('-')}-${y}${String(m).padStart(2, '0')}${String(d).padStart(2, '0')}-${n}`
            : undefined,
        };
      }
    }
  }
}

function isTaken(state, resourceId, start, end, exceptId) {
  for (const a of state.appointments.values()) {
    if (a.id === exceptId || a.status === 'Canceled' || a.resourceId !== resourceId) continue;
    if (a.start < end && start < a.end) return true;
  }
  return false;
}

// ---------------------------------------------------------------------------------------------- state
function createState(tenant, setup) {
  checkSetup(setup, ['now', 'quirks', 'resourceNames']);
  const { now, quirks = false, resourceNames = {} } = setup;
  const fixed = now ? Date.parse(now) : NaN;
  const state = {
    tenant,
    now: Number.isNaN(fixed) ? () => Date.now() : () => fixed,
    quirks,
    faults: [],
    resources: RESOURCES.map((r) => ({ ...r, name: resourceNames[r.id] ?? r.name })),
    appointments: new Map(),
    log: [],
    /** API calls so far, for Sforce-Limit-Info: queries and Connect calls with a readable body. */
    usage: 0,
    seq: 1,
  };
  // The seed's Book example (2 hours, Dr. Whitfield, Facility, the MRI comment), on the next weekday at 09:00.
  let day = state.now() + 86_400_000;
  while ([6, 7].includes(zoned(day, FACILITY.timeZone).weekday)) day += 86_400_000;
  const p = zoned(day, FACILITY.timeZone);
  const start = wallToUtc(p.y, p.m, p.d, 9 * 60, FACILITY.timeZone);
  addAppointment(state, {
    resourceId: RESOURCES[0].id,
    start,
    end: start + 2 * 3_600_000,
    comment: SEED_COMMENT,
    patientId: PATIENT_ID,
    timeZone: FACILITY.timeZone,
  });
  return state;
}

function addAppointment(state, fields) {
  const id = `08pHs0000${String(state.seq++).padStart(6, '0')}AAA`;
  const appointment = {
    id,
    status: 'Scheduled',
    workTypeId: WORK_TYPE_ID,
    channelId: CHANNEL_ID,
    facilityId: FACILITY.id,
    ...fields,
  };
  state.appointments.set(id, appointment);
  return appointment;
}

// ---------------------------------------------------------------------------------------------- answers
const sfError = (res, status, errorCode, message, headers) => send(res, status, [{ message, errorCode }], headers);
/** Salesforce's 405 for a method a resource does not take, naming the ones it does. */
const methodNotAllowed = (req, res, allowed, headers) =>
  sfError(res, 405, 'METHOD_NOT_ALLOWED', `HTTP Method '${req.method}' not allowed. Allowed are ${allowed}`, headers);
const rejected = (state, res, errorCode, message) =>
  send(res, 200, {
    id: null,
    isSuccess: false,
    status: 'rejected',
    error: state.quirks ? { errorCode, message } : [{ errorCode, message }],
  });
const invalid = (res, message) => sfError(res, 400, 'INVALID_INPUT', message);

const STATUS_ERRORS = {
  401: ['INVALID_SESSION_ID', 'Session expired or invalid'],
  403: ['INSUFFICIENT_ACCESS', "You don't have access to the appointment management resources."],
  404: ['NOT_FOUND', 'The requested resource does not exist'],
  500: [
    'UNKNOWN_EXCEPTION',
    'An unexpected error occurred. Please include this ErrorId if you contact support: 1234567890-12345 (-1234567890)',
  ],
};

/** Applies an armed fault; returns true when it answered. */
async function fault(state, entry, res) {
  const { op } = entry;
  const f = takeFault(state.faults, { op, method: entry.method, path: `${entry.path}${entry.query}` });
  if (!(await faultTiming(f, res))) return true;
  switch (f?.kind) {
    case 'status': {
      const [code, text] = STATUS_ERRORS[f.status] ?? ['INVALID_INPUT', 'The request was not accepted.'];
      sfError(res, f.status, code, f.message ?? text);
      return true;
    }
    case 'malformed':
      res.writeHead(200, { 'Content-Type': 'application/json;charset=UTF-8' });
      res.end('{"resourceSlotDetails": [{"resourceId": "0cm');
      return true;
    case 'unexpected':
      send(
        res,
        200,
        op === 'slots'
          ? { resourceSlotDetails: 'none' }
          : op === 'list'
            ? { totalSize: 1 }
            : { id: '08pXXX', status: 'scheduled' },
      );
      return true;
    case 'expired-token':
      sfError(res, 401, 'INVALID_SESSION_ID', 'Session expired or invalid');
      return true;
    case 'rate-limit':
      sfError(res, 403, 'REQUEST_LIMIT_EXCEEDED', 'TotalRequests Limit exceeded.');
      return true;
    default:
      return false;
  }
}

function validIso(value) {
  return (
    typeof value === 'string' &&
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(value) &&
    !Number.isNaN(Date.parse(value))
  );
}

/** Checks a Book / Update body against the seed's parameter table; answers and returns undefined if wrong. */
function checkAppointmentBody(state, body, res) {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    return void invalid(res, 'The request body must be a JSON object.');
  for (const field of ['startDate', 'endDate']) {
    if (body[field] === undefined) return void invalid(res, `Required field is missing: ${field}`);
    if (!validIso(body[field])) return void invalid(res, `Invalid value for ${field}: use an ISO 8601 date and time.`);
  }
  if (!body.channelId) return void invalid(res, 'Required field is missing: channelId');
  if (body.channelId !== CHANNEL_ID) return void invalid(res, 'Invalid channelId: no engagement channel with that id.');
  const coded = ['appointmentTypes', 'serviceTypes', 'serviceCategories'].some(
    (f) => Array.isArray(body[f]) && body[f].length,
  );
  if (!body.workTypeId && !coded)
    return void invalid(
      res,
      'Required field is missing: workTypeId (or appointmentTypes, serviceTypes or serviceCategories).',
    );
  if (!body.workTypeId && !body.sourceSystem)
    return void invalid(res, 'Required field is missing: sourceSystem (required when workTypeId is not provided).');
  if (body.workTypeId && body.workTypeId !== WORK_TYPE_ID && body.workTypeId !== VIDEO_WORK_TYPE_ID)
    return void invalid(res, 'Invalid workTypeId: no work type with that id.');
  if (body.timeZone !== undefined && (typeof body.timeZone !== 'string' || !isZone(body.timeZone)))
    return void invalid(res, `Invalid timeZone: ${String(body.timeZone)}`);
  if (!Array.isArray(body.participants)) return void invalid(res, 'Required field is missing: participants');
  const refs = body.participants.map((p) => (typeof p?.reference === 'string' ? p.reference : ''));
  const of = (type) => refs.filter((r) => r.startsWith(`${type}/`)).map((r) => r.slice(type.length + 1));
  const [patient] = of('Patient');
  const [facility] = of('Facility');
  const resourceIds = [...of('Practitioner'), ...of('Device')];
  // The seed's parameter table: "Patient and Facility are required" [INF: the error code, Salesforce's usual one].
  if (!patient || !facility)
    return void sfError(
      res,
      400,
      'REQUIRED_FIELD_MISSING',
      `Required field is missing: participants (${!patient ? 'Patient' : 'Facility'}). Patient and Facility are required.`,
    );
  if (resourceIds.length === 0) return void invalid(res, 'Participants must include a Practitioner or a Device.');
  if (patient !== PATIENT_ID && patient !== SECOND_PATIENT_ID)
    return void sfError(res, 400, 'INVALID_ID_FIELD', 'The Patient participant does not exist.');
  if (facility !== FACILITY.id && facility !== SECOND_FACILITY.id)
    return void sfError(res, 400, 'INVALID_ID_FIELD', 'The Facility participant does not exist.');
  const resource = state.resources.find((r) => r.id === resourceIds[0]);
  if (!resource) return void sfError(res, 400, 'INVALID_ID_FIELD', 'The Practitioner participant does not exist.');
  const start = Date.parse(body.startDate);
  const end = Date.parse(body.endDate);
  if (!(start < end)) return void invalid(res, 'endDate must be after startDate.');
  if (resource.sourceSystem) {
    if (body.sourceSystem !== resource.sourceSystem)
      return void invalid(
        res,
        `Required field is missing: sourceSystem (${resource.sourceSystem}) for an external resource.`,
      );
    const slot = Array.isArray(body.slots) ? body.slots[0] : undefined;
    if (!slot?.id) return void invalid(res, 'Required field is missing: slots (required for an external resource).');
    if (slot.reference !== resource.id)
      return void invalid(res, 'slots[].reference must match the Practitioner participant.');
  }
  return { patient, facility, resource, start, end };
}

function isZone(zone) {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** The slot a booking asks for must be one Get Slots would offer right now (same EHR slot id, if any). */
function offered(state, resource, start, end, exceptId, slotId) {
  if (start <= state.now()) return 'past';
  if (isTaken(state, resource.id, start, end, exceptId)) return 'taken';
  for (const slot of generate(state, resource, start, start + 1)) {
    if (slot.start === start && slot.end === end && (!resource.sourceSystem || slot.slotId === slotId)) return 'ok';
  }
  return 'not-offered';
}

// ---------------------------------------------------------------------------------------------- routes
async function handle(req, res, { state, path, url, entry }) {
  const headers = { 'Sforce-Limit-Info': `api-usage=${state.usage + 1}/15000` };
  const match = /^\/services\/data\/v(\d+)\.(\d+)\/(.*)$/.exec(path);
  if (!match) return sfError(res, 404, 'NOT_FOUND', 'The requested resource does not exist', headers);
  const [, major, , rest] = match;
  const auth = req.headers.authorization ?? '';
  const token = /^Bearer (.+)$/i.exec(auth)?.[1];
  if (!token || token.startsWith('expired'))
    return sfError(res, 401, 'INVALID_SESSION_ID', 'Session expired or invalid', headers);

  if (rest === 'query' || rest === 'query/') {
    entry.body = url.searchParams.get('q');
    state.usage++;
    if (req.method !== 'GET') return methodNotAllowed(req, res, 'GET,HEAD', headers);
    entry.op = 'list';
    if (await fault(state, entry, res)) return;
    return query(state, url.searchParams.get('q') ?? '', res, headers);
  }
  if (!rest.startsWith(`${FAMILY}/`))
    return sfError(res, 404, 'NOT_FOUND', 'The requested resource does not exist', headers);
  if (+major < 65) return sfError(res, 404, 'NOT_FOUND', 'The requested resource does not exist', headers);
  const resource = rest.slice(FAMILY.length + 1).replace(/\/$/, '');
  if (!/^application\/json/i.test(req.headers['content-type'] ?? '') && req.method !== 'GET') {
    return sfError(
      res,
      415,
      'UNSUPPORTED_MEDIA_TYPE',
      "Content type '" + (req.headers['content-type'] ?? '') + "' not supported",
      headers,
    );
  }
  const parsed = await readJson(req);
  if (!parsed.ok) return sfError(res, 400, 'JSON_PARSER_ERROR', 'The request body is either invalid or incomplete.');
  const body = parsed.value;
  entry.body = body;
  state.usage++;

  if (resource === 'slots') {
    if (req.method !== 'POST') return methodNotAllowed(req, res, 'POST', headers);
    entry.op = 'slots';
    if (await fault(state, entry, res)) return;
    return slots(state, body, res, headers);
  }
  if (resource === 'appointment') {
    if (req.method !== 'POST') return methodNotAllowed(req, res, 'POST', headers);
    entry.op = 'book';
    if (await fault(state, entry, res)) return;
    return book(state, body, res, headers);
  }
  const idMatch = /^appointment\/([^/]+)$/.exec(resource);
  if (idMatch) {
    const id = decodeURIComponent(idMatch[1]);
    if (req.method === 'PUT') {
      entry.op = 'update';
      if (await fault(state, entry, res)) return;
      return update(state, id, body, res, headers);
    }
    if (req.method === 'PATCH') {
      entry.op = 'cancel';
      if (await fault(state, entry, res)) return;
      return cancel(state, id, body, res, headers);
    }
    return methodNotAllowed(req, res, 'PATCH,PUT', headers);
  }
  return sfError(res, 404, 'NOT_FOUND', 'The requested resource does not exist', headers);
}

function slots(state, body, res, headers) {
  if (typeof body !== 'object' || body === null) return invalid(res, 'The request body must be a JSON object.');
  if (!Array.isArray(body.resources) || body.resources.length === 0)
    return invalid(res, 'Required field is missing: resources');
  for (const field of ['startDate', 'endDate']) {
    if (!validIso(body[field]))
      return invalid(
        res,
        body[field] === undefined ? `Required field is missing: ${field}` : `Invalid value for ${field}`,
      );
  }
  if (!body.channelId) return invalid(res, 'Required field is missing: channelId');
  if (
    !body.workTypeId &&
    !['appointmentTypes', 'serviceTypes', 'serviceCategories'].some((f) => Array.isArray(body[f]))
  ) {
    return invalid(
      res,
      'Required field is missing: workTypeId (or appointmentTypes, serviceTypes or serviceCategories).',
    );
  }
  const from = Date.parse(body.startDate);
  const to = Date.parse(body.endDate);
  if (to - from > 31 * 86_400_000) return invalid(res, 'The date range can’t exceed 31 days.');
  const details = [];
  for (const wanted of body.resources) {
    // The docs show "Provider" in the example and `provider | device` in the enum: accept both spellings.
    if (!['provider', 'device'].includes(String(wanted?.resourceType ?? 'provider').toLowerCase()))
      return invalid(res, `Invalid resourceType: ${wanted?.resourceType}`);
    const resource = state.resources.find((r) => r.id === wanted?.resourceId);
    if (!resource) continue;
    const availableSlots = [...generate(state, resource, from, to)].map((s) => ({
      ...(s.slotId ? { slotId: s.slotId, sourceSystem: resource.sourceSystem } : {}),
      slotStartDate: iso(s.start),
      slotEndDate: iso(s.end),
    }));
    details.push({ resourceId: resource.id, availableSlots });
  }
  send(res, 200, state.quirks ? { resourceSlots: details } : { resourceSlotDetails: details }, headers);
}

function book(state, body, res, headers) {
  const checked = checkAppointmentBody(state, body, res);
  if (!checked) return;
  const { resource, start, end, patient } = checked;
  const availability = offered(state, resource, start, end, undefined, body.slots?.[0]?.id);
  if (availability === 'past')
    return rejected(state, res, 'INVALID_TIME', 'The appointment start time must be in the future.');
  if (availability !== 'ok')
    return rejected(
      state,
      res,
      'SLOT_UNAVAILABLE',
      'The selected time slot is no longer available. Select another slot.',
    );
  const appointment = addAppointment(state, {
    resourceId: resource.id,
    start,
    end,
    comment: body.comment,
    patientId: patient,
    timeZone: body.timeZone ?? 'UTC',
  });
  send(res, 200, { id: appointment.id, isSuccess: true, status: 'scheduled', error: [] }, headers);
}

function update(state, id, body, res, headers) {
  const appointment = state.appointments.get(id);
  if (!appointment) return sfError(res, 404, 'NOT_FOUND', 'The requested resource does not exist', headers);
  if (body && body.id !== undefined && body.id !== id)
    return invalid(res, 'The id in the body does not match the id in the URL.');
  const checked = checkAppointmentBody(state, body, res);
  if (!checked) return;
  if (appointment.status === 'Canceled')
    return rejected(state, res, 'INVALID_STATUS', "A canceled appointment can't be updated.");
  const { resource, start, end } = checked;
  const saved = appointment.status;
  appointment.status = 'Canceled'; // its own time does not block the move
  const availability = offered(state, resource, start, end, id, body.slots?.[0]?.id);
  appointment.status = saved;
  if (availability === 'past')
    return rejected(state, res, 'INVALID_TIME', 'The appointment start time must be in the future.');
  if (availability !== 'ok')
    return rejected(
      state,
      res,
      'SLOT_UNAVAILABLE',
      'The selected time slot is no longer available. Select another slot.',
    );
  Object.assign(appointment, {
    resourceId: resource.id,
    start,
    end,
    timeZone: body.timeZone ?? appointment.timeZone,
    comment: body.comment ?? appointment.comment,
  });
  send(res, 200, { id, isSuccess: true, status: 'scheduled', error: [] }, headers);
}

function cancel(state, id, body, res, headers) {
  const appointment = state.appointments.get(id);
  if (!appointment) return sfError(res, 404, 'NOT_FOUND', 'The requested resource does not exist', headers);
  if (typeof body !== 'object' || body === null) return invalid(res, 'The request body must be a JSON object.');
  if (body.id !== undefined && body.id !== id)
    return invalid(res, 'The id in the body does not match the id in the URL.');
  if (String(body.status ?? '').toLowerCase() !== 'canceled')
    return invalid(res, 'Invalid status: only "canceled" is supported.');
  if (appointment.status === 'Canceled') {
    return send(
      res,
      200,
      { id, isSuccess: false, status: 'canceled', errorMessages: ['This appointment is already canceled.'] },
      headers,
    );
  }
  appointment.status = 'Canceled';
  appointment.cancellationReason = body.cancellationReason;
  send(res, 200, { id, isSuccess: true, status: 'canceled', errorMessages: [] }, headers);
}

function query(state, q, res, headers) {
  if (!/\bFROM\s+ServiceAppointment\b/i.test(q))
    return sfError(
      res,
      400,
      'MALFORMED_QUERY',
      'careslot contract server: only ServiceAppointment queries are supported.',
      headers,
    );
  const parent = /ParentRecordId\s*=\s*'((?:[^'\\]|\\.)*)'/i.exec(q);
  if (!parent) return sfError(res, 400, 'MALFORMED_QUERY', "unexpected token: expected ParentRecordId = '…'", headers);
  const patientId = parent[1].replace(/\\(.)/g, '$1');
  const records = [...state.appointments.values()]
    .filter((a) => a.patientId === patientId)
    .sort((a, b) => a.start - b.start)
    .map((a) => {
      const resource = state.resources.find((r) => r.id === a.resourceId);
      return {
        attributes: { type: 'ServiceAppointment', url: `/services/data/v66.0/sobjects/ServiceAppointment/${a.id}` },
        Id: a.id,
        Status: a.status,
        SchedStartTime: soqlDate(a.start),
        SchedEndTime: soqlDate(a.end),
        ServiceTerritoryId: null,
        WorkTypeId: a.workTypeId,
        Comments: a.comment ?? null,
        ServiceResources: {
          totalSize: 1,
          done: true,
          records: [{ attributes: { type: 'AssignedResource' }, ServiceResourceId: resource?.id ?? null }],
        },
      };
    });
  send(res, 200, { totalSize: records.length, done: true, records }, headers);
}

export default async function create() {
  return tenants(createState, handle, {
    faultKinds: ['status', 'slow', 'late', 'malformed', 'unexpected', 'expired-token', 'rate-limit'],
  });
}
