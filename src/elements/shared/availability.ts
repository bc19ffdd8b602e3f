import type { AvailableTime, Slot, SlotQuery } from '../../core/model.js';
import { operation, type BookingProvider } from '../../core/provider.js';
import { addDays, addMonths, daysInMonth, localDate, monthOf, queryWindow, type LocalDate } from '../../core/time.js';

/**
 * The free times of a window, with as little as a calendar needs: the backend's `findAvailability` where
 * it offers one, else `findSlots` (the one fallback every element shares). Slots found that way are kept
 * in `slots`: they are the day's times too, so a calendar needs no second call for them.
 */
export async function findAvailability(
  provider: BookingProvider,
  query: SlotQuery,
  signal?: AbortSignal,
): Promise<{ times: AvailableTime[]; slots?: Slot[] }> {
  if (typeof provider.findAvailability === 'function') return { times: await provider.findAvailability(query, signal) };
  const slots = await operation(provider, 'findSlots')(query, signal);
  return { times: slots, slots };
}

/** One month of availability. */
export interface MonthTimes {
  /** Number of times per local date (in the display zone), for the month's offered dates. */
  counts: Map<LocalDate, number>;
  /** The month's slots, where they came from `findSlots`. */
  slots?: Slot[];
}

/** The filter of a calendar's queries (backend ids). */
export type AvailabilityFilter = Pick<SlotQuery, 'practitionerId' | 'locationId' | 'serviceId'>;

/**
 * The availability of one backend, filter and display zone, month by month, for the dates offered
 * (`from`, usually today, to `last`, the backend's horizon). Months are loaded once; a new revision,
 * filter or zone makes a new store.
 */
export class AvailabilityStore {
  /** First date with times on or after the date a calendar opens on: undefined until sought, null if none. */
  first: LocalDate | null | undefined;
  private readonly months = new Map<LocalDate, MonthTimes>();
  /**
   * The first week a calendar opens on, by month, known before the rest of its month: the first day with
   * times shows after a week's answer, and the month's other days follow once that has been painted.
   */
  private readonly heads = new Map<LocalDate, { from: LocalDate; to: LocalDate; counts: Map<LocalDate, number> }>();
  private readonly next = new Map<LocalDate, LocalDate | null>();

  constructor(
    readonly provider: BookingProvider,
    private readonly filter: AvailabilityFilter,
    /** The zone whose local date a time falls on (the display zone of that time). */
    private readonly zoneOf: (time: AvailableTime) => string,
    readonly from: LocalDate,
    readonly last: LocalDate,
  ) {}

  /** The month that holds the date, once loaded. */
  month(date: LocalDate): MonthTimes | undefined {
    return this.months.get(monthOf(date));
  }

  /** Times on a date: 0 outside the offered dates, undefined while its month (or its first week) is not loaded. */
  count(date: LocalDate): number | undefined {
    if (date < this.from || date > this.last) return 0;
    const month = this.month(date);
    if (month) return month.counts.get(date) ?? 0;
    const head = this.heads.get(monthOf(date));
    return head && date >= head.from && date <= head.to ? (head.counts.get(date) ?? 0) : undefined;
  }

  /** Whether every offered month between the two dates is loaded. */
  loaded(from: LocalDate, to: LocalDate): boolean {
    return this.monthsBetween(from, to).every((month) => this.months.has(month));
  }

  /** The first date between the two (inclusive) with times, if any is loaded. */
  firstIn(from: LocalDate, to: LocalDate): LocalDate | undefined {
    for (let date = from < this.from ? this.from : from; date <= to && date <= this.last; date = addDays(date, 1)) {
      if (this.count(date)) return date;
    }
    return undefined;
  }

  /** The first date with times after an empty range ending before `date`, once `findNext` has looked. */
  nextFrom(date: LocalDate): LocalDate | null | undefined {
    return this.next.get(date);
  }

  /** Loads the months between the two dates; the rest of a month whose first week is known after a paint. */
  async load(from: LocalDate, to: LocalDate, signal: AbortSignal): Promise<void> {
    for (const month of this.monthsBetween(from, to)) {
      if (this.heads.has(month)) await afterPaint();
      await this.loadMonth(month, signal);
    }
  }

  /**
   * Finds the first date with times on or after `date` (null: none up to the last date offered). Where the
   * backend answers availability queries, the week from `date` is asked first: most often it holds the day.
   */
  async seek(date: LocalDate, signal: AbortSignal): Promise<LocalDate | null> {
    for (const month of this.monthsBetween(date, this.last)) {
      const from = date > month ? date : month;
      if (from === date && typeof this.provider.findAvailability === 'function' && !this.months.has(month)) {
        const head = await this.loadHead(month, from, signal);
        const found = this.firstIn(from, head.to);
        if (found) return found;
      }
      await this.loadMonth(month, signal);
      const found = this.firstIn(from, this.monthEnd(month));
      if (found) return found;
    }
    return null;
  }

  /** Looks for the first date with times on or after `date`, for `nextFrom`. */
  async findNext(date: LocalDate, signal: AbortSignal): Promise<void> {
    if (!this.next.has(date)) this.next.set(date, await this.seek(date, signal));
  }

  private monthsBetween(from: LocalDate, to: LocalDate): LocalDate[] {
    const months: LocalDate[] = [];
    const end = to > this.last ? this.last : to;
    for (let month = monthOf(from < this.from ? this.from : from); month <= end; month = addMonths(month, 1)) {
      months.push(month);
    }
    return months;
  }

  /** The week of a month from `from` (within the month and the dates offered). */
  private async loadHead(month: LocalDate, from: LocalDate, signal: AbortSignal) {
    const end = this.monthEnd(month);
    const weekEnd = addDays(from, 6);
    const to = weekEnd < end ? weekEnd : end;
    const { counts } = await this.query(from, to, signal);
    const head = { from, to, counts };
    this.heads.set(month, head);
    return head;
  }

  private async loadMonth(month: LocalDate, signal: AbortSignal): Promise<void> {
    if (this.months.has(month)) return;
    const start = month < this.from ? this.from : month;
    const end = this.monthEnd(month);
    // A month whose first week is known asks for its other days only (before it, where the calendar opened on
    // a later date than the first one offered, and after it).
    const head = this.heads.get(month);
    if (head) {
      const counts = new Map(head.counts);
      const around: [LocalDate, LocalDate][] = [
        [start, addDays(head.from, -1)],
        [addDays(head.to, 1), end],
      ];
      for (const [from, to] of around) {
        if (from > to) continue;
        for (const [date, count] of (await this.query(from, to, signal)).counts) counts.set(date, count);
      }
      this.months.set(month, { counts });
    } else {
      this.months.set(month, await this.query(start, end, signal));
    }
    this.heads.delete(month);
  }

  /** The times per local date between two dates (inclusive), and the slots where they came from findSlots. */
  private async query(start: LocalDate, end: LocalDate, signal: AbortSignal): Promise<MonthTimes> {
    const days = Math.round((Date.parse(end) - Date.parse(start)) / 86_400_000) + 1;
    const { times, slots } = await findAvailability(
      this.provider,
      { ...queryWindow(start, days), ...this.filter },
      signal,
    );
    const counts = new Map<LocalDate, number>();
    for (const time of times) {
      const date = localDate(time.start, this.zoneOf(time));
      if (date >= start && date <= end) counts.set(date, (counts.get(date) ?? 0) + 1);
    }
    return { counts, slots };
  }

  /** The month's last date offered. */
  private monthEnd(month: LocalDate): LocalDate {
    const end = addDays(month, daysInMonth(month) - 1);
    return end > this.last ? this.last : end;
  }
}

/**
 * Resolves once the page has painted what is on screen now and started the frame after it (the first times
 * stay responsive while the rest of the month loads). A page in a background tab paints nothing: there it
 * resolves at once, or as soon as the page is hidden.
 */
function afterPaint(): Promise<void> {
  return new Promise((resolve) => {
    if (typeof document === 'undefined' || document.visibilityState === 'hidden') return resolve();
    const done = () => {
      document.removeEventListener('visibilitychange', done);
      resolve();
    };
    document.addEventListener('visibilitychange', done);
    requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(done, 0)));
  });
}
