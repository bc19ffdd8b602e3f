import type { Instant } from './model.js';
import { browserZone, isKnownZone, isLocalDate, wallTimeToInstant, zoneOffsetAt } from './time.js';

/*
 * Reading and writing vendors' times: ISO-8601 strings with any offset, wall-clock times without one, zones
 * known only by an offset. The browser's own zone data (Intl, through ./time.ts) answers every question, so
 * no date library travels with the adapters. Only adapters import this module.
 */

/** ISO-8601 date-time, extended or basic: date, optional time with fractions, optional offset (`Z`, `±hh`, `±hh:mm`, `±hhmm`). */
const ISO =
  /^(\d{4})-?(\d{2})-?(\d{2})(?:[T ](\d{2})(?::?(\d{2})(?::?(\d{2})(?:[.,](\d{1,9}))?)?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

interface Parsed {
  date: string;
  /** Milliseconds after the local midnight. */
  ms: number;
  /** Minutes east of UTC, where the text gives an offset. */
  offset?: number;
}

function parse(value: string): Parsed | undefined {
  const m = ISO.exec(value.trim());
  if (!m) return undefined;
  const [, y, mo, d, h = '0', mi = '0', s = '0', frac = '', off] = m;
  const date = `${y}-${mo}-${d}`;
  const [hours, minutes, seconds] = [Number(h), Number(mi), Number(s)];
  // A real calendar date and clock time (24:00 only as the end of a day).
  if (!isLocalDate(date)) return undefined;
  if (minutes > 59 || seconds > 59 || hours > 24 || (hours === 24 && (minutes || seconds || Number(frac))))
    return undefined;
  const ms = ((hours * 60 + minutes) * 60 + seconds) * 1000 + Math.floor(Number(`0.${frac || '0'}`) * 1000);
  let offset: number | undefined;
  if (off) {
    if (off.toUpperCase() === 'Z') offset = 0;
    else {
      const digits = off.slice(1).replace(':', '');
      const abs = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || '0');
      if (Number(digits.slice(2) || '0') > 59 || abs > 18 * 60) return undefined;
      offset = (off[0] === '-' ? -1 : 1) * abs;
    }
  }
  return { date, ms, offset };
}

/** The instant of a parsed time: by its offset, else as a wall-clock time in the zone. */
function instantOf(parsed: Parsed, zone: string): number {
  if (parsed.offset !== undefined) return Date.parse(`${parsed.date}T00:00:00Z`) + parsed.ms - parsed.offset * 60_000;
  const minutes = Math.floor(parsed.ms / 60_000);
  return wallTimeToInstant(parsed.date, minutes, zone) + (parsed.ms - minutes * 60_000);
}

/** Normalises any ISO instant with an offset to the domain's UTC form; undefined when unreadable. */
export function toUtcInstant(value: string | null | undefined): Instant | undefined {
  if (!value) return undefined;
  const parsed = parse(value);
  // Without an offset the text is read in the browser's zone (what a vendor's "local" string means there).
  return parsed && new Date(instantOf(parsed, browserZone())).toISOString();
}

/** A wall-clock time without offset read in a zone ("2017-06-13T10:01:37" in America/Los_Angeles). */
export function localToUtc(local: string, zone: string): Instant | undefined {
  const parsed = parse(local);
  if (!parsed || !isKnownZone(zone)) return undefined;
  return new Date(instantOf(parsed, zone)).toISOString();
}

/** "+05:30" / "-06:00" for minutes east of UTC. */
function offsetText(minutes: number): string {
  const abs = Math.abs(minutes);
  return `${minutes < 0 ? '-' : '+'}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/** The zone of an instant's text for zones only known by offset: `UTC`, `UTC+05:30`; the browser's without one. */
export function offsetZoneFromInstant(value: string): string | undefined {
  const parsed = parse(value);
  if (!parsed) return undefined;
  if (parsed.offset === undefined) return browserZone();
  return parsed.offset === 0 ? 'UTC' : `UTC${offsetText(parsed.offset)}`;
}

/** The wall-clock time of a moment (ms) in a zone, without offset: `2019-03-14T17:48:00`. */
export function wallClock(ms: number, zone: string): string {
  return new Date(ms + zoneOffsetAt(ms, zone) * 60_000).toISOString().slice(0, 19);
}

/** A moment (ms) as ISO-8601 local time with the zone's offset, to the second: `2026-03-02T10:00:00-05:00`. */
export function isoWithOffset(ms: number, zone: string): string {
  const offset = zoneOffsetAt(ms, zone);
  return `${wallClock(ms, zone)}${offset === 0 && zone === 'UTC' ? 'Z' : offsetText(offset)}`;
}
