import { expect } from '@open-wc/testing';
import type { BookingError } from '../../src/core/errors.js';
import type { BookingProvider } from '../../src/core/provider.js';
import { createSalesforceProvider, type SalesforceOptions } from '../../src/providers/salesforce/index.js';
import { armFault, type Fault, serverLog, setUpTenant } from '../helpers.js';

// Moving a Salesforce appointment (Update: `PUT …/appointment/{appointmentId}`, the Book body plus `id`; the answer
// is an "Appointment Management Output" `{ id, isSuccess, status, error }`, research §4) over HTTP against
// test/servers/salesforce/server.mjs. The clock: Monday 2 March 2026, 9:00 AM in Chicago. Dr. Whitfield works
// 9–12 and 13–16 Chicago time, 30-minute slots.
const NOW = '2026-03-02T15:00:00.000Z';
const PATIENT = '001Hs00000PaT01AAA';
const SECOND_PATIENT = '001Hs00000PaT02AAA';
const FACILITY = { id: '0lzHs000000Lk01AAC', name: 'Lakeside Medical Center', timeZone: 'America/Chicago' };
const WHITFIELD = '0cmHs0000000Wh1AAE';
const APPOINTMENT_PATH = '/services/data/v66.0/connect/health/appointment-management/appointment';

interface Logged {
  method: string;
  path: string;
  status: number;
  body: Record<string, unknown>;
}

function options(extra: Partial<SalesforceOptions> = {}): SalesforceOptions {
  return {
    getToken: async () => 'test-access-token',
    workTypeId: '08qHs000000WtA1AAK',
    channelId: '0eFHs000000Ch01AAC',
    locations: [FACILITY],
    resources: [{ id: WHITFIELD, name: 'Dr. Grace Whitfield' }],
    listAppointments: 'soql',
    ...extra,
  };
}

/** A fresh tenant, an adapter of `patient` on it, Dr. Whitfield's slots and one booked appointment. */
async function booked(extra: Partial<SalesforceOptions> = {}) {
  const name = await setUpTenant('salesforce', 'sfmove', { now: NOW });
  const adapter = (patientId = PATIENT): BookingProvider =>
    createSalesforceProvider({
      baseUrl: `/mock/salesforce/${name}`,
      patientId,
      options: { ...options(extra) },
      now: () => new Date(NOW),
    });
  const salesforce = adapter();
  const slots = await salesforce.findSlots!({ start: NOW, end: '2026-03-03T06:00:00Z', practitionerId: WHITFIELD });
  const result = await salesforce.book!({
    slot: slots[0],
    patientId: PATIENT,
    note: 'Knee pain',
    idempotencyKey: 'b1',
  });
  if (result.kind !== 'booked') throw new Error('not booked');
  return { name, adapter, salesforce, slots, appointment: result.appointment };
}

const puts = async (name: string) => (await serverLog<Logged>('salesforce', name)).filter((r) => r.method === 'PUT');
const listed = async (salesforce: BookingProvider, id: string) =>
  (await salesforce.listAppointments!({ patientId: PATIENT })).find((a) => a.id === id);
const fail = (p: Promise<unknown>) =>
  p.then(
    () => expect.fail('it did not fail'),
    (e: BookingError) => e,
  );
const arm = (name: string, fault: Fault) => armFault('salesforce', name, fault);

describe('salesforce reschedule (PUT …/appointment/{id})', function () {
  this.timeout(20_000);

  it('sends the Book body plus id with the new time; the same appointment moves', async () => {
    const { name, salesforce, slots, appointment } = await booked();
    const target = slots[3];
    const moved = await salesforce.reschedule!(appointment, target);
    expect(moved).to.include({
      id: appointment.id,
      status: 'booked',
      start: target.start,
      end: target.end,
      timeZone: 'America/Chicago',
    });
    const [put] = await puts(name);
    expect(put.path).to.equal(`${APPOINTMENT_PATH}/${appointment.id}`);
    expect(put.status).to.equal(200);
    expect(put.body).to.deep.equal({
      id: appointment.id,
      startDate: target.start,
      endDate: target.end,
      workTypeId: '08qHs000000WtA1AAK',
      channelId: '0eFHs000000Ch01AAC',
      // The patient's note stays with the appointment.
      comment: 'Knee pain',
      timeZone: 'America/Chicago',
      participants: [
        { reference: `Patient/${PATIENT}` },
        { reference: `Facility/${FACILITY.id}` },
        { reference: `Practitioner/${WHITFIELD}`, isReferenceRequired: true },
      ],
    });
    // On the server: the record moved (no second one), the old time is free again.
    const all = await salesforce.listAppointments!({ patientId: PATIENT });
    expect(all.filter((a) => a.id === appointment.id)).to.have.length(1);
    expect(all.find((a) => a.id === appointment.id)).to.include({ start: target.start, status: 'booked' });
    const free = (
      await salesforce.findSlots!({ start: NOW, end: '2026-03-03T06:00:00Z', practitionerId: WHITFIELD })
    ).map((s) => s.start);
    expect(free).to.include(slots[0].start);
    expect(free).not.to.include(target.start);
  });

  it('a time taken meanwhile (200 isSuccess false, rejected): slot-unavailable, the old appointment untouched', async () => {
    const { adapter, salesforce, slots, appointment } = await booked();
    const taken = await adapter(SECOND_PATIENT).book!({
      slot: slots[3],
      patientId: SECOND_PATIENT,
      idempotencyKey: 'o1',
    });
    expect(taken.kind).to.equal('booked');
    const error = await fail(salesforce.reschedule!(appointment, slots[3]));
    expect(error).to.include({
      kind: 'slot-unavailable',
      status: 200,
      backendCode: 'SLOT_UNAVAILABLE',
      message: 'The selected time slot is no longer available. Select another slot.',
    });
    expect(await listed(salesforce, appointment.id)).to.include({
      start: appointment.start,
      end: appointment.end,
      status: 'booked',
    });
  });

  it('a 500 UNKNOWN_EXCEPTION: upstream-unavailable with Salesforce’s text in message; nothing moved', async () => {
    const { name, salesforce, slots, appointment } = await booked();
    await arm(name, { op: 'update', kind: 'status', status: 500 });
    const error = await fail(salesforce.reschedule!(appointment, slots[3]));
    expect(error).to.include({ kind: 'upstream-unavailable', status: 500, backendCode: 'UNKNOWN_EXCEPTION' });
    expect(error.message).to.match(/^An unexpected error occurred\. Please include this ErrorId/);
    expect(await listed(salesforce, appointment.id)).to.include({ start: appointment.start, status: 'booked' });
  });

  it('no answer in time: timeout; the same move again (PUT) moves it once', async () => {
    const { name, salesforce, slots, appointment } = await booked({ timeoutMs: 400 });
    // The update is done, its answer is lost on the way back.
    await arm(name, { op: 'update', kind: 'late', delayMs: 1500, times: 1 });
    const error = await fail(salesforce.reschedule!(appointment, slots[3]));
    expect(error).to.include({ kind: 'timeout', message: 'Salesforce did not answer within 400 ms.' });
    const again = await salesforce.reschedule!(appointment, slots[3]);
    expect(again).to.include({ id: appointment.id, start: slots[3].start });
    const all = await salesforce.listAppointments!({ patientId: PATIENT });
    expect(all.filter((a) => a.id === appointment.id)).to.have.length(1);
    expect(all).to.have.length(2); // the seed's appointment and this one
  });

  it('a slow answer that never comes: timeout, and nothing moved', async () => {
    const { name, salesforce, slots, appointment } = await booked({ timeoutMs: 400 });
    await arm(name, { op: 'update', kind: 'slow', delayMs: 1500, times: 1 });
    const error = await fail(salesforce.reschedule!(appointment, slots[3]));
    expect(error.kind).to.equal('timeout');
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await listed(salesforce, appointment.id)).to.include({ start: appointment.start });
  });
});
