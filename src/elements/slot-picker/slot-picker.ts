import { msg, str } from '@lit/localize';
import { Task, TaskStatus } from '@lit/task';
import { html, nothing, type PropertyValues } from 'lit';
import { isAbortError, toBookingError, type BookingError } from '../../core/errors.js';
import type { Slot, VisitMode } from '../../core/model.js';
import { operation } from '../../core/provider.js';
import {
  addDays,
  addMonths,
  clampDate,
  daysInMonth,
  displayZone,
  firstDayOfWeek,
  formatDate,
  formatLocalDate,
  groupByLocalDate,
  isLocalDate,
  localDate,
  monthOf,
  queryWindow,
  today,
  type DayGroup,
  type DisplaySettings,
  type LocalDate,
} from '../../core/time.js';
import { AvailabilityStore, type AvailabilityFilter } from '../shared/availability.js';
import { SessionElement, baseStyles, emit } from '../shared/base.js';
import { describeVisit, modeLabel, whenText, type WhenText } from '../shared/format.js';
import { monthWeeks, moveDate, weekDates } from '../shared/month-grid.js';
import { currentLocale, plural } from '../shared/i18n.js';
import { RovingTabindexController } from '../shared/roving-tabindex.js';
import { patientMessage, patientText, withPhoneLink } from '../shared/messages.js';
import { styles } from './slot-picker.styles.js';

/** The calendar's layout for the picker's width (measured, not a media query: the picker may sit in a column). */
interface Layout {
  /** A week strip instead of the month grid. */
  narrow: boolean;
  /** The month grid beside the day's times instead of above them. */
  wide: boolean;
  /** Times per row of a clinician's group. */
  cols: number;
}

/** What the calendar shows now, derived once per update from the attributes, the session and the store. */
interface CalendarState {
  today: LocalDate;
  /** The last date the backend offers (its horizon). */
  last: LocalDate;
  /** Where the first available day is looked for (`start`, else today). */
  startDay: LocalDate;
  firstDay: number;
  /** The date the visible month or week holds; undefined while the first available day is looked for. */
  anchor?: LocalDate;
  /** The visible month or week, first and last date. */
  from: LocalDate;
  to: LocalDate;
  /** Weeks of the grid (one for the week strip). */
  weeks: (LocalDate | null)[][];
  loaded: boolean;
  /** The day whose times show. */
  day?: LocalDate;
}

/** One clinician at one place on the chosen day. */
interface TimeGroup {
  key: string;
  label: string;
  slots: Slot[];
}

/** Short kind-of-visit words for the compact time buttons (the accessible name keeps the long ones). */
function shortMode(mode: VisitMode): string {
  if (mode === 'video') return msg('Video', { id: 'picker.video' });
  if (mode === 'phone') return msg('Phone', { id: 'picker.phone' });
  return '';
}

/**
 * A first load faster than this shows no loading message: the calendar appears without a flash of
 * "Loading…" (and without the work of laying out a message that is gone a frame later).
 */
const QUIET_MS = 150;

// Strings used in several places, read when they render (the language may change).
const loadingTimes = () => msg('Loading available times…', { id: 'picker.loadingTimes' });
const retryText = () => msg('Try again', { id: 'picker.retry' });
/** A time's places, "3 places". */
const places = (n: number) => plural('picker.places', n, str`${n} place`, str`${n} places`);
/** "Please call … to book." */
const callToBook = (phone: string) => msg(str`Please call ${phone} to book.`, { id: 'picker.callToBook' });

/**
 * The error of a task that failed, as a BookingError; none while it did not, or when it was only cut short
 * because the picker left the page (it runs again when the picker comes back).
 */
function failure(task: { status: TaskStatus; error: unknown }): BookingError | undefined {
  const error = task.error;
  if (task.status !== TaskStatus.ERROR || isAbortError(error)) return;
  return toBookingError(error);
}

/**
 * Shows the free appointment times of the backend and lets the patient choose one. By default a calendar:
 * a month grid (a week strip on narrow screens) that marks the days with times and opens on the first of
 * them, and the chosen day's times grouped by clinician and place. `view="list"` shows several days of
 * times, grouped by day. A form control (its value is the slot id); the days and the times are each one
 * tab stop with arrow keys (WAI-ARIA date picker grid: arrows, Home/End, PageUp/PageDown, with Shift by a
 * year), Enter or Space chooses.
 *
 * Without its own `practitioner`, `location` or `service`, it follows the choice of `<visit-filter>` (the
 * session's filter).
 *
 * The calendar asks a backend with `findAvailability` for the week it opens on first, then for the rest of the
 * month once that has been painted. A first load under 150 ms shows no loading message (no flash of
 * "Loading…"); a slower one shows it after those 150 ms, and reloads show it at once.
 *
 * @summary Available appointment times: a calendar of days with times, or a list grouped by day.
 *
 * @event {CustomEvent<{ slot: Slot }>} slot-select - The patient chose a time: `detail.slot` with `id`, `start`, `end` (UTC) and `timeZone`.
 * @event {Event} change - Native form-control change, after `slot-select`.
 *
 * @csspart base - The wrapper.
 * @csspart header - Range label and the earlier/later buttons (calendar: previous/next month or week).
 * @csspart nav-button - The earlier/later buttons.
 * @csspart range-label - The month or week shown (calendar).
 * @csspart calendar - The month grid or week strip (calendar).
 * @csspart weekday - A weekday column header (calendar).
 * @csspart date - One day of the calendar; also `date-available` (it has times), `date-selected` (its times show), `date-today`.
 * @csspart date-available - A day with times.
 * @csspart date-selected - The day whose times show.
 * @csspart date-today - Today.
 * @csspart day-view - The chosen day's heading, times and summary (calendar).
 * @csspart times - The grid of the chosen day's times (calendar).
 * @csspart group - One clinician at one place: a row of times (calendar).
 * @csspart group-label - The clinician and place of a group (calendar).
 * @csspart more - The button that shows a group's other times, or fewer (calendar).
 * @csspart summary - The chosen time, after the times (calendar).
 * @csspart next-available - The button to the next day with times, in an empty month or week (calendar).
 * @csspart grid - The grid of days and times (list).
 * @csspart day - One day's row (list).
 * @csspart day-label - The date heading of a row (list) or of the chosen day (calendar).
 * @csspart slot - One time button.
 * @csspart slot-selected - The chosen time button.
 * @csspart status - Loading, empty and error messages.
 * @csspart retry - The retry button of the error state.
 *
 * @cssproperty --careslot-slot-min-width - Minimum width of a time button (list). Default 6.5em.
 * @cssproperty --careslot-slot-gap - Gap between time buttons. Default 0.5em (list), 0.375em (calendar).
 * @cssproperty --careslot-color-primary - The chosen time and day, the border of a hovered one, links. Default #0b5cad.
 * @cssproperty --careslot-color-on-primary - Text of the chosen time and day. Default #ffffff.
 * @cssproperty --careslot-color-available - The mark of a day with times (calendar). Default the primary colour.
 * @cssproperty --careslot-color-text - Body text. Default #1f2430.
 * @cssproperty --careslot-color-muted - Loading and waiting text, days without times. Default #555d6e.
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
    view: { type: String, reflect: true },
    practitioner: { type: String },
    location: { type: String },
    service: { type: String },
    start: { type: String },
    days: { type: Number },
    name: { type: String, reflect: true },
    required: { type: Boolean, reflect: true },
    value: { attribute: false, noAccessor: true },
    focusDate: { state: true },
    chosenDay: { state: true },
    expanded: { state: true },
    layout: { state: true },
  };

  /** `calendar` (default): a month of days with times, then one day's times. `list`: several days of times. */
  declare view: 'calendar' | 'list';
  /** Only this practitioner's times (backend id). Default: the session's filter. */
  declare practitioner: string | undefined;
  /** Only this location's times (backend id). Default: the session's filter. */
  declare location: string | undefined;
  /** Only this service or visit type (backend id). Default: the session's filter. */
  declare service: string | undefined;
  /**
   * `YYYY-MM-DD` in the display zone. List: the first day shown. Calendar: the first available day on or
   * after it opens. Default: today.
   */
  declare start: string | undefined;
  /** Number of days shown (list). Default 7. */
  declare days: number;
  /** Form field name; the submitted value is the slot id. */
  declare name: string | undefined;
  /** The form is invalid until a time is chosen. */
  declare required: boolean;
  /** The date the calendar's tab stop is on (keys and paging move it), once the patient moved it. */
  declare private focusDate: LocalDate | undefined;
  /** The day the patient chose (click, Enter). */
  declare private chosenDay: LocalDate | undefined;
  /** Keys of the groups that show all their times, on `expandedDay`. */
  declare private expanded: ReadonlySet<string>;
  declare private layout: Layout;

  /** Formatted text per slot id for the current display settings: a re-render (selection) reformats nothing. */
  private textCache = new Map<string, { when: WhenText; name: string }>();
  private textCacheKey = '';
  private textCacheSlots: Slot[] | undefined;
  /** What the live region says, set while the body renders. */
  private liveText = '';
  /** The announcement of a chosen time, while that time is the value. */
  private chosenText: { id: string; text: string } | undefined;

  private readonly internals: ElementInternals;
  /**
   * The times are one tab stop: arrows, Home/End move between them (WAI-ARIA grid), in the list's rows of a
   * day or the calendar's rows of a clinician (with its "more times" button).
   */
  private readonly grid = new RovingTabindexController<HTMLButtonElement>(this, {
    rows: () =>
      [...this.renderRoot.querySelectorAll('[role="row"]')].map((row) => [
        ...row.querySelectorAll<HTMLButtonElement>('button.slot, button.more'),
      ]),
    key: (button) => button.dataset.slotId ?? button.dataset.group,
    // Until a time is focused, Tab lands on the chosen one, else on the first.
    focusInItem: (buttons) => {
      const id = this.value?.id;
      return id === undefined ? undefined : buttons.find((button) => button.dataset.slotId === id);
    },
  });
  /** The calendar's days are one tab stop; keys move by dates and page by months (APG date picker grid). */
  private readonly dates = new RovingTabindexController<HTMLElement>(this, {
    rows: () => [[...this.renderRoot.querySelectorAll<HTMLElement>('td[data-date]')]],
    key: (cell) => cell.dataset.date,
    focusInItem: (cells) =>
      cells.find((cell) => cell.dataset.date === this.calendar?.day) ??
      cells.find((cell) => cell.part.contains('date-available')),
    move: (cell, event) => this.moveFocus(cell.dataset.date ?? '', event),
  });
  /** The value of a picker outside any `<booking-provider>` (inside one, the provider's selection is it). */
  private ownValue: Slot | null = null;

  /** The calendar's months of availability for the current backend, filter, zone and revision. */
  private store: AvailabilityStore | undefined;
  private storeKey = '';
  private storeQuery = '';
  /** The visible date and the day shown of the last update, kept when the store reloads (a booking, a refresh). */
  private lastAnchor: LocalDate | undefined;
  private lastDay: LocalDate | undefined;
  private calendar: CalendarState | undefined;
  private expandedDay: LocalDate | undefined;
  /** A day's number and long name per locale: the grid re-renders on every choice, its dates rarely change. */
  private readonly dateText = new Map<string, [string, string]>();
  /** The day's times grouped by clinician and place, once per answer, day and display settings. */
  private groupsMemo: { slots: Slot[]; day: LocalDate; key: string; groups: TimeGroup[] } | undefined;
  private resizeObserver: ResizeObserver | undefined;
  private measured = false;
  private keepListFocus = false;
  /** Where focus was before an update: when an update removes the focused node, focus moves to a neighbour. */
  private focusArea: 'dates' | 'other' | undefined;
  /** Until then, a first load renders nothing rather than its loading message (QUIET_MS after connecting). */
  private quietUntil = 0;
  private quietTimer: ReturnType<typeof setTimeout> | undefined;
  /** Whether anything but a loading message has shown: from then on, loading shows at once. */
  private shown = false;

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
        const ids = this.filterIds();
        return [
          this.view === 'list' ? this.session?.provider : undefined,
          this.session?.revision,
          start,
          days,
          ids.practitionerId,
          ids.locationId,
          ids.serviceId,
        ] as const;
      },
    }),
  );

  /**
   * Fills the store with the months the calendar shows: first the first available day, then the visible
   * month or week, and where that is empty the next day with times after it.
   */
  private readonly availabilityTask = this.connection.track(
    new Task(this, {
      task: async ([provider, , seekFrom, from, to], { signal }) => {
        const store = this.store;
        if (!provider || !store) return;
        if (seekFrom) {
          store.first = await store.seek(seekFrom, signal);
        } else if (from && to) {
          await store.load(from, to, signal);
          if (!store.firstIn(from, to) && to < store.last) await store.findNext(addDays(to, 1), signal);
        }
      },
      args: () => {
        const state = this.calendar;
        return [
          state && this.session?.provider,
          this.storeKey,
          state && !state.anchor ? state.startDay : undefined,
          state?.anchor && state.from,
          state?.anchor && state.to,
        ] as const;
      },
    }),
  );

  /** The chosen day's slots, where the backend has `findAvailability` (else they came with the month). */
  private readonly dayTask = this.connection.track(
    new Task(this, {
      task: async ([provider, , day, practitionerId, locationId, serviceId], { signal }) => {
        if (!provider || !day) return undefined;
        return operation(provider, 'findSlots')(
          { ...queryWindow(day, 1), practitionerId, locationId, serviceId },
          signal,
        );
      },
      args: () => {
        const provider = this.session?.provider;
        const ids = this.filterIds();
        const state = this.calendar;
        return [
          state && typeof provider?.findAvailability === 'function' ? provider : undefined,
          this.session?.revision,
          // While the first available day is looked for, the day it opens on most often is loaded alongside.
          state && (state.anchor ? state.day : state.startDay),
          ids.practitionerId,
          ids.locationId,
          ids.serviceId,
        ] as const;
      },
    }),
  );

  constructor() {
    super();
    this.view = 'calendar';
    this.days = 7;
    this.required = false;
    this.expanded = new Set();
    this.layout = { narrow: false, wide: false, cols: 4 };
    this.internals = this.attachInternals();
    this.internals.role = 'group';
  }

  protected override createRenderRoot(): HTMLElement | DocumentFragment {
    const root = super.createRenderRoot();
    root.addEventListener('click', this.onListClick);
    return root;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (!this.shown) this.quietUntil = performance.now() + QUIET_MS;
    if (typeof ResizeObserver === 'undefined') return;
    // Measured in the next frame: a layout changed inside the observer's callback would loop it.
    this.resizeObserver ??= new ResizeObserver(() => requestAnimationFrame(() => this.measure()));
    this.resizeObserver.observe(this);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.resizeObserver?.disconnect();
    clearTimeout(this.quietTimer);
    this.quietTimer = undefined;
  }

  /** The first day and the number of days shown (list). */
  private range(): { start: string; days: number } {
    const days = Number.isFinite(this.days) && this.days > 0 ? Math.min(Math.floor(this.days), 62) : 7;
    if (isLocalDate(this.start)) return { start: this.start, days };
    const session = this.session;
    const zone = this.display?.override ?? session?.display.patientZone ?? 'UTC';
    return { start: today(zone, session?.now() ?? new Date()), days };
  }

  /** The picker's own practitioner, location and service, else the session's filter (`<visit-filter>`). */
  private filterIds(): AvailabilityFilter {
    const filter = this.session?.filter;
    return {
      practitionerId: this.practitioner ?? filter?.practitioner,
      locationId: this.location ?? filter?.location,
      serviceId: this.service ?? filter?.service,
    };
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

  protected override willUpdate(changed: PropertyValues<this>): void {
    // Derived on every update: the value changes with the provider's selection, not only through `value`.
    const value = this.value;
    this.internals.setFormValue(value?.id ?? null);
    if (this.required && !value)
      this.internals.setValidity({ valueMissing: true }, msg('Please choose a time.', { id: 'picker.chooseTime' }));
    else this.internals.setValidity({});
    if (this.view === 'list') {
      this.calendar = undefined;
      this.focusArea = undefined;
      // Focus inside when a reload starts ("Show later days", "Try again", the day arrows) stays inside after it.
      if (this.shadowRoot?.activeElement) this.keepListFocus = true;
      return;
    }
    // Once the backend is there (the page has had its first layout by then, so reading the width is cheap).
    if (!this.measured && this.session?.provider) this.measure();
    if (changed.has('start')) {
      this.focusDate = undefined;
      this.chosenDay = undefined;
    }
    const active = this.shadowRoot?.activeElement;
    this.focusArea = active ? (active.closest('table') ? 'dates' : 'other') : undefined;
    this.calendar = this.calendarState();
  }

  protected override updated(): void {
    // Times per row (set through the CSSOM: a style attribute would need 'unsafe-inline' under a strict CSP).
    this.renderRoot.querySelector<HTMLElement>('.times')?.style.setProperty('--_cols', String(this.layout.cols));
    if (this.view === 'list') return this.keepFocusInList();
    // An update that removed the focused node (a reload, "Try again") leaves focus on a neighbour, not <body>.
    if (!this.focusArea || this.shadowRoot?.activeElement) return;
    const target =
      (this.focusArea === 'dates' ? this.dates.current : this.grid.current) ??
      this.dates.current ??
      this.renderRoot.querySelector<HTMLElement>('[part="status"]');
    target?.focus();
  }

  /** List view: focus that was inside when a reload started lands on the first time, else the message. */
  private keepFocusInList(): void {
    if (!this.keepListFocus) return;
    if (!this.shadowRoot?.activeElement)
      (this.grid.current ?? this.renderRoot.querySelector<HTMLElement>('[part="status"]'))?.focus();
    if (this.slotsTask.status !== TaskStatus.PENDING) this.keepListFocus = false;
  }

  override render() {
    if (this.quiet()) {
      this.liveText = '';
      return this.frame(nothing);
    }
    return this.frame(this.view === 'list' ? this.renderList() : (this.renderUnavailable() ?? this.renderCalendar()));
  }

  /**
   * The content, then the live region: one node from the first render on, whatever shows (the quiet first
   * moment, either view), so screen readers hear each change. The content sets `liveText` as it renders.
   */
  private frame(content: unknown) {
    return html`<div part="base" class="base">
      ${content}
      <div class="visually-hidden" role="status" aria-live="polite">${this.liveText}</div>
    </div>`;
  }

  // ---------------------------------------------------------------- both views

  /** Whether this render is a first load's loading message within QUIET_MS; it renders again when they end. */
  private quiet(): boolean {
    if (this.shown) return false;
    const left = this.quietUntil - performance.now();
    const session = this.session;
    const loading =
      !session ||
      session.status === 'loading' ||
      (session.status === 'ready' &&
        !!session.provider?.capabilities.findSlots &&
        (this.view === 'list'
          ? this.slotsTask.status === TaskStatus.INITIAL || this.slotsTask.status === TaskStatus.PENDING
          : !this.calendar?.anchor && !failure(this.availabilityTask)));
    if (!loading) this.shown = true;
    if (!loading || left <= 0) return false;
    this.quietTimer ??= setTimeout(() => {
      this.quietTimer = undefined;
      this.requestUpdate();
    }, left);
    return true;
  }

  /** Waiting for a provider, a broken provider, or a backend without slots; undefined when slots can be shown. */
  private renderUnavailable() {
    const session = this.session;
    if (!session)
      return this.status(
        html`<span class="muted">${msg('Waiting for a <booking-provider>…', { id: 'picker.waiting' })}</span>`,
        msg('Waiting for the booking service.', { id: 'picker.waitingService' }),
      );
    if (session.status === 'error')
      return this.status(
        html`<span class="muted">${msg('Scheduling is not available.', { id: 'picker.unavailable' })}</span>`,
        '',
      );
    if (session.provider && !session.provider.capabilities.findSlots) {
      const phone = session.provider.phone;
      const call = phone ? callToBook(phone) : msg('Please call the clinic to book.', { id: 'picker.callClinic' });
      const none = msg('Online booking is not offered.', { id: 'picker.noOnline' });
      const text = `${none} ${call}`;
      const shown = phone ? html`${none} ${withPhoneLink(callToBook, phone)}` : text;
      return this.status(html`<span>${shown}</span>`, text, 'unavailable');
    }
    return undefined;
  }

  private status(content: unknown, announcement: string, kind = 'info') {
    this.liveText = announcement;
    // It can hold focus (not in the tab order), so focus has a place while the content changes.
    return html`<div part="status" class="message ${kind === 'error' ? 'error' : ''}" data-state=${kind} tabindex="-1">
      ${content}
    </div>`;
  }

  private slotText(slot: Slot, display: DisplaySettings): { when: WhenText; name: string } {
    const key = `${display.override}|${display.patientZone}|${display.locale}|${display.hourCycle}|${currentLocale()}`;
    if (key !== this.textCacheKey) {
      this.textCache.clear();
      this.textCacheKey = key;
    }
    let text = this.textCache.get(slot.id);
    if (!text) {
      const when = whenText(slot, display);
      const name = describeVisit(slot, display, when);
      const n = slot.capacity ?? 0;
      text = {
        when,
        name:
          n > 1 ? plural('picker.placesLeft', n, str`${name}, ${n} place left`, str`${name}, ${n} places left`) : name,
      };
      this.textCache.set(slot.id, text);
    }
    return text;
  }

  /** A new answer from the backend: a slot with the same id may carry new details. */
  private useAnswer(slots: Slot[]): void {
    if (slots === this.textCacheSlots) return;
    this.textCache.clear();
    this.textCacheSlots = slots;
  }

  private choose(slot: Slot): void {
    // The provider hears every choice, the time already chosen too (a backend that holds holds it again).
    if (this.session) this.session.select(slot);
    else this.value = slot;
    const display = this.display;
    if (this.view !== 'list' && display)
      this.chosenText = {
        id: slot.id,
        text: msg(str`Chosen: ${this.slotText(slot, display).name}.`, { id: 'picker.chosen' }),
      };
    emit(this, 'slot-select', { slot });
    this.dispatchEvent(new Event('change', { bubbles: true }));
  }

  // ---------------------------------------------------------------- list view

  private renderList() {
    const session = this.session;
    const display = this.display;
    const { start, days } = this.range();
    const end = addDays(start, days);
    const locale = display?.locale ?? 'en-US';
    const rangeLabel = `${formatDate(start, locale, 'short')} – ${formatDate(addDays(end, -1), locale, 'short')}`;
    // Where the backend offers no slots, the day range and its arrows would lead nowhere.
    const bookable = session?.provider?.capabilities.findSlots !== false;
    return html`${bookable ? this.renderHeader(days, rangeLabel) : nothing} ${this.renderBody(start, end, rangeLabel)}`;
  }

  private renderHeader(days: number, rangeLabel: string) {
    const session = this.session;
    return html` <div part="header" class="header">
      <button part="nav-button" class="nav" ?disabled=${!session?.provider} @click=${() => this.shift(-days)}>
        <span class="chevron" aria-hidden="true">‹</span
        ><span class="visually-hidden">${msg('Earlier days', { id: 'picker.earlier' })}</span>
      </button>
      <span class="range">${rangeLabel}</span>
      <button part="nav-button" class="nav" ?disabled=${!session?.provider} @click=${() => this.shift(days)}>
        <span class="chevron" aria-hidden="true">›</span
        ><span class="visually-hidden">${msg('Later days', { id: 'picker.later' })}</span>
      </button>
    </div>`;
  }

  private renderBody(start: string, end: string, rangeLabel: string) {
    const unavailable = this.renderUnavailable();
    if (unavailable) return unavailable;
    return this.slotsTask.render({
      initial: () => this.loading(),
      pending: () => this.loading(),
      error: (error) => (isAbortError(error) ? this.loading() : this.renderError(toBookingError(error))),
      complete: (slots) => {
        if (!slots) return this.loading();
        const display = this.display!;
        this.useAnswer(slots);
        const groups = groupByLocalDate(slots, (slot) => displayZone(slot, display), { from: start, to: end });
        if (groups.length === 0) {
          const text = msg(str`No times available ${rangeLabel}.`, { id: 'picker.noneRange' });
          return this.status(
            html`<span>${text}</span>
              <button part="nav-button" @click=${() => this.shift(this.range().days)}>
                ${msg('Show later days', { id: 'picker.showLater' })}
              </button>`,
            text,
            'empty',
          );
        }
        const count = groups.reduce((n, g) => n + g.items.length, 0);
        this.liveText = plural(
          'picker.availableRange',
          count,
          str`${count} time available, ${rangeLabel}.`,
          str`${count} times available, ${rangeLabel}.`,
        );
        return this.renderGrid(groups, rangeLabel);
      },
    });
  }

  private loading() {
    const text = loadingTimes();
    return this.status(
      html`<span class="loading"><span class="spinner" aria-hidden="true"></span>${text}</span>`,
      text,
      'loading',
    );
  }

  private renderError(error: BookingError) {
    return this.status(
      html`<span>${patientMessage(error, this.session?.provider?.phone)}</span>
        <button part="retry" @click=${() => void this.slotsTask.run()}>${retryText()}</button>`,
      patientText(error, this.session?.provider?.phone),
      'error',
    );
  }

  private renderGrid(groups: DayGroup<Slot>[], rangeLabel: string) {
    const display = this.display!;
    const all = groups.flatMap((g) => g.items);
    const manyPractitioners = new Set(all.map((s) => s.practitioner?.id)).size > 1;
    const chosen = this.value?.id;
    return html`<div
      part="grid"
      role="grid"
      class="grid"
      aria-label=${msg(str`Available times, ${rangeLabel}`, { id: 'picker.timesRange' })}
    >
      ${groups.map(
        (group) =>
          html`<div part="day" role="row" class="day">
            <div part="day-label" role="rowheader" class="day-label">${formatDate(group.date, display.locale)}</div>
            ${group.items.map((slot) => {
              const { when, name } = this.slotText(slot, display);
              const selected = slot.id === chosen;
              // The lines below the time as plain text parts, empty ones hidden by CSS: fewer nested templates.
              const who = manyPractitioners && slot.practitioner ? slot.practitioner.name : '';
              const mode = [
                slot.mode !== 'in-person' ? modeLabel(slot.mode) : '',
                slot.capacity && slot.capacity > 1 ? places(slot.capacity) : '',
              ]
                .filter(Boolean)
                .join(' · ');
              return html`<div role="gridcell" aria-selected=${selected ? 'true' : 'false'} class="cell">
                <button part=${selected ? 'slot slot-selected' : 'slot'} class="slot" data-slot-id=${slot.id}>
                  <span class="visible" aria-hidden="true">
                    <span class="time">${when.time} <span class="zone">${when.zone}</span></span>
                    <span class="other">${when.other ?? ''}</span> <span class="who">${who}</span>
                    <span class="mode">${mode}</span>
                  </span>
                  <span class="visually-hidden name">${name}</span>
                </button>
              </div>`;
            })}
          </div>`,
      )}
    </div>`;
  }

  /** One listener for the list's times (set up in createRenderRoot), not one per time: a week can hold thousands. */
  private readonly onListClick = (event: Event): void => {
    if (this.view !== 'list') return;
    const id = (event.target as Element).closest<HTMLElement>('[part="grid"] button.slot')?.dataset.slotId;
    const slot = id === undefined ? undefined : this.slotsTask.value?.find((s) => s.id === id);
    if (slot) this.choose(slot);
  };

  private shift(days: number): void {
    this.start = addDays(this.range().start, days);
    this.grid.reset();
  }

  // ---------------------------------------------------------------- calendar view

  /** Reads the picker's width: a week strip below 30em, the month beside the times from 46em. */
  private measure(): void {
    this.measured = true;
    const width = this.getBoundingClientRect().width;
    if (!width) return;
    const em = parseFloat(getComputedStyle(this).fontSize) || 16;
    const wide = width >= 46 * em;
    const timesWidth = wide ? width - 21.5 * em : width;
    // Time buttons of at least 5.25em with 0.375em gaps; a row is what fits, 2 to 8.
    const cols = Math.max(2, Math.min(8, Math.floor((timesWidth + 0.375 * em) / (5.625 * em))));
    const layout: Layout = { narrow: width < 30 * em, wide, cols };
    const old = this.layout;
    if (old.narrow !== layout.narrow || old.wide !== layout.wide || old.cols !== layout.cols) this.layout = layout;
  }

  /** What the calendar shows, and the store that holds its availability (a new one when the query changed). */
  private calendarState(): CalendarState | undefined {
    const session = this.session;
    const provider = session?.provider;
    const display = this.display;
    if (!session || !provider || !display || !provider.capabilities.findSlots) return undefined;
    const now = today(display.override ?? display.patientZone, session.now());
    const last = addDays(now, provider.horizonDays ?? 365);
    const startDay = clampDate(isLocalDate(this.start) ? this.start : now, now, last);
    const ids = this.filterIds();
    const query = [ids.practitionerId, ids.locationId, ids.serviceId, startDay].join('|');
    const key = [query, session.revision, display.override, display.patientZone, now, last].join('|');
    if (this.store?.provider !== provider || this.storeKey !== key) {
      if (this.store?.provider === provider && this.storeQuery === query) {
        // A reload (a booking, a refresh, another zone) keeps the day and the month or week in view.
        this.focusDate ??= this.lastAnchor;
        this.chosenDay ??= this.lastDay;
      } else {
        // Another backend or filter opens on its own first available day.
        this.focusDate = this.chosenDay = this.lastAnchor = this.lastDay = undefined;
      }
      this.store = new AvailabilityStore(provider, ids, (time) => displayZone(time, display), now, last);
      this.storeKey = key;
      this.storeQuery = query;
    }
    const store = this.store;
    const firstDay = firstDayOfWeek(display.locale);
    const anchor =
      this.focusDate ?? this.chosenDay ?? (store.first === undefined ? undefined : (store.first ?? startDay));
    const state: CalendarState = { today: now, last, startDay, firstDay, from: now, to: now, weeks: [], loaded: false };
    if (!anchor) return state;
    this.lastAnchor = anchor;
    state.anchor = anchor;
    if (this.layout.narrow) {
      const week = weekDates(anchor, firstDay);
      state.weeks = [week];
      state.from = week[0];
      state.to = week[6];
    } else {
      state.weeks = monthWeeks(anchor, firstDay);
      state.from = monthOf(anchor);
      state.to = addDays(state.from, daysInMonth(anchor) - 1);
    }
    state.loaded = store.loaded(state.from, state.to);
    // The chosen day while it is in view, else the first available one (the one the calendar opened on).
    const inView = (date: LocalDate | null | undefined): date is LocalDate =>
      !!date && date >= state.from && date <= state.to && store.count(date) !== 0;
    const chosen = this.chosenDay;
    state.day = inView(chosen)
      ? chosen
      : inView(store.first)
        ? store.first
        : state.loaded
          ? store.firstIn(state.from, state.to)
          : undefined;
    if (state.day) this.lastDay = state.day;
    if (state.day !== this.expandedDay) {
      this.expandedDay = state.day;
      if (this.expanded.size) this.expanded = new Set();
    }
    return state;
  }

  private renderCalendar() {
    const state = this.calendar;
    const display = this.display;
    if (!state || !display) return this.calendarLoading(loadingTimes());
    const error = failure(this.availabilityTask);
    if (!state.anchor) {
      return error
        ? this.calendarError(error, () => void this.availabilityTask.run())
        : this.calendarLoading(loadingTimes());
    }
    const { narrow, wide, cols } = this.layout;
    const dayView = this.renderDayView(state, display, error, cols);
    const chosen = this.chosenText;
    if (chosen && chosen.id === this.value?.id) this.liveText = chosen.text;
    return html`<div class="calendar ${narrow ? 'narrow' : ''} ${wide ? 'wide' : ''}">
      <div class="dates">
        ${this.renderDatesHeader(state, display.locale)} ${this.renderDates(state, display.locale)}
      </div>
      <div part="day-view" class="day-view">${dayView} ${this.renderSummary(display)}</div>
    </div>`;
  }

  private renderDatesHeader(state: CalendarState, locale: string) {
    const narrow = this.layout.narrow;
    const anchor = state.anchor!;
    const label = narrow
      ? `${formatDate(state.from, locale, 'short')} – ${formatDate(state.to, locale, 'short')}`
      : formatLocalDate(anchor, locale, { month: 'long', year: 'numeric' });
    const earlier = narrow ? state.from > state.today : monthOf(anchor) > monthOf(state.today);
    const later = narrow ? state.to < state.last : monthOf(anchor) < monthOf(state.last);
    const previous = narrow
      ? msg('Previous week', { id: 'picker.prevWeek' })
      : msg('Previous month', { id: 'picker.prevMonth' });
    const next = narrow ? msg('Next week', { id: 'picker.nextWeek' }) : msg('Next month', { id: 'picker.nextMonth' });
    // aria-disabled, not disabled: a button that becomes disabled would drop the focus on it.
    return html`<div part="header" class="header">
      <button
        part="nav-button"
        class="nav"
        aria-disabled=${earlier ? 'false' : 'true'}
        @click=${() => earlier && this.page(-1)}
      >
        <span class="chevron" aria-hidden="true">‹</span><span class="visually-hidden">${previous}</span>
      </button>
      <span part="range-label" class="range" id="range-label">${label}</span>
      <button
        part="nav-button"
        class="nav"
        aria-disabled=${later ? 'false' : 'true'}
        @click=${() => later && this.page(1)}
      >
        <span class="chevron" aria-hidden="true">›</span><span class="visually-hidden">${next}</span>
      </button>
    </div>`;
  }

  private renderDates(state: CalendarState, locale: string) {
    const store = this.store!;
    const weekdays = (state.weeks[0] ?? []).map((_, i) => addDays('2024-01-01', (state.firstDay - 1 + i) % 7));
    return html`<table
      part="calendar"
      role="grid"
      class="dates-grid"
      aria-labelledby="range-label"
      aria-busy=${state.loaded ? 'false' : 'true'}
      @keydown=${this.onDateKey}
    >
      <thead>
        <tr>
          ${weekdays.map(
            (date) =>
              html`<th part="weekday" scope="col" abbr=${formatLocalDate(date, locale, { weekday: 'long' })}>
                ${formatLocalDate(date, locale, { weekday: 'short' })}
              </th>`,
          )}
        </tr>
      </thead>
      <tbody>
        ${state.weeks.map(
          (week) =>
            html`<tr>
              ${week.map((date) => this.renderDate(date, state, store, locale))}
            </tr>`,
        )}
      </tbody>
    </table>`;
  }

  private renderDate(date: LocalDate | null, state: CalendarState, store: AvailabilityStore, locale: string) {
    if (!date) return html`<td class="pad"></td>`;
    const key = `${locale}|${date}`;
    let text = this.dateText.get(key);
    if (!text)
      this.dateText.set(key, (text = [formatLocalDate(date, locale, { day: 'numeric' }), formatDate(date, locale)]));
    const [number, long] = text;
    const isToday = date === state.today;
    if (date < state.today || date > state.last) {
      return html`<td class="date out" aria-disabled="true">
        <span class="num" aria-hidden="true">${number}</span
        ><span class="visually-hidden">${msg(str`${long}, not offered online`, { id: 'picker.notOffered' })}</span>
      </td>`;
    }
    const count = store.count(date);
    const selected = date === state.day;
    const part = `date${count ? ' date-available' : ''}${selected ? ' date-selected' : ''}${isToday ? ' date-today' : ''}`;
    const day = isToday ? msg(str`${long}, today`, { id: 'picker.today' }) : long;
    const name =
      count === undefined
        ? day
        : count
          ? plural(
              'picker.dayTimes',
              count,
              str`${day}, ${count} time available`,
              str`${day}, ${count} times available`,
            )
          : msg(str`${day}, no times available`, { id: 'picker.dayNone' });
    return html`<td
      part=${part}
      class="date"
      data-date=${date}
      aria-selected=${selected ? 'true' : 'false'}
      aria-disabled=${count === 0 ? 'true' : 'false'}
      aria-current=${isToday ? 'date' : nothing}
      @click=${() => this.chooseDay(date)}
    >
      <span class="num" aria-hidden="true">${number}</span>${
        count ? html`<span class="mark" aria-hidden="true"></span>` : nothing
      }<span class="visually-hidden">${name}</span>
    </td>`;
  }

  private renderDayView(state: CalendarState, display: DisplaySettings, error: BookingError | undefined, cols: number) {
    const locale = display.locale;
    const day = state.day;
    if (!day) {
      if (error) return this.calendarError(error, () => void this.availabilityTask.run());
      if (!state.loaded) return this.calendarLoading(msg('Loading available days…', { id: 'picker.loadingDays' }));
      return this.renderEmpty(state, locale);
    }
    const dayLabel = formatDate(day, locale);
    // The day's slots came with the month where the backend has no `findAvailability`, else from its own query.
    const own = typeof this.session?.provider?.findAvailability === 'function';
    const task = own ? this.dayTask : this.availabilityTask;
    const slots = own ? this.dayTask.value : this.store?.month(day)?.slots;
    const failed = failure(task);
    if (failed && !(slots && !own)) return this.calendarError(failed, () => void task.run());
    if (!slots || (own && task.status !== TaskStatus.COMPLETE))
      return this.calendarLoading(msg(str`Loading times for ${dayLabel}…`, { id: 'picker.loadingDay' }));
    this.useAnswer(slots);
    const groups = this.groupsOf(slots, day, display);
    const count = groups.reduce((n, g) => n + g.slots.length, 0);
    if (count === 0) {
      const text = msg(str`No times left on ${dayLabel}. Please choose another day.`, { id: 'picker.noneLeft' });
      return this.calendarStatus(html`<span>${text}</span>`, 'empty', text);
    }
    this.liveText = plural(
      'picker.dayAvailable',
      count,
      str`${dayLabel}: ${count} time available.`,
      str`${dayLabel}: ${count} times available.`,
    );
    return html`<div class="day-head">
        <span part="day-label" class="day-label">${dayLabel}</span>
        <span class="count muted">${plural('picker.times', count, str`${count} time`, str`${count} times`)}</span>
      </div>
      <div
        part="times"
        role="grid"
        class="times"
        aria-label=${msg(str`Times on ${dayLabel}`, { id: 'picker.timesOn' })}
      >
        ${groups.map((group) => this.renderGroup(group, display, cols))}
      </div>`;
  }

  /** The day's slots grouped by clinician and place, in order of their first time. */
  private groupsOf(slots: Slot[], day: LocalDate, display: DisplaySettings): TimeGroup[] {
    const key = `${display.override}|${display.patientZone}`;
    const memo = this.groupsMemo;
    if (memo && memo.slots === slots && memo.day === day && memo.key === key) return memo.groups;
    const byKey = new Map<string, TimeGroup>();
    const sorted = slots
      .filter((slot) => localDate(slot.start, displayZone(slot, display)) === day)
      .sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
    for (const slot of sorted) {
      const id = `${slot.practitioner?.id ?? ''}|${slot.location?.id ?? ''}`;
      let group = byKey.get(id);
      if (!group) {
        const label = [slot.practitioner?.name, slot.location?.name].filter(Boolean).join(' · ');
        // Without a name, "Available times" (in the language of the moment it renders).
        group = { key: id, label, slots: [] };
        byKey.set(id, group);
      }
      group.slots.push(slot);
    }
    const groups = [...byKey.values()];
    this.groupsMemo = { slots, day, key, groups };
    return groups;
  }

  private renderGroup(group: TimeGroup, display: DisplaySettings, cols: number) {
    const open = this.expanded.has(group.key);
    const fits = group.slots.length <= cols;
    const shown = open || fits ? group.slots : group.slots.slice(0, cols - 1);
    const more = group.slots.length - (cols - 1);
    const label = group.label || msg('Available times', { id: 'picker.availableTimes' });
    return html`<div part="group" role="row" class="group">
      <div part="group-label" role="rowheader" class="group-label">${label}</div>
      ${shown.map((slot) => html`<div role="gridcell" class="cell">${this.renderTime(slot, display)}</div>`)}
      ${
        fits
          ? nothing
          : html`<div role="gridcell" class="cell">
              <button
                part="more"
                class="more"
                data-group=${`more ${group.key}`}
                aria-expanded=${open ? 'true' : 'false'}
                aria-label=${
                  open
                    ? msg(str`Fewer times, ${label}`, { id: 'picker.fewerTimes' })
                    : plural(
                        'picker.moreTimes',
                        more,
                        str`${more} more time, ${label}`,
                        str`${more} more times, ${label}`,
                      )
                }
                @click=${() => this.toggleGroup(group, cols)}
              >
                ${open ? msg('Fewer', { id: 'picker.fewer' }) : plural('picker.more', more, str`${more} more`, str`${more} more`)}
              </button>
            </div>`
      }
    </div>`;
  }

  private renderTime(slot: Slot, display: DisplaySettings) {
    const { when, name } = this.slotText(slot, display);
    const selected = slot.id === this.value?.id;
    const mode = shortMode(slot.mode);
    return html`<button
      part=${selected ? 'slot slot-selected' : 'slot'}
      class="slot"
      data-slot-id=${slot.id}
      aria-pressed=${selected ? 'true' : 'false'}
      @click=${() => this.choose(slot)}
    >
      <span class="visible" aria-hidden="true"
        ><span class="time"><span class="clock">${when.time}</span> <span class="zone">${when.zone}</span></span
        >${mode ? html`<span class="mode">${mode}</span>` : nothing}${
          slot.capacity && slot.capacity > 1 ? html`<span class="mode">${places(slot.capacity)}</span>` : nothing
        }</span
      >
      <span class="visually-hidden name">${name}</span>
    </button>`;
  }

  /** The chosen time, after the times, so that it (and a Book button after the picker) stays near them. */
  private renderSummary(display: DisplaySettings) {
    const value = this.value;
    if (!value) return nothing;
    const { when } = this.slotText(value, display);
    const date = formatDate(localDate(value.start, displayZone(value, display)), display.locale, 'short');
    const where = [value.practitioner?.name, value.location?.name, modeLabel(value.mode)].filter(Boolean).join(' · ');
    return html`<div part="summary" class="summary">
      <span class="muted">${msg('Your time:', { id: 'picker.yourTime' })}</span>
      <strong>${date}, ${when.time} ${when.zone}</strong>${
        when.other ? html` <span class="other">(${when.other})</span>` : nothing
      }
      <div class="where">${where}</div>
    </div>`;
  }

  /** No times in the visible month or week: when the next one is, with a button to go there. */
  private renderEmpty(state: CalendarState, locale: string) {
    const week = `${formatDate(state.from, locale, 'short')} – ${formatDate(state.to, locale, 'short')}`;
    const none = this.layout.narrow
      ? msg(str`No times ${week}.`, { id: 'picker.noneWeek' })
      : msg(str`No times in ${formatLocalDate(state.from, locale, { month: 'long' })}.`, { id: 'picker.noneMonth' });
    const next = state.to < state.last ? this.store?.nextFrom(addDays(state.to, 1)) : null;
    if (next === undefined)
      return this.calendarLoading(
        `${none} ${msg('Looking for the next available time…', { id: 'picker.looking' })}`,
        'empty',
      );
    if (next) {
      const nextLabel = formatLocalDate(next, locale, {
        weekday: 'long',
        month: 'long',
        day: 'numeric',
        year: next.slice(0, 4) === state.from.slice(0, 4) ? undefined : 'numeric',
      });
      const text = `${none} ${msg(str`Next available: ${nextLabel}.`, { id: 'picker.nextAvailable' })}`;
      return this.calendarStatus(
        html`<span>${text}</span>
          <button part="next-available" class="primary" @click=${() => this.goTo(next)}>
            ${msg(str`Go to ${nextLabel}`, { id: 'picker.goTo' })}
          </button>`,
        'empty',
        text,
      );
    }
    const phone = this.session?.provider?.phone;
    const horizon = this.session?.provider?.horizonDays;
    const text = horizon
      ? plural(
          'picker.noneOnlineDays',
          horizon,
          str`No times available online in the next ${horizon} day.`,
          str`No times available online in the next ${horizon} days.`,
        )
      : msg('No times available online.', { id: 'picker.noneOnline' });
    const call = phone ? callToBook(phone) : '';
    return this.calendarStatus(
      html`<span>${text}</span>${phone ? html` <span>${withPhoneLink(callToBook, phone)}</span>` : nothing}`,
      'empty',
      phone ? `${text} ${call}` : text,
    );
  }

  private calendarLoading(text: string, kind = 'loading') {
    return this.calendarStatus(
      html`<span class="loading"><span class="spinner" aria-hidden="true"></span>${text}</span>`,
      kind,
      text,
    );
  }

  /** A message of the calendar; it can hold focus, so that focus has a place while the content changes. */
  private calendarStatus(content: unknown, kind: string, announcement: string) {
    this.liveText = announcement;
    return html`<div part="status" class="message ${kind === 'error' ? 'error' : ''}" data-state=${kind} tabindex="-1">
      ${content}
    </div>`;
  }

  private calendarError(error: BookingError, retry: () => void) {
    const phone = this.session?.provider?.phone;
    return this.calendarStatus(
      html`<span>${patientMessage(error, phone)}</span> <button part="retry" @click=${retry}>${retryText()}</button>`,
      'error',
      patientText(error, phone),
    );
  }

  /** Keys of the date grid: where focus goes (the month or week follows), clamped to the dates offered. */
  private moveFocus(date: LocalDate, event: KeyboardEvent): LocalDate | undefined {
    const state = this.calendar;
    if (!state || event.altKey || event.ctrlKey || event.metaKey) return undefined;
    const target = moveDate(date, event, state.firstDay, getComputedStyle(this).direction === 'rtl');
    if (!target) return undefined;
    const next = clampDate(target, state.today, state.last);
    this.focusDate = next;
    return next;
  }

  private readonly onDateKey = (event: KeyboardEvent): void => {
    if (event.key !== 'Enter' && event.key !== ' ') return;
    const cell = (event.target as Element).closest<HTMLElement>('td[data-date]');
    if (!cell?.dataset.date) return;
    event.preventDefault();
    this.chooseDay(cell.dataset.date);
  };

  /** Shows a day's times (a day without times only takes focus). */
  private chooseDay(date: LocalDate): void {
    this.focusDate = date;
    this.chosenText = undefined;
    if (this.store?.count(date) === 0) return;
    this.chosenDay = date;
  }

  /** Pages the calendar by a month or a week. */
  private page(direction: number): void {
    const state = this.calendar;
    if (!state?.anchor) return;
    const target = this.layout.narrow ? addDays(state.anchor, 7 * direction) : addMonths(state.anchor, direction);
    this.chosenText = undefined;
    this.focusDate = clampDate(target, state.today, state.last);
  }

  /** Goes to a day with times (the empty month's "next available") and puts focus on it. */
  private goTo(date: LocalDate): void {
    this.chosenDay = date;
    void this.dates.focusKey(date);
    this.focusDate = date;
  }

  private toggleGroup(group: TimeGroup, cols: number): void {
    const expanded = new Set(this.expanded);
    const open = !expanded.has(group.key);
    if (open) expanded.add(group.key);
    else expanded.delete(group.key);
    this.expanded = expanded;
    // Opened: focus goes to the first time that was hidden; closed, it stays on the button.
    if (open) void this.grid.focusKey(group.slots[cols - 1]?.id);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'slot-picker': SlotPickerElement;
  }
}
