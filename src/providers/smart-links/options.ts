import type { BookingError } from '../../core/errors.js';
import { checkZone, checkZoneMap, horizonOption, optionError } from '../shared.js';

/**
 * Options of the `smart-links` backend (SMART Scheduling Links slot publishers). See
 * docs/backends/smart-links.md. `base-url` is the `$bulk-publish` manifest URL, or the folder that holds it.
 */
export interface SmartLinksOptions {
  /** `source` appended to every booking deep link: who referred the patient. Default `careslot`. */
  source?: string;
  /** `booking-referral` appended to deep links. Default: one random UUID per provider instance (session). */
  bookingReferral?: string | ((slot: { id: string }) => string);
  /** IANA zone per Location id. */
  locationTimeZones?: Record<string, string>;
  /** IANA zone per US state code (`MA`), for locations without an entry in `locationTimeZones`. */
  stateTimeZones?: Record<string, string>;
  /** Zone of a location found in neither map. Default: the browser's zone (flagged as a guess). */
  defaultTimeZone?: string;
  /** Only read manifest files whose `extension.state` lists one of these states (files without it are always read). */
  states?: string[];
  /** How long to keep the data when the publisher sends no `Cache-Control: max-age`, in seconds. Default 60. */
  defaultMaxAgeSeconds?: number;
  /** Per-request time limit in ms (the whole file download). Default 15000. */
  timeoutMs?: number;
  /** A phone number shown where a slot carries none. */
  phone?: string;
  /** How many days ahead the publisher offers times (the elements offer no later days). Default: not said. */
  horizonDays?: number;
}

/** A wrong option or setting: a `validation` error that names the backend. */
export function invalid(message: string): BookingError {
  return optionError('smart-links', message);
}

/** Checks the zone and state options; a wrong one is a `validation` error naming it. */
export function readOptions(raw: Record<string, unknown>): SmartLinksOptions {
  const options = raw as SmartLinksOptions;
  for (const key of ['locationTimeZones', 'stateTimeZones'] as const) checkZoneMap('smart-links', options[key], key);
  if (options.defaultTimeZone !== undefined) checkZone('smart-links', options.defaultTimeZone, 'defaultTimeZone');
  if (options.states !== undefined && !Array.isArray(options.states))
    throw invalid('states must be a list of state codes.');
  horizonOption('smart-links', options.horizonDays);
  return options;
}

/** The manifest URL: base-url itself when it ends in `$bulk-publish`, else `<base-url>/$bulk-publish`. */
export function manifestUrl(baseUrl: string): string {
  const base = new URL(baseUrl, globalThis.location?.href);
  if (/\$bulk-publish$/.test(decodeURIComponent(base.pathname))) return base.href;
  base.search = '';
  base.hash = '';
  if (!base.pathname.endsWith('/')) base.pathname += '/';
  return new URL('$bulk-publish', base).href;
}
