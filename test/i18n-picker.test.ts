// The picker area in every language: no English of the calendar, <visit-filter> or <time-zone-select> leaks
// through once a language has loaded; Arabic turns them right to left, and the arrow keys follow.
import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { BookingProviderElement } from '../src/elements/booking-provider/booking-provider.js';
import { LOCALES } from '../src/elements/shared/i18n.js';
import type { SlotPickerElement } from '../src/elements/slot-picker/slot-picker.js';
import { DemoProvider } from '../src/providers/demo/index.js';
import '../src/define.js';
import { NOW, all, fold, one, until } from './helpers.js';

interface Page {
  root: BookingProviderElement;
  picker: SlotPickerElement;
  filter: HTMLElement;
  zone: HTMLElement;
  demo: DemoProvider;
}

/** A calendar picker with a filter and a time zone select, in a language, once the calendar shows a day's times. */
async function mount(locale: string): Promise<Page> {
  const demo = new DemoProvider({ options: { takenShare: 0 }, now: () => new Date(NOW) });
  const root = await fixture<BookingProviderElement>(
    html`<booking-provider patient="demo-patient" now=${NOW} locale=${locale} .provider=${demo}>
      <visit-filter></visit-filter>
      <time-zone-select></time-zone-select>
      <slot-picker practitioner="ruiz"></slot-picker>
    </booking-provider>`,
  );
  const picker = root.querySelector('slot-picker')!;
  const filter = root.querySelector<HTMLElement>('visit-filter')!;
  const zone = root.querySelector<HTMLElement>('time-zone-select')!;
  return { root, picker, filter, zone, demo };
}

const zoneLabel = (page: Page) => fold(one(page.zone, '[part="label"]').textContent);

/** Waits until the language's strings are in (the zone select's label in that language), then for the calendar. */
async function loaded(page: Page, locale: string): Promise<void> {
  const { picker } = (await import(`../src/locales/${locale}/picker.ts`)) as { picker: Record<string, unknown> };
  const label = picker['zone.label'];
  await until(() => zoneLabel(page) === label, `${locale} did not load: "${zoneLabel(page)}"`);
  await page.picker.updateComplete;
  await settled(page);
}

/** The calendar has loaded and shows times; the filter its choices. */
async function settled(page: Page): Promise<void> {
  await until(
    () =>
      !page.picker.shadowRoot?.querySelector('[data-state="loading"], .spinner, table[aria-busy="true"]') &&
      all(page.picker, 'button.slot').length > 0 &&
      all(page.filter, 'select').length > 0,
    'the picker did not settle',
  );
}

/** Chooses the first time (the summary and the announcement of the choice show) and opens a group, if any. */
async function interact(page: Page): Promise<void> {
  all(page.picker, 'button.slot')[0].click();
  await until(() => page.picker.shadowRoot?.querySelector('[part="summary"]'), 'no summary');
  await page.picker.updateComplete;
}

/** What the elements say: their shadow text and the names and descriptions of their nodes. */
function said(page: Page): string {
  const parts: string[] = [];
  for (const el of [page.picker, page.filter, page.zone]) {
    parts.push(el.shadowRoot?.textContent ?? '');
    for (const node of all(el, '*'))
      for (const name of ['aria-label', 'aria-description', 'title', 'placeholder'])
        if (node.hasAttribute(name)) parts.push(node.getAttribute(name)!);
  }
  return parts.join('\n').replace(/[ \t]+/g, ' ');
}

/** The backend's own words (names, places, specialties, cities): never translated. */
async function backendWords(demo: DemoProvider): Promise<string[]> {
  const [services, locations, practitioners] = await Promise.all([
    demo.listServices(),
    demo.listLocations(),
    demo.listPractitioners(),
  ]);
  return [
    ...services.map((s) => s.name),
    ...locations.flatMap((l) => [l.name, l.address?.city ?? '']),
    ...practitioners.flatMap((p) => [p.name, p.specialty ?? '']),
  ]
    .filter(Boolean)
    .sort((a, b) => b.length - a.length);
}

/**
 * The English of the area, as the picker, filter and zone select render it: whole phrases, and the fixed words of
 * the phrases with values. Only those the English page shows are checked.
 */
const ENGLISH = [
  'Previous month',
  'Next month',
  'Previous week',
  'Next week',
  ', not offered online',
  ', today',
  'times available',
  'time available',
  'no times available',
  'Times on ',
  'more times',
  'Fewer',
  'Available times',
  'Your time:',
  'Chosen: ',
  'Loading',
  'Type of visit',
  'Location',
  'Clinician',
  'Any type of visit',
  'Any location',
  'Any clinician',
  'Your time zone',
  'Video and phone visits show in this zone.',
  'Time zones',
];

function without(text: string, words: string[]): string {
  let out = text;
  for (const word of words) out = out.split(word).join(' ');
  return out;
}

describe('the picker area in every language', () => {
  let shown: string[] = [];
  let words: string[] = [];

  before(async () => {
    const page = await mount('en');
    await settled(page);
    await interact(page);
    words = await backendWords(page.demo);
    const text = without(said(page), words);
    shown = ENGLISH.filter((phrase) => text.includes(phrase));
  });

  after(async () => {
    // Back to English for the other test files.
    const page = await mount('en');
    await until(() => zoneLabel(page) === 'Your time zone', 'not back to English');
  });

  it('English: the phrases checked are on the page', () => {
    expect(shown.length, `shown: ${shown.join(' | ')}`).to.be.greaterThan(15);
  });

  for (const locale of LOCALES) {
    it(`${locale}: no English of the picker, the filter or the zone select`, async () => {
      const page = await mount(locale);
      await loaded(page, locale);
      await interact(page);
      const text = without(said(page), words);
      const leaks = shown.filter((phrase) => text.includes(phrase));
      expect(leaks, `${locale} still says: ${leaks.join(' | ')}`).to.deep.equal([]);
      // Every count has the forms the browser's plural rules pick from.
      const { picker } = (await import(`../src/locales/${locale}/picker.ts`)) as { picker: Record<string, unknown> };
      const counted = Object.keys(picker).filter((id) => id.endsWith('.other'));
      const missing = new Intl.PluralRules(locale)
        .resolvedOptions()
        .pluralCategories.flatMap((category) => counted.map((id) => id.replace(/other$/, category)))
        .filter((id) => !(id in picker));
      expect(missing, `${locale} lacks ${missing.join(', ')}`).to.deep.equal([]);
    });
  }

  it('ar: right to left, and the arrow keys follow the direction', async () => {
    const page = await mount('ar');
    await loaded(page, 'ar');
    for (const el of [page.picker, page.filter, page.zone])
      expect(el.getAttribute('dir'), el.localName).to.equal('rtl');
    const chevron = one(page.picker, '.chevron');
    expect(getComputedStyle(chevron).transform).to.not.equal('none');

    const picker = page.picker;
    const focusedDate = () => (picker.shadowRoot!.activeElement as HTMLElement | null)?.dataset.date;
    one(picker, 'td[data-date="2026-03-04"]').focus();
    await sendKeys({ press: 'ArrowRight' });
    await until(() => focusedDate() === '2026-03-03', `ArrowRight went to ${focusedDate()}`);
    await sendKeys({ press: 'ArrowLeft' });
    await until(() => focusedDate() === '2026-03-04', `ArrowLeft went to ${focusedDate()}`);
    await sendKeys({ press: 'ArrowLeft' });
    await until(() => focusedDate() === '2026-03-05', `ArrowLeft went to ${focusedDate()}`);

    // The times: ArrowLeft is the next time, ArrowRight the previous one.
    await settled(page);
    const slots = all<HTMLButtonElement>(picker, 'button.slot');
    expect(slots.length).to.be.greaterThan(1);
    slots[0].focus();
    await sendKeys({ press: 'ArrowLeft' });
    expect(picker.shadowRoot!.activeElement).to.equal(slots[1]);
    await sendKeys({ press: 'ArrowRight' });
    expect(picker.shadowRoot!.activeElement).to.equal(slots[0]);
  });
});
