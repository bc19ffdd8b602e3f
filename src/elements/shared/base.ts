import { ContextConsumer } from '@lit/context';
import { LitElement, css } from 'lit';
import { BookingError } from '../../core/errors.js';
import type { DisplaySettings } from '../../core/time.js';
import { ConnectionController } from './connection.js';
import { sessionContext, type BookingSession } from './context.js';
import { LocaleController } from './i18n.js';
import type { CareslotEventDetails, CareslotEventName } from './events.js';

/** Registers a tag once; a second copy of careslot on the page (or an HMR reload) is skipped quietly. */
export function defineElement(tag: string, constructor: CustomElementConstructor): void {
  if (!customElements.get(tag)) customElements.define(tag, constructor);
}

/**
 * Dispatches one of the bubbling, composed CustomEvents of the public surface. The name must be a careslot
 * event and the detail its type in `CareslotEventDetails`, so a wrong detail does not compile.
 */
export function emit<K extends CareslotEventName>(
  target: EventTarget,
  type: K,
  detail: CareslotEventDetails[K],
  cancelable = false,
): boolean {
  const full = target instanceof Element && !!target.closest('booking-provider[include-native]');
  return target.dispatchEvent(
    new CustomEvent<CareslotEventDetails[K]>(type, {
      detail: full ? detail : minimalDetail(detail),
      bubbles: true,
      composed: true,
      cancelable,
    }),
  );
}

/**
 * An event detail without what only the backend should see: slots and appointments lose their `native`
 * record (Medfusion's holds the patient's name, birth date and member id), errors lose their `cause` (the
 * raw answer). `include-native` on `<booking-provider>` keeps both.
 */
function minimalDetail<T extends object>(detail: T): T {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(detail)) {
    if (value instanceof BookingError) {
      out[key] = new BookingError(value.kind, value.message, { status: value.status, backendCode: value.backendCode });
    } else if (value && typeof value === 'object' && 'native' in value) {
      const { native: _native, ...rest } = value as { native?: unknown };
      out[key] = rest;
    } else out[key] = value;
  }
  return out as T;
}

/** Base of the elements that live inside a `<booking-provider>`: its session, its language, its calls. */
export class ProviderElement extends LitElement {
  protected readonly sessionConsumer = new ContextConsumer(this, { context: sessionContext, subscribe: true });
  /** Aborts the element's provider calls when it leaves the page (`connection.signal`, tracked tasks). */
  protected readonly connection = new ConnectionController(this);
  /** Renders again in the provider's language, with its direction. */
  protected readonly localeController = new LocaleController(this, () => this.session?.display.locale);

  protected get session(): BookingSession | undefined {
    return this.sessionConsumer.value;
  }
}

/** Base of the elements that show times: a provider element with its own `time-zone` on top. */
export class SessionElement extends ProviderElement {
  static override properties = {
    timeZone: { type: String, attribute: 'time-zone' },
  };

  /** IANA zone that overrides the display zone for this element only. */
  declare timeZone: string | undefined;

  /** Display settings of the provider, with this element's own `time-zone` on top. */
  protected get display(): DisplaySettings | undefined {
    const display = this.session?.display;
    if (!display) return undefined;
    return this.timeZone ? { ...display, override: this.timeZone } : display;
  }
}

/**
 * Styles every element shares: a reset against host-page CSS, tokens, and the visually-hidden helper.
 *
 * Page CSS cannot select anything inside the shadow root, but it does reach the host element itself
 * (`* { … }`, `slot-picker { … }`), and inherited properties flow from the host into the shadow tree.
 * A page's `* { color: red !important }` would beat a plain `:host` rule, because for normal
 * declarations the outer (page) context wins. For `!important` declarations the cascade is reversed and
 * the inner (shadow) context wins, so the inherited type and colour properties below are `!important`
 * on `:host`: they are what the elements' text inherits, whatever the page says. Colours and fonts stay
 * themeable through the `--careslot-*` custom properties (custom properties are inherited and not
 * affected by these rules). Layout properties of the host (display, margin, width) are left to the page.
 *
 * What the reader must be able to change is not pinned:
 * - The size defaults to `medium`, the browser's own default font size (a reader who sets 32 px gets
 *   32 px), and not `1rem`, which a page's `html { font-size: 62.5% }` or `10px` would shrink. Everything
 *   inside is sized in `em` from it. `--careslot-font-size: 1rem` follows the page's root size instead.
 *   It stays `!important` against `* { font-size: 40px !important }`: a user style sheet still wins
 *   (user `!important` beats every page and shadow rule), and `medium` is already the user's setting.
 * - Line height, letter and word spacing are plain declarations, so a text-spacing override (WCAG 1.4.12:
 *   `* { letter-spacing: 0.12em !important; … }`) on the host reaches the text.
 *
 * `<booking-provider>` holds the page's own content (a heading, a paragraph) in its light DOM, and that
 * content inherits from it: the text rules skip it (`:not(booking-provider)`), so it restyles nothing but
 * custom properties.
 *
 * The colour tokens read `--careslot-color-*` first, then the `--_theme-*` set of a dark `theme` on the
 * `<booking-provider>` around (booking-provider.styles.ts), then the light defaults: a page's own colours
 * win over the theme.
 */
export const baseStyles = css`
  :host {
    display: block;
    box-sizing: border-box !important;
    --_text: var(--careslot-color-text, var(--_theme-text, #1f2430));
    --_primary: var(--careslot-color-primary, var(--_theme-primary, #0b5cad));
    --_on-primary: var(--careslot-color-on-primary, var(--_theme-on-primary, #ffffff));
    --_surface: var(--careslot-color-surface, var(--_theme-surface, #ffffff));
    --_muted: var(--careslot-color-muted, var(--_theme-muted, #555d6e));
    --_border: var(--careslot-color-border, var(--_theme-border, #c5cad3));
    --_danger: var(--careslot-color-danger, var(--_theme-danger, #a4141c));
    --_success: var(--careslot-color-success, var(--_theme-success, #1d6b35));
    --_radius: var(--careslot-radius, 0.5em);
    --_focus: var(--careslot-color-focus, var(--_theme-focus, #1a73e8));
  }
  :host(:not(booking-provider)) {
    font-family: var(--careslot-font-family, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif) !important;
    font-size: var(--careslot-font-size, medium) !important;
    font-weight: 400 !important;
    font-style: normal !important;
    font-variant: normal !important;
    line-height: 1.4;
    color: var(--_text) !important;
    text-align: start !important;
    text-indent: 0 !important;
    text-transform: none !important;
    text-shadow: none !important;
    letter-spacing: normal;
    word-spacing: normal;
    white-space: normal !important;
    cursor: auto !important;
    /* Unset (transparent, the page's scheme) unless a theme is set around the element. */
    background-color: var(--_theme-background);
    color-scheme: var(--_theme-scheme);
  }
  :host([hidden]) {
    display: none !important;
  }
  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }
  button {
    font: inherit;
    letter-spacing: inherit;
    word-spacing: inherit;
    cursor: pointer;
    border-radius: var(--_radius);
    min-height: 2.75em;
    padding: 0.5em 1em;
    border: 1px solid var(--_border);
    background: var(--_surface);
    color: inherit;
    margin: 0;
  }
  button:focus-visible,
  a:focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: 2px;
  }
  button.primary {
    background: var(--_primary);
    border-color: var(--_primary);
    color: var(--_on-primary);
    font-weight: 600;
  }
  button[aria-disabled='true'] {
    cursor: not-allowed;
    opacity: 0.6;
  }
  a {
    color: var(--_primary);
  }
  /* A link that looks like a button ("Sign in to book", "Add to calendar"); .primary fills it. */
  a.button {
    display: inline-flex;
    align-items: center;
    min-height: 2.75em;
    padding: 0.5em 1em;
    border-radius: var(--_radius);
    text-decoration: none;
  }
  a.button.primary {
    background: var(--_primary);
    color: var(--_on-primary);
    font-weight: 600;
  }
  .visually-hidden {
    position: absolute !important;
    width: 1px;
    height: 1px;
    padding: 0;
    margin: -1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
    border: 0;
  }
  .message {
    padding: 0.75em 1em;
    border-radius: var(--_radius);
    border: 1px solid var(--_border);
    margin: 0.5em 0;
  }
  .message.error {
    border-color: var(--_danger);
    color: var(--_danger);
  }
  .message.success {
    border-color: var(--_success);
    color: var(--_success);
  }
  .muted {
    color: var(--_muted);
  }
  /* A row of buttons under a visit (the list, the confirmation), and the one that cancels. */
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5em;
    align-items: center;
  }
  button.danger {
    border-color: var(--_danger);
    color: var(--_danger);
  }
  .loading {
    color: var(--_muted);
  }
  @media (prefers-reduced-motion: no-preference) {
    .spinner {
      display: inline-block;
      width: 1em;
      height: 1em;
      border: 2px solid currentColor;
      border-right-color: transparent;
      border-radius: 50%;
      animation: careslot-spin 0.8s linear infinite;
      vertical-align: -0.15em;
      margin-inline-end: 0.4em;
    }
  }
  /*
   * Forced colours (Windows High Contrast): the system replaces every colour and drops backgrounds'
   * meaning, so each state also changes something that survives: a system colour the author names
   * (kept), a border width, the outline.
   */
  @media (forced-colors: active) {
    button:focus-visible,
    a:focus-visible,
    input:focus-visible,
    select:focus-visible,
    textarea:focus-visible,
    [tabindex]:focus-visible {
      outline: 3px solid Highlight;
    }
    button[aria-disabled='true'],
    button:disabled,
    input:disabled,
    select:disabled,
    textarea:disabled {
      opacity: 1;
      color: GrayText;
      border-color: GrayText;
    }
    button[aria-pressed='true'],
    [role='option'][aria-selected='true'] {
      forced-color-adjust: none;
      background: Highlight;
      color: HighlightText;
      border: 2px solid CanvasText;
    }
    .message.error,
    [aria-invalid='true'] {
      color: CanvasText;
      border: 2px solid CanvasText;
      border-inline-start-width: 0.5em;
    }
  }
  @keyframes careslot-spin {
    to {
      transform: rotate(360deg);
    }
  }
`;
