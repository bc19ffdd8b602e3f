import { BookingError } from '../../core/errors.js';
import type { Location, VisitMode } from '../../core/model.js';
import type { ProviderOptions } from '../../core/provider.js';
import { isValidZone } from '../../core/time.js';
import { checkZone, horizonOption, isRecord as isObject, nonEmpty as str } from '../shared.js';

/** A practitioner (or device) whose slots are offered: one entry of Get Slots' `resources`. */
export interface SalesforceResource {
  /** HealthcarePractitioner / asset id, sent as `resourceId` and in `Practitioner/<id>`. */
  id: string;
  /** Display name (Salesforce's Get Slots answer has none). Always rendered as text. */
  name: string;
  specialty?: string;
  /** Get Slots `resourceType`. Default `Provider`; `device` books as a `Device/<id>` participant. */
  resourceType?: 'Provider' | 'device';
  /** ServiceResource id, when the org needs it in Get Slots (and to match SOQL AssignedResources). */
  serviceResourceId?: string;
  /** ServiceTerritory id for Get Slots; default: the location's `serviceTerritoryId`. */
  serviceTerritoryId?: string;
  /** Id of the location (facility) the resource works at; default: the first location. */
  locationId?: string;
  /** How the patient attends; default the adapter's `mode`. */
  mode?: VisitMode;
  /** Engagement channel for this resource's slots and bookings; default the adapter's `channelId`. */
  channelId?: string;
  /** Work type for this resource; default the adapter's `workTypeId`. */
  workTypeId?: string;
  /** The work types this resource books with, where it offers several (the visit types patients choose from). */
  workTypeIds?: string[];
}

/** A work type patients may choose, with its name (Salesforce's Connect API does not list them). */
export interface SalesforceWorkType {
  id: string;
  name: string;
  /** How it is attended (a video visit work type); default the resource's or the adapter's `mode`. */
  mode?: VisitMode;
}

/** A facility: sent as `Facility/<id>`; its IANA zone is the clinic zone of its slots. */
export interface SalesforceLocation {
  id: string;
  name: string;
  /** IANA zone, e.g. `America/Chicago` (ServiceTerritory OperatingHours TimeZone). */
  timeZone: string;
  serviceTerritoryId?: string;
  address?: Location['address'];
  phone?: string;
}

/** Options of the `salesforce` backend. `base-url` is the org's instance URL (`https://acme.my.salesforce.com`). */
export interface SalesforceOptions {
  /** Returns an OAuth 2.0 access token; called with `refresh: true` once after a 401. */
  getToken?: (options: { refresh: boolean }) => string | Promise<string>;
  /** API version in the path. Default `v66.0` (the seed's example; the resources exist from v65.0). */
  apiVersion?: string;
  /** Path of the resource family under the instance URL; `{version}` is replaced. */
  basePath?: string;
  /** Get Slots resource under `basePath`. Default `slots`. */
  slotsPath?: string;
  /** Appointment resource under `basePath`. Default `appointment`. */
  appointmentPath?: string;
  /** Standard REST query resource, for `listAppointments: 'soql'`. Default `services/data/{version}/query`. */
  queryPath?: string;
  /** Work type of every booking unless a resource or the slot-picker's `service` says otherwise. */
  workTypeId?: string;
  /** Name shown for the work type. Default `Appointment`. */
  workTypeName?: string;
  /** Work types with their names and modes: the visit types of `<visit-filter>`, by id. */
  workTypes?: SalesforceWorkType[];
  /** How many days ahead the clinic books (the elements offer no later days). Default: not said. */
  horizonDays?: number;
  /** Engagement channel of every booking unless a resource says otherwise. */
  channelId?: string;
  /** External EHR (e.g. `cerner`): sent with `appointmentTypes`/`serviceTypes`/`serviceCategories`. */
  sourceSystem?: string;
  appointmentTypes?: string[];
  serviceTypes?: string[];
  serviceCategories?: string[];
  specialties?: string[];
  /** Practitioners (or devices) whose slots are offered. */
  resources?: SalesforceResource[];
  /** Facilities with their zones. */
  locations?: SalesforceLocation[];
  /** Clinic zone when a resource has no location. Default `UTC` (flagged as a guess). */
  timeZone?: string;
  /** Visit mode when a resource sets none. Default `in-person`. */
  mode?: VisitMode;
  /** Longest window of one Get Slots call; longer queries are split. Default 31 days. */
  maxWindowDays?: number;
  /** `none` (default): no appointment list. `soql`: ServiceAppointment records via the query resource. */
  listAppointments?: 'none' | 'soql';
  /** Sent as `cancellationReason` with a cancel, when set. */
  cancellationReason?: string;
  /** Clinic phone number, shown where something cannot be done online. */
  phone?: string;
  /** Per-call time limit in ms. Default 15000. */
  timeoutMs?: number;
}

/** The options read and checked, with their defaults filled in. */
export interface SalesforceSettings {
  apiVersion: string;
  basePath: string;
  slotsPath: string;
  appointmentPath: string;
  queryPath: string;
  workTypeId?: string;
  workTypeName: string;
  workTypes: SalesforceWorkType[];
  horizonDays?: number;
  channelId?: string;
  sourceSystem?: string;
  appointmentTypes?: string[];
  serviceTypes?: string[];
  serviceCategories?: string[];
  specialties?: string[];
  resources: SalesforceResource[];
  locations: SalesforceLocation[];
  timeZone?: string;
  mode: VisitMode;
  maxWindowDays: number;
  list: 'none' | 'soql';
  cancellationReason?: string;
  phone?: string;
  timeoutMs?: number;
  getToken?: SalesforceOptions['getToken'];
}

const MODES: readonly VisitMode[] = ['in-person', 'video', 'phone'];

function strings(value: unknown): string[] | undefined {
  return Array.isArray(value) && value.every((v) => typeof v === 'string') ? (value as string[]) : undefined;
}

/** Reads the options; a location without a valid IANA zone, or a bad `timeZone`, is a `validation` error. */
export function readOptions(raw: ProviderOptions): SalesforceSettings {
  const version = str(raw.apiVersion) ?? 'v66.0';
  const apiVersion = version.startsWith('v') ? version : `v${version}`;
  const fill = (path: string) => path.replace('{version}', apiVersion).replace(/^\/+|\/+$/g, '');
  const resources = Array.isArray(raw.resources)
    ? (raw.resources as unknown[])
        .filter((r): r is SalesforceResource => isObject(r) && !!str(r.id))
        .map((r) => ({ ...r, name: str(r.name) ?? r.id }))
    : [];
  const locations = Array.isArray(raw.locations)
    ? (raw.locations as unknown[])
        .filter((l): l is SalesforceLocation => isObject(l) && !!str(l.id))
        .map((l) => ({ ...l, name: str(l.name) ?? l.id }))
    : [];
  for (const location of locations) {
    if (!isValidZone(location.timeZone)) {
      throw new BookingError(
        'validation',
        `salesforce: location "${location.id}" needs a valid IANA timeZone (got "${String(location.timeZone)}").`,
      );
    }
  }
  const zone = str(raw.timeZone);
  if (zone !== undefined) checkZone('salesforce', zone, `"${zone}"`);
  const mode = MODES.includes(raw.mode as VisitMode) ? (raw.mode as VisitMode) : 'in-person';
  const maxWindowDays = typeof raw.maxWindowDays === 'number' && raw.maxWindowDays >= 1 ? raw.maxWindowDays : 31;
  return {
    apiVersion,
    basePath: fill(str(raw.basePath) ?? 'services/data/{version}/connect/health/appointment-management'),
    slotsPath: fill(str(raw.slotsPath) ?? 'slots'),
    appointmentPath: fill(str(raw.appointmentPath) ?? 'appointment'),
    queryPath: fill(str(raw.queryPath) ?? 'services/data/{version}/query'),
    workTypeId: str(raw.workTypeId),
    workTypeName: str(raw.workTypeName) ?? 'Appointment',
    workTypes: Array.isArray(raw.workTypes)
      ? (raw.workTypes as unknown[]).filter((w): w is SalesforceWorkType => isObject(w) && !!str(w.id) && !!str(w.name))
      : [],
    horizonDays: horizonOption('salesforce', raw.horizonDays),
    channelId: str(raw.channelId),
    sourceSystem: str(raw.sourceSystem),
    appointmentTypes: strings(raw.appointmentTypes),
    serviceTypes: strings(raw.serviceTypes),
    serviceCategories: strings(raw.serviceCategories),
    specialties: strings(raw.specialties),
    resources,
    locations,
    timeZone: zone,
    mode,
    maxWindowDays,
    list: raw.listAppointments === 'soql' ? 'soql' : 'none',
    cancellationReason: str(raw.cancellationReason),
    phone: str(raw.phone),
    timeoutMs: typeof raw.timeoutMs === 'number' ? raw.timeoutMs : undefined,
    getToken: typeof raw.getToken === 'function' ? (raw.getToken as SalesforceOptions['getToken']) : undefined,
  };
}
