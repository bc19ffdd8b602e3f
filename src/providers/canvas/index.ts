import { BookingError, kindForStatus, type BookingErrorKind } from '../../core/errors.js';
import { HttpClient, bearerAuth, type HttpFailure } from '../../core/http.js';
import type {
  Appointment,
  AppointmentQuery,
  BookingRequest,
  BookingResult,
  Location,
  Practitioner,
  Slot,
  SlotQuery,
  VisitMode,
} from '../../core/model.js';
import type { BookingProvider, ProviderCapabilities, ProviderConfig, ProviderFactory } from '../../core/provider.js';
import { toUtcInstant } from '../../core/time.js';
import {
  appointmentStatus,
  humanName,
  isOperationOutcome,
  isResource,
  mapAddress,
  nextLink,
  outcomeError,
  referenceId,
  telecomPhone,
  type Bundle,
  type FhirCodeableConcept,
  type FhirCoding,
  type FhirLocation,
  type FhirPractitioner,
  type FhirReference,
  type FhirSchedule,
  type FhirSlot,
  type OperationOutcomeIssue,
} from '../fhir-common/index.js';
import {
  bookableWindow,
  BookingsByKey,
  byStart,
  checkZone,
  checkZoneMap,
  configuredZone,
  DAY_MS,
  inListWindow,
  isRecord,
  optionError,
  startsWithin,
  type ZoneChoice,
} from '../shared.js';

/**
 * Options of the `canvas` backend (Canvas Medical FHIR API, "fumage"). See docs/backends/canvas.md.
 */
export interface CanvasOptions {
  /**
   * The OAuth bearer token, or a getter for it. The getter is called with `refresh: true` once after a 401;
   * a second 401 becomes `auth-expired`. Never logged.
   */
  getToken?: string | ((options: { refresh: boolean }) => string | Promise<string>);
  /** IANA zone per clinic, keyed by Canvas Location id (uuid) or by the number in a schedule id (`Location.1-…` → `"1"`). */
  locationTimeZones?: Record<string, string>;
  /** Zone for a clinic without an entry in `locationTimeZones`. Default: the browser's zone (flagged as a guess). */
  defaultTimeZone?: string;
  /** Maps the number in a schedule id (`Location.1-Staff.…`) to the Location uuid it stands for. */
  scheduleLocations?: Record<string, string>;
  /** Slot length asked of Canvas (`duration`), in minutes. Default 20 (Canvas' own default). */
  durationMinutes?: number;
  /** Appointment type sent with a booking (Canvas note type coding). Default: the instance's default type. */
  appointmentType?: FhirCoding;
  /** Status of a new booking: `booked` (Canvas "confirmed", default) or `proposed` (Canvas "unconfirmed"). */
  bookedStatus?: 'booked' | 'proposed';
  /** How patients attend the offered slots. Default `in-person`. */
  visitMode?: VisitMode;
  /** `_count` per page of an Appointment search (Canvas allows up to 100). Default 100. */
  pageSize?: number;
  /** Per-call time limit in ms. Default 15000. */
  timeoutMs?: number;
  /** Phone number shown where something cannot be done online. */
  phone?: string;
}

/** What a Canvas slot keeps to be booked again (Canvas slots have no id). */
interface CanvasSlotNative {
  schedule: string;
  practitionerId: string;
  locationNumber?: string;
  locationId?: string;
  start: string;
  end: string;
}

interface CanvasSchedule extends FhirSchedule {
  comment?: string;
}

/** The Appointment resource as Canvas sends it (only what the adapter reads is typed). */
export interface CanvasAppointment {
  resourceType: 'Appointment';
  id?: string;
  status?: string;
  meta?: { lastUpdated?: string };
  appointmentType?: FhirCodeableConcept;
  reasonCode?: FhirCodeableConcept[] | string;
  description?: string;
  supportingInformation?: FhirReference[];
  contained?: { resourceType?: string; id?: string; address?: string }[];
  start?: string;
  end?: string;
  participant?: { actor?: FhirReference; status?: string }[];
  [key: string]: unknown;
}

interface Directory {
  schedules: CanvasSchedule[];
  practitioners: Map<string, Practitioner>;
  locations: Map<string, FhirLocation>;
}

const TELEMEDICINE_CODE = '448337001';
const SLOT_UNAVAILABLE = /no longer available/i;

/** Kinds Canvas words for engineers, not patients: careslot's default message reads better. */
const DEFAULT_WORDING: ReadonlySet<BookingErrorKind> = new Set([
  'auth-expired',
  'upstream-unavailable',
  'timeout',
  'rate-limited',
  'forbidden',
  'conflict',
]);

/**
 * Canvas' error kinds (docs/backends/canvas.md): the HTTP status decides unless the issue code says more;
 * a 422 is a time no longer available or a refused request.
 */
function canvasKind(issue: OperationOutcomeIssue | undefined, status: number): BookingErrorKind {
  if (status === 422) return SLOT_UNAVAILABLE.test(issue?.details?.text ?? '') ? 'slot-unavailable' : 'validation';
  if (status === 401) return 'auth-expired';
  switch (issue?.code) {
    case 'expired':
      return 'auth-expired';
    case 'forbidden':
    case 'security':
      return 'forbidden';
    case 'not-found':
      return 'not-found';
    case 'not-supported':
      return 'not-supported';
    case 'throttled':
      return 'rate-limited';
    case 'timeout':
      return 'timeout';
    case 'transient':
      return 'upstream-unavailable';
    default:
      return kindForStatus(status);
  }
}

function invalid(message: string): BookingError {
  return optionError('canvas', message);
}

function readOptions(raw: Record<string, unknown>): CanvasOptions {
  const options = raw as CanvasOptions;
  checkZoneMap('canvas', options.locationTimeZones, 'locationTimeZones', 'location id');
  if (options.defaultTimeZone !== undefined) checkZone('canvas', options.defaultTimeZone, 'defaultTimeZone');
  if (options.scheduleLocations !== undefined && !isRecord(options.scheduleLocations))
    throw invalid('scheduleLocations must be an object.');
  if (
    options.durationMinutes !== undefined &&
    !(Number.isInteger(options.durationMinutes) && options.durationMinutes > 0)
  ) {
    throw invalid('durationMinutes must be a positive whole number.');
  }
  if (options.bookedStatus !== undefined && options.bookedStatus !== 'booked' && options.bookedStatus !== 'proposed') {
    throw invalid('bookedStatus must be "booked" or "proposed".');
  }
  const token = options.getToken ?? (raw.token as CanvasOptions['getToken']);
  if (token !== undefined && typeof token !== 'string' && typeof token !== 'function')
    throw invalid('getToken must be a string or a function.');
  return { ...options, getToken: token };
}

/** `Location.1-Staff.abc` → `{ locationNumber: '1', staffId: 'abc' }`. */
export function parseScheduleId(id: string): { locationNumber?: string; staffId?: string } {
  const match = /^Location\.([^-]+)-Staff\.(.+)$/.exec(id);
  return match ? { locationNumber: match[1], staffId: match[2] } : {};
}

/** "Schedule for Larry Weed at Harbor Clinic" → names, as a fallback for the directory. */
function parseScheduleComment(comment: string | undefined): { practitioner?: string; location?: string } {
  const match = /^Schedule for (.+) at (.+)$/.exec(comment?.trim() ?? '');
  return match ? { practitioner: match[1], location: match[2] } : {};
}

/** The resources of a Bundle of one type (entries of other types, e.g. OperationOutcome, are skipped). */
function bundleResources<T extends { resourceType?: string }>(bundle: unknown, resourceType: string): T[] {
  if (!isResource<Bundle>(bundle, 'Bundle')) return [];
  const entries: unknown[] = Array.isArray(bundle.entry) ? bundle.entry : [];
  return entries
    .map((e) => (isRecord(e) ? e.resource : undefined))
    .filter((r): r is T => isRecord(r) && r.resourceType === resourceType);
}

function utcDate(instant: string | number): string {
  return new Date(instant).toISOString().slice(0, 10);
}

/**
 * Canvas documents `reasonCode` as a string and its examples send a string of pseudo-JSON; the real
 * resource is an array of CodeableConcepts. Anything else becomes `[{ text }]` or is dropped.
 */
export function repairReasonCode(value: unknown, description?: string): FhirCodeableConcept[] | undefined {
  if (Array.isArray(value)) return value.filter(isRecord) as FhirCodeableConcept[];
  if (typeof value === 'string') {
    try {
      const parsed: unknown = JSON.parse(value);
      if (Array.isArray(parsed)) return parsed.filter(isRecord) as FhirCodeableConcept[];
    } catch {
      // The documented example is not valid JSON (a missing comma); keep its text only.
    }
    const text = /"text"\s*:\s*"([^"]*)"/.exec(value)?.[1] ?? description;
    return text ? [{ text }] : undefined;
  }
  return undefined;
}

/** The Canvas Medical FHIR adapter. */
export class CanvasProvider implements BookingProvider {
  readonly backend = 'canvas';
  readonly capabilities: ProviderCapabilities = {
    findSlots: true,
    book: true,
    hold: false,
    cancel: true,
    confirm: true,
    reschedule: false,
    listAppointments: true,
  };
  readonly phone?: string;

  private readonly options: CanvasOptions;
  private readonly http: HttpClient;
  private readonly now: () => Date;
  private directory: Promise<Directory> | undefined;
  private readonly booked = new BookingsByKey();
  /** Keys already sent to Canvas without a result: the answer may have been lost, so a retry looks first. */
  private readonly attempted = new Set<string>();

  constructor(config: ProviderConfig) {
    if (!config.baseUrl)
      throw invalid(
        'set base-url to the FHIR root of the Canvas instance, e.g. https://fumage-example.canvasmedical.com/.',
      );
    this.options = readOptions(config.options);
    this.now = config.now;
    this.phone = typeof this.options.phone === 'string' ? this.options.phone : undefined;
    this.http = new HttpClient({
      backend: 'Canvas',
      baseUrl: config.baseUrl,
      timeoutMs: this.options.timeoutMs,
      headers: { Accept: 'application/json' },
      auth: bearerAuth(this.options.getToken),
      mapError: (failure) => this.mapError(failure),
    });
  }

  async findSlots(query: SlotQuery, signal?: AbortSignal): Promise<Slot[]> {
    const directory = await this.loadDirectory(signal);
    const duration = this.options.durationMinutes ?? 20;
    const { from, to } = bookableWindow(query, this.now());
    if (!(to > from)) return [];
    const schedules = directory.schedules.filter((schedule) => {
      const { staffId, locationNumber } = parseScheduleId(schedule.id ?? '');
      const practitionerId = staffId ?? referenceId(schedule.actor?.[0]?.reference, 'Practitioner');
      if (!practitionerId) return false;
      if (query.practitionerId && practitionerId !== query.practitionerId) return false;
      if (
        query.locationId &&
        query.locationId !== locationNumber &&
        query.locationId !== this.locationIdOf(locationNumber)
      )
        return false;
      return true;
    });
    const lists = await Promise.all(
      schedules.map(async (schedule) => {
        const response = await this.http.request<unknown>({
          path: 'Slot',
          query: { schedule: schedule.id, start: utcDate(from), end: utcDate(to + DAY_MS), duration },
          signal,
        });
        this.expectBundle(response.body, 'Slot search');
        return bundleResources<FhirSlot>(response.body, 'Slot').map((slot) =>
          this.toSlot(slot, schedule, directory, duration),
        );
      }),
    );
    const seen = new Set<string>();
    return lists
      .flat()
      .filter((slot): slot is Slot => !!slot && startsWithin(slot, from, to))
      .filter((slot) => (seen.has(slot.id) ? false : (seen.add(slot.id), true)))
      .sort(byStart);
  }

  async book(request: BookingRequest, signal?: AbortSignal): Promise<BookingResult> {
    const repeat = this.booked.get(request.idempotencyKey);
    if (repeat) return repeat;
    const native = this.slotNative(request.slot);
    if (!request.patientId) throw new BookingError('validation', 'A patient is needed to book.');
    // A retry after a lost answer (timeout, network) may find the first attempt already booked.
    if (this.attempted.has(request.idempotencyKey)) {
      const existing = await this.findBooked(request.patientId, native, signal);
      if (existing) return this.remember(request.idempotencyKey, existing);
    }
    const note = request.note?.trim();
    const resource: CanvasAppointment = {
      resourceType: 'Appointment',
      status: this.options.bookedStatus ?? 'booked',
      ...(this.options.appointmentType ? { appointmentType: { coding: [this.options.appointmentType] } } : {}),
      ...(note ? { reasonCode: [{ text: note }], description: note } : {}),
      participant: [
        { actor: { reference: `Patient/${request.patientId}`, type: 'Patient' }, status: 'accepted' },
        { actor: { reference: `Practitioner/${native.practitionerId}`, type: 'Practitioner' }, status: 'accepted' },
      ],
      start: native.start,
      end: native.end,
      supportingInformation: [
        { reference: `Location/${native.locationId ?? native.locationNumber ?? '1'}`, type: 'Location' },
      ],
    };
    this.attempted.add(request.idempotencyKey);
    // Canvas answers 201 with the body `null` and the new id only in the Location header.
    const response = await this.http.request<string>({
      method: 'POST',
      path: 'Appointment',
      body: resource,
      expect: 'text',
      signal,
    });
    const id = referenceId(response.headers.get('Location') ?? undefined, 'Appointment');
    if (id) {
      const directory = await this.loadDirectory(signal);
      return this.remember(request.idempotencyKey, this.toAppointment({ ...resource, id }, directory)!);
    }
    // Without the header (e.g. not exposed by CORS) the new appointment is looked up by its time.
    const found = await this.findBooked(request.patientId, native, signal);
    if (found) return this.remember(request.idempotencyKey, found);
    return { kind: 'pending', message: 'Canvas accepted the booking. It will show in your appointments shortly.' };
  }

  async listAppointments(query: AppointmentQuery, signal?: AbortSignal): Promise<Appointment[]> {
    if (!query.patientId) return [];
    const directory = await this.loadDirectory(signal);
    const resources = await this.searchAll<CanvasAppointment>(
      'Appointment',
      {
        patient: `Patient/${query.patientId}`,
        date: [
          query.from ? `ge${utcDate(query.from)}` : undefined,
          query.to ? `le${utcDate(query.to)}` : undefined,
        ].filter((d): d is string => !!d),
        _count: this.options.pageSize ?? 100,
      },
      signal,
    );
    return resources
      .map((r) => this.toAppointment(r, directory))
      .filter((a): a is Appointment => !!a)
      .filter((a) => inListWindow(a, query))
      .sort(byStart);
  }

  async cancel(appointment: Appointment, signal?: AbortSignal): Promise<Appointment> {
    if (appointment.status === 'cancelled') return { ...appointment };
    if (appointment.cancel === 'none')
      throw new BookingError('not-supported', 'This appointment cannot be cancelled online. Please call the clinic.');
    return this.updateStatus(appointment, 'cancelled', signal);
  }

  async confirm(appointment: Appointment, signal?: AbortSignal): Promise<Appointment> {
    if (appointment.status !== 'proposed')
      throw new BookingError('validation', 'This appointment does not need confirming.');
    const confirmed = await this.updateStatus(appointment, 'booked', signal);
    return { ...confirmed, confirmedAt: this.now().toISOString() };
  }

  async listPractitioners(signal?: AbortSignal): Promise<Practitioner[]> {
    return [...(await this.loadDirectory(signal)).practitioners.values()];
  }

  async listLocations(signal?: AbortSignal): Promise<Location[]> {
    const directory = await this.loadDirectory(signal);
    return [...directory.locations.values()].map((l) => this.toLocation(l.id ?? '', undefined, directory)!);
  }

  /** PUT the whole resource back with a new status; Canvas answers 200 with the body `null`. */
  private async updateStatus(
    appointment: Appointment,
    status: 'cancelled' | 'booked',
    signal?: AbortSignal,
  ): Promise<Appointment> {
    const raw = appointment.native;
    if (!isRecord(raw) || raw.resourceType !== 'Appointment')
      throw new BookingError('validation', 'This appointment did not come from Canvas.');
    const resource = { ...(raw as CanvasAppointment), id: appointment.id, status };
    const headers: Record<string, string> = {};
    const lastUpdated = resource.meta?.lastUpdated ? Date.parse(resource.meta.lastUpdated) : NaN;
    if (!Number.isNaN(lastUpdated)) headers['If-Unmodified-Since'] = new Date(lastUpdated).toUTCString();
    await this.http.request({
      method: 'PUT',
      path: `Appointment/${encodeURIComponent(appointment.id)}`,
      body: resource,
      headers,
      expect: 'text',
      signal,
    });
    const directory = await this.loadDirectory(signal);
    return this.toAppointment({ ...resource, meta: undefined }, directory) ?? { ...appointment, status };
  }

  private remember(key: string, appointment: Appointment): BookingResult {
    this.attempted.delete(key);
    return this.booked.remember(key, { kind: 'booked', appointment });
  }

  /** A live appointment of this patient with this practitioner at exactly this time, if Canvas has one. */
  private async findBooked(
    patientId: string,
    native: CanvasSlotNative,
    signal?: AbortSignal,
  ): Promise<Appointment | undefined> {
    const directory = await this.loadDirectory(signal);
    const day = utcDate(native.start);
    const resources = await this.searchAll<CanvasAppointment>(
      'Appointment',
      {
        patient: `Patient/${patientId}`,
        practitioner: `Practitioner/${native.practitionerId}`,
        date: [`ge${day}`, `le${day}`],
        _count: 100,
      },
      signal,
    );
    return resources
      .map((r) => this.toAppointment(r, directory))
      .find((a) => !!a && a.start === native.start && a.status !== 'cancelled');
  }

  /** A search followed through its `next` links (relative to the FHIR root, as Canvas sends them). */
  private async searchAll<T extends { resourceType?: string }>(
    type: string,
    query: Record<string, string | number | readonly string[] | undefined>,
    signal?: AbortSignal,
  ): Promise<T[]> {
    const out: T[] = [];
    let response = await this.http.request<unknown>({ path: type, query, signal });
    for (let page = 0; page < 50; page++) {
      this.expectBundle(response.body, `${type} search`);
      out.push(...bundleResources<T>(response.body, type));
      const next = nextLink(response.body);
      if (!next) break;
      response = await this.http.request<unknown>({ path: next, signal });
    }
    return out;
  }

  private expectBundle(body: unknown, what: string): void {
    if (!isResource<Bundle>(body, 'Bundle')) {
      throw new BookingError(
        'malformed-response',
        `Canvas answered the ${what} with something that is not a FHIR Bundle.`,
      );
    }
  }

  /** Schedules, practitioners and locations: read once per provider instance, again after a failure. */
  private loadDirectory(signal?: AbortSignal): Promise<Directory> {
    if (!this.directory) {
      const loading = (async (): Promise<Directory> => {
        const [schedules, practitioners, locations] = await Promise.all([
          this.searchAll<CanvasSchedule>('Schedule', {}, signal),
          this.searchAll<FhirPractitioner>('Practitioner', { _count: 100 }, signal),
          this.searchAll<FhirLocation>('Location', {}, signal),
        ]);
        return {
          schedules,
          practitioners: new Map(
            practitioners
              .filter((p) => p.id)
              .map((p) => [p.id!, { id: p.id!, name: humanName(p.name, ', ') ?? 'Clinician' }]),
          ),
          locations: new Map(locations.filter((l) => l.id).map((l) => [l.id!, l])),
        };
      })();
      this.directory = loading;
      loading.catch(() => {
        if (this.directory === loading) this.directory = undefined;
      });
    }
    return this.directory;
  }

  private locationIdOf(locationNumber: string | undefined): string | undefined {
    if (!locationNumber) return undefined;
    const mapped = this.options.scheduleLocations?.[locationNumber];
    return typeof mapped === 'string' ? mapped : undefined;
  }

  private zoneFor(...keys: (string | undefined)[]): ZoneChoice {
    const zones = this.options.locationTimeZones ?? {};
    return configuredZone([...keys.map((key) => (key ? zones[key] : undefined)), this.options.defaultTimeZone]);
  }

  private toLocation(
    locationId: string | undefined,
    locationNumber: string | undefined,
    directory: Directory,
    fallbackName?: string,
  ): Location | undefined {
    const resource = locationId ? directory.locations.get(locationId) : undefined;
    const id = locationId ?? locationNumber;
    if (!id) return undefined;
    const phone = telecomPhone(resource?.telecom);
    const address = mapAddress(resource?.address);
    return {
      id,
      name: resource?.name ?? fallbackName ?? `Location ${id}`,
      ...this.zoneFor(locationId, locationNumber),
      ...(address ? { address } : {}),
      ...(phone ? { phone } : {}),
    };
  }

  private toSlot(slot: FhirSlot, schedule: CanvasSchedule, directory: Directory, duration: number): Slot | undefined {
    if (slot.status && slot.status !== 'free') return undefined;
    const start = toUtcInstant(slot.start);
    const end =
      toUtcInstant(slot.end) ?? (start ? new Date(Date.parse(start) + duration * 60_000).toISOString() : undefined);
    if (!start || !end) return undefined;
    const scheduleId = schedule.id ?? referenceId(slot.schedule?.reference, 'Schedule') ?? '';
    const { locationNumber, staffId } = parseScheduleId(scheduleId);
    const practitionerId = staffId ?? referenceId(schedule.actor?.[0]?.reference, 'Practitioner') ?? '';
    const names = parseScheduleComment(schedule.comment);
    const locationId = this.locationIdOf(locationNumber);
    const location = this.toLocation(locationId, locationNumber, directory, names.location);
    const practitioner =
      directory.practitioners.get(practitionerId) ??
      (names.practitioner ? { id: practitionerId, name: names.practitioner } : undefined);
    const native: CanvasSlotNative = { schedule: scheduleId, practitionerId, locationNumber, locationId, start, end };
    return {
      // Canvas slots have no id: schedule + start + length is stable for as long as the slot exists.
      id: `${scheduleId}|${start}|${duration}`,
      start,
      end,
      ...this.zoneFor(locationId, locationNumber),
      mode: this.options.visitMode ?? 'in-person',
      practitioner,
      location,
      booking: { kind: 'api' },
      native,
    };
  }

  private slotNative(slot: Slot): CanvasSlotNative {
    const native = slot.native;
    if (
      !isRecord(native) ||
      typeof native.schedule !== 'string' ||
      typeof native.practitionerId !== 'string' ||
      typeof native.start !== 'string'
    ) {
      throw new BookingError('validation', 'That time did not come from this Canvas instance. Please choose it again.');
    }
    return native as unknown as CanvasSlotNative;
  }

  /** Canvas Appointment → domain Appointment; `entered-in-error` and unreadable times are left out. */
  private toAppointment(resource: CanvasAppointment, directory: Directory): Appointment | undefined {
    if (!resource.id || resource.status === 'entered-in-error') return undefined;
    const start = toUtcInstant(resource.start);
    const end = toUtcInstant(resource.end) ?? start;
    if (!start || !end) return undefined;
    const status = appointmentStatus(resource.status);
    const practitionerId = resource.participant
      ?.map((p) => referenceId(p.actor?.reference, 'Practitioner'))
      .find((id): id is string => !!id);
    const locationRef = resource.supportingInformation
      ?.map((s) => referenceId(s.reference, 'Location'))
      .find((id): id is string => !!id);
    // `Location/1` (integer, deprecated) is a schedule location number; a uuid is a Location id.
    const isNumber = !!locationRef && /^\d+$/.test(locationRef);
    const locationId = isNumber ? this.locationIdOf(locationRef) : locationRef;
    const locationNumber = isNumber ? locationRef : undefined;
    const telehealthUrl = this.telehealthUrl(resource);
    const codings = resource.appointmentType?.coding ?? [];
    const video = !!telehealthUrl || codings.some((c) => c.code === TELEMEDICINE_CODE);
    const type = codings[0];
    const reasonCode = repairReasonCode(resource.reasonCode, resource.description);
    const native: CanvasAppointment = { ...resource };
    if (reasonCode) native.reasonCode = reasonCode;
    else delete native.reasonCode;
    const open = status === 'proposed' || status === 'pending' || status === 'booked';
    return {
      id: resource.id,
      status,
      start,
      end,
      ...this.zoneFor(locationId, locationNumber),
      mode: video ? 'video' : 'in-person',
      practitioner: practitionerId
        ? (directory.practitioners.get(practitionerId) ?? { id: practitionerId, name: 'Clinician' })
        : undefined,
      location: this.toLocation(locationId, locationNumber, directory),
      service: type?.code ? { id: type.code, name: type.display ?? type.code } : undefined,
      canConfirm: status === 'proposed',
      cancel: open ? 'direct' : 'none',
      telehealthUrl,
      native,
    };
  }

  /** The telehealth link: the contained Endpoint that `supportingInformation` points at (`#id`). */
  private telehealthUrl(resource: CanvasAppointment): string | undefined {
    const contained = Array.isArray(resource.contained) ? resource.contained : [];
    const endpoints = contained.filter(
      (c) => isRecord(c) && c.resourceType === 'Endpoint' && typeof c.address === 'string',
    );
    const refs = (resource.supportingInformation ?? [])
      .map((s) => s.reference)
      .filter((r): r is string => !!r && r.startsWith('#'));
    const referenced = endpoints.find((e) => refs.includes(`#${e.id}`));
    return (referenced ?? endpoints[0])?.address;
  }

  /** An OperationOutcome (or any failed call) → BookingError, with Canvas' kinds and wording. */
  private mapError(failure: HttpFailure): BookingError {
    return outcomeError(isOperationOutcome(failure.json) ? failure.json : undefined, failure.status, canvasKind, {
      defaultWording: DEFAULT_WORDING,
      fallbackCode: `canvas-http-${failure.status}`,
    });
  }
}

export const createCanvasProvider: ProviderFactory = (config) => new CanvasProvider(config);
export default createCanvasProvider;
