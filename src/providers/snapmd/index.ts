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
  Slot,
  SlotQuery,
  TimeZoneSource,
  VisitMode,
} from '../../core/model.js';
import {
  NO_CAPABILITIES,
  type BookingProvider,
  type ProviderCapabilities,
  type ProviderConfig,
  type ProviderFactory,
} from '../../core/provider.js';
import { addDays, isValidZone, localDate, localToUtc, toUtcInstant } from '../../core/time.js';
import { DateTime } from 'luxon';
import {
  bookableWindow,
  byStart,
  checkZone,
  inListWindow,
  isRecord as isObject,
  malformedAnswer,
  nonEmpty as str,
  startsWithin,
} from '../shared.js';
import { SNAPMD_DEFAULT_ZONE_IDS, WINDOWS_TO_IANA } from './zones.js';

export { SNAPMD_DEFAULT_ZONE_IDS, WINDOWS_TO_IANA } from './zones.js';

/**
 * `snapmd`: SnapMD Connected Care ("Virtual Care Management") V3 API, with the v2.1 resources V3 lacks.
 *
 * - slots: `GET v2.1/patients/appointments/self-scheduling/clinicians?searchRequest.date=…` once per day of
 *   the window; each slot names the availability block it lies in.
 * - book: `POST v3/patients/appointments` into that block with `zonedTime` (the clinic's integer zone id);
 *   update (reschedule): `PUT v3/patients/appointments/{id}`; cancel: `DELETE v3/patients/appointments/{id}`.
 * - list: `GET v2.1/patients/appointments` (no V3 list is documented).
 * - errors: `{ responseCode, message, spCallResult }`, "not found" as HTTP 400 with responseCode 1000404,
 *   401 with the reason in the status line.
 * Every call sends `X-Developer-Id`, `X-Api-Key` and `Authorization: Bearer …`.
 */

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
  /** SnapMD zone id → IANA or Windows zone id, merged over the defaults (`83` → Pacific Standard Time). */
  timeZones?: Record<string, string>;
  /** Ask `GET v2/timezones` for ids the map does not know. Default true. */
  lookupTimeZones?: boolean;
  /** `encounterTypeCode` of new appointments: 1 Text, 2 Phone, 3 Video (default), 4 In person. */
  encounterTypeCode?: number;
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

/** What a careslot Slot / Appointment keeps to book, update or cancel again. */
export interface SnapmdNative {
  availabilityBlockId?: string;
  clinicianPersonId?: string;
  clinicianUserId?: number;
  patientPersonId?: string;
  serviceTypeId?: number;
  encounterTypeCode?: number;
  appointmentTypeCode?: number;
}

const BACKEND = 'SnapMD';
const STANDARD_REASONS =
  /^(OK|Bad Request|Unauthorized|Forbidden|Not Found|Internal Server Error|Service Unavailable|Bad Gateway|Gateway Timeout|Method Not Allowed|Conflict)$/i;
const SLOT_TAKEN = /no longer available|not available|already (booked|taken|scheduled)|overlap|double[- ]book/i;

function num(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && /^-?\d+$/.test(value.trim())) return Number(value);
  return undefined;
}
function malformed(what: string): BookingError {
  return malformedAnswer(BACKEND, what);
}

/** Maps SnapMD's error answers (`{ responseCode, message, spCallResult }`, reason phrases) to BookingErrors. */
export function mapSnapmdError(failure: HttpFailure): BookingError {
  const body = isObject(failure.json) ? failure.json : undefined;
  const sp = isObject(body?.spCallResult) ? body.spCallResult : undefined;
  // The body's code wins: the seed's status line says 1000404 while its body says 1000400.
  const code = num(body?.responseCode) ?? num(sp?.ErrorCode) ?? num(/Sp Error (\d+)/i.exec(failure.statusText)?.[1]);
  const reason =
    failure.statusText && !/^Sp Error/i.test(failure.statusText) && !STANDARD_REASONS.test(failure.statusText)
      ? failure.statusText
      : undefined;
  const message =
    str(body?.message) ??
    str(body?.Message) ??
    str(sp?.Error) ??
    reason ??
    (failure.text && !body && failure.text.length < 300 ? failure.text.trim() : undefined);
  let kind: BookingErrorKind;
  if (code === 1000404) kind = 'not-found';
  else if (failure.status === 401) kind = message && /only patients/i.test(message) ? 'forbidden' : 'auth-expired';
  else if (failure.status === 400 || code === 1000400)
    kind = message && SLOT_TAKEN.test(message) ? 'slot-unavailable' : 'validation';
  else kind = kindForStatus(failure.status);
  return new BookingError(kind, message ?? DEFAULT_MESSAGES[kind], {
    status: failure.status,
    backendCode: code === undefined ? undefined : String(code),
  });
}

const STATUS_NAMES = [
  'NotSpecified',
  'Scheduled',
  'Waiting',
  'CancelledByPatient',
  'CancelledByProvider',
  'Fulfilled',
  'Transferred',
];

/** `appointmentStatusCode`: a string in V3, an int in v2.1. */
function mapStatus(value: unknown): AppointmentStatus {
  const name = typeof value === 'number' ? STATUS_NAMES[value] : str(value);
  switch (name?.toLowerCase()) {
    case 'scheduled':
      return 'booked';
    case 'waiting':
      return 'arrived';
    case 'cancelledbypatient':
    case 'cancelledbyprovider':
      return 'cancelled';
    case 'fulfilled':
      return 'fulfilled';
    default:
      return 'unknown';
  }
}

/** `encounterTypeCode`: 1 Text, 2 Phone, 3 Video, 4 InPerson. Text chats count as remote (patient's zone). */
function modeOf(code: number | undefined): VisitMode {
  if (code === 4) return 'in-person';
  if (code === 2) return 'phone';
  return 'video';
}

interface Settings {
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
  zoneIds: Record<string, string>;
  lookupTimeZones: boolean;
  encounterTypeCode: number;
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

function readOptions(raw: Record<string, unknown>): Settings {
  const role = raw.role === 'admin' ? 'admin' : 'patients';
  const path = (value: unknown, fallback: string) =>
    (str(value) ?? fallback).replace('{role}', role).replace(/^\/+|\/+$/g, '');
  const zone = str(raw.timeZone);
  if (zone !== undefined) checkZone('snapmd', zone, `"${zone}"`);
  const zoneIds: Record<string, string> = { ...SNAPMD_DEFAULT_ZONE_IDS };
  if (isObject(raw.timeZones))
    for (const [id, name] of Object.entries(raw.timeZones)) if (typeof name === 'string') zoneIds[id] = name;
  const concerns = Array.isArray(raw.concerns)
    ? raw.concerns.filter(
        (c): c is { code: number; description: string } =>
          isObject(c) && typeof c.code === 'number' && typeof c.description === 'string',
      )
    : [];
  const location =
    isObject(raw.location) && str(raw.location.id) && str(raw.location.name)
      ? (raw.location as SnapmdOptions['location'])
      : undefined;
  return {
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
    zoneIds,
    lookupTimeZones: raw.lookupTimeZones !== false,
    encounterTypeCode: num(raw.encounterTypeCode) ?? 3,
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

/** A zone name from the map or SnapMD's list: an IANA name, or a Windows id. */
function toIana(name: string | undefined): string | undefined {
  if (!name) return undefined;
  const trimmed = name.trim();
  if (WINDOWS_TO_IANA[trimmed]) return WINDOWS_TO_IANA[trimmed];
  return trimmed.includes('/') && isValidZone(trimmed) ? trimmed : trimmed === 'UTC' ? 'UTC' : undefined;
}

/** A SnapMD date-time: with an offset it is an instant; without one it is wall-clock time in `zone`. */
function snapTime(value: unknown, zone: string): string | undefined {
  if (typeof value !== 'string' || !value.trim()) return undefined;
  return /([zZ]|[+-]\d{2}(:?\d{2})?)$/.test(value.trim()) && /T/.test(value)
    ? toUtcInstant(value)
    : localToUtc(value, zone);
}

/** Wall-clock time of an instant in a zone, without offset: `2019-03-14T17:48:00`. */
function wallClock(instant: string, zone: string): string {
  return DateTime.fromISO(instant, { zone: 'utc' }).setZone(zone).toFormat("yyyy-MM-dd'T'HH:mm:ss");
}

interface Clinic {
  timeZone: string;
  timeZoneSource: TimeZoneSource;
}

export class SnapmdProvider implements BookingProvider {
  readonly backend = 'snapmd';
  readonly capabilities: ProviderCapabilities = {
    ...NO_CAPABILITIES,
    findSlots: true,
    book: true,
    cancel: true,
    reschedule: true,
    listAppointments: true,
  };
  readonly phone?: string;

  private readonly settings: Settings;
  private readonly http: HttpClient;
  private readonly now: () => Date;
  private readonly patientId?: string;
  private zoneList?: Promise<Record<string, string>>;
  /** Clinicians seen in slot answers, by personId: the names appointments lack in v2.1 answers. */
  private readonly clinicians = new Map<string, Practitioner & { userId?: number }>();
  private readonly booked = new Map<string, BookingResult>();

  constructor(config: ProviderConfig) {
    this.settings = readOptions(config.options);
    this.now = config.now;
    this.patientId = config.patientId;
    this.phone = this.settings.phone;
    if (!config.baseUrl)
      throw new BookingError('validation', "snapmd: set base-url to the hospital's API root (…/api).");
    const headers: Record<string, string> = {};
    if (this.settings.developerId) headers[this.settings.developerIdHeader] = this.settings.developerId;
    if (this.settings.apiKey) headers[this.settings.apiKeyHeader] = this.settings.apiKey;
    this.http = new HttpClient({
      backend: BACKEND,
      baseUrl: config.baseUrl,
      timeoutMs: this.settings.timeoutMs,
      headers,
      auth: bearerAuth(this.settings.getToken),
      mapError: mapSnapmdError,
    });
  }

  // ------------------------------------------------------------------------------------------ zones

  /** `GET v2/timezones`, once: id → name. */
  private lookup(signal?: AbortSignal): Promise<Record<string, string>> {
    this.zoneList ??= this.http
      .request<unknown>({ path: this.settings.timeZonesPath, signal })
      .then(({ body }) => {
        const data = isObject(body) && Array.isArray(body.data) ? body.data : undefined;
        if (!data) throw malformed('a time-zone list that');
        const out: Record<string, string> = {};
        for (const item of data)
          if (isObject(item) && num(item.id) !== undefined && str(item.name))
            out[String(num(item.id))] = str(item.name)!;
        return out;
      })
      .catch((error: unknown) => {
        this.zoneList = undefined;
        throw error;
      });
    return this.zoneList;
  }

  /** IANA zone of a SnapMD zone id: the map first, then SnapMD's own list. */
  async zoneForId(id: number, signal?: AbortSignal): Promise<string | undefined> {
    const known = toIana(this.settings.zoneIds[String(id)]);
    if (known || !this.settings.lookupTimeZones) return known;
    return toIana((await this.lookup(signal))[String(id)]);
  }

  /** SnapMD zone id of an IANA zone. */
  async idForZone(zone: string, signal?: AbortSignal): Promise<number | undefined> {
    const match = (entries: Record<string, string>) =>
      Object.entries(entries).find(([, name]) => toIana(name) === zone)?.[0];
    const known = match(this.settings.zoneIds);
    if (known) return Number(known);
    if (!this.settings.lookupTimeZones) return undefined;
    const found = match(await this.lookup(signal));
    return found === undefined ? undefined : Number(found);
  }

  private async clinic(signal?: AbortSignal): Promise<Clinic> {
    const { timeZone, timeZoneId } = this.settings;
    if (timeZone) return { timeZone, timeZoneSource: 'config' };
    if (timeZoneId !== undefined) {
      const zone = await this.zoneForId(timeZoneId, signal);
      if (!zone)
        throw new BookingError(
          'validation',
          `snapmd: SnapMD time-zone id ${timeZoneId} has no known IANA zone; add it to options.timeZones.`,
        );
      return { timeZone: zone, timeZoneSource: 'backend' };
    }
    return { timeZone: 'UTC', timeZoneSource: 'default' };
  }

  private async clinicZoneId(zone: string, signal?: AbortSignal): Promise<number> {
    const id = this.settings.timeZoneId ?? (await this.idForZone(zone, signal));
    if (id === undefined) {
      throw new BookingError(
        'validation',
        'snapmd: the clinic time zone has no SnapMD id; set options.timeZoneId (or options.timeZone to a zone in options.timeZones).',
      );
    }
    return id;
  }

  // ------------------------------------------------------------------------------------------ slots

  async findSlots(query: SlotQuery, signal?: AbortSignal): Promise<Slot[]> {
    const clinic = await this.clinic(signal);
    const { from, to } = bookableWindow(query, this.now());
    if (!(from < to)) return [];
    const dates: string[] = [];
    const last = localDate(new Date(to).toISOString(), clinic.timeZone);
    for (
      let d = localDate(new Date(from).toISOString(), clinic.timeZone);
      d <= last && dates.length < 62;
      d = addDays(d, 1)
    )
      dates.push(d);
    const days = await Promise.all(dates.map((date) => this.slotsOn(date, clinic, signal)));
    const seen = new Set<string>();
    return days
      .flat()
      .filter(
        (s) =>
          !query.practitionerId ||
          s.practitioner?.id === query.practitionerId ||
          String((s.native as SnapmdNative).clinicianUserId) === query.practitionerId,
      )
      .filter((s) => startsWithin(s, from, to))
      .filter((s) => !seen.has(s.id) && !!seen.add(s.id))
      .sort(byStart);
  }

  private async slotsOn(date: string, clinic: Clinic, signal?: AbortSignal): Promise<Slot[]> {
    const { settings } = this;
    const slots: Slot[] = [];
    for (let skip = 0, page = 0; page < 20; page++, skip += settings.pageSize) {
      const { body } = await this.http.request<unknown>({
        path: settings.slotsPath,
        query: {
          'searchRequest.date': date,
          'searchRequest.availableOnly': true,
          'searchRequest.onlyMyProviders': false,
          'searchRequest.skip': skip,
          'searchRequest.take': settings.pageSize,
        },
        signal,
      });
      if (!isObject(body) || !Array.isArray(body.data)) throw malformed('a self-scheduling answer that');
      let count = 0;
      for (const entry of body.data) {
        if (!isObject(entry) || (entry.clinicians !== undefined && !Array.isArray(entry.clinicians)))
          throw malformed('a self-scheduling entry that');
        for (const clinician of (entry.clinicians as unknown[] | undefined) ?? []) {
          count++;
          slots.push(...this.clinicianSlots(clinician, clinic));
        }
      }
      if (count < settings.pageSize) break;
    }
    return slots;
  }

  private clinicianSlots(raw: unknown, clinic: Clinic): Slot[] {
    if (!isObject(raw)) throw malformed('a clinician that');
    const personId = str(raw.personId);
    if (!personId) throw malformed('a clinician without personId, which');
    const name = [str(raw.name), str(raw.lastName)].filter(Boolean).join(' ') || 'Clinician';
    const practitioner: Practitioner & { userId?: number } = {
      id: personId,
      name,
      specialty: str(raw.medicalSpeciality) ?? str(raw.subSpeciality),
      photoUrl: str(raw.profilePhoto),
      userId: num(raw.userId),
    };
    this.clinicians.set(personId, practitioner);
    const { userId, ...shown } = practitioner;
    if (raw.slots !== undefined && !Array.isArray(raw.slots)) throw malformed('clinician slots that');
    const mode = modeOf(this.settings.encounterTypeCode);
    return ((raw.slots as unknown[] | undefined) ?? []).map((item) => {
      const start = isObject(item) ? snapTime(item.from, clinic.timeZone) : undefined;
      const end = isObject(item) ? snapTime(item.to, clinic.timeZone) : undefined;
      const block = isObject(item) ? str(item.availabilityBlockId) : undefined;
      if (!start || !end || !block) throw malformed('a slot whose block or times');
      const native: SnapmdNative = { availabilityBlockId: block, clinicianPersonId: personId, clinicianUserId: userId };
      return {
        id: `${block}|${start}`,
        start,
        end,
        ...clinic,
        mode,
        practitioner: shown,
        location: mode === 'in-person' ? this.location(clinic) : undefined,
        booking: { kind: 'api' },
        native,
      } satisfies Slot;
    });
  }

  private location(clinic: Clinic): Location | undefined {
    const l = this.settings.location;
    return l ? { id: l.id, name: l.name, address: l.address, phone: l.phone, ...clinic } : undefined;
  }

  // ------------------------------------------------------------------------------------------ booking

  private nativeOf(slot: Slot): SnapmdNative {
    const native = slot.native as SnapmdNative | undefined;
    if (!native?.availabilityBlockId || !native.clinicianPersonId) {
      throw new BookingError(
        'validation',
        'This time did not come from the SnapMD backend; choose a time from the list.',
      );
    }
    return native;
  }

  private async body(
    slot: Slot,
    patientId: string,
    note: string | undefined,
    signal?: AbortSignal,
  ): Promise<Record<string, unknown>> {
    const { settings } = this;
    const native = this.nativeOf(slot);
    const timeZoneId = await this.clinicZoneId(slot.timeZone, signal);
    const startTime = wallClock(slot.start, slot.timeZone);
    const endTime = wallClock(slot.end, slot.timeZone);
    return {
      availabilityBlockId: native.availabilityBlockId,
      appointmentTypeCode: settings.appointmentTypeCode,
      encounterTypeCode: settings.encounterTypeCode,
      ...(settings.serviceTypeId !== undefined ? { serviceTypeId: settings.serviceTypeId } : {}),
      ...(settings.waiveFee !== undefined ? { waiveFee: settings.waiveFee } : {}),
      intakeMetadata: {
        concerns: settings.concerns.map((c, i) => ({
          isPrimary: i === 0,
          customCode: { code: c.code, description: c.description },
        })),
        additionalNotes: note ?? '',
      },
      paymentRequisites: settings.paymentRequisites,
      participants: [
        { attendenceCode: 1, personId: patientId, participantTypeCode: 1 },
        { attendenceCode: 1, personId: native.clinicianPersonId, participantTypeCode: 2 },
      ],
      ...(settings.where ? { where: settings.where } : {}),
      // Also sent plain: SnapMD reads these in the user's profile zone, but zonedTime takes precedence.
      startTime,
      endTime,
      zonedTime: { timeZoneId, startTime, endTime },
    };
  }

  /** Reads an AppointmentResponse (bare in V3, inside `data` in v2.1). */
  private async appointment(raw: unknown, fallback?: Slot, signal?: AbortSignal): Promise<Appointment> {
    if (!isObject(raw)) throw malformed('an appointment that');
    const id = str(raw.appointmentId) ?? str(raw.id);
    if (!id) throw malformed('an appointment without appointmentId, which');
    const clinic = fallback
      ? { timeZone: fallback.timeZone, timeZoneSource: fallback.timeZoneSource ?? 'config' }
      : await this.clinic(signal);
    let zone: Clinic = clinic;
    const zoned = isObject(raw.zonedTime) ? raw.zonedTime : undefined;
    const zonedId = num(zoned?.timeZoneId);
    if (zonedId !== undefined) {
      const iana = await this.zoneForId(zonedId, signal).catch(() => undefined);
      if (iana) zone = { timeZone: iana, timeZoneSource: 'backend' };
    }
    const start = snapTime(raw.startTime, zone.timeZone) ?? snapTime(zoned?.startTime, zone.timeZone);
    const end = snapTime(raw.endTime, zone.timeZone) ?? snapTime(zoned?.endTime, zone.timeZone);
    if (!start || !end) throw malformed('an appointment whose times');
    const participants = Array.isArray(raw.participants) ? raw.participants.filter(isObject) : [];
    const clinicianPart = participants.find((p) => num(p.participantTypeCode) === 2);
    const patientPart = participants.find((p) => num(p.participantTypeCode) === 1);
    const clinicianId =
      str(clinicianPart?.personId) ?? (isObject(clinicianPart?.person) ? str(clinicianPart.person.id) : undefined);
    const person = isObject(clinicianPart?.person) ? clinicianPart.person : undefined;
    const personName = isObject(person?.name)
      ? [str(person.name.prefix), str(person.name.given), str(person.name.family), str(person.name.suffix)]
          .filter(Boolean)
          .join(' ')
      : undefined;
    const known = clinicianId ? this.clinicians.get(clinicianId) : undefined;
    const practitioner: Practitioner | undefined = clinicianId
      ? {
          id: clinicianId,
          name: personName || known?.name || str(isObject(person?.name) ? person.name.text : undefined) || 'Clinician',
          specialty: known?.specialty,
        }
      : fallback?.practitioner;
    const status = mapStatus(raw.appointmentStatusCode);
    const encounter = num(raw.encounterTypeCode) ?? this.settings.encounterTypeCode;
    const mode = modeOf(encounter);
    const native: SnapmdNative = {
      availabilityBlockId:
        str(raw.availabilityBlockId) ?? (fallback?.native as SnapmdNative | undefined)?.availabilityBlockId,
      clinicianPersonId: clinicianId,
      clinicianUserId: num(raw.clinicianId),
      patientPersonId: str(patientPart?.personId),
      serviceTypeId: num(raw.serviceTypeId),
      encounterTypeCode: encounter,
      appointmentTypeCode: num(raw.appointmentTypeCode),
    };
    const serviceName = str(raw.serviceTypeName);
    return {
      id,
      status,
      start,
      end,
      ...zone,
      mode,
      practitioner,
      location: mode === 'in-person' ? this.location(zone) : undefined,
      service: serviceName ? { id: String(native.serviceTypeId ?? serviceName), name: serviceName } : undefined,
      canConfirm: false,
      cancel: status === 'booked' ? 'direct' : 'none',
      native,
    };
  }

  async book(request: BookingRequest, signal?: AbortSignal): Promise<BookingResult> {
    const repeat = this.booked.get(request.idempotencyKey);
    if (repeat) return repeat;
    if (!request.patientId) throw new BookingError('validation', 'A patient (SnapMD personId) is needed to book.');
    const body = await this.body(request.slot, request.patientId, request.note, signal);
    const response = await this.http.request<unknown>({
      method: 'POST',
      path: this.settings.appointmentsPath,
      body,
      signal,
    });
    const result: BookingResult = {
      kind: 'booked',
      appointment: await this.appointment(response.body, request.slot, signal),
    };
    this.booked.set(request.idempotencyKey, result);
    return result;
  }

  async reschedule(appointment: Appointment, slot: Slot, signal?: AbortSignal): Promise<Appointment> {
    const patientId = (appointment.native as SnapmdNative | undefined)?.patientPersonId ?? this.patientId;
    if (!patientId) throw new BookingError('validation', 'A patient (SnapMD personId) is needed to reschedule.');
    const body = await this.body(slot, patientId, undefined, signal);
    const response = await this.http.request<unknown>({
      method: 'PUT',
      path: `${this.settings.appointmentsPath}/${encodeURIComponent(appointment.id)}`,
      body,
      signal,
    });
    return this.appointment(response.body, slot, signal);
  }

  async cancel(appointment: Appointment, signal?: AbortSignal): Promise<Appointment> {
    // 200 with no body.
    await this.http.request({
      method: 'DELETE',
      path: `${this.settings.appointmentsPath}/${encodeURIComponent(appointment.id)}`,
      expect: 'none',
      signal,
    });
    return { ...appointment, status: 'cancelled', cancel: 'none', canConfirm: false };
  }

  async confirm(): Promise<Appointment> {
    throw new BookingError('not-supported', 'SnapMD appointments do not need confirming online.');
  }

  async listAppointments(query: AppointmentQuery, signal?: AbortSignal): Promise<Appointment[]> {
    const { body } = await this.http.request<unknown>({
      path: this.settings.listPath,
      query: { includePatientCoUsers: false },
      signal,
    });
    if (!isObject(body) || !Array.isArray(body.data)) throw malformed('an appointment list that');
    const list = await Promise.all(body.data.map((item) => this.appointment(item, undefined, signal)));
    return list.filter((a) => {
      const patient = (a.native as SnapmdNative).patientPersonId;
      if (patient && query.patientId && patient !== query.patientId) return false;
      return inListWindow(a, query);
    });
  }

  async listPractitioners(): Promise<Practitioner[]> {
    return [...this.clinicians.values()].map(({ userId: _userId, ...p }) => p);
  }
}

export const createSnapmdProvider: ProviderFactory = (config) => new SnapmdProvider(config);
export default createSnapmdProvider;
