import { DateTime } from 'luxon';
import type { Instant } from './model.js';

/*
 * Reading vendors' times: ISO strings with any offset, wall-clock times without one, zones known only by an
 * offset. Luxon parses them; only adapters import this module, so Luxon travels in the lazy adapter chunks,
 * never in the script-tag bundle (display is Intl's job, in ./time.ts).
 */

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
