import { trimmed as str } from '../shared.js';

/** Hands the adapter the member's SSO session (the value of the `ssoession` header). */
export type KpSessionGetter = (options: { refresh: boolean }) => string | Promise<string>;

/**
 * Options of the `kp-mycare` backend (`<booking-provider>.options`). Only `getSession` and `apiKey` are
 * needed against the real API; everything else has a documented default. See docs/backends/kp-mycare.md.
 */
export interface KpMycareOptions {
  /** The member's single-sign-on session. Called again with `refresh: true` once after a 401. */
  getSession?: KpSessionGetter;
  /** `X-apiKey`. */
  apiKey?: string;
  /** `X-appName`. Default `careslot`. */
  appName?: string;
  /** `X-useragentcategory`: I = iOS, A = Android, M = mobile web. Default `M`. */
  userAgentCategory?: string;
  /** `X-useragenttype`. Default `Browser`. */
  userAgentType?: string;
  /** `X-osversion`. Default `1.0`. */
  osVersion?: string;
  /** Name of the session header. Default `ssoession` (as documented); KP's sibling APIs spell it `ssosession`. */
  sessionHeader?: string;
  /** Replaces `{version}` in the paths. Default `v1.0`. */
  apiVersion?: string;
  /** Get Future Appointments. Default `mycare/appointments/{version}/future`. */
  futurePath?: string;
  /** Past appointments; `null` (default) does not ask for them. */
  pastPath?: string | null;
  /** Confirm Appointment. Default `mycare/appointments/{version}/confirmation`. */
  confirmPath?: string;
  /** Default `POST` (the page says GET, its 404 text says POST only). */
  confirmMethod?: string;
  /**
   * Cancel (direct or by request). Default `mycare/appointments/{version}/cancellation`; `null` turns cancel off
   * (the adapter then has no `cancel` method).
   */
  cancelPath?: string | null;
  /** Default `POST`. */
  cancelMethod?: string;
  /** Reason sent with a cancellation. Default `Cancelled by the patient online`. */
  cancelReason?: string;
  /** Which `ContactIDs` type is `X-apptContactId`. Default `CSN`. */
  contactIdType?: string;
  /** Phone number for "Online booking is not offered". Default: the department's Scheduling (else General) phone. */
  phone?: string;
  /** Clinic zone when `OfficialTimeZone.Title` is missing. Default: the browser's zone. */
  timeZone?: string;
  /** Per-call time limit in ms. Default 15000. */
  timeoutMs?: number;
  /** Extra headers on every call. */
  headers?: Record<string, string>;
}

/** The options with their defaults filled in. */
export interface ResolvedOptions {
  getSession?: KpSessionGetter;
  apiKey?: string;
  appName: string;
  userAgentCategory: string;
  userAgentType: string;
  osVersion: string;
  sessionHeader: string;
  futurePath: string;
  pastPath: string | null;
  confirmPath: string;
  confirmMethod: string;
  cancelPath: string | null;
  cancelMethod: string;
  cancelReason: string;
  contactIdType: string;
  phone?: string;
  timeZone?: string;
  timeoutMs?: number;
  headers: Record<string, string>;
}

export const KP_DEFAULTS = {
  baseUrl: 'https://api.kaiserpermanente.org',
  appName: 'careslot',
  userAgentCategory: 'M',
  userAgentType: 'Browser',
  osVersion: '1.0',
  sessionHeader: 'ssoession',
  apiVersion: 'v1.0',
  futurePath: 'mycare/appointments/{version}/future',
  confirmPath: 'mycare/appointments/{version}/confirmation',
  confirmMethod: 'POST',
  cancelPath: 'mycare/appointments/{version}/cancellation',
  cancelMethod: 'POST',
  cancelReason: 'Cancelled by the patient online',
  contactIdType: 'CSN',
} as const;

function pathOption(value: unknown, fallback: string, version: string): string {
  return (str(value) ?? fallback).replace('{version}', version);
}

/** Reads the options; a missing or empty one takes its documented default. */
export function readOptions(raw: Record<string, unknown>): ResolvedOptions {
  const version = str(raw.apiVersion) ?? KP_DEFAULTS.apiVersion;
  const headers: Record<string, string> = {};
  if (raw.headers && typeof raw.headers === 'object') {
    for (const [k, v] of Object.entries(raw.headers as Record<string, unknown>))
      if (typeof v === 'string') headers[k] = v;
  }
  return {
    getSession: typeof raw.getSession === 'function' ? (raw.getSession as KpSessionGetter) : undefined,
    apiKey: str(raw.apiKey),
    appName: str(raw.appName) ?? KP_DEFAULTS.appName,
    userAgentCategory: str(raw.userAgentCategory) ?? KP_DEFAULTS.userAgentCategory,
    userAgentType: str(raw.userAgentType) ?? KP_DEFAULTS.userAgentType,
    osVersion: str(raw.osVersion) ?? KP_DEFAULTS.osVersion,
    sessionHeader: str(raw.sessionHeader) ?? KP_DEFAULTS.sessionHeader,
    futurePath: pathOption(raw.futurePath, KP_DEFAULTS.futurePath, version),
    pastPath: str(raw.pastPath) ? pathOption(raw.pastPath, '', version) : null,
    confirmPath: pathOption(raw.confirmPath, KP_DEFAULTS.confirmPath, version),
    confirmMethod: (str(raw.confirmMethod) ?? KP_DEFAULTS.confirmMethod).toUpperCase(),
    cancelPath: raw.cancelPath === null ? null : pathOption(raw.cancelPath, KP_DEFAULTS.cancelPath, version),
    cancelMethod: (str(raw.cancelMethod) ?? KP_DEFAULTS.cancelMethod).toUpperCase(),
    cancelReason: str(raw.cancelReason) ?? KP_DEFAULTS.cancelReason,
    contactIdType: str(raw.contactIdType) ?? KP_DEFAULTS.contactIdType,
    phone: str(raw.phone),
    timeZone: str(raw.timeZone),
    timeoutMs: typeof raw.timeoutMs === 'number' && raw.timeoutMs > 0 ? raw.timeoutMs : undefined,
    headers,
  };
}
