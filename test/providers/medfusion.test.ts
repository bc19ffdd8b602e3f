import { expect, html } from '@open-wc/testing';
import { ifDefined } from 'lit/directives/if-defined.js';
import sinon from 'sinon';
import { BookingError } from '../../src/core/errors.js';
import type { Appointment } from '../../src/core/model.js';
import { MedfusionFeed, MedfusionProvider } from '../../src/providers/medfusion/index.js';
import {
  alertOf,
  buttonLabelled,
  errorSentence,
  expectPatientSentence,
  fold,
  armFault,
  type Fault,
  putTenantData,
  listItem,
  listItems,
  listLoaded,
  mountClinic,
  nextEvent,
  one,
  rejection,
  serverLog,
  tenantName,
  text,
  until,
} from '../helpers.js';

// The Medfusion adapter over HTTP against test/servers/medfusion (see the top of server.mjs for its faults): what
// is special to Medfusion (the cases every backend shares are in medfusion.conformance.test.ts).
// The browser context runs in America/Los_Angeles, en-US.

const NOW = '2016-12-01T12:00:00.000Z';
const PRACTICE = '1c7ecf9f-9700-4e70-b976-9356db658274';
const tenant = (prefix = 'mf') => tenantName(prefix);

interface Mount {
  tenant?: string;
  options?: Record<string, unknown>;
  timeZone?: string;
  filter?: string;
}

const baseOptions = () => ({
  practiceId: PRACTICE,
  getToken: async () => 'test-token',
  timeZone: 'America/Los_Angeles',
  phone: '(530) 555-0100',
  pollIntervalMs: 30,
});

async function mount(m: Mount = {}) {
  const t = m.tenant ?? tenant();
  const clinic = await mountClinic(
    html`<booking-provider
      backend="medfusion"
      base-url=${`/mock/medfusion/${t}`}
      patient="787"
      now=${NOW}
      locale="en-US"
      time-zone=${ifDefined(m.timeZone)}
      .options=${{ ...baseOptions(), ...m.options }}
    >
      <slot-picker></slot-picker>
      <confirm-button></confirm-button>
      <appointment-list filter=${m.filter ?? 'all'}></appointment-list>
    </booking-provider>`,
  );
  return { ...clinic, tenant: t };
}

const when = (li: Element) => fold(li.querySelector('[part="when"] [aria-hidden="true"]')?.textContent);
const fault = (t: string, spec: Fault) => armFault('medfusion', t, spec);

/**
 * The list's error as the adapter reports it (kind and message), through the mounted provider over HTTP; the
 * list shows the patient sentence of its kind, none of Medfusion's words.
 */
async function listError(m: Mount): Promise<BookingError> {
  const { provider, list } = await mount(m);
  await listLoaded(list);
  const error = await provider.activeBackend!.listAppointments!({ patientId: '787' }).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).to.be.instanceOf(BookingError);
  expectPatientSentence(list, error as BookingError, (error as BookingError).message);
  return error as BookingError;
}

async function cancelFirst(list: Element, needle: string) {
  buttonLabelled(listItem(list, needle), /^\s*Cancel\s*$/).click();
  await until(() => text(list).includes('Cancel this appointment?'), 'no cancel question');
  buttonLabelled(listItem(list, needle), /Yes, cancel/).click();
}

describe('medfusion adapter (over HTTP, contract server)', () => {
  afterEach(() => sinon.restore());

  it('passes the accessibility audit with its appointments shown', async () => {
    const { list } = await mount();
    await listLoaded(list);
    await expect(list).to.be.accessible();
  });

  it('without a phone option it says to call the clinic', async () => {
    const { picker } = await mount({ options: { phone: undefined } });
    await until(() => text(picker).includes('Online booking is not offered'), 'no message in the picker');
    expect(text(picker)).to.include('Please call the clinic to book.');
  });

  it('lists the seed appointment and folds NEW/UPDATE/CANCEL per AppointmentId; other patients stay out', async () => {
    const { list } = await mount();
    await listLoaded(list);
    expect(listItems(list).length).to.equal(3);
    const seed = listItem(list, 'Mickey Wal');
    // <Time>2016-12-23T00:00:00</Time> has no offset: the practice's wall-clock time (naiveTimes defaults to
    // 'clinic'), here in its timeZone, Los Angeles.
    expect(when(seed)).to.equal('Friday, December 23, 2016, 12:00 AM PST');
    expect(fold(seed.textContent)).to.include('Chico').and.include('New Appointment Schedule').and.include('Booked');
    expect(fold(seed.querySelector('[part="when"] .visually-hidden')?.textContent)).to.equal(
      '12:00 AM PST, Friday, December 23, 2016, Mickey Wal, Chico, In person',
    );
    const moved = listItem(list, 'Annual physical (moved)');
    expect(when(moved)).to.equal('Thursday, December 29, 2016, 10:00 AM PST');
    const cancelled = listItem(list, 'Flu shot');
    expect(cancelled.querySelector('[part="badge"]')!.textContent).to.equal('Cancelled');
    expect(text(list)).not.to.include('Not yours');
    // Display only: nothing to confirm or cancel.
    expect(list.shadowRoot!.querySelectorAll('li.item button').length).to.equal(0);
  });

  it('reads offset-less times as clinic wall-clock time when naiveTimes is "clinic"', async () => {
    const { list } = await mount({ options: { naiveTimes: 'clinic' } });
    await listLoaded(list);
    expect(when(listItem(list, 'Mickey Wal'))).to.equal('Friday, December 23, 2016, 12:00 AM PST');
  });

  it("shows each time in its clinic zone (per location), with the patient's time beside; time-zone overrides", async () => {
    // The offset-less seed time is midnight on the Chico clinic's own clock; the moved visit (18:00 Z) is an instant.
    const { list } = await mount({ options: { locationTimeZones: { Chico: 'America/New_York' } } });
    await listLoaded(list);
    expect(when(listItem(list, 'Mickey Wal'))).to.equal(
      'Friday, December 23, 2016, 12:00 AM EST (9:00 PM Thu, Dec 22 your time)',
    );
    expect(when(listItem(list, 'Annual physical (moved)'))).to.equal(
      'Thursday, December 29, 2016, 1:00 PM EST (10:00 AM your time)',
    );
    const override = await mount({ timeZone: 'Asia/Tokyo' });
    await listLoaded(override.list);
    expect(when(listItem(override.list, 'Mickey Wal'))).to.match(/^Friday, December 23, 2016, 5:00 PM GMT\+9/);
  });

  it('sends the OAuth bearer token on every call', async () => {
    const t = tenant();
    const getToken = sinon.spy(async (_: { refresh: boolean }) => 'test-token');
    const { list } = await mount({ tenant: t, options: { getToken } });
    await listLoaded(list);
    const log = await serverLog<{ auth: string; op: string }>('medfusion', t);
    expect(log.map((l) => [l.op, l.auth])).to.deep.equal([['list', 'bearer']]);
    expect(getToken.args[0][0]).to.deep.equal({ refresh: false });
  });

  describe('practice-side cancel (practiceCancel): post Status=CANCEL, 202, poll the Location', () => {
    it('posts well-formed AppointmentData, polls until COMPLETED, and it stays cancelled', async () => {
      const t = tenant();
      const { list } = await mount({ tenant: t, options: { practiceCancel: true } });
      await listLoaded(list);
      const cancelled = nextEvent<{ appointment: Appointment }>(list, 'appointment-cancelled');
      await cancelFirst(list, 'Mickey Wal');
      expect((await cancelled).appointment).to.include({ id: '123452', status: 'cancelled' });
      const posted = (await serverLog<{ body?: string }>('medfusion', t))
        .filter((r) => r.op === 'post')
        .map((r) => r.body!);
      expect(posted.length).to.equal(1);
      const doc = new DOMParser().parseFromString(posted[0], 'application/xml');
      expect(doc.documentElement.namespaceURI).to.equal('http://schema.medfusion.com/appointmentsdata/v1');
      expect(doc.documentElement.localName).to.equal('AppointmentData');
      expect(doc.querySelector('Appointments > AppointmentId')!.textContent).to.equal('123452');
      expect(doc.querySelector('Appointments > Status')!.textContent).to.equal('CANCEL');
      expect(doc.querySelector('Sender')!.getAttribute('VendorName')).to.equal('careslot');
      const log = await serverLog<{ op: string; method: string; contentType: string | null; auth: string }>(
        'medfusion',
        t,
      );
      expect(log.find((l) => l.op === 'post')).to.include({
        method: 'POST',
        contentType: 'application/xml',
        auth: 'bearer',
      });
      expect(log.filter((l) => l.op === 'status').length).to.equal(2); // PROCESSING, then COMPLETED
      await until(
        () => listItem(list, 'Mickey Wal').querySelector('[part="badge"]')?.textContent === 'Cancelled',
        'not shown as cancelled',
      );
      const again = await mount({ tenant: t, options: { practiceCancel: true } });
      await listLoaded(again.list);
      expect(listItem(again.list, 'Mickey Wal').querySelector('[part="badge"]')!.textContent).to.equal('Cancelled');
    });

    it("State=ERROR → the patient sentence, Medfusion's text in the error detail; the appointment stays as it was", async () => {
      const t = tenant();
      await fault(t, { op: 'post', kind: 'error-state', times: 1 });
      const cancel = sinon.spy(MedfusionProvider.prototype, 'cancel');
      const { list } = await mount({ tenant: t, options: { practiceCancel: true } });
      await listLoaded(list);
      await cancelFirst(list, 'Mickey Wal');
      await until(() => alertOf(list), 'no error shown');
      const error = await rejection(cancel);
      expect(errorSentence(list)).to.equal(
        'The clinic could not accept this request online. Or call the clinic at (530) 555-0100.',
      );
      expectPatientSentence(
        list,
        error,
        'Message could not be processed: the practice is not configured for appointment display.',
      );
      expect(listItem(list, 'Mickey Wal').querySelector('[part="badge"]')!.textContent).to.equal('Booked');
    });

    it('still processing when polling gives up → pending (cancellation requested)', async () => {
      const t = tenant();
      await fault(t, { op: 'post', kind: 'stuck', times: 1 });
      const { list } = await mount({ tenant: t, options: { practiceCancel: true, pollTimeoutMs: 200 } });
      await listLoaded(list);
      const done = nextEvent<{ appointment: Appointment }>(list, 'appointment-cancelled');
      await cancelFirst(list, 'Mickey Wal');
      expect((await done).appointment).to.include({ id: '123452', status: 'booked', cancelRequested: true });
      await until(
        () => listItem(list, 'Mickey Wal').querySelector('[part="badge"]')?.textContent === 'Cancellation requested',
        'not pending',
      );
    });

    /** Cancels the seed appointment with a fault armed on the post; the adapter's error and the list. */
    async function postFails(
      status: number,
      options: Record<string, unknown> = {},
    ): Promise<{ error: BookingError; list: Element; t: string }> {
      const t = tenant();
      await fault(t, { op: 'post', kind: 'status', status });
      const cancel = sinon.spy(MedfusionProvider.prototype, 'cancel');
      const { list } = await mount({ tenant: t, options: { practiceCancel: true, ...options } });
      await listLoaded(list);
      await cancelFirst(list, 'Mickey Wal');
      await until(() => alertOf(list), 'no error shown');
      await until(() => cancel.called, 'cancel never called');
      const error = await (cancel.returnValues[0] as Promise<unknown>).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).to.be.instanceOf(BookingError);
      expect(listItem(list, 'Mickey Wal').querySelector('[part="badge"]')!.textContent).to.equal('Booked');
      return { error: error as BookingError, list, t };
    }

    it('401 on the post (seed error), also after one token refresh → auth-expired: the patient sentence, the documented text in the error detail', async () => {
      const getToken = sinon.spy(async (_: { refresh: boolean }) => 'test-token');
      const { error, list, t } = await postFails(401, { getToken });
      expect(error).to.include({
        kind: 'auth-expired',
        status: 401,
        message: 'Unauthorized request. Check the OAuth attributes.',
      });
      expect(errorSentence(list)).to.equal('Your session has ended. Please sign in again, then try again.');
      expectPatientSentence(list, error, 'Unauthorized request. Check the OAuth attributes.');
      expect(getToken.args.some(([a]) => a.refresh)).to.equal(true);
      const log = await serverLog<{ op: string }>('medfusion', t);
      expect(log.filter((l) => l.op === 'post').length).to.equal(2); // the first try and one after the refresh
      expect(log.filter((l) => l.op === 'status').length).to.equal(0);
    });

    it('404 on the post (seed error) → not-found: the patient sentence, the documented text in the error detail; nothing is polled', async () => {
      const { error, list, t } = await postFails(404);
      expect(error).to.include({
        kind: 'not-found',
        status: 404,
        message: 'Not found. The requested resource was not found in the server.',
      });
      expectPatientSentence(list, error, 'Not found. The requested resource was not found in the server.');
      const log = await serverLog<{ op: string }>('medfusion', t);
      expect(log.filter((l) => l.op === 'status').length).to.equal(0);
    });

    it('415: a content type Medfusion does not take → validation: the patient sentence, the documented text in the error detail', async () => {
      const cancel = sinon.spy(MedfusionProvider.prototype, 'cancel');
      const { list } = await mount({ options: { practiceCancel: true, contentType: 'text/plain' } });
      await listLoaded(list);
      await cancelFirst(list, 'Mickey Wal');
      await until(() => alertOf(list), 'no error shown');
      const error = await rejection(cancel);
      expect(error).to.include({ kind: 'validation', status: 415 });
      expectPatientSentence(
        list,
        error,
        'Unsupported media type. The server could not process the request because the content type specified in the request header is not supported.',
      );
    });

    it("400: the message failed validation → validation: the patient sentence, the server's reason in the error detail", async () => {
      const cancel = sinon.spy(MedfusionProvider.prototype, 'cancel');
      const { list } = await mount({
        options: { practiceCancel: true, namespace: 'http://schema.medfusion.com/appointmentsdata/v9' },
      });
      await listLoaded(list);
      await cancelFirst(list, 'Mickey Wal');
      await until(() => alertOf(list), 'no error shown');
      const error = await rejection(cancel);
      expect(error).to.include({ kind: 'validation', status: 400 });
      expectPatientSentence(
        list,
        error,
        'AppointmentData must be in namespace http://schema.medfusion.com/appointmentsdata/v1.',
      );
    });
  });

  describe("the errors Medfusion lists, and more: the patient sentence, Medfusion's text in the error detail", () => {
    it('404: unknown practice → not-found', async () => {
      const error = await listError({ options: { practiceId: 'no-such-practice' } });
      expect(error).to.include({
        kind: 'not-found',
        status: 404,
        message: 'Not found. The requested resource was not found in the server.',
      });
    });

    it('400 on the feed → validation with the reason', async () => {
      const t = tenant();
      await fault(t, { op: 'list', kind: 'status', status: 400 });
      const error = await listError({ tenant: t });
      expect(error).to.include({
        kind: 'validation',
        status: 400,
        message: 'cvc-datatype-valid.1.2.1: Injected validation failure.',
      });
    });

    it('415 on the feed → validation', async () => {
      const t = tenant();
      await fault(t, { op: 'list', kind: 'status', status: 415 });
      const error = await listError({ tenant: t });
      expect(error).to.include({ kind: 'validation', status: 415 });
    });

    it('503 → upstream-unavailable with the documented text; Try again recovers', async () => {
      const t = tenant();
      await fault(t, { op: 'list', kind: 'status', status: 503, times: 1 });
      const spy = sinon.spy(MedfusionFeed.prototype, 'listAppointments');
      const { list } = await mount({ tenant: t });
      await listLoaded(list);
      const error = await rejection(spy);
      expect(error).to.include({ kind: 'upstream-unavailable', status: 503 });
      expectPatientSentence(list, error, 'The service is temporarily unavailable.');
      one<HTMLButtonElement>(list, '[part="retry"]').click();
      await until(() => listItems(list).length === 3, 'retry did not load');
    });

    it('JSON where XML was expected → malformed-response', async () => {
      const t = tenant();
      await fault(t, { op: 'list', kind: 'unexpected' });
      const error = await listError({ tenant: t });
      expect(error.kind).to.equal('malformed-response');
    });

    it('an appointment without a usable Time → malformed-response naming it', async () => {
      const t = tenant();
      await putTenantData(
        'medfusion',
        t,
        '<AppointmentData><Appointments><AppointmentId>1</AppointmentId><Status>NEW</Status><Time>soon</Time><Patient><PatientId>787</PatientId></Patient></Appointments></AppointmentData>',
      );
      const error = await listError({ tenant: t });
      expect(error).to.include({
        kind: 'malformed-response',
        message: 'Medfusion sent appointment 1 in a form careslot cannot read: its Time is not a date and time.',
      });
    });
  });
});
