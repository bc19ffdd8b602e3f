/**
 * Story templates: a `<booking-provider>` around the elements, with a fixed clock and demo options.
 */
import { html, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { BookingProvider, ProviderOptions } from '../../src/core/provider.js';
import type { DemoOptions } from '../../src/providers/demo/index.js';
import { displayOnlyProvider, longNamesProvider, signInOnlyProvider } from './story-provider.js';

/** The stories' default clock: Monday 2 March 2026, 10:00 in New York. The "Today" toolbar replaces it. */
export const STORY_NOW = '2026-03-02T15:00:00Z';
/** The demo clinic's patient. */
export const DEMO_PATIENT = 'demo-patient';

/** Story adapters from story-provider.ts, by name (args stay plain data; the adapter is made per render). */
export type CustomProvider = 'long-names' | 'display-only' | 'sign-in-only';

export interface ProviderSetup {
  backend?: string;
  baseUrl?: string;
  patient?: string | null;
  now?: string;
  timeZone?: string;
  locale?: string;
  hourCycle?: 'h12' | 'h23';
  /** Adapter options (for `demo`: {@link DemoOptions}). */
  options?: ProviderOptions | DemoOptions;
  /** A ready adapter instead of `backend`. */
  provider?: BookingProvider;
  /** A story adapter instead of `backend`, made fresh for each render. */
  custom?: CustomProvider;
  /** `sign-in-url`: where patients sign in, for backends that book only for signed-in patients. */
  signInUrl?: string;
}

/** `<booking-provider>` with the stories' defaults: the demo backend, the demo patient, a fixed clock. */
export function bookingProvider(setup: ProviderSetup, content: TemplateResult | TemplateResult[]): TemplateResult {
  const now = setup.now ?? STORY_NOW;
  const provider =
    setup.provider ??
    (setup.custom === 'long-names'
      ? longNamesProvider(now)
      : setup.custom === 'display-only'
        ? displayOnlyProvider(now)
        : setup.custom === 'sign-in-only'
          ? signInOnlyProvider(now)
          : undefined);
  const patient = setup.patient === null ? undefined : (setup.patient ?? DEMO_PATIENT);
  return html`<booking-provider
    backend=${setup.backend ?? 'demo'}
    base-url=${ifDefined(setup.baseUrl)}
    patient=${ifDefined(patient)}
    now=${now}
    time-zone=${ifDefined(setup.timeZone)}
    locale=${ifDefined(setup.locale)}
    hour-cycle=${ifDefined(setup.hourCycle)}
    sign-in-url=${ifDefined(setup.signInUrl)}
    .options=${(setup.options ?? undefined) as ProviderOptions | undefined}
    .provider=${provider}
    >${content}</booking-provider
  >`;
}

/** The booking widget a clinic page embeds: picker, button, list. */
export function bookingWidget(
  picker: { days?: number; practitioner?: string; location?: string } = {},
): TemplateResult {
  return html`<section class="careslot-story-section" aria-labelledby="book-heading">
      <h2 id="book-heading">Book a visit</h2>
      <slot-picker
        view="list"
        days=${picker.days ?? 5}
        practitioner=${ifDefined(picker.practitioner)}
        location=${ifDefined(picker.location)}
      ></slot-picker>
      <confirm-button></confirm-button>
    </section>
    <section class="careslot-story-section" aria-labelledby="list-heading">
      <h2 id="list-heading">Your appointments</h2>
      <appointment-list></appointment-list>
    </section>`;
}

/** A narrow phone-sized column (the viewport global also sets the preview's size in the Storybook UI). */
export function phoneFrame(content: unknown): TemplateResult {
  return html`<div style="max-width: 320px; border: 1px dashed #8a8f99; padding: 8px">${content}</div>`;
}

/** The dark palette, through the public custom properties only. */
export const DARK_THEME = [
  'color-scheme: dark',
  'background: #11151c',
  'color: #e8eaf0',
  '--careslot-color-primary: #8cc4ff',
  '--careslot-color-on-primary: #0b1320',
  '--careslot-color-text: #e8eaf0',
  '--careslot-color-muted: #b4bccb',
  '--careslot-color-surface: #1c2330',
  '--careslot-color-border: #5a6477',
  '--careslot-color-danger: #ff9b9b',
  '--careslot-color-success: #8be0a6',
  '--careslot-color-focus: #ffd166',
].join(';');

export function darkFrame(content: unknown): TemplateResult {
  return html`<div data-theme="dark" style="${DARK_THEME}; padding: 16px; border-radius: 8px">${content}</div>`;
}
