import type { ProviderOptions } from '../../core/provider.js';
import { isValidZone } from '../../core/time.js';
import { isRecord, optionError } from '../shared.js';

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
  /** How many days ahead the clinic books (the elements offer no later days). Default: not said. */
  horizonDays?: number;
  /** How long a `$hold` lasts, in minutes, for a server whose answer does not say. Default: not said. */
  holdMinutes?: number;
}

export interface ResolvedFhirOptions {
  token: string | FhirTokenGetter | undefined;
  timeoutMs: number;
  locationTimeZones: Record<string, string>;
  defaultTimeZone?: string;
  patientReference: string;
  operations: Choice;
  include: Choice;
  pageSize: number;
  maxPages: number;
  historyDays: number;
  identifierSystem: string;
  headers: Record<string, string>;
  phone?: string;
  horizonDays?: number;
  holdMinutes?: number;
}

type Choice = 'auto' | 'always' | 'never';

/** The number options and their defaults (`horizonDays`, `holdMinutes`: none); each must be positive. */
const NUMBERS: Record<string, number | undefined> = {
  timeoutMs: 15_000,
  pageSize: 100,
  maxPages: 20,
  historyDays: 365,
  horizonDays: undefined,
  holdMinutes: undefined,
};

/**
 * Reads and checks the options; a wrong option is a `validation` error naming it (`fhir: the option "pageSize"
 * must be a positive number.`).
 */
export function readOptions(raw: ProviderOptions): ResolvedFhirOptions {
  const fail = (name: string, what: string) => optionError('fhir', `the option "${name}" must be ${what}.`);
  const token = raw.getToken ?? raw.token;
  const { patientReference = 'Patient/{id}', identifierSystem = 'urn:careslot:booking', phone } = raw;
  if (token !== undefined && typeof token !== 'function' && typeof token !== 'string')
    throw fail('getToken', 'a function');
  if (raw.defaultTimeZone !== undefined && !isValidZone(raw.defaultTimeZone as string))
    throw fail('defaultTimeZone', 'an IANA zone');
  if (typeof patientReference !== 'string' || !patientReference.includes('{id}'))
    throw fail('patientReference', 'a template containing {id}');
  if (typeof identifierSystem !== 'string' || !identifierSystem) throw fail('identifierSystem', 'a URI');
  const out: Record<string, unknown> = {
    token,
    defaultTimeZone: raw.defaultTimeZone,
    patientReference,
    identifierSystem,
    phone: typeof phone === 'string' ? phone : undefined,
  };
  for (const [name, fallback] of Object.entries(NUMBERS)) {
    const value = raw[name] ?? fallback;
    if (value !== undefined && !(typeof value === 'number' && value > 0 && value < Infinity))
      throw fail(name, 'a positive number');
    out[name] = value && Math.floor(value);
  }
  for (const name of ['operations', 'include']) {
    const value = raw[name] ?? 'auto';
    if (typeof value === 'boolean') out[name] = value ? 'always' : 'never';
    else if (value === 'auto' || value === 'always' || value === 'never') out[name] = value;
    else throw fail(name, 'auto, always or never');
  }
  for (const name of ['locationTimeZones', 'headers']) {
    const value = raw[name] ?? {};
    if (!isRecord(value)) throw fail(name, 'an object of strings');
    for (const [key, entry] of Object.entries(value))
      if (name === 'headers' ? typeof entry !== 'string' : !isValidZone(entry as string))
        throw fail(`${name}.${key}`, name === 'headers' ? 'a string' : 'an IANA zone');
    out[name] = value;
  }
  return out as unknown as ResolvedFhirOptions;
}
