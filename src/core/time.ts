import type { Instant, VisitMode } from './model.js';

/**
 * Time helpers for the display edge: the only place that turns instants into local text. Everything takes
 * plain values (ISO strings, IANA names, locale tags). They use the browser's own zone data through
 * Intl.DateTimeFormat, with every formatter and zone offset cached, so no date library ships; reading
 * vendors' wall-clock times builds on these, in ./zoned.ts, which only the lazily loaded adapters import.
 */

export type HourCycle = 'h12' | 'h23';

export interface DisplaySettings {
  /** Forces one zone for everything (the `time-zone` attribute). */
  override?: string;
  /** The patient's zone: video and phone visits show in it. */
  patientZone: string;
  locale: string;
  hourCycle?: HourCycle;
}

/** Local date `YYYY-MM-DD`. */
export type LocalDate = string;

const zoneValidity = new Map<string, boolean>();

export function isValidZone(zone: string | undefined | null): zone is string {
  if (!zone) return false;
  // Checking builds an Intl.DateTimeFormat; this runs per slot, so remember the answer.
  let valid = zoneValidity.get(zone);
  if (valid === undefined) {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: zone }).format(0);
      valid = true;
    } catch {
      valid = false;
    }
    zoneValidity.set(zone, valid);
  }
  return valid;
}

/** The browser's zone, e.g. `Europe/Berlin`. */
export function browserZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

export function browserLocale(): string {
  return globalThis.navigator?.language || 'en-US';
}

/** The zone a visit is shown in: the override, else the clinic's for in-person, else the patient's. */
export function displayZone(item: { mode: VisitMode; timeZone: string }, settings: DisplaySettings): string {
  if (isValidZone(settings.override)) return settings.override;
  return item.mode === 'in-person' ? item.timeZone : settings.patientZone;
}

/** The other zone worth showing next to the display zone, if its clock reads differently. */
export function secondaryZone(
  instant: Instant,
  item: { mode: VisitMode; timeZone: string },
  settings: DisplaySettings,
): string | undefined {
  const shown = displayZone(item, settings);
  // Under an override, the visit's own zone is the one worth adding; otherwise the other party's.
  const natural = item.mode === 'in-person' ? item.timeZone : settings.patientZone;
  const other = shown !== natural ? natural : item.mode === 'in-person' ? settings.patientZone : item.timeZone;
  if (other === shown) return undefined;
  return zoneOffset(instant, other) === zoneOffset(instant, shown) ? undefined : other;
}

/** "UTC-06:00" / "UTC+05:30": a zone known only by its offset (see offsetZoneFromInstant in ./zoned.ts). */
const FIXED_OFFSET = /^(?:UTC|GMT)?([+-])(\d{1,2})(?::?(\d{2}))?$/;

/** An IANA zone the browser knows, or a zone known only by its offset ("UTC-06:00"). */
export function isKnownZone(zone: string | undefined | null): zone is string {
  return isValidZone(zone) || (!!zone && fixedOffset(zone) !== undefined);
}

function fixedOffset(zone: string): number | undefined {
  if (zone === 'UTC' || zone === 'GMT' || zone === 'Z') return 0;
  const match = FIXED_OFFSET.exec(zone);
  if (!match) return undefined;
  return (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3] ?? 0));
}

const DAY_MS = 86_400_000;
const WEEK_MS = 7 * DAY_MS;
const MINUTE_MS = 60_000;

/** What one zone's offsets need, found once: its wall-clock formatter and its offsets by UTC week and day. */
interface ZoneOffsets {
  /** A fixed-offset zone's offset ("UTC-06:00"), else undefined. */
  fixed: number | undefined;
  format?: Intl.DateTimeFormat;
  /** Offsets computed from the formatter, by UTC minute. */
  minutes: Map<number, number>;
  /** By UTC week number: the week's one offset, or null where a change falls inside. */
  weeks: Map<number, number | null>;
  /** By UTC day number, in weeks with a change: the day's one offset, or [before, change instant, after]. */
  days: Map<number, number | [number, number, number]>;
  /** The week of the last lookup and its offset: most lookups fall in the week of the one before. */
  week: number;
  weekOffset: number | null;
}

const zones = new Map<string, ZoneOffsets>();

function zoneOffsets(zone: string): ZoneOffsets {
  let data = zones.get(zone);
  if (!data) {
    data = {
      fixed: fixedOffset(zone),
      minutes: new Map(),
      weeks: new Map(),
      days: new Map(),
      week: NaN,
      weekOffset: null,
    };
    zones.set(zone, data);
  }
  return data;
}

/**
 * Minutes east of UTC in a zone at an instant (ms), e.g. -300 for New York in winter. Nearly every week has
 * one offset throughout (the same at both ends: no zone changes its offset twice within a week; Ramadan
 * pauses, the closest, last about a month), so one answer serves all its instants. In a week with a change,
 * each day is looked at once, and the day of the change has its minute found by bisection: changes fall on
 * whole minutes, not always on quarter hours (St. John's changed at 00:01 until 2011).
 */
function offsetAt(ms: number, zone: string): number {
  const data = zoneOffsets(zone);
  if (data.fixed !== undefined) return data.fixed;
  const week = Math.floor(ms / WEEK_MS);
  if (week !== data.week) {
    let whole = data.weeks.get(week);
    if (whole === undefined) {
      const start = computedOffset(data, zone, week * WEEK_MS);
      whole = start === computedOffset(data, zone, (week + 1) * WEEK_MS) ? start : null;
      data.weeks.set(week, whole);
    }
    data.week = week;
    data.weekOffset = whole;
  }
  if (data.weekOffset !== null) return data.weekOffset;
  const day = Math.floor(ms / DAY_MS);
  let offsets = data.days.get(day);
  if (offsets === undefined) data.days.set(day, (offsets = dayOffsets(data, zone, day)));
  return typeof offsets === 'number' ? offsets : ms < offsets[1] ? offsets[0] : offsets[2];
}

/** A zone's offset changes from one instant (ms) to another, in order, each with the offsets either side. */
export function offsetChanges(zone: string, from: number, to: number): { at: number; before: number; after: number }[] {
  const data = zoneOffsets(zone);
  const changes: { at: number; before: number; after: number }[] = [];
  if (data.fixed !== undefined) return changes;
  for (let week = Math.floor(from / WEEK_MS); week * WEEK_MS < to; week++) {
    // A week with one offset throughout has no change; one with a change is looked at day by day.
    offsetAt(week * WEEK_MS, zone);
    if (data.weekOffset !== null) continue;
    for (let day = week * 7; day < week * 7 + 7; day++) {
      let offsets = data.days.get(day);
      if (offsets === undefined) data.days.set(day, (offsets = dayOffsets(data, zone, day)));
      if (typeof offsets !== 'number' && offsets[1] >= from && offsets[1] < to)
        changes.push({ at: offsets[1], before: offsets[0], after: offsets[2] });
    }
  }
  return changes;
}

/** A day's one offset, or the offsets before and after its change with the instant of the change. */
function dayOffsets(data: ZoneOffsets, zone: string, day: number): number | [number, number, number] {
  const start = day * DAY_MS;
  const before = computedOffset(data, zone, start);
  const after = computedOffset(data, zone, start + DAY_MS);
  if (before === after) return before;
  // The first minute of the day whose offset is no longer the day's first.
  let low = 0;
  let high = 1440;
  while (high - low > 1) {
    const middle = (low + high) >> 1;
    if (computedOffset(data, zone, start + middle * MINUTE_MS) === before) low = middle;
    else high = middle;
  }
  return [before, start + high * MINUTE_MS, after];
}

/** The offset at an instant from the zone's wall clock, once per minute. */
function computedOffset(data: ZoneOffsets, zone: string, ms: number): number {
  const minute = Math.floor(ms / MINUTE_MS);
  let offset = data.minutes.get(minute);
  if (offset === undefined) {
    data.format ??= new Intl.DateTimeFormat('en-US', { ...WALL_CLOCK, timeZone: zone });
    const parts: Record<string, number> = {};
    for (const part of data.format.formatToParts(ms)) {
      if (part.type !== 'literal') parts[part.type] = Number(part.value);
    }
    const wall = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour % 24, parts.minute, parts.second);
    offset = Math.round((wall - (ms - (((ms % 1000) + 1000) % 1000))) / MINUTE_MS);
    data.minutes.set(minute, offset);
  }
  return offset;
}

const WALL_CLOCK: Intl.DateTimeFormatOptions = {
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
  second: 'numeric',
  hourCycle: 'h23',
};

/** Minutes east of UTC in a zone at a moment (ms), e.g. -300 for New York in January. */
export function zoneOffsetAt(ms: number, zone: string): number {
  return offsetAt(ms, zone);
}

function zoneOffset(instant: Instant, zone: string): number {
  return offsetAt(Date.parse(instant), zone);
}

/** The UTC calendar date of a millisecond count, `YYYY-MM-DD`. */
function utcDate(ms: number): LocalDate {
  // Days to a civil date (H. Hinnant's algorithm): runs per slot, and toISOString allocates a Date and a string.
  const z = Math.floor(ms / 86_400_000) + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  if (year < 0 || year > 9999) return new Date(ms).toISOString().slice(0, 10);
  return `${year < 1000 ? String(year).padStart(4, '0') : year}-${month < 10 ? '0' : ''}${month}-${day < 10 ? '0' : ''}${day}`;
}

/** Local date of an instant in a zone. */
export function localDate(instant: Instant, zone: string): LocalDate {
  const ms = Date.parse(instant);
  return Number.isNaN(ms) ? '' : utcDate(ms + offsetAt(ms, zone) * 60_000);
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/**
 * One Intl.DateTimeFormat per locale, zone and options. Building one costs far more than using it, and a
 * week of slots formats hundreds of times with the same few.
 */
function formatter(locale: string, options: Intl.DateTimeFormatOptions, timeZone?: string): Intl.DateTimeFormat {
  const key = `${locale}|${timeZone}|${JSON.stringify(options)}`;
  let format = formatters.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, timeZone ? { ...options, timeZone } : options);
    formatters.set(key, format);
  }
  return format;
}

/** "9:00 AM" / "09:00" in the zone, following the locale unless an hour cycle is forced. */
export function formatTime(instant: Instant, zone: string, locale: string, hourCycle?: HourCycle): string {
  const timeZone = intlZone(instant, zone);
  // Every time button calls this: a flat key instead of the general one.
  const key = `${locale}|${timeZone}|${hourCycle}`;
  let format = timeFormats.get(key);
  if (!format) {
    const options: Intl.DateTimeFormatOptions = { hour: 'numeric', minute: '2-digit', timeZone };
    if (hourCycle) options.hourCycle = hourCycle;
    timeFormats.set(key, (format = formatter(locale, options)));
  }
  return format.format(Date.parse(instant));
}
const timeFormats = new Map<string, Intl.DateTimeFormat>();

/** Zone names by zone, locale, offset and year: a name changes with the offset, not between slots. */
const zoneNames = new Map<string, string>();

/** Short zone name at that instant: "PST", "GMT+5:30". */
export function zoneName(instant: Instant, zone: string, locale: string): string {
  const ms = Date.parse(instant);
  const key = `${zone}|${locale}|${offsetAt(ms, zone)}|${Math.floor(ms / (365.25 * DAY_MS))}`;
  let name = zoneNames.get(key);
  if (name === undefined) {
    const parts = formatter(locale, { timeZone: intlZone(instant, zone), timeZoneName: 'short' }).formatToParts(ms);
    name = parts.find((part) => part.type === 'timeZoneName')?.value ?? zone;
    zoneNames.set(key, name);
  }
  return name;
}

/** Intl knows IANA names; a fixed offset ("UTC-06:00", from an instant's offset) goes as "+hh:mm"/"-hh:mm". */
function intlZone(instant: Instant, zone: string): string {
  if (isValidZone(zone)) return zone;
  const offset = zoneOffset(instant, zone);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/** "Monday, March 9, 2026" for a local date. */
export function formatDate(date: LocalDate, locale: string, style: 'long' | 'short' = 'long'): string {
  const options: Intl.DateTimeFormatOptions =
    style === 'long'
      ? { weekday: 'long', year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' }
      : { weekday: 'short', month: 'short', day: 'numeric', timeZone: 'UTC' };
  return formatter(locale, options).format(Date.parse(`${date}T00:00:00Z`));
}

/** Today's local date in a zone at the given moment. */
export function today(zone: string, now: Date): LocalDate {
  const ms = now.getTime();
  return utcDate(ms + offsetAt(ms, zone) * 60_000);
}

/** A local date plus n calendar days. */
export function addDays(date: LocalDate, days: number): LocalDate {
  const ms = Date.parse(`${date}T00:00:00Z`);
  return Number.isNaN(ms) ? date : utcDate(ms + days * 86_400_000);
}

export function isLocalDate(value: string | null | undefined): value is LocalDate {
  // A real calendar date: 2026-02-30 reads back as another day.
  return !!value && /^\d{4}-\d{2}-\d{2}$/.test(value) && addDays(value, 0) === value;
}

/**
 * The instants to ask a backend for so that every slot whose local date (in any zone, UTC-12 to UTC+14)
 * falls within `days` days from `start` is included. Callers then keep what falls on the wanted dates.
 */
export function queryWindow(start: LocalDate, days: number): { start: Instant; end: Instant } {
  const first = Date.parse(`${start}T00:00:00Z`);
  return {
    start: new Date(first - 14 * 3_600_000).toISOString(),
    end: new Date(first + days * 86_400_000 + 12 * 3_600_000).toISOString(),
  };
}

/**
 * The instant (ms) of a wall-clock time on a local date in a zone: `minutes` from midnight, 24:00 being the
 * next midnight. A time that DST skips (02:30 on a spring-forward night) is read with the offset before the
 * change, so it lands an hour later on the clock, as Luxon does.
 */
export function wallTimeToInstant(date: LocalDate, minutes: number, zone: string): number {
  const wall = Date.parse(`${date}T00:00:00Z`) + minutes * 60_000;
  const guess = wall - offsetAt(wall, zone) * 60_000;
  // Offsets change at most once within hours: the offsets around the guess give every reading of that wall
  // time. A time the clock shows twice (fall back) is its first showing; one it skips (spring forward) is
  // read with the offset before the change.
  const before = offsetAt(guess - 6 * 3_600_000, zone);
  const after = offsetAt(guess + 6 * 3_600_000, zone);
  // No change within six hours either side (nearly always): that one offset reads the wall time (the guess
  // itself may have used the offset of the wall time read as UTC, hours away).
  if (before === after && offsetAt(guess, zone) === before) return wall - before * 60_000;
  const near = new Set([before, offsetAt(guess, zone), after]);
  const reads = [...near].map((o) => wall - o * 60_000).filter((ms) => ms + offsetAt(ms, zone) * 60_000 === wall);
  return reads.length ? Math.min(...reads) : wall - before * 60_000;
}

/** Start instant of a local date in a zone (the first instant of that day, DST-aware). */
export function startOfLocalDay(date: LocalDate, zone: string): Instant {
  const midnight = Date.parse(`${date}T00:00:00Z`);
  // Local midnight is UTC midnight minus the offset, but the offset may change that night: try the offset
  // before and after, and take the earliest instant that falls on that date (a midnight that DST skips
  // starts the day at 01:00).
  const first = midnight - offsetAt(midnight, zone) * 60_000;
  const second = midnight - offsetAt(first, zone) * 60_000;
  const onDate = [first, second].filter((ms) => utcDate(ms + offsetAt(ms, zone) * 60_000) === date);
  return new Date(onDate.length ? Math.min(...onDate) : Math.max(first, second)).toISOString();
}

export interface DayGroup<T> {
  date: LocalDate;
  items: T[];
}

/**
 * Groups items by the local date of their start in each item's display zone, days ascending and items
 * by start instant within a day. Items outside [from, to) local dates are dropped when bounds are given.
 */
export function groupByLocalDate<T extends { start: Instant }>(
  items: readonly T[],
  zoneOf: (item: T) => string,
  bounds?: { from: LocalDate; to: LocalDate },
): DayGroup<T>[] {
  const byDate = new Map<LocalDate, T[]>();
  for (const item of items) {
    const date = localDate(item.start, zoneOf(item));
    if (bounds && (date < bounds.from || date >= bounds.to)) continue;
    const list = byDate.get(date);
    if (list) list.push(item);
    else byDate.set(date, [item]);
  }
  return [...byDate.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([date, list]) => ({ date, items: list.sort((a, b) => Date.parse(a.start) - Date.parse(b.start)) }));
}

// ------------------------------------------------------------------ calendar dates

/** A local date as UTC midnight in ms (calendar arithmetic without zones). */
function dateMs(date: LocalDate): number {
  return Date.parse(`${date}T00:00:00Z`);
}

/** The first day of the date's month. */
export function monthOf(date: LocalDate): LocalDate {
  return `${date.slice(0, 7)}-01`;
}

/** Number of days in the date's month. */
export function daysInMonth(date: LocalDate): number {
  const d = new Date(dateMs(date));
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
}

/** A local date plus n months, on the same day number or the month's last day (Jan 31 + 1 → Feb 28). */
export function addMonths(date: LocalDate, months: number): LocalDate {
  const d = new Date(dateMs(date));
  const first = utcDate(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1));
  return `${first.slice(0, 8)}${String(Math.min(d.getUTCDate(), daysInMonth(first))).padStart(2, '0')}`;
}

/** ISO weekday of a local date: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: LocalDate): number {
  return new Date(dateMs(date)).getUTCDay() || 7;
}

/** The first day of the week that holds the date, for weeks starting on `firstDay` (ISO weekday). */
export function startOfWeek(date: LocalDate, firstDay: number): LocalDate {
  return addDays(date, -((isoWeekday(date) - firstDay + 7) % 7));
}

/** The earlier or later bound when a date falls outside [min, max]. */
export function clampDate(date: LocalDate, min: LocalDate, max: LocalDate): LocalDate {
  return date < min ? min : date > max ? max : date;
}

/** Calendar text of a local date with any Intl options ("March 2026", "Tue", "3"). */
export function formatLocalDate(date: LocalDate, locale: string, options: Intl.DateTimeFormatOptions): string {
  return formatter(locale, { ...options, timeZone: 'UTC' }).format(dateMs(date));
}

interface WeekInfo {
  firstDay: number;
}

const weekStarts = new Map<string, number>();

/** ISO weekday the locale's weeks start on (Monday for most, Sunday for e.g. en-US). */
export function firstDayOfWeek(locale: string): number {
  let day = weekStarts.get(locale);
  if (day === undefined) weekStarts.set(locale, (day = readFirstDay(locale)));
  return day;
}

function readFirstDay(locale: string): number {
  try {
    const tag = new Intl.Locale(locale) as Intl.Locale & { getWeekInfo?: () => WeekInfo; weekInfo?: WeekInfo };
    const info = tag.getWeekInfo?.() ?? tag.weekInfo;
    if (info?.firstDay) return info.firstDay;
    const region = tag.maximize().region ?? '';
    return ['US', 'CA', 'MX', 'BR', 'JP', 'KR', 'IL', 'PH', 'TW', 'HK', 'IN', 'ZA'].includes(region) ? 7 : 1;
  } catch {
    return 1;
  }
}
