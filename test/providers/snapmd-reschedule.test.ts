import { expect } from '@open-wc/testing';
import type { BookingError } from '../../src/core/errors.js';
import type { BookingProvider } from '../../src/core/provider.js';
import { createSnapmdProvider, type SnapmdOptions } from '../../src/providers/snapmd/index.js';
import { armFault, type Fault, serverLog, setUpTenant } from '../helpers.js';

// Moving a SnapMD appointment (`PUT v3/patients/appointments/{id}`, seed 001: "Creates (POST) new or updates
// (PUT) existing appointment", the same AppointmentApiRequest body) over HTTP against
// test/servers/snapmd/server.mjs. The clock: Monday 2 March 2026, 10:00 AM in New York; the browser is in
// Los Angeles. Bob Ivonoff's video block is 2–6 PM Eastern, 15-minute slots.
const NOW = '2026-03-02T15:00:00.000Z';
const PATIENT = '5b4fd4d8-d234-40ee-bd7c-1894411c9b21';
const SECOND_PATIENT = '6c5e7f80-1a2b-4c3d-9e8f-0a1b2c3d4e5f';
const BOB = '53484dcc-83ea-4e9f-8af7-c93bbeb1445d';

interface Put {
  method: string;
  path: string;
  op: string;
  status: number;
  body: Record<string, unknown>;
}

function options(extra: Partial<SnapmdOptions> = {}): SnapmdOptions {
  return {
    developerId: 'careslot-dev',
    apiKey: 'careslot-key',
    getToken: async () => 'patient-token',
    timeZoneId: 1001,
    serviceTypeId: 307,
    concerns: [{ code: 2305, description: 'Fever (100+)' }],
    ...extra,
  };
}

/** A fresh tenant, an adapter of `patient` on it, Bob's slots on Monday and Tuesday and one booked appointment. */
async function booked(extra: Partial<SnapmdOptions> = {}) {
  const name = await setUpTenant('snapmd', 'snapmove', { now: NOW });
  const adapter = (patientId = PATIENT): BookingProvider =>
    createSnapmdProvider({
      baseUrl: `/mock/snapmd/${name}/api`,
      patientId,
      options: { ...options(extra) },
      now: () => new Date(NOW),
    });
  const snapmd = adapter();
  const slots = await snapmd.findSlots!({ start: NOW, end: '2026-03-04T05:00:00Z', practitionerId: BOB });
  const result = await snapmd.book!({ slot: slots[0], patientId: PATIENT, note: 'Sore throat', idempotencyKey: 'b1' });
  if (result.kind !== 'booked') throw new Error('not booked');
  return { name, adapter, snapmd, slots, appointment: result.appointment };
}

const puts = async (name: string) => (await serverLog<Put>('snapmd', name)).filter((r) => r.method === 'PUT');
const listed = async (snapmd: BookingProvider, id: string) =>
  (await snapmd.listAppointments!({ patientId: PATIENT })).find((a) => a.id === id);
const fail = (p: Promise<unknown>) =>
  p.then(
    () => expect.fail('it did not fail'),
    (e: BookingError) => e,
  );
const arm = (name: string, fault: Fault) => armFault('snapmd', name, fault);

describe('snapmd reschedule (PUT v3/patients/appointments/{id})', function () {
  this.timeout(20_000);

  it('sends the whole AppointmentApiRequest again with the new time, and the same appointment moves', async () => {
    const { name, snapmd, slots, appointment } = await booked();
    const target = slots[2];
    const moved = await snapmd.reschedule!(appointment, target);
    expect(moved).to.include({
      id: appointment.id,
      status: 'booked',
      start: target.start,
      end: target.end,
      timeZone: 'America/New_York',
    });
    expect(moved.practitioner?.name).to.equal('Bob Ivonoff');
    const [put] = await puts(name);
    expect(put.path).to.equal(`/api/v3/patients/appointments/${appointment.id}`);
    expect(put.status).to.equal(200);
    expect(put.body).to.deep.equal({
      availabilityBlockId: (target.native as { availabilityBlockId: string }).availabilityBlockId,
      appointmentTypeCode: 3,
      encounterTypeCode: 3,
      serviceTypeId: 307,
      intakeMetadata: {
        concerns: [{ isPrimary: true, customCode: { code: 2305, description: 'Fever (100+)' } }],
        // The update replaces the appointment: the patient's note goes again instead of being erased.
        additionalNotes: 'Sore throat',
      },
      paymentRequisites: {},
      participants: [
        { attendenceCode: 1, personId: PATIENT, participantTypeCode: 1 },
        { attendenceCode: 1, personId: BOB, participantTypeCode: 2 },
      ],
      // "in current user time zone": the patient's, the browser's Los Angeles here.
      startTime: '2026-03-02T11:30:00',
      endTime: '2026-03-02T11:45:00',
      zonedTime: { timeZoneId: 1001, startTime: '2026-03-02T14:30:00', endTime: '2026-03-02T14:45:00' },
    });
    // On the server: one appointment, at the new time.
    const all = await snapmd.listAppointments!({ patientId: PATIENT });
    expect(all.filter((a) => a.id === appointment.id)).to.have.length(1);
    expect(all.find((a) => a.id === appointment.id)).to.include({ start: target.start, status: 'booked' });
    // The old time is offered again, the new one is not.
    const free = (await snapmd.findSlots!({ start: NOW, end: '2026-03-03T05:00:00Z', practitionerId: BOB })).map(
      (s) => s.start,
    );
    expect(free).to.include(slots[0].start);
    expect(free).not.to.include(target.start);
  });

  it('moves to another day into that day’s availability block', async () => {
    const { name, snapmd, slots, appointment } = await booked();
    const tuesday = slots.find((s) => s.start.startsWith('2026-03-03T19'))!;
    const moved = await snapmd.reschedule!(appointment, tuesday);
    expect(moved).to.include({ id: appointment.id, start: '2026-03-03T19:00:00.000Z' });
    const [put] = await puts(name);
    expect(put.body.availabilityBlockId).to.equal(
      (tuesday.native as { availabilityBlockId: string }).availabilityBlockId,
    );
    expect(put.body.availabilityBlockId).not.to.equal(
      (slots[0].native as { availabilityBlockId: string }).availabilityBlockId,
    );
    expect(put.body.zonedTime).to.deep.include({ startTime: '2026-03-03T14:00:00' });
  });

  it('a time taken meanwhile: slot-unavailable with SnapMD’s words, and the old appointment is untouched', async () => {
    const { adapter, snapmd, slots, appointment } = await booked();
    const other = adapter(SECOND_PATIENT);
    const taken = await other.book!({ slot: slots[3], patientId: SECOND_PATIENT, idempotencyKey: 'o1' });
    expect(taken.kind).to.equal('booked');
    const error = await fail(snapmd.reschedule!(appointment, slots[3]));
    expect(error).to.include({
      kind: 'slot-unavailable',
      status: 400,
      backendCode: '1000400',
      message: 'The selected time is no longer available',
    });
    expect(await listed(snapmd, appointment.id)).to.include({
      start: appointment.start,
      end: appointment.end,
      status: 'booked',
    });
  });

  it('a 500: upstream-unavailable with SnapMD’s text in message; the old appointment is untouched', async () => {
    const { name, snapmd, slots, appointment } = await booked();
    await arm(name, { op: 'update', kind: 'status', status: 500, message: 'Object reference not set.' });
    const error = await fail(snapmd.reschedule!(appointment, slots[2]));
    expect(error).to.include({ kind: 'upstream-unavailable', status: 500, message: 'Object reference not set.' });
    expect(await listed(snapmd, appointment.id)).to.include({ start: appointment.start, status: 'booked' });
  });

  it('no answer in time: timeout; the same move again (PUT, idempotent) moves it once', async () => {
    const { name, snapmd, slots, appointment } = await booked({ timeoutMs: 400 });
    // The update is done, its answer is lost on the way back.
    await arm(name, { op: 'update', kind: 'late', delayMs: 1500, times: 1 });
    const error = await fail(snapmd.reschedule!(appointment, slots[2]));
    expect(error).to.include({ kind: 'timeout', message: 'SnapMD did not answer within 400 ms.' });
    const again = await snapmd.reschedule!(appointment, slots[2]);
    expect(again).to.include({ id: appointment.id, start: slots[2].start });
    const all = await snapmd.listAppointments!({ patientId: PATIENT });
    expect(all.filter((a) => a.id === appointment.id)).to.have.length(1);
    expect(all).to.have.length(2); // the seed's appointment and this one
  });

  it('a slow answer that never comes: timeout, and nothing moved', async () => {
    const { name, snapmd, slots, appointment } = await booked({ timeoutMs: 400 });
    await arm(name, { op: 'update', kind: 'slow', delayMs: 1500, times: 1 });
    const error = await fail(snapmd.reschedule!(appointment, slots[2]));
    expect(error.kind).to.equal('timeout');
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await listed(snapmd, appointment.id)).to.include({ start: appointment.start });
  });
});
