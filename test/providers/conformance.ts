// One conformance suite for every backend (the model: unjs/unstorage test/drivers/utils.ts, one shared suite
// run per driver). A backend's `*.conformance.test.ts` describes it — how to reach its contract server, what it
// offers, how to arm a fault on it — and `conformance(backend)` registers every case that applies: the same
// assertions on what the patient sees and on what goes over the wire, for every backend. A case that does not
// apply (no booking, booking by redirect, no tokens, no wire) is not registered; `conformanceCases` says which
// run and why the others do not, and the suite prints that list when it starts.
//
// Everything a backend file keeps beside this is what is special to that backend.
import { expect, html } from '@open-wc/testing';
import { ifDefined } from 'lit/directives/if-defined.js';
import sinon from 'sinon';
import { BookingError } from '../../src/core/errors.js';
import type { Appointment, Slot, SlotQuery } from '../../src/core/model.js';
import type { BookingProvider, ProviderOptions } from '../../src/core/provider.js';
import { isValidZone } from '../../src/core/time.js';
import { loadBackend } from '../../src/providers/registry.js';
import {
  alertOf,
  armFault,
  bookAtOnce,
  buttonLabelled,
  chooseSlot,
  type Clinic,
  errorSentence,
  expectPatientSentence,
  failBooking,
  type Fault,
  fold,
  listItems,
  listLoaded,
  type LoggedRequest,
  mountClinic,
  mountProvider,
  nextEvent,
  one,
  pickerError,
  rejection,
  resetTenant,
  sentenceIn,
  serverLog,
  slotButtons,
  slotName,
  slotsOf,
  slotsSettled,
  tenantName,
  text,
  until,
} from '../helpers.js';

/** The operations of the provider contract (src/core/provider.ts) a case can be about. */
export type Operation = 'findSlots' | 'book' | 'listAppointments' | 'cancel' | 'confirm';

const OPERATIONS: Operation[] = ['findSlots', 'book', 'listAppointments', 'cancel', 'confirm'];

/** One isolated backend for one test: a contract-server tenant, or an in-browser clinic. */
export interface Tenant {
  name: string;
  /** The adapter's `base-url`; absent for an in-browser backend. */
  baseUrl?: string;
  /**
   * A ready adapter shared by every page of this tenant (an in-browser backend keeps its clinic in the adapter,
   * so two pages see one clinic only if they share it). Absent: each page loads the backend by name.
   */
  shared?: (options: ProviderOptions) => BookingProvider;
}

/** What the clinic page of a case shows: the picker's query and the list's filter. */
export interface Page {
  practitioner?: string;
  location?: string;
  service?: string;
  start?: string;
  days?: number;
  filter?: 'upcoming' | 'past' | 'all';
}

export interface ConformanceBackend {
  /** The registered backend name (`<booking-provider backend=…>`). */
  backend: string;
  /** How the adapter names the backend in its messages ("Canvas" in "Canvas did not answer within 1 s."). */
  label: string;
  /**
   * What it offers. Must equal the adapter's capabilities, except that `book: 'redirect'` (booking continues on
   * the clinic's site) is a `book` capability whose cases do not apply.
   */
  offers: Record<Exclude<Operation, 'book'>, boolean> & { book: 'api' | 'redirect' | false };
  /** The fixed clock of its pages. */
  now: string;
  /** Patients of the test clinic; the second one races the first for a slot. */
  patients: string[];
  /** Adapter options of every page. */
  options: ProviderOptions;
  page: Page;
  /** A fresh tenant; `setup` is what the contract server's `__test/reset` takes. */
  tenant(setup?: Record<string, unknown>): Promise<Tenant>;
  /** Arms a fault on one operation before any page is mounted (`op` is mapped to the server's operation). */
  fault(t: Tenant, op: Operation, fault: Fault): Promise<void>;
  /** The requests the tenant received (contract servers only: the wire cases need it). */
  log?(t: Tenant): Promise<LoggedRequest[]>;
  /** Expired-token handling: how a token getter is passed, which tokens the server refuses and takes. */
  tokens?: {
    options(getToken: (options: { refresh: boolean }) => Promise<string>): ProviderOptions;
    expired: string;
    fresh: string;
    /** `__test/reset` setup of a tenant that checks tokens. */
    setup?: Record<string, unknown>;
  };
  /** The server can answer slowly and send malformed bodies (a contract server over HTTP). */
  wire: boolean;
  /** Operations whose answer body the adapter does not read (so a malformed one cannot matter), and why. */
  unread?: Partial<Record<Operation, string>>;
  /**
   * The adapter keeps the backend's own error text in `error.message` (for developers), so markup in it must
   * never reach the page (patients read the sentence of the error's kind, never that text).
   */
  errorText?: boolean;
  /** Markup in what the backend says (names, places, notes): how to get it into a tenant. */
  markup?: {
    /** The texts the tenant then holds, each with markup; the first is also what a slot's name shows. */
    texts: string[];
    setup?: Record<string, unknown>;
    prepare?(t: Tenant): Promise<void>;
    options?: ProviderOptions;
    page?: Page;
  };
  /** The phone number the elements name where online booking is not offered (and the options that set it). */
  phone?: { number: string; options?: ProviderOptions };
  /** Server-side checks after two patients raced for one slot (e.g. both requests reached it, one booking). */
  race?(t: Tenant, slot: Slot): Promise<void>;
  /**
   * What the adapter's error must say, per case id: the backend's own words in `error.message` (exactly or by
   * pattern), its status and code. Whatever it says, the patient reads the sentence of the error's kind, and
   * never these words (`expectSentence`).
   */
  errors?: Partial<Record<string, ExpectedError>>;
}

export interface ExpectedError {
  message?: string | RegExp;
  status?: number;
  backendCode?: string;
}

export interface ConformanceCase {
  id: string;
  title: string;
  /** Why it does not apply to this backend; undefined when it runs. */
  reason?: string;
  run: (d: ConformanceBackend) => Promise<void>;
}

// ------------------------------------------------------------------------------------- contract servers

/**
 * The tenant, fault and log functions of a backend behind a contract server (test/servers/<backend>), through
 * the shared `__test` protocol. `ops` maps an operation to the server's operation name where they differ.
 */
export function contractServer(
  backend: string,
  {
    baseUrl = (name) => `/mock/${backend}/${name}`,
    prefix = backend,
    setup,
    ops = {},
  }: {
    baseUrl?: (name: string) => string;
    /** Tenant name prefix (some servers give prefixes a meaning, e.g. `xss`). */
    prefix?: string;
    /** `__test/reset` setup of every tenant (e.g. a fixed clock). */
    setup?: Record<string, unknown>;
    ops?: Partial<Record<Operation, string>>;
  } = {},
): Pick<ConformanceBackend, 'tenant' | 'fault' | 'log'> {
  const names: Record<Operation, string> = {
    findSlots: 'slots',
    book: 'book',
    listAppointments: 'list',
    cancel: 'cancel',
    confirm: 'confirm',
    ...ops,
  };
  return {
    async tenant(extra = {}) {
      const tenantPrefix = typeof extra.prefix === 'string' ? extra.prefix : prefix;
      const { prefix: _prefix, ...rest } = extra;
      const name = tenantName(tenantPrefix);
      if (setup || Object.keys(rest).length) await resetTenant(backend, name, { ...setup, ...rest });
      return { name, baseUrl: baseUrl(name) };
    },
    fault: (t, op, fault) => armFault(backend, t.name, { ...fault, op: names[op] }),
    log: (t) => serverLog(backend, t.name),
  };
}

// ------------------------------------------------------------------------------------------- pages

async function mountPage(
  d: ConformanceBackend,
  t: Tenant,
  {
    patient = 0,
    options = {},
    page = {},
    provider,
  }: {
    patient?: number;
    options?: ProviderOptions;
    page?: Page;
    /** A ready adapter for the page (a spied one); default: the tenant's shared one, else loaded by name. */
    provider?: BookingProvider;
  } = {},
): Promise<Clinic> {
  const p = { ...d.page, ...page };
  const merged = { ...d.options, ...options };
  return mountClinic(
    html`<booking-provider
      backend=${d.backend}
      base-url=${ifDefined(t.baseUrl)}
      patient=${ifDefined(d.patients[patient])}
      now=${d.now}
      locale="en-US"
      .options=${merged}
      .provider=${provider ?? t.shared?.(merged)}
    >
      <slot-picker
        view="list"
        practitioner=${ifDefined(p.practitioner)}
        location=${ifDefined(p.location)}
        service=${ifDefined(p.service)}
        start=${ifDefined(p.start)}
        days=${ifDefined(p.days)}
      ></slot-picker>
      <confirm-button></confirm-button>
      <appointment-list filter=${p.filter ?? 'upcoming'}></appointment-list>
    </booking-provider>`,
  );
}

/** An adapter of the tenant for direct calls, as a page of that patient would have it. */
export async function adapterOf(
  d: ConformanceBackend,
  t: Tenant,
  { patient = 0, options = {} }: { patient?: number; options?: ProviderOptions } = {},
): Promise<BookingProvider> {
  const merged = { ...d.options, ...options };
  if (t.shared) return t.shared(merged);
  const factory = await loadBackend(d.backend);
  return factory({ baseUrl: t.baseUrl, patientId: d.patients[patient], options: merged, now: () => new Date(d.now) });
}

/** The query of the page's picker, a day wider on each side. */
export function pageQuery(d: ConformanceBackend): SlotQuery {
  const day = 86_400_000;
  const from = Date.parse(`${d.page.start ?? d.now.slice(0, 10)}T00:00:00Z`) - day;
  return {
    start: new Date(from).toISOString(),
    end: new Date(from + ((d.page.days ?? 1) + 2) * day).toISOString(),
    practitionerId: d.page.practitioner || undefined,
    locationId: d.page.location || undefined,
    serviceId: d.page.service || undefined,
  };
}

/**
 * Spies on an operation of the backend's adapter for a page of the tenant with those options. An operation of
 * the adapter class is spied on its prototype (every instance, also the one the page loads); one an adapter
 * sets up per instance (Salesforce's list, only with `listAppointments: 'soql'`) on an instance, which the page
 * then has to use: `provider`.
 */
async function spyOn(
  d: ConformanceBackend,
  t: Tenant,
  op: Operation,
  options: ProviderOptions = {},
): Promise<{ spy: sinon.SinonSpy; provider?: BookingProvider }> {
  const adapter = await adapterOf(d, t, { options });
  const prototype = Object.getPrototypeOf(adapter) as Record<string, () => unknown>;
  if (typeof prototype[op] === 'function') return { spy: sinon.spy(prototype, op) };
  expect(adapter[op], `${op} of the adapter`).to.be.a('function');
  return { spy: sinon.spy(adapter as unknown as Record<string, () => unknown>, op), provider: adapter };
}

const CANONICAL = (value: string) => typeof value === 'string' && new Date(value).toISOString() === value;

function expectSlotShape(slot: Slot): void {
  expect(slot.id, 'slot id').to.be.a('string').and.not.equal('');
  expect(CANONICAL(slot.start), `start ${slot.start} is a UTC instant`).to.equal(true);
  expect(CANONICAL(slot.end), `end ${slot.end} is a UTC instant`).to.equal(true);
  expect(Date.parse(slot.end)).to.be.greaterThan(Date.parse(slot.start));
  expect(isValidZone(slot.timeZone), `zone ${slot.timeZone}`).to.equal(true);
  expect(['in-person', 'video', 'phone']).to.include(slot.mode);
}

function expectAppointmentShape(a: Appointment): void {
  expect(a.id, 'appointment id').to.be.a('string').and.not.equal('');
  expect(['proposed', 'pending', 'booked', 'arrived', 'fulfilled', 'cancelled', 'noshow', 'unknown']).to.include(
    a.status,
  );
  expect(CANONICAL(a.start), `start ${a.start} is a UTC instant`).to.equal(true);
  expect(CANONICAL(a.end), `end ${a.end} is a UTC instant`).to.equal(true);
  expect(Date.parse(a.end)).to.be.at.least(Date.parse(a.start));
  expect(isValidZone(a.timeZone), `zone ${a.timeZone}`).to.equal(true);
  expect(a.canConfirm).to.be.a('boolean');
  expect(['direct', 'request', 'none']).to.include(a.cancel);
}

/** The list row of an appointment id. */
const rowOf = (list: Element, id: string) => listItems(list).find((li) => li.dataset.id === id);

/** The first list row with a button labelled so. */
function rowWithButton(list: Element, label: RegExp): HTMLElement {
  const row = listItems(list).find((li) => [...li.querySelectorAll('button')].some((b) => label.test(b.textContent!)));
  if (!row) throw new Error(`no appointment with a ${label} button`);
  return row;
}

const CANCEL = /^\s*Cancel\s*$/;
const CONFIRM = /^\s*Confirm\s*$/;

/** Presses Cancel on a row and then "Yes, cancel" (only the latter if the question is still open). */
async function pressCancel(list: Element, id: string): Promise<void> {
  const asked = () => rowOf(list, id)?.querySelector<HTMLButtonElement>('.actions .danger');
  if (!asked()) buttonLabelled(rowOf(list, id)!, CANCEL).click();
  await until(asked, 'no cancel question');
  asked()!.click();
}

function pressConfirm(list: Element, id: string): void {
  buttonLabelled(rowOf(list, id)!, CONFIRM).click();
}

/** Presses the book button again; the appointment of `booking-confirmed`, or the error of `booking-failed`. */
function pressBook(clinic: Clinic): Promise<Appointment | BookingError> {
  const outcome = new Promise<Appointment | BookingError>((resolve) => {
    clinic.button.addEventListener(
      'booking-confirmed',
      (e) => resolve((e as CustomEvent<{ appointment: Appointment }>).detail.appointment),
      { once: true },
    );
    clinic.button.addEventListener(
      'booking-failed',
      (e) => resolve((e as CustomEvent<{ error: BookingError }>).detail.error),
      { once: true },
    );
  });
  one<HTMLButtonElement>(clinic.button, 'button[part="button"]').click();
  return outcome;
}

/** Checks an error against what the backend's descriptor expects for that case (the vendor's words, status, code). */
function expectError(d: ConformanceBackend, id: string, error: BookingError): void {
  const expected = d.errors?.[id];
  if (!expected) return;
  const { message, ...rest } = expected;
  if (typeof message === 'string') expect(error.message).to.equal(message);
  else if (message) expect(error.message).to.match(message);
  expect(error).to.include(rest);
}

/**
 * What every backend's error shows, whatever the backend said: the patient reads exactly the sentence of the
 * error's kind (with the clinic's phone where the adapter knows one), never the backend's words; those stay in
 * `error.message` for developers, as the descriptor expects them for that case.
 */
function expectSentence(d: ConformanceBackend, id: string, where: Element, shown: string, error: BookingError): void {
  expectError(d, id, error);
  expectPatientSentence(where, error, d.errors?.[id]?.message ?? error.message, shown);
}

/** The element tags a text with markup names (`<img …>` → img), none of which may be in the page. */
const tagsIn = (texts: string[]) => [...new Set(texts.flatMap((s) => [...s.matchAll(/<(\w+)/g)].map((m) => m[1])))];

function expectNoElements(clinic: Clinic, tags: string[]): void {
  const selector = tags.join(', ');
  for (const el of [clinic.picker, clinic.button, clinic.list])
    expect(el.shadowRoot!.querySelector(selector), `${el.localName} made markup from text`).to.equal(null);
  expect(clinic.provider.querySelector(selector), 'markup made in the page').to.equal(null);
  // The test page has scripts of its own; an injected image would be anywhere.
  expect(document.querySelector('img'), 'an image in the page').to.equal(null);
}

/** Records window.alert calls (markup that ran would call it). */
function stubAlert(): { calls: unknown[] } {
  const calls: unknown[] = [];
  sinon.stub(window, 'alert').callsFake((message?: unknown) => void calls.push(message));
  return { calls };
}

// ------------------------------------------------------------------------------------------- cases

const offered = (d: ConformanceBackend, op: Operation) => (op === 'book' ? d.offers.book === 'api' : d.offers[op]);

function notOffered(d: ConformanceBackend, op: Operation): string | undefined {
  if (op === 'book' && d.offers.book === 'redirect') return 'books by redirect to the clinic’s site';
  return offered(d, op) ? undefined : `offers no ${op}`;
}

/** The first operation a page loads: the slots, else the appointment list. */
const firstRead = (d: ConformanceBackend): Operation => (d.offers.findSlots ? 'findSlots' : 'listAppointments');

/**
 * The operation tried once through the elements of a fresh page, with a fault armed on it first (the first
 * slot chosen and booked, or the first appointment that offers the action confirmed or cancelled).
 */
interface Attempt {
  clinic: Clinic;
  /** Runs the operation once more through the elements; resolves when it is done or failed. */
  again(): Promise<void>;
  /** The element that shows the operation's error. */
  where: Element;
  /** Waits until the elements show the operation's error; the sentence they show (without Try again). */
  shown(): Promise<string>;
  /** Whether what the patient had is still there after the failure (the choice, the row's button). */
  kept(): void;
  /** The error the adapter gave. */
  error(): Promise<BookingError>;
}

async function attempt(
  d: ConformanceBackend,
  op: Operation,
  fault: Fault,
  options: ProviderOptions = {},
): Promise<Attempt> {
  const t = await d.tenant();
  await d.fault(t, op, fault);
  const { spy, provider } = await spyOn(d, t, op, options);
  const clinic = await mountPage(d, t, { options, provider });
  const { picker, button, list } = clinic;
  if (op === 'findSlots') {
    return {
      clinic,
      where: picker,
      shown: async () => {
        await until(() => pickerError(picker), 'the picker showed no error');
        return errorSentence(picker);
      },
      error: () => rejection(spy),
      kept: () => undefined,
      again: async () => {
        one<HTMLButtonElement>(picker, '[part="retry"]').click();
        await slotsOf(picker);
      },
    };
  }
  if (op === 'listAppointments') {
    return {
      clinic,
      where: list,
      shown: async () => {
        await listLoaded(list);
        return errorSentence(list);
      },
      error: () => rejection(spy),
      kept: () => undefined,
      again: async () => {
        one<HTMLButtonElement>(list, '[part="retry"]').click();
        await until(() => listItems(list).length > 0, 'Try again did not load the list');
      },
    };
  }
  if (op === 'book') {
    await slotsOf(picker);
    const chosen = slotButtons(picker)[0].dataset.slotId!;
    const failed = failBooking(clinic);
    return {
      clinic,
      where: button,
      shown: async () => {
        await failed;
        await until(() => alertOf(button), 'the button showed no error');
        return errorSentence(button);
      },
      error: () => failed,
      kept: () => expect(picker.value?.id, 'the chosen time is kept').to.equal(chosen),
      again: async () => {
        const outcome = await pressBook(clinic);
        expect(outcome, `booking again failed: ${(outcome as BookingError).message}`).not.to.be.instanceOf(
          BookingError,
        );
        expect(outcome).to.include({ status: 'booked' });
      },
    };
  }
  // cancel or confirm, on the first appointment that offers it
  await until(() => listItems(list).length > 0, 'no appointments listed');
  const label = op === 'cancel' ? CANCEL : CONFIRM;
  const id = rowWithButton(list, label).dataset.id!;
  const press = async () => (op === 'cancel' ? pressCancel(list, id) : pressConfirm(list, id));
  await press();
  return {
    clinic,
    where: list,
    shown: async () => {
      await until(() => rowOf(list, id)?.querySelector('[role="alert"]'), 'the appointment showed no error');
      return sentenceIn(rowOf(list, id)!.querySelector('[role="alert"]'));
    },
    error: () => rejection(spy),
    kept: () => {
      const row = rowOf(list, id)!;
      expect(row.querySelector('[part="badge"]')?.textContent).not.to.equal('Cancelled');
      const still = [...row.querySelectorAll('button')].some((b) => label.test(b.textContent!) || b.matches('.danger'));
      expect(still, `the ${op} button is still there`).to.equal(true);
    },
    again: async () => {
      const done = nextEvent<{ appointment: Appointment }>(
        list,
        op === 'cancel' ? 'appointment-cancelled' : 'appointment-confirmed',
      );
      await until(() => !rowOf(list, id)?.querySelector('[aria-disabled="true"]'), 'still busy');
      await press();
      const { appointment } = await done;
      expect(appointment.id).to.equal(id);
    },
  };
}

/** The cases of one backend, in order; those with a `reason` do not apply to it. */
export function conformanceCases(d: ConformanceBackend): ConformanceCase[] {
  const cases: ConformanceCase[] = [];
  const add = (id: string, title: string, reason: string | undefined, run: ConformanceCase['run']) =>
    cases.push({ id, title, reason, run });
  const needsWire = d.wire ? undefined : 'has no wire (in-browser)';

  add('capabilities', 'declares what it offers, and the elements say what it does not', undefined, async () => {
    const t = await d.tenant();
    const adapter = await adapterOf(d, t);
    const declared = adapter.capabilities;
    expect({
      findSlots: declared.findSlots,
      book: declared.book,
      listAppointments: declared.listAppointments,
      cancel: declared.cancel,
      confirm: declared.confirm,
    }).to.deep.equal({
      findSlots: d.offers.findSlots,
      book: d.offers.book !== false,
      listAppointments: d.offers.listAppointments,
      cancel: d.offers.cancel,
      confirm: d.offers.confirm,
    });
    // An operation is there exactly when it is declared: no stub that only throws not-supported.
    for (const op of OPERATIONS)
      if (declared[op]) expect(adapter[op], `${op} is declared, so it is there`).to.be.a('function');
      else expect(op in adapter, `${op} is not declared, so it is not there`).to.equal(false);
    const { picker, button, list } = await mountPage(d, t, { options: d.phone?.options });
    if (!d.offers.findSlots) {
      const phone = d.phone?.number;
      await until(() => text(picker).includes('Online booking is not offered'), 'the picker does not say so');
      expect(text(picker)).to.include(phone ? `Please call ${phone} to book.` : 'Please call the clinic to book.');
      if (phone)
        expect(one(picker, 'a[href^="tel:"]').getAttribute('href')).to.equal(`tel:${phone.replace(/[^+\d]/g, '')}`);
      expect(text(button)).to.include(`Online booking is not offered. Please call ${phone ?? 'the clinic'}.`);
    }
    if (!d.offers.listAppointments)
      await until(
        () => text(list).includes("This clinic's system does not list appointments online."),
        'the list does not say so',
      );
  });

  add(
    'slots',
    'offers its slots as the contract says, and the picker shows them',
    notOffered(d, 'findSlots'),
    async () => {
      const t = await d.tenant();
      const { picker } = await mountPage(d, t);
      const buttons = await slotsOf(picker);
      const slots = await (await adapterOf(d, t)).findSlots!(pageQuery(d));
      for (const slot of slots) expectSlotShape(slot);
      expect(new Set(slots.map((s) => s.id)).size, 'slot ids are unique').to.equal(slots.length);
      const ids = new Set(slots.map((s) => s.id));
      for (const b of buttons) {
        expect(ids.has(b.dataset.slotId!), `shown slot ${b.dataset.slotId} is one the adapter offers`).to.equal(true);
        expect(slotName(b)).to.match(/^\d{1,2}:\d{2} [AP]M \S+, \w+day, \w+ \d{1,2}, \d{4}/);
      }
    },
  );

  add(
    'book',
    'books the chosen time: confirmed as that slot, gone from the picker, listed, still gone on a fresh page',
    notOffered(d, 'book'),
    async () => {
      const t = await d.tenant();
      const clinic = await mountPage(d, t);
      await slotsOf(clinic.picker);
      await chooseSlot(clinic);
      const slot = clinic.picker.value!;
      const confirmed = nextEvent<{ appointment: Appointment }>(clinic.button, 'booking-confirmed');
      one<HTMLButtonElement>(clinic.button, 'button[part="button"]').click();
      const { appointment } = await confirmed;
      expectAppointmentShape(appointment);
      expect(appointment).to.include({ status: 'booked', start: slot.start, end: slot.end, timeZone: slot.timeZone });
      await until(() => text(clinic.button).includes('Booked: '), 'the button does not say it is booked');
      await until(
        () =>
          slotButtons(clinic.picker).length > 0 &&
          !slotButtons(clinic.picker).some((b) => b.dataset.slotId === slot.id),
        'the booked time is still offered',
      );
      if (d.offers.listAppointments) await until(() => rowOf(clinic.list, appointment.id), 'the booking is not listed');
      const fresh = await mountPage(d, t);
      await slotsSettled(fresh.picker);
      expect(
        slotButtons(fresh.picker).some((b) => b.dataset.slotId === slot.id),
        'a fresh page offers it',
      ).to.equal(false);
    },
  );

  add(
    'book-retry',
    'a retried booking (same idempotency key) gives the same appointment, not a second one',
    notOffered(d, 'book'),
    async () => {
      const t = await d.tenant();
      const adapter = await adapterOf(d, t);
      const [slot] = await adapter.findSlots!(pageQuery(d));
      const request = { slot, patientId: d.patients[0], idempotencyKey: 'conformance-retry' };
      const first = await adapter.book!(request);
      const again = await adapter.book!(request);
      if (first.kind !== 'booked' || again.kind !== 'booked')
        throw new Error(`not booked: ${first.kind}, ${again.kind}`);
      expect(again.appointment.id).to.equal(first.appointment.id);
    },
  );

  add(
    'taken',
    'a time someone else booked meanwhile: slot-unavailable, the patient sentence (the vendor text in the error detail), fresh times without it',
    notOffered(d, 'book') ?? (d.patients.length < 2 ? 'has one test patient' : undefined),
    async () => {
      const t = await d.tenant();
      const clinic = await mountPage(d, t);
      await slotsOf(clinic.picker);
      const id = slotButtons(clinic.picker)[0].dataset.slotId!;
      const other = await adapterOf(d, t, { patient: 1 });
      const slot = (await other.findSlots!(pageQuery(d))).find((s) => s.id === id)!;
      expect(slot, 'the other patient is offered the same time').not.to.equal(undefined);
      expect((await other.book!({ slot, patientId: d.patients[1], idempotencyKey: 'other' })).kind).to.equal('booked');
      const error = await failBooking(clinic);
      expect(error.kind).to.equal('slot-unavailable');
      await until(() => alertOf(clinic.button), 'the button does not say why');
      expectSentence(d, 'taken', clinic.button, errorSentence(clinic.button), error);
      await until(
        () => slotButtons(clinic.picker).length > 0 && !slotButtons(clinic.picker).some((b) => b.dataset.slotId === id),
        'the taken time is still offered',
      );
      expect(clinic.picker.value).to.equal(null);
    },
  );

  add(
    'race',
    'two patients book one slot at once: exactly one booking, the other told so with fresh times',
    notOffered(d, 'book') ?? (d.patients.length < 2 ? 'has one test patient' : undefined),
    async () => {
      const t = await d.tenant();
      const a = await mountPage(d, t, { patient: 0 });
      const b = await mountPage(d, t, { patient: 1 });
      await Promise.all([slotsOf(a.picker), slotsOf(b.picker)]);
      const slot = (await (await adapterOf(d, t)).findSlots!(pageQuery(d))).find(
        (s) => s.id === slotButtons(a.picker)[0].dataset.slotId,
      )!;
      const { loser, taken, error } = await bookAtOnce(a, b);
      expect(taken).to.equal(slot.id);
      expect(error.kind).to.equal('slot-unavailable');
      expectSentence(d, 'race', loser.button, errorSentence(loser.button), error);
      const fresh = await mountPage(d, t);
      await slotsSettled(fresh.picker);
      expect(
        slotButtons(fresh.picker).some((s) => s.dataset.slotId === taken),
        'a fresh page offers it',
      ).to.equal(false);
      await d.race?.(t, slot);
    },
  );

  add('list', 'lists the patient’s appointments as the contract says', notOffered(d, 'listAppointments'), async () => {
    const t = await d.tenant();
    const { list } = await mountPage(d, t);
    await listLoaded(list);
    const rows = listItems(list);
    expect(rows.length, 'appointments listed').to.be.greaterThan(0);
    const listed = await (await adapterOf(d, t)).listAppointments!({ patientId: d.patients[0] });
    for (const a of listed) expectAppointmentShape(a);
    const ids = new Set(listed.map((a) => a.id));
    expect(ids.size, 'appointment ids are unique').to.equal(listed.length);
    for (const row of rows) {
      expect(ids.has(row.dataset.id!), `listed ${row.dataset.id}`).to.equal(true);
      expect(fold(row.textContent)).to.match(/\w+day, \w+ \d{1,2}, \d{4}, \d{1,2}:\d{2} [AP]M/);
    }
  });

  add(
    'cancel',
    d.offers.book === 'api'
      ? 'cancels a booking from the list: cancelled, still on a fresh page, the time offered again'
      : 'cancels an appointment from the list: cancelled, still on a fresh page',
    notOffered(d, 'cancel') ?? (d.offers.listAppointments ? undefined : 'lists no appointments to cancel'),
    async () => {
      const t = await d.tenant();
      const clinic = await mountPage(d, t);
      let id: string;
      let slotId: string | undefined;
      if (d.offers.book === 'api') {
        await slotsOf(clinic.picker);
        slotId = slotButtons(clinic.picker)[0].dataset.slotId!;
        await chooseSlot(clinic);
        const booked = nextEvent<{ appointment: Appointment }>(clinic.button, 'booking-confirmed');
        one<HTMLButtonElement>(clinic.button, 'button[part="button"]').click();
        id = (await booked).appointment.id;
        await until(() => rowOf(clinic.list, id), 'the booking is not listed');
      } else {
        await listLoaded(clinic.list);
        id = rowWithButton(clinic.list, CANCEL).dataset.id!;
      }
      const cancelled = nextEvent<{ appointment: Appointment }>(clinic.list, 'appointment-cancelled');
      await pressCancel(clinic.list, id);
      const { appointment } = await cancelled;
      expect(appointment).to.include({ id, status: 'cancelled' });
      await until(
        () => rowOf(clinic.list, id)?.querySelector('[part="badge"]')?.textContent === 'Cancelled',
        'not shown as cancelled',
      );
      const fresh = await mountPage(d, t);
      await listLoaded(fresh.list);
      const row = rowOf(fresh.list, id);
      if (row) {
        expect(row.querySelector('[part="badge"]')?.textContent, 'on a fresh page').to.equal('Cancelled');
        expect(row.querySelectorAll('button'), 'nothing to do on a cancelled appointment').to.have.length(0);
      }
      if (slotId)
        await until(
          () => slotButtons(fresh.picker).some((b) => b.dataset.slotId === slotId),
          'the time is not offered again',
        );
    },
  );

  add(
    'confirm',
    'confirms an unconfirmed appointment from the list; it stays confirmed on a fresh page',
    notOffered(d, 'confirm'),
    async () => {
      const t = await d.tenant();
      const { list } = await mountPage(d, t);
      await listLoaded(list);
      const id = rowWithButton(list, CONFIRM).dataset.id!;
      const confirmed = nextEvent<{ appointment: Appointment }>(list, 'appointment-confirmed');
      pressConfirm(list, id);
      const { appointment } = await confirmed;
      expect(appointment).to.include({ id, status: 'booked', canConfirm: false });
      await until(
        () => ![...rowOf(list, id)!.querySelectorAll('button')].some((b) => CONFIRM.test(b.textContent!)),
        'the Confirm button is still there',
      );
      const fresh = await mountPage(d, t);
      await listLoaded(fresh.list);
      expect(
        [...rowOf(fresh.list, id)!.querySelectorAll('button')].some((b) => CONFIRM.test(b.textContent!)),
        'unconfirmed on a fresh page',
      ).to.equal(false);
    },
  );

  add('confirm-button', 'confirms through <confirm-button appointment>', notOffered(d, 'confirm'), async () => {
    const t = await d.tenant();
    const adapter = await adapterOf(d, t);
    const now = Date.parse(d.now);
    const target = (await adapter.listAppointments!({ patientId: d.patients[0] })).find(
      (a) => a.canConfirm && Date.parse(a.start) > now,
    )!;
    expect(target, 'an unconfirmed appointment').not.to.equal(undefined);
    const root = await mountProvider(
      html`<booking-provider
        backend=${d.backend}
        base-url=${ifDefined(t.baseUrl)}
        patient=${ifDefined(d.patients[0])}
        now=${d.now}
        locale="en-US"
        .options=${d.options}
        .provider=${t.shared?.(d.options)}
      >
        <confirm-button appointment=${target.id}></confirm-button>
      </booking-provider>`,
    );
    const button = root.querySelector('confirm-button')!;
    await button.updateComplete;
    const done = nextEvent<{ appointment: Appointment }>(button, 'booking-confirmed');
    one<HTMLButtonElement>(button, 'button').click();
    expect((await done).appointment).to.include({ id: target.id, status: 'booked' });
    await until(() => text(button).includes('Confirmed: '), 'no confirmation text');
  });

  for (const op of OPERATIONS) {
    add(
      `error:${op}`,
      `${op}: a server error (500) shows the patient sentence (the vendor text in the error detail), keeps what the patient had, and trying again works`,
      notOffered(d, op) ??
        ((op === 'cancel' || op === 'confirm') && !d.offers.listAppointments ? 'lists nothing' : undefined),
      async () => {
        const a = await attempt(d, op, { kind: 'status', status: 500, times: 1 });
        const shown = await a.shown();
        const error = await a.error();
        expect(error.kind).to.equal('upstream-unavailable');
        if (d.wire) expect(error.status).to.equal(500);
        expectSentence(d, `error:${op}`, a.where, shown, error);
        a.kept();
        await a.again();
      },
    );
  }

  for (const op of OPERATIONS) {
    add(
      `timeout:${op}`,
      `${op}: no answer within timeoutMs is a timeout: the patient sentence, the configured time in the error detail, and trying again works`,
      needsWire ??
        notOffered(d, op) ??
        ((op === 'cancel' || op === 'confirm') && !d.offers.listAppointments ? 'lists nothing' : undefined),
      async () => {
        const a = await attempt(d, op, { kind: 'slow', delayMs: 2500, times: 1 }, { timeoutMs: 600 });
        const shown = await a.shown();
        const error = await a.error();
        expect(error.kind).to.equal('timeout');
        // The exact time configured (600 ms), not rounded.
        expect(error.message).to.equal(`${d.label} did not answer within 600 ms.`);
        expectSentence(d, `timeout:${op}`, a.where, shown, error);
        a.kept();
        await new Promise((resolve) => setTimeout(resolve, 2000)); // the slow answer is long gone
        await a.again();
      },
    );
  }

  const tokens = d.tokens;
  add(
    'token-refresh',
    'an expired token is refreshed once per refused request (exact token calls), then it works',
    tokens ? undefined : 'takes no token',
    async () => {
      const t = await d.tenant(tokens!.setup);
      const calls: boolean[] = [];
      const getToken = async ({ refresh }: { refresh: boolean }) => (
        calls.push(refresh),
        refresh ? tokens!.fresh : tokens!.expired
      );
      const adapter = await adapterOf(d, t, { options: tokens!.options(getToken) });
      if (firstRead(d) === 'findSlots') expect(await adapter.findSlots!(pageQuery(d))).to.have.length.greaterThan(0);
      else expect(await adapter.listAppointments!({ patientId: d.patients[0] })).to.have.length.greaterThan(0);
      const log = await d.log!(t);
      const refused = log.filter((r) => r.status === 401).length;
      expect(refused, 'requests refused').to.be.greaterThan(0);
      expect(log.length, 'each refused request is sent once more').to.equal(2 * refused);
      expect(calls.filter((r) => !r).length, 'token asked once per request').to.equal(refused);
      expect(calls.filter((r) => r).length, 'refreshed once per refused request').to.equal(refused);
      expect(calls[0]).to.equal(false);
      if (refused === 1) expect(calls).to.deep.equal([false, true]);
      const page = await mountPage(d, await d.tenant(tokens!.setup), { options: tokens!.options(getToken) });
      if (d.offers.findSlots) await slotsOf(page.picker);
      if (d.offers.listAppointments) await until(() => listItems(page.list).length > 0, 'the list did not load');
    },
  );

  add(
    'token-refused',
    'a token refused again after its refresh is auth-expired (no loop, exact token calls): the patient sentence, the vendor text in the error detail',
    tokens ? undefined : 'takes no token',
    async () => {
      const t = await d.tenant(tokens!.setup);
      const calls: boolean[] = [];
      const getToken = async ({ refresh }: { refresh: boolean }) => (calls.push(refresh), tokens!.expired);
      const adapter = await adapterOf(d, t, { options: tokens!.options(getToken) });
      const read =
        firstRead(d) === 'findSlots'
          ? adapter.findSlots!(pageQuery(d))
          : adapter.listAppointments!({ patientId: d.patients[0] });
      const error = (await read.then(
        () => undefined,
        (e: unknown) => e,
      )) as BookingError;
      expect(error).to.be.instanceOf(BookingError);
      expect(error).to.include({ kind: 'auth-expired', status: 401 });
      expectError(d, 'token-refused', error);
      const log = await d.log!(t);
      expect(log.length, 'requests').to.be.greaterThan(0);
      expect(log.every((r) => r.status === 401)).to.equal(true);
      const sent = log.length / 2;
      expect(calls.filter((r) => !r).length, 'token asked once per request').to.equal(sent);
      expect(calls.filter((r) => r).length, 'refreshed once per request, then given up').to.equal(sent);
      expect(calls[0]).to.equal(false);
      if (sent === 1) expect(calls).to.deep.equal([false, true]);
      const second = await d.tenant(tokens!.setup);
      const { spy, provider } = await spyOn(d, second, firstRead(d), tokens!.options(getToken));
      const page = await mountPage(d, second, { options: tokens!.options(getToken), provider });
      const where = firstRead(d) === 'findSlots' ? page.picker : page.list;
      await (firstRead(d) === 'findSlots'
        ? until(() => pickerError(page.picker), 'the picker shows no error')
        : listLoaded(page.list));
      const seen = await rejection(spy);
      expect(seen.kind).to.equal('auth-expired');
      expectSentence(d, 'token-refused', where, errorSentence(where), seen);
      if (d.offers.findSlots && d.offers.listAppointments) {
        await listLoaded(page.list);
        expectSentence(d, 'token-refused', page.list, errorSentence(page.list), seen);
      }
    },
  );

  for (const op of ['findSlots', 'listAppointments', 'book'] as const) {
    add(
      `malformed:${op}`,
      `${op}: a malformed answer is a malformed-response that names the backend in the error detail; the patient sentence; nothing is lost`,
      needsWire ?? notOffered(d, op) ?? d.unread?.[op],
      async () => {
        const a = await attempt(d, op, { kind: 'malformed', times: 1 });
        const shown = await a.shown();
        const error = await a.error();
        expect(error.kind).to.equal('malformed-response');
        expect(error.message, 'it names the backend').to.include(d.label);
        expectSentence(d, `malformed:${op}`, a.where, shown, error);
        a.kept();
        await a.again();
      },
    );
  }

  const markup = d.markup;
  add(
    'markup',
    'renders markup in what the backend says as text, never as HTML',
    markup ? undefined : 'holds no text from a backend',
    async () => {
      const alerts = stubAlert();
      const m = markup!;
      const t = await d.tenant(m.setup);
      await m.prepare?.(t);
      const clinic = await mountPage(d, t, { options: m.options, page: m.page });
      const [name] = m.texts;
      if (d.offers.findSlots) {
        await slotsOf(clinic.picker);
        const slot = slotButtons(clinic.picker).find((b) => slotName(b).includes(name));
        expect(slot, `a slot named with ${name}`).not.to.equal(undefined);
        expect(text(clinic.picker)).to.include(name);
        slot!.click();
        await until(() => text(clinic.button).includes(name), 'the choice does not name it');
        if (d.offers.book === 'api') {
          const confirmed = nextEvent(clinic.button, 'booking-confirmed');
          one<HTMLButtonElement>(clinic.button, 'button[part="button"]').click();
          await confirmed;
          if (d.offers.listAppointments)
            await until(() => text(clinic.list).includes(name), 'the list does not name it');
        }
      } else {
        await listLoaded(clinic.list);
        for (const s of m.texts) expect(text(clinic.list)).to.include(s);
      }
      expectNoElements(clinic, tagsIn(m.texts));
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(alerts.calls).to.have.length(0);
    },
  );

  for (const op of [firstRead(d), 'book'] as const) {
    add(
      `markup-error:${op}`,
      `${op}: markup in the backend's error text never reaches the page; it stays, as text, in the error detail`,
      d.errorText ? notOffered(d, op) : 'puts its own words, not the backend’s, in a server error',
      async () => {
        const alerts = stubAlert();
        const evil = 'Down <img src=x onerror=alert(1)> for now';
        const a = await attempt(d, op, { kind: 'status', status: 500, message: evil, times: 1 });
        const shown = await a.shown();
        const error = await a.error();
        expect(error.kind).to.equal('upstream-unavailable');
        expectPatientSentence(a.where, error, evil, shown);
        expectNoElements(a.clinic, ['img']);
        await new Promise((resolve) => setTimeout(resolve, 50));
        expect(alerts.calls).to.have.length(0);
      },
    );
  }

  add(
    'events',
    'no event detail carries a native record, an error cause or the patient id unless include-native is set',
    undefined,
    async () => {
      const TYPES = ['slot-select', 'booking-confirmed', 'booking-failed', 'appointment-cancelled'] as const;
      const run = async (includeNative: boolean) => {
        const seen: { type: string; detail: unknown }[] = [];
        const record = (e: Event) => seen.push({ type: e.type, detail: (e as CustomEvent).detail });
        for (const type of [...TYPES, 'appointment-confirmed']) document.addEventListener(type, record);
        try {
          const t = await d.tenant();
          const clinic = await mountPage(d, t);
          clinic.provider.toggleAttribute('include-native', includeNative);
          if (d.offers.findSlots) {
            await slotsOf(clinic.picker);
            await chooseSlot(clinic);
            if (d.offers.book === 'api') {
              const confirmed = nextEvent(clinic.button, 'booking-confirmed');
              one<HTMLButtonElement>(clinic.button, 'button[part="button"]').click();
              await confirmed;
            }
          }
          if (d.offers.listAppointments && d.offers.cancel) {
            await listLoaded(clinic.list);
            await until(() => listItems(clinic.list).some((li) => li.querySelector('button')), 'nothing to cancel');
            const row = rowWithButton(clinic.list, CANCEL);
            const cancelled = nextEvent(clinic.list, 'appointment-cancelled');
            await pressCancel(clinic.list, row.dataset.id!);
            await cancelled;
          }
        } finally {
          for (const type of [...TYPES, 'appointment-confirmed']) document.removeEventListener(type, record);
        }
        return seen;
      };
      const minimal = await run(false);
      expect(minimal.length, 'the page fired careslot events').to.be.greaterThan(0);
      const patient = d.patients[0];
      for (const { type, detail } of minimal) {
        const json = JSON.stringify(detail);
        expect(json, `${type} carries no native record`).not.to.contain('"native"');
        expect(json, `${type} carries no error cause`).not.to.contain('"cause"');
        if (patient && patient.length >= 4) expect(json, `${type} carries no patient id`).not.to.contain(patient);
      }
      // Opted in, the records come along (where the adapter keeps one).
      const full = await run(true);
      const natives = full.filter(({ detail }) => JSON.stringify(detail).includes('"native"'));
      const adapterKeepsNative = minimal.some(({ type }) => type !== 'booking-failed');
      if (adapterKeepsNative) expect(natives.length, 'include-native passes native records').to.be.greaterThan(0);
    },
  );

  return cases;
}

/** Registers the conformance cases of a backend (those that apply), and prints which run and which do not. */
export function conformance(d: ConformanceBackend): void {
  const cases = conformanceCases(d);
  describe(`${d.backend} conformance`, function () {
    this.timeout(30_000);
    before(() => {
      const runs = cases.filter((c) => !c.reason).map((c) => c.id);
      const not = cases.filter((c) => c.reason).map((c) => `${c.id} (${c.reason})`);
      console.log(`[conformance] ${d.backend} runs ${runs.length}: ${runs.join(', ')}; not: ${not.join(', ')}`);
    });
    afterEach(() => sinon.restore());
    for (const c of cases) {
      if (!c.reason) it(c.title, () => c.run(d));
    }
  });
}
