import { expect, html } from '@open-wc/testing';
import sinon from 'sinon';
import type { BookingError } from '../../src/core/errors.js';
import type { Appointment } from '../../src/core/model.js';
import { SalesforceProvider, type SalesforceOptions } from '../../src/providers/salesforce/index.js';
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

// Against test/servers/salesforce/server.mjs: what is special to Salesforce (the cases every backend shares are in
// salesforce.conformance.test.ts). The clock: Monday 2 March 2026, 9:00 AM in Chicago (CST),
// 7:00 AM in the browser's Los Angeles.
const NOW = '2026-03-02T15:00:00.000Z';
const PATIENT = '001Hs00000PaT01AAA';
const FACILITY = { id: '0lzHs000000Lk01AAC', name: 'Lakeside Medical Center', timeZone: 'America/Chicago' };
const WHITFIELD = '0cmHs0000000Wh1AAE';
const ORTIZ = '0cmHs0000000Wh2AAE';
const LINDQVIST = '0cmHs0000000Wh3AAE';

interface Setup {
  quirks?: boolean;
  faults?: Fault[];
}

/** A fresh tenant on the contract server, with the fixed clock and any faults armed. */
async function tenant({ faults, ...setup }: Setup = {}): Promise<string> {
  const name = await setUpTenant('salesforce', 'sf', { now: NOW, ...setup });
  if (faults) await armFault('salesforce', name, faults);
  return name;
}
const serverLog = (name: string) => testLog<{ body: unknown }>('salesforce', name);

function options(extra: Partial<SalesforceOptions> = {}): SalesforceOptions {
  return {
    getToken: async () => 'test-access-token',
    workTypeId: '08qHs000000WtA1AAK',
    channelId: '0eFHs000000Ch01AAC',
    locations: [FACILITY],
    resources: [
      { id: WHITFIELD, name: 'Dr. Grace Whitfield', specialty: 'Family medicine' },
      { id: ORTIZ, name: 'Dr. Samuel Ortiz', mode: 'video' },
      { id: LINDQVIST, name: 'Dr. Ana Lindqvist' },
    ],
    listAppointments: 'soql',
    ...extra,
  };
}

async function mount(
  name: string,
  opts: SalesforceOptions = options(),
  practitioner = WHITFIELD,
  patient = PATIENT,
): Promise<Clinic> {
  return mountBackendClinic('salesforce', `/mock/salesforce/${name}`, { practitioner, patient, options: opts });
}

/** Mounts a page whose slot search fails; the error the picker got (what the developer reads) and the page. */
async function searchFails(
  name: string,
  opts: SalesforceOptions = options(),
): Promise<{ m: Clinic; error: BookingError }> {
  const search = sinon.spy(SalesforceProvider.prototype, 'findSlots');
  try {
    const m = await mount(name, opts);
    expect(pickerError(m.picker), 'the picker shows an error').not.to.equal('');
    return { m, error: await rejection(search) };
  } finally {
    search.restore();
  }
}

describe('salesforce backend', function () {
  // Several round trips per test over HTTP; generous when the machine is busy.
  this.timeout(20_000);

  describe('who books (capabilities)', () => {
    it('books for an existing Patient (Account): neither newPatient nor dependents, so no registerPatient', () => {
      for (const listAppointments of ['soql', 'none'] as const) {
        const salesforce = new SalesforceProvider({
          baseUrl: '/mock/salesforce/caps',
          options: { ...options({ listAppointments }) },
          now: () => new Date(NOW),
        });
        // Seed 003 names the patient only as `Patient/<id>` and says nothing of whose token books.
        expect(salesforce.capabilities).to.include({
          signIn: false,
          newPatient: false,
          dependents: false,
          reschedule: true,
        });
        const { newPatient, dependents } = salesforce.capabilities;
        expect('registerPatient' in salesforce, listAppointments).to.equal(newPatient || dependents);
        expect(salesforce.reschedule).to.be.a('function');
      }
    });
  });

  describe('happy path', () => {
    it('shows Get Slots times in the facility zone (Chicago) with the patient time beside', async () => {
      const m = await mount(await tenant());
      const names = slotButtons(m.picker).map(slotName);
      // 9:00 is now, so the first offered time is 9:30 CST.
      expect(names[0]).to.match(
        /^9:30 AM CST, Monday, March 2, 2026, 7:30 AM your time, Dr\. Grace Whitfield, Lakeside Medical Center, In person$/,
      );
      expect(one(m.picker, 'button.slot .time').textContent!.replace(/\s+/g, ' ').trim()).to.equal('9:30 AM CST');
      // Every shown time names the zone.
      for (const name of names) expect(name).to.match(/ (CST|CDT), /);
      expect(names.some((n) => n.includes('Tuesday, March 3, 2026'))).to.equal(true);
    });

    it('books with Patient, Facility and Practitioner participants and the IANA zone, then the time is gone and listed', async () => {
      const name = await tenant();
      const m = await mount(name);
      const chosen = slotButtons(m.picker)[0].getAttribute('data-slot-id');
      const appointment = await bookSlot(m);
      expect(appointment).to.include({
        status: 'booked',
        start: '2026-03-02T15:30:00.000Z',
        end: '2026-03-02T16:00:00.000Z',
        timeZone: 'America/Chicago',
      });
      expect(appointment.id).to.match(/^08p/);
      const post = (await serverLog(name)).find((r) => r.method === 'POST' && r.path.endsWith('/appointment'))!;
      expect(post.path).to.equal('/services/data/v66.0/connect/health/appointment-management/appointment');
      expect(post.body).to.deep.include({
        startDate: '2026-03-02T15:30:00.000Z',
        endDate: '2026-03-02T16:00:00.000Z',
        workTypeId: '08qHs000000WtA1AAK',
        channelId: '0eFHs000000Ch01AAC',
        timeZone: 'America/Chicago',
      });
      expect((post.body as { participants: unknown }).participants).to.deep.equal([
        { reference: `Patient/${PATIENT}` },
        { reference: `Facility/${FACILITY.id}` },
        { reference: `Practitioner/${WHITFIELD}`, isReferenceRequired: true },
      ]);
      expect(text(m.button)).to.include('Booked: 9:30 AM CST');
      await until(
        () =>
          slotButtons(m.picker).length > 0 &&
          !slotButtons(m.picker).some((b) => b.getAttribute('data-slot-id') === chosen),
        'the booked time is still offered',
      );
      await until(() => text(m.list).includes('9:30 AM CST'), 'the booking is not listed');
      // The seed's appointment (tomorrow 9:00 Chicago, two hours) is listed too.
      expect(text(m.list)).to.include('Tuesday, March 3, 2026');
      expect(text(m.list)).to.include('Dr. Grace Whitfield');
    });

    it('cancels from the list with PATCH status canceled; it stays cancelled and the time is offered again', async () => {
      const name = await tenant();
      const m = await mount(name);
      const appointment = await bookSlot(m);
      await until(
        () =>
          all(m.list, 'button[part="action"]').some((b) =>
            b.getAttribute('aria-label')?.startsWith('Cancel 9:30 AM CST'),
          ),
        'no cancel button',
      );
      all<HTMLButtonElement>(m.list, 'button[part="action"]')
        .find((b) => b.getAttribute('aria-label')?.startsWith('Cancel 9:30 AM CST'))!
        .click();
      await until(() => m.list.shadowRoot?.querySelector('.actions .danger'), 'no confirmation');
      const cancelled = nextEvent<{ appointment: Appointment }>(m.list, 'appointment-cancelled');
      one<HTMLButtonElement>(m.list, '.actions .danger').click();
      expect((await cancelled).appointment).to.include({ id: appointment.id, status: 'cancelled' });
      const patch = (await serverLog(name)).find((r) => r.method === 'PATCH')!;
      expect(patch.path).to.equal(
        `/services/data/v66.0/connect/health/appointment-management/appointment/${appointment.id}`,
      );
      expect(patch.body).to.deep.equal({ id: appointment.id, status: 'canceled' });
      await until(() => m.list.shadowRoot?.querySelector('.status-cancelled'), 'not shown as cancelled');
      await until(
        () => slotButtons(m.picker)[0]?.getAttribute('data-slot-id') === `${WHITFIELD}|2026-03-02T15:30:00.000Z`,
        'the time did not come back',
      );
      // Cancelling again: Salesforce says it is already canceled.
      const again = await m.provider.activeBackend!.cancel!(appointment).catch((e: BookingError) => e);
      expect(again).to.include({ kind: 'conflict', message: 'This appointment is already canceled.' });
    });

    it('reschedules through PUT …/appointment/{id} (provider level)', async () => {
      const name = await tenant();
      const m = await mount(name);
      const backend = m.provider.activeBackend!;
      const slots = await backend.findSlots!({
        start: '2026-03-02T00:00:00Z',
        end: '2026-03-04T00:00:00Z',
        practitionerId: WHITFIELD,
      });
      const first = await backend.book!({ slot: slots[0], patientId: PATIENT, idempotencyKey: 'k1' });
      if (first.kind !== 'booked') throw new Error('not booked');
      const moved = await backend.reschedule!(first.appointment, slots[3]);
      expect(moved).to.include({
        id: first.appointment.id,
        start: slots[3].start,
        status: 'booked',
        timeZone: 'America/Chicago',
      });
      const put = (await serverLog(name)).find((r) => r.method === 'PUT')!;
      expect(put.body).to.deep.include({
        id: first.appointment.id,
        startDate: slots[3].start,
        timeZone: 'America/Chicago',
      });
      const listed = await backend.listAppointments!({ patientId: PATIENT });
      expect(listed.find((a) => a.id === first.appointment.id)).to.include({ start: slots[3].start });
      // The old time is free again, the new one is taken.
      const after = (
        await backend.findSlots!({
          start: '2026-03-02T00:00:00Z',
          end: '2026-03-04T00:00:00Z',
          practitionerId: WHITFIELD,
        })
      ).map((s) => s.start);
      expect(after).to.include(slots[0].start);
      expect(after).not.to.include(slots[3].start);
      // The same idempotency key does not book twice.
      const repeat = await backend.book!({ slot: slots[0], patientId: PATIENT, idempotencyKey: 'k1' });
      expect(repeat.kind === 'booked' && repeat.appointment.id).to.equal(first.appointment.id);
    });

    it('shows video visits in the patient zone with the clinic time beside', async () => {
      const m = await mount(await tenant(), options(), ORTIZ);
      const first = slotName(slotButtons(m.picker)[0]);
      expect(first).to.match(
        /^7:20 AM PST, Monday, March 2, 2026, 9:20 AM clinic time \(CST\).*Dr\. Samuel Ortiz, Lakeside Medical Center, Video visit$/,
      );
      expect(all(m.picker, 'button.slot .time').every((t) => /P[SD]T/.test(t.textContent ?? ''))).to.equal(true);
    });

    it('books an external-EHR (cerner) slot with its opaque slot id and sourceSystem', async () => {
      const name = await tenant();
      const m = await mount(name, options(), LINDQVIST);
      // Tuesday 14:00 Chicago is Dr. Lindqvist's first slot.
      expect(slotName(slotButtons(m.picker)[0])).to.match(/^2:00 PM CST, Tuesday, March 3, 2026/);
      await bookSlot(m);
      const post = (await serverLog(name)).find((r) => r.method === 'POST' && r.path.endsWith('/appointment'))!;
      expect(post.body).to.deep.include({
        sourceSystem: 'cerner',
        slots: [{ id: '24477854-21304876-20260303-1', reference: LINDQVIST }],
      });
    });

    it('does not list appointments unless listAppointments is "soql" (the Connect API has no list resource)', async () => {
      const m = await mount(await tenant(), options({ listAppointments: undefined }));
      expect(m.provider.activeBackend!.capabilities.listAppointments).to.equal(false);
      await until(() => text(m.list).includes('does not list appointments'), 'list shown');
    });
  });

  describe('errors', () => {
    it('400 INVALID_INPUT (a required field, channelId, missing) shows the patient sentence; Salesforce’s message is in the error detail', async () => {
      const { m, error } = await searchFails(await tenant(), options({ channelId: undefined }));
      expect(error).to.include({ kind: 'validation', status: 400, backendCode: 'INVALID_INPUT' });
      expect(errorSentence(m.picker)).to.equal('The clinic could not accept this request online. Or call the clinic.');
      expectPatientSentence(m.picker, error, 'Required field is missing: channelId');
    });

    it('no Facility for the chosen time: validation before anything is sent (options.locations named in the error detail), the selection stays', async () => {
      const m = await mount(await tenant(), options({ locations: [], timeZone: 'America/Chicago' }));
      const chosen = slotButtons(m.picker)[1].getAttribute('data-slot-id');
      const error = await failBooking(m, 1);
      expect(error.kind).to.equal('validation');
      await until(() => alertOf(m.button), 'the button shows no error');
      expectPatientSentence(m.button, error, 'options.locations');
      expect(m.picker.value?.id).to.equal(chosen);
      expect(one(m.picker, '[part~="slot-selected"]').getAttribute('data-slot-id')).to.equal(chosen);
    });

    it('400 INVALID_ID_FIELD for an unknown patient', async () => {
      const m = await mount(await tenant(), options(), WHITFIELD, '001Hs00000NoSuchAAA');
      const error = await failBooking(m);
      expect(error).to.include({
        kind: 'validation',
        backendCode: 'INVALID_ID_FIELD',
        message: 'The Patient participant does not exist.',
      });
      await until(() => alertOf(m.button), 'the button shows no error');
      expectPatientSentence(m.button, error, 'The Patient participant does not exist.');
    });

    it('403 INSUFFICIENT_ACCESS: forbidden with Salesforce’s message', async () => {
      const m = await mount(await tenant({ faults: [{ op: 'book', kind: 'status', status: 403 }] }));
      const error = await failBooking(m);
      expect(error).to.include({
        kind: 'forbidden',
        status: 403,
        message: "You don't have access to the appointment management resources.",
      });
      await until(() => alertOf(m.button), 'the button shows no error');
      expectPatientSentence(m.button, error, "You don't have access to the appointment management resources.");
    });

    it('403 REQUEST_LIMIT_EXCEEDED: rate-limited, the patient sentence; Salesforce’s message in the error detail', async () => {
      const { m, error } = await searchFails(await tenant({ faults: [{ op: 'slots', kind: 'rate-limit' }] }));
      expect(error).to.include({ kind: 'rate-limited', status: 403 });
      expectPatientSentence(m.picker, error, 'TotalRequests Limit exceeded.');
    });

    it('404 NOT_FOUND for an appointment that does not exist', async () => {
      const m = await mount(await tenant());
      const backend = m.provider.activeBackend!;
      const ghost = {
        id: '08pHs0000999999AAA',
        status: 'booked',
        start: NOW,
        end: NOW,
        timeZone: 'UTC',
        mode: 'in-person',
        canConfirm: false,
        cancel: 'direct',
      } as const;
      const error = await backend.cancel!({ ...ghost }).catch((e: BookingError) => e);
      expect(error).to.include({ kind: 'not-found', status: 404, message: 'The requested resource does not exist' });
    });

    it('404 for an API version before v65.0: the patient sentence; Salesforce’s message in the error detail', async () => {
      const { m, error } = await searchFails(await tenant(), options({ apiVersion: '60.0' }));
      expect(error).to.include({ kind: 'not-found', status: 404 });
      expectPatientSentence(m.picker, error, 'The requested resource does not exist');
    });
  });

  describe('malformed and unexpected answers', () => {
    it('unexpected JSON from Get Slots: the patient sentence; a clear error in the error detail', async () => {
      const { m, error } = await searchFails(await tenant({ faults: [{ op: 'slots', kind: 'unexpected' }] }));
      expect(error.kind).to.equal('malformed-response');
      expectPatientSentence(
        m.picker,
        error,
        'Salesforce sent a Get Slots answer whose resourceSlotDetails careslot could not read.',
      );
    });

    it('Book answer without isSuccess: malformed-response, the selection stays', async () => {
      const m = await mount(await tenant({ faults: [{ op: 'book', kind: 'unexpected' }] }));
      const chosen = slotButtons(m.picker)[0].getAttribute('data-slot-id');
      const error = await failBooking(m);
      expect(error.kind).to.equal('malformed-response');
      await until(() => alertOf(m.button), 'the button shows no error');
      expectPatientSentence(m.button, error, 'without isSuccess');
      expect(m.picker.value?.id).to.equal(chosen);
    });
  });

  describe('daylight saving time', () => {
    it('shows the same Chicago wall-clock times as CST before 8 March 2026 and CDT after', async () => {
      const name = await tenant();
      const m = await mountClinic(
        html`<booking-provider
          backend="salesforce"
          base-url="/mock/salesforce/${name}"
          patient=${PATIENT}
          now=${NOW}
          locale="en-US"
          .options=${options()}
        >
          <slot-picker view="list" practitioner=${WHITFIELD} start="2026-03-06" days="4"></slot-picker>
          <confirm-button></confirm-button>
        </booking-provider>`,
      );
      await slotsSettled(m.picker);
      const days = timesByDay(m.picker);
      // Friday 6 March and Monday 9 March (no weekend hours): 9:00–12:00 and 13:00–16:00 every 30 minutes.
      expect(days).to.have.length(2);
      expect(days[0][0]).to.equal('9:00 AM CST');
      expect(days[1][0]).to.equal('9:00 AM CDT');
      expect(days[0].map((t) => t.replace(' CST', ''))).to.deep.equal(days[1].map((t) => t.replace(' CDT', '')));
      expect(slotName(slotButtons(m.picker)[0])).to.match(/^9:00 AM CST, Friday, March 6, 2026, 7:00 AM your time, /);
      const monday = slotButtons(m.picker)[days[0].length];
      expect(slotName(monday)).to.match(/^9:00 AM CDT, Monday, March 9, 2026, 7:00 AM your time, /);
      // On the wire: 15:00 Z before the change, 14:00 Z after.
      const slots = await m.provider.activeBackend!.findSlots!({
        start: '2026-03-06T06:00:00Z',
        end: '2026-03-10T05:00:00Z',
        practitionerId: WHITFIELD,
      });
      expect(slots[0].start).to.equal('2026-03-06T15:00:00.000Z');
      expect(slots.find((s) => s.start.startsWith('2026-03-09'))!.start).to.equal('2026-03-09T14:00:00.000Z');
    });
  });

  describe('documented quirks', () => {
    it('tolerates `resourceSlots` (output table) for `resourceSlotDetails` and `error: {}` objects', async () => {
      const name = await tenant({ quirks: true });
      const m = await mount(name);
      expect(slotButtons(m.picker).length).to.be.greaterThan(0);
      const slot = (
        await m.provider.activeBackend!.findSlots!({
          start: NOW,
          end: '2026-03-03T00:00:00Z',
          practitionerId: WHITFIELD,
        })
      )[0];
      await m.provider.activeBackend!.book!({ slot, patientId: PATIENT, idempotencyKey: 'a' });
      const error = await m.provider.activeBackend!.book!({ slot, patientId: PATIENT, idempotencyKey: 'b' }).catch(
        (e: BookingError) => e,
      );
      expect(error).to.include({ kind: 'slot-unavailable', backendCode: 'SLOT_UNAVAILABLE' });
    });
  });
});
