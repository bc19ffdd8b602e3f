import { BookingError } from '../core/errors.js';
import type { Appointment, BookingResult, Slot, TimeZoneSource } from '../core/model.js';
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

/** Refuses a zone option the browser does not know: "`<backend>`: `<label>` is not an IANA time zone." */
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

/**
 * What `load()` gives, loaded once per `key` and shared by every caller (an adapter's lists: one request per
 * list, not one per element). A failure, an abort too, is not kept: the next call loads again.
 */
export function once<T>(cache: Map<string, Promise<T>>, key: string, load: () => Promise<T>): Promise<T> {
  const known = cache.get(key);
  if (known) return known;
  const pending = load();
  cache.set(key, pending);
  pending.catch(() => cache.get(key) === pending && cache.delete(key));
  return pending;
}

/**
 * The ids some items (a clinician's schedules) name, each once, or undefined when one of them does not say (a
 * schedule without a place may be anywhere): a relation the backend does not give must rule nothing out.
 */
export function relatedIds<T>(
  items: readonly T[],
  ids: (item: T) => readonly string[] | undefined,
): string[] | undefined {
  const out = new Set<string>();
  for (const item of items) {
    const named = ids(item);
    if (!named) return undefined;
    for (const id of named) out.add(id);
  }
  return [...out];
}

/** The `horizonDays` option (how many days ahead the clinic books): a positive number, else a `validation` error. */
export function horizonOption(backend: string, value: unknown): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'number' && value > 0) return value;
  throw optionError(backend, 'horizonDays must be a positive number of days.');
}

/** One day in milliseconds (a UTC day: for local days use the time helpers in src/core/time.ts). */
export const DAY_MS = 86_400_000;

/** Resolves after `ms`, or rejects with the signal's reason as soon as it aborts (injected latency, polling). */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  signal?.throwIfAborted();
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Bookings by idempotency key: a repeated click or a retry with the same key gets the first result back
 * instead of booking twice. Each caller gets its own copy of the appointment.
 */
export class BookingsByKey {
  private readonly results = new Map<string, BookingResult>();

  /** The result booked earlier under this key, or undefined. */
  get(key: string): BookingResult | undefined {
    const result = this.results.get(key);
    return result?.kind === 'booked' ? { ...result, appointment: { ...result.appointment } } : result;
  }

  /** Keeps a successful result under its key and returns it. */
  remember(key: string, result: BookingResult): BookingResult {
    this.results.set(key, result);
    return this.get(key)!;
  }
}

/**
 * A new appointment for a slot: its time, zone, mode, practitioner, location and service, booked and
 * cancellable unless `fields` say otherwise.
 */
export function appointmentFromSlot(slot: Slot, fields: Pick<Appointment, 'id'> & Partial<Appointment>): Appointment {
  return {
    status: 'booked',
    start: slot.start,
    end: slot.end,
    timeZone: slot.timeZone,
    timeZoneSource: slot.timeZoneSource,
    mode: slot.mode,
    practitioner: slot.practitioner,
    location: slot.location,
    service: slot.service,
    canConfirm: false,
    cancel: 'direct',
    ...fields,
  };
}
