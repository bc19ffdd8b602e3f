// Contract server for the Canvas Medical FHIR API ("fumage"), as seeds/004 and research/backend-contracts.md §5
// document it. Mounted at /mock/canvas/<tenant>/ — every tenant (first path segment) is its own instance.
//
// Behaviour
// - Auth: every FHIR call needs `Authorization: Bearer canvas-test-token`. Anything else (a wrong or
//   "expired" token, none) answers 401 OperationOutcome `unknown` "Authentication failed".
// - GET  /Schedule                         all schedules, ids `Location.<n>-Staff.<practitioner id>`.
// - GET  /Practitioner[?_id=]  /Practitioner/<id>   GET /Location[?_id=]  /Location/<id>  (Locations have no zone).
// - GET  /Slot?schedule=&start=&end=&duration=   `schedule` required (else 400). start/end are dates
//   (start default: the tenant clock's date, end default start + 7 days, both inclusive, read in the clinic's
//   zone); duration in minutes (default 20). Only free slots, no ids, times with the clinic's local offset.
//   Slots before the tenant clock are not offered; booked (non-cancelled) times are gone.
// - GET  /Appointment?patient=&practitioner=&date=(ge|gt|le|lt|eq|ne)…&status=&_id=&appointment-type=
//   (or the seed's `appointmentType`)&_count=(default 10, max 100)&_offset=  → Bundle with `total` and
//   relative links self/first/next/last (`/Appointment?…`); no links when empty.
// - GET  /Appointment/<id>  → 200, or 404 "Unknown Appointment resource '<id>'".
// - POST /Appointment → 201, body `null`, header `Location: <base>/Appointment/<id>/_history/1`.
//   400 `invalid` "Bad request" for unreadable JSON (the seed's create example is such a body), a wrong
//   resourceType, missing status, `entered-in-error`, a string `reasonCode`, bad times or unknown participants.
//   422 `business-rule` "This appointment time is no longer available." when the practitioner is taken;
//   422 "Appointment Type does not exist with code: … and system: …" for an unknown type.
// - PUT  /Appointment/<id> → 200, body `null` (cancel = status `cancelled`, confirm = `booked`). 404 unknown;
//   412 `conflict` when `If-Unmodified-Since` is older than the last change; 422 when a cancelled appointment
//   would be changed again. DELETE and other methods → 405 `not-supported`.
// - Patient (not in seeds/004, whose only Patient is a stray body inside the Appointment create example;
//   as Canvas' public Patient page documents it, research/backend-contracts.md §5.1 [PUB]):
//   GET  /Patient?identifier=  `value`, `system|value`, `system|` or `|value`; also `_id`, `family`, `birthdate`
//   → Bundle searchset.
//   GET  /Patient/<id> → 200, or 404 "Unknown Patient resource '<id>'".
//   POST /Patient → 201, body `null`, header `Location: <base>/Patient/<id>/_history/1` [PUB: "the Patient
//   identifier can be found in the Location header"; the body and the _history form as for Appointment].
//   400 `invalid` "Bad request" for unreadable JSON or another resourceType. 422 `business-rule` when what the
//   page marks required is missing: a `use: official` name with given and family, birthDate, the us-core
//   birthsex extension [PUB: required; the wording of these 422 texts is INF]. Canvas documents no conditional
//   create (conditional-requests: only If-Unmodified-Since on updates), so `If-None-Exist` is ignored: each POST
//   makes a new patient. A new patient can then be booked like the seeded ones.
// - Clock: tenant `demo` lives at the real clock; every other tenant at 2026-03-02T15:00:00Z (test/helpers NOW).
//   Seeded appointments sit relative to that clock; the seed document's own examples keep their dates.
// - Tenants whose name starts with `xss` get a practitioner named `<img src=x onerror=alert(1)>`.
//
// Test control: the shared protocol of ../harness.mjs (`__test/reset` takes no setup, `__test/fault`,
// `__test/log`). Operations (a fault's `op`): schedules, practitioners, locations, slots (GET /Slot), list
// (GET /Appointment), read (GET /Appointment/<id>), book (POST /Appointment), update (PUT /Appointment/<id>:
// cancel and confirm), patients (GET /Patient…), register (POST /Patient), other. Log entries add
// `ifNoneExist` when the header was sent. Faults: status → Canvas' own OperationOutcome for it (400 invalid "Bad request",
// 401, 403 `forbidden` "Authorization failed", 404 "Resource not found", 405, 412; 422 `business-rule` with
// `message`; others an `exception` "Internal server error" or `message`); raw →
// `status`/`body` verbatim; malformed → 200 with a truncated Bundle; expired-token → the 401 above; slow;
// late (a POST books even though the client gives up, like an answer lost on the way back).
import { randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import { checkSetup, faultTiming, readJson, send, takeFault, tenants } from '../harness.mjs';

export const CANVAS_TOKEN = 'canvas-test-token';
const TEST_CLOCK = '2026-03-02T15:00:00.000Z';
const SNOMED = 'http://snomed.info/sct';
const BIRTH_SEX = 'http://hl7.org/fhir/us/core/StructureDefinition/us-core-birthsex';

const LOCATIONS = [
  {
    number: '1',
    id: '5f3f2f5e-6c1b-4b8e-9a6f-1c2d3e4f5a61',
    name: 'Harbor Family Clinic',
    zone: 'America/New_York',
    address: {
      use: 'work',
      line: ['120 Water Street'],
      city: 'New York',
      state: 'NY',
      postalCode: '10038',
      country: 'United States',
    },
  },
  {
    number: '2',
    id: '8b7c6d5e-4f3a-4b2c-8d1e-0f9a8b7c6d52',
    name: 'Desert Springs Clinic',
    zone: 'America/Phoenix',
    address: {
      use: 'work',
      line: ['4410 E Camelback Rd'],
      city: 'Phoenix',
      state: 'AZ',
      postalCode: '85018',
      country: 'United States',
    },
  },
];

/** Working hours in the clinic's wall-clock time: weekdays (1 = Monday) and [from, to) hours. */
const PRACTITIONERS = [
  {
    id: '3a182f42885645e0bc3d608e7c02aad8',
    prefix: 'Dr.',
    given: 'Ana',
    family: 'Ruiz',
    suffix: 'MD',
    location: '1',
    weekdays: [1, 2, 3, 4, 5],
    blocks: [
      [9, 12],
      [13, 17],
    ],
  },
  {
    id: 'dbf184ad28a1408bbed184fc8fd2b029',
    prefix: 'Dr.',
    given: 'Linh',
    family: 'Nguyen',
    suffix: 'DO',
    location: '2',
    weekdays: [1, 2, 3, 4, 5],
    blocks: [[8, 12]],
  },
  // Works nights every day, so the DST changes (02:00 New York) fall inside the working hours.
  {
    id: 'fc87cbb2525f4c5eb50294f620c7a15e',
    prefix: '',
    given: 'Night Nurse',
    family: 'Line',
    suffix: 'RN',
    location: '1',
    weekdays: [1, 2, 3, 4, 5, 6, 7],
    blocks: [[0, 4]],
  },
];
const XSS_PRACTITIONER = {
  id: 'e766816672f34a5b866771c773e38f3c',
  text: '<img src=x onerror=alert(1)>',
  location: '1',
  weekdays: [1, 2, 3, 4, 5],
  blocks: [[9, 11]],
};

const PATIENTS = [
  'a29eaebb284143ba97c76b01fdb46964',
  '9420c5f6c44e47ec82d7e48f78d5723a',
  '5350cd20de8a470aa570a852859ac87e',
];
const APPOINTMENT_TYPES = [
  { system: 'INTERNAL', code: 'INIV', display: 'Initial Visit' },
  { system: 'INTERNAL', code: 'OFFICE', display: 'Office Visit' },
  { system: SNOMED, code: '448337001', display: 'Telemedicine consultation with patient (procedure)' },
  { system: 'INTERNAL', code: '9903', display: 'Urgent Visit' },
];

function outcome(code, text, id) {
  return {
    resourceType: 'OperationOutcome',
    ...(id ? { id } : {}),
    issue: [{ severity: 'error', code, details: { text } }],
  };
}
const fail = {
  400: (res, text = 'Bad request') => send(res, 400, outcome('invalid', text, '101')),
  401: (res) => send(res, 401, outcome('unknown', 'Authentication failed'), { 'WWW-Authenticate': 'Bearer' }),
  403: (res) => send(res, 403, outcome('forbidden', 'Authorization failed')),
  404: (res, text = 'Resource not found') => send(res, 404, outcome('not-found', text, '101')),
  405: (res) => send(res, 405, outcome('not-supported', 'Operation is not supported')),
  412: (res) => send(res, 412, outcome('conflict', 'Resource updated since If-Unmodified-Since date')),
  422: (res, text) => send(res, 422, outcome('business-rule', text)),
};

/** FHIR instant as Canvas answers it: `2023-06-06T18:00:00+00:00`. */
function canvasInstant(ms) {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, '+00:00');
}

/** "YYYY-MM-DDTHH:MM" at least, with an offset (or Z). */
function parseInstant(value) {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value)) return NaN;
  const parsed = DateTime.fromISO(value, { setZone: true });
  return parsed.isValid ? parsed.toMillis() : NaN;
}

function practitionerResource(p) {
  const name = p.text
    ? [{ use: 'usual', text: p.text }]
    : [
        {
          use: 'usual',
          ...(p.prefix ? { prefix: [p.prefix] } : {}),
          given: [p.given],
          family: p.family,
          ...(p.suffix ? { suffix: [p.suffix] } : {}),
        },
      ];
  return { resourceType: 'Practitioner', id: p.id, name, active: true };
}

function practitionerName(p) {
  return p.text ?? [p.prefix, p.given, p.family].filter(Boolean).join(' ') + (p.suffix ? `, ${p.suffix}` : '');
}

function locationResource(l) {
  return {
    resourceType: 'Location',
    id: l.id,
    identifier: [{ system: 'http://hl7.org/fhir/sid/us-npi', value: `12345678${l.number}` }],
    status: 'active',
    name: l.name,
    alias: [],
    description: l.name,
    address: l.address,
  };
}

function scheduleResource(p, locations) {
  const location = locations.find((l) => l.number === p.location);
  const id = `Location.${location.number}-Staff.${p.id}`;
  const comment = `Schedule for ${practitionerName(p)} at ${location.name}`;
  return {
    resourceType: 'Schedule',
    id,
    text: { status: 'generated', div: '<div xmlns="http://www.w3.org/1999/xhtml">Schedule</div>' },
    actor: [{ reference: `Practitioner/${p.id}`, type: 'Practitioner' }],
    comment,
  };
}

function searchset(entries, links) {
  return {
    resourceType: 'Bundle',
    type: 'searchset',
    total: entries.length,
    ...(links ? { link: links } : {}),
    entry: entries.map((resource) => ({ resource })),
  };
}

/** The seed document's examples (repaired), plus appointments relative to the tenant clock. */
function seedAppointments(clock) {
  const list = [];
  const ruiz = PRACTITIONERS[0].id;
  const nguyen = PRACTITIONERS[1].id;
  const [patient] = PATIENTS;
  // Seed: appointment read / search examples (Location/1 is the deprecated integer reference).
  const seedReason = [
    { coding: [{ system: 'Internal', code: 'INIV30', display: 'Initial Visit 30', userSelected: false }] },
  ];
  list.push({
    resourceType: 'Appointment',
    id: '4be5c594-cfbd-4b7c-a047-ee3b06881745',
    status: 'checked-in',
    appointmentType: { coding: [{ system: 'INTERNAL', code: 'INIV', display: 'Initial Visit' }] },
    reasonCode: seedReason,
    supportingInformation: [
      { reference: 'Location/1', type: 'Location' },
      { reference: 'Encounter/63e2f110-71e2-4b7e-befd-4f9f3317b520', type: 'Encounter' },
    ],
    start: '2023-06-06T18:00:00+00:00',
    end: '2023-06-06T18:30:00+00:00',
    participant: [
      { actor: { reference: `Practitioner/${ruiz}`, type: 'Practitioner' }, status: 'accepted' },
      { actor: { reference: `Patient/${patient}`, type: 'Patient' }, status: 'accepted' },
    ],
  });
  list.push({
    resourceType: 'Appointment',
    id: 'f98df7f2-10d4-4738-aaad-bf1e98ee85d3',
    status: 'checked-in',
    appointmentType: { coding: [{ system: SNOMED, code: '448337001', display: 'Telemedicine' }] },
    reasonCode: seedReason,
    supportingInformation: [
      { reference: 'Location/1', type: 'Location' },
      { reference: 'Encounter/2fb638a3-fae8-47b0-afdb-2d8246da20ed', type: 'Encounter' },
    ],
    start: '2023-08-22T19:00:00+00:00',
    end: '2023-08-22T19:30:00+00:00',
    participant: [
      { actor: { reference: `Practitioner/${ruiz}`, type: 'Practitioner' }, status: 'accepted' },
      { actor: { reference: `Patient/${patient}`, type: 'Patient' }, status: 'accepted' },
    ],
  });
  // Seed: the create example, repaired (reasonCode as an array, one resource, no appended Patient).
  const telemedicine = {
    coding: [{ system: SNOMED, code: '448337001', display: 'Telemedicine consultation with patient (procedure)' }],
  };
  const endpoint = {
    resourceType: 'Endpoint',
    id: 'appointment-meeting-endpoint',
    status: 'active',
    connectionType: { code: 'https' },
    payloadType: [{ coding: [{ code: 'video-call' }] }],
    address: 'https://url-for-video-chat.example.com?meetingi=abc123',
  };
  list.push({
    resourceType: 'Appointment',
    id: 'a3c1e9d0-5b7f-4e2a-9c8d-7f6e5d4c3b2a',
    status: 'proposed',
    appointmentType: telemedicine,
    reasonCode: [{ coding: [{ system: 'INTERNAL', code: '9903', display: 'Urgent Visit' }], text: 'Weekly check-in' }],
    description: 'Weekly check-in.',
    participant: [
      { actor: { reference: 'Patient/5350cd20de8a470aa570a852859ac87e', type: 'Patient' }, status: 'accepted' },
      { actor: { reference: `Practitioner/${nguyen}`, type: 'Practitioner' }, status: 'accepted' },
    ],
    start: '2022-03-20T13:30:00+00:00',
    end: '2022-03-20T14:00:00+00:00',
    supportingInformation: [
      { reference: 'Location/1' },
      { reference: '#appointment-meeting-endpoint', type: 'Endpoint' },
    ],
    contained: [endpoint],
  });
  // Seed: the update example as documented, cancelled, still with its string reasonCode.
  list.push({
    resourceType: 'Appointment',
    id: '94d34e0f-b5c2-4af1-b806-acec8866da18',
    status: 'cancelled',
    appointmentType: telemedicine,
    reasonCode:
      '[{       "coding": [{         "system": "INTERNAL"         "code": "9903",         "display": "Urgent Visit"       }],         "text": "Weekly check-in"     }]',
    description: 'Weekly check-in',
    start: '2022-03-20T13:30:00+00:00',
    end: '2022-03-20T14:00:00+00:00',
    participant: [
      { actor: { reference: 'Patient/5350cd20de8a470aa570a852859ac87e' }, status: 'accepted' },
      { actor: { reference: `Practitioner/${nguyen}` }, status: 'accepted' },
    ],
    supportingInformation: [
      { reference: 'Location/1' },
      { reference: '#appointment-meeting-endpoint', type: 'Endpoint' },
    ],
    contained: [
      {
        resourceType: 'Endpoint',
        id: 'appointment-meeting-endpoint',
        address: 'https://url-for-video-chat.example.com?meetingi=abc123',
      },
    ],
  });
  // Upcoming, relative to the clock.
  const at = (days, hour, zone) =>
    DateTime.fromMillis(clock, { zone }).plus({ days }).set({ hour, minute: 0, second: 0, millisecond: 0 }).toMillis();
  const upcoming = (id, status, practitioner, location, start, minutes, extra = {}) => ({
    resourceType: 'Appointment',
    id,
    status,
    appointmentType: { coding: [{ system: 'INTERNAL', code: 'OFFICE', display: 'Office Visit' }] },
    start: canvasInstant(start),
    end: canvasInstant(start + minutes * 60_000),
    participant: [
      { actor: { reference: `Practitioner/${practitioner}`, type: 'Practitioner' }, status: 'accepted' },
      { actor: { reference: `Patient/${patient}`, type: 'Patient' }, status: 'accepted' },
    ],
    supportingInformation: [{ reference: `Location/${location.id}`, type: 'Location' }],
    ...extra,
  });
  const [harbor, desert] = LOCATIONS;
  list.push(upcoming('0d6f5a8e-3b1c-4c7e-9f2a-000000000003', 'proposed', ruiz, harbor, at(3, 10, harbor.zone), 20));
  list.push(
    upcoming('0d6f5a8e-3b1c-4c7e-9f2a-000000000006', 'booked', nguyen, desert, at(6, 11, desert.zone), 20, {
      appointmentType: telemedicine,
      supportingInformation: [
        { reference: `Location/${desert.id}`, type: 'Location' },
        { reference: '#appointment-meeting-endpoint-0', type: 'Endpoint' },
      ],
      contained: [
        { ...endpoint, id: 'appointment-meeting-endpoint-0', address: 'https://video.example.org/room/nguyen' },
      ],
    }),
  );
  // Stored with the documented string reasonCode: the adapter must send a proper array back.
  list.push(
    upcoming('0d6f5a8e-3b1c-4c7e-9f2a-000000000008', 'booked', ruiz, harbor, at(8, 14, harbor.zone), 20, {
      reasonCode:
        '[{ "coding": [{ "system": "INTERNAL" "code": "9903", "display": "Urgent Visit" }], "text": "Weekly check-in" }]',
      description: 'Weekly check-in',
    }),
  );
  const lastUpdated = new Date(clock - 86_400_000).toISOString();
  return list.map((a) => ({ ...a, meta: { lastUpdated } }));
}

function createState(tenant, setup) {
  checkSetup(setup, []);
  const clock = tenant === 'demo' ? Date.now() : Date.parse(TEST_CLOCK);
  const practitioners = tenant.startsWith('xss') ? [...PRACTITIONERS, XSS_PRACTITIONER] : [...PRACTITIONERS];
  return {
    tenant,
    clockOffset: clock - Date.now(),
    practitioners,
    locations: LOCATIONS,
    appointments: seedAppointments(clock),
    patients: PATIENTS.map((id) => ({ resourceType: 'Patient', id, active: true })),
    faults: [],
    log: [],
  };
}

const now = (state) => Date.now() + state.clockOffset;

function live(appointment) {
  return (
    appointment.status !== 'cancelled' && appointment.status !== 'entered-in-error' && appointment.status !== 'noshow'
  );
}

function participantId(appointment, type) {
  for (const p of appointment.participant ?? []) {
    const match = new RegExp(`^${type}/(.+)$`).exec(p?.actor?.reference ?? '');
    if (match) return match[1];
  }
  return undefined;
}

function overlaps(state, practitionerId, start, end, exceptId) {
  return state.appointments.some(
    (a) =>
      a.id !== exceptId &&
      live(a) &&
      participantId(a, 'Practitioner') === practitionerId &&
      Date.parse(a.start) < end &&
      start < Date.parse(a.end),
  );
}

/** Free slots of one schedule for local dates [startDate, endDate] in the clinic's zone. */
function freeSlots(state, practitioner, location, startDate, endDate, duration) {
  const zone = location.zone;
  const out = [];
  const step = duration * 60_000;
  const clock = now(state);
  for (let day = DateTime.fromISO(startDate, { zone }); day.toISODate() <= endDate; day = day.plus({ days: 1 })) {
    if (!practitioner.weekdays.includes(day.weekday)) continue;
    for (const [from, to] of practitioner.blocks) {
      // Wall-clock block, stepped in real minutes: a DST night has one hour less (or more).
      const blockStart = day.set({ hour: from }).toMillis();
      const blockEnd = to >= 24 ? day.plus({ days: 1 }).toMillis() : day.set({ hour: to }).toMillis();
      for (let t = blockStart; t + step <= blockEnd; t += step) {
        if (t < clock || overlaps(state, practitioner.id, t, t + step)) continue;
        out.push({
          resourceType: 'Slot',
          schedule: { reference: `Schedule/Location.${location.number}-Staff.${practitioner.id}`, type: 'Schedule' },
          status: 'free',
          start: DateTime.fromMillis(t, { zone }).toISO({ suppressMilliseconds: true }),
          end: DateTime.fromMillis(t + step, { zone }).toISO({ suppressMilliseconds: true }),
        });
      }
    }
  }
  return out;
}

/** FHIR date search on `start`, Canvas style: ge/gt/le/lt/eq/ne with a date or a date-time. */
function matchesDate(appointment, filters) {
  const start = Date.parse(appointment.start);
  for (const filter of filters) {
    const match = /^(ge|gt|le|lt|eq|ne)?(.+)$/.exec(filter);
    if (!match) return false;
    const [, prefix = 'eq', value] = match;
    const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(value);
    const low = dateOnly ? Date.parse(`${value}T00:00:00Z`) : parseInstant(value);
    if (Number.isNaN(low)) return false;
    const high = dateOnly ? low + 86_400_000 : low + 1000;
    const ok = {
      ge: start >= low,
      gt: start >= high,
      le: start < high,
      lt: start < low,
      eq: start >= low && start < high,
      ne: !(start >= low && start < high),
    }[prefix];
    if (!ok) return false;
  }
  return true;
}

function appointmentSearch(state, url, res) {
  const params = url.searchParams;
  const ref = (name, type) => {
    const value = params.get(name);
    return value ? value.replace(new RegExp(`^${type}/`), '') : undefined;
  };
  const patient = ref('patient', 'Patient');
  const practitioner = ref('practitioner', 'Practitioner');
  const location = ref('location', 'Location');
  const statuses = params.get('status')?.split(',');
  const ids = params.get('_id')?.split(',');
  const type = params.get('appointment-type') ?? params.get('appointmentType');
  const dates = params.getAll('date');
  const count = Math.min(100, Math.max(0, Number(params.get('_count') ?? 10) || 10));
  const offset = Math.max(0, Number(params.get('_offset') ?? 0) || 0);
  let matches = state.appointments.filter(
    (a) =>
      (!patient || participantId(a, 'Patient') === patient) &&
      (!practitioner || participantId(a, 'Practitioner') === practitioner) &&
      (!location || (a.supportingInformation ?? []).some((s) => s.reference === `Location/${location}`)) &&
      (!statuses || statuses.includes(a.status)) &&
      (!ids || ids.includes(a.id)) &&
      (!type || (a.appointmentType?.coding ?? []).some((c) => type === c.code || type === `${c.system}|${c.code}`)) &&
      matchesDate(a, dates),
  );
  const sort = params.get('_sort') ?? 'date';
  const dir = sort.startsWith('-') ? -1 : 1;
  matches = matches.sort((a, b) => dir * (Date.parse(a.start) - Date.parse(b.start)));
  const page = matches.slice(offset, offset + count);
  const link = (at) => {
    const q = new URLSearchParams(params);
    q.set('_count', String(count));
    q.set('_offset', String(at));
    return `/Appointment?${q.toString()}`;
  };
  const links = matches.length
    ? [
        { relation: 'self', url: link(offset) },
        { relation: 'first', url: link(0) },
        ...(offset + count < matches.length ? [{ relation: 'next', url: link(offset + count) }] : []),
        { relation: 'last', url: link(count ? Math.floor((matches.length - 1) / count) * count : 0) },
      ]
    : undefined;
  const bundle = searchset(page, links);
  bundle.total = matches.length;
  send(res, 200, bundle);
}

/** Checks an Appointment body for what Canvas refuses; returns an error responder or undefined. */
function validate(state, body) {
  if (!body || typeof body !== 'object' || Array.isArray(body) || body.resourceType !== 'Appointment')
    return (res) => fail[400](res);
  if (!body.status) return (res) => fail[400](res);
  if (body.status === 'entered-in-error') return (res) => fail[400](res);
  if (body.reasonCode !== undefined && !Array.isArray(body.reasonCode)) return (res) => fail[400](res);
  const start = parseInstant(body.start);
  const end = parseInstant(body.end);
  if (Number.isNaN(start) || Number.isNaN(end) || end <= start) return (res) => fail[400](res);
  const patient = participantId(body, 'Patient');
  const practitioner = participantId(body, 'Practitioner');
  if (!patient || !state.patients.some((p) => p.id === patient)) return (res) => fail[400](res);
  if (!practitioner || !state.practitioners.some((p) => p.id === practitioner)) return (res) => fail[400](res);
  for (const coding of body.appointmentType?.coding ?? []) {
    if (!APPOINTMENT_TYPES.some((t) => t.code === coding.code && (!coding.system || t.system === coding.system))) {
      return (res) =>
        fail[422](res, `Appointment Type does not exist with code: ${coding.code} and system: ${coding.system}`);
    }
  }
  return undefined;
}

function normalise(body, id, state) {
  const start = parseInstant(body.start);
  const end = parseInstant(body.end);
  const participant = (body.participant ?? []).map((p) => {
    const type = /^(\w+)\//.exec(p?.actor?.reference ?? '')?.[1];
    return { ...p, actor: { ...p.actor, ...(type ? { type } : {}) } };
  });
  return {
    ...body,
    id,
    start: canvasInstant(start),
    end: canvasInstant(end),
    participant,
    meta: { lastUpdated: new Date(now(state)).toISOString() },
  };
}

const RESOURCE_OPS = { Schedule: 'schedules', Practitioner: 'practitioners', Location: 'locations', Slot: 'slots' };

/** The operation name of a request, for faults and the log. */
function operationOf(method, type, id) {
  if (type === 'Appointment') {
    if (!id) return method === 'POST' ? 'book' : method === 'GET' ? 'list' : 'other';
    return method === 'PUT' ? 'update' : method === 'GET' ? 'read' : 'other';
  }
  if (type === 'Patient') return method === 'POST' && !id ? 'register' : method === 'GET' ? 'patients' : 'other';
  return RESOURCE_OPS[type] ?? 'other';
}

/** Whether a stored patient has an identifier matching a `value`, `system|value`, `system|` or `|value` token. */
function hasIdentifier(patient, token) {
  const bar = token.indexOf('|');
  return (patient.identifier ?? []).some((i) =>
    bar < 0
      ? i.value === token
      : (i.system ?? '') === token.slice(0, bar) && (bar === token.length - 1 || i.value === token.slice(bar + 1)),
  );
}

/** What Canvas refuses in a new Patient (an error responder), or undefined. */
function validatePatient(body) {
  if (!body || typeof body !== 'object' || Array.isArray(body) || body.resourceType !== 'Patient')
    return (res) => fail[400](res);
  const official = (body.name ?? []).find((n) => n?.use === 'official');
  if (!official?.family || !official.given?.[0])
    return (res) => fail[422](res, 'Patient name: one with use "official", a given and a family name, is required.');
  if (!/^\d{4}(-\d{2}(-\d{2})?)?$/.test(body.birthDate ?? ''))
    return (res) => fail[422](res, 'Patient birthDate is required.');
  if (!(body.extension ?? []).some((e) => e?.url === BIRTH_SEX && e.valueCode))
    return (res) => fail[422](res, 'The birthsex extension is required.');
  return undefined;
}

/** The answer to an armed fault (after its timing); false when the request is to be handled as usual. */
function answerFault(fault, res) {
  switch (fault?.kind) {
    case 'status':
      if ([400, 404].includes(fault.status)) fail[fault.status](res, fault.message);
      else if (fault.status === 422 && fault.message) fail[422](res, fault.message);
      else if ([401, 403, 405, 412].includes(fault.status) && !fault.message) fail[fault.status](res);
      else {
        res.writeHead(fault.status, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
        res.end(JSON.stringify(outcome('exception', fault.message ?? 'Internal server error')));
      }
      return true;
    case 'raw':
      res.writeHead(fault.status ?? 200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
      res.end(fault.body ?? '');
      return true;
    case 'malformed':
      res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
      res.end('{"resourceType": "Bundle", "entry": [');
      return true;
    case 'expired-token':
      fail[401](res);
      return true;
    default:
      return false;
  }
}

async function handle(req, res, { state, path, url, tenant, entry }) {
  const method = req.method ?? 'GET';
  const [, type, id, ...rest] = path.split('/');
  entry.op = operationOf(method, type, id);
  if (req.headers['if-none-exist']) entry.ifNoneExist = req.headers['if-none-exist'];
  const fault = takeFault(state.faults, { op: entry.op, method, path: `${path}${url.search}` });
  if (!(await faultTiming(fault, res))) return undefined;
  if (answerFault(fault, res)) return undefined;

  if (req.headers.authorization !== `Bearer ${CANVAS_TOKEN}`) return fail[401](res);

  if (rest.length) return fail[404](res);

  if (type === 'Schedule' && !id && method === 'GET') {
    return send(res, 200, searchset(state.practitioners.map((p) => scheduleResource(p, state.locations))));
  }
  if (type === 'Practitioner' && method === 'GET') {
    const ids = url.searchParams.get('_id')?.split(',');
    const list = state.practitioners
      .filter((p) => (id ? p.id === id : !ids || ids.includes(p.id)))
      .map(practitionerResource);
    if (id) return list[0] ? send(res, 200, list[0]) : fail[404](res, `Unknown Practitioner resource '${id}'`);
    return send(res, 200, searchset(list));
  }
  if (type === 'Location' && method === 'GET') {
    const ids = url.searchParams.get('_id')?.split(',');
    const list = state.locations.filter((l) => (id ? l.id === id : !ids || ids.includes(l.id))).map(locationResource);
    if (id) return list[0] ? send(res, 200, list[0]) : fail[404](res, `Unknown Location resource '${id}'`);
    return send(res, 200, searchset(list));
  }
  if (type === 'Slot' && !id && method === 'GET') {
    const schedule = url.searchParams.get('schedule');
    if (!schedule) return fail[400](res, 'Bad request: the schedule search parameter is required');
    const match = /^(?:Schedule\/)?Location\.([^-]+)-Staff\.(.+)$/.exec(schedule);
    const location = match && state.locations.find((l) => l.number === match[1]);
    const practitioner = match && state.practitioners.find((p) => p.id === match[2] && p.location === match[1]);
    if (!location || !practitioner) return send(res, 200, searchset([]));
    const duration = Number(url.searchParams.get('duration') ?? 20);
    if (!Number.isInteger(duration) || duration <= 0 || duration > 480) return fail[400](res);
    const today = DateTime.fromMillis(now(state), { zone: 'utc' }).toISODate();
    const start = url.searchParams.get('start') ?? today;
    const end = url.searchParams.get('end') ?? DateTime.fromISO(start).plus({ days: 7 }).toISODate();
    if (!/^\d{4}-\d{2}-\d{2}$/.test(start) || !/^\d{4}-\d{2}-\d{2}$/.test(end)) return fail[400](res);
    if (DateTime.fromISO(end).diff(DateTime.fromISO(start), 'days').days > 62) return fail[400](res);
    return send(res, 200, searchset(freeSlots(state, practitioner, location, start, end, duration)));
  }
  if (type === 'Patient') {
    if (!id && method === 'GET') {
      const token = url.searchParams.get('identifier');
      const ids = url.searchParams.get('_id')?.split(',');
      // Canvas' Patient search also takes family (starts-with, case-insensitive) and birthdate (exact day).
      const family = url.searchParams.get('family')?.toLowerCase();
      const birthdate = url.searchParams.get('birthdate');
      const found = state.patients.filter(
        (p) =>
          (!token || hasIdentifier(p, token)) &&
          (!ids || ids.includes(p.id)) &&
          (!family || (p.name ?? []).some((n) => (n.family ?? '').toLowerCase().startsWith(family))) &&
          (!birthdate || p.birthDate === birthdate),
      );
      return send(res, 200, searchset(found));
    }
    if (id && method === 'GET') {
      const stored = state.patients.find((p) => p.id === id);
      return stored ? send(res, 200, stored) : fail[404](res, `Unknown Patient resource '${id}'`);
    }
    if (!id && method === 'POST') {
      const parsed = await readJson(req);
      if (!parsed.ok || parsed.value === undefined) return fail[400](res);
      const problem = validatePatient(parsed.value);
      if (problem) return problem(res);
      const newId = randomUUID().replaceAll('-', '');
      const { id: _ignored, ...body } = parsed.value;
      state.patients.push({ ...body, id: newId, active: body.active ?? true });
      const base = `http://${req.headers.host ?? 'localhost'}/mock/canvas/${tenant}`;
      return send(res, 201, null, { Location: `${base}/Patient/${newId}/_history/1` });
    }
    return fail[405](res);
  }
  if (type === 'Appointment') {
    if (!id && method === 'GET') return appointmentSearch(state, url, res);
    if (!id && method === 'POST') {
      const parsed = await readJson(req);
      if (!parsed.ok || parsed.value === undefined) return fail[400](res); // an empty body is no JSON either
      const problem = validate(state, parsed.value);
      if (problem) return problem(res);
      const body = parsed.value;
      const practitioner = participantId(body, 'Practitioner');
      if (overlaps(state, practitioner, parseInstant(body.start), parseInstant(body.end))) {
        return fail[422](res, 'This appointment time is no longer available.');
      }
      const newId = randomUUID();
      state.appointments.push(normalise(body, newId, state));
      const base = `http://${req.headers.host ?? 'localhost'}/mock/canvas/${tenant}`;
      return send(res, 201, null, { Location: `${base}/Appointment/${newId}/_history/1` });
    }
    const stored = id && state.appointments.find((a) => a.id === id);
    if (id && method === 'GET')
      return stored ? send(res, 200, stored) : fail[404](res, `Unknown Appointment resource '${id}'`);
    if (id && method === 'PUT') {
      if (!stored) return fail[404](res, `Unknown Appointment resource '${id}'`);
      const parsed = await readJson(req);
      if (!parsed.ok || parsed.value === undefined) return fail[400](res); // an empty body is no JSON either
      const body = parsed.value;
      if (body?.id && body.id !== id) return fail[400](res);
      const since = req.headers['if-unmodified-since'];
      if (since) {
        const limit = Date.parse(since);
        if (Number.isNaN(limit) || Math.floor(Date.parse(stored.meta.lastUpdated) / 1000) > Math.floor(limit / 1000))
          return fail[412](res);
      }
      const problem = validate(state, body);
      if (problem) return problem(res);
      if (stored.status === 'cancelled' && body.status !== 'cancelled') {
        return fail[422](res, 'A cancelled appointment cannot be changed.');
      }
      const start = parseInstant(body.start);
      const end = parseInstant(body.end);
      const moved = start !== Date.parse(stored.start) || end !== Date.parse(stored.end);
      if (
        live(body) &&
        (moved || !live(stored)) &&
        overlaps(state, participantId(body, 'Practitioner'), start, end, id)
      ) {
        return fail[422](res, 'This appointment time is no longer available.');
      }
      Object.assign(stored, normalise(body, id, state));
      for (const key of Object.keys(stored))
        if (!(key in body) && !['id', 'meta', 'start', 'end', 'participant'].includes(key)) delete stored[key];
      return send(res, 200, null);
    }
    return fail[405](res);
  }
  if (['Schedule', 'Slot', 'Practitioner', 'Location'].includes(type)) return fail[405](res);
  return fail[404](res);
}

export default async function create() {
  return tenants(createState, handle, {
    faultKinds: ['status', 'raw', 'malformed', 'expired-token', 'slow', 'late'],
  });
}
