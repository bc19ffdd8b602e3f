import type { ProviderOptions } from '../../core/provider.js';
import { isValidZone } from '../../core/time.js';
import { trimmed as str } from '../shared.js';

/** An OAuth 2 access token (Medfusion's `accessToken`), or an async getter called again with `refresh: true` after a 401. */
export type MedfusionToken = string | ((options: { refresh: boolean }) => string | Promise<string>);

/**
 * Options of the `medfusion` backend. Medfusion's appointmentsdata API is a push API (the practice posts
 * appointments into the portal); careslot reads them from `listPath`, an AppointmentData XML feed the
 * practice serves (the contract server serves it as GET on the same resource). See docs/backends/medfusion.md.
 */
export interface MedfusionOptions {
  /** The practice integration id (`{PracticeID}` in the paths, `IntegrationPracticeId` in the XML). Required. */
  practiceId?: string;
  /** OAuth bearer token or getter. */
  getToken?: MedfusionToken;
  /** Schema/API version in paths and namespace. Default `v1`. */
  apiVersion?: string;
  /** AppointmentData feed (GET, `PatientId` query). Default `{version}/practice/{practiceId}/appointmentsdata`. */
  listPath?: string;
  /** Where changes are posted. Default `{version}/practice/{practiceId}/appointmentsdata`. */
  postPath?: string;
  /** Status URL when a 202 has no `Location`. Default `{version}/practice/{practiceId}/processingStatus/{messageId}`. */
  statusPath?: string;
  /** Root namespace. Default `http://schema.medfusion.com/appointmentsdata/{version}`. */
  namespace?: string;
  /** Content type of posted XML. Default `application/xml`. */
  contentType?: string;
  /** The practice's phone, shown where online booking is not offered. */
  phone?: string;
  /** The clinic's IANA zone (Medfusion's XML carries none). Default: the browser's zone. */
  timeZone?: string;
  /** Zone per `<Location>` value, for practices with sites in several zones. */
  locationTimeZones?: Record<string, string>;
  /**
   * How to read a `<Time>` without an offset (the seed's `2016-12-23T00:00:00`): `clinic` (default), the
   * practice's wall-clock time in its zone (`locationTimeZones`, else `timeZone`), which is what practice
   * systems send; or `utc`, for a practice whose system sends UTC without the `Z`.
   */
  naiveTimes?: 'utc' | 'clinic';
  /** Length of a visit (the XML has none). Default 30. */
  durationMinutes?: number;
  /** Lets the list cancel (posts Status=CANCEL). Only for practice-side apps holding the practice's token. Default false. */
  practiceCancel?: boolean;
  /** Status polling interval in ms. Default 1000. */
  pollIntervalMs?: number;
  /** Give up polling after this many ms and report the change as pending. Default 20000. */
  pollTimeoutMs?: number;
  /** `Sender` attributes. Defaults `careslot`, `careslot`, `1`. */
  vendorName?: string;
  deviceName?: string;
  deviceVersion?: string;
  /** Per-call time limit in ms. Default 15000. */
  timeoutMs?: number;
}

export const MEDFUSION_DEFAULTS = {
  baseUrl: 'https://integration.medfusion.net',
  apiVersion: 'v1',
  listPath: '{version}/practice/{practiceId}/appointmentsdata',
  postPath: '{version}/practice/{practiceId}/appointmentsdata',
  statusPath: '{version}/practice/{practiceId}/processingStatus/{messageId}',
  namespace: 'http://schema.medfusion.com/appointmentsdata/{version}',
  contentType: 'application/xml',
  naiveTimes: 'clinic',
  durationMinutes: 30,
  pollIntervalMs: 1000,
  pollTimeoutMs: 20_000,
} as const;

/** The options read, with their defaults filled in and the paths' placeholders replaced. */
export interface MedfusionSettings {
  practiceId?: string;
  version: string;
  listPath: string;
  postPath: string;
  statusPath: string;
  namespace: string;
  contentType: string;
  timeZone?: string;
  locationTimeZones: Record<string, string>;
  naiveTimes: 'utc' | 'clinic';
  durationMinutes: number;
  practiceCancel: boolean;
  pollIntervalMs: number;
  pollTimeoutMs: number;
  vendorName: string;
  deviceName: string;
  deviceVersion: string;
  phone?: string;
  token?: MedfusionToken;
  timeoutMs?: number;
}

function num(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : fallback;
}

/** Reads the options; a value of the wrong type gets its default (a missing practiceId is refused per call). */
export function readOptions(raw: ProviderOptions): MedfusionSettings {
  const version = str(raw.apiVersion) ?? MEDFUSION_DEFAULTS.apiVersion;
  const practiceId = str(raw.practiceId);
  const fill = (template: string) =>
    template.replace('{version}', version).replace('{practiceId}', encodeURIComponent(practiceId ?? ''));
  const zones: Record<string, string> = {};
  if (raw.locationTimeZones && typeof raw.locationTimeZones === 'object') {
    for (const [k, v] of Object.entries(raw.locationTimeZones as Record<string, unknown>))
      if (typeof v === 'string' && isValidZone(v)) zones[k] = v;
  }
  return {
    practiceId,
    version,
    listPath: fill(str(raw.listPath) ?? MEDFUSION_DEFAULTS.listPath),
    postPath: fill(str(raw.postPath) ?? MEDFUSION_DEFAULTS.postPath),
    statusPath: fill(str(raw.statusPath) ?? MEDFUSION_DEFAULTS.statusPath),
    namespace: fill(str(raw.namespace) ?? MEDFUSION_DEFAULTS.namespace),
    contentType: str(raw.contentType) ?? MEDFUSION_DEFAULTS.contentType,
    timeZone: isValidZone(str(raw.timeZone)) ? str(raw.timeZone) : undefined,
    locationTimeZones: zones,
    naiveTimes: raw.naiveTimes === 'utc' ? 'utc' : 'clinic',
    durationMinutes: num(raw.durationMinutes, MEDFUSION_DEFAULTS.durationMinutes) || MEDFUSION_DEFAULTS.durationMinutes,
    practiceCancel: raw.practiceCancel === true,
    pollIntervalMs: num(raw.pollIntervalMs, MEDFUSION_DEFAULTS.pollIntervalMs),
    pollTimeoutMs: num(raw.pollTimeoutMs, MEDFUSION_DEFAULTS.pollTimeoutMs),
    vendorName: str(raw.vendorName) ?? 'careslot',
    deviceName: str(raw.deviceName) ?? 'careslot',
    deviceVersion: str(raw.deviceVersion) ?? '1',
    phone: str(raw.phone),
    token:
      typeof raw.getToken === 'string' || typeof raw.getToken === 'function'
        ? (raw.getToken as MedfusionToken)
        : undefined,
    timeoutMs: typeof raw.timeoutMs === 'number' && raw.timeoutMs > 0 ? raw.timeoutMs : undefined,
  };
}
