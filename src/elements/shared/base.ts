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

/** Base of the elements that live inside a `<booking-provider>`. */
export class SessionElement extends LitElement {
  static override properties = {
    timeZone: { type: String, attribute: 'time-zone' },
  };

  /** IANA zone that overrides the display zone for this element only. */
  declare timeZone: string | undefined;

  protected readonly sessionConsumer = new ContextConsumer(this, { context: sessionContext, subscribe: true });
  /** Aborts the element's provider calls when it leaves the page (`connection.signal`, tracked tasks). */
  protected readonly connection = new ConnectionController(this);
  /** Renders again in the provider's language, with its direction. */
  protected readonly localeController = new LocaleController(this, () => this.session?.display.locale);

  protected get session(): BookingSession | undefined {
    return this.sessionConsumer.value;
  }

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
 * A page's `* { font-size: 40px !important; color: red !important }` would beat a plain `:host` rule,
 * because for normal declarations the outer (page) context wins. For `!important` declarations the
 * cascade is reversed and the inner (shadow) context wins, so the inherited text properties below are
 * `!important` on `:host`: they are what the elements' text inherits, whatever the page says. Colours
 * and fonts stay themeable through the `--careslot-*` custom properties (custom properties are
 * inherited and not affected by these rules). Layout properties of the host (display, margin, width)
 * are left to the page.
 */
export const baseStyles = css`
  :host {
    display: block;
    box-sizing: border-box !important;
    font-family: var(--careslot-font-family, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif) !important;
    font-size: var(--careslot-font-size, 16px) !important;
    font-weight: 400 !important;
    font-style: normal !important;
    font-variant: normal !important;
    line-height: 1.4 !important;
    color: var(--careslot-color-text, #1f2430) !important;
    text-align: start !important;
    text-indent: 0 !important;
    text-transform: none !important;
    text-shadow: none !important;
    letter-spacing: normal !important;
    word-spacing: normal !important;
    white-space: normal !important;
    cursor: auto !important;
    --_primary: var(--careslot-color-primary, #0b5cad);
    --_on-primary: var(--careslot-color-on-primary, #ffffff);
    --_surface: var(--careslot-color-surface, #ffffff);
    --_muted: var(--careslot-color-muted, #555d6e);
    --_border: var(--careslot-color-border, #c5cad3);
    --_danger: var(--careslot-color-danger, #a4141c);
    --_success: var(--careslot-color-success, #1d6b35);
    --_radius: var(--careslot-radius, 0.5em);
    --_focus: var(--careslot-color-focus, #1a73e8);
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
  @keyframes careslot-spin {
    to {
      transform: rotate(360deg);
    }
  }
`;
