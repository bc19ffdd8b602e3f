import { expect, fixture, html } from '@open-wc/testing';
import { ifDefined } from 'lit/directives/if-defined.js';
import { emulateMedia, sendKeys, setViewport } from '@web/test-runner-commands';
import type { SlotQuery } from '../src/core/model.js';
import type { BookingProvider } from '../src/core/provider.js';
import { displayZone, localDate, queryWindow } from '../src/core/time.js';
import type { BookingProviderElement } from '../src/elements/booking-provider/booking-provider.js';
import type { BookingSession } from '../src/elements/shared/context.js';
import type { SlotPickerElement } from '../src/elements/slot-picker/slot-picker.js';
import { DemoProvider, type DemoOptions } from '../src/providers/demo/index.js';
import { NOW, all, fold, nextEvent, one, until } from './helpers.js';

// ------------------------------------------------------------------ a page object for the calendar

type Picker = SlotPickerElement;

interface Mount {
  practitioner?: string;
  location?: string;
  start?: string;
  timeZone?: string;
  now?: string;
  locale?: string;
  options?: DemoOptions;
  provider?: BookingProvider;
  /** A <confirm-button> after the picker. */
  button?: boolean;
}

/** A <booking-provider> around a calendar <slot-picker>, at the fixed clock; waits for its first state. */
async function calendar(m: Mount = {}): Promise<{ root: BookingProviderElement; el: Picker; demo: DemoProvider }> {
  const now = m.now ?? NOW;
  const demo = new DemoProvider({ options: { takenShare: 0, ...m.options }, now: () => new Date(now) });
  const root = await fixture<BookingProviderElement>(
    html`<booking-provider
      patient="demo-patient"
      now=${now}
      locale=${m.locale ?? 'en-US'}
      .provider=${m.provider ?? demo}
    >
      <slot-picker
        practitioner=${ifDefined(m.practitioner === undefined ? 'ruiz' : m.practitioner || undefined)}
        location=${ifDefined(m.location)}
        start=${ifDefined(m.start)}
        time-zone=${ifDefined(m.timeZone)}
      ></slot-picker>
      ${m.button ? html`<confirm-button></confirm-button>` : ''}
    </booking-provider>`,
  );
  const el = root.querySelector('slot-picker')!;
  await settled(el);
  return { root, el, demo };
}

/** Waits until the calendar has loaded and shows a day's times, an empty range, or an error. */
async function settled(el: Picker): Promise<void> {
  await el.updateComplete;
  await until(
    () =>
      !el.shadowRoot?.querySelector('[data-state="loading"], .spinner, table[aria-busy="true"]') &&
      (all(el, 'button.slot').length > 0 || el.shadowRoot?.querySelector('[data-state="error"], [data-state="empty"]')),
    'the calendar did not settle',
  );
}

const cells = (el: Picker) => all(el, 'td[data-date]');
const cell = (el: Picker, date: string) => one(el, `td[data-date="${date}"]`);
/** A day's accessible name (its visually hidden text). */
const dayName = (td: Element) => fold(td.querySelector('.visually-hidden')?.textContent);
const rangeLabel = (el: Picker) => fold(one(el, '[part="range-label"]').textContent);
const focused = (el: Picker) => el.shadowRoot!.activeElement as HTMLElement | null;
const focusedDate = (el: Picker) => focused(el)?.dataset.date;
const liveText = (el: Picker) => fold(one(el, '[role="status"]').textContent);
const dayLabel = (el: Picker) => fold(el.shadowRoot?.querySelector('[part="day-label"]')?.textContent);
const times = (el: Picker) => all(el, 'button.slot .time').map((t) => fold(t.textContent));
const slotNames = (el: Picker) => all(el, 'button.slot .name').map((n) => fold(n.textContent));
const navButton = (el: Picker, label: RegExp) =>
  all(el, '[part="nav-button"]').find((b) => label.test(b.textContent!))!;

/** Opens every group's hidden times. */
async function expandAll(el: Picker): Promise<void> {
  for (const more of all(el, 'button.more[aria-expanded="false"]')) more.click();
  await el.updateComplete;
}

/** The session of the picker's provider (what `<visit-filter>` writes to). */
const sessionOf = (el: Picker) => (el as unknown as { session: BookingSession }).session;

/** Records every availability and slot query a demo provider answers. */
function recordQueries(demo: DemoProvider): { availability: SlotQuery[]; slots: SlotQuery[] } {
  const seen = { availability: [] as SlotQuery[], slots: [] as SlotQuery[] };
  const findAvailability = demo.findAvailability.bind(demo);
  const findSlots = demo.findSlots.bind(demo);
  demo.findAvailability = (query, signal) => (seen.availability.push(query), findAvailability(query, signal));
  demo.findSlots = (query, signal) => (seen.slots.push(query), findSlots(query, signal));
  return seen;
}

/** The availability query for Dr. Ruiz's times on `days` days from `start`, as the calendar sends it. */
const ruizDays = (start: string, days: number): SlotQuery => ({
  ...queryWindow(start, days),
  practitionerId: 'ruiz',
  locationId: undefined,
  serviceId: undefined,
});

/** A backend without `findAvailability` whose only times are from `from` on (the demo's, 60 days ahead). */
function laterTimesOnly(from: string, now = NOW): { provider: BookingProvider; calls: SlotQuery[] } {
  const demo = new DemoProvider({ options: { takenShare: 0, days: 60 }, now: () => new Date(now) });
  const calls: SlotQuery[] = [];
  const provider: BookingProvider = {
    backend: 'later-times',
    capabilities: demo.capabilities,
    phone: demo.phone,
    horizonDays: 60,
    findSlots: async (query, signal) => {
      calls.push(query);
      return (await demo.findSlots(query, signal)).filter((slot) => slot.start >= from);
    },
  };
  return { provider, calls };
}

/** axe on the picker in its current state (shadow DOM included). */
async function accessible(el: Element, state: string): Promise<void> {
  try {
    await expect(el).to.be.accessible();
  } catch (error) {
    throw new Error(`slot-picker (${state}): ${(error as Error).message}`, { cause: error });
  }
}

/** A colour as the browser computes it for a CSS colour value (system colours included). */
function computed(property: 'color' | 'backgroundColor' | 'borderTopColor', value: string): string {
  const probe = document.createElement('div');
  probe.style.setProperty('forced-color-adjust', 'none');
  probe.style.setProperty(
    property === 'borderTopColor' ? 'border' : property === 'color' ? 'color' : 'background-color',
    property === 'borderTopColor' ? `2px solid ${value}` : value,
  );
  document.body.append(probe);
  const result = getComputedStyle(probe)[property];
  probe.remove();
  return result;
}

describe('<slot-picker> calendar', () => {
  afterEach(async () => {
    await setViewport({ width: 800, height: 600 });
    await emulateMedia({ forcedColors: 'none' });
  });

  it('opens on the first day with times: today, or the first one on or after start', async () => {
    const { el } = await calendar();
    expect(el.view).to.equal('calendar');
    expect(rangeLabel(el)).to.equal('March 2026');
    expect(one(el, '[aria-selected="true"]').dataset.date).to.equal('2026-03-02');
    expect(dayLabel(el)).to.equal('Monday, March 2, 2026');
    // A Saturday: Dr. Ruiz works on weekdays, so the calendar opens on Monday.
    const weekend = await calendar({ now: '2026-03-07T15:00:00Z' });
    expect(one(weekend.el, '[aria-selected="true"]').dataset.date).to.equal('2026-03-09');
    expect(dayLabel(weekend.el)).to.equal('Monday, March 9, 2026');
    const later = await calendar({ start: '2026-03-14' });
    expect(one(later.el, '[aria-selected="true"]').dataset.date).to.equal('2026-03-16');
    expect(times(later.el)[0]).to.equal('9:00 AM EDT');
    // With no times this month, it opens on the month of the first one.
    const { provider } = laterTimesOnly('2026-04-07');
    const april = await calendar({ provider });
    expect(rangeLabel(april.el)).to.equal('April 2026');
    expect(one(april.el, '[aria-selected="true"]').dataset.date).to.equal('2026-04-07');
  });

  it('asks for the first week, paints its times, then asks for the rest of the month', async () => {
    const demo = new DemoProvider({ options: { takenShare: 0 }, now: () => new Date(NOW) });
    // The time buttons there were when the last frame began, i.e. the ones that frame painted.
    let painted = 0;
    let watching = true;
    const frame = () => {
      painted = document.querySelector('slot-picker')?.shadowRoot?.querySelectorAll('button.slot').length ?? 0;
      if (watching) requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
    const asked: { query: SlotQuery; painted: number }[] = [];
    const findAvailability = demo.findAvailability.bind(demo);
    demo.findAvailability = (query, signal) => {
      asked.push({ query, painted });
      return findAvailability(query, signal);
    };
    try {
      const { el } = await calendar({ provider: demo });
      await until(() => asked.length === 2 && !one(el, 'table').matches('[aria-busy="true"]'), 'the whole month');
      expect(asked.map((a) => a.query)).to.deep.equal([ruizDays('2026-03-02', 7), ruizDays('2026-03-09', 23)]);
      // The rest of the month was asked for after a frame had painted the first week's times.
      expect(asked[0].painted).to.equal(0);
      expect(asked[1].painted).to.be.above(0);
      // Its days are marked like the first week's: Dr. Ruiz works Monday to Friday.
      expect(cell(el, '2026-03-30').querySelector('.mark')).to.not.equal(null);
      expect(cell(el, '2026-03-28').getAttribute('aria-disabled')).to.equal('true');
    } finally {
      watching = false;
    }
  });

  it("opened on a later day, asks for its week, then only the month's other days", async () => {
    const demo = new DemoProvider({ options: { takenShare: 0 }, now: () => new Date(NOW) });
    const asked: SlotQuery[] = [];
    const findAvailability = demo.findAvailability.bind(demo);
    demo.findAvailability = (query, signal) => (asked.push(query), findAvailability(query, signal));
    const { el } = await calendar({ provider: demo, start: '2026-03-04' });
    await until(() => asked.length === 3 && !one(el, 'table').matches('[aria-busy="true"]'), 'the whole month');
    expect(asked).to.deep.equal([ruizDays('2026-03-04', 7), ruizDays('2026-03-02', 2), ruizDays('2026-03-11', 21)]);
    expect(cell(el, '2026-03-03').querySelector('.mark')).to.not.equal(null);
    expect(cell(el, '2026-03-31').querySelector('.mark')).to.not.equal(null);
  });

  it('names every day for assistive technology: its date, today, and how many times it has', async () => {
    const { el } = await calendar();
    const today = cell(el, '2026-03-02');
    expect(dayName(today)).to.equal('Monday, March 2, 2026, today, 10 times available');
    expect(today.getAttribute('aria-current')).to.equal('date');
    expect(today.part.contains('date-today')).to.equal(true);
    expect(today.part.contains('date-available')).to.equal(true);
    expect(today.getAttribute('aria-selected')).to.equal('true');
    const tuesday = cell(el, '2026-03-03');
    expect(dayName(tuesday)).to.equal('Tuesday, March 3, 2026, 13 times available');
    expect(tuesday.getAttribute('aria-selected')).to.equal('false');
    expect(tuesday.getAttribute('aria-disabled')).to.equal('false');
    expect(tuesday.querySelector('.mark')).to.not.equal(null);
    const saturday = cell(el, '2026-03-07');
    expect(dayName(saturday)).to.equal('Saturday, March 7, 2026, no times available');
    expect(saturday.getAttribute('aria-disabled')).to.equal('true');
    expect(saturday.part.contains('date-available')).to.equal(false);
    expect(saturday.querySelector('.mark')).to.equal(null);
    // Yesterday is shown but is no stop of the grid.
    const past = all(el, 'td.out').find((td) => dayName(td).startsWith('Sunday, March 1, 2026'))!;
    expect(dayName(past)).to.equal('Sunday, March 1, 2026, not offered online');
    expect(past.hasAttribute('tabindex')).to.equal(false);
    expect(cells(el).map((td) => td.dataset.date)).to.have.length(30);
    expect(cells(el).filter((td) => td.tabIndex === 0)).to.deep.equal([today]);
    // en-US weeks start on Sunday; the headers carry the full weekday names.
    expect(all(el, 'th[part="weekday"]').map((th) => th.getAttribute('abbr'))[0]).to.equal('Sunday');
    expect(one(el, 'table[role="grid"]').getAttribute('aria-labelledby')).to.equal('range-label');
    const de = await calendar({ locale: 'de-DE' });
    expect(all(de.el, 'th[part="weekday"]').map((th) => th.getAttribute('abbr'))[0]).to.equal('Montag');
    expect(rangeLabel(de.el)).to.equal('März 2026');
  });

  it('pages neither before today nor past the backend horizon, with buttons or keys', async () => {
    const { el } = await calendar();
    const earlier = navButton(el, /Previous month/);
    const later = navButton(el, /Next month/);
    expect(earlier.getAttribute('aria-disabled')).to.equal('true');
    earlier.click();
    await el.updateComplete;
    expect(rangeLabel(el)).to.equal('March 2026');
    expect(later.getAttribute('aria-disabled')).to.equal('false');
    later.click();
    await settled(el);
    // The demo offers 30 days: April 1 is the last one, and the first available in April.
    expect(rangeLabel(el)).to.equal('April 2026');
    expect(cells(el).map((td) => td.dataset.date)).to.deep.equal(['2026-04-01']);
    expect(dayName(all(el, 'td.out').find((td) => dayName(td).startsWith('Thursday, April 2'))!)).to.contain(
      'not offered online',
    );
    expect(dayLabel(el)).to.equal('Wednesday, April 1, 2026');
    expect(later.getAttribute('aria-disabled')).to.equal('true');
    later.click();
    await el.updateComplete;
    expect(rangeLabel(el)).to.equal('April 2026');
    cell(el, '2026-04-01').focus();
    for (const key of ['PageDown', 'Shift+PageDown', 'ArrowRight', 'ArrowDown', 'End']) {
      await sendKeys({ press: key });
      expect(focusedDate(el), key).to.equal('2026-04-01');
    }
    await sendKeys({ press: 'Shift+PageUp' });
    expect(focusedDate(el)).to.equal('2026-03-02');
    expect(rangeLabel(el)).to.equal('March 2026');
    await sendKeys({ press: 'ArrowLeft' });
    expect(focusedDate(el)).to.equal('2026-03-02');
    // Ten days ahead: March is the only month.
    const short = await calendar({ options: { days: 10 } });
    expect(navButton(short.el, /Next month/).getAttribute('aria-disabled')).to.equal('true');
    expect(cells(short.el).at(-1)!.dataset.date).to.equal('2026-03-12');
  });

  it('says when the next time is in an empty month, with a button that goes there', async () => {
    const { provider, calls } = laterTimesOnly('2026-04-07');
    const { el } = await calendar({ provider });
    navButton(el, /Previous month/).click();
    await until(() => el.shadowRoot?.querySelector('[part="next-available"]'), 'next available');
    const empty = one(el, '[data-state="empty"]');
    expect(fold(empty.querySelector('span')?.textContent)).to.equal(
      'No times in March. Next available: Tuesday, April 7.',
    );
    expect(liveText(el)).to.equal('No times in March. Next available: Tuesday, April 7.');
    expect(fold(one(el, '[part="next-available"]').textContent)).to.equal('Go to Tuesday, April 7');
    one(el, '[part="next-available"]').click();
    await until(() => focusedDate(el) === '2026-04-07', 'focus on the next available day');
    expect(rangeLabel(el)).to.equal('April 2026');
    expect(one(el, '[aria-selected="true"]').dataset.date).to.equal('2026-04-07');
    expect(times(el)[0]).to.equal('9:00 AM EDT');
    // Without findAvailability the calendar asked findSlots once per month, and the day's times came with it.
    expect(calls).to.have.length(2);

    const none = await calendar({ options: { noSlots: true } });
    expect(fold(one(none.el, '[data-state="empty"]').textContent)).to.equal(
      'No times available online in the next 30 days. Please call +1 212 555 0142 to book.',
    );
    expect(one(none.el, '[data-state="empty"] a').getAttribute('href')).to.equal('tel:+12125550142');
  });

  it('moves through days with the APG date grid keys; Enter and Space choose a day; one tab stop', async () => {
    const { el } = await calendar({ options: { days: 400 } });
    navButton(el, /Next month/).focus();
    await sendKeys({ press: 'Tab' });
    expect(focusedDate(el)).to.equal('2026-03-02');
    const steps: [string, string, string?][] = [
      ['ArrowRight', '2026-03-03'],
      ['ArrowDown', '2026-03-10'],
      ['ArrowLeft', '2026-03-09'],
      ['ArrowUp', '2026-03-02'],
      ['ArrowUp', '2026-03-02'], // today is the first day offered
      ['ArrowDown', '2026-03-09'],
      ['Home', '2026-03-08'], // en-US weeks start on Sunday
      ['End', '2026-03-14'],
      ['PageDown', '2026-04-14', 'April 2026'],
      ['PageUp', '2026-03-14', 'March 2026'],
      ['Shift+PageDown', '2027-03-14', 'March 2027'],
      ['Shift+PageUp', '2026-03-14', 'March 2026'],
      ['ArrowDown', '2026-03-21'],
      ['ArrowDown', '2026-03-28'],
      ['ArrowDown', '2026-04-04', 'April 2026'],
    ];
    for (const [key, date, month] of steps) {
      await sendKeys({ press: key });
      expect(focusedDate(el), key).to.equal(date);
      if (month) expect(rangeLabel(el), key).to.equal(month);
      expect(
        cells(el)
          .filter((td) => td.tabIndex === 0)
          .map((td) => td.dataset.date),
      ).to.deep.equal([date]);
    }
    // A Saturday has no times: Enter does not choose it.
    await sendKeys({ press: 'Enter' });
    expect(focused(el)?.getAttribute('aria-selected')).to.equal('false');
    await sendKeys({ press: 'ArrowRight' });
    await sendKeys({ press: 'ArrowRight' });
    await sendKeys({ press: 'Enter' });
    expect(focused(el)?.getAttribute('aria-selected')).to.equal('true');
    await settled(el);
    expect(dayLabel(el)).to.equal('Monday, April 6, 2026');
    await sendKeys({ press: 'ArrowRight' });
    await sendKeys({ press: ' ' });
    expect(focusedDate(el)).to.equal('2026-04-07');
    expect(focused(el)?.getAttribute('aria-selected')).to.equal('true');
    await until(() => dayLabel(el) === 'Tuesday, April 7, 2026', 'the chosen day');
    await until(() => all(el, 'button.slot').length > 0, 'its times');
    // Tab leaves the days in one step, for the times.
    await sendKeys({ press: 'Tab' });
    expect(focused(el)?.matches('button.slot')).to.equal(true);
    expect(fold(focused(el)?.querySelector('.name')?.textContent)).to.match(/^9:00 AM EDT, Tuesday, April 7, 2026/);
  });

  it('moves through times with arrows; the chosen time says so on itself and in the live region', async () => {
    const { el } = await calendar({ practitioner: '', location: 'harbor' });
    expect(all(el, '[part="group-label"]').map((g) => fold(g.textContent))).to.deep.equal([
      'Dr. Chidi Okafor · Harbor Family Clinic',
      'Dr. Ana Ruiz · Harbor Family Clinic',
      'Night Nurse Line · Harbor Family Clinic',
    ]);
    cell(el, '2026-03-02').focus();
    await sendKeys({ press: 'Tab' });
    const first = focused(el)!;
    expect(first.matches('button.slot')).to.equal(true);
    expect(all(el, 'button.slot, button.more').filter((b) => b.tabIndex === 0)).to.deep.equal([first]);
    await sendKeys({ press: 'ArrowRight' });
    const second = focused(el)!;
    expect(second).to.not.equal(first);
    await sendKeys({ press: 'ArrowDown' });
    expect(fold(focused(el)?.querySelector('.name')?.textContent)).to.contain('Dr. Ana Ruiz');
    await sendKeys({ press: 'ArrowUp' });
    expect(focused(el)).to.equal(second);
    const event = nextEvent<{ slot: { id: string } }>(el, 'slot-select');
    await sendKeys({ press: 'Enter' });
    const { slot } = await event;
    await el.updateComplete;
    // The chosen state is on the focused control itself.
    expect(focused(el)?.dataset.slotId).to.equal(slot.id);
    expect(focused(el)?.getAttribute('aria-pressed')).to.equal('true');
    expect(all(el, '[aria-pressed="true"]')).to.have.length(1);
    const name = fold(focused(el)!.querySelector('.name')!.textContent);
    expect(name).to.equal(
      '10:30 AM EST, Monday, March 2, 2026, 7:30 AM your time, Dr. Chidi Okafor, Harbor Family Clinic, In person',
    );
    expect(liveText(el)).to.equal(`Chosen: ${name}.`);
    expect(fold(one(el, '[part="summary"]').textContent)).to.equal(
      'Your time: Mon, Mar 2, 10:30 AM EST (7:30 AM your time) Dr. Chidi Okafor · Harbor Family Clinic · In person',
    );
    expect(el.value?.id).to.equal(slot.id);
    await sendKeys({ press: 'Tab' });
    expect(el.shadowRoot!.activeElement ?? null).to.equal(null);
  });

  it('shows a few times per clinician and the others behind a button', async () => {
    const { el } = await calendar();
    const group = one(el, '[part="group"]');
    const more = one<HTMLButtonElement>(el, 'button.more');
    // 800 px wide: the month beside the times, four to a row.
    expect(group.querySelectorAll('button.slot')).to.have.length(3);
    expect(fold(more.textContent)).to.equal('7 more');
    expect(more.getAttribute('aria-label')).to.equal('7 more times, Dr. Ana Ruiz · Harbor Family Clinic');
    expect(more.getAttribute('aria-expanded')).to.equal('false');
    more.focus();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(group.querySelectorAll('button.slot')).to.have.length(10);
    expect(more.getAttribute('aria-expanded')).to.equal('true');
    // Focus goes to the first time that was hidden.
    expect(fold(focused(el)?.querySelector('.name')?.textContent)).to.match(/^10:00 AM PST, Monday, March 2/);
    more.click();
    await el.updateComplete;
    expect(group.querySelectorAll('button.slot')).to.have.length(3);
    // Every time keeps its full name: date, time, zone, practitioner, location.
    expect(slotNames(el)[0]).to.equal(
      '10:30 AM EST, Monday, March 2, 2026, 7:30 AM your time, Dr. Ana Ruiz, Harbor Family Clinic, In person',
    );
  });

  it('keeps focus in the picker when a range reloads and after Try again', async () => {
    const { root, el } = await calendar({ options: { latencyMs: 40 } });
    cell(el, '2026-03-03').focus();
    await sendKeys({ press: 'Enter' });
    await until(() => dayLabel(el) === 'Tuesday, March 3, 2026' && all(el, 'button.slot').length > 0, 'Tuesday');
    root.refresh();
    await until(() => one(el, 'table').getAttribute('aria-busy') === 'true', 'reloading');
    expect(focusedDate(el)).to.equal('2026-03-03');
    await settled(el);
    expect(focusedDate(el)).to.equal('2026-03-03');
    // Focus on a time while its day reloads: it moves to the day, never to <body>.
    all(el, 'button.slot')[1].focus();
    root.refresh();
    await until(() => el.shadowRoot?.querySelector('[data-state="loading"]'), 'times reloading');
    expect(document.activeElement).to.equal(el);
    expect(focused(el)).to.not.equal(null);
    await settled(el);
    expect(document.activeElement).to.equal(el);
    expect(focused(el)).to.not.equal(null);
    // A month that is not loaded yet: its days are there to move through while it loads.
    cell(el, '2026-03-31').focus();
    await sendKeys({ press: 'ArrowRight' });
    expect(rangeLabel(el)).to.equal('April 2026');
    expect(focusedDate(el)).to.equal('2026-04-01');

    const failing = await calendar({
      options: { latencyMs: 40, failures: { findSlots: { kind: 'network', times: 1 } } },
    });
    await until(() => failing.el.shadowRoot?.querySelector('[data-state="error"]'), 'error');
    expect(liveText(failing.el)).to.equal('We could not reach the clinic. Please check your connection and try again.');
    one(failing.el, '[part="retry"]').focus();
    await sendKeys({ press: 'Enter' });
    await until(() => failing.el.shadowRoot?.querySelector('[data-state="loading"]'), 'loading again');
    expect(document.activeElement).to.equal(failing.el);
    expect(focused(failing.el)).to.not.equal(null);
    await settled(failing.el);
    expect(all(failing.el, 'button.slot').length).to.be.greaterThan(0);
    expect(document.activeElement).to.equal(failing.el);
    expect(focused(failing.el)).to.not.equal(null);

    // The day's own query fails once: its retry keeps focus too.
    const demo = new DemoProvider({ options: { takenShare: 0 }, now: () => new Date(NOW) });
    const findSlots = demo.findSlots.bind(demo);
    let dayFailures = 1;
    demo.findAvailability = async (query, signal) =>
      (await findSlots(query, signal)).map(({ start, timeZone, mode }) => ({ start, timeZone, mode }));
    demo.findSlots = async (query, signal) => {
      if (dayFailures-- > 0) throw new (await import('../src/core/errors.js')).BookingError('timeout', 'slow');
      return findSlots(query, signal);
    };
    const day = await calendar({ provider: demo });
    expect(fold(one(day.el, '[data-state="error"]').textContent)).to.contain('took too long');
    one(day.el, '[part="retry"]').focus();
    await sendKeys({ press: 'Enter' });
    await settled(day.el);
    expect(all(day.el, 'button.slot').length).to.be.greaterThan(0);
    expect(focused(day.el)).to.not.equal(null);
  });

  it('announces loading, then the day and its number of times, in one live region', async () => {
    const root = await fixture<BookingProviderElement>(
      html`<booking-provider patient="demo-patient" now=${NOW} .options=${{ latencyMs: 400, takenShare: 0 }}>
        <slot-picker practitioner="ruiz"></slot-picker>
      </booking-provider>`,
    );
    const el = root.querySelector('slot-picker')!;
    // A first load shows its message after a moment (none for a load under 150 ms).
    const status = () => fold(el.shadowRoot?.querySelector('[role="status"]')?.textContent);
    await until(() => status() === 'Loading available times…', 'loading announced');
    const region = one(el, '[role="status"]');
    await until(() => liveText(el) === 'Monday, March 2, 2026: 10 times available.', 'times announced');
    expect(one(el, '[role="status"]')).to.equal(region);
    cell(el, '2026-03-03').click();
    await until(() => liveText(el) === 'Tuesday, March 3, 2026: 13 times available.', 'next day announced');
  });

  it('shows no loading message for a first load faster than 150 ms, and the message after that', async () => {
    // Everything the picker's shadow root ever holds, from its first render on.
    const seen: string[] = [];
    const watch = (el: Element) => {
      const observer = new MutationObserver(() => {
        for (const status of el.shadowRoot!.querySelectorAll('[part="status"]')) seen.push(status.textContent!.trim());
      });
      observer.observe(el.shadowRoot!, { childList: true, subtree: true, characterData: true });
      return observer;
    };
    // The adapter is there before the picker connects: only the picker's own first load is timed.
    const fast = document.createElement('booking-provider') as BookingProviderElement;
    fast.setAttribute('now', NOW);
    fast.setAttribute('patient', 'demo-patient');
    fast.provider = new DemoProvider({ options: {}, now: () => new Date(NOW) });
    const picker = document.createElement('slot-picker');
    fast.append(picker);
    document.body.append(fast);
    const observer = watch(picker);
    try {
      await settled(picker);
      expect(all(picker, 'button.slot').length).to.be.above(0);
      expect(seen.filter((text) => text.startsWith('Loading'))).to.deep.equal([]);
    } finally {
      observer.disconnect();
      fast.remove();
    }

    // Timed from before the picker connects, so a slow fixture cannot make the quiet look short.
    const start = performance.now();
    const root = await fixture<BookingProviderElement>(
      html`<booking-provider patient="demo-patient" now=${NOW} .options=${{ latencyMs: 600 }}>
        <slot-picker practitioner="ruiz"></slot-picker>
      </booking-provider>`,
    );
    const slow = root.querySelector('slot-picker')!;
    // The live region is there, empty, from the first render: a screen reader hears what comes into it.
    const region = one(slow, '[role="status"]');
    expect(region.textContent).to.equal('');
    await until(() => slow.shadowRoot!.querySelector('[data-state="loading"]'), 'loading shown');
    expect(performance.now() - start).to.be.at.least(140);
    expect(liveText(slow)).to.equal('Loading available times…');
    await settled(slow);
    expect(one(slow, '[role="status"]')).to.equal(region);
    // Once the calendar has shown, a reload shows its loading message at once.
    root.refresh();
    await slow.updateComplete;
    expect(one(slow, 'table').getAttribute('aria-busy')).to.equal('true');
    await until(() => slow.shadowRoot!.querySelector('[data-state="loading"]'), 'reload shown');
  });

  it('shows the chosen time and the days with times in system colours in forced-colors mode', async () => {
    const { el } = await calendar();
    all(el, 'button.slot')[0].click();
    await el.updateComplete;
    const chosen = one(el, '[aria-pressed="true"]');
    expect(getComputedStyle(chosen).backgroundColor).to.equal('rgb(11, 92, 173)');
    await emulateMedia({ forcedColors: 'active' });
    expect(matchMedia('(forced-colors: active)').matches).to.equal(true);
    const style = getComputedStyle(chosen);
    expect(style.backgroundColor).to.equal(computed('backgroundColor', 'Highlight'));
    expect(style.color).to.equal(computed('color', 'HighlightText'));
    expect(style.borderTopWidth).to.equal('2px');
    const day = getComputedStyle(cell(el, '2026-03-02'));
    expect(day.backgroundColor).to.equal(computed('backgroundColor', 'Highlight'));
    // A day with times is marked with a border and a dot, not only a background.
    const available = cell(el, '2026-03-03');
    expect(getComputedStyle(available).borderTopColor).to.equal(computed('borderTopColor', 'LinkText'));
    expect(getComputedStyle(available).borderTopWidth).to.equal('2px');
    expect(getComputedStyle(available.querySelector('.mark')!).backgroundColor).to.equal(
      computed('backgroundColor', 'LinkText'),
    );
    expect(getComputedStyle(cell(el, '2026-03-07')).color).to.equal(computed('color', 'GrayText'));
  });

  it('on a 390 px phone: a week strip, and the busiest day stays within one screen with the Book button', async () => {
    await setViewport({ width: 390, height: 844 });
    const demo = new DemoProvider({ options: { takenShare: 0 }, now: () => new Date(NOW) });
    // The demo's busiest day for "anyone", in the patient's zone.
    const display = { patientZone: 'America/Los_Angeles', locale: 'en-US' };
    const all30 = await demo.findSlots({ start: NOW, end: new Date(Date.parse(NOW) + 30 * 86_400_000).toISOString() });
    const perDay = new Map<string, number>();
    for (const slot of all30) {
      const date = localDate(slot.start, displayZone(slot, display));
      perDay.set(date, (perDay.get(date) ?? 0) + 1);
    }
    const [busiest, count] = [...perDay.entries()].sort((a, b) => b[1] - a[1])[0];
    expect(count).to.be.greaterThan(60);
    const { el, root } = await calendar({ provider: demo, practitioner: '', start: busiest, button: true });
    expect(all(el, 'tbody tr')).to.have.length(1);
    expect(cells(el).length).to.be.at.most(7);
    expect(fold(navButton(el, /week/).textContent)).to.contain('Previous week');
    expect(one(el, '[aria-selected="true"]').dataset.date).to.equal(busiest);
    expect(fold(one(el, '.count').textContent)).to.equal(`${count} times`);
    const first = all(el, 'button.slot')[0];
    first.click();
    await el.updateComplete;
    const top = first.getBoundingClientRect().top;
    const end = one(el, '[part="day-view"]').getBoundingClientRect().bottom;
    expect(end - top, `day view of ${busiest}`).to.be.lessThan(844);
    const book = root.querySelector('confirm-button')!.getBoundingClientRect();
    expect(book.bottom - top).to.be.lessThan(844);
    // Every group shows one row of times at this width.
    for (const group of all(el, '[part="group"]')) {
      const rows = new Set([...group.querySelectorAll('.cell')].map((c) => Math.round(c.getBoundingClientRect().top)));
      expect(rows.size).to.equal(1);
    }
    await accessible(el, 'week strip');
  });

  it('pages a week at a time on a narrow screen, with the same keys', async () => {
    await setViewport({ width: 390, height: 844 });
    const { el } = await calendar();
    expect(cells(el).map((td) => td.dataset.date)).to.deep.equal([
      '2026-03-02',
      '2026-03-03',
      '2026-03-04',
      '2026-03-05',
      '2026-03-06',
      '2026-03-07',
    ]);
    expect(rangeLabel(el)).to.equal('Sun, Mar 1 – Sat, Mar 7');
    expect(navButton(el, /Previous week/).getAttribute('aria-disabled')).to.equal('true');
    navButton(el, /Next week/).click();
    await settled(el);
    expect(rangeLabel(el)).to.equal('Sun, Mar 8 – Sat, Mar 14');
    expect(dayLabel(el)).to.equal('Monday, March 9, 2026');
    cell(el, '2026-03-09').focus();
    await sendKeys({ press: 'ArrowDown' });
    expect(focusedDate(el)).to.equal('2026-03-16');
    expect(rangeLabel(el)).to.equal('Sun, Mar 15 – Sat, Mar 21');
    await sendKeys({ press: 'PageDown' });
    expect(focusedDate(el)).to.equal('2026-04-01');
  });

  it("follows the session's filter where it has no own attribute, and reloads when it changes", async () => {
    const demo = new DemoProvider({ options: { takenShare: 0 }, now: () => new Date(NOW) });
    const queries = recordQueries(demo);
    const { el } = await calendar({ provider: demo, practitioner: '' });
    expect(queries.availability.at(-1)).to.include({ practitionerId: undefined, locationId: undefined });
    sessionOf(el).setFilter({ practitioner: 'okafor', location: 'harbor' });
    await until(
      () => slotNames(el).length > 0 && slotNames(el).every((n) => n.includes('Dr. Chidi Okafor')),
      "Dr. Okafor's times",
    );
    expect(queries.availability.at(-1)).to.include({ practitionerId: 'okafor', locationId: 'harbor' });
    expect(queries.slots.at(-1)).to.include({ practitionerId: 'okafor', locationId: 'harbor' });
    expect(dayName(cell(el, '2026-03-04'))).to.equal('Wednesday, March 4, 2026, no times available');

    // Its own attribute wins over the filter, field by field.
    const own = new DemoProvider({ options: { takenShare: 0 }, now: () => new Date(NOW) });
    const ownQueries = recordQueries(own);
    const ruiz = await calendar({ provider: own });
    sessionOf(ruiz.el).setFilter({ practitioner: 'okafor', location: 'harbor', service: 'video-visit' });
    await until(() => ownQueries.slots.at(-1)?.serviceId === 'video-visit', 'reloaded with the filter');
    expect(ownQueries.slots.at(-1)).to.include({ practitionerId: 'ruiz', locationId: 'harbor' });
    await settled(ruiz.el);
    expect(slotNames(ruiz.el).every((n) => n.includes('Dr. Ana Ruiz') && n.endsWith('Video visit'))).to.equal(true);

    // The list follows it too.
    const list = new DemoProvider({ options: { takenShare: 0 }, now: () => new Date(NOW) });
    const listQueries = recordQueries(list);
    const root = await fixture<BookingProviderElement>(
      html`<booking-provider now=${NOW} .provider=${list}
        ><slot-picker view="list" days="1"></slot-picker
      ></booking-provider>`,
    );
    const picker = root.querySelector('slot-picker')!;
    await until(() => all(picker, 'button.slot').length > 0, 'list');
    sessionOf(picker).setFilter({ practitioner: 'ruiz' });
    await until(() => listQueries.slots.at(-1)?.practitionerId === 'ruiz', 'list reloaded');
    expect(listQueries.availability).to.have.length(0);
  });

  describe('time zones', () => {
    it('keeps every time of a 23-hour and a 25-hour day on its own date (New York)', async () => {
      const spring = await calendar({
        practitioner: 'night-line',
        start: '2026-03-08',
        timeZone: 'America/New_York',
        now: '2026-03-07T12:00:00Z',
      });
      expect(dayLabel(spring.el)).to.equal('Sunday, March 8, 2026');
      expect(dayName(cell(spring.el, '2026-03-08'))).to.equal('Sunday, March 8, 2026, 6 times available');
      await expandAll(spring.el);
      expect(times(spring.el)).to.deep.equal([
        '12:00 AM EST',
        '12:30 AM EST',
        '1:00 AM EST',
        '1:30 AM EST',
        '3:00 AM EDT',
        '3:30 AM EDT',
      ]);
      const autumn = await calendar({
        practitioner: 'night-line',
        start: '2026-11-01',
        timeZone: 'America/New_York',
        now: '2026-10-31T12:00:00Z',
      });
      expect(dayName(cell(autumn.el, '2026-11-01'))).to.equal('Sunday, November 1, 2026, 10 times available');
      await expandAll(autumn.el);
      expect(times(autumn.el)).to.deep.equal([
        '12:00 AM EDT',
        '12:30 AM EDT',
        '1:00 AM EDT',
        '1:30 AM EDT',
        '1:00 AM EST',
        '1:30 AM EST',
        '2:00 AM EST',
        '2:30 AM EST',
        '3:00 AM EST',
        '3:30 AM EST',
      ]);
    });

    it('shows New York night times on the right Los Angeles dates on a DST day', async () => {
      const { el } = await calendar({
        practitioner: 'night-line',
        start: '2026-03-07',
        timeZone: 'America/Los_Angeles',
        now: '2026-03-06T12:00:00Z',
      });
      expect(dayLabel(el)).to.equal('Saturday, March 7, 2026');
      await expandAll(el);
      expect(times(el)).to.deep.equal([
        '12:00 AM PST',
        '12:30 AM PST',
        '9:00 PM PST',
        '9:30 PM PST',
        '10:00 PM PST',
        '10:30 PM PST',
        '11:00 PM PST',
        '11:30 PM PST',
      ]);
    });

    it('handles a zone without DST (Phoenix) and a half-hour zone (Adelaide)', async () => {
      const phoenix = await calendar({ practitioner: 'nguyen', start: '2026-07-07', now: '2026-07-01T12:00:00Z' });
      expect(times(phoenix.el)[0]).to.equal('7:00 AM MST');
      const adelaide = await calendar({ practitioner: 'walsh', start: '2026-03-03' });
      expect(dayLabel(adelaide.el)).to.equal('Tuesday, March 3, 2026');
      expect(times(adelaide.el)[0]).to.equal('8:30 AM GMT+10:30');
      expect(slotNames(adelaide.el)[0]).to.contain(
        '8:30 AM GMT+10:30, Tuesday, March 3, 2026, 2:00 PM Mon, Mar 2 your time',
      );
    });
  });

  it('passes axe in every state', async () => {
    const slow = await fixture<BookingProviderElement>(
      html`<booking-provider patient="demo-patient" now=${NOW} .options=${{ latencyMs: 300, takenShare: 0 }}>
        <slot-picker practitioner="ruiz"></slot-picker>
      </booking-provider>`,
    );
    const loading = slow.querySelector('slot-picker')!;
    await until(() => loading.shadowRoot?.querySelector('[data-state="loading"]'), 'loading');
    await accessible(loading, 'loading');
    const { el } = await calendar();
    await accessible(el, 'calendar');
    all(el, 'button.slot')[0].click();
    await el.updateComplete;
    await accessible(el, 'chosen time');
    one(el, 'button.more').click();
    await el.updateComplete;
    await accessible(el, 'all times of a group');
    const failing = await calendar({ options: { failures: { findSlots: 'upstream-unavailable' } } });
    await accessible(failing.el, 'error');
    const { provider } = laterTimesOnly('2026-04-07');
    const later = await calendar({ provider });
    navButton(later.el, /Previous month/).click();
    await until(() => later.el.shadowRoot?.querySelector('[part="next-available"]'), 'empty month');
    await accessible(later.el, 'empty month');
    const none = await calendar({ options: { noSlots: true } });
    await accessible(none.el, 'no times');
    const noBooking = new DemoProvider({ options: {}, now: () => new Date(NOW) });
    Object.assign(noBooking, { capabilities: { ...noBooking.capabilities, findSlots: false, book: false } });
    const phone = await fixture(
      html`<booking-provider .provider=${noBooking}><slot-picker></slot-picker></booking-provider>`,
    );
    const unavailable = phone.querySelector('slot-picker')!;
    await until(() => unavailable.shadowRoot?.querySelector('[data-state="unavailable"]'), 'not offered');
    await accessible(unavailable, 'not offered');
  });
});
