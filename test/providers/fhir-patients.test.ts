import { expect } from '@open-wc/testing';
import sinon from 'sinon';
import { BookingError } from '../../src/core/errors.js';
import type { PatientDetails, Slot } from '../../src/core/model.js';
import { patientResource } from '../../src/providers/fhir-common/patient.js';
import { FhirProvider } from '../../src/providers/fhir/index.js';
import { NOW, armFault, serverLog, setUpTenant } from '../helpers.js';

// New patients and holds on the `fhir` adapter, against Medplum's FHIR engine over real HTTP
// (test/servers/fhir/server.mjs): Patient/$match where a tenant offers it (setup `match`), conditional create
// with If-None-Exist (the engine's own), `$hold` expiry and a release that outlives the page. Tenants whose
// name contains `ops` offer $hold/$book.

const DETAILS: PatientDetails = {
  name: { given: 'Jordan', family: 'Rivers' },
  birthDate: '1990-04-12',
  phone: '+1 555 0142',
  email: 'jordan.rivers@example.org',
  reason: 'Sore throat',
};
/** Everything of the patient that must never appear in a URL. */
const PRIVATE = ['Jordan', 'Rivers', '0142', 'jordan.rivers', '1990-04-12', 'Sore'];
const REGISTRATION = 'urn:careslot:registration';

interface Logged {
  ifNoneExist?: string;
}

interface PatientJson {
  id: string;
  identifier?: { system: string; value: string }[];
  name?: { family?: string; given?: string[] }[];
  birthDate?: string;
  telecom?: { system: string; value: string }[];
}

interface AppointmentJson {
  id: string;
  status: string;
  participant: { actor: { reference: string } }[];
}

const base = (tenant: string) => `/mock/fhir/${tenant}`;

const provider = (tenant: string, options: Record<string, unknown> = {}) =>
  new FhirProvider({ baseUrl: base(tenant), options: { timeoutMs: 600, ...options }, now: () => new Date(NOW) });

async function search<T>(tenant: string, query: string): Promise<T[]> {
  const bundle = (await (await fetch(`${base(tenant)}/${query}`)).json()) as { entry?: { resource: T }[] };
  return (bundle.entry ?? []).map((e) => e.resource);
}

/** The Patients carrying this registration key, as the server holds them. */
const registered = (tenant: string, key: string) =>
  search<PatientJson>(tenant, `Patient?identifier=${encodeURIComponent(`${REGISTRATION}|${key}`)}`);

/** The patient's live appointments, as the server holds them. */
const appointmentsOf = async (tenant: string, id: string) =>
  (await search<AppointmentJson>(tenant, `Appointment?patient=Patient/${id}`)).filter((a) => a.status !== 'cancelled');

/** Dr. Ruiz's first free time on Tuesday 2026-03-03 (New York). */
async function firstSlot(fhir: FhirProvider): Promise<Slot> {
  const slots = await fhir.findSlots({
    start: '2026-03-03T05:00:00.000Z',
    end: '2026-03-04T05:00:00.000Z',
    practitionerId: 'pr-ruiz',
  });
  expect(slots.length, 'Tuesday has free times').to.be.greaterThan(0);
  return slots[0];
}

async function failure(promise: Promise<unknown>): Promise<BookingError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).to.be.instanceOf(BookingError);
  return error as BookingError;
}

/** A Patient stored the way a clinic's front desk would have, before the visitor comes online. */
async function storePatient(tenant: string): Promise<string> {
  const response = await fetch(`${base(tenant)}/Patient`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/fhir+json' },
    body: JSON.stringify({
      resourceType: 'Patient',
      identifier: [{ system: 'urn:oid:2.16.840.1.113883.19.5', value: 'MRN-7731' }],
      name: [{ family: 'Rivers', given: ['Jordan'] }],
      birthDate: '1990-04-12',
    }),
  });
  expect(response.status).to.equal(201);
  return ((await response.json()) as PatientJson).id;
}

const key = () => crypto.randomUUID();

describe('fhir backend: new patients and holds (Medplum engine over HTTP)', function () {
  this.timeout(20_000);

  afterEach(() => sinon.restore());

  it('sends no empty name part: FHIR allows no empty strings', () => {
    const named = (given: string, family: string) =>
      patientResource({ ...DETAILS, name: { given, family } }, 'key').name;
    expect(named('Mary Ann', ' Rivers ')).to.deep.equal([
      { use: 'official', family: 'Rivers', given: ['Mary', 'Ann'] },
    ]);
    expect(JSON.parse(JSON.stringify(named('  ', 'Rivers')))).to.deep.equal([{ use: 'official', family: 'Rivers' }]);
    expect(JSON.parse(JSON.stringify(named('Jordan', '')))).to.deep.equal([{ use: 'official', given: ['Jordan'] }]);
    expect(named(' ', ' ')).to.equal(undefined);
  });

  it('declares newPatient and not signIn', () => {
    const { capabilities } = provider('plain-caps');
    expect(capabilities.newPatient).to.equal(true);
    expect(capabilities.signIn).to.equal(false);
  });

  it('with Patient/$match offered, books the existing patient it is certain of: nothing is created', async () => {
    const tenant = await setUpTenant('fhir', 'plain-match', { match: true });
    const existing = await storePatient(tenant);
    const fhir = provider(tenant);
    const patient = await fhir.registerPatient({ details: DETAILS, idempotencyKey: key() });
    expect(patient.id).to.equal(existing);
    const result = await fhir.book({ slot: await firstSlot(fhir), patientId: patient.id, idempotencyKey: key() });
    expect(result.kind).to.equal('booked');
    const log = await serverLog<Logged>('fhir', tenant);
    expect(log.filter((r) => r.op === 'match').map((r) => [r.method, r.path, r.status])).to.deep.equal([
      ['POST', '/Patient/$match', 200],
    ]);
    expect(log.filter((r) => r.op === 'register').length, 'the POST Patient of the test only').to.equal(1);
    expect((await search<PatientJson>(tenant, 'Patient?family=Rivers')).length).to.equal(1);
    const booked = await appointmentsOf(tenant, existing);
    expect(booked.map((a) => a.status)).to.deep.equal(['booked']);
  });

  it('with $match offered but no certain match (only a probable one), creates the patient', async () => {
    const tenant = await setUpTenant('fhir', 'plain-match', { match: true });
    const existing = await storePatient(tenant);
    const fhir = provider(tenant);
    const details = { ...DETAILS, name: { given: 'Jordan', family: 'Rivers' }, birthDate: '1991-04-12' };
    const created = await fhir.registerPatient({ details, idempotencyKey: key() });
    expect(created.id).to.not.equal(existing);
    expect((await search<PatientJson>(tenant, 'Patient?family=Rivers')).length).to.equal(2);
  });

  it('without $match, creates the patient with one POST Patient carrying If-None-Exist on the key', async () => {
    const tenant = await setUpTenant('fhir', 'plain-create', {});
    const fhir = provider(tenant);
    const idempotencyKey = key();
    const patient = await fhir.registerPatient({ details: DETAILS, idempotencyKey });
    const log = await serverLog<Logged>('fhir', tenant);
    expect(
      log.some((r) => r.path.includes('$match')),
      'no $match where it is not offered',
    ).to.equal(false);
    const creates = log.filter((r) => r.op === 'register');
    expect(creates.map((r) => [r.method, r.path, r.query, r.status])).to.deep.equal([['POST', '/Patient', '', 201]]);
    expect(decodeURIComponent(creates[0].ifNoneExist ?? '')).to.equal(`identifier=${REGISTRATION}|${idempotencyKey}`);
    const [stored] = await registered(tenant, idempotencyKey);
    expect(stored.id).to.equal(patient.id);
    expect(stored.name).to.deep.equal([{ use: 'official', family: 'Rivers', given: ['Jordan'] }]);
    expect(stored.birthDate).to.equal('1990-04-12');
    expect(stored.telecom).to.deep.equal([
      { system: 'phone', value: '+1 555 0142' },
      { system: 'email', value: 'jordan.rivers@example.org' },
    ]);
  });

  it('a retry after a lost answer creates exactly one Patient, and a retried booking exactly one Appointment', async () => {
    const tenant = await setUpTenant('fhir', 'plain-retry', {});
    const fhir = provider(tenant);
    const idempotencyKey = key();
    await armFault('fhir', tenant, { op: 'register', kind: 'late', delayMs: 1500, times: 1 });
    const lost = await failure(fhir.registerPatient({ details: DETAILS, idempotencyKey }));
    expect(lost.kind).to.equal('timeout');
    const patient = await fhir.registerPatient({ details: DETAILS, idempotencyKey });
    const creates = (await serverLog<Logged>('fhir', tenant)).filter((r) => r.op === 'register');
    // The first answer never left the server (the client had gone); the retry found that one (200), made none.
    expect(creates.map((r) => r.status)).to.deep.equal([undefined, 200]);
    expect(creates.every((r) => r.ifNoneExist)).to.equal(true);
    expect((await registered(tenant, idempotencyKey)).map((p) => p.id)).to.deep.equal([patient.id]);

    const slot = await firstSlot(fhir);
    const booking = { slot, patientId: patient.id, idempotencyKey: key(), note: DETAILS.reason };
    await armFault('fhir', tenant, { op: 'book', kind: 'late', delayMs: 1500, times: 1 });
    expect((await failure(fhir.book(booking))).kind).to.equal('timeout');
    const result = await fhir.book(booking);
    expect(result.kind).to.equal('booked');
    const booked = await appointmentsOf(tenant, patient.id);
    expect(booked.map((a) => a.status)).to.deep.equal(['booked']);
    expect(result.kind === 'booked' && result.appointment.id).to.equal(booked[0].id);
  });

  it('where conditional create is not declared, a retry finds the first attempt’s Patient by its identifier', async () => {
    const tenant = await setUpTenant('fhir', 'plain-nocond', { conditionalCreate: false });
    const fhir = provider(tenant);
    const idempotencyKey = key();
    await armFault('fhir', tenant, { op: 'register', kind: 'late', delayMs: 1500, times: 1 });
    expect((await failure(fhir.registerPatient({ details: DETAILS, idempotencyKey }))).kind).to.equal('timeout');
    const patient = await fhir.registerPatient({ details: DETAILS, idempotencyKey });
    const log = await serverLog<Logged>('fhir', tenant);
    const searches = log.filter((r) => r.method === 'GET' && r.path === '/Patient');
    expect(searches.length, 'a search by identifier before each create').to.equal(2);
    expect(decodeURIComponent(searches[1].query)).to.include(`identifier=${REGISTRATION}|${idempotencyKey}`);
    expect(log.filter((r) => r.op === 'register').length, 'the retry did not create').to.equal(1);
    expect((await registered(tenant, idempotencyKey)).map((p) => p.id)).to.deep.equal([patient.id]);
  });

  it('with $hold/$book: books the hold it is given, once, even when the $book answer is lost', async () => {
    const tenant = await setUpTenant('fhir', 'ops-hold', {});
    const holder = provider(tenant);
    const patient = await holder.registerPatient({ details: DETAILS, idempotencyKey: key() });
    const slot = await firstSlot(holder);
    const hold = await holder.hold(slot);
    // Another instance (a reloaded adapter) knows nothing of the hold but the one in the request.
    const fhir = provider(tenant);
    const booking = { slot, patientId: patient.id, idempotencyKey: key(), hold };
    await armFault('fhir', tenant, { op: 'book', kind: 'late', delayMs: 1500, times: 1 });
    expect((await failure(fhir.book(booking))).kind).to.equal('timeout');
    const result = await fhir.book(booking);
    expect(result.kind === 'booked' && result.appointment.id, 'the held appointment is the booking').to.equal(hold.id);
    const onSlot = (await search<AppointmentJson>(tenant, `Appointment?slot=Slot/${slot.id}`)).filter(
      (a) => a.status !== 'cancelled',
    );
    expect(onSlot.map((a) => [a.id, a.status])).to.deep.equal([[hold.id, 'booked']]);
  });

  it('a failed create is a BookingError with the server’s words; a malformed one says so', async () => {
    const tenant = await setUpTenant('fhir', 'plain-fail', {});
    const fhir = provider(tenant);
    await armFault('fhir', tenant, {
      op: 'register',
      kind: 'status',
      status: 500,
      message: 'The patient index is being rebuilt.',
      times: 1,
    });
    const down = await failure(fhir.registerPatient({ details: DETAILS, idempotencyKey: key() }));
    expect(down.kind).to.equal('upstream-unavailable');
    expect(down.status).to.equal(500);
    expect(down.message).to.equal('The patient index is being rebuilt.');
    await armFault('fhir', tenant, { op: 'register', kind: 'malformed', times: 1 });
    const broken = await failure(fhir.registerPatient({ details: DETAILS, idempotencyKey: key() }));
    expect(broken.kind).to.equal('malformed-response');
    await armFault('fhir', tenant, { op: 'register', kind: 'raw', status: 201, body: '', times: 1 });
    const empty = await failure(fhir.registerPatient({ details: DETAILS, idempotencyKey: key() }));
    expect(empty.kind).to.equal('malformed-response');
    expect(empty.message).to.match(/Patient/);
    await armFault('fhir', tenant, {
      op: 'register',
      kind: 'status',
      status: 422,
      code: 'required',
      message: 'Patient.birthDate is required.',
      times: 1,
    });
    const refused = await failure(fhir.registerPatient({ details: DETAILS, idempotencyKey: key() }));
    expect([refused.kind, refused.message]).to.deep.equal(['validation', 'Patient.birthDate is required.']);
  });

  it('a failing $match is the server’s error; one that cannot match these details leaves the create', async () => {
    const tenant = await setUpTenant('fhir', 'plain-match-fail', { match: true });
    const fhir = provider(tenant);
    await armFault('fhir', tenant, { op: 'match', kind: 'status', status: 503, message: 'MPI offline.', times: 1 });
    const down = await failure(fhir.registerPatient({ details: DETAILS, idempotencyKey: key() }));
    expect([down.kind, down.message]).to.deep.equal(['upstream-unavailable', 'MPI offline.']);
    // Only an email: the server cannot match on it (422 invalid), so the patient is created.
    const idempotencyKey = key();
    const patient = await fhir.registerPatient({ details: { email: 'x@example.org' }, idempotencyKey });
    expect((await registered(tenant, idempotencyKey)).map((p) => p.id)).to.deep.equal([patient.id]);
  });

  it('puts nothing of the patient into any URL it requests', async () => {
    const tenant = await setUpTenant('fhir', 'ops-private', { match: true });
    const fhir = provider(tenant);
    const patient = await fhir.registerPatient({ details: DETAILS, idempotencyKey: key() });
    const slot = await firstSlot(fhir);
    const hold = await fhir.hold(slot);
    await fhir.book({ slot, patientId: patient.id, idempotencyKey: key(), hold, note: DETAILS.reason });
    await fhir.listAppointments({ patientId: patient.id });
    const log = await serverLog('fhir', tenant);
    expect(log.length).to.be.greaterThan(4);
    for (const request of log) {
      const url = decodeURIComponent(`${request.path}${request.query}`);
      for (const secret of PRIVATE) expect(url, `${request.method} ${url}`).to.not.include(secret);
    }
  });

  it('hold: expires when the server says, on the provider’s clock; else after holdMinutes', async () => {
    const tenant = await setUpTenant('fhir', 'ops-expiry', {});
    const fhir = provider(tenant);
    const hold = await fhir.hold(await firstSlot(fhir));
    const [held] = await search<{ extension?: { url: string; valueInstant: string }[] }>(
      tenant,
      `Appointment?_id=${hold.id}`,
    );
    // The server holds for 10 minutes by its own clock (the answer's Date); the provider's clock is NOW.
    const serverExpiry = held.extension?.find((e) => /hold-expires/.test(e.url))?.valueInstant;
    expect(Date.parse(serverExpiry!) - Date.now()).to.be.within(9 * 60_000, 10 * 60_000 + 1000);
    expect(Date.parse(hold.expires!) - Date.parse(NOW)).to.be.within(10 * 60_000 - 2000, 10 * 60_000 + 1000);
    // A server whose answer does not say (an Appointment without the extension): the option decides.
    const other = provider(tenant, { holdMinutes: 7 });
    // The first slot is held now, so this is another one.
    const later = await firstSlot(other);
    await armFault('fhir', tenant, {
      op: 'hold',
      kind: 'raw',
      status: 200,
      body: JSON.stringify({ resourceType: 'Appointment', id: 'held-elsewhere', status: 'pending' }),
      times: 1,
    });
    const plain = await other.hold(later);
    expect(plain).to.deep.equal({ slotId: later.id, id: 'held-elsewhere', expires: '2026-03-02T15:07:00.000Z' });
  });

  it('release with keepalive: one request, sent with fetch keepalive, and the hold is gone on the server', async () => {
    const tenant = await setUpTenant('fhir', 'ops-release', {});
    const fhir = provider(tenant);
    const slot = await firstSlot(fhir);
    const hold = await fhir.hold(slot);
    const spy = sinon.spy(window, 'fetch');
    await fhir.release(hold, undefined, { keepalive: true });
    const calls = spy.getCalls().map((c) => ({ url: String(c.args[0]), init: c.args[1] ?? {} }));
    spy.restore();
    expect(calls.map((c) => [c.init.method, new URL(c.url).pathname.split('/').slice(4).join('/')])).to.deep.equal([
      ['PATCH', `Appointment/${hold.id}`],
    ]);
    expect(calls[0].init.keepalive).to.equal(true);
    const [held] = await search<AppointmentJson>(tenant, `Appointment?_id=${hold.id}`);
    expect(held.status).to.equal('cancelled');
    expect(((await (await fetch(`${base(tenant)}/Slot/${slot.id}`)).json()) as { status: string }).status).to.equal(
      'free',
    );
  });

  it('release without keepalive reads the hold first and sends nothing with keepalive', async () => {
    const tenant = await setUpTenant('fhir', 'ops-release-plain', {});
    const fhir = provider(tenant);
    const hold = await fhir.hold(await firstSlot(fhir));
    const spy = sinon.spy(window, 'fetch');
    await fhir.release(hold);
    const inits = spy.getCalls().map((c) => c.args[1] ?? {});
    spy.restore();
    expect(inits.map((i) => i.method)).to.deep.equal(['GET', 'PATCH']);
    expect(inits.map((i) => i.keepalive)).to.deep.equal([undefined, undefined]);
    const [held] = await search<AppointmentJson>(tenant, `Appointment?_id=${hold.id}`);
    expect(held.status).to.equal('cancelled');
  });
});
