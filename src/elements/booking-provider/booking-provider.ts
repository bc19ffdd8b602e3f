import { ContextProvider, ContextRoot } from '@lit/context';
import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { BookingError, isAbortError, toBookingError } from '../../core/errors.js';
import type { Appointment, Slot, SlotHold } from '../../core/model.js';
import { operation, type BookingProvider, type ProviderOptions } from '../../core/provider.js';
import { loadBackend } from '../../providers/registry.js';
import { browserLocale, browserZone, isValidZone, type HourCycle } from '../../core/time.js';
import { baseStyles, emit } from '../shared/base.js';
import { ConnectionController } from '../shared/connection.js';
import { sessionContext, type BookingSession, type VisitFilter } from '../shared/context.js';
import { setupMessage } from '../shared/messages.js';
import { styles } from './booking-provider.styles.js';

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
 * @cssproperty --careslot-font-size - Base size, in px so a host page's root font size does not change it.
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
  private hold: SlotHold | undefined;

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
    } else if (changed.has('timeZone') || changed.has('locale') || changed.has('hourCycle')) {
      this.publish();
    }
  }

  override render() {
    return html`${
        this.loadError
          ? html`<div class="message error" part="error" role="alert">
              ${setupMessage(this.loadError)}
              <button part="retry" @click=${() => void this.loadProvider()}>Try again</button>
            </div>`
          : nothing
      }<slot></slot>`;
  }

  private clock(): () => Date {
    const fixed = this.now ? Date.parse(this.now) : NaN;
    return Number.isNaN(fixed) ? () => new Date() : () => new Date(fixed);
  }

  /** Options from a `<script type="application/json">` child, for pages without inline scripts. */
  private scriptOptions(): ProviderOptions {
    const script = this.querySelector(':scope > script[type="application/json"]');
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
    } catch (cause) {
      if (token !== this.loadToken) return;
      const error = toBookingError(cause);
      this.loadError = error;
      this.publish('error', error);
      emit(this, 'booking-provider-error', { error });
    }
  }

  private select(slot: Slot | null): void {
    this.selection = slot;
    this.publish();
    void this.updateHold(slot);
  }

  /** Holds the selected slot where the backend supports it, releasing the previous hold. */
  private async updateHold(slot: Slot | null): Promise<void> {
    const provider = this.activeProvider;
    if (!provider?.capabilities.hold || !provider.hold) return;
    const previous = this.hold;
    this.hold = undefined;
    const signal = this.connection.signal;
    try {
      if (previous && provider.release) await provider.release(previous, signal);
      if (slot && this.selection === slot) this.hold = await provider.hold(slot, signal);
    } catch (cause) {
      if (isAbortError(cause)) return;
      // A failed hold is not fatal: booking checks availability again.
      emit(this, 'booking-provider-error', { error: toBookingError(cause) });
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
    const lang = this.closest('[lang]')?.getAttribute('lang');
    const session: BookingSession = {
      provider: this.activeProvider,
      status,
      error,
      patientId: this.patient,
      display: {
        override: isValidZone(this.timeZone) ? this.timeZone : undefined,
        patientZone: this.patientZone ?? browserZone(),
        locale: this.locale || lang || browserLocale(),
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
    };
    this.sessionProvider.setValue(session, true);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'booking-provider': BookingProviderElement;
  }
}
