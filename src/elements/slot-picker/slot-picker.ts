import { Task } from '@lit/task';
import { html, nothing } from 'lit';
import { toBookingError, type BookingError } from '../../core/errors.js';
import type { Slot } from '../../core/model.js';
import { operation } from '../../core/provider.js';
import {
  addDays,
  displayZone,
  formatDate,
  groupByLocalDate,
  isLocalDate,
  queryWindow,
  today,
  type DayGroup,
  type DisplaySettings,
} from '../../core/time.js';
import { SessionElement, baseStyles, emit } from '../shared/base.js';
import { describeVisit, modeLabel, telHref, whenText, type WhenText } from '../shared/format.js';
import { RovingTabindexController } from '../shared/roving-tabindex.js';
import { patientMessage, patientText } from '../shared/messages.js';
import { styles } from './slot-picker.styles.js';

/**
 * Shows the free appointment times of the backend, grouped by day, and lets the patient choose one.
 * A form control (its value is the slot id) and a single tab stop: arrow keys move between times
 * (WAI-ARIA grid), Enter or Space chooses.
 *
 * @summary Available appointment times, grouped by local day.
 *
 * @event {CustomEvent<{ slot: Slot }>} slot-select - The patient chose a time: `detail.slot` with `id`, `start`, `end` (UTC) and `timeZone`.
 * @event {Event} change - Native form-control change, after `slot-select`.
 *
 * @csspart base - The wrapper.
 * @csspart header - Range label and the earlier/later buttons.
 * @csspart nav-button - The earlier/later buttons.
 * @csspart grid - The grid of days and times.
 * @csspart day - One day's row.
 * @csspart day-label - The date heading of a row.
 * @csspart slot - One time button.
 * @csspart slot-selected - The chosen time button.
 * @csspart status - Loading, empty and error messages.
 * @csspart retry - The retry button of the error state.
 *
 * @cssproperty --careslot-slot-min-width - Minimum width of a time button. Default 6.5em.
 * @cssproperty --careslot-slot-gap - Gap between time buttons. Default 0.5em.
 * @cssproperty --careslot-color-primary - The chosen time, the border of a hovered one, links. Default #0b5cad.
 * @cssproperty --careslot-color-on-primary - Text of the chosen time. Default #ffffff.
 * @cssproperty --careslot-color-text - Body text. Default #1f2430.
 * @cssproperty --careslot-color-muted - Loading and waiting text. Default #555d6e.
 * @cssproperty --careslot-color-surface - Background of the time and day buttons. Default #ffffff.
 * @cssproperty --careslot-color-border - Borders of buttons and messages. Default #c5cad3.
 * @cssproperty --careslot-color-danger - The error message. Default #a4141c.
 * @cssproperty --careslot-color-focus - Focus ring. Default #1a73e8.
 * @cssproperty --careslot-font-family - Font. Default the system UI font.
 * @cssproperty --careslot-font-size - Base size, in px so a host page's root font size does not change it. Default 16px.
 * @cssproperty --careslot-radius - Corner radius of buttons and messages. Default 0.5em.
 */
export class SlotPickerElement extends SessionElement {
  static override styles = [baseStyles, styles];
  static formAssociated = true;

  static override properties = {
    ...SessionElement.properties,
    practitioner: { type: String },
    location: { type: String },
    service: { type: String },
    start: { type: String },
    days: { type: Number },
    name: { type: String, reflect: true },
    required: { type: Boolean, reflect: true },
    value: { attribute: false, noAccessor: true },
  };

  /** Only this practitioner's times (backend id). */
  declare practitioner: string | undefined;
  /** Only this location's times (backend id). */
  declare location: string | undefined;
  /** Only this service or visit type (backend id). */
  declare service: string | undefined;
  /** First day shown, `YYYY-MM-DD` in the display zone. Default: today. */
  declare start: string | undefined;
  /** Number of days shown. Default 7. */
  declare days: number;
  /** Form field name; the submitted value is the slot id. */
  declare name: string | undefined;
  /** The form is invalid until a time is chosen. */
  declare required: boolean;
  /** Formatted text per slot id for the current display settings: a re-render (selection) reformats nothing. */
  private textCache = new Map<string, { when: WhenText; name: string }>();
  private textCacheKey = '';
  private textCacheSlots: Slot[] | undefined;
  /** What the live region says, set while the body renders. */
  private liveText = '';

  private readonly internals: ElementInternals;
  /** The grid is one tab stop: arrows, Home/End move between the times (WAI-ARIA grid). */
  private readonly grid = new RovingTabindexController<HTMLButtonElement>(this, {
    rows: () =>
      [...this.renderRoot.querySelectorAll('[role="row"]')].map((row) => [
        ...row.querySelectorAll<HTMLButtonElement>('button.slot'),
      ]),
    key: (button) => button.dataset.slotId,
    // Until a time is focused, Tab lands on the chosen one, else on the first.
    focusInItem: (buttons) => buttons.find((button) => button.dataset.slotId === this.value?.id),
  });
  /** The value of a picker outside any `<booking-provider>` (inside one, the provider's selection is it). */
  private ownValue: Slot | null = null;

  // Plain values as arguments (the first day as an ISO date, ids), compared by value: the task runs again
  // exactly when one of them changes, and reads nothing else. `revision` re-runs it after a booking.
  private readonly slotsTask = this.connection.track(
    new Task(this, {
      task: async ([provider, , start, days, practitionerId, locationId, serviceId], { signal }) => {
        if (!provider) return undefined;
        return operation(provider, 'findSlots')(
          { ...queryWindow(start, days), practitionerId, locationId, serviceId },
          signal,
        );
      },
      args: () => {
        const { start, days } = this.range();
        return [
          this.session?.provider,
          this.session?.revision,
          start,
          days,
          this.practitioner,
          this.location,
          this.service,
        ] as const;
      },
    }),
  );

  constructor() {
    super();
    this.days = 7;
    this.required = false;
    this.internals = this.attachInternals();
    this.internals.role = 'group';
  }

  /** The first day and the number of days shown. */
  private range(): { start: string; days: number } {
    const days = Number.isFinite(this.days) && this.days > 0 ? Math.min(Math.floor(this.days), 62) : 7;
    if (isLocalDate(this.start)) return { start: this.start, days };
    const session = this.session;
    const zone = this.display?.override ?? session?.display.patientZone ?? 'UTC';
    return { start: today(zone, session?.now() ?? new Date()), days };
  }

  /**
   * The chosen slot, or null. Inside a `<booking-provider>` it is the provider's selection, shared with
   * `<confirm-button>` (cleared there after a booking); setting it selects that slot in the provider.
   */
  get value(): Slot | null {
    const session = this.session;
    return session ? session.selection : this.ownValue;
  }

  set value(slot: Slot | null) {
    const old = this.value;
    const session = this.session;
    if (!session) this.ownValue = slot;
    else if (session.selection?.id !== slot?.id) session.select(slot);
    this.requestUpdate('value', old);
  }

  formResetCallback(): void {
    this.value = null;
  }

  protected override willUpdate(): void {
    // Derived on every update: the value changes with the provider's selection, not only through `value`.
    const value = this.value;
    this.internals.setFormValue(value?.id ?? null);
    if (this.required && !value) this.internals.setValidity({ valueMissing: true }, 'Please choose a time.');
    else this.internals.setValidity({});
  }

  override render() {
    const session = this.session;
    const display = this.display;
    const { start, days } = this.range();
    const end = addDays(start, days);
    const locale = display?.locale ?? 'en-US';
    const rangeLabel = `${formatDate(start, locale, 'short')} – ${formatDate(addDays(end, -1), locale, 'short')}`;
    // Where the backend offers no slots, the day range and its arrows would lead nowhere.
    const bookable = session?.provider?.capabilities.findSlots !== false;
    // The body sets `liveText`; the live region itself stays the same node, so screen readers hear changes.
    return html`<div part="base" class="base">
      ${bookable ? this.renderHeader(days, rangeLabel) : nothing} ${this.renderBody(start, end, rangeLabel)}
      <div class="visually-hidden" role="status" aria-live="polite">${this.liveText}</div>
    </div>`;
  }

  private renderHeader(days: number, rangeLabel: string) {
    const session = this.session;
    return html` <div part="header" class="header">
      <button part="nav-button" class="nav" ?disabled=${!session?.provider} @click=${() => this.shift(-days)}>
        <span aria-hidden="true">‹</span><span class="visually-hidden">Earlier days</span>
      </button>
      <span class="range">${rangeLabel}</span>
      <button part="nav-button" class="nav" ?disabled=${!session?.provider} @click=${() => this.shift(days)}>
        <span aria-hidden="true">›</span><span class="visually-hidden">Later days</span>
      </button>
    </div>`;
  }

  private renderBody(start: string, end: string, rangeLabel: string) {
    const session = this.session;
    if (!session)
      return this.status(
        html`<span class="muted">Waiting for a &lt;booking-provider&gt;…</span>`,
        'Waiting for the booking service.',
      );
    if (session.status === 'error')
      return this.status(html`<span class="muted">Scheduling is not available.</span>`, '');
    if (session.provider && !session.provider.capabilities.findSlots) {
      const phone = session.provider.phone;
      const text = phone
        ? `Online booking is not offered. Please call ${phone} to book.`
        : 'Online booking is not offered. Please call the clinic to book.';
      return this.status(
        html`<span
          >${phone ? html`Online booking is not offered. Please call <a href=${telHref(phone)}>${phone}</a> to book.` : text}</span
        >`,
        text,
        'unavailable',
      );
    }
    return this.slotsTask.render({
      initial: () => this.loading(),
      pending: () => this.loading(),
      error: (error) => this.renderError(toBookingError(error)),
      complete: (slots) => {
        if (!slots) return this.loading();
        const display = this.display!;
        if (slots !== this.textCacheSlots) {
          // New answer from the backend: a slot with the same id may carry new details.
          this.textCache.clear();
          this.textCacheSlots = slots;
        }
        const groups = groupByLocalDate(slots, (slot) => displayZone(slot, display), { from: start, to: end });
        if (groups.length === 0) {
          const text = `No times available ${rangeLabel}.`;
          return this.status(
            html`<span>${text}</span>
              <button part="nav-button" @click=${() => this.shift(this.range().days)}>Show later days</button>`,
            text,
            'empty',
          );
        }
        const count = groups.reduce((n, g) => n + g.items.length, 0);
        this.liveText = `${count} ${count === 1 ? 'time' : 'times'} available, ${rangeLabel}.`;
        return this.renderGrid(groups, rangeLabel);
      },
    });
  }

  private loading() {
    return this.status(
      html`<span class="loading"><span class="spinner" aria-hidden="true"></span>Loading available times…</span>`,
      'Loading available times…',
      'loading',
    );
  }

  private renderError(error: BookingError) {
    return this.status(
      html`<span>${patientMessage(error, this.session?.provider?.phone)}</span>
        <button part="retry" @click=${() => void this.slotsTask.run()}>Try again</button>`,
      patientText(error, this.session?.provider?.phone),
      'error',
    );
  }

  private status(content: unknown, announcement: string, kind = 'info') {
    this.liveText = announcement;
    return html`<div part="status" class="message ${kind === 'error' ? 'error' : ''}" data-state=${kind}>
      ${content}
    </div>`;
  }

  private renderGrid(groups: DayGroup<Slot>[], rangeLabel: string) {
    const display = this.display!;
    const all = groups.flatMap((g) => g.items);
    const manyPractitioners = new Set(all.map((s) => s.practitioner?.id)).size > 1;
    return html`<div part="grid" role="grid" class="grid" aria-label=${`Available times, ${rangeLabel}`}>
      ${groups.map(
        (group) =>
          html`<div part="day" role="row" class="day">
            <div part="day-label" role="rowheader" class="day-label">${formatDate(group.date, display.locale)}</div>
            ${group.items.map((slot) => {
              const { when, name } = this.slotText(slot, display);
              const selected = slot.id === this.value?.id;
              return html`<div role="gridcell" aria-selected=${selected ? 'true' : 'false'} class="cell">
                <button
                  part=${selected ? 'slot slot-selected' : 'slot'}
                  class="slot"
                  data-slot-id=${slot.id}
                  @click=${() => this.choose(slot)}
                >
                  <span class="visible" aria-hidden="true">
                    <span class="time">${when.time} <span class="zone">${when.zone}</span></span>
                    ${when.other ? html`<span class="other">${when.other}</span>` : nothing}
                    ${manyPractitioners && slot.practitioner ? html`<span class="who">${slot.practitioner.name}</span>` : nothing}
                    ${slot.mode !== 'in-person' ? html`<span class="mode">${modeLabel(slot.mode)}</span>` : nothing}
                    ${slot.capacity && slot.capacity > 1 ? html`<span class="mode">${slot.capacity} places</span>` : nothing}
                  </span>
                  <span class="visually-hidden name">${name}</span>
                </button>
              </div>`;
            })}
          </div>`,
      )}
    </div>`;
  }

  private slotText(slot: Slot, display: DisplaySettings): { when: WhenText; name: string } {
    const key = `${display.override}|${display.patientZone}|${display.locale}|${display.hourCycle}`;
    if (key !== this.textCacheKey) {
      this.textCache.clear();
      this.textCacheKey = key;
    }
    let text = this.textCache.get(slot.id);
    if (!text) {
      const when = whenText(slot, display);
      const places = slot.capacity && slot.capacity > 1 ? `, ${slot.capacity} places left` : '';
      text = { when, name: describeVisit(slot, display, when) + places };
      this.textCache.set(slot.id, text);
    }
    return text;
  }

  private shift(days: number): void {
    this.start = addDays(this.range().start, days);
    this.grid.reset();
  }

  private choose(slot: Slot): void {
    // The provider hears every choice, the time already chosen too (a backend that holds holds it again).
    if (this.session) this.session.select(slot);
    else this.value = slot;
    emit(this, 'slot-select', { slot });
    this.dispatchEvent(new Event('change', { bubbles: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'slot-picker': SlotPickerElement;
  }
}
