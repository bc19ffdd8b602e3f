/**
 * Toolbar globals for designers: display time zone, locale (language, with RTL), hour cycle, theme and "today".
 * A global decorator writes them onto every `<booking-provider>` of the story (`time-zone`, `locale`,
 * `hour-cycle`, `now`). An empty value means "what the story itself says", so every story keeps its own
 * deterministic clock until someone picks a day in the toolbar.
 */
import type { Decorator, Preview } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ref } from 'lit/directives/ref.js';

type GlobalItem = { value: string; title: string; right?: string };

const zones: GlobalItem[] = [
  { value: '', title: 'Zone: clinic / patient policy' },
  { value: 'America/New_York', title: 'America/New_York', right: 'DST' },
  { value: 'America/Los_Angeles', title: 'America/Los_Angeles', right: 'DST' },
  { value: 'America/Phoenix', title: 'America/Phoenix', right: 'no DST' },
  { value: 'Europe/London', title: 'Europe/London', right: 'EU DST' },
  { value: 'Europe/Berlin', title: 'Europe/Berlin', right: 'EU DST' },
  { value: 'Asia/Kolkata', title: 'Asia/Kolkata', right: '+05:30' },
  { value: 'Australia/Adelaide', title: 'Australia/Adelaide', right: '+09:30/+10:30' },
  { value: 'Pacific/Auckland', title: 'Pacific/Auckland', right: 'southern DST' },
  { value: 'UTC', title: 'UTC' },
];

/** The twelve languages careslot speaks (strings and formats), and a few regions (formats, nearest language). */
const locales: GlobalItem[] = [
  { value: '', title: 'Locale: page / browser' },
  { value: 'en-US', title: 'English (US)', right: '12 h' },
  { value: 'es-US', title: 'Español (EE. UU.)', right: 'es' },
  { value: 'zh-Hans', title: '简体中文', right: 'zh-Hans' },
  { value: 'zh-Hant', title: '繁體中文', right: 'zh-Hant' },
  { value: 'vi-VN', title: 'Tiếng Việt', right: 'vi' },
  { value: 'tl-PH', title: 'Tagalog', right: 'tl' },
  { value: 'ko-KR', title: '한국어', right: 'ko' },
  { value: 'ru-RU', title: 'Русский', right: 'ru' },
  { value: 'ar-EG', title: 'العربية', right: 'ar, RTL' },
  { value: 'fr-FR', title: 'Français', right: 'fr, 24 h' },
  { value: 'ht-HT', title: 'Kreyòl ayisyen', right: 'ht' },
  { value: 'pt-BR', title: 'Português (Brasil)', right: 'pt' },
  { value: 'en-GB', title: 'English (UK)', right: '24 h' },
  { value: 'es-MX', title: 'Español (México)', right: 'nearest: es' },
  { value: 'de-DE', title: 'Deutsch', right: 'formats only; strings English' },
];

const themes: GlobalItem[] = [
  { value: '', title: 'Theme: story default' },
  { value: 'light', title: 'Light' },
  { value: 'dark', title: 'Dark' },
  { value: 'auto', title: 'Auto (prefers-color-scheme)' },
];

const hourCycles: GlobalItem[] = [
  { value: '', title: 'Clock: as the locale says' },
  { value: 'h12', title: '12-hour clock' },
  { value: 'h23', title: '24-hour clock' },
];

/** "Today" presets: ordinary days, and the days around DST changes where times shift or repeat. */
export const TODAY_PRESETS: GlobalItem[] = [
  { value: '', title: 'Today: story default' },
  { value: '2026-03-02T15:00:00Z', title: 'Mon 2026-03-02, 10:00 New York', right: 'ordinary week' },
  { value: '2026-03-08T05:00:00Z', title: 'Sun 2026-03-08, 00:00 New York', right: 'US DST starts (23 h day)' },
  { value: '2026-03-29T00:00:00Z', title: 'Sun 2026-03-29, 00:00 London', right: 'EU DST starts' },
  { value: '2026-04-05T00:00:00Z', title: 'Sun 2026-04-05, 10:30 Adelaide', right: 'Adelaide DST ends' },
  { value: '2026-11-01T04:00:00Z', title: 'Sun 2026-11-01, 00:00 New York', right: 'US DST ends (25 h day)' },
  { value: '2026-11-21T15:00:00Z', title: 'Sat 2026-11-21', right: 'weekend' },
  { value: '2026-12-24T15:00:00Z', title: 'Thu 2026-12-24', right: 'holidays' },
];

export const careslotGlobalTypes = {
  timeZone: {
    name: 'Display time zone',
    description: 'time-zone on every <booking-provider>: overrides the clinic / patient zone policy',
    toolbar: { title: 'Zone', icon: 'globe', items: zones, dynamicTitle: true },
  },
  locale: {
    name: 'Locale',
    description: 'locale on every <booking-provider>',
    toolbar: { title: 'Locale', icon: 'paragraph', items: locales, dynamicTitle: true },
  },
  hourCycle: {
    name: 'Hour cycle',
    description: 'hour-cycle on every <booking-provider>',
    toolbar: { title: 'Clock', icon: 'time', items: hourCycles, dynamicTitle: true },
  },
  theme: {
    name: 'Theme',
    description: 'theme on every <booking-provider>: light, dark, or auto (follows prefers-color-scheme)',
    toolbar: { title: 'Theme', icon: 'contrast', items: themes, dynamicTitle: true },
  },
  today: {
    name: 'Today',
    description: 'now on every <booking-provider>: a fixed clock (the demo backend lays out its week from it)',
    toolbar: { title: 'Today', icon: 'calendar', items: TODAY_PRESETS, dynamicTitle: true },
  },
} satisfies NonNullable<Preview['globalTypes']>;

/** Global name → `<booking-provider>` attribute. */
const ATTRIBUTES = {
  timeZone: 'time-zone',
  locale: 'locale',
  hourCycle: 'hour-cycle',
  theme: 'theme',
  today: 'now',
} as const;
type GlobalName = keyof typeof ATTRIBUTES;

/** The attribute values a story rendered itself, before any toolbar global replaced them. */
const storyValues = new WeakMap<Element, Partial<Record<GlobalName, string | null>>>();

/** Writes the toolbar globals onto every `<booking-provider>` under `root`, or restores the story's own value. */
export function applyCareslotGlobals(root: ParentNode, globals: Record<string, unknown>): void {
  for (const element of root.querySelectorAll('booking-provider')) {
    const own = storyValues.get(element) ?? {};
    for (const [name, attribute] of Object.entries(ATTRIBUTES) as [GlobalName, string][]) {
      if (!(name in own)) own[name] = element.getAttribute(attribute);
      const chosen = globals[name];
      const value = typeof chosen === 'string' && chosen ? chosen : own[name];
      if (value === null || value === undefined) element.removeAttribute(attribute);
      else if (element.getAttribute(attribute) !== value) element.setAttribute(attribute, value);
    }
    storyValues.set(element, own);
  }
}

/**
 * The global decorator. The marker after the story is committed after the story's own elements, so its
 * ref callback sees them before their first update and the first load already uses the chosen clock.
 */
export const withCareslotGlobals: Decorator = (story, context) => {
  const globals = context.globals;
  const apply = (marker?: Element) => {
    const root = marker?.parentNode;
    if (root) applyCareslotGlobals(root, globals);
  };
  return html`${story()}<span hidden data-careslot-globals ${ref(apply)}></span>`;
};
