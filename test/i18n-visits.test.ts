// The visits area (confirm-button, appointment-list, the shared messages and formats) in every language: no
// English of its own leaks through, and an error's sentence for the patient is in the page's language.
import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { BookingProviderElement } from '../src/elements/booking-provider/booking-provider.js';
import { LOCALES, type TargetLocale, useLocale } from '../src/elements/shared/i18n.js';
import { visits as ar } from '../src/locales/ar/visits.js';
import { visits as es } from '../src/locales/es/visits.js';
import { visits as fr } from '../src/locales/fr/visits.js';
import { visits as ht } from '../src/locales/ht/visits.js';
import { visits as ko } from '../src/locales/ko/visits.js';
import { visits as pt } from '../src/locales/pt/visits.js';
import { visits as ru } from '../src/locales/ru/visits.js';
import { visits as tl } from '../src/locales/tl/visits.js';
import { visits as vi } from '../src/locales/vi/visits.js';
import { visits as zhHans } from '../src/locales/zh-Hans/visits.js';
import { visits as zhHant } from '../src/locales/zh-Hant/visits.js';
import { DemoProvider } from '../src/providers/demo/index.js';
import { NOW, all, fold, one, until } from './helpers.js';

const CATALOGS: Record<TargetLocale, Record<string, unknown>> = {
  es,
  'zh-Hans': zhHans,
  'zh-Hant': zhHant,
  vi,
  tl,
  ko,
  ru,
  ar,
  fr,
  ht,
  pt,
};

async function clinic(locale: string, options: Record<string, unknown> = {}) {
  const provider = new DemoProvider({ options: { takenShare: 0, ...options }, now: () => new Date(NOW) });
  const root = await fixture<BookingProviderElement>(
    html`<booking-provider locale=${locale} patient="demo-patient" now=${NOW} .provider=${provider}>
      <slot-picker view="list" practitioner="ruiz" start="2026-03-03" days="1"></slot-picker>
      <confirm-button></confirm-button>
      <appointment-list></appointment-list>
    </booking-provider>`,
  );
  const picker = root.querySelector('slot-picker')!;
  const button = root.querySelector('confirm-button')!;
  const list = root.querySelector('appointment-list')!;
  await until(
    () => all(picker, 'button.slot').length > 0 && all(list, '[part="item"]').length > 0,
    'clinic did not load',
  );
  return { root, provider, picker, button, list };
}

/** Every text node and accessible label in a shadow root (each bound string is a text node of its own). */
function pieces(el: Element): string[] {
  const root = el.shadowRoot!;
  const out: string[] = [];
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) out.push(fold(node.textContent));
  for (const labelled of root.querySelectorAll('[aria-label]')) out.push(fold(labelled.getAttribute('aria-label')));
  return out.filter((piece) => /\p{L}{2}/u.test(piece));
}

/** What a patient reads and hears from the button and the list, with the cancel question open. */
async function shown(c: Awaited<ReturnType<typeof clinic>>): Promise<string[]> {
  const cancel = all<HTMLButtonElement>(c.list, 'button.cancel')[0];
  const closed = [...pieces(c.button), ...pieces(c.list)];
  cancel.click();
  await until(() => c.list.shadowRoot!.querySelector('.actions .danger'), 'no cancel question');
  const asking = pieces(c.list);
  await sendKeys({ press: 'Escape' });
  await until(() => !c.list.shadowRoot!.querySelector('.actions .danger'), 'cancel question still open');
  return [...closed, ...asking];
}

/** English day and month names (Intl falls back to them where it lacks a language's data, as for ht). */
const INTL_WORDS = new Set([
  ...Array.from({ length: 7 }, (_, d) =>
    new Date(Date.UTC(2026, 2, 1 + d)).toLocaleDateString('en-US', { weekday: 'long', timeZone: 'UTC' }),
  ),
  ...Array.from({ length: 12 }, (_, m) =>
    new Date(Date.UTC(2026, m, 1)).toLocaleDateString('en-US', { month: 'long', timeZone: 'UTC' }),
  ),
]);

/** Written by Intl, not by careslot: dates and zone names (EST, GMT+1). */
const byIntl = (piece: string) =>
  /^[A-Z]{2,5}$|^(GMT|UTC)/.test(piece) || piece.split(/[\s,]+/).every((word) => !word || INTL_WORDS.has(word));

/** Whether a text holds the piece as whole words ("Confirm" is not in "Confirmar"). */
const holds = (text: string, piece: string) =>
  new RegExp(`(?<![\\p{L}])${piece.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}])`, 'u').test(text);

const chooseFirstTime = async (c: Awaited<ReturnType<typeof clinic>>) => {
  all<HTMLButtonElement>(c.picker, 'button.slot')[0].click();
  await until(() => one(c.button, 'button[part="button"]').getAttribute('aria-disabled') === 'false', 'not ready');
};

describe('the visits area in every language', () => {
  let english: string[] = [];
  let backendData: string[] = [];

  before(async () => {
    const c = await clinic('en-US');
    await chooseFirstTime(c);
    const slots = await c.provider.findSlots!({ start: '2026-03-01T00:00:00Z', end: '2026-04-30T00:00:00Z' });
    const appointments = await c.provider.listAppointments!({ patientId: 'demo-patient' });
    // Names, places, services and instructions come from the backend: never translated.
    backendData = [...slots, ...appointments]
      .flatMap((item) => [item.practitioner?.name, item.location?.name, item.service?.name])
      .concat(appointments.flatMap((a) => a.instructions ?? []))
      .filter((name): name is string => !!name);
    // The English words of each piece before its first value (a time, a date, a name).
    english = [
      ...new Set(
        (await shown(c))
          .map((piece) => fold(piece.split(/\d/)[0].replace(/[,:(]\s*$/, '')))
          .filter((piece) => /\p{L}{2}/u.test(piece) && !byIntl(piece))
          .filter((piece) => !backendData.some((name) => piece.includes(name) || name.includes(piece))),
      ),
    ];
    expect(english).to.include.members(['Book appointment', 'Cancel', 'Keep appointment', 'Yes, cancel']);
  });

  afterEach(async () => {
    // Back to English for the other test files.
    await useLocale('en');
  });

  for (const locale of LOCALES) {
    it(`${locale}: no English of the area, and the error sentence in ${locale}`, async () => {
      const catalog = CATALOGS[locale];
      const c = await clinic(locale, { failures: { book: 'upstream-unavailable' } });
      const bookLabel = () => fold(one(c.button, 'button[part="button"]').textContent);
      await until(() => bookLabel() === catalog['book.button'], `button still "${bookLabel()}"`);
      await chooseFirstTime(c);
      const seen = (await shown(c)).join('\n');
      const leaked = english.filter((piece) => holds(seen, piece));
      expect(leaked, `English in ${locale}`).to.deep.equal([]);

      one<HTMLButtonElement>(c.button, 'button[part="button"]').click();
      await until(() => c.button.shadowRoot!.querySelector('[role="alert"]'), 'no error shown');
      const alert = fold(one(c.button, '[role="alert"]').textContent);
      expect(alert).to.include(catalog['message.upstreamUnavailable'] as string);
      expect(alert).not.to.include('booking system is not available');
      expect(alert).not.to.include('call the clinic');
    });
  }
});
