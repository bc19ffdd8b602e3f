import { ContextProvider, ContextRoot } from '@lit/context';
import { msg } from '@lit/localize';
import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { BookingError, toBookingError } from '../../core/errors.js';
import type { Appointment, Slot } from '../../core/model.js';
import { operation, type BookingProvider, type ProviderOptions } from '../../core/provider.js';
import { loadBackend } from '../../providers/registry.js';
import { browserLocale, browserZone, isValidZone, type HourCycle } from '../../core/time.js';
import { baseStyles, emit } from '../shared/base.js';
import { ConnectionController } from '../shared/connection.js';
import { sessionContext, type BookingSession, type VisitFilter } from '../shared/context.js';
import { LocaleController, useLocale } from '../shared/i18n.js';
import { setupMessage } from '../shared/messages.js';
import { styles } from './booking-provider.styles.js';
import { Journey, RETURN_AT, RETURN_SLOT } from './journey.js';

let contextRootAttached = false;

/** Shallow equality of two option objects (values compared with Object.is). */
function sameEntries(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (!a || !b || typeof a !== 'object' || typeof b !== 'object') return false;
  const keys = Object.keys(a);
  const other = b as Record<string, unknown>;
  return (
    keys.length === Object.keys(b).length &&
    keys.every((key) => key in other && Object.is((a as Record<string, unknown>)[key], other[key]))
  );
}

/**
 * Connects the booking elements inside it to one backend. It loads the named adapter on demand and
 * shares it, the patient, the display settings and the current slot selection with its children.
 * The theme properties below, set on it, reach every element inside (custom properties inherit).
 *
 * @summary The data source of every careslot element inside it.
 *
 * @slot - The booking elements (`<slot-picker>`, `<confirm-button>`, `<appointment-list>`) and any page content.
 *
 * @event {CustomEvent<{ error: BookingError }>} booking-provider-error - The backend could not be loaded or set up, or could not hold the chosen time: `detail.error` with `kind` and `message`.
 * @event {CustomEvent<{ slot: Slot; expires?: string }>} slot-held - The chosen time is held for the patient until `expires`.
 * @event {CustomEvent<{ slot: Slot }>} hold-expired - The hold ran out; the patient is told and offered the nearest free times.
 * @event {CustomEvent<{ appointment?: Appointment }>} booking-pending - The backend took the booking for later processing.
 * @event {CustomEvent<{ url: string }>} booking-redirect - Booking continues on the clinic's site at `url`.
 * @event {CustomEvent<{ slot: Slot | null }>} booking-sign-in-required - The backend books only for a signed-in patient. Cancelable: `preventDefault()` to sign the patient in yourself instead of following `sign-in-url`.
 * @event {CustomEvent<{ appointment: Appointment; previous: Appointment }>} appointment-rescheduled - An appointment moved (dispatched on the element the move started from, else here).
 *
 * @csspart error - The message shown when the backend cannot be loaded.
 * @csspart retry - The button that tries loading the backend again.
 *
 * @cssproperty --careslot-color-primary - Brand colour of buttons and selected slots.
 * @cssproperty --careslot-color-on-primary - Text on the brand colour.
 * @cssproperty --careslot-color-text - Body text.
 * @cssproperty --careslot-color-muted - Secondary text.
 * @cssproperty --careslot-color-surface - Background of buttons and cards.
 * @cssproperty --careslot-color-border - Borders.
 * @cssproperty --careslot-color-danger - Errors.
 * @cssproperty --careslot-color-success - Success messages.
 * @cssproperty --careslot-color-focus - Focus ring.
 * @cssproperty --careslot-font-family - Font of every element.
 * @cssproperty --careslot-font-size - Base size. Default `medium`, the reader's browser font size; `1rem` follows the page's root size.
 * @cssproperty --careslot-radius - Corner radius.
 */
export class BookingProviderElement extends LitElement {
  static override styles = [baseStyles, styles];

  static override properties = {
    backend: { type: String },
    baseUrl: { type: String, attribute: 'base-url' },
    patient: { type: String },
    timeZone: { type: String, attribute: 'time-zone' },
    locale: { type: String },
    hourCycle: { type: String, attribute: 'hour-cycle' },
    now: { type: String },
    includeNative: { type: Boolean, attribute: 'include-native', reflect: true },
    signInUrl: { type: String, attribute: 'sign-in-url' },
    theme: { type: String, reflect: true },
    strings: { attribute: false, hasChanged: (value: unknown, old: unknown) => !sameEntries(value, old) },
    provider: { attribute: false },
    // A new object with the same entries is no change: frameworks (React props, templates) pass a fresh
    // `{ … }` on every render, and reloading the backend each time would drop the patient's selection.
    options: { attribute: false, hasChanged: (value: unknown, old: unknown) => !sameEntries(value, old) },
    loadError: { state: true },
  };

  /** Backend name: `demo` (default), `fhir`, `canvas`, `smart-links`, `salesforce`, `kp-mycare`, `snapmd`, `medfusion`. */
  declare backend: string;
  /** Root URL of the backend's API. */
  declare baseUrl: string | undefined;
  /** The patient's id in the backend. */
  declare patient: string | undefined;
  /** IANA zone that every time is shown in, overriding the clinic/patient policy. */
  declare timeZone: string | undefined;
  /** BCP 47 locale for dates and times. Default: the page's `lang`, else the browser's. */
  declare locale: string | undefined;
  /** `h12` or `h23`; default: what the locale uses. */
  declare hourCycle: HourCycle | undefined;
  /** A fixed "now" (ISO instant) for demos, stories and tests. Default: the real clock. */
  declare now: string | undefined;
  /**
   * Event details carry the backend's `native` records and errors their `cause`. Off by default: events
   * are composed and any script on the page can read them, and native records can hold patient data.
   */
  declare includeNative: boolean;
  /**
   * Where patients sign in, for backends that book only for a known patient (kp-mycare, snapmd with its
   * patients role, salesforce, and any without new-patient booking). The link returns to this page with the chosen slot's id (never patient data) in
   * `careslot-slot`/`careslot-at`, and the choice is restored. `{return}` in it is replaced by the return
   * address; else it is appended as `return`.
   */
  declare signInUrl: string | undefined;
  /** Colours of the elements inside: `light` (default), `dark`, or `auto` (the reader's `prefers-color-scheme`). Page `--careslot-color-*` values win. */
  declare theme: 'light' | 'dark' | 'auto' | undefined;
  /**
   * Per-string overrides by id, in every language: `{ 'book.button': 'Request this time' }`; a string with
   * values takes them as `{0}`, `{1}`. Also read from a `<script type="application/json" data-strings>` child.
   */
  declare strings: Record<string, string> | undefined;
  /** A ready BookingProvider instance; when set, `backend` is not loaded. */
  declare provider: BookingProvider | undefined;
  /** Adapter options, e.g. `{ getToken: async () => '…' }`. Merged over a JSON `<script>` child. */
  declare options: ProviderOptions | undefined;
  declare private loadError: BookingError | undefined;

  private readonly sessionProvider = new ContextProvider(this, { context: sessionContext });
  /** Aborts the provider's own calls (holds) when it leaves the page. */
  private readonly connection = new ConnectionController(this);
  /** The appointments listed or confirmed through the session under the current adapter, by id. */
  private appointments = new Map<string, Appointment>();
  private selection: Slot | null = null;
  private filter: VisitFilter = {};
  /** The zone the patient chose in `<time-zone-select>`; default the browser's. */
  private patientZone: string | undefined;
  private revision = 0;
  private loadToken = 0;
  private activeProvider: BookingProvider | undefined;
  /** Who books, the hold, booking and moving (./journey.ts). */
  private readonly journey = new Journey({
    element: this,
    provider: () => this.activeProvider,
    patientId: () => this.patient,
    signInUrl: () => this.signInUrl,
    now: () => this.clock()(),
    selection: () => this.selection,
    select: (slot) => this.select(slot),
    signal: () => this.connection.signal,
    changed: () => this.publish(),
    refresh: () => this.refresh(),
    remember: (appointment) => this.activeProvider && this.remember(this.activeProvider, [appointment]),
  });
  private readonly onPageHide = () => this.journey.leave();
  /** Its own "Try again" in the page's language, and the language's direction. */
  protected readonly localeController = new LocaleController(this, () => this.displayLocale());

  constructor() {
    super();
    this.backend = 'demo';
    this.includeNative = false;
    if (!contextRootAttached && typeof document !== 'undefined') {
      // Elements upgraded before their provider still get the context once it arrives.
      new ContextRoot().attach(document.documentElement);
      contextRootAttached = true;
    }
  }

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('pagehide', this.onPageHide);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('pagehide', this.onPageHide);
    this.journey.leave();
  }

  /** The current adapter, once loaded. */
  get activeBackend(): BookingProvider | undefined {
    return this.activeProvider;
  }

  /** Reloads slots and appointments in every element under this provider. */
  refresh(): void {
    this.revision++;
    this.publish();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (
      changed.has('backend') ||
      changed.has('baseUrl') ||
      changed.has('patient') ||
      changed.has('provider') ||
      changed.has('options') ||
      changed.has('now')
    ) {
      void this.loadProvider();
    } else if (
      changed.has('timeZone') ||
      changed.has('locale') ||
      changed.has('hourCycle') ||
      changed.has('signInUrl')
    ) {
      this.publish();
    }
    // Strings follow the language (es-MX → es), dates and times the locale itself.
    if (changed.has('locale') || changed.has('strings') || !this.hasUpdated)
      void useLocale(this.displayLocale(), { ...this.scriptStrings(), ...this.strings });
  }

  override render() {
    return html`${
        this.loadError
          ? html`<div class="message error" part="error" role="alert">
              ${setupMessage(this.loadError)}
              <button part="retry" @click=${() => void this.loadProvider()}>
                ${msg('Try again', { id: 'provider.retry' })}
              </button>
            </div>`
          : nothing
      }<slot></slot>`;
  }

  private clock(): () => Date {
    const fixed = this.now ? Date.parse(this.now) : NaN;
    return Number.isNaN(fixed) ? () => new Date() : () => new Date(fixed);
  }

  /** The locale of dates, times and strings: `locale`, else the page's `lang`, else the browser's. */
  private displayLocale(): string {
    return this.locale || this.closest('[lang]')?.getAttribute('lang') || browserLocale();
  }

  /** String overrides from a `<script type="application/json" data-strings>` child. */
  private scriptStrings(): Record<string, string> {
    const script = this.querySelector(':scope > script[type="application/json"][data-strings]');
    try {
      const parsed: unknown = JSON.parse(script?.textContent || '{}');
      return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, string>) : {};
    } catch {
      console.warn('careslot: the JSON strings inside <booking-provider> could not be read.');
      return {};
    }
  }

  /** Options from a `<script type="application/json">` child, for pages without inline scripts. */
  private scriptOptions(): ProviderOptions {
    const script = this.querySelector(':scope > script[type="application/json"]:not([data-strings])');
    if (!script?.textContent?.trim()) return {};
    try {
      const parsed: unknown = JSON.parse(script.textContent);
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as ProviderOptions;
    } catch {
      // Reported below as a clear error.
    }
    throw new BookingError('validation', 'The JSON options inside <booking-provider> could not be read.');
  }

  private async loadProvider(): Promise<void> {
    const token = ++this.loadToken;
    this.journey.reset();
    this.loadError = undefined;
    this.activeProvider = undefined;
    this.appointments = new Map();
    this.publish('loading');
    try {
      let provider = this.provider;
      if (!provider) {
        const options = { ...this.scriptOptions(), ...this.options };
        const factory = await loadBackend(this.backend || 'demo');
        if (token !== this.loadToken) return;
        provider = factory({ baseUrl: this.baseUrl, patientId: this.patient, options, now: this.clock() });
      }
      this.activeProvider = provider;
      this.selection = null;
      this.publish('ready');
      void this.restoreReturnedSlot(provider, token);
    } catch (cause) {
      if (token !== this.loadToken) return;
      const error = toBookingError(cause);
      this.loadError = error;
      this.publish('error', error);
      emit(this, 'booking-provider-error', { error });
    }
  }

  private select(slot: Slot | null): void {
    if (slot === this.selection) return;
    this.selection = slot;
    this.publish();
    void this.journey.selectionChanged(slot);
  }

  /**
   * Back from signing in: the return address names the slot chosen before (`careslot-slot`, `careslot-at`).
   * It is chosen again if still free, and the parameters leave the address bar.
   */
  private async restoreReturnedSlot(provider: BookingProvider, token: number): Promise<void> {
    if (typeof location === 'undefined' || !provider.findSlots) return;
    const params = new URL(location.href).searchParams;
    const id = params.get(RETURN_SLOT);
    const at = Date.parse(params.get(RETURN_AT) ?? '');
    if (!id || Number.isNaN(at)) return;
    const url = new URL(location.href);
    url.searchParams.delete(RETURN_SLOT);
    url.searchParams.delete(RETURN_AT);
    history.replaceState(history.state, '', url.href);
    try {
      const slots = await provider.findSlots(
        { start: new Date(at - 60_000).toISOString(), end: new Date(at + 60_000).toISOString() },
        this.connection.signal,
      );
      const slot = slots.find((s) => s.id === id);
      if (slot && token === this.loadToken && !this.selection) this.select(slot);
    } catch {
      // The slot list shows what is free; the patient chooses again.
    }
  }

  /** The loaded adapter; elements only call the session once they see one. */
  private loaded(): BookingProvider {
    if (!this.activeProvider)
      throw new BookingError('upstream-unavailable', 'The scheduling system is not connected yet.');
    return this.activeProvider;
  }

  /** Remembers appointments by id, unless the adapter was replaced while they were on their way. */
  private remember(provider: BookingProvider, appointments: Appointment[]): void {
    if (provider !== this.activeProvider) return;
    let changed = false;
    for (const appointment of appointments) {
      const known = this.appointments.get(appointment.id);
      changed ||= !!known && known.status !== appointment.status;
      this.appointments.set(appointment.id, appointment);
    }
    // An element showing an earlier state of one of them (a "Booked" outcome) follows the new one.
    if (changed) this.publish();
  }

  private async listAppointments(patientId: string, signal: AbortSignal): Promise<Appointment[]> {
    const provider = this.loaded();
    const list = await operation(provider, 'listAppointments')({ patientId }, signal);
    this.remember(provider, list);
    return list;
  }

  private async confirmAppointment(id: string, signal: AbortSignal): Promise<Appointment> {
    const provider = this.loaded();
    if (!provider.capabilities.confirm)
      throw new BookingError('not-supported', 'This clinic does not take confirmations online.');
    const appointment =
      this.appointments.get(id) ?? (await this.listAppointments(this.patient ?? '', signal)).find((a) => a.id === id);
    if (!appointment) throw new BookingError('not-found', 'That appointment could not be found.');
    const confirmed = await operation(provider, 'confirm')(appointment, signal);
    this.remember(provider, [confirmed]);
    return confirmed;
  }

  private publish(
    status: BookingSession['status'] = this.activeProvider ? 'ready' : this.loadError ? 'error' : 'loading',
    error = this.loadError,
  ): void {
    const journey = this.journey;
    const session: BookingSession = {
      provider: this.activeProvider,
      status,
      error,
      patientId: this.patient,
      display: {
        override: isValidZone(this.timeZone) ? this.timeZone : undefined,
        patientZone: this.patientZone ?? browserZone(),
        locale: this.displayLocale(),
        hourCycle: this.hourCycle === 'h12' || this.hourCycle === 'h23' ? this.hourCycle : undefined,
      },
      now: this.clock(),
      selection: this.selection,
      revision: this.revision,
      select: (slot) => this.select(slot),
      filter: this.filter,
      setFilter: (filter) => {
        this.filter = { ...filter };
        // A chosen time that the new filter excludes is dropped with its hold.
        if (this.selection) this.select(null);
        else this.publish();
      },
      setPatientZone: (zone) => {
        if (!isValidZone(zone) || zone === this.patientZone) return;
        this.patientZone = zone;
        this.publish();
      },
      refresh: () => this.refresh(),
      listAppointments: (patientId, signal) => this.listAppointments(patientId, signal),
      confirmAppointment: (id, signal) => this.confirmAppointment(id, signal),
      appointment: (id) => this.appointments.get(id),
      appointmentChanged: (appointment) => this.activeProvider && this.remember(this.activeProvider, [appointment]),
      need: journey.need(),
      patientDetails: journey.details,
      patientValid: journey.valid,
      setPatientDetails: (details, valid) => journey.setDetails(details, valid),
      signInHref: journey.signInHref(),
      held: journey.held,
      expired: journey.expired,
      rescheduling: journey.rescheduling,
      startReschedule: (appointment, origin) => journey.startReschedule(appointment, origin),
      lastBooked: journey.lastBooked,
      booking: journey.booking,
      book: (signal) => journey.book(signal),
      requestSignIn: () => emit(this, 'booking-sign-in-required', { slot: this.selection }, true),
    };
    this.sessionProvider.setValue(session, true);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'booking-provider': BookingProviderElement;
  }
}
