// The journey in every language: a new patient walks <booking-flow> visit → time → details → review → done on
// the demo clinic, and no English text of the flow, the patient form or the confirmation shows on the way.
// English is what the same walk shows in `en`; the backend's words (names, places, times) are left out.
import { expect, fixture, html } from '@open-wc/testing';
import { emergencyText, type BookingFlowElement } from '../src/elements/booking-flow/booking-flow.js';
import type { BookingProviderElement } from '../src/elements/booking-provider/booking-provider.js';
import { LOCALES, currentLocale, resolveLocale } from '../src/elements/shared/i18n.js';
import '../src/define.js';
import { journey as es } from '../src/locales/es/journey.js';
import { journey as zhHans } from '../src/locales/zh-Hans/journey.js';
import { journey as zhHant } from '../src/locales/zh-Hant/journey.js';
import { journey as vi } from '../src/locales/vi/journey.js';
import { journey as tl } from '../src/locales/tl/journey.js';
import { journey as ko } from '../src/locales/ko/journey.js';
import { journey as ru } from '../src/locales/ru/journey.js';
import { journey as ar } from '../src/locales/ar/journey.js';
import { journey as fr } from '../src/locales/fr/journey.js';
import { journey as ht } from '../src/locales/ht/journey.js';
import { journey as pt } from '../src/locales/pt/journey.js';
import { DemoProvider } from '../src/providers/demo/index.js';
import { NOW, all, fold, one, slotButtons, until } from './helpers.js';

/** Each language's journey strings, by locale. */
const CATALOGS: Record<string, Record<string, unknown>> = {
  es: es,
  'zh-Hans': zhHans,
  'zh-Hant': zhHant,
  vi: vi,
  tl: tl,
  ko: ko,
  ru: ru,
  ar: ar,
  fr: fr,
  ht: ht,
  pt: pt,
};

type Stop = 'visit' | 'time' | 'details' | 'details-filled' | 'review' | 'done';

/** Texts of the backend (or of the browser's formats) inside these shadow roots: not the journey's own words. */
const DATA = 'dd, .clock, [part="instructions"], a[href^="tel:"], [role="status"][aria-live]';

/** The words a patient reads in a shadow root, one per text node (and each aria-label), with a letter in them. */
function texts(el: Element | null | undefined): string[] {
  const root = el?.shadowRoot;
  if (!root) return [];
  const out: string[] = [];
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node.parentElement?.closest(DATA)) continue;
    out.push(fold(node.textContent));
  }
  for (const labelled of root.querySelectorAll('[aria-label]')) out.push(fold(labelled.getAttribute('aria-label')));
  return out.filter((text) => /\p{L}/u.test(text));
}

async function walk(locale: string, atEachStop: (stop: Stop, seen: string[], flow: BookingFlowElement) => void) {
  const provider = new DemoProvider({ options: { takenShare: 0 }, now: () => new Date(NOW) });
  const root = await fixture<BookingProviderElement>(
    html`<booking-provider locale=${locale} now=${NOW} .provider=${provider}
      ><booking-flow></booking-flow
    ></booking-provider>`,
  );
  const flow = root.querySelector<BookingFlowElement>('booking-flow')!;
  await until(() => currentLocale() === resolveLocale(locale), `${locale} did not load`);
  await until(() => flow.shadowRoot?.querySelector('h2'), 'flow did not render');
  await flow.updateComplete;
  const inner = <T extends Element = HTMLElement>(tag: string) => flow.shadowRoot!.querySelector<T>(tag)!;
  const section = (step: string) => one(flow, `section[data-step="${step}"]`);
  const shown = () => all(flow, 'section.step').find((s) => !s.hidden)?.dataset.step;
  const next = () => section(shown()!).querySelector<HTMLButtonElement>('button.next')!.click();
  const stop = async (name: Stop) => {
    await flow.updateComplete;
    const form = inner('patient-form') as (HTMLElement & { updateComplete?: Promise<unknown> }) | null;
    await form?.updateComplete;
    const seen = [...texts(flow), ...texts(form), ...texts(inner('booking-confirmation'))];
    atEachStop(name, seen, flow);
  };

  await stop('visit');
  next();
  await until(() => shown() === 'time', 'not on the time step');
  const picker = inner('slot-picker');
  await until(() => slotButtons(picker).length > 0, 'no times');
  // Continue without a time: the hint says what is missing.
  next();
  await until(() => flow.shadowRoot!.querySelector('.nav .hint'), 'no hint');
  await stop('time');
  slotButtons(picker)[0].click();
  next();
  await until(() => shown() === 'details', 'not on details');
  const form = inner<HTMLElement & { updateComplete: Promise<unknown> }>('patient-form');
  await until(() => form.shadowRoot?.querySelector('[data-key="name.given"]'), 'no form');
  // Continue with nothing typed: every field says what is wrong.
  next();
  await until(() => one(form, '[data-field="phone"] [part="error"]').textContent!.trim(), 'no errors');
  await stop('details');
  const set = async (key: string, value: string) => {
    const input = one<HTMLInputElement>(form, `[data-key="${key}"]`);
    input.value = value;
    input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    await form.updateComplete;
  };
  await set('name.given', 'Ana');
  await set('name.family', 'Quintero');
  await set('birthDate', '1990-04-12');
  await set('phone', '212 555');
  await stop('details-filled');
  await set('phone', '212 555 0100');
  next();
  await until(() => shown() === 'review', 'not on review');
  await stop('review');
  const button = inner('confirm-button');
  await until(() => one(button, 'button.primary').getAttribute('aria-disabled') === 'false', 'Book is off');
  one<HTMLButtonElement>(button, 'button.primary').click();
  await until(() => shown() === 'done', 'not done');
  const confirmation = inner('booking-confirmation');
  await until(() => confirmation.shadowRoot?.querySelector('a[download]'), 'no calendar link');
  await stop('done');
  return flow;
}

describe('the journey in every language', () => {
  const english = new Set<string>();
  let emergency = '';
  /** Each language's emergency number, by its country, as the English sentence has it. */
  const numbers = new Map<string, string>();

  before(async () => {
    await walk('en', (_, seen, flow) => {
      for (const text of seen) english.add(text);
      emergency = fold(one(flow, '[part="emergency"]').textContent);
    });
    expect(emergency).to.equal('If this is an emergency, call 911.');
    for (const locale of LOCALES) numbers.set(locale, /(\d+)\.$/.exec(emergencyText(locale))![1]);
    // The walk saw the form's errors, the review's labels and the confirmation's buttons.
    expect([...english]).to.include.members([
      'Enter your first name',
      'Enter a phone number we can call, with at least 7 digits',
      'Review and book',
      'Add to calendar',
    ]);
  });

  after(async () => {
    // Back to English for the other test files.
    await walk('en', () => {});
  });

  for (const locale of LOCALES)
    it(`${locale}: no English on any step, the emergency notice translated`, async function () {
      this.timeout(20000);
      const journey = CATALOGS[locale];
      // A translation that is the same word as in English (a name, an abbreviation) is not a leak.
      const sentence = journey['flow.emergency'] as string;
      const same = new Set(Object.values(journey).filter((v): v is string => typeof v === 'string'));
      const stops: Stop[] = [];
      const flow = await walk(locale, (stop, seen, flow) => {
        stops.push(stop);
        const leaks = seen.filter((text) => english.has(text) && !same.has(text));
        expect(leaks, `English on the ${stop} step in ${locale}`).to.deep.equal([]);
        expect(seen.length, `nothing seen on the ${stop} step`).to.be.greaterThan(3);
        const notice = fold(one(flow, '[part="emergency"]').textContent);
        // The language's sentence, with the number of the locale's country (a language alone: 911) as in English.
        expect(notice).to.not.equal(emergency);
        expect(notice).to.equal(sentence.replace('{0}', numbers.get(locale)!));
        expect(flow.getAttribute('dir') ?? 'ltr').to.equal(locale === 'ar' ? 'rtl' : 'ltr');
      });
      expect(stops).to.deep.equal(['visit', 'time', 'details', 'details-filled', 'review', 'done']);
      // The calendar file speaks the language too (its words come from the confirmation).
      const confirmation = flow.shadowRoot!.querySelector('booking-confirmation')!;
      const ics = await (await fetch(one<HTMLAnchorElement>(confirmation, 'a[download]').href)).text();
      const unfolded = ics.replace(/\r\n /g, '');
      expect(unfolded).to.not.match(/Appointment with|Reference:|Clinic phone:/);
      const reference = (journey['confirmation.ics.reference'] as string).replace(/[,;]/g, (c) => `\\${c}`);
      expect(unfolded).to.contain(`\\n${reference} `);
    });
});
