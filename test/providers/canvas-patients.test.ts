import { expect } from '@open-wc/testing';
import { BookingError } from '../../src/core/errors.js';
import type { PatientDetails, Slot } from '../../src/core/model.js';
import { CanvasProvider } from '../../src/providers/canvas/index.js';
import { NOW, armFault, serverLog, setUpTenant } from '../helpers.js';

// New patients on the `canvas` adapter against its contract server (test/servers/canvas/server.mjs) over real
// HTTP. Canvas documents Patient create and search by identifier but no conditional create and no $match:
// the adapter looks for an earlier attempt's record by its registration identifier, then creates.

const TOKEN = 'canvas-test-token';
const RUIZ = '3a182f42885645e0bc3d608e7c02aad8';
const HARBOR = '5f3f2f5e-6c1b-4b8e-9a6f-1c2d3e4f5a61';
const REGISTRATION = 'urn:careslot:registration';
const BIRTH_SEX = 'http://hl7.org/fhir/us/core/StructureDefinition/us-core-birthsex';

const DETAILS: PatientDetails = {
  name: { given: 'Mary Ann', family: 'Okoro' },
  birthDate: '1984-09-30',
  phone: '5554320555',
  email: 'mary.okoro@example.org',
  reason: 'Follow-up',
};
const PRIVATE = ['Mary', 'Okoro', '4320555', 'mary.okoro', '1984-09-30', 'Follow'];

interface PatientJson {
  id: string;
  identifier?: { system: string; value: string }[];
  name?: { use?: string; family?: string; given?: string[] }[];
  birthDate?: string;
  telecom?: { system: string; value: string }[];
  extension?: { url: string; valueCode?: string }[];
}

const base = (tenant: string) => `/mock/canvas/${tenant}`;

const provider = (tenant: string, extra: Record<string, unknown> = {}) =>
  new CanvasProvider({
    baseUrl: base(tenant),
    options: {
      getToken: async () => TOKEN,
      locationTimeZones: { [HARBOR]: 'America/New_York' },
      scheduleLocations: { '1': HARBOR },
      timeoutMs: 600,
      ...extra,
    },
    now: () => new Date(NOW),
  });

/** The Patients carrying this registration key, as the server holds them. */
async function registered(tenant: string, key: string): Promise<PatientJson[]> {
  const response = await fetch(`${base(tenant)}/Patient?identifier=${encodeURIComponent(`${REGISTRATION}|${key}`)}`, {
    headers: { Authorization: `Bearer ${TOKEN}` },
  });
  const bundle = (await response.json()) as { entry?: { resource: PatientJson }[] };
  return (bundle.entry ?? []).map((e) => e.resource);
}

/** The patient's live appointments, as the server holds them. */
async function appointmentsOf(tenant: string, id: string): Promise<{ id: string; status: string }[]> {
  const response = await fetch(`${base(tenant)}/Appointment?patient=Patient/${id}`, {
    headers: { Authorization: `Bearer ${TOKEN}` },
  });
  const bundle = (await response.json()) as { entry?: { resource: { id: string; status: string } }[] };
  return (bundle.entry ?? []).map((e) => e.resource).filter((a) => a.status !== 'cancelled');
}

async function firstSlot(canvas: CanvasProvider): Promise<Slot> {
  const slots = await canvas.findSlots({
    start: '2026-03-03T05:00:00.000Z',
    end: '2026-03-04T05:00:00.000Z',
    practitionerId: RUIZ,
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

const key = () => crypto.randomUUID();

describe('canvas backend: new patients (contract server over HTTP)', function () {
  this.timeout(20_000);

  it('declares newPatient and not signIn', () => {
    const { capabilities } = provider('cv-caps');
    expect([capabilities.newPatient, capabilities.signIn]).to.deep.equal([true, false]);
  });

  it('looks for an earlier attempt by identifier, then creates the patient (id from Location) and books them', async () => {
    const tenant = await setUpTenant('canvas', 'cv-new', {});
    const canvas = provider(tenant);
    const idempotencyKey = key();
    const patient = await canvas.registerPatient({ details: DETAILS, idempotencyKey });
    const log = (await serverLog<{ ifNoneExist?: string }>('canvas', tenant)).filter((r) =>
      r.path.startsWith('/Patient'),
    );
    expect(log.map((r) => [r.method, r.path, r.op, r.status])).to.deep.equal([
      ['GET', '/Patient', 'patients', 200],
      ['POST', '/Patient', 'register', 201],
    ]);
    expect(decodeURIComponent(log[0].query)).to.equal(`?identifier=${REGISTRATION}|${idempotencyKey}`);
    expect(log[1].ifNoneExist, 'no conditional create where Canvas documents none').to.equal(undefined);
    const [stored] = await registered(tenant, idempotencyKey);
    expect(stored.id).to.equal(patient.id);
    expect(stored.name).to.deep.equal([{ use: 'official', family: 'Okoro', given: ['Mary', 'Ann'] }]);
    expect(stored.birthDate).to.equal('1984-09-30');
    expect(stored.telecom?.map((t) => t.system)).to.deep.equal(['phone', 'email']);
    expect(stored.extension).to.deep.equal([{ url: BIRTH_SEX, valueCode: 'UNK' }]);

    const result = await canvas.book({ slot: await firstSlot(canvas), patientId: patient.id, idempotencyKey: key() });
    expect(result.kind).to.equal('booked');
    expect((await appointmentsOf(tenant, patient.id)).length).to.equal(1);
  });

  it('a retry after a lost answer creates exactly one Patient, and a retried booking exactly one Appointment', async () => {
    const tenant = await setUpTenant('canvas', 'cv-retry', {});
    const canvas = provider(tenant);
    const idempotencyKey = key();
    await armFault('canvas', tenant, { op: 'register', kind: 'late', delayMs: 1500, times: 1 });
    expect((await failure(canvas.registerPatient({ details: DETAILS, idempotencyKey }))).kind).to.equal('timeout');
    const patient = await canvas.registerPatient({ details: DETAILS, idempotencyKey });
    const log = await serverLog('canvas', tenant);
    expect(log.filter((r) => r.op === 'register').length, 'the retry found the first one and made none').to.equal(1);
    expect((await registered(tenant, idempotencyKey)).map((p) => p.id)).to.deep.equal([patient.id]);

    const booking = { slot: await firstSlot(canvas), patientId: patient.id, idempotencyKey: key() };
    await armFault('canvas', tenant, { op: 'book', kind: 'late', delayMs: 1500, times: 1 });
    expect((await failure(canvas.book(booking))).kind).to.equal('timeout');
    expect((await canvas.book(booking)).kind).to.equal('booked');
    expect((await appointmentsOf(tenant, patient.id)).length).to.equal(1);
  });

  it('a refused or failed create is a BookingError: Canvas’ 422 text, a 500 with its status', async () => {
    const tenant = await setUpTenant('canvas', 'cv-fail', {});
    const canvas = provider(tenant);
    const refused = await failure(
      canvas.registerPatient({ details: { ...DETAILS, birthDate: undefined }, idempotencyKey: key() }),
    );
    expect([refused.kind, refused.status, refused.message]).to.deep.equal([
      'validation',
      422,
      'Patient birthDate is required.',
    ]);
    const noBirthSex = await failure(
      provider(tenant, { newPatientExtensions: [] }).registerPatient({ details: DETAILS, idempotencyKey: key() }),
    );
    expect(noBirthSex.message).to.equal('The birthsex extension is required.');
    await armFault('canvas', tenant, { op: 'register', kind: 'status', status: 500, times: 1 });
    const down = await failure(canvas.registerPatient({ details: DETAILS, idempotencyKey: key() }));
    expect([down.kind, down.status]).to.deep.equal(['upstream-unavailable', 500]);
    await armFault('canvas', tenant, { op: 'patients', kind: 'malformed', times: 1 });
    const broken = await failure(canvas.registerPatient({ details: DETAILS, idempotencyKey: key() }));
    expect(broken.kind).to.equal('malformed-response');
  });

  it('refuses newPatientExtensions that are not extensions', () => {
    expect(() => provider('cv-opt', { newPatientExtensions: [{ valueCode: 'F' }] })).to.throw(
      /newPatientExtensions must be a list of FHIR extensions/,
    );
  });

  it('puts nothing of the patient into any URL it requests', async () => {
    const tenant = await setUpTenant('canvas', 'cv-private', {});
    const canvas = provider(tenant);
    const patient = await canvas.registerPatient({ details: DETAILS, idempotencyKey: key() });
    await canvas.book({ slot: await firstSlot(canvas), patientId: patient.id, idempotencyKey: key(), note: 'x' });
    await canvas.listAppointments({ patientId: patient.id });
    const log = await serverLog('canvas', tenant);
    expect(log.length).to.be.greaterThan(4);
    for (const request of log) {
      const url = decodeURIComponent(`${request.path}${request.query}`);
      for (const secret of PRIVATE) expect(url, `${request.method} ${url}`).to.not.include(secret);
    }
  });
});
