import { BookingError } from '../../core/errors.js';
import type { ProviderOptions } from '../../core/provider.js';
import { isValidZone } from '../../core/time.js';

/** A bearer token getter; called with `refresh: true` once after a 401. */
export type FhirTokenGetter = (options: { refresh: boolean }) => string | Promise<string>;

/**
 * Options of the `fhir` backend (`<booking-provider>.options` or a JSON `<script>` child). All optional.
 * See docs/backends/fhir.md.
 */
export interface FhirOptions {
  /** Async bearer-token getter; called again with `{ refresh: true }` once after a 401. */
  getToken?: FhirTokenGetter;
  /** A fixed bearer token (when there is no getter). */
  token?: string;
  /** Time limit per HTTP call in ms. Default 15000. */
  timeoutMs?: number;
  /** IANA zone per Location id, for locations without the timezone extension. */
  locationTimeZones?: Record<string, string>;
  /** IANA zone for every location without the extension or an entry in `locationTimeZones`. */
  defaultTimeZone?: string;
  /** How the patient is referenced: a template with `{id}`. Default `Patient/{id}`. */
  patientReference?: string;
  /** Use `$hold`/`$book`: `auto` (when the CapabilityStatement offers them), `always` or `never`. Default `auto`. */
  operations?: 'auto' | 'always' | 'never';
  /** Resolve practitioners and locations with `_include`: `auto` (when the CapabilityStatement lists it), `always`, `never`. Default `auto`. */
  include?: 'auto' | 'always' | 'never';
  /** `_count` asked for per page. Default 100. */
  pageSize?: number;
  /** Most pages followed per search. Default 20. */
  maxPages?: number;
  /** How far back the appointment list reaches when the caller gives no start, in days. Default 365. */
  historyDays?: number;
  /**
   * System of the Appointment identifier (and of the Slot claim) that carries the idempotency key.
   * Default `urn:careslot:booking`.
   */
  identifierSystem?: string;
  /** Extra headers for every call (e.g. an API gateway key). */
  headers?: Record<string, string>;
  /** Phone number shown to patients where online booking is not possible. */
  phone?: string;
}

export interface ResolvedFhirOptions {
  token: string | FhirTokenGetter | undefined;
  timeoutMs: number;
  locationTimeZones: Record<string, string>;
  defaultTimeZone?: string;
  patientReference: string;
  operations: 'auto' | 'always' | 'never';
  include: 'auto' | 'always' | 'never';
  pageSize: number;
  maxPages: number;
  historyDays: number;
  identifierSystem: string;
  headers: Record<string, string>;
  phone?: string;
}

function positive(value: unknown, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw new BookingError('validation', `The fhir option "${name}" must be a positive number.`);
  }
  return value;
}

function choice<T extends string>(value: unknown, allowed: readonly T[], fallback: T, name: string): T {
  if (value === undefined) return fallback;
  if (typeof value === 'boolean') return (value ? allowed[1] : allowed[2]) ?? fallback;
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
  throw new BookingError('validation', `The fhir option "${name}" must be one of ${allowed.join(', ')}.`);
}

function stringRecord(value: unknown, name: string): Record<string, string> {
  if (value === undefined) return {};
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new BookingError('validation', `The fhir option "${name}" must be an object of strings.`);
  }
  const out: Record<string, string> = {};
  for (const [key, v] of Object.entries(value)) if (typeof v === 'string') out[key] = v;
  return out;
}

/** Reads and checks the options; a wrong option is a `validation` error naming it. */
export function readOptions(raw: ProviderOptions): ResolvedFhirOptions {
  const getToken = raw.getToken;
  if (getToken !== undefined && typeof getToken !== 'function') {
    throw new BookingError('validation', 'The fhir option "getToken" must be a function.');
  }
  if (raw.token !== undefined && typeof raw.token !== 'string') {
    throw new BookingError('validation', 'The fhir option "token" must be a string.');
  }
  const locationTimeZones = stringRecord(raw.locationTimeZones, 'locationTimeZones');
  for (const [id, zone] of Object.entries(locationTimeZones)) {
    if (!isValidZone(zone))
      throw new BookingError('validation', `The time zone "${zone}" for location ${id} is not an IANA zone.`);
  }
  const defaultTimeZone = raw.defaultTimeZone;
  if (defaultTimeZone !== undefined && (typeof defaultTimeZone !== 'string' || !isValidZone(defaultTimeZone))) {
    throw new BookingError(
      'validation',
      'The fhir option "defaultTimeZone" must be an IANA zone such as America/New_York.',
    );
  }
  const patientReference = raw.patientReference ?? 'Patient/{id}';
  if (typeof patientReference !== 'string' || !patientReference.includes('{id}')) {
    throw new BookingError('validation', 'The fhir option "patientReference" must be a template containing {id}.');
  }
  const identifierSystem = raw.identifierSystem ?? 'urn:careslot:booking';
  if (typeof identifierSystem !== 'string' || !identifierSystem) {
    throw new BookingError('validation', 'The fhir option "identifierSystem" must be a URI.');
  }
  return {
    token: (getToken as FhirTokenGetter | undefined) ?? (raw.token as string | undefined),
    timeoutMs: positive(raw.timeoutMs, 15_000, 'timeoutMs'),
    locationTimeZones,
    defaultTimeZone: defaultTimeZone as string | undefined,
    patientReference,
    operations: choice(raw.operations, ['auto', 'always', 'never'] as const, 'auto', 'operations'),
    include: choice(raw.include, ['auto', 'always', 'never'] as const, 'auto', 'include'),
    pageSize: Math.floor(positive(raw.pageSize, 100, 'pageSize')),
    maxPages: Math.floor(positive(raw.maxPages, 20, 'maxPages')),
    historyDays: positive(raw.historyDays, 365, 'historyDays'),
    identifierSystem,
    headers: stringRecord(raw.headers, 'headers'),
    phone: typeof raw.phone === 'string' ? raw.phone : undefined,
  };
}
