import { expect, html } from '@open-wc/testing';
import sinon from 'sinon';
import type { BookingError } from '../../src/core/errors.js';
import type { Appointment } from '../../src/core/model.js';
import { SnapmdProvider, createSnapmdProvider, type SnapmdOptions } from '../../src/providers/snapmd/index.js';
import {
  alertOf,
  all,
  bookSlot,
  type Clinic,
  errorSentence,
  expectPatientSentence,
  failBooking,
  mountClinic,
  nextEvent,
  one,
  pickerError,
  rejection,
  armFault,
  type Fault,
  setUpTenant,
  slotButtons,
  slotName,
  slotsSettled,
  serverLog as testLog,
  text,
  timesByDay,
  mountBackendClinic,
  until,
} from '../helpers.js';

// Against test/servers/snapmd/server.mjs: what is special to SnapMD (the cases every backend shares are in
// snapmd.conformance.test.ts). The clock: Monday 2 March 2026, 10:00 AM in New York (the clinic,
// EST), 7:00 AM in the browser's Los Angeles. Bob Ivonoff works 2–6 PM Eastern, Lena Fischer 9 AM–noon.
const NOW = '2026-03-02T15:00:00.000Z';
const PATIENT = '5b4fd4d8-d234-40ee-bd7c-1894411c9b21';
const BOB = '53484dcc-83ea-4e9f-8af7-c93bbeb1445d';
const LENA = '0c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f';

interface Setup {
  quirks?: boolean;
  faults?: Fault[];
  clinicianNames?: Record<string, { name: string; lastName: string }>;
}
interface Logged {
  body: Record<string, unknown>;
}

/** A fresh tenant on the contract server, with the fixed clock and any faults armed. */
async function tenant({ faults, ...setup }: Setup = {}): Promise<string> {
  const name = await setUpTenant('snapmd', 'snap', { now: NOW, ...setup });
  if (faults) await armFault('snapmd', name, faults);
  return name;
}
const serverLog = (name: string) => testLog<Logged>('snapmd', name);

function options(extra: Partial<SnapmdOptions> = {}): SnapmdOptions {
  return {
    developerId: 'careslot-dev',
    apiKey: 'careslot-key',
    getToken: async () => 'patient-token',
    timeZoneId: 1001, // the server's (made-up) id of Eastern Standard Time, resolved through GET v2/timezones
    serviceTypeId: 307,
    concerns: [{ code: 2305, description: 'Fever (100+)' }],
    ...extra,
  };
}

async function mount(
  name: string,
  opts: SnapmdOptions = options(),
  practitioner = BOB,
  patient = PATIENT,
): Promise<Clinic> {
  return mountBackendClinic('snapmd', `/mock/snapmd/${name}/api`, { practitioner, patient, options: opts });
}

/** Mounts a page whose slot search fails; the page and the error the picker got (what the developer reads). */
async function searchFails(name: string, opts: SnapmdOptions = options()): Promise<{ m: Clinic; error: BookingError }> {
  const search = sinon.spy(SnapmdProvider.prototype, 'findSlots');
  try {
    const m = await mount(name, opts);
    expect(pickerError(m.picker), 'the picker shows an error').not.to.equal('');
    return { m, error: await rejection(search) };
  } finally {
    search.restore();
  }
}

/** Tries to book the index-th time; the error, once the button shows the patient sentence instead of `vendor`. */
async function bookingFails(m: Clinic, vendor: string, index = 0): Promise<BookingError> {
  const error = await failBooking(m, index);
  await until(() => alertOf(m.button), 'the button shows no error');
  expectPatientSentence(m.button, error, vendor);
  return error;
}

describe('snapmd backend', function () {
  // Several round trips per test over HTTP; generous when the machine is busy.
  this.timeout(20_000);

  describe('who books (capabilities)', () => {
    it('books with the patient’s own token (signIn); no dependents API, so no registerPatient', () => {
      for (const role of ['patients', 'admin'] as const) {
        const snapmd = createSnapmdProvider({
          baseUrl: '/mock/snapmd/caps/api',
          options: { ...options({ role }) },
          now: () => new Date(NOW),
        });
        // v3/patients/… takes only the patient's token ("Only patients are authorized"); admin is staff.
        expect(snapmd.capabilities).to.include({
          signIn: role === 'patients',
          newPatient: false,
          dependents: false,
          reschedule: true,
        });
        const { newPatient, dependents } = snapmd.capabilities;
        expect('registerPatient' in snapmd, role).to.equal(newPatient || dependents);
        expect(snapmd.reschedule).to.be.a('function');
      }
    });
  });

  describe('happy path', () => {
    it('shows self-scheduling slots of a video clinician in the patient zone with the clinic time beside', async () => {
      const name = await tenant();
      const m = await mount(name);
      const names = slotButtons(m.picker).map(slotName);
      expect(names[0]).to.match(
        /^11:00 AM PST, Monday, March 2, 2026, 2:00 PM clinic time \(EST\).*Bob Ivonoff, Video visit$/,
      );
      for (const n of names) expect(n).to.match(/^\d{1,2}:\d{2} [AP]M PST, /);
      // Slots were asked for per day of the window, with the documented query names and headers.
      const searches = (await serverLog(name)).filter((r) => r.path.endsWith('self-scheduling/clinicians'));
      expect(searches.map((r) => new URLSearchParams(r.query).get('searchRequest.date'))).to.include.members([
        '2026-03-02',
        '2026-03-03',
      ]);
      expect(new URLSearchParams(searches[0].query).get('searchRequest.availableOnly')).to.equal('true');
    });

    it('books into the availability block with zonedTime (int zone id) and lists it', async () => {
      const name = await tenant();
      const m = await mount(name);
      const appointment = await bookSlot(m);
      expect(appointment).to.include({
        status: 'booked',
        start: '2026-03-02T19:00:00.000Z',
        end: '2026-03-02T19:15:00.000Z',
        timeZone: 'America/New_York',
      });
      expect(appointment.id).to.match(/^[0-9a-f-]{36}$/);
      expect(appointment.practitioner?.name).to.equal('Bob Ivonoff');
      const post = (await serverLog(name)).find((r) => r.method === 'POST')!;
      expect(post.path).to.equal('/api/v3/patients/appointments');
      expect(post.body).to.deep.include({
        appointmentTypeCode: 3,
        encounterTypeCode: 3,
        serviceTypeId: 307,
        zonedTime: { timeZoneId: 1001, startTime: '2026-03-02T14:00:00', endTime: '2026-03-02T14:15:00' },
        participants: [
          { attendenceCode: 1, personId: PATIENT, participantTypeCode: 1 },
          { attendenceCode: 1, personId: BOB, participantTypeCode: 2 },
        ],
      });
      expect(post.body.availabilityBlockId).to.match(/^a9799648-b068-4c71-aca1-/);
      expect(post.body.intakeMetadata).to.deep.equal({
        concerns: [{ isPrimary: true, customCode: { code: 2305, description: 'Fever (100+)' } }],
        additionalNotes: '',
      });
      expect(text(m.button)).to.include('Booked: 11:00 AM PST');
      await until(
        () =>
          slotButtons(m.picker).length > 0 && !slotName(slotButtons(m.picker)[0]).startsWith('11:00 AM PST, Monday'),
        'the booked time is still offered',
      );
      await until(() => text(m.list).includes('11:00 AM PST'), 'not listed');
      // The seed's 2-minute appointment (17:48 Eastern tomorrow) is listed too, in the patient's zone.
      expect(text(m.list)).to.include('2:48 PM PST');
      expect(text(m.list)).to.include('Bob Ivonoff');
    });

    it('cancels with DELETE; it stays cancelled and the time is offered again', async () => {
      const name = await tenant();
      const m = await mount(name);
      const appointment = await bookSlot(m);
      const label = (b: Element) => b.getAttribute('aria-label') ?? '';
      await until(
        () => all(m.list, 'button[part="action"]').some((b) => label(b).startsWith('Cancel 11:00 AM PST')),
        'no cancel button',
      );
      all<HTMLButtonElement>(m.list, 'button[part="action"]')
        .find((b) => label(b).startsWith('Cancel 11:00 AM PST'))!
        .click();
      await until(() => m.list.shadowRoot?.querySelector('.actions .danger'), 'no confirmation');
      const cancelled = nextEvent<{ appointment: Appointment }>(m.list, 'appointment-cancelled');
      one<HTMLButtonElement>(m.list, '.actions .danger').click();
      expect((await cancelled).appointment).to.include({ id: appointment.id, status: 'cancelled' });
      expect((await serverLog(name)).find((r) => r.method === 'DELETE')?.path).to.equal(
        `/api/v3/patients/appointments/${appointment.id}`,
      );
      await until(() => m.list.shadowRoot?.querySelector('.status-cancelled'), 'not shown as cancelled');
      await until(
        () => slotName(slotButtons(m.picker)[0] ?? document.body).startsWith('11:00 AM PST, Monday'),
        'the time did not come back',
      );
      const again = await m.provider.activeBackend!.cancel!(appointment).catch((e: BookingError) => e);
      expect(again).to.include({ kind: 'validation', message: 'Appointment has already been cancelled' });
    });

    it('reschedules with PUT v3/patients/appointments/{id} (provider level)', async () => {
      const name = await tenant();
      const m = await mount(name);
      const backend = m.provider.activeBackend!;
      const slots = await backend.findSlots!({ start: NOW, end: '2026-03-04T00:00:00Z', practitionerId: BOB });
      const first = await backend.book!({ slot: slots[0], patientId: PATIENT, idempotencyKey: 'k1' });
      if (first.kind !== 'booked') throw new Error('not booked');
      const moved = await backend.reschedule!(first.appointment, slots[2]);
      expect(moved).to.include({ id: first.appointment.id, start: slots[2].start, status: 'booked' });
      const put = (await serverLog(name)).find((r) => r.method === 'PUT')!;
      expect(put.path).to.equal(`/api/v3/patients/appointments/${first.appointment.id}`);
      expect(put.body.zonedTime).to.deep.equal({
        timeZoneId: 1001,
        startTime: '2026-03-02T14:30:00',
        endTime: '2026-03-02T14:45:00',
      });
      const listed = await backend.listAppointments!({ patientId: PATIENT });
      expect(listed.find((a) => a.id === first.appointment.id)).to.include({ start: slots[2].start, status: 'booked' });
    });

    it('in-person visits (encounterTypeCode 4) show in the clinic zone', async () => {
      const m = await mount(
        await tenant(),
        options({ encounterTypeCode: 4, location: { id: 'main', name: 'Hudson Virtual Care Clinic' } }),
        LENA,
      );
      expect(slotName(slotButtons(m.picker)[0])).to.match(
        /^10:20 AM EST, Monday, March 2, 2026, 7:20 AM your time, Lena Fischer, Hudson Virtual Care Clinic, In person$/,
      );
      for (const n of slotButtons(m.picker).map(slotName)) expect(n).to.match(/^\d{1,2}:\d{2} [AP]M EST, /);
    });

    it('maps the documented zone id 83 to America/Los_Angeles without a lookup, and an IANA zone back to its id', async () => {
      const name = await tenant();
      const m = await mount(name, options({ timeZoneId: 83, lookupTimeZones: false, encounterTypeCode: 4 }));
      const [slot] = await m.provider.activeBackend!.findSlots!({
        start: NOW,
        end: '2026-03-03T00:00:00Z',
        practitionerId: BOB,
      });
      expect(slot).to.include({ timeZone: 'America/Los_Angeles', start: '2026-03-02T19:00:00.000Z' });
      expect(slotName(slotButtons(m.picker)[0])).to.match(
        /^11:00 AM PST, Monday, March 2, 2026, Bob Ivonoff, In person$/,
      );
      expect((await serverLog(name)).some((r) => r.path === '/api/v2/timezones')).to.equal(false);
      const byZone = createSnapmdProvider({
        baseUrl: `/mock/snapmd/${name}/api`,
        options: { ...options({ timeZoneId: undefined, timeZone: 'America/Chicago' }) },
        now: () => new Date(NOW),
      });
      expect(
        await (byZone as unknown as { idForZone(zone: string): Promise<number | undefined> }).idForZone(
          'America/Chicago',
        ),
      ).to.equal(1002);
    });
  });

  describe('errors the documents list', () => {
    it('400 "Appointment time should be set in the future" (status line 1000404, body 1000400): validation', async () => {
      const m = await mount(await tenant());
      const backend = m.provider.activeBackend!;
      const [slot] = await backend.findSlots!({ start: NOW, end: '2026-03-03T00:00:00Z', practitionerId: BOB });
      const past = { ...slot, start: '2026-03-02T14:00:00.000Z', end: '2026-03-02T14:15:00.000Z' };
      const error = await backend.book!({ slot: past, patientId: PATIENT, idempotencyKey: 'p' }).catch(
        (e: BookingError) => e,
      );
      expect(error).to.include({
        kind: 'validation',
        status: 400,
        backendCode: '1000400',
        message: 'Appointment time should be set in the future',
      });
    });

    it('401 "Only patients are authorized to use this API" (reason phrase): forbidden, the patient sentence (the reason in the error detail), the selection stays', async () => {
      const m = await mount(await tenant(), options({ getToken: async () => 'staff-token' }));
      const chosen = slotButtons(m.picker)[1].getAttribute('data-slot-id');
      const error = await bookingFails(m, 'Only patients are authorized to use this API', 1);
      expect(error).to.include({
        kind: 'forbidden',
        status: 401,
        message: 'Only patients are authorized to use this API',
      });
      expect(errorSentence(m.button)).to.equal('This cannot be done online. Or call the clinic.');
      expect(m.picker.value?.id).to.equal(chosen);
    });

    it('400 responseCode 1000404 "Appointment does not exist": not-found', async () => {
      const m = await mount(await tenant());
      const ghost: Appointment = {
        id: '00000000-0000-4000-8000-000000000000',
        status: 'booked',
        start: NOW,
        end: NOW,
        timeZone: 'UTC',
        mode: 'video',
        canConfirm: false,
        cancel: 'direct',
      };
      const error = await m.provider.activeBackend!.cancel!(ghost).catch((e: BookingError) => e);
      expect(error).to.include({
        kind: 'not-found',
        status: 400,
        backendCode: '1000404',
        message: 'Appointment does not exist',
      });
    });

    it('400 "The patient tried to create an invalid type of appointment"', async () => {
      const m = await mount(await tenant(), options({ appointmentTypeCode: 7 }));
      expect(await bookingFails(m, 'The patient tried to create an invalid type of appointment')).to.include({
        kind: 'validation',
        message: 'The patient tried to create an invalid type of appointment',
      });
    });

    it('400 "The user does not have permission to schedule an appointment type"', async () => {
      const m = await mount(await tenant(), options({ appointmentTypeCode: 1 }));
      expect(await bookingFails(m, 'The user does not have permission to schedule an appointment type')).to.include({
        kind: 'validation',
        message: 'The user does not have permission to schedule an appointment type',
      });
    });

    it('400 when a required field (serviceTypeId) is missing', async () => {
      const m = await mount(await tenant(), options({ serviceTypeId: undefined }));
      expect(await bookingFails(m, 'serviceTypeId is required')).to.include({
        kind: 'validation',
        message: 'serviceTypeId is required',
      });
    });

    it('a wrong X-Api-Key is refused: forbidden, the patient sentence; SnapMD’s message in the error detail', async () => {
      const { m, error } = await searchFails(await tenant(), options({ apiKey: 'wrong' }));
      expect(error.kind).to.equal('forbidden');
      expectPatientSentence(m.picker, error, 'Invalid X-Developer-Id or X-Api-Key');
    });

    it('a clinic zone without a SnapMD id: a clear error before anything is sent, the selection stays', async () => {
      const name = await tenant();
      const m = await mount(name, options({ timeZoneId: undefined, timeZone: 'Europe/Berlin' }));
      const chosen = slotButtons(m.picker)[0].getAttribute('data-slot-id');
      const error = await bookingFails(m, 'timeZoneId');
      expect(error.kind).to.equal('validation');
      expect(m.picker.value?.id).to.equal(chosen);
      expect((await serverLog(name)).some((r) => r.method === 'POST')).to.equal(false);
    });
  });

  describe('malformed and unexpected answers', () => {
    it('unexpected JSON from the slot search: the patient sentence; a clear error in the error detail', async () => {
      const { m, error } = await searchFails(await tenant({ faults: [{ op: 'slots', kind: 'unexpected' }] }));
      expect(error.kind).to.equal('malformed-response');
      expectPatientSentence(m.picker, error, 'SnapMD sent a self-scheduling answer that careslot could not read.');
    });

    it('create answer without appointmentId: malformed-response, the selection stays', async () => {
      const m = await mount(await tenant({ faults: [{ op: 'book', kind: 'unexpected' }] }));
      const chosen = slotButtons(m.picker)[0].getAttribute('data-slot-id');
      const error = await bookingFails(m, 'without appointmentId');
      expect(error).to.include({ kind: 'malformed-response' });
      expect(m.picker.value?.id).to.equal(chosen);
    });
  });

  describe('daylight saving time', () => {
    it('shows the same New York wall-clock times as EST before 8 March 2026 and EDT after (in-person, clinic zone)', async () => {
      const name = await tenant();
      const opts = options({ encounterTypeCode: 4, location: { id: 'main', name: 'Hudson Virtual Care Clinic' } });
      const m = await mountClinic(
        html`<booking-provider
          backend="snapmd"
          base-url="/mock/snapmd/${name}/api"
          patient=${PATIENT}
          now=${NOW}
          locale="en-US"
          .options=${opts}
        >
          <slot-picker view="list" practitioner=${LENA} start="2026-03-06" days="4"></slot-picker>
          <confirm-button></confirm-button>
        </booking-provider>`,
      );
      await slotsSettled(m.picker);
      const days = timesByDay(m.picker);
      expect(days).to.have.length(2);
      expect(days[0].length).to.be.greaterThan(0);
      expect(days[0].every((t) => t.endsWith(' EST'))).to.equal(true);
      expect(days[1].every((t) => t.endsWith(' EDT'))).to.equal(true);
      expect(days[0].map((t) => t.replace(' EST', ''))).to.deep.equal(days[1].map((t) => t.replace(' EDT', '')));
      expect(slotName(slotButtons(m.picker)[0])).to.match(/^\d{1,2}:\d{2} AM EST, Friday, March 6, 2026, /);
      expect(slotName(slotButtons(m.picker)[days[0].length])).to.match(
        /^\d{1,2}:\d{2} AM EDT, Monday, March 9, 2026, /,
      );
      // The same wall clock is an hour earlier in UTC after the change.
      const slots = await m.provider.activeBackend!.findSlots!({
        start: '2026-03-06T05:00:00Z',
        end: '2026-03-10T04:00:00Z',
        practitionerId: LENA,
      });
      const friday = slots.filter((s) => s.start.startsWith('2026-03-06'));
      const monday = slots.filter((s) => s.start.startsWith('2026-03-09'));
      expect(friday.length).to.equal(monday.length);
      expect(Date.parse(friday[0].start) - Date.parse(monday[0].start)).to.equal(-(3 * 86_400_000 - 3_600_000));
    });
  });

  describe('documented quirks', () => {
    it('reads string and int statuses, whereUse as int or string, PaymentRequisites, and a 2-minute appointment', async () => {
      const m = await mount(await tenant({ quirks: true }));
      await bookSlot(m);
      await until(() => text(m.list).includes('11:00 AM PST'), 'not listed');
      const listed = await m.provider.activeBackend!.listAppointments!({ patientId: PATIENT });
      expect(listed.map((a) => a.status)).to.deep.equal(['booked', 'booked']);
      const seed = listed.find((a) => a.id === 'eb4c16e2-f499-4b6d-8868-d3912da23fad')!;
      expect(Date.parse(seed.end) - Date.parse(seed.start)).to.equal(2 * 60_000);
      expect(seed.service?.name).to.equal('Self-Scheduling');
    });
  });
});
