import { DateTime, IANAZone } from 'luxon';
import type { Instant, VisitMode } from './model.js';

/**
 * Time helpers: the only place that turns instants into local text. Everything takes plain values
 * (ISO strings, IANA names, locale tags) so callers never hold Luxon objects.
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
  // Luxon checks by building an Intl.DateTimeFormat each time; this runs per slot, so remember the answer.
  let valid = zoneValidity.get(zone);
  if (valid === undefined) {
    valid = IANAZone.isValidZone(zone);
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

function at(instant: Instant, zone: string): DateTime {
  // Date.parse reads the domain's UTC ISO strings far faster than Luxon's ISO parser; this runs per slot.
  return DateTime.fromMillis(Date.parse(instant), { zone });
}

function zoneOffset(instant: Instant, zone: string): number {
  return at(instant, zone).offset;
}

/** Local date of an instant in a zone. */
export function localDate(instant: Instant, zone: string): LocalDate {
  return at(instant, zone).toISODate() ?? '';
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/**
 * One Intl.DateTimeFormat per locale, zone and options. Building one costs far more than using it, and a
 * week of slots formats hundreds of times with the same few.
 */
function formatter(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let format = formatters.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, options);
    formatters.set(key, format);
  }
  return format;
}

/** "9:00 AM" / "09:00" in the zone, following the locale unless an hour cycle is forced. */
export function formatTime(instant: Instant, zone: string, locale: string, hourCycle?: HourCycle): string {
  const options: Intl.DateTimeFormatOptions = { hour: 'numeric', minute: '2-digit', timeZone: intlZone(instant, zone) };
  if (hourCycle) options.hourCycle = hourCycle;
  return formatter(locale, options).format(Date.parse(instant));
}

/** Short zone name at that instant: "PST", "GMT+5:30". */
export function zoneName(instant: Instant, zone: string, locale: string): string {
  const parts = formatter(locale, { timeZone: intlZone(instant, zone), timeZoneName: 'short' }).formatToParts(
    Date.parse(instant),
  );
  return parts.find((part) => part.type === 'timeZoneName')?.value ?? zone;
}

/** Intl knows IANA names; a fixed offset ("UTC-06:00", from an instant's offset) goes as "+hh:mm"/"-hh:mm". */
function intlZone(instant: Instant, zone: string): string {
  if (isValidZone(zone)) return zone;
  const offset = at(instant, zone).offset;
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
  return DateTime.fromJSDate(now).setZone(zone).toISODate() ?? '';
}

/** A local date plus n calendar days. */
export function addDays(date: LocalDate, days: number): LocalDate {
  return DateTime.fromISO(date, { zone: 'utc' }).plus({ days }).toISODate() ?? date;
}

export function isLocalDate(value: string | null | undefined): value is LocalDate {
  return !!value && /^\d{4}-\d{2}-\d{2}$/.test(value) && DateTime.fromISO(value).isValid;
}

/**
 * The instants to ask a backend for so that every slot whose local date (in any zone, UTC-12 to UTC+14)
 * falls within `days` days from `start` is included. Callers then keep what falls on the wanted dates.
 */
export function queryWindow(start: LocalDate, days: number): { start: Instant; end: Instant } {
  const first = DateTime.fromISO(start, { zone: 'utc' });
  return {
    start: first.minus({ hours: 14 }).toISO() ?? '',
    end: first.plus({ days, hours: 12 }).toISO() ?? '',
  };
}

/** Start instant of a local date in a zone (the first instant of that day, DST-aware). */
export function startOfLocalDay(date: LocalDate, zone: string): Instant {
  return DateTime.fromISO(date, { zone }).startOf('day').toUTC().toISO() ?? '';
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

/** Normalises any ISO instant with an offset to the domain's UTC form; undefined when unreadable. */
export function toUtcInstant(value: string | null | undefined): Instant | undefined {
  if (!value) return undefined;
  // SMART Scheduling Links' examples use a two-digit offset ("-05"); ISO-8601 allows it, Luxon wants "-05:00".
  const fixed = value.trim().replace(/([+-]\d{2})$/, '$1:00');
  const parsed = DateTime.fromISO(fixed, { setZone: true });
  return parsed.isValid ? (parsed.toUTC().toISO() ?? undefined) : undefined;
}

/** A wall-clock time without offset read in a zone ("2017-06-13T10:01:37" in America/Los_Angeles). */
export function localToUtc(local: string, zone: string): Instant | undefined {
  const parsed = DateTime.fromISO(local.trim(), { zone });
  return parsed.isValid ? (parsed.toUTC().toISO() ?? undefined) : undefined;
}

/** Offset of an instant's zone as "+05:30" style, for zones only known by offset. */
export function offsetZoneFromInstant(value: string): string | undefined {
  const parsed = DateTime.fromISO(value.trim().replace(/([+-]\d{2})$/, '$1:00'), { setZone: true });
  if (!parsed.isValid) return undefined;
  const zone = parsed.zone;
  return zone.isUniversal ? (zone.name === 'UTC' ? 'UTC' : `UTC${parsed.toFormat('ZZ')}`) : zone.name;
}
