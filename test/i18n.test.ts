// Languages: the nearest supported one is chosen, strings switch with `locale`, `strings` overrides any string,
// Arabic turns the elements right-to-left.
import { expect, fixture, html } from '@open-wc/testing';
import type { BookingProviderElement } from '../src/elements/booking-provider/booking-provider.js';
import { resolveLocale } from '../src/elements/shared/i18n.js';
import '../src/define.js';
import { one, until } from './helpers.js';

async function broken(locale: string, strings?: Record<string, string>) {
  const root = await fixture<BookingProviderElement>(
    html`<booking-provider backend="no-such-system" locale=${locale} .strings=${strings}></booking-provider>`,
  );
  await until(() => root.shadowRoot?.querySelector('[part="retry"]'), 'no retry button');
  return root;
}

const retryText = (root: Element) => one(root, '[part="retry"]').textContent!.trim();

describe('languages', () => {
  afterEach(async () => {
    // Back to English for the other test files.
    await broken('en');
  });

  it('picks the nearest supported language, else English', () => {
    expect(resolveLocale('es-MX')).to.equal('es');
    expect(resolveLocale('es')).to.equal('es');
    expect(resolveLocale('zh-TW')).to.equal('zh-Hant');
    expect(resolveLocale('zh-HK')).to.equal('zh-Hant');
    expect(resolveLocale('zh-CN')).to.equal('zh-Hans');
    expect(resolveLocale('zh')).to.equal('zh-Hans');
    expect(resolveLocale('fil-PH')).to.equal('tl');
    expect(resolveLocale('pt-BR')).to.equal('pt');
    expect(resolveLocale('ar-EG')).to.equal('ar');
    expect(resolveLocale('de-DE')).to.equal('en');
    expect(resolveLocale('not a tag')).to.equal('en');
  });

  it('switches the strings with locale, in a lazily loaded language chunk', async () => {
    const root = await broken('es-MX');
    await until(() => retryText(root) === 'Intentar de nuevo', `still "${retryText(root)}"`);
    root.locale = 'en-US';
    await until(() => retryText(root) === 'Try again', 'not back to English');
  });

  it('strings overrides any string by its id, in any language', async () => {
    const root = await broken('es', { 'provider.retry': 'Probar otra vez' });
    await until(() => retryText(root) === 'Probar otra vez', `override not applied: "${retryText(root)}"`);
    root.strings = {};
    await until(() => retryText(root) === 'Intentar de nuevo', 'override not removed');
  });

  it('Arabic: right to left', async () => {
    const root = await broken('ar-EG');
    await until(() => retryText(root) === 'حاول مرة أخرى', 'not in Arabic');
    expect(root.getAttribute('dir')).to.equal('rtl');
    root.locale = 'en';
    await until(() => root.getAttribute('dir') === 'ltr', 'still right to left');
  });
});

describe('language of the parts (WCAG 3.1.2)', () => {
  it('an element in another language than the page says so with lang', async () => {
    const root = await broken('es');
    await until(() => root.getAttribute('lang') === 'es', `lang is ${root.getAttribute('lang')}`);
    root.locale = 'en';
    // The test page is English: nothing to say.
    await until(() => !root.hasAttribute('lang') || root.getAttribute('lang') === 'en', 'lang not back');
  });
});

describe('strings from HTML', () => {
  it('a <script type="application/json" data-strings> child overrides strings; the options child stays options', async () => {
    const root = await fixture<BookingProviderElement>(
      html`<booking-provider backend="no-such-system" locale="en">
        <script type="application/json" data-strings>
          { "provider.retry": "Reload the clinic's times" }
        </script>
      </booking-provider>`,
    );
    await until(() => root.shadowRoot?.querySelector('[part="retry"]'), 'no retry button');
    await until(() => retryText(root) === "Reload the clinic's times", `not overridden: "${retryText(root)}"`);
    root.strings = {};
    await broken('en');
  });
});
