import { expect, html } from '@open-wc/testing';
import { ifDefined } from 'lit/directives/if-defined.js';
import sinon from 'sinon';
import type { BookingError } from '../../src/core/errors.js';
import type { Appointment } from '../../src/core/model.js';
import { KpMycareProvider } from '../../src/providers/kp-mycare/index.js';
import { joinFragments, parseLenientJson } from '../../src/providers/kp-mycare/lenient-json.js';
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

// The KP adapter over HTTP against test/servers/kp-mycare (see the top of server.mjs for its faults): what is
// special to KP (the cases every backend shares are in kp-mycare.conformance.test.ts).
// The browser context runs in America/Los_Angeles, en-US; the clock is fixed before the page's example.

const NOW_2016 = '2016-06-01T12:00:00.000Z';
const SEED_CSN = '285270678';
/** A fresh server-side tenant (isolated appointments and sessions); magic prefixes inject faults. */
const tenant = (prefix = 'kp') => tenantName(prefix);

interface Mount {
  tenant?: string;
  options?: Record<string, unknown>;
  timeZone?: string;
  filter?: string;
  confirmAppointment?: string;
}

const baseOptions = () => ({
  apiKey: 'test-api-key',
  appName: 'careslot-tests',
  getSession: async () => 'host-session',
});

async function mount(m: Mount = {}) {
  const t = m.tenant ?? tenant();
  const clinic = await mountClinic(
    html`<booking-provider
      backend="kp-mycare"
      base-url=${`/mock/kp-mycare/${t}`}
      patient="member-1"
      now=${NOW_2016}
      locale="en-US"
      time-zone=${ifDefined(m.timeZone)}
      .options=${{ ...baseOptions(), ...m.options }}
    >
      <slot-picker></slot-picker>
      <confirm-button appointment=${ifDefined(m.confirmAppointment)}></confirm-button>
      <appointment-list filter=${m.filter ?? 'all'}></appointment-list>
    </booking-provider>`,
  );
  return { ...clinic, tenant: t };
}

const fault = (t: string, spec: Fault) => armFault('kp-mycare', t, spec);
const kpLog = (t: string) =>
  serverLog<{ method: string; op: string; sessionHeader: string | null; sessionGeneration: number }>('kp-mycare', t);
const itemText = (item: Element) => fold(item.textContent);

/**
 * Confirms the seed appointment through <confirm-button appointment> and returns the failure it reports; the
 * button shows the patient sentence of its kind, none of KP's words (those are in the error, for developers).
 */
async function confirmFails(m: Mount): Promise<BookingError> {
  const { button: el } = await mount({ ...m, confirmAppointment: SEED_CSN });
  const failed = nextEvent<{ error: BookingError }>(el, 'booking-failed');
  one<HTMLButtonElement>(el, 'button').click();
  const { error } = await failed;
  await until(() => alertOf(el), 'the button did not show the error');
  expectPatientSentence(el, error, error.message);
  return error;
}

describe('kp-mycare adapter (over HTTP, contract server)', () => {
  afterEach(() => sinon.restore());

  describe('who books (capabilities)', () => {
    it('every call carries the member’s own SSO session (signIn); no registerPatient, nothing to book', () => {
      for (const cancelPath of [undefined, null]) {
        const kp = new KpMycareProvider({ options: { ...baseOptions(), cancelPath }, now: () => new Date(NOW_2016) });
        expect(kp.capabilities).to.include({ signIn: true, newPatient: false, dependents: false, book: false });
        const { newPatient, dependents } = kp.capabilities;
        expect('registerPatient' in kp).to.equal(newPatient || dependents);
        expect('cancel' in kp).to.equal(kp.capabilities.cancel);
      }
    });
  });

  describe("the page's example appointment", () => {
    it('renders as Monday June 13 2016, 5:20 PM Pacific, Sunnyside Surgery, Annette M. Moore, RN', async () => {
      const { list } = await mount();
      await listLoaded(list);
      const seed = listItem(list, 'Sunnyside Surgery');
      const visible = itemText(one(list, 'li.item [part="when"] [aria-hidden="true"]'));
      expect(visible).to.equal('Monday, June 13, 2016, 5:20 PM PDT');
      expect(itemText(seed))
        .to.include('Annette M. Moore, RN')
        .and.include('Sunnyside Surgery')
        .and.include('Copay: 0.00 USD');
      const spoken = seed.querySelector('[part="when"] .visually-hidden')!.textContent;
      expect(spoken).to.equal('5:20 PM PDT, Monday, June 13, 2016, Annette M. Moore, RN, Sunnyside Surgery, In person');
      // Unconfirmed (ConfirmInstant null) and directly cancellable (CancelDirectAllowed).
      expect(buttonLabelled(seed, /^\s*Confirm\s*$/).getAttribute('aria-label')).to.equal(`Confirm ${spoken}`);
      expect(buttonLabelled(seed, /^\s*Cancel\s*$/).getAttribute('aria-label')).to.equal(`Cancel ${spoken}`);
      await expect(list).to.be.accessible();
    });

    it('without apptDateTimeUTC reads Date + Time (" 5:20 PM") on the clinic\'s wall clock', async () => {
      const t = tenant();
      const headers = {
        'X-useragentcategory': 'M',
        'X-osversion': '1',
        'X-useragenttype': 'Browser',
        'X-apiKey': 'k',
        'X-appName': 'a',
        ssoession: 's',
      };
      const {
        Appointments: [seed],
      } = (await (await fetch(`/mock/kp-mycare/${t}/mycare/appointments/v1.0/future`, { headers })).json()) as {
        Appointments: Record<string, unknown>[];
      };
      expect(seed.Time).to.equal(' 5:20 PM');
      delete seed.apptDateTimeUTC;
      // The same wall-clock time at a Honolulu clinic: read in Honolulu, not in the browser's Los Angeles.
      const honolulu = structuredClone(seed) as {
        ContactIDs: { ID: string; Type: string }[];
        ProviderDepartments: { Department: { Name: string; OfficialTimeZone: { Title: string } } }[];
      };
      honolulu.ContactIDs = [{ ID: '900000001', Type: 'CSN' }];
      honolulu.ProviderDepartments[0].Department.Name = 'Moanalua Clinic';
      honolulu.ProviderDepartments[0].Department.OfficialTimeZone.Title = 'Pacific/Honolulu';
      await putTenantData('kp-mycare', t, { Appointments: [seed, honolulu] });
      const { list } = await mount({ tenant: t });
      await listLoaded(list);
      const when = (needle: string) =>
        itemText(listItem(list, needle).querySelector('[part="when"] [aria-hidden="true"]')!);
      expect(when('Sunnyside Surgery')).to.equal('Monday, June 13, 2016, 5:20 PM PDT');
      expect(when('Moanalua Clinic')).to.equal('Monday, June 13, 2016, 5:20 PM HST (8:20 PM your time)');
    });

    it('keeps in-person times in the clinic zone when the patient is elsewhere, and shows theirs beside', async () => {
      const original = Intl.DateTimeFormat.prototype.resolvedOptions;
      sinon.stub(Intl.DateTimeFormat.prototype, 'resolvedOptions').callsFake(function (this: Intl.DateTimeFormat) {
        return { ...original.call(this), timeZone: 'America/New_York' };
      });
      const { list } = await mount();
      await listLoaded(list);
      const seed = listItem(list, 'Sunnyside Surgery');
      expect(itemText(seed.querySelector('[part="when"] [aria-hidden="true"]')!)).to.equal(
        'Monday, June 13, 2016, 5:20 PM PDT (8:20 PM your time)',
      );
      // A video visit shows in the patient's zone, with the clinic's (Honolulu) time beside it.
      const video = listItem(list, 'Moanalua Medical Center');
      expect(itemText(video.querySelector('[part="when"] [aria-hidden="true"]')!)).to.equal(
        'Monday, June 20, 2016, 3:00 PM EDT (9:00 AM clinic time (HST))',
      );
    });

    it('shows a video visit in the patient zone (Los Angeles here) with the clinic time in Honolulu', async () => {
      const { list } = await mount();
      await listLoaded(list);
      const video = listItem(list, 'Moanalua Medical Center');
      expect(itemText(video.querySelector('[part="when"] [aria-hidden="true"]')!)).to.equal(
        'Monday, June 20, 2016, 12:00 PM PDT (9:00 AM clinic time (HST))',
      );
      expect(itemText(video))
        .to.include('Keoni Kahananui, MD')
        .and.include('Video visit')
        .and.include('Copay: 25.00 USD')
        .and.include('Join from a quiet, private place.');
    });

    it('follows a time-zone override for every time shown', async () => {
      const { list } = await mount({ timeZone: 'Asia/Kolkata' });
      await listLoaded(list);
      const whens = listItems(list).map((li) => itemText(li.querySelector('[part="when"] [aria-hidden="true"]')!));
      expect(whens[0]).to.match(/^Tuesday, June 14, 2016, 5:50 AM GMT\+5:30/);
      expect(whens[1]).to.match(/^Tuesday, June 21, 2016, 12:30 AM GMT\+5:30/);
      expect(whens[2]).to.match(/^Tuesday, July 5, 2016, 11:10 PM GMT\+5:30/);
    });
  });

  it('learns the phone from the department when no phone option is set (Scheduling, else General)', async () => {
    const { provider, list, picker } = await mount();
    await listLoaded(list);
    provider.refresh();
    await until(() => text(picker).includes('503-571-2640'), 'the department phone did not show');
    expect(text(picker)).to.include('Online booking is not offered. Please call 503-571-2640 to book.');
  });

  it('confirms with every required header; the confirmation stays (ConfirmInstant set on the server)', async () => {
    const t = tenant();
    const { list } = await mount({ tenant: t });
    await listLoaded(list);
    const confirmed = nextEvent<{ appointment: Appointment }>(list, 'appointment-confirmed');
    buttonLabelled(listItem(list, 'Sunnyside Surgery'), /^\s*Confirm\s*$/).click();
    const { appointment } = await confirmed;
    expect(appointment).to.include({
      id: SEED_CSN,
      start: '2016-06-14T00:20:00.000Z',
      timeZone: 'America/Los_Angeles',
      canConfirm: false,
    });
    expect(appointment.confirmedAt).to.be.a('string');
    await until(
      () => !/Confirm\b/.test(itemText(listItem(list, 'Sunnyside Surgery')).replace('Confirmed', '')),
      'the Confirm button did not go away',
    );
    const log = await kpLog(t);
    expect(log.find((l) => l.op === 'confirm')).to.include({ method: 'POST', sessionHeader: 'ssoession' });
    // A fresh page on the same backend still sees it confirmed.
    const again = await mount({ tenant: t });
    await listLoaded(again.list);
    expect(
      [...listItem(again.list, 'Sunnyside Surgery').querySelectorAll('button')].map((b) => b.textContent?.trim()),
    ).to.deep.equal(['Cancel']);
  });

  it('confirms through <confirm-button appointment>', async () => {
    const { button: el } = await mount({ confirmAppointment: SEED_CSN });
    const done = nextEvent<{ appointment: Appointment }>(el, 'booking-confirmed');
    one<HTMLButtonElement>(el, 'button').click();
    const { appointment } = await done;
    expect(appointment).to.include({ id: SEED_CSN, status: 'booked', timeZone: 'America/Los_Angeles' });
    await until(() => text(el).includes('Confirmed: 5:20 PM PDT, Monday, June 13, 2016'), 'no confirmation text');
  });

  it('sends a cancel request when only CancelRequestAllowed, then shows it as requested', async () => {
    const t = tenant();
    const { list } = await mount({ tenant: t });
    await listLoaded(list);
    const video = () => listItem(list, 'Moanalua Medical Center');
    expect(buttonLabelled(video(), /Request cancellation/).getAttribute('aria-label')).to.match(
      /^Request cancellation of 12:00 PM PDT, Monday, June 20, 2016/,
    );
    buttonLabelled(video(), /Request cancellation/).click();
    await until(() => text(list).includes('Send a cancellation request to the clinic?'), 'no request question');
    const requested = nextEvent<{ appointment: Appointment }>(list, 'appointment-cancelled');
    buttonLabelled(video(), /Yes, send request/).click();
    const { appointment } = await requested;
    expect(appointment).to.include({ id: '285270700', status: 'booked', cancelRequested: true });
    await until(
      () => video().querySelector('[part="badge"]')?.textContent === 'Cancellation requested',
      'badge did not change',
    );
    expect(video().querySelectorAll('button').length).to.equal(0);
  });

  it('shows CancelRequestSent as "Cancellation requested" with no cancel button', async () => {
    const { list } = await mount();
    await listLoaded(list);
    const rockwood = listItem(list, 'Rockwood Medical Office');
    expect(rockwood.querySelector('[part="badge"]')!.textContent).to.equal('Cancellation requested');
    expect([...rockwood.querySelectorAll('button')].map((b) => b.textContent?.trim())).to.deep.equal(['Confirm']);
    expect(itemText(rockwood)).to.include('Park in the east lot; enter through door B.');
  });

  it('reuses the rotated session header on the next call (old sessions revoked on this tenant)', async () => {
    const t = tenant('strict');
    const getSession = sinon.spy(async (_: { refresh: boolean }) => 'host-session');
    const { list } = await mount({ tenant: t, options: { getSession } });
    await listLoaded(list);
    const confirmed = nextEvent(list, 'appointment-confirmed');
    buttonLabelled(listItem(list, 'Sunnyside Surgery'), /^\s*Confirm\s*$/).click();
    await confirmed;
    // The list reloads itself after confirming: the third call.
    await until(async () => (await kpLog(t)).length >= 3, 'no reload');
    await listLoaded(list);
    expect(alertOf(list)).to.equal('');
    const log = await kpLog(t);
    expect(log.map((l) => l.sessionGeneration)).to.deep.equal(log.map((_, i) => i));
    expect(log.slice(0, 2).map((l) => l.op)).to.deep.equal(['list', 'confirm']);
    expect(getSession.callCount).to.equal(1);
  });

  it('sends the session under a configurable header name (ssosession)', async () => {
    const t = tenant('spelled-ssosession');
    const list = sinon.spy(KpMycareProvider.prototype, 'listAppointments');
    const wrong = await mount({ tenant: t });
    await listLoaded(wrong.list);
    const error = await rejection(list);
    expect(error).to.include({ kind: 'validation', status: 412 });
    expectPatientSentence(wrong.list, error, 'One or more required params or header missing');
    const right = await mount({ tenant: t, options: { sessionHeader: 'ssosession' } });
    await listLoaded(right.list);
    expect(listItems(right.list).length).to.equal(3);
  });

  it("reads the page's own broken example JSON (no outer braces, one appointment split in two)", async () => {
    const raw = await (await fetch('/test/servers/kp-mycare/as-documented.json.txt')).text();
    expect(() => JSON.parse(raw)).to.throw();
    const parsed = parseLenientJson(raw) as { Appointments: unknown[] };
    expect(parsed.Appointments.length).to.equal(2);
    const joined = joinFragments(parsed.Appointments) as Record<string, unknown>[];
    expect(joined.length).to.equal(1);
    expect(joined[0]).to.include({ apptDateTimeUTC: '2016-06-14T00:20:00.000Z', CancelDirectAllowed: true });
    // And served as the list, it renders like the repaired one.
    const { list } = await mount({ tenant: tenant('asdoc') });
    await listLoaded(list);
    expect(listItems(list).length).to.equal(1);
    expect(itemText(listItems(list)[0]))
      .to.include('Monday, June 13, 2016, 5:20 PM PDT')
      .and.include('Annette M. Moore, RN');
  });

  it('lists past appointments too when pastPath is set', async () => {
    const { list } = await mount({ filter: 'past', options: { pastPath: 'mycare/appointments/{version}/past' } });
    await listLoaded(list);
    expect(listItems(list).length).to.equal(1);
    expect(itemText(listItems(list)[0]))
      .to.include('Monday, May 2, 2016, 9:00 AM PDT')
      .and.include('Completed');
  });

  describe("every error the page lists: the patient sentence, KP's own message in the error detail", () => {
    it('401: invalid session, also after one refresh → auth-expired', async () => {
      const getSession = sinon.spy(async (_: { refresh: boolean }) => 'expired-session');
      const error = await confirmFails({ options: { getSession } });
      expect(error).to.include({
        kind: 'auth-expired',
        status: 401,
        message: 'Unauthorized; invalid ssoSession or ObSSOCookie',
      });
      // Each 401 asks the host once for a fresh session, never more.
      expect(getSession.args.map(([a]) => a.refresh)).to.deep.equal([false, true, true].slice(0, getSession.callCount));
      expect(getSession.callCount).to.be.within(2, 3);
    });

    it('403: user is not entitled → forbidden', async () => {
      const error = await confirmFails({ options: { getSession: async () => 'not-entitled' } });
      expect(error).to.include({ kind: 'forbidden', status: 403, message: 'User is not entitled' });
    });

    it("403 whose Fault names the session (invalid ssoSession or ObSSOCookie) → auth-expired, KP's text in the error detail", async () => {
      const t = tenant();
      await fault(t, { op: 'confirm', kind: '403-session' });
      const error = await confirmFails({ tenant: t });
      expect(error).to.include({
        kind: 'auth-expired',
        status: 403,
        message: 'Forbidden; invalid ssoSession or ObSSOCookie',
        backendCode: 'a:SecurityFault (InvalidSession)',
      });
    });

    it("404: GET on the POST-only confirmation → not-supported, KP's text in the error detail", async () => {
      const error = await confirmFails({ options: { confirmMethod: 'GET' } });
      expect(error).to.include({
        kind: 'not-supported',
        status: 404,
        message: 'Method not supported/ resource not found; this API only supports the POST request method',
      });
    });

    it('404: an appointment KP no longer knows → not-found', async () => {
      const t = tenant();
      await fault(t, { op: 'confirm', kind: 'status', status: 404 });
      const error = await confirmFails({ tenant: t });
      expect(error).to.include({ kind: 'not-found', status: 404, message: 'Appointment not found' });
    });

    it('405: another method → not-supported', async () => {
      const error = await confirmFails({ options: { confirmMethod: 'PUT' } });
      expect(error).to.include({ kind: 'not-supported', status: 405, message: 'Method not supported' });
    });

    it('412: a required header missing (no X-apiKey) → validation', async () => {
      const error = await confirmFails({ options: { apiKey: undefined } });
      expect(error).to.include({
        kind: 'validation',
        status: 412,
        message: 'One or more required params or header missing',
      });
    });

    it('503: referenced service not available → upstream-unavailable, and Try again recovers', async () => {
      const t = tenant();
      await fault(t, { op: 'list', kind: 'status', status: 503, times: 1 });
      const spy = sinon.spy(KpMycareProvider.prototype, 'listAppointments');
      const { list } = await mount({ tenant: t });
      await listLoaded(list);
      const error = await rejection(spy);
      expect(error).to.include({ kind: 'upstream-unavailable', status: 503 });
      expectPatientSentence(list, error, 'Referenced service not available');
      one<HTMLButtonElement>(list, '[part="retry"]').click();
      await until(() => listItems(list).length === 3, 'retry did not load the list');
    });

    it('503 without a body → the documented meaning', async () => {
      const t = tenant();
      await fault(t, { op: 'confirm', kind: '503-plain' });
      const error = await confirmFails({ tenant: t });
      expect(error).to.include({
        kind: 'upstream-unavailable',
        status: 503,
        message: 'Referenced service not available.',
      });
    });

    it('the Fault body: faultstring is the message, faultcode and FaultType the backend code (even on a 200)', async () => {
      const t = tenant();
      await fault(t, { op: 'confirm', kind: 'fault-200' });
      const error = await confirmFails({ tenant: t });
      expect(error).to.include({
        kind: 'upstream-unavailable',
        message: 'An application error occurred.',
        backendCode: 'a:InternalFault (UnknownError)',
      });
    });
  });

  describe('malformed and unexpected answers', () => {
    it('an HTML page with 200 → malformed-response', async () => {
      const t = tenant();
      await fault(t, { op: 'confirm', kind: 'unexpected' });
      const error = await confirmFails({ tenant: t });
      expect(error.kind).to.equal('malformed-response');
    });

    it('valid JSON without an Appointments array → malformed-response that says so in the error detail', async () => {
      const t = tenant();
      await putTenantData('kp-mycare', t, { Appointments: [{ CancelDirectAllowed: true }] });
      const spy = sinon.spy(KpMycareProvider.prototype, 'listAppointments');
      const { list } = await mount({ tenant: t });
      await listLoaded(list);
      const error = await rejection(spy);
      expect(error.kind).to.equal('malformed-response');
      expectPatientSentence(list, error, 'KP sent appointment 1 in a form careslot cannot read');
    });

    it('ConfirmAppointmentResponse false → an error (the patient sentence, KP not confirming in the detail), and the Confirm button stays', async () => {
      const t = tenant();
      await fault(t, { op: 'confirm', kind: 'false', times: 1 });
      const spy = sinon.spy(KpMycareProvider.prototype, 'confirm');
      const { list } = await mount({ tenant: t });
      await listLoaded(list);
      buttonLabelled(listItem(list, 'Sunnyside Surgery'), /^\s*Confirm\s*$/).click();
      await until(() => alertOf(list), 'no error');
      const error = await rejection(spy);
      expect(error.kind).to.equal('unknown');
      // The clinic's number is the one KP lists for the department (Sunnyside's General line).
      expect(errorSentence(list)).to.equal(
        'Something went wrong. Please try again. Or call the clinic at 503-571-2640.',
      );
      expectPatientSentence(list, error, 'KP did not confirm this appointment. Please call the clinic.');
      expect(buttonLabelled(listItem(list, 'Sunnyside Surgery'), /^\s*Confirm\s*$/)).to.exist;
    });
  });
});
