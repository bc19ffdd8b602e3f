import { BookingError, DEFAULT_MESSAGES, kindForStatus, type BookingErrorKind } from '../../core/errors.js';
import { HttpClient, bearerAuth, type HttpFailure } from '../../core/http.js';
import type {
  Appointment,
  AppointmentQuery,
  AppointmentStatus,
  BookingRequest,
  BookingResult,
  Location,
  Practitioner,
  Service,
  Slot,
  SlotQuery,
  VisitMode,
} from '../../core/model.js';
import {
  NO_CAPABILITIES,
  type BookingProvider,
  type ProviderCapabilities,
  type ProviderConfig,
  type ProviderFactory,
} from '../../core/provider.js';
import { isValidZone, toUtcInstant } from '../../core/time.js';
import {
  bookableWindow,
  byStart,
  checkZone,
  configuredZone,
  isRecord as isObject,
  malformedAnswer,
  nonEmpty as str,
  startsWithin,
  type ZoneChoice,
} from '../shared.js';

/**
 * `salesforce`: the Salesforce Health Cloud appointment-management Connect REST API (v65.0+).
 *
 * - slots: `POST …/slots` (Get Slots) for the configured resources; answers are UTC instants.
 * - book: `POST …/appointment` with Patient, Facility and Practitioner (or Device) participants and the
 *   clinic's IANA `timeZone`. A 200 with `isSuccess: false` is a failure.
 * - reschedule: `PUT …/appointment/{id}`; cancel: `PATCH …/appointment/{id}` `{ id, status: "canceled" }`.
 * - list: the Connect family has no list resource. Off by default; `listAppointments: 'soql'` reads
 *   ServiceAppointment records through the standard REST query resource instead.
 *
 * Salesforce sends no clinic zone with a slot, so each location (facility) carries its zone in the options.
 */

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

/** One Get Slots slot as Salesforce sends it. */
interface WireSlot {
  slotId?: string;
  slotStartDate?: string;
  slotEndDate?: string;
  sourceSystem?: string;
}

/** What a careslot Slot / Appointment keeps to book, reschedule or cancel again. */
export interface SalesforceNative {
  resourceId: string;
  locationId?: string;
  workTypeId?: string;
  channelId?: string;
  slotId?: string;
  sourceSystem?: string;
  comment?: string;
}

const BACKEND = 'Salesforce';
const DAY_MS = 86_400_000;

function strings(value: unknown): string[] | undefined {
  return Array.isArray(value) && value.every((v) => typeof v === 'string') ? (value as string[]) : undefined;
}

function malformed(what: string): BookingError {
  return malformedAnswer(BACKEND, what);
}

/** Salesforce date-times come as `…Z`, `…+00:00` or (SOQL) `…+0000`. */
function instant(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  return toUtcInstant(value.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
}

/** `error` / `errorMessages` of a `isSuccess: false` answer: an array, an object, or strings. */
function problems(body: Record<string, unknown>): { code?: string; message?: string }[] {
  const out: { code?: string; message?: string }[] = [];
  const take = (item: unknown) => {
    if (typeof item === 'string' && item) out.push({ message: item });
    else if (isObject(item)) {
      const message = str(item.message) ?? str(item.errorMessage);
      const code = str(item.errorCode) ?? str(item.code);
      if (message || code) out.push({ code, message });
    }
  };
  for (const field of [body.error, body.errors, body.errorMessages]) {
    if (Array.isArray(field)) field.forEach(take);
    else take(field);
  }
  return out;
}

const CODE_KINDS: [RegExp, BookingErrorKind][] = [
  [/^(INVALID_SESSION_ID|INVALID_AUTH_HEADER)$/, 'auth-expired'],
  [/^REQUEST_LIMIT_EXCEEDED$/, 'rate-limited'],
  [/^(INSUFFICIENT_ACCESS|API_DISABLED_FOR_ORG|API_CURRENTLY_DISABLED|FUNCTIONALITY_NOT_ENABLED)/, 'forbidden'],
  [/^(NOT_FOUND|ENTITY_IS_DELETED)$/, 'not-found'],
  [/SLOT|UNAVAILABLE_TIME|TIME_NOT_AVAILABLE|SCHEDULING_CONFLICT|OVERLAP/, 'slot-unavailable'],
  [/^(SERVER_UNAVAILABLE|UNKNOWN_EXCEPTION|SERVICE_UNAVAILABLE)$/, 'upstream-unavailable'],
  [
    /^(JSON_PARSER_ERROR|INVALID_|REQUIRED_FIELD_MISSING|MALFORMED_ID|FIELD_|STRING_TOO_LONG|BAD_REQUEST)/,
    'validation',
  ],
];

function kindForCode(code: string | undefined): BookingErrorKind | undefined {
  if (!code) return undefined;
  return CODE_KINDS.find(([pattern]) => pattern.test(code))?.[1];
}

const TIME_REJECTION =
  /no longer available|not available|already (booked|taken|scheduled)|slot|overlap|conflict|in the past|must be in the future/i;

/** Maps a `200 { isSuccess: false }` answer to a BookingError with Salesforce's own words. */
function rejection(body: Record<string, unknown>, action: string): BookingError {
  const found = problems(body);
  const message =
    found
      .map((p) => p.message)
      .filter(Boolean)
      .join(' ') || undefined;
  const code = found.find((p) => p.code)?.code;
  const status = str(body.status);
  let kind = kindForCode(code);
  if (!kind && message && /already cancel+ed/i.test(message)) kind = 'conflict';
  if (!kind && message && TIME_REJECTION.test(message)) kind = 'slot-unavailable';
  if (!kind) kind = status?.toLowerCase() === 'rejected' && action !== 'cancel' ? 'slot-unavailable' : 'unknown';
  const text =
    message ??
    (kind === 'slot-unavailable'
      ? DEFAULT_MESSAGES['slot-unavailable']
      : `${BACKEND} did not ${action} the appointment${status ? ` (status "${status}")` : ''}.`);
  return new BookingError(kind, text, { status: 200, backendCode: code ?? status });
}

/** Maps Salesforce's platform errors (`[{ errorCode, message }]`) to BookingErrors. */
export function mapSalesforceError(failure: HttpFailure): BookingError {
  const items: unknown[] = Array.isArray(failure.json)
    ? failure.json
    : failure.json !== undefined
      ? [failure.json]
      : [];
  const first = items.find(isObject);
  const code = first ? (str(first.errorCode) ?? str(first.code)) : undefined;
  const messages = items
    .filter(isObject)
    .map((i) => str(i.message))
    .filter((m): m is string => !!m);
  let kind = kindForCode(code) ?? kindForStatus(failure.status);
  // A 401 that survived one token refresh is an expired session whatever its code says.
  if (failure.status === 401) kind = 'auth-expired';
  if (failure.status >= 500) kind = 'upstream-unavailable';
  const message = messages.join(' ') || DEFAULT_MESSAGES[kind];
  return new BookingError(kind, message, { status: failure.status, backendCode: code });
}

function mapStatus(status: string | undefined): AppointmentStatus {
  switch (status?.toLowerCase().replace(/[\s_-]/g, '')) {
    case 'scheduled':
    case 'booked':
    case 'dispatched':
    case 'confirmed':
      return 'booked';
    case 'canceled':
    case 'cancelled':
      return 'cancelled';
    case 'inprogress':
    case 'checkedin':
    case 'arrived':
      return 'arrived';
    case 'completed':
    case 'fulfilled':
      return 'fulfilled';
    case 'noshow':
    case 'cannotcomplete':
      return 'noshow';
    case 'none':
    case 'pending':
      return 'pending';
    default:
      return 'unknown';
  }
}

function soqlString(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

interface Settings {
  apiVersion: string;
  basePath: string;
  slotsPath: string;
  appointmentPath: string;
  queryPath: string;
  workTypeId?: string;
  workTypeName: string;
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

function readOptions(raw: Record<string, unknown>): Settings {
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

export class SalesforceProvider implements BookingProvider {
  readonly backend = 'salesforce';
  readonly capabilities: ProviderCapabilities;
  readonly phone?: string;

  private readonly settings: Settings;
  private readonly http: HttpClient;
  private readonly now: () => Date;
  /** Successful bookings by idempotency key: a retried click does not book twice. */
  private readonly booked = new Map<string, BookingResult>();
  /** The `patient` attribute: the Account id a reschedule is sent for. */
  private readonly patientId: string | undefined;

  constructor(config: ProviderConfig) {
    this.settings = readOptions(config.options);
    this.now = config.now;
    this.patientId = config.patientId;
    this.phone = this.settings.phone;
    this.capabilities = {
      ...NO_CAPABILITIES,
      findSlots: true,
      book: true,
      cancel: true,
      reschedule: true,
      listAppointments: this.settings.list === 'soql',
    };
    if (!config.baseUrl) throw new BookingError('validation', "salesforce: set base-url to the org's instance URL.");
    this.http = new HttpClient({
      backend: BACKEND,
      baseUrl: config.baseUrl,
      timeoutMs: this.settings.timeoutMs,
      auth: bearerAuth(this.settings.getToken),
      mapError: mapSalesforceError,
    });
  }

  private path(...parts: string[]): string {
    return [this.settings.basePath, ...parts].filter(Boolean).join('/');
  }

  private location(resource: SalesforceResource): SalesforceLocation | undefined {
    const { locations } = this.settings;
    return resource.locationId ? locations.find((l) => l.id === resource.locationId) : locations[0];
  }

  private toLocation(location: SalesforceLocation | undefined): Location | undefined {
    if (!location) return undefined;
    return {
      id: location.id,
      name: location.name,
      timeZone: location.timeZone,
      timeZoneSource: 'config',
      address: location.address,
      phone: location.phone,
    };
  }

  private practitioner(resource: SalesforceResource): Practitioner {
    return { id: resource.id, name: resource.name, specialty: resource.specialty };
  }

  private service(workTypeId: string | undefined): Service | undefined {
    return workTypeId ? { id: workTypeId, name: this.settings.workTypeName } : undefined;
  }

  /** The clinic zone: the location's, else the `timeZone` option, else UTC (flagged as a guess). */
  private zone(location: SalesforceLocation | undefined): ZoneChoice {
    return configuredZone([location?.timeZone, this.settings.timeZone], () => ({
      timeZone: 'UTC',
      timeZoneSource: 'default',
    }));
  }

  async findSlots(query: SlotQuery, signal?: AbortSignal): Promise<Slot[]> {
    const { settings } = this;
    const resources = settings.resources.filter((r) => {
      if (query.practitionerId && r.id !== query.practitionerId) return false;
      if (query.locationId && this.location(r)?.id !== query.locationId) return false;
      return true;
    });
    if (resources.length === 0) return [];
    const { from, to } = bookableWindow(query, this.now());
    if (!(from < to)) return [];
    // One call per (work type, channel) group and per window of at most maxWindowDays.
    const groups = new Map<string, SalesforceResource[]>();
    for (const resource of resources) {
      const workTypeId = query.serviceId ?? resource.workTypeId ?? settings.workTypeId;
      const channelId = resource.channelId ?? settings.channelId;
      const key = JSON.stringify([workTypeId, channelId]);
      groups.set(key, [...(groups.get(key) ?? []), resource]);
    }
    const step = settings.maxWindowDays * DAY_MS;
    const calls: Promise<Slot[]>[] = [];
    for (const [key, group] of groups) {
      const [workTypeId, channelId] = JSON.parse(key) as [string | undefined, string | undefined];
      for (let t = from; t < to; t += step) {
        calls.push(
          this.slotsFor(
            group,
            workTypeId,
            channelId,
            new Date(t).toISOString(),
            new Date(Math.min(t + step, to)).toISOString(),
            signal,
          ),
        );
      }
    }
    const seen = new Set<string>();
    return (await Promise.all(calls))
      .flat()
      .filter((s) => !seen.has(s.id) && !!seen.add(s.id))
      .filter((s) => startsWithin(s, from, to))
      .sort(byStart);
  }

  private async slotsFor(
    resources: SalesforceResource[],
    workTypeId: string | undefined,
    channelId: string | undefined,
    startDate: string,
    endDate: string,
    signal?: AbortSignal,
  ): Promise<Slot[]> {
    const { settings } = this;
    const body: Record<string, unknown> = {
      resources: resources.map((r) => {
        const territory = r.serviceTerritoryId ?? this.location(r)?.serviceTerritoryId;
        return {
          resourceId: r.id,
          resourceType: r.resourceType ?? 'Provider',
          ...(territory ? { serviceTerritoryId: territory } : {}),
          ...(r.serviceResourceId ? { serviceResourceId: r.serviceResourceId } : {}),
        };
      }),
      startDate,
      endDate,
      ...(workTypeId ? { workTypeId } : {}),
      ...(channelId ? { channelId } : {}),
      ...this.ehrFields(),
    };
    const response = await this.http.request<unknown>({
      method: 'POST',
      path: this.path(settings.slotsPath),
      body,
      signal,
    });
    const answer = response.body;
    if (!isObject(answer)) throw malformed('a Get Slots answer that');
    // The output table says `resourceSlots`; the JSON example (and the server) say `resourceSlotDetails`.
    const details = answer.resourceSlotDetails ?? answer.resourceSlots;
    if (details === undefined || details === null) return [];
    if (!Array.isArray(details)) throw malformed('a Get Slots answer whose resourceSlotDetails');
    const slots: Slot[] = [];
    for (const detail of details) {
      if (!isObject(detail)) throw malformed('a Get Slots entry that');
      const resource = resources.find((r) => r.id === detail.resourceId);
      if (!resource) continue; // not one we asked for
      const available = detail.availableSlots ?? [];
      if (!Array.isArray(available)) throw malformed('availableSlots that');
      for (const item of available as WireSlot[]) {
        const start = isObject(item) ? instant(item.slotStartDate) : undefined;
        const end = isObject(item) ? instant(item.slotEndDate) : undefined;
        if (!start || !end) throw malformed('a slot whose start or end time');
        const native: SalesforceNative = {
          resourceId: resource.id,
          locationId: this.location(resource)?.id,
          workTypeId,
          channelId,
          slotId: str(item.slotId),
          sourceSystem: str(item.sourceSystem),
        };
        slots.push({
          id: `${resource.id}|${native.slotId ?? start}`,
          start,
          end,
          ...this.zone(this.location(resource)),
          mode: resource.mode ?? settings.mode,
          practitioner: this.practitioner(resource),
          location: this.toLocation(this.location(resource)),
          service: this.service(workTypeId),
          booking: { kind: 'api' },
          native,
        });
      }
    }
    return slots;
  }

  private ehrFields(sourceSystem = this.settings.sourceSystem): Record<string, unknown> {
    const { settings } = this;
    return {
      ...(sourceSystem ? { sourceSystem } : {}),
      ...(settings.appointmentTypes ? { appointmentTypes: settings.appointmentTypes } : {}),
      ...(settings.serviceCategories ? { serviceCategories: settings.serviceCategories } : {}),
      ...(settings.serviceTypes ? { serviceTypes: settings.serviceTypes } : {}),
    };
  }

  private nativeOf(item: Slot | Appointment): SalesforceNative {
    const native = item.native as SalesforceNative | undefined;
    if (!native || typeof native.resourceId !== 'string') {
      throw new BookingError(
        'validation',
        'This time did not come from the Salesforce backend; choose a time from the list.',
      );
    }
    return native;
  }

  /** The appointment body shared by book (POST) and reschedule (PUT). */
  private appointmentBody(slot: Slot, patientId: string, comment: string | undefined): Record<string, unknown> {
    const native = this.nativeOf(slot);
    const resource = this.settings.resources.find((r) => r.id === native.resourceId);
    const sourceSystem = native.sourceSystem ?? this.settings.sourceSystem;
    const participants: Record<string, unknown>[] = [{ reference: `Patient/${patientId}` }];
    if (native.locationId) participants.push({ reference: `Facility/${native.locationId}` });
    participants.push({
      reference: `${resource?.resourceType === 'device' ? 'Device' : 'Practitioner'}/${native.resourceId}`,
      isReferenceRequired: true,
    });
    return {
      startDate: slot.start,
      endDate: slot.end,
      ...(native.workTypeId ? { workTypeId: native.workTypeId } : {}),
      ...(native.channelId ? { channelId: native.channelId } : {}),
      ...(comment ? { comment } : {}),
      timeZone: slot.timeZone,
      ...this.ehrFields(sourceSystem),
      ...(this.settings.specialties ? { specialties: this.settings.specialties } : {}),
      ...(sourceSystem && native.slotId ? { slots: [{ id: native.slotId, reference: native.resourceId }] } : {}),
      participants,
    };
  }

  /** Reads an "Appointment Management Output": `{ id, isSuccess, status, error }`. */
  private output(body: unknown, action: 'book' | 'reschedule' | 'cancel'): { id?: string; status?: string } {
    if (!isObject(body)) throw malformed(`an answer to ${action} that`);
    if (body.isSuccess !== true) {
      if (body.isSuccess === false || body.error || body.errorMessages) throw rejection(body, action);
      throw malformed(`an answer to ${action} without isSuccess, which`);
    }
    return { id: str(body.id), status: str(body.status) };
  }

  private appointmentFrom(id: string, slot: Slot, status: string | undefined, comment?: string): Appointment {
    const native = this.nativeOf(slot);
    return {
      id,
      status: status ? mapStatus(status) : 'booked',
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
      native: { ...native, comment } satisfies SalesforceNative,
    };
  }

  async book(request: BookingRequest, signal?: AbortSignal): Promise<BookingResult> {
    const repeat = this.booked.get(request.idempotencyKey);
    if (repeat) return repeat;
    if (!request.patientId) throw new BookingError('validation', 'A patient (Account id) is needed to book.');
    const body = this.appointmentBody(request.slot, request.patientId, request.note);
    const response = await this.http.request<unknown>({
      method: 'POST',
      path: this.path(this.settings.appointmentPath),
      body,
      signal,
    });
    const { id, status } = this.output(response.body, 'book');
    if (!id) throw malformed('a booking answer without an appointment id, which');
    const result: BookingResult = {
      kind: 'booked',
      appointment: this.appointmentFrom(id, request.slot, status, request.note),
    };
    this.booked.set(request.idempotencyKey, result);
    return result;
  }

  async reschedule(appointment: Appointment, slot: Slot, signal?: AbortSignal): Promise<Appointment> {
    const patientId = this.patientOf(appointment);
    const comment = (appointment.native as SalesforceNative | undefined)?.comment;
    const body = { id: appointment.id, ...this.appointmentBody(slot, patientId, comment) };
    const response = await this.http.request<unknown>({
      method: 'PUT',
      path: this.path(this.settings.appointmentPath, encodeURIComponent(appointment.id)),
      body,
      signal,
    });
    const { status } = this.output(response.body, 'reschedule');
    return this.appointmentFrom(appointment.id, slot, status, comment);
  }

  private patientOf(_appointment: Appointment): string {
    if (!this.patientId) throw new BookingError('validation', 'A patient (Account id) is needed to reschedule.');
    return this.patientId;
  }

  async cancel(appointment: Appointment, signal?: AbortSignal): Promise<Appointment> {
    const body = {
      id: appointment.id,
      status: 'canceled',
      ...(this.settings.cancellationReason ? { cancellationReason: this.settings.cancellationReason } : {}),
    };
    const response = await this.http.request<unknown>({
      method: 'PATCH',
      path: this.path(this.settings.appointmentPath, encodeURIComponent(appointment.id)),
      body,
      signal,
    });
    const { status } = this.output(response.body, 'cancel');
    const mapped = status ? mapStatus(status) : 'cancelled';
    return { ...appointment, status: mapped === 'unknown' ? 'cancelled' : mapped, cancel: 'none', canConfirm: false };
  }

  async confirm(): Promise<Appointment> {
    throw new BookingError('not-supported', 'Salesforce appointments do not need confirming online.');
  }

  async listAppointments(query: AppointmentQuery, signal?: AbortSignal): Promise<Appointment[]> {
    if (this.settings.list !== 'soql') {
      throw new BookingError('not-supported', "Salesforce's appointment-management API does not list appointments.");
    }
    const where = [`ParentRecordId = ${soqlString(query.patientId)}`];
    if (query.from) where.push(`SchedEndTime >= ${new Date(query.from).toISOString().replace('.000', '')}`);
    if (query.to) where.push(`SchedStartTime < ${new Date(query.to).toISOString().replace('.000', '')}`);
    const soql =
      'SELECT Id, Status, SchedStartTime, SchedEndTime, ServiceTerritoryId, WorkTypeId, Comments, ' +
      '(SELECT ServiceResourceId FROM ServiceResources) FROM ServiceAppointment ' +
      `WHERE ${where.join(' AND ')} ORDER BY SchedStartTime`;
    const records: unknown[] = [];
    let next: string | undefined;
    let first = true;
    while (first || next) {
      const response = await this.http.request<unknown>(
        first
          ? { path: this.settings.queryPath, query: { q: soql }, signal }
          : { path: next!.replace(/^\//, ''), signal },
      );
      first = false;
      const body = response.body;
      if (!isObject(body) || !Array.isArray(body.records)) throw malformed('a query answer that');
      records.push(...body.records);
      next = body.done === false ? str(body.nextRecordsUrl) : undefined;
    }
    return records.map((record) => this.fromRecord(record));
  }

  private fromRecord(record: unknown): Appointment {
    if (!isObject(record)) throw malformed('a ServiceAppointment that');
    const id = str(record.Id);
    const start = instant(record.SchedStartTime);
    const end = instant(record.SchedEndTime) ?? start;
    if (!id || !start || !end) throw malformed('a ServiceAppointment without id or times, which');
    const assigned =
      isObject(record.ServiceResources) && Array.isArray(record.ServiceResources.records)
        ? record.ServiceResources.records
        : [];
    const resourceIds = assigned.filter(isObject).map((a) => str(a.ServiceResourceId));
    const resource = this.settings.resources.find(
      (r) => resourceIds.includes(r.serviceResourceId ?? r.id) || resourceIds.includes(r.id),
    );
    const territory = str(record.ServiceTerritoryId);
    const location =
      this.settings.locations.find((l) => territory && (l.serviceTerritoryId === territory || l.id === territory)) ??
      (resource ? this.location(resource) : undefined);
    const status = mapStatus(str(record.Status));
    const zone = this.zone(location);
    const workTypeId = str(record.WorkTypeId);
    return {
      id,
      status,
      start,
      end,
      ...zone,
      mode: resource?.mode ?? this.settings.mode,
      practitioner: resource ? this.practitioner(resource) : undefined,
      location: this.toLocation(location),
      service: this.service(workTypeId),
      canConfirm: false,
      cancel: status === 'booked' || status === 'pending' ? 'direct' : 'none',
      native: resource
        ? ({
            resourceId: resource.id,
            locationId: location?.id,
            workTypeId,
            channelId: resource.channelId ?? this.settings.channelId,
            comment: str(record.Comments),
          } satisfies SalesforceNative)
        : undefined,
    };
  }

  async listPractitioners(): Promise<Practitioner[]> {
    return this.settings.resources.map((r) => this.practitioner(r));
  }

  async listLocations(): Promise<Location[]> {
    return this.settings.locations.map((l) => this.toLocation(l)!);
  }
}

export const createSalesforceProvider: ProviderFactory = (config) => new SalesforceProvider(config);
export default createSalesforceProvider;
