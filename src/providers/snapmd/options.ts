import type { Location } from '../../core/model.js';
import type { ProviderOptions } from '../../core/provider.js';
import { checkZone, horizonOption, isRecord as isObject, nonEmpty as str } from '../shared.js';
import { num } from './wire.js';
import { SNAPMD_DEFAULT_ZONE_IDS } from './zones.js';

/** Options of the `snapmd` backend. `base-url` is the hospital's API root, e.g. `https://hospital.example/api`. */
export interface SnapmdOptions {
  /** Sent as `X-Developer-Id` on every call. */
  developerId?: string;
  /** Sent as `X-Api-Key` on every call. */
  apiKey?: string;
  /** Returns the patient's access token; called with `refresh: true` once after a 401. */
  getToken?: (options: { refresh: boolean }) => string | Promise<string>;
  /** Header names, in case a deployment differs. Defaults `X-Developer-Id`, `X-Api-Key`. */
  developerIdHeader?: string;
  apiKeyHeader?: string;
  /** `patients` (default) or `admin` (hospital staff) flavour of the V3 appointment URLs. */
  role?: 'patients' | 'admin';
  /** Create/update/delete path; `{role}` is replaced. Default `v3/{role}/appointments`. */
  appointmentsPath?: string;
  /** List path. Default `v2.1/patients/appointments`. */
  listPath?: string;
  /** Self-scheduling slots path. Default `v2.1/patients/appointments/self-scheduling/clinicians`. */
  slotsPath?: string;
  /** Time-zone list path. Default `v2/timezones`. */
  timeZonesPath?: string;
  /** The clinic's IANA zone. Give this or `timeZoneId`. */
  timeZone?: string;
  /** The clinic's SnapMD zone id, sent in `zonedTime.timeZoneId`. Default: looked up from `timeZone`. */
  timeZoneId?: number;
  /**
   * The zone of the SnapMD user who makes the calls (the "current user" of the seed: the patient with
   * `role: 'patients'`, the staff member with `admin`), i.e. their profile's `TimeZoneId`. The plain
   * `startTime`/`endTime` of a booking are sent in it, and answer times without an offset are read in it.
   * Give `userTimeZone` (IANA) or `userTimeZoneId` (SnapMD id). Default: the browser's zone, which careslot
   * also shows video and phone visits in (the patient's zone).
   */
  userTimeZone?: string;
  userTimeZoneId?: number;
  /** SnapMD zone id → IANA or Windows zone id, merged over the defaults (`83` → Pacific Standard Time). */
  timeZones?: Record<string, string>;
  /** Ask `GET v2/timezones` for ids the map does not know. Default true. */
  lookupTimeZones?: boolean;
  /** `encounterTypeCode` of new appointments: 1 Text, 2 Phone, 3 Video (default), 4 In person. */
  encounterTypeCode?: number;
  /**
   * The encounter types patients may choose from (`<visit-filter>`'s visit types; the chosen one is booked).
   * Default: just `encounterTypeCode`.
   */
  encounterTypeCodes?: number[];
  /** How many days ahead the clinic books (the elements offer no later days). Default: not said. */
  horizonDays?: number;
  /** `appointmentTypeCode` of new appointments. Default 3 (patient-scheduled). */
  appointmentTypeCode?: number;
  /** `serviceTypeId` of new appointments (required by SnapMD). */
  serviceTypeId?: number;
  /** Intake concerns sent with every booking; the first is primary. */
  concerns?: { code: number; description: string }[];
  /** `paymentRequisites` sent with every booking. Default `{}`. */
  paymentRequisites?: Record<string, unknown>;
  waiveFee?: boolean;
  /** `where`: phone number or free-text place. */
  where?: string;
  /** The clinic, shown for in-person visits. */
  location?: { id: string; name: string; address?: Location['address']; phone?: string };
  /** Clinicians per page of the self-scheduling search. Default 50. */
  pageSize?: number;
  /** Clinic phone number, shown where something cannot be done online. */
  phone?: string;
  /** Per-call time limit in ms. Default 15000. */
  timeoutMs?: number;
}

/** The options read, with their defaults filled in. */
export interface SnapmdSettings {
  /** Whose token makes the calls: the patient's own (`patients`) or a staff member's (`admin`). */
  role: 'patients' | 'admin';
  developerId?: string;
  apiKey?: string;
  developerIdHeader: string;
  apiKeyHeader: string;
  appointmentsPath: string;
  listPath: string;
  slotsPath: string;
  timeZonesPath: string;
  timeZone?: string;
  timeZoneId?: number;
  userTimeZone?: string;
  userTimeZoneId?: number;
  zoneIds: Record<string, string>;
  lookupTimeZones: boolean;
  encounterTypeCode: number;
  encounterTypeCodes: number[];
  horizonDays?: number;
  appointmentTypeCode: number;
  serviceTypeId?: number;
  concerns: { code: number; description: string }[];
  paymentRequisites: Record<string, unknown>;
  waiveFee?: boolean;
  where?: string;
  location?: SnapmdOptions['location'];
  pageSize: number;
  phone?: string;
  timeoutMs?: number;
  getToken?: SnapmdOptions['getToken'];
}

/** Reads the options; a `timeZone` that is not an IANA zone is a `validation` error. */
export function readOptions(raw: ProviderOptions): SnapmdSettings {
  const role = raw.role === 'admin' ? 'admin' : 'patients';
  const path = (value: unknown, fallback: string) =>
    (str(value) ?? fallback).replace('{role}', role).replace(/^\/+|\/+$/g, '');
  const zone = str(raw.timeZone);
  if (zone !== undefined) checkZone('snapmd', zone, `"${zone}"`);
  const userZone = str(raw.userTimeZone);
  if (userZone !== undefined) checkZone('snapmd', userZone, `userTimeZone "${userZone}"`);
  const zoneIds: Record<string, string> = { ...SNAPMD_DEFAULT_ZONE_IDS };
  if (isObject(raw.timeZones))
    for (const [id, name] of Object.entries(raw.timeZones)) if (typeof name === 'string') zoneIds[id] = name;
  const concerns = Array.isArray(raw.concerns)
    ? raw.concerns.filter(
        (c): c is { code: number; description: string } =>
          isObject(c) && typeof c.code === 'number' && typeof c.description === 'string',
      )
    : [];
  const encounterTypeCode = num(raw.encounterTypeCode) ?? 3;
  const location =
    isObject(raw.location) && str(raw.location.id) && str(raw.location.name)
      ? (raw.location as SnapmdOptions['location'])
      : undefined;
  return {
    role,
    developerId: str(raw.developerId),
    apiKey: str(raw.apiKey),
    developerIdHeader: str(raw.developerIdHeader) ?? 'X-Developer-Id',
    apiKeyHeader: str(raw.apiKeyHeader) ?? 'X-Api-Key',
    appointmentsPath: path(raw.appointmentsPath, 'v3/{role}/appointments'),
    listPath: path(raw.listPath, 'v2.1/patients/appointments'),
    slotsPath: path(raw.slotsPath, 'v2.1/patients/appointments/self-scheduling/clinicians'),
    timeZonesPath: path(raw.timeZonesPath, 'v2/timezones'),
    timeZone: zone,
    timeZoneId: num(raw.timeZoneId),
    userTimeZone: userZone,
    userTimeZoneId: num(raw.userTimeZoneId),
    zoneIds,
    lookupTimeZones: raw.lookupTimeZones !== false,
    encounterTypeCode,
    encounterTypeCodes:
      Array.isArray(raw.encounterTypeCodes) && raw.encounterTypeCodes.every((c) => num(c) !== undefined)
        ? raw.encounterTypeCodes.map((c) => num(c)!)
        : [encounterTypeCode],
    horizonDays: horizonOption('snapmd', raw.horizonDays),
    appointmentTypeCode: num(raw.appointmentTypeCode) ?? 3,
    serviceTypeId: num(raw.serviceTypeId),
    concerns,
    paymentRequisites: isObject(raw.paymentRequisites) ? raw.paymentRequisites : {},
    waiveFee: typeof raw.waiveFee === 'boolean' ? raw.waiveFee : undefined,
    where: str(raw.where),
    location,
    pageSize: num(raw.pageSize) ?? 50,
    phone: str(raw.phone),
    timeoutMs: num(raw.timeoutMs),
    getToken: typeof raw.getToken === 'function' ? (raw.getToken as SnapmdOptions['getToken']) : undefined,
  };
}
