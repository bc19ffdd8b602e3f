import {
  LOCALE_STATUS_EVENT,
  configureLocalization,
  msg,
  updateWhenLocaleChanges,
  type StrResult,
} from '@lit/localize';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { LOCALE_IDS } from '../../locales/ids.js';

/*
 * Every patient-facing string goes through @lit/localize (runtime mode): `msg('Earlier days', { id: 'picker.earlier' })`.
 * The English text in the source is the default; each other language's strings are one lazy chunk
 * (src/locales/<locale>.ts, its three areas) loaded only when a page uses the language. `<booking-provider locale>` (else the page's `lang`, else the browser's)
 * picks the nearest supported language: `es-MX` → `es`, `zh-TW` → `zh-Hant`, anything unknown → English.
 * `strings` on `<booking-provider>` overrides any string by its id, in every language.
 */

/** The languages US clinics are most asked for, besides English (the source). */
export const LOCALES = ['es', 'zh-Hans', 'zh-Hant', 'vi', 'tl', 'ko', 'ru', 'ar', 'fr', 'ht', 'pt'] as const;
export type TargetLocale = (typeof LOCALES)[number];
/** `en` is the source language; the source locale itself is a name no page uses, so `en` can carry overrides. */
const SOURCE = 'x-source';

const overrides = new Map<string, string | StrResult>();
/** The overrides as last given, to tell a change from the same ones again. */
let givenOverrides = '[]';

/** A loaded language's strings, with the page's overrides on top (a string with `{0}` takes the message's values). */
function withOverrides(templates: Record<string, unknown>): Record<string, unknown> {
  return new Proxy(templates, {
    get: (target, id) => (typeof id === 'string' && overrides.has(id) ? overrides.get(id) : Reflect.get(target, id)),
  });
}

type Part = Record<string, unknown>;
/** A language's strings: by id (the source), or as texts in the order of LOCALE_IDS (the build). */
type Language = { templates?: Part; texts?: readonly (string | null)[] };

/** Each language's strings, one lazy chunk each, fetched when a page uses the language. */
const LOADERS: Record<TargetLocale, () => Promise<Language>> = {
  es: () => import('../../locales/es.js'),
  'zh-Hans': () => import('../../locales/zh-Hans.js'),
  'zh-Hant': () => import('../../locales/zh-Hant.js'),
  vi: () => import('../../locales/vi.js'),
  tl: () => import('../../locales/tl.js'),
  ko: () => import('../../locales/ko.js'),
  ru: () => import('../../locales/ru.js'),
  ar: () => import('../../locales/ar.js'),
  fr: () => import('../../locales/fr.js'),
  ht: () => import('../../locales/ht.js'),
  pt: () => import('../../locales/pt.js'),
};

/** A language's strings by id, however they were shipped. */
function byId(language: Language): Part {
  if (!language.texts) return language.templates ?? {};
  const out: Part = {};
  language.texts.forEach((text, i) => {
    if (text !== null) out[LOCALE_IDS[i]] = text;
  });
  return out;
}

const { getLocale, setLocale } = configureLocalization({
  sourceLocale: SOURCE,
  targetLocales: ['en', ...LOCALES],
  loadLocale: async (locale) => {
    const strings = locale === 'en' ? {} : byId(await LOADERS[locale as TargetLocale]());
    // Translations are plain text with `{0}` for the message's values: no import, so the language chunks share
    // no module with dist/careslot.js (which would split it into several files).
    const templates: Part = {};
    for (const [id, text] of Object.entries(strings)) templates[id] = template(String(text));
    return { templates: withOverrides(templates) as never };
  },
});

/** The supported language nearest to a BCP 47 tag: exact, then by script or region (Chinese), then by language. */
export function resolveLocale(tag: string | undefined | null): 'en' | TargetLocale {
  if (!tag) return 'en';
  // Every element asks on every update; Intl.Locale#maximize is not free.
  let resolved = resolved_.get(tag);
  if (!resolved) resolved_.set(tag, (resolved = resolveUncached(tag)));
  return resolved;
}
const resolved_ = new Map<string, 'en' | TargetLocale>();

function resolveUncached(tag: string): 'en' | TargetLocale {
  // English, the first screen's usual case, without asking Intl for likely subtags.
  if (/^en(?:-|_|$)/i.test(tag)) return 'en';
  let locale: Intl.Locale;
  try {
    locale = new Intl.Locale(tag).maximize();
  } catch {
    return 'en';
  }
  const language = locale.language;
  if (language === 'zh') return locale.script === 'Hant' ? 'zh-Hant' : 'zh-Hans';
  // Filipino is Tagalog's standard form: one translation serves both.
  if (language === 'fil') return 'tl';
  return (LOCALES as readonly string[]).includes(language) ? (language as TargetLocale) : 'en';
}

/** Right-to-left languages (of the supported ones, Arabic). */
export function directionOf(locale: string): 'rtl' | 'ltr' {
  return /^(ar|he|fa|ur)\b/.test(locale) ? 'rtl' : 'ltr';
}

/**
 * Switches every careslot element to the language nearest to `tag`, with the page's string overrides; resolves
 * once the language's strings are loaded. English without overrides loads nothing.
 */
export async function useLocale(tag: string | undefined | null, strings?: Record<string, string>): Promise<void> {
  const locale = resolveLocale(tag);
  const changed = setOverrides(strings);
  const target = locale === 'en' && !overrides.size ? (getLocale() === SOURCE ? SOURCE : 'en') : locale;
  if (target !== getLocale()) await setLocale(target);
  // Same language, new overrides: elements render again (as a finished language load tells them to).
  else if (changed)
    window.dispatchEvent(new CustomEvent(LOCALE_STATUS_EVENT, { detail: { status: 'ready', readyLocale: target } }));
}

/** The language the strings are in now (`en` for the source). */
export function currentLocale(): 'en' | TargetLocale {
  const locale = getLocale();
  return locale === SOURCE ? 'en' : (locale as 'en' | TargetLocale);
}

function setOverrides(strings: Record<string, string> | undefined): boolean {
  const entries = Object.entries(strings ?? {}).filter(([, value]) => typeof value === 'string');
  const given = JSON.stringify(entries);
  if (given === givenOverrides) return false;
  givenOverrides = given;
  overrides.clear();
  for (const [id, value] of entries) overrides.set(id, template(value));
  return true;
}

/** "Paso {0} de {1}" as a template whose values the message fills in; plain text stays text. */
function template(text: string): string | StrResult {
  if (!/\{\d+\}/.test(text)) return text;
  const parts = text.split(/\{(\d+)\}/);
  const strings = parts.filter((_, i) => i % 2 === 0);
  const values = parts.filter((_, i) => i % 2 === 1).map(Number);
  return { strTag: true, strings, values } as unknown as StrResult;
}

const pluralRules = new Map<string, Intl.PluralRules>();

/**
 * A count in words, by the language's plural rules: `plural('picker.more', n, str`${n} more time`, str`${n} more
 * times`)`. Each language gives the forms it has (`picker.more.one`, `.few`, `.many`, `.other`…); English the two.
 */
export function plural(id: string, count: number, one: StrResult, other: StrResult): string {
  const locale = currentLocale();
  let rules = pluralRules.get(locale);
  if (!rules) pluralRules.set(locale, (rules = new Intl.PluralRules(locale)));
  const category = rules.select(count);
  return msg(category === 'one' ? one : other, { id: `${id}.${category}` });
}

/**
 * Renders the host again when the language changes, and gives it the language's direction (`dir="rtl"` for
 * Arabic even on a left-to-right page) and its `lang` where it is not the page's, unless the page set them.
 */
export class LocaleController implements ReactiveController {
  private owned = false;
  private ownsLang = false;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly locale: () => string | undefined,
  ) {
    host.addController(this);
    updateWhenLocaleChanges(host);
  }

  hostUpdate(): void {
    const tag = this.locale();
    if (!tag) return;
    const locale = resolveLocale(tag);
    const dir = directionOf(locale);
    const host = this.host;
    // The language of the strings, where it is not the page's (WCAG 3.1.2): screen readers switch voices.
    const page = host.parentElement?.closest('[lang]')?.getAttribute('lang');
    const lang = locale === 'en' ? 'en' : locale;
    if (page && resolveLocale(page) === locale) {
      if (this.ownsLang) host.removeAttribute('lang');
      this.ownsLang = false;
    } else if (!host.hasAttribute('lang') || this.ownsLang) {
      if (host.getAttribute('lang') !== lang) host.setAttribute('lang', lang);
      this.ownsLang = true;
    }
    if (host.hasAttribute('dir') && !this.owned) return;
    if (dir === 'rtl' || this.owned) {
      if (host.getAttribute('dir') !== dir) host.setAttribute('dir', dir);
      this.owned = true;
    }
  }
}
