// The patient's journey (src/elements/booking-provider/journey.ts) through the conformance suite: every backend
// that declares a journey capability (src/core/provider.ts: hold, reschedule, newPatient, dependents, signIn)
// runs the same cases through the elements, with the same checks on what goes over the wire. A backend's
// `*.conformance.test.ts` calls `journeyConformance({ ...backend, ...extras })` next to `conformance(backend)`;
// the extras say what it declares and what a case needs of it. As in ./conformance.ts, a case that does not
// apply is not registered, and the list of those that run and those that do not (with why) is printed.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { ifDefined } from 'lit/directives/if-defined.js';
import sinon from 'sinon';
import type { BookingError } from '../../src/core/errors.js';
import type { Appointment, PatientDetails, Slot, SlotHold } from '../../src/core/model.js';
import type { BookingProvider, ProviderCapabilities, ProviderOptions } from '../../src/core/provider.js';
import type { BookingProviderElement } from '../../src/elements/booking-provider/booking-provider.js';
import { RETURN_AT, RETURN_SLOT } from '../../src/elements/booking-provider/journey.js';
import { CARESLOT_EVENT_NAMES } from '../../src/elements/shared/events.js';
import {
  all,
  type Fault,
  listItems,
  listLoaded,
  type LoggedRequest,
  nextEvent,
  one,
  slotButtons,
  slotsOf,
  text,
  until,
} from '../helpers.js';
import { adapterOf, pageQuery, type ConformanceBackend, type ConformanceCase, type Tenant } from './conformance.js';

/** The capabilities of the journey, as src/core/provider.ts names them. */
export type JourneyCapability = 'hold' | 'reschedule' | 'newPatient' | 'dependents' | 'signIn';

const JOURNEY: JourneyCapability[] = ['hold', 'reschedule', 'newPatient', 'dependents', 'signIn'];

/** A backend that declares none of the journey's capabilities. */
export const NO_JOURNEY: Record<JourneyCapability, boolean> = {
  hold: false,
  reschedule: false,
  newPatient: false,
  dependents: false,
  signIn: false,
};

/** What a backend's conformance file adds to its descriptor for the journey cases. */
export interface JourneyExtras {
  /** What the adapter declares on the tenants of `tenant()` (must equal its `capabilities`). */
  journey: Record<JourneyCapability, boolean>;
  /**
   * Holds. `setup`: the `tenant()` setup of a tenant that holds, where only some do (FHIR servers with `$hold`);
   * the adapter then declares `hold` there, and learns it from the server, so on other tenants its `hold` and
   * `release` are there but refuse (not-supported). `released`: the logged request that gives a hold back.
   */
  hold?: {
    setup?: Record<string, unknown>;
    released?(request: LoggedRequest, hold: SlotHold): boolean;
    /** False: the backend does not say until when it holds (Argonaut `$hold`), so nothing counts down. */
    expires?: false;
  };
  /**
   * Books for new patients: the details a patient types, and what the backend holds afterwards (new patient
   * records with those details, and their appointments), read from the backend itself.
   */
  newPatient?: {
    details: PatientDetails;
    records(t: Tenant): Promise<{ patients: number; appointments: number }>;
  };
  /** Has a reschedule operation: how to arm a fault on it (the contract server's operation for it). */
  reschedule?: { fault(t: Tenant, fault: Fault): Promise<void> };
}

export type JourneyBackend = ConformanceBackend & JourneyExtras;

const SIGN_IN_URL = 'https://portal.example.org/login';

interface JourneyPage {
  root: BookingProviderElement;
  picker: HTMLElementTagNameMap['slot-picker'];
  button: HTMLElementTagNameMap['confirm-button'];
  list: HTMLElementTagNameMap['appointment-list'];
  form: HTMLElementTagNameMap['patient-form'] | null;
  /** The adapter the page uses (spy on it after mounting). */
  adapter: BookingProvider;
}

/** A clinic page of the tenant: picker, button, list, and (`form`) a `<patient-form>`; `patient: null` for none. */
async function mountJourney(
  d: JourneyBackend,
  t: Tenant,
  {
    patient = 0,
    signInUrl,
    form = false,
    options = {},
  }: { patient?: number | null; signInUrl?: string; form?: boolean; options?: ProviderOptions } = {},
): Promise<JourneyPage> {
  const merged = { ...d.options, ...options };
  const p = d.page;
  const root = await fixture<BookingProviderElement>(
    html`<booking-provider
      backend=${d.backend}
      base-url=${ifDefined(t.baseUrl)}
      patient=${ifDefined(patient === null ? undefined : d.patients[patient])}
      sign-in-url=${ifDefined(signInUrl)}
      now=${d.now}
      locale="en-US"
      .options=${merged}
      .provider=${t.shared?.(merged)}
    >
      <slot-picker
        view="list"
        practitioner=${ifDefined(p.practitioner)}
        location=${ifDefined(p.location)}
        service=${ifDefined(p.service)}
        start=${ifDefined(p.start)}
        days=${ifDefined(p.days)}
      ></slot-picker>
      ${form ? html`<patient-form></patient-form>` : ''}
      <confirm-button></confirm-button>
      <appointment-list filter="upcoming"></appointment-list>
    </booking-provider>`,
  );
  await waitUntil(() => root.activeBackend, 'the backend did not load', { timeout: 5000 });
  return {
    root,
    picker: root.querySelector('slot-picker')!,
    button: root.querySelector('confirm-button')!,
    list: root.querySelector('appointment-list')!,
    form: root.querySelector('patient-form'),
    adapter: root.activeBackend!,
  };
}

const bookButton = (button: Element) => one<HTMLButtonElement>(button, 'button[part="button"]');
const enabled = (button: Element) => bookButton(button).getAttribute('aria-disabled') === 'false';

/** The next outcome of the confirm button: the booked appointment, or the error. */
function outcome(button: Element): Promise<Appointment | BookingError> {
  return new Promise((resolve) => {
    const done = (e: Event) => {
      button.removeEventListener('booking-confirmed', done);
      button.removeEventListener('booking-failed', done);
      const detail = (e as CustomEvent<{ appointment?: Appointment; error?: BookingError }>).detail;
      resolve(detail.appointment ?? detail.error!);
    };
    button.addEventListener('booking-confirmed', done);
    button.addEventListener('booking-failed', done);
  });
}

const isAppointment = (x: Appointment | BookingError): x is Appointment => !(x instanceof Error);

/** Types into a `<patient-form>` control as a paste does: the value, then an `input` event. */
async function fill(form: HTMLElementTagNameMap['patient-form'], details: PatientDetails): Promise<void> {
  const values: [string, string | undefined][] = [
    ['name.given', details.name?.given],
    ['name.family', details.name?.family],
    ['birthDate', details.birthDate],
    ['phone', details.phone],
    ['email', details.email],
    ['reason', details.reason],
  ];
  for (const [key, value] of values) {
    if (value === undefined) continue;
    const control = one<HTMLInputElement>(form, `[data-key="${key}"]`);
    control.value = value;
    control.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    await form.updateComplete;
  }
}

/** The patient data in the details, as it could appear in a URL (as typed, and a phone's digits). */
function patientData(details: PatientDetails): string[] {
  const phone = details.phone;
  return [
    details.name?.given,
    details.name?.family,
    details.birthDate,
    phone,
    phone?.replace(/\D/g, ''),
    details.email,
  ].filter((s): s is string => !!s && s.length >= 3);
}

const decoded = (url: string) => {
  try {
    return decodeURIComponent(url.replace(/\+/g, ' ')).toLowerCase();
  } catch {
    return url.toLowerCase();
  }
};

/** Moving a booked appointment: Move on its row, then the first time other than `avoid` (a slot id). */
async function startMove(page: JourneyPage, id: string, avoid: string): Promise<Slot> {
  const row = () => listItems(page.list).find((li) => li.dataset.id === id);
  await until(row, `appointment ${id} is not listed`);
  const move = () =>
    [...row()!.querySelectorAll<HTMLButtonElement>('button')].find((b) => /^\s*Move\s*$/.test(b.textContent!));
  await until(move, `appointment ${id} has no Move button`);
  move()!.click();
  await until(() => text(page.button).includes('Move appointment'), 'the button does not say Move appointment');
  const other = () => slotButtons(page.picker).find((b) => b.dataset.slotId !== avoid);
  await until(other, 'no other time to move to');
  other()!.click();
  await until(() => enabled(page.button), 'Move appointment cannot be pressed');
  return page.picker.value!;
}

/** The journey cases of one backend, in order; those with a `reason` do not apply to it. */
export function journeyCases(d: JourneyBackend): ConformanceCase[] {
  const cases: ConformanceCase[] = [];
  const add = (id: string, title: string, reason: string | undefined, run: ConformanceCase['run']) =>
    cases.push({ id, title, reason, run });
  const books = d.offers.book === 'api';
  const declared = (cap: JourneyCapability) => (d.journey[cap] ? undefined : `declares no ${cap}`);

  add(
    'capabilities:journey',
    'declares the journey capabilities the backend file says, with their operations there exactly when declared',
    undefined,
    async () => {
      const check = async (t: Tenant, expected: Record<JourneyCapability, boolean>) => {
        const adapter = await adapterOf(d, t);
        // Some adapters learn what the server offers on their first call (a FHIR CapabilityStatement).
        if (d.offers.findSlots) await adapter.findSlots!({ start: d.now, end: d.now }).catch(() => undefined);
        const caps: ProviderCapabilities = adapter.capabilities;
        expect(Object.fromEntries(JOURNEY.map((c) => [c, caps[c]]))).to.deep.equal(expected);
        const has = (op: string) => typeof (adapter as unknown as Record<string, unknown>)[op] === 'function';
        const present: Record<string, boolean> = {
          hold: caps.hold,
          release: caps.hold,
          reschedule: caps.reschedule,
          registerPatient: caps.newPatient || caps.dependents,
        };
        for (const [op, should] of Object.entries(present)) {
          if (!should && has(op) && op === 'hold' && d.hold?.setup) {
            // Learnt from the server: there, but it refuses where the server holds nothing.
            const [slot] = await adapter.findSlots!(pageQuery(d));
            const refused = await adapter.hold!(slot).then(
              () => 'held',
              (e: BookingError) => e.kind,
            );
            expect(refused, 'hold where the server holds nothing').to.equal('not-supported');
            continue;
          }
          if (!should && op === 'release' && d.hold?.setup) continue;
          expect(has(op), `${op} is ${should ? '' : 'not '}declared, so it is ${should ? '' : 'not '}there`).to.equal(
            should,
          );
        }
      };
      await check(await d.tenant(), d.journey);
      if (d.hold?.setup) await check(await d.tenant(d.hold.setup), { ...d.journey, hold: true });
    },
  );

  add(
    'hold',
    'holds the chosen time until the backend’s expiry, gives it back when another is chosen, and on pagehide with keepalive',
    d.journey.hold || d.hold?.setup ? (books ? undefined : 'books no times') : 'declares no hold',
    async () => {
      const t = await d.tenant(d.hold?.setup);
      const page = await mountJourney(d, t);
      const holds = sinon.spy(page.adapter, 'hold');
      const released = sinon.spy(page.adapter, 'release');
      await slotsOf(page.picker);
      expect(slotButtons(page.picker).length, 'two times to choose from').to.be.greaterThan(1);
      const firstHeld = nextEvent<{ slot: Slot; expires?: string }>(page.root, 'slot-held');
      slotButtons(page.picker)[0].click();
      const first = await firstHeld;
      expect(first.slot.id).to.equal(page.picker.value!.id);
      if (d.hold?.expires === false) {
        expect(first.expires, 'the backend says not until when').to.equal(undefined);
        await page.button.updateComplete;
        expect(text(page.button), 'a countdown of nothing').not.to.include('This time is held for you for');
      } else {
        expect(first.expires, 'the backend says until when').to.be.a('string');
        expect(Date.parse(first.expires!), 'expires after the backend’s now').to.be.greaterThan(Date.parse(d.now));
        await until(() => text(page.button).includes('This time is held for you for'), 'no countdown');
      }
      const firstHold = (await holds.firstCall.returnValue) as SlotHold;
      expect(firstHold.slotId).to.equal(first.slot.id);

      // Held: nobody else can book it.
      const other = await adapterOf(d, t, { patient: 1 });
      const slotOf = async (id: string) =>
        (await other.findSlots!({ start: first.slot.start, end: first.slot.end })).find((s) => s.id === id) ??
        first.slot;
      if (d.patients.length > 1) {
        const refused = await other.book!({
          slot: await slotOf(first.slot.id),
          patientId: d.patients[1],
          idempotencyKey: 'held-by-another',
        }).then(
          (r) => r.kind,
          (e: BookingError) => e.kind,
        );
        expect(refused, 'another patient books a held time').to.equal('slot-unavailable');
      }

      // Another time: the first goes back.
      const secondHeld = nextEvent<{ slot: Slot }>(page.root, 'slot-held');
      slotButtons(page.picker)[1].click();
      const second = await secondHeld;
      expect(second.slot.id).not.to.equal(first.slot.id);
      await until(() => released.callCount === 1, 'the first hold was not released');
      expect((released.firstCall.args[0] as SlotHold).id).to.equal(firstHold.id);
      await released.firstCall.returnValue;
      if (d.log) {
        expect(d.hold?.released, 'how the backend file recognises a release request').to.be.a('function');
        const log = await d.log(t);
        expect(
          log.filter((r) => d.hold!.released!(r, firstHold) && r.status! < 300),
          'the release went over the wire',
        ).to.have.length.greaterThan(0);
      }
      if (d.patients.length > 1) {
        const result = await other.book!({
          slot: await slotOf(first.slot.id),
          patientId: d.patients[1],
          idempotencyKey: 'after-release',
        });
        expect(result.kind, 'another patient books the released time').to.equal('booked');
      }

      // The page goes away: the second hold goes back with a request that outlives the page.
      const secondHold = (await holds.secondCall.returnValue) as SlotHold;
      const fetches = sinon.spy(window, 'fetch');
      window.dispatchEvent(new PageTransitionEvent('pagehide'));
      expect(released.callCount).to.equal(2);
      expect((released.secondCall.args[0] as SlotHold).id).to.equal(secondHold.id);
      expect(released.secondCall.args[2]).to.deep.equal({ keepalive: true });
      await released.secondCall.returnValue;
      fetches.restore();
      if (d.wire) {
        expect(fetches.callCount, 'the release sent requests').to.be.greaterThan(0);
        for (const call of fetches.getCalls())
          expect((call.args[1] as RequestInit | undefined)?.keepalive, `keepalive on ${String(call.args[0])}`).to.equal(
            true,
          );
      }
      if (d.log) {
        const log = await d.log(t);
        expect(log.filter((r) => d.hold!.released!(r, secondHold) && r.status! < 300)).to.have.length.greaterThan(0);
      }
    },
  );

  add(
    'new-patient',
    'a new patient fills in the form and books: one patient, one appointment, also when the first answer is lost; no patient data in URLs or events',
    declared('newPatient') ?? (books ? undefined : 'books no times'),
    async () => {
      const np = d.newPatient!;
      const seen: { type: string; detail: unknown }[] = [];
      const record = (e: Event) => seen.push({ type: e.type, detail: (e as CustomEvent).detail });
      const types = CARESLOT_EVENT_NAMES;
      for (const type of types) document.addEventListener(type, record);
      const fetches = sinon.spy(window, 'fetch');
      try {
        const t = await d.tenant();
        // The first answer to the booking is lost: late where the server can, else a server error once.
        const lost = d.wire;
        await d.fault(
          t,
          'book',
          lost ? { kind: 'late', delayMs: 2500, times: 1 } : { kind: 'status', status: 500, times: 1 },
        );
        const page = await mountJourney(d, t, { patient: null, form: true, options: lost ? { timeoutMs: 800 } : {} });
        await slotsOf(page.picker);
        slotButtons(page.picker)[0].click();
        await until(() => text(page.button).includes('Fill in your details'), 'no details hint');
        expect(enabled(page.button), 'Book before the details').to.equal(false);
        await fill(page.form!, np.details);
        await until(() => enabled(page.button), 'Book did not turn on with the details');
        const first = outcome(page.button);
        bookButton(page.button).click();
        const failed = await first;
        expect(isAppointment(failed), 'the first press fails').to.equal(false);
        expect((failed as BookingError).kind).to.equal(lost ? 'timeout' : 'upstream-unavailable');
        if (lost) await new Promise((resolve) => setTimeout(resolve, 2000)); // the late answer is long gone
        await until(() => enabled(page.button), 'Book cannot be pressed again');
        const again = outcome(page.button);
        bookButton(page.button).click();
        const booked = await again;
        expect(isAppointment(booked), `booking again: ${(booked as BookingError).message}`).to.equal(true);
        expect(booked).to.include({ status: 'booked' });
        // What the adapter sent, before this test's own searches below.
        const data = patientData(np.details);
        const urls = fetches.getCalls().map((c) => String(c.args[0] instanceof Request ? c.args[0].url : c.args[0]));
        if (d.log) urls.push(...(await d.log(t)).map((r) => `${r.path}${r.query}`));
        for (const url of urls)
          for (const s of data) expect(decoded(url), `${s} in a request URL`).not.to.contain(s.toLowerCase());
        expect(await np.records(t)).to.deep.equal({ patients: 1, appointments: 1 });
      } finally {
        fetches.restore();
        for (const type of types) document.removeEventListener(type, record);
      }
      expect(seen.map((e) => e.type)).to.include('booking-confirmed');
      for (const { type, detail } of seen) {
        const json = JSON.stringify(detail).toLowerCase();
        for (const s of patientData(np.details)) expect(json, `${s} in ${type}`).not.to.contain(s.toLowerCase());
      }
    },
  );

  add(
    'sign-in',
    'without a signed-in patient: a sign-in is asked for, the "Sign in to book" link comes back to the chosen time, and nothing books',
    declared('signIn') ??
      (books ? undefined : 'books no times, so a sign-in leads to nothing here') ??
      (d.journey.newPatient ? 'books for new patients, so it asks for their details instead' : undefined),
    async () => {
      const t = await d.tenant();
      const page = await mountJourney(d, t, { patient: null, signInUrl: SIGN_IN_URL });
      const noBook = () =>
        expect(
          all(page.button, 'button').filter((b) => b.getAttribute('aria-disabled') !== 'true'),
          'an enabled button',
        ).to.have.length(0);
      await until(() => text(page.button).includes('Sign in to book'), 'no sign-in before a time is chosen');
      expect(text(page.button)).to.include('Choose a time, then sign in to your patient account to book it.');
      noBook();
      await slotsOf(page.picker);
      slotButtons(page.picker)[0].click();
      const slot = page.picker.value!;
      const link = () => page.button.shadowRoot!.querySelector<HTMLAnchorElement>('a.button');
      await until(() => link()?.getAttribute('href')?.includes(RETURN_SLOT), 'the link does not keep the time');
      expect(link()!.textContent!.trim()).to.equal('Sign in to book');
      noBook();
      const href = new URL(link()!.getAttribute('href')!);
      expect(href.origin + href.pathname).to.equal(SIGN_IN_URL);
      const back = new URL(href.searchParams.get('return')!);
      expect(back.searchParams.get(RETURN_SLOT)).to.equal(slot.id);
      expect(back.searchParams.get(RETURN_AT)).to.equal(slot.start);
      for (const id of d.patients)
        expect(decoded(href.href), 'a patient id in the link').not.to.contain(id.toLowerCase());
      expect([...back.searchParams.keys()].filter((k) => /patient|name|birth|phone/i.test(k))).to.deep.equal([]);
      // Following it asks the page first (a portal may sign in itself); the test page stays.
      const asked = nextEvent<{ slot: Slot | null }>(page.root, 'booking-sign-in-required');
      page.root.addEventListener('booking-sign-in-required', (e) => e.preventDefault(), { once: true });
      const click = new MouseEvent('click', { bubbles: true, cancelable: true, composed: true });
      link()!.dispatchEvent(click);
      expect(click.defaultPrevented).to.equal(true);
      expect((await asked).slot?.id).to.equal(slot.id);
      noBook();
      if (d.log)
        expect(
          (await d.log(t)).filter((r) => r.op === 'book'),
          'book requests',
        ).to.have.length(0);
    },
  );

  const moves = d.journey.reschedule ? 'reschedule' : books && d.offers.cancel ? 'book-then-cancel' : undefined;
  add(
    'reschedule',
    `moves a booked appointment from the list (${moves ?? 'no move'}): appointment-rescheduled, one visit at the new time; a failed move keeps the old one`,
    moves
      ? d.offers.listAppointments
        ? d.journey.reschedule && !d.reschedule
          ? 'the backend file says not how to fail a reschedule'
          : undefined
        : 'lists no appointments to move'
      : 'neither reschedules nor books and cancels',
    async () => {
      const t = await d.tenant();
      const page = await mountJourney(d, t);
      await slotsOf(page.picker);
      await listLoaded(page.list);
      const bookedSlot = slotButtons(page.picker)[0].dataset.slotId!;
      slotButtons(page.picker)[0].click();
      await until(() => enabled(page.button), 'Book cannot be pressed');
      const booking = outcome(page.button);
      bookButton(page.button).click();
      const booked = await booking;
      expect(isAppointment(booked), `booking: ${(booked as BookingError).message}`).to.equal(true);
      const old = booked as Appointment;
      if (!d.journey.reschedule) expect(old.cancel, 'moved by cancelling it').to.equal('direct');

      const listed = async () => (await adapterOf(d, t)).listAppointments!({ patientId: d.patients[0] });
      const active = (a: Appointment) => a.status !== 'cancelled';
      const expectKept = async (at: Slot) => {
        const now = await listed();
        const still = now.find((a) => a.id === old.id);
        expect(still, 'the old appointment is still listed').not.to.equal(undefined);
        expect(still).to.include({ start: old.start, end: old.end });
        expect(active(still!), 'the old appointment is not cancelled').to.equal(true);
        expect(now.filter((a) => active(a) && a.start === at.start && a.id !== old.id)).to.have.length(0);
      };

      // A failing move first: the old appointment stays as it was.
      await until(() => listItems(page.list).some((li) => li.dataset.id === old.id), 'the booking is not listed');
      const fail = { kind: 'status', status: 500, times: 1 };
      if (d.journey.reschedule) await d.reschedule!.fault(t, fail);
      else await d.fault(t, 'book', fail);
      const failedAt = await startMove(page, old.id, bookedSlot);
      const failing = outcome(page.button);
      bookButton(page.button).click();
      const failed = await failing;
      expect(isAppointment(failed), 'the failing move fails').to.equal(false);
      await expectKept(failedAt);

      // Then the move: Move appointment.
      await until(() => enabled(page.button), 'Move appointment cannot be pressed again');
      if (!text(page.button).includes('Move appointment')) await startMove(page, old.id, bookedSlot);
      const to = page.picker.value!;
      expect(to.start).not.to.equal(old.start);
      const moved = nextEvent<{ appointment: Appointment; previous: Appointment }>(
        page.list,
        'appointment-rescheduled',
      );
      const moving = outcome(page.button);
      bookButton(page.button).click();
      const result = await moving;
      expect(isAppointment(result), `moving: ${(result as BookingError).message}`).to.equal(true);
      const { appointment, previous } = await moved;
      expect(previous.id).to.equal(old.id);
      expect(appointment).to.include({ start: to.start, end: to.end });
      await until(() => text(page.button).includes('Moved:'), 'the button does not say it moved');

      const now = await listed();
      const upcoming = now.filter((a) => active(a) && Date.parse(a.start) > Date.parse(d.now));
      expect(
        upcoming.filter((a) => a.start === to.start),
        'visits at the new time',
      ).to.have.length(1);
      const before = now.find((a) => a.id === old.id);
      if (before && before.id !== appointment.id) expect(before.status, 'the old one').to.equal('cancelled');
      if (before && before.id === appointment.id) expect(before.start, 'the old one moved').to.equal(to.start);
      expect(
        upcoming.filter((a) => a.start === old.start),
        'visits at the old time',
      ).to.have.length(0);
    },
  );

  return cases;
}

/** Registers the journey cases of a backend (those that apply), and prints which run and which do not. */
export function journeyConformance(d: JourneyBackend): void {
  const cases = journeyCases(d);
  describe(`${d.backend} journey conformance`, function () {
    this.timeout(30_000);
    before(() => {
      const runs = cases.filter((c) => !c.reason).map((c) => c.id);
      const not = cases.filter((c) => c.reason).map((c) => `${c.id} (${c.reason})`);
      console.log(`[journey-conformance] ${d.backend} runs ${runs.length}: ${runs.join(', ')}; not: ${not.join(', ')}`);
    });
    afterEach(() => sinon.restore());
    for (const c of cases) {
      if (!c.reason) it(c.title, () => c.run(d));
    }
  });
}
