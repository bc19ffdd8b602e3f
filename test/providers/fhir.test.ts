import { expect, html } from '@open-wc/testing';
import sinon from 'sinon';
import { isAbortError } from '../../src/core/errors.js';
import type { Appointment } from '../../src/core/model.js';
import type { BookingError } from '../../src/core/errors.js';
import { FhirProvider } from '../../src/providers/fhir/index.js';
import {
  alertOf,
  all,
  armFault,
  errorSentence,
  expectPatientSentence,
  type Fault,
  mountProvider,
  nextEvent,
  one,
  rejection,
  resetTenant,
  serverLog,
  text,
  until,
} from '../helpers.js';

// The `fhir` adapter against Medplum's FHIR engine (test/servers/fhir/server.mjs) over real HTTP, through
// the elements: what is special to FHIR (the cases every backend shares are in fhir.conformance.test.ts). Every test has its own tenant, so its own fresh engine and seed data.
// Seed: Dr. Ana Ruiz (pr-ruiz) at Harbor Family Clinic, New York (timezone extension), 9:00, 9:30, 10:00;
// a practitioner named `<img src=x onerror=alert(1)>` (pr-xss) in Phoenix; Dr. Sam Lee (pr-lee) at a
// Chicago clinic without the extension. Weekdays 2026-03-02 … 2026-03-13; US DST starts 2026-03-08.

const NOW = '2026-03-02T15:00:00.000Z';
let counter = 0;

function tenant(kind = 'plain'): string {
  counter += 1;
  return `${kind}-${Date.now().toString(36)}-${counter}-${Math.random().toString(36).slice(2, 8)}`;
}

/** The tenant of a base URL `/mock/fhir/<tenant>`. */
const tenantOf = (base: string) => base.split('/')[3];

/** Resets the tenant with the server's switches (requireToken, pageSize, guard, include). */
const setUp = (base: string, setup: Record<string, unknown>) => resetTenant('fhir', tenantOf(base), setup);

/** Arms faults on the tenant (see test/servers/fhir/server.mjs). */
const arm = (base: string, ...faults: Fault[]) => armFault('fhir', tenantOf(base), faults);

interface Logged {
  ifMatch?: string;
  ifNoneExist?: string;
}

/** Every FHIR call the tenant received, with its conditional headers and answer status. */
const requestLog = (base: string) => serverLog<Logged>('fhir', tenantOf(base));

const slotStatusOf = async (base: string, id: string): Promise<string> =>
  (await (await fetch(`${base}/Slot/${id}`)).json()).status;

/** 'booked', or the kind of the booking-failed error, of a confirm button's next outcome. */
function outcomeOf(el: Element): Promise<string> {
  return new Promise<string>((resolve) => {
    el.addEventListener('booking-confirmed', () => resolve('booked'), { once: true });
    el.addEventListener(
      'booking-failed',
      (e) => resolve((e as CustomEvent<{ error: { kind: string } }>).detail.error.kind),
      { once: true },
    );
  });
}

/** Presses the confirm button; the error of `booking-failed`. */
async function failBook(button: Element): Promise<BookingError> {
  const failed = nextEvent<{ error: BookingError }>(button, 'booking-failed');
  one<HTMLButtonElement>(button, 'button.primary').click();
  return (await failed).error;
}

interface MountOptions {
  base: string;
  patient?: string;
  practitioner?: string;
  start?: string;
  days?: number;
  options?: Record<string, unknown>;
}

async function mount({
  base,
  patient = 'pat-1',
  practitioner = 'pr-ruiz',
  start = '2026-03-06',
  days = 4,
  options = {},
}: MountOptions) {
  const provider = await mountProvider(
    html`<booking-provider backend="fhir" base-url=${base} patient=${patient} now=${NOW} .options=${options}>
      <slot-picker view="list" practitioner=${practitioner} start=${start} days=${days}></slot-picker>
      <confirm-button></confirm-button>
      <appointment-list></appointment-list>
    </booking-provider>`,
  );
  const picker = provider.querySelector('slot-picker')!;
  const button = provider.querySelector('confirm-button')!;
  const list = provider.querySelector('appointment-list')!;
  return { provider, picker, button, list };
}

/** A slot button's accessible name: its aria-label, or the visually hidden name inside it. */
function nameOf(button: HTMLButtonElement): string {
  return (button.getAttribute('aria-label') ?? button.querySelector('.name')?.textContent ?? '').trim();
}

const slotButtons = (picker: Element) => all<HTMLButtonElement>(picker, 'button.slot');

async function slotsShown(picker: Element, timeout = 8000): Promise<HTMLButtonElement[]> {
  await until(
    () => slotButtons(picker).length > 0 || picker.shadowRoot?.querySelector('[data-state="error"]'),
    'no slots or error shown',
    timeout,
  );
  return slotButtons(picker);
}

function labelled(buttons: HTMLButtonElement[], part: string): HTMLButtonElement {
  const found = buttons.find((b) => nameOf(b)?.includes(part));
  if (!found) throw new Error(`no slot labelled with "${part}" among ${buttons.map((b) => nameOf(b)).join(' | ')}`);
  return found;
}

async function book(button: Element): Promise<Appointment> {
  const confirmed = nextEvent<{ appointment: Appointment }>(button, 'booking-confirmed');
  one<HTMLButtonElement>(button, 'button.primary').click();
  return (await confirmed).appointment;
}

describe('fhir backend (Medplum engine over HTTP)', function () {
  this.timeout(30_000);

  it('shows slots at the clinic’s local times across the DST change, with zone, practitioner and location', async () => {
    const { picker } = await mount({ base: `/mock/fhir/${tenant()}` });
    const buttons = await slotsShown(picker);
    const labels = buttons.map((b) => nameOf(b) ?? '');
    // Friday before the change: EST; Monday after: EDT. Same wall-clock times, an hour apart in UTC.
    expect(labels).to.have.length(6);
    expect(labels[0]).to.equal(
      '9:00 AM EST, Friday, March 6, 2026, 6:00 AM your time, Dr. Ana Ruiz, Harbor Family Clinic, In person',
    );
    expect(labels[3]).to.equal(
      '9:00 AM EDT, Monday, March 9, 2026, 6:00 AM your time, Dr. Ana Ruiz, Harbor Family Clinic, In person',
    );
    expect(labels.map((l) => l.split(',')[0])).to.deep.equal([
      '9:00 AM EST',
      '9:30 AM EST',
      '10:00 AM EST',
      '9:00 AM EDT',
      '9:30 AM EDT',
      '10:00 AM EDT',
    ]);
    expect(buttons[0].querySelector('.visible')?.textContent?.replace(/\s+/g, ' ').trim()).to.equal(
      '9:00 AM EST 6:00 AM your time',
    );
    // Weekend rows are absent: the grid has Friday and Monday only.
    expect(all(picker, '[role="row"]').map((r) => r.querySelector('[role="rowheader"]')?.textContent)).to.deep.equal([
      'Friday, March 6, 2026',
      'Monday, March 9, 2026',
    ]);
  });

  it('reads a zone without DST from the extension, and a zone from the option or the offset otherwise', async () => {
    const base = `/mock/fhir/${tenant()}`;
    const { picker } = await mount({ base, practitioner: 'pr-xss', start: '2026-03-06', days: 4 });
    const phoenix = (await slotsShown(picker)).map((b) => nameOf(b) ?? '');
    // Phoenix stays on MST; after the change it reads the same clock as Los Angeles, so no "your time".
    expect(phoenix[0]).to.match(/^10:00 AM MST, Friday, March 6, 2026, 9:00 AM your time, /);
    expect(phoenix[2]).to.match(
      /^10:00 AM MST, Monday, March 9, 2026, <img src=x onerror=alert\(1\)>, Desert Springs Clinic/,
    );

    const configured = await mount({
      base,
      practitioner: 'pr-lee',
      options: { locationTimeZones: { 'loc-chi': 'America/Chicago' } },
    });
    const chicago = (await slotsShown(configured.picker)).map((b) => nameOf(b) ?? '');
    expect(chicago).to.deep.equal([
      '9:00 AM CST, Friday, March 6, 2026, 7:00 AM your time, Dr. Sam Lee, Lakeshore Clinic, In person',
      '9:00 AM CDT, Monday, March 9, 2026, 7:00 AM your time, Dr. Sam Lee, Lakeshore Clinic, In person',
    ]);

    // No extension, no option: the offset in the instant is the guess, still the right wall clock.
    const guessed = await mount({ base, practitioner: 'pr-lee' });
    const slotSelected = nextEvent<{ slot: { timeZone: string; timeZoneSource?: string } }>(
      guessed.picker,
      'slot-select',
    );
    const offsetButtons = await slotsShown(guessed.picker);
    expect(offsetButtons.map((b) => nameOf(b)?.split(', ')[0])).to.deep.equal(['9:00 AM GMT-6', '9:00 AM GMT-5']);
    offsetButtons[0].click();
    const { slot } = await slotSelected;
    expect(slot.timeZone).to.equal('UTC-06:00');
    expect(slot.timeZoneSource).to.equal('offset');
  });

  it('books with a plain POST (no $book): the slot becomes busy and the appointment is listed', async () => {
    const base = `/mock/fhir/${tenant()}`;
    const { provider, picker, button, list } = await mount({ base });
    expect(provider.activeBackend!.capabilities.hold).to.equal(false);
    const target = labelled(await slotsShown(picker), 'Monday, March 9');
    target.click();
    const appointment = await book(button);
    expect(appointment).to.include({
      status: 'booked',
      start: '2026-03-09T13:00:00.000Z',
      end: '2026-03-09T13:30:00.000Z',
      timeZone: 'America/New_York',
    });
    expect(text(button)).to.contain('Booked: 9:00 AM EDT, Monday, March 9, 2026');
    // The slot list reloads without the booked time; the appointment list shows it.
    await until(() => slotButtons(picker).length === 5, 'slot not removed');
    await until(() => text(list).includes('Monday, March 9, 2026'), 'appointment not listed');
    const slot = await (await fetch(`${base}/Slot/sl-ruiz-20260309-0900`)).json();
    expect(slot.status).to.equal('busy');
    const search = await (await fetch(`${base}/Appointment?slot=Slot/sl-ruiz-20260309-0900`)).json();
    expect(search.entry).to.have.length(1);
    expect(
      search.entry[0].resource.participant.map((p: { actor: { reference: string } }) => p.actor.reference),
    ).to.deep.equal(['Patient/pat-1', 'Practitioner/pr-ruiz', 'Location/loc-ny']);
  });

  it('holds on selection, releases on change and books with $hold/$book where the server offers them', async () => {
    const base = `/mock/fhir/${tenant('ops')}`;
    const { provider, picker, button } = await mount({ base });
    const buttons = await slotsShown(picker);
    expect(provider.activeBackend!.capabilities.hold).to.equal(true);
    const slotStatus = async (id: string) => (await (await fetch(`${base}/Slot/${id}`)).json()).status;

    labelled(buttons, 'Friday, March 6').click();
    await until(async () => (await slotStatus('sl-ruiz-20260306-0900')) === 'busy-tentative', 'first slot not held');
    // Changing the selection releases the first hold and holds the new slot.
    labelled(buttons, '9:30 AM EDT').click();
    await until(
      async () =>
        (await slotStatus('sl-ruiz-20260306-0900')) === 'free' &&
        (await slotStatus('sl-ruiz-20260309-0930')) === 'busy-tentative',
      'hold not moved',
    );

    const appointment = await book(button);
    expect(appointment).to.include({
      status: 'booked',
      start: '2026-03-09T13:30:00.000Z',
      timeZone: 'America/New_York',
    });
    expect(await slotStatus('sl-ruiz-20260309-0930')).to.equal('busy');
    // The hold became the booking: releasing after booking must not cancel it.
    await new Promise((r) => setTimeout(r, 300));
    const stored = await (await fetch(`${base}/Appointment/${appointment.id}`)).json();
    expect(stored.status).to.equal('booked');
    expect(await slotStatus('sl-ruiz-20260309-0930')).to.equal('busy');
  });

  for (const { kind, guard, label } of [
    { kind: 'plain', guard: true, label: 'If-Match on the Slot' },
    { kind: 'plain', guard: false, label: 'If-Match on the Slot, server without a double booking guard' },
    { kind: 'ops', guard: true, label: '$hold/$book' },
  ]) {
    it(`lets exactly one of two patients book the same slot (${label})`, async () => {
      const base = `/mock/fhir/${tenant(kind)}`;
      await setUp(base, { guard });
      const a = await mount({ base, patient: 'pat-1' });
      const b = await mount({ base, patient: 'pat-2' });
      const [slotsA, slotsB] = [await slotsShown(a.picker), await slotsShown(b.picker)];
      labelled(slotsA, '10:00 AM EDT').click();
      labelled(slotsB, '10:00 AM EDT').click();
      await new Promise((r) => setTimeout(r, 200));
      // Both read the free Slot (same version) before either claims it: the first read is answered late,
      // after the other patient's claim, so only the version check (If-Match) can refuse the second claim.
      if (kind === 'plain')
        await arm(base, { path: '/Slot/sl-ruiz-20260309-1000', method: 'GET', kind: 'late', delayMs: 400, times: 1 });
      const results = Promise.all([outcomeOf(a.button), outcomeOf(b.button)]);
      const failures = [a, b].map((c) => nextEvent<{ error: BookingError }>(c.button, 'booking-failed'));
      one<HTMLButtonElement>(a.button, 'button.primary').click();
      one<HTMLButtonElement>(b.button, 'button.primary').click();
      const [ra, rb] = await results;
      expect([ra, rb].sort()).to.deep.equal(['booked', 'slot-unavailable']);
      const loser = ra === 'booked' ? b : a;
      // The loser reads that the time was just taken; the adapter's words are for developers.
      const { error } = await failures[ra === 'booked' ? 1 : 0];
      await until(() => alertOf(loser.button), 'the loser is not told');
      expect(errorSentence(loser.button)).to.equal('That time was just taken. Please choose another time.');
      expectPatientSentence(loser.button, error, 'no longer available');
      // The loser sees fresh slots without the taken one.
      await until(() => slotButtons(loser.picker).length === 5, 'loser did not get fresh slots');
      expect(slotButtons(loser.picker).some((s) => nameOf(s)?.startsWith('10:00 AM EDT'))).to.equal(false);
      const search = await (await fetch(`${base}/Appointment?slot=Slot/sl-ruiz-20260309-1000&status=booked`)).json();
      expect(search.entry).to.have.length(1);
      if (kind === 'plain') {
        const log = await requestLog(base);
        const claims = log.filter((r) => r.method === 'PUT' && r.path === '/Slot/sl-ruiz-20260309-1000');
        // Both claimed the version they read; the server refused the second with 412.
        expect(claims).to.have.length(2);
        expect(claims.map((r) => r.ifMatch)).to.deep.equal([claims[0].ifMatch, claims[0].ifMatch]);
        expect(claims[0].ifMatch).to.match(/^W\/"[^"]+"$/);
        expect(claims.map((r) => r.status).sort()).to.deep.equal([200, 412]);
        const creates = log.filter((r) => r.method === 'POST' && r.path === '/Appointment');
        expect(creates).to.have.length(1);
        expect(creates[0].ifNoneExist).to.match(/^identifier=urn%3Acareslot%3Abooking%7C.+/);
      }
    });
  }

  it('gives the Slot back when the server refuses the Appointment (500): the patient sentence, the reason in the error detail', async () => {
    const base = `/mock/fhir/${tenant()}`;
    await arm(base, {
      path: '/Appointment',
      method: 'POST',
      kind: 'status',
      status: 500,
      message: 'Appointment store unavailable.',
      times: 1,
    });
    const { picker, button } = await mount({ base });
    labelled(await slotsShown(picker), 'Monday, March 9').click();
    const error = await failBook(button);
    expect(error).to.include({ kind: 'upstream-unavailable', message: 'Appointment store unavailable.' });
    await until(() => alertOf(button), 'the alert does not say why');
    expectPatientSentence(button, error, 'Appointment store unavailable.');
    expect(await slotStatusOf(base, 'sl-ruiz-20260309-0900')).to.equal('free');
    const log = await requestLog(base);
    const puts = log.filter((r) => r.method === 'PUT' && r.path === '/Slot/sl-ruiz-20260309-0900');
    // Claimed with the version read, given back with the version of the claim.
    expect(puts.map((r) => r.status)).to.deep.equal([200, 200]);
    expect(puts[0].ifMatch).to.match(/^W\/"[^"]+"$/);
    expect(puts[1].ifMatch).to.match(/^W\/"[^"]+"$/);
    expect(puts[1].ifMatch).to.not.equal(puts[0].ifMatch);
    const search = await (await fetch(`${base}/Appointment?slot=Slot/sl-ruiz-20260309-0900`)).json();
    expect(search.entry ?? []).to.have.length(0);
    // Still offered: the time can be booked after all.
    expect(slotButtons(picker).some((b) => nameOf(b).startsWith('9:00 AM EDT'))).to.equal(true);
  });

  it('after a timeout leaves the Slot busy, and a retry with the same idempotency key finds the first booking', async () => {
    const base = `/mock/fhir/${tenant()}`;
    // The server creates the appointment but answers only after the adapter has given up.
    await arm(base, { path: '/Appointment', method: 'POST', kind: 'late', delayMs: 1500, times: 1 });
    const { provider } = await mount({ base, options: { timeoutMs: 600 } });
    const backend = provider.activeBackend!;
    const [slot] = (
      await backend.findSlots!({
        start: '2026-03-09T00:00:00Z',
        end: '2026-03-10T00:00:00Z',
        practitionerId: 'pr-ruiz',
      })
    ).filter((s) => s.start === '2026-03-09T13:00:00.000Z');
    const request = { slot, patientId: 'pat-1', idempotencyKey: 'retry-key-1' };
    const first = await backend.book!(request).then(
      () => undefined,
      (e: BookingError) => e,
    );
    expect(first?.kind).to.equal('timeout');
    await until(
      async () =>
        (await (await fetch(`${base}/Appointment?identifier=urn:careslot:booking|retry-key-1`)).json()).entry
          ?.length === 1,
      'the late booking was not stored',
      4000,
    );
    expect(await slotStatusOf(base, 'sl-ruiz-20260309-0900')).to.equal('busy');
    const stored = (await (await fetch(`${base}/Appointment?identifier=urn:careslot:booking|retry-key-1`)).json())
      .entry[0].resource;
    const again = await backend.book!(request);
    if (again.kind !== 'booked') throw new Error(`not booked: ${again.kind}`);
    expect(again.appointment).to.include({ id: stored.id, status: 'booked', start: '2026-03-09T13:00:00.000Z' });
    const search = await (await fetch(`${base}/Appointment?slot=Slot/sl-ruiz-20260309-0900`)).json();
    expect(search.entry).to.have.length(1);
    // The retry found it with the key; it created nothing and gave nothing back.
    const log = await requestLog(base);
    expect(log.filter((r) => r.method === 'POST' && r.path === '/Appointment')).to.have.length(1);
    expect(log.filter((r) => r.method === 'PUT' && r.path.startsWith('/Slot/'))).to.have.length(1);
  });

  for (const status of [409, 412, 422]) {
    it(`maps a ${status} OperationOutcome about Appointment.slot on booking to slot-unavailable: the patient sentence, its text in the error detail`, async () => {
      const base = `/mock/fhir/${tenant()}`;
      const reason = `Slot sl-ruiz-20260309-0900 was taken meanwhile (${status}).`;
      await arm(base, {
        path: '/Appointment',
        method: 'POST',
        kind: 'status',
        status,
        code: status === 422 ? 'business-rule' : 'conflict',
        expression: ['Appointment.slot'],
        message: reason,
        times: 1,
      });
      const { picker, button } = await mount({ base });
      labelled(await slotsShown(picker), 'Monday, March 9').click();
      const error = await failBook(button);
      expect(error).to.include({ kind: 'slot-unavailable', message: reason, status });
      await until(() => alertOf(button), 'the alert does not say why');
      expect(errorSentence(button)).to.equal('That time was just taken. Please choose another time.');
      expectPatientSentence(button, error, reason);
      // Refused for sure: the claimed Slot was given back.
      expect(await slotStatusOf(base, 'sl-ruiz-20260309-0900')).to.equal('free');
    });
  }

  it('maps a 422 OperationOutcome not about the slot to its own kind (validation): the patient sentence, its text in the error detail', async () => {
    const base = `/mock/fhir/${tenant()}`;
    const reason = 'A patient participant is required.';
    await arm(base, {
      path: '/Appointment',
      method: 'POST',
      kind: 'status',
      status: 422,
      code: 'required',
      expression: ['Appointment.participant[0].actor'],
      message: reason,
      times: 1,
    });
    const { picker, button } = await mount({ base });
    const target = labelled(await slotsShown(picker), 'Monday, March 9');
    const chosen = target.getAttribute('data-slot-id');
    target.click();
    const error = await failBook(button);
    expect(error).to.include({ kind: 'validation', message: reason, status: 422 });
    await until(() => alertOf(button), 'the alert does not say why');
    expectPatientSentence(button, error, reason);
    expect(picker.value?.id).to.equal(chosen);
  });

  it('reads Practitioners and Locations once (cached) when the server offers no _include', async () => {
    const base = `/mock/fhir/${tenant()}`;
    await setUp(base, { include: false });
    const { provider, picker, list } = await mount({ base });
    const labels = (await slotsShown(picker)).map(nameOf);
    expect(labels[0]).to.equal(
      '9:00 AM EST, Friday, March 6, 2026, 6:00 AM your time, Dr. Ana Ruiz, Harbor Family Clinic, In person',
    );
    await until(() => list.shadowRoot?.querySelector('li.item'), 'no appointments listed');
    expect(text(list)).to.contain('Dr. Ana Ruiz').and.contain('Harbor Family Clinic');
    const reads = (log: Awaited<ReturnType<typeof requestLog>>) =>
      log.filter((r) => r.method === 'GET' && /^\/(Practitioner|Location)\//.test(r.path)).map((r) => r.path.slice(1));
    const log = await requestLog(base);
    expect(log.some((r) => r.query.includes('_include'))).to.equal(false);
    expect(reads(log).sort()).to.deep.equal(['Location/loc-ny', 'Practitioner/pr-ruiz']);
    // A second search (another week) reads nothing again.
    const more = await provider.activeBackend!.findSlots!({
      start: '2026-03-10T00:00:00Z',
      end: '2026-03-13T00:00:00Z',
      practitionerId: 'pr-ruiz',
    });
    expect(more[0].practitioner?.name).to.equal('Dr. Ana Ruiz');
    expect(more[0].location?.name).to.equal('Harbor Family Clinic');
    expect(reads(await requestLog(base))).to.have.length(2);
  });

  it('filters slots by location and by service on <slot-picker>', async () => {
    const base = `/mock/fhir/${tenant()}`;
    const provider = await mountProvider(
      html`<booking-provider backend="fhir" base-url=${base} patient="pat-1" now=${NOW}>
        <slot-picker view="list" location="loc-phx" start="2026-03-06" days="1"></slot-picker>
        <slot-picker view="list" practitioner="pr-ruiz" service="124" start="2026-03-06" days="1"></slot-picker>
        <slot-picker view="list" practitioner="pr-ruiz" service="999" start="2026-03-06" days="1"></slot-picker>
      </booking-provider>`,
    );
    const [byLocation, byService, noService] = [...provider.querySelectorAll('slot-picker')];
    const phoenix = (await slotsShown(byLocation)).map(nameOf);
    expect(phoenix).to.have.length(2);
    for (const label of phoenix)
      expect(label).to.match(/ MST, Friday, March 6, 2026, .*Desert Springs Clinic, In person$/);
    expect((await slotsShown(byService)).map((b) => nameOf(b).split(',')[0])).to.deep.equal([
      '9:00 AM EST',
      '9:30 AM EST',
      '10:00 AM EST',
    ]);
    await until(
      () => noService.shadowRoot?.querySelector('[data-state="empty"]'),
      'an unknown service still shows times',
    );
    expect(slotButtons(noService)).to.have.length(0);
    const schedules = (await requestLog(base))
      .filter((r) => r.path === '/Schedule')
      .map((r) => new URLSearchParams(r.query));
    expect(schedules.some((q) => q.getAll('actor').join() === 'Location/loc-phx')).to.equal(true);
    expect(
      schedules.some((q) => q.get('service-type') === '124' && q.getAll('actor').join() === 'Practitioner/pr-ruiz'),
    ).to.equal(true);
    expect(schedules.some((q) => q.get('service-type') === '999')).to.equal(true);
  });

  for (const kind of ['plain', 'ops']) {
    it(`lists the patient's appointments and cancels one with If-Match (${kind === 'ops' ? 'PATCH' : 'PUT'})`, async () => {
      const base = `/mock/fhir/${tenant(kind)}`;
      const { list, picker } = await mount({ base, start: '2026-03-04', days: 1 });
      await until(() => list.shadowRoot?.querySelector('li.item'), 'no appointments listed');
      expect(text(list))
        .to.contain('Wednesday, March 4, 2026, 10:00 AM EST')
        .and.contain('Dr. Ana Ruiz')
        .and.contain('Harbor Family Clinic')
        .and.contain('Booked');
      expect(text(list)).to.contain('Please bring your insurance card.');
      // The fulfilled visit of February is in the past list, not here.
      expect(all(list, 'li.item')).to.have.length(1);
      // That slot is taken, so the 4th shows 9:00 and 9:30 only.
      expect((await slotsShown(picker)).map((b) => nameOf(b)?.split(',')[0])).to.deep.equal([
        '9:00 AM EST',
        '9:30 AM EST',
      ]);

      const cancelled = nextEvent<{ appointment: Appointment }>(list, 'appointment-cancelled');
      all<HTMLButtonElement>(list, '.actions button')
        .find((b) => b.textContent?.trim() === 'Cancel')!
        .click();
      await until(() => list.shadowRoot?.querySelector('.actions .danger'), 'no confirmation');
      one<HTMLButtonElement>(list, '.actions .danger').click();
      const { appointment } = await cancelled;
      expect(appointment).to.include({ id: 'appt-upcoming', status: 'cancelled' });
      await until(() => text(list).includes('Cancelled'), 'not shown as cancelled');
      const stored = await (await fetch(`${base}/Appointment/appt-upcoming`)).json();
      expect(stored.status).to.equal('cancelled');
      // The slot is free again and offered.
      await until(() => slotButtons(picker).length === 3, 'slot not offered again');
    });
  }

  it('refuses a cancel with a stale version as a conflict', async () => {
    const base = `/mock/fhir/${tenant()}`;
    const { provider } = await mount({ base });
    const backend = provider.activeBackend!;
    const [appointment] = (await backend.listAppointments!({ patientId: 'pat-1' })).filter(
      (a) => a.id === 'appt-upcoming',
    );
    // Someone changes the appointment on the server meanwhile.
    const current = await (await fetch(`${base}/Appointment/appt-upcoming`)).json();
    await fetch(`${base}/Appointment/appt-upcoming`, {
      method: 'PUT',
      body: JSON.stringify({ ...current, comment: 'moved room' }),
      headers: { 'Content-Type': 'application/fhir+json' },
    });
    const error = await backend.cancel!(appointment).then(
      () => undefined,
      (e: unknown) => e as { kind: string; message: string },
    );
    expect(error?.kind).to.equal('conflict');
  });

  it('maps OperationOutcomes to error kinds: the patient sentence, their text in the error detail', async () => {
    const base = `/mock/fhir/${tenant()}`;
    await arm(base, {
      path: '/Appointment?',
      kind: 'status',
      status: 403,
      message: 'Patients may only see their own appointments.',
      times: 1,
    });
    const spy = sinon.spy(FhirProvider.prototype, 'listAppointments');
    try {
      const { list } = await mount({ base });
      await until(() => list.shadowRoot?.querySelector('[role="alert"]'), 'no error');
      const error = await rejection(spy);
      expect(error).to.include({ kind: 'forbidden', status: 403 });
      expectPatientSentence(list, error, 'Patients may only see their own appointments.');
    } finally {
      spy.restore();
    }
  });

  it('passes the accessibility audit with FHIR data shown', async () => {
    const { picker, list } = await mount({ base: `/mock/fhir/${tenant()}`, start: '2026-03-04', days: 3 });
    await slotsShown(picker);
    await until(() => list.shadowRoot?.querySelector('li.item'), 'no appointments listed');
    await expect(picker).to.be.accessible();
    await expect(list).to.be.accessible();
  });

  it('rejects an aborted query with an AbortError without spoiling the shared lookups of the next one', async () => {
    const base = `/mock/fhir/${tenant()}`;
    await arm(base, { path: '/metadata', kind: 'slow', delayMs: 300, times: 1 });
    const provider = await mountProvider(
      html`<booking-provider backend="fhir" base-url=${base} patient="pat-1" now=${NOW}></booking-provider>`,
    );
    const backend = provider.activeBackend!;
    const query = { start: '2026-03-06T00:00:00Z', end: '2026-03-10T00:00:00Z', practitionerId: 'pr-ruiz' };
    const controller = new AbortController();
    const first = backend.findSlots!(query, controller.signal).then(
      () => 'resolved',
      (e: unknown) => e,
    );
    const second = backend.findSlots!(query);
    controller.abort();
    expect(isAbortError(await first)).to.equal(true);
    expect((await second).map((s) => s.start)).to.deep.equal([
      '2026-03-06T14:00:00.000Z',
      '2026-03-06T14:30:00.000Z',
      '2026-03-06T15:00:00.000Z',
      '2026-03-09T13:00:00.000Z',
      '2026-03-09T13:30:00.000Z',
      '2026-03-09T14:00:00.000Z',
    ]);
  });

  it('follows Bundle next links across pages (page size 2)', async () => {
    const base = `/mock/fhir/${tenant()}`;
    await setUp(base, { pageSize: 2 });
    const { picker } = await mount({ base, start: '2026-03-02', days: 14 });
    await until(() => slotButtons(picker).length > 0, 'no slots');
    // 2026-03-02 … 03-13: ten weekdays × 3, less the booked 03-04 10:00 and the past 03-02 9:00 and 9:30 (now is 10:00 New York).
    expect(slotButtons(picker)).to.have.length(27);
  });
});
