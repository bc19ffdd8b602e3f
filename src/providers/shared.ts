import { BookingError } from '../core/errors.js';
import type { TimeZoneSource } from '../core/model.js';
import { browserZone, isValidZone } from '../core/time.js';

/**
 * Small helpers that several adapters need the same way: reading loose JSON and options, naming a bad
 * option or an unreadable answer, the clinic zone from the zone options, the bookable slot window and the
 * appointment-list window. Vendor knowledge stays in each adapter. Only adapters import this module (never
 * the elements): the build compiles what each adapter uses into its lazy chunk (vite.config.ts), so it adds
 * nothing to the script-tag bundle.
 */

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A string that is not empty, as it is. */
export function nonEmpty(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** A string with something besides white space, trimmed. */
export function trimmed(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/** A wrong option: a `validation` error that names the backend, e.g. `canvas: durationMinutes must be …`. */
export function optionError(backend: string, message: string): BookingError {
  return new BookingError('validation', `${backend}: ${message}`);
}

/** An answer careslot cannot read: "`<who>` sent `<what>` careslot could not read." */
export function malformedAnswer(who: string, what: string): BookingError {
  return new BookingError('malformed-response', `${who} sent ${what} careslot could not read.`);
}

/** Refuses a zone option Luxon does not know: "`<backend>`: `<label>` is not an IANA time zone." */
export function checkZone(backend: string, zone: unknown, label: string): void {
  if (!isValidZone(zone as string | undefined)) throw optionError(backend, `${label} is not an IANA time zone.`);
}

/** Checks an optional map of key → IANA zone option (`locationTimeZones` and the like). */
export function checkZoneMap(backend: string, map: unknown, name: string, keys = 'id'): void {
  if (map === undefined) return;
  if (!isRecord(map)) throw optionError(backend, `${name} must be an object of ${keys} → IANA zone.`);
  for (const [key, zone] of Object.entries(map)) checkZone(backend, zone, `${name}["${key}"]`);
}

export interface ZoneChoice {
  timeZone: string;
  timeZoneSource: TimeZoneSource;
}

/** The browser's zone, flagged as a guess (`default`). */
export function browserGuess(): ZoneChoice {
  return { timeZone: browserZone(), timeZoneSource: 'default' };
}

/**
 * The clinic's zone from the zone options: the first candidate that is an IANA zone (e.g.
 * `locationTimeZones[id]`, then `defaultTimeZone`) with source `config`, else `fallback()` (the browser's zone).
 */
export function configuredZone(candidates: readonly unknown[], fallback: () => ZoneChoice = browserGuess): ZoneChoice {
  const zone = candidates.find((candidate): candidate is string => isValidZone(candidate as string | undefined));
  return zone ? { timeZone: zone, timeZoneSource: 'config' } : fallback();
}

/** The bookable part of a slot query, in ms: from the later of its start and the clock, to its end. */
export function bookableWindow(query: { start: string; end: string }, now: Date): { from: number; to: number } {
  return { from: Math.max(Date.parse(query.start), now.getTime()), to: Date.parse(query.end) };
}

/** Whether a slot starts inside a bookable window: at or after `from`, before `to`. */
export function startsWithin(slot: { start: string }, from: number, to: number): boolean {
  const start = Date.parse(slot.start);
  return start >= from && start < to;
}

/** Whether an appointment overlaps the list query's `from`/`to` (either may be missing). */
export function inListWindow(
  appointment: { start: string; end: string },
  query: { from?: string; to?: string },
): boolean {
  return (!query.from || appointment.end >= query.from) && (!query.to || appointment.start < query.to);
}

/** Sort order of slots and appointments: earliest start first. */
export function byStart(a: { start: string }, b: { start: string }): number {
  return Date.parse(a.start) - Date.parse(b.start);
}

/** Waits for a shared promise but gives up when this caller's signal aborts (the shared work goes on). */
export function withSignal<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  signal.throwIfAborted();
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
