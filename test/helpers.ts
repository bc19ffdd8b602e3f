import { expect, fixture, waitUntil } from '@open-wc/testing';
import { html, type TemplateResult } from 'lit';
import type sinon from 'sinon';
import { BookingError } from '../src/core/errors.js';
import type { Appointment } from '../src/core/model.js';
import '../src/define.js';
import type { BookingProviderElement } from '../src/elements/booking-provider/booking-provider.js';
import { patientText } from '../src/elements/shared/messages.js';

/** A Monday, 10:00 in New York: the fixed clock of most tests. */
export const NOW = '2026-03-02T15:00:00.000Z';

/** Mounts a template whose root is a <booking-provider>, waits for the adapter. */
export async function mountProvider(template: TemplateResult): Promise<BookingProviderElement> {
  const provider = await fixture<BookingProviderElement>(template);
  await waitUntil(() => provider.activeBackend, 'the backend did not load', { timeout: 5000 });
  return provider;
}

/** Everything in an element's shadow root matching a selector. */
export function all<T extends Element = HTMLElement>(el: Element, selector: string): T[] {
  return [...(el.shadowRoot?.querySelectorAll<T>(selector) ?? [])];
}

export function one<T extends Element = HTMLElement>(el: Element, selector: string): T {
  const found = el.shadowRoot?.querySelector<T>(selector);
  if (!found) throw new Error(`${el.localName}: nothing matches ${selector}`);
  return found;
}

/** Text a user sees in an element's shadow root (whitespace folded). */
export function text(el: Element): string {
  return (el.shadowRoot?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

export async function until(predicate: () => unknown, message: string, timeout = 5000): Promise<void> {
  await waitUntil(predicate, message, { timeout, interval: 20 });
}

/** Resolves with the detail of the next event of that type on the target. */
export function nextEvent<T>(target: EventTarget, type: string): Promise<T> {
  return new Promise((resolve) =>
    target.addEventListener(type, (e) => resolve((e as CustomEvent<T>).detail), { once: true }),
  );
}

/** The accessible names of a slot picker's time buttons (date, time, zone, practitioner, location, mode). */
export function slotNames(picker: Element): string[] {
  return all(picker, 'button.slot .name').map((n) => (n.textContent ?? '').trim());
}

/** Text folded to single spaces, as a user reads it. */
export function fold(value: string | null | undefined): string {
  return (value ?? '').replace(/\s+/g, ' ').trim();
}

// ------------------------------------------------------------------ a clinic page (the three elements)

/** The elements of a mounted clinic: the provider and its picker, button and appointment list. */
export interface Clinic {
  provider: BookingProviderElement;
  picker: HTMLElementTagNameMap['slot-picker'];
  button: HTMLElementTagNameMap['confirm-button'];
  list: HTMLElementTagNameMap['appointment-list'];
}

/**
 * Mounts a <booking-provider> template around a <slot-picker>, <confirm-button> and <appointment-list>,
 * waits for the adapter, and returns the four elements.
 */
export async function mountClinic(template: TemplateResult): Promise<Clinic> {
  const provider = await mountProvider(template);
  return {
    provider,
    picker: provider.querySelector('slot-picker')!,
    button: provider.querySelector('confirm-button')!,
    list: provider.querySelector('appointment-list')!,
  };
}

/**
 * A clinic page for one backend (picker for one practitioner from 2026-03-02 for two days, book button,
 * appointment list) at the fixed clock, once its slots have loaded.
 */
export async function mountBackendClinic(
  backend: string,
  baseUrl: string,
  { practitioner, patient, options }: { practitioner: string; patient: string; options: object },
): Promise<Clinic> {
  const clinic = await mountClinic(
    html`<booking-provider
      backend=${backend}
      base-url=${baseUrl}
      patient=${patient}
      now=${NOW}
      locale="en-US"
      .options=${options}
    >
      <slot-picker view="list" practitioner=${practitioner} start="2026-03-02" days="2"></slot-picker>
      <confirm-button></confirm-button>
      <appointment-list></appointment-list>
    </booking-provider>`,
  );
  await slotsSettled(clinic.picker);
  return clinic;
}

/** The slot picker's time buttons. */
export function slotButtons(picker: Element): HTMLButtonElement[] {
  return all<HTMLButtonElement>(picker, 'button.slot');
}

/** A slot button's accessible name (its visually hidden name, else aria-label), folded. */
export function slotName(button: Element): string {
  return fold(button.querySelector('.name')?.textContent ?? button.getAttribute('aria-label'));
}

/** Waits until the picker shows times, then returns their buttons. */
export async function slotsOf(picker: Element): Promise<HTMLButtonElement[]> {
  await until(() => slotButtons(picker).length > 0, 'no slots shown');
  return slotButtons(picker);
}

/** Waits until the picker shows times, nothing, or an error. */
export async function slotsSettled(picker: Element): Promise<void> {
  await until(
    () =>
      slotButtons(picker).length > 0 || picker.shadowRoot?.querySelector('[data-state="empty"], [data-state="error"]'),
    'slots did not load',
  );
}

/** The times shown per day row: [["12:00 AM EST", …], …]. */
export function timesByDay(picker: Element): string[][] {
  return all(picker, '[part="day"]').map((row) =>
    [...row.querySelectorAll('button.slot .time')].map((t) => fold(t.textContent)),
  );
}

/** The picker's error text ('' when it shows none). */
export function pickerError(picker: Element): string {
  return fold(picker.shadowRoot?.querySelector('[data-state="error"]')?.textContent);
}

/** Picks the index-th time and waits until the clinic's book button can be pressed. */
export async function chooseSlot(clinic: Pick<Clinic, 'picker' | 'button'>, index = 0): Promise<void> {
  slotButtons(clinic.picker)[index].click();
  await until(
    () => one(clinic.button, 'button[part="button"]').getAttribute('aria-disabled') === 'false',
    'book button not ready',
  );
}

/** Books the index-th time through the confirm button; the appointment of `booking-confirmed`. */
export async function bookSlot(clinic: Pick<Clinic, 'picker' | 'button'>, index = 0): Promise<Appointment> {
  await chooseSlot(clinic, index);
  const confirmed = nextEvent<{ appointment: Appointment }>(clinic.button, 'booking-confirmed');
  one<HTMLButtonElement>(clinic.button, 'button[part="button"]').click();
  return (await confirmed).appointment;
}

/** Tries to book the index-th time; the error of `booking-failed`. */
export async function failBooking(clinic: Pick<Clinic, 'picker' | 'button'>, index = 0): Promise<BookingError> {
  await chooseSlot(clinic, index);
  const failed = nextEvent<{ error: BookingError }>(clinic.button, 'booking-failed');
  one<HTMLButtonElement>(clinic.button, 'button[part="button"]').click();
  return (await failed).error;
}

/** 'booked', or the kind of the booking-failed error, of a confirm button's next outcome. */
export function outcomeOf(button: Element): Promise<string> {
  return new Promise((resolve) => {
    button.addEventListener('booking-confirmed', () => resolve('booked'), { once: true });
    button.addEventListener(
      'booking-failed',
      (e) => resolve((e as CustomEvent<{ error: BookingError }>).detail.error.kind),
      { once: true },
    );
  });
}

/**
 * Two patients choose the same first time and press Book at once. Asserts that exactly one wins, that the
 * loser is told the time is gone and sees fresh times without it; returns the loser, the taken slot id and
 * the loser's error.
 */
export async function bookAtOnce(a: Clinic, b: Clinic): Promise<{ loser: Clinic; taken: string; error: BookingError }> {
  const taken = slotButtons(a.picker)[0].dataset.slotId!;
  expect(slotButtons(b.picker)[0].dataset.slotId).to.equal(taken);
  await chooseSlot(a);
  await chooseSlot(b);
  const failures = [a, b].map((c) => nextEvent<{ error: BookingError }>(c.button, 'booking-failed'));
  const results = Promise.all([outcomeOf(a.button), outcomeOf(b.button)]);
  one<HTMLButtonElement>(a.button, 'button[part="button"]').click();
  one<HTMLButtonElement>(b.button, 'button[part="button"]').click();
  const [ra, rb] = await results;
  expect([ra, rb].sort()).to.deep.equal(['booked', 'slot-unavailable']);
  const loser = ra === 'booked' ? b : a;
  const { error } = await failures[ra === 'booked' ? 1 : 0];
  expect(alertOf(loser.button)).to.include('That time was just taken. Please choose another time.');
  await until(
    () => slotButtons(loser.picker).length > 0 && slotButtons(loser.picker)[0].dataset.slotId !== taken,
    'the loser still sees the taken time',
  );
  expect(slotButtons(loser.picker).some((s) => s.dataset.slotId === taken)).to.equal(false);
  expect((loser.picker as Element & { value: unknown }).value).to.equal(null);
  return { loser, taken, error };
}

/** The appointment list's rows. */
export function listItems(list: Element): HTMLElement[] {
  return all(list, 'li.item');
}

/** An element's error alert text ('' when it shows none). */
export function alertOf(el: Element): string {
  return fold(el.shadowRoot?.querySelector('[role="alert"]')?.textContent);
}

/** The text of an error region as the patient reads it, without its Try again button ('' for none). */
export function sentenceIn(region: Element | null | undefined): string {
  if (!region) return '';
  const copy = region.cloneNode(true) as Element;
  for (const retry of copy.querySelectorAll('[part="retry"]')) retry.remove();
  return fold(copy.textContent);
}

/** The error sentence an element shows: the picker's error state, else its first alert ('' when none). */
export function errorSentence(el: Element): string {
  const root = el.shadowRoot;
  return sentenceIn(root?.querySelector('[data-state="error"]') ?? root?.querySelector('[role="alert"]'));
}

/** The clinic's phone as the elements know it (the adapter's `phone`), which "Or call the clinic at …" names. */
export function clinicPhone(el: Element): string | undefined {
  return el.closest<BookingProviderElement>('booking-provider')?.activeBackend?.phone;
}

/**
 * The two sides of an error. The patient reads exactly the sentence of its kind (src/elements/shared/messages.ts,
 * with the clinic's phone where the adapter knows one) and none of the vendor's words; the developer gets the
 * vendor's words in `error.message` (the event detail, the rejected promise). `shown` is what the element
 * shows as its error; by default the element's own error sentence.
 */
export function expectPatientSentence(
  el: Element,
  error: BookingError,
  vendor: string | RegExp,
  shown = errorSentence(el),
): void {
  expect(shown, 'what the patient reads').to.equal(patientText(error, clinicPhone(el)));
  if (typeof vendor === 'string') {
    expect(text(el), "the vendor's words are not on screen").not.to.contain(vendor);
    expect(error.message, "the developer reads the vendor's words").to.contain(vendor);
  } else {
    expect(text(el), "the vendor's words are not on screen").not.to.match(vendor);
    expect(error.message, "the developer reads the vendor's words").to.match(vendor);
  }
}

/** Waits until the appointment list shows appointments, an error, or that there are none. */
export async function listLoaded(list: Element): Promise<void> {
  await until(
    () => listItems(list).length > 0 || alertOf(list) || list.shadowRoot?.querySelector('[data-state="empty"]'),
    'the appointment list did not load',
  );
}

/** The list row whose text includes the needle. */
export function listItem(list: Element, needle: string): HTMLElement {
  const found = listItems(list).find((li) => fold(li.textContent).includes(needle));
  if (!found)
    throw new Error(
      `no appointment with "${needle}" in: ${listItems(list)
        .map((li) => fold(li.textContent))
        .join(' | ')}`,
    );
  return found;
}

/** The button inside scope whose text matches. */
export function buttonLabelled(scope: Element, label: RegExp): HTMLButtonElement {
  const found = [...scope.querySelectorAll('button')].find((b) => label.test(b.textContent ?? ''));
  if (!found) throw new Error(`no button ${label}`);
  return found;
}

/**
 * The BookingError a spied adapter method rejected with when an element called it (the element shows only the
 * patient sentence; this is what the developer gets). Spy on the adapter class's prototype before the page loads.
 */
export async function rejection(spy: sinon.SinonSpy): Promise<BookingError> {
  const watched = new Set<Promise<unknown>>();
  let error: unknown;
  await until(
    () => {
      for (const p of spy.returnValues as Promise<unknown>[]) {
        if (watched.has(p)) continue;
        watched.add(p);
        p.catch((e: unknown) => (error ??= e));
      }
      return error;
    },
    `${String(spy.name)} did not fail`,
    10_000,
  );
  expect(error, `${String(spy.name)} rejected with something else`).to.be.instanceOf(BookingError);
  return error as BookingError;
}

// ----------------------------------------------------- contract servers (test/servers/<backend>)
// Each tenant (first path segment after /mock/<backend>/) is its own isolated backend. Every server answers
// the one test-control protocol of test/servers/harness.mjs under /mock/<backend>/<tenant>/__test/: reset,
// fault, log and (some) data. What each server's setup keys, operations and fault kinds are is described at
// the top of its server.mjs.

/** A fault armed on a contract server: the one shape every server takes (test/servers/harness.mjs). */
export interface Fault {
  /** The server's operation name (`slots`, `book`, `list`, …); absent or `*`: every operation. */
  op?: string;
  method?: string;
  /** A prefix of the path and query after the tenant, e.g. `/Slot?`. */
  path?: string;
  /** `status`, `slow`, `late`, `malformed`, `unexpected`, `expired-token`, `raw`, or one of the server's own. */
  kind: string;
  status?: number;
  /** Replaces the vendor's error text where its error body has one. */
  message?: string;
  /** The body of a `raw` fault, verbatim. */
  body?: string;
  delayMs?: number;
  /** How many matching requests it hits; default: every one. */
  times?: number;
  /** A server's own fields (e.g. the FHIR issue `code` and `expression`). */
  [extra: string]: unknown;
}

/** One request a contract server received (never its headers); servers add what they check. */
export interface LoggedRequest {
  method: string;
  /** The path after the tenant. */
  path: string;
  /** `""` or `"?…"`. */
  query: string;
  /** The server's operation name. */
  op?: string;
  /** The status of its answer. */
  status?: number;
}

let tenantCount = 0;

/** A fresh tenant name; some servers give prefixes a meaning (e.g. `slow-…`, `xss-…`). */
export function tenantName(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${tenantCount++}`;
}

async function testControl(backend: string, tenant: string, what: string, init?: RequestInit): Promise<Response> {
  const response = await fetch(`/mock/${backend}/${tenant}/__test/${what}`, init);
  if (!response.ok)
    throw new Error(`${init?.method ?? 'GET'} ${backend} __test/${what}: ${response.status} ${await response.text()}`);
  return response;
}

/** Resets a tenant to its seed with a server's setup keys (a clock, quirks, names): POST __test/reset. */
export async function resetTenant(backend: string, tenant: string, setup: Record<string, unknown> = {}): Promise<void> {
  await testControl(backend, tenant, 'reset', { method: 'POST', body: JSON.stringify(setup) });
}

/** A fresh tenant, reset with that setup: its name. */
export async function setUpTenant(backend: string, prefix: string, setup: Record<string, unknown>): Promise<string> {
  const name = tenantName(prefix);
  await resetTenant(backend, name, setup);
  return name;
}

/** Arms faults on a tenant: POST __test/fault. */
export async function armFault(backend: string, tenant: string, fault: Fault | Fault[]): Promise<void> {
  await testControl(backend, tenant, 'fault', { method: 'POST', body: JSON.stringify(fault) });
}

/** Every request the tenant received, oldest first: GET __test/log. `Extra` types what the server adds. */
export async function serverLog<Extra extends object = object>(
  backend: string,
  tenant: string,
): Promise<(LoggedRequest & Extra)[]> {
  const log = (await (await testControl(backend, tenant, 'log')).json()) as { requests: (LoggedRequest & Extra)[] };
  return log.requests;
}

/** The tenant's data in the server's own format (kp-mycare JSON, medfusion XML): GET __test/data. */
export async function tenantData(backend: string, tenant: string): Promise<string> {
  return (await testControl(backend, tenant, 'data')).text();
}

/** Replaces the tenant's data (a string as it is, anything else as JSON): PUT __test/data. */
export async function putTenantData(backend: string, tenant: string, data: unknown): Promise<void> {
  const body = typeof data === 'string' ? data : JSON.stringify(data);
  await testControl(backend, tenant, 'data', { method: 'PUT', body });
}
