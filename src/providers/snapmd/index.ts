import { BookingError } from '../../core/errors.js';
import { HttpClient, bearerAuth } from '../../core/http.js';
import type {
  Appointment,
  AppointmentQuery,
  BookingRequest,
  BookingResult,
  Practitioner,
  Service,
  Slot,
  SlotQuery,
} from '../../core/model.js';
import {
  NO_CAPABILITIES,
  type BookingProvider,
  type ProviderCapabilities,
  type ProviderConfig,
  type ProviderFactory,
} from '../../core/provider.js';
import { addDays, browserZone, localDate } from '../../core/time.js';
import {
  BookingsByKey,
  bookableWindow,
  byStart,
  inListWindow,
  isRecord as isObject,
  nonEmpty as str,
  once,
  startsWithin,
  withSignal,
} from '../shared.js';
import { clinicianOn, searchClinicians, servicesOf, type ClinicianSearch } from './clinicians.js';
import { BACKEND, malformed, mapSnapmdError } from './errors.js';
import {
  appointmentRequest,
  mapAppointment,
  nativeOf,
  toIana,
  type Clinic,
  type KnownClinician,
  type SnapmdNative,
} from './mapping.js';
import { readOptions, type SnapmdSettings } from './options.js';
import { num, type AppointmentRequest } from './wire.js';

export { mapSnapmdError } from './errors.js';
export type { SnapmdNative } from './mapping.js';
export type { SnapmdOptions } from './options.js';
export { SNAPMD_DEFAULT_ZONE_IDS, WINDOWS_TO_IANA } from './zones.js';

/**
 * `snapmd`: SnapMD Connected Care ("Virtual Care Management") V3 API, with the v2.1 resources V3 lacks.
 *
 * - slots: `GET v2.1/patients/appointments/self-scheduling/clinicians?searchRequest.date=…` once per day of
 *   the window; each slot names the availability block it lies in.
 * - book: `POST v3/patients/appointments` into that block with `zonedTime` (the clinic's integer zone id) and
 *   the plain `startTime`/`endTime` in the current user's (the patient's) zone, as the seed says;
 *   update (reschedule): `PUT v3/patients/appointments/{id}`; cancel: `DELETE v3/patients/appointments/{id}`.
 * - list: `GET v2.1/patients/appointments` (no V3 list is documented).
 * - errors: `{ responseCode, message, spCallResult }`, "not found" as HTTP 400 with responseCode 1000404,
 *   401 with the reason in the status line.
 * Every call sends `X-Developer-Id`, `X-Api-Key` and `Authorization: Bearer …`.
 */
export class SnapmdProvider implements BookingProvider {
  readonly backend = 'snapmd';
  readonly capabilities: ProviderCapabilities;
  readonly phone?: string;

  private readonly settings: SnapmdSettings;
  private readonly http: HttpClient;
  /** The clinician search: the HTTP client, the options and the clinicians seen so far. */
  private readonly search: ClinicianSearch;
  private readonly now: () => Date;
  private readonly patientId?: string;
  private zoneList?: Promise<Record<string, string>>;
  /** Clinicians seen in answers, by personId: the names appointments lack in v2.1 answers, the user ids of slots. */
  private readonly clinicians = new Map<string, KnownClinician>();
  private readonly lists = new Map<string, Promise<Practitioner[]>>();
  /** The `horizonDays` option: how many days ahead the clinic books. */
  readonly horizonDays?: number;
  private readonly booked = new BookingsByKey();

  constructor(config: ProviderConfig) {
    this.settings = readOptions(config.options);
    // v3/patients/… books with the patient's own token, for them or their dependents (seed 001); SnapMD
    // documents no resource to list or add dependents, so `dependents` stays false (docs/backends/snapmd.md).
    this.capabilities = {
      ...NO_CAPABILITIES,
      findSlots: true,
      book: true,
      cancel: true,
      reschedule: true,
      listAppointments: true,
      signIn: this.settings.role === 'patients',
    };
    this.now = config.now;
    this.patientId = config.patientId;
    this.phone = this.settings.phone;
    this.horizonDays = this.settings.horizonDays;
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
    this.search = { http: this.http, settings: this.settings, known: this.clinicians };
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

  /**
   * The "current user" zone of the seed (startTime/endTime "in current user time zone"): the zone of the SnapMD
   * user whose token makes the call, the patient here; `userTimeZone`/`userTimeZoneId`, else the browser's.
   */
  private async userZone(signal?: AbortSignal): Promise<string> {
    const { userTimeZone, userTimeZoneId } = this.settings;
    if (userTimeZone) return userTimeZone;
    if (userTimeZoneId === undefined) return browserZone();
    const zone = await this.zoneForId(userTimeZoneId, signal);
    if (zone) return zone;
    throw new BookingError(
      'validation',
      `snapmd: SnapMD time-zone id ${userTimeZoneId} (options.userTimeZoneId) has no known IANA zone; add it to options.timeZones.`,
    );
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

  /**
   * The self-scheduling search once per day of the window; for a clinician whose user id is known (listed, or
   * seen in an answer) the one-clinician resource instead. A chosen visit type must be an offered encounter type.
   */
  async findSlots(query: SlotQuery, signal?: AbortSignal): Promise<Slot[]> {
    const encounter = query.serviceId ? Number(query.serviceId) : this.settings.encounterTypeCode;
    if (!this.settings.encounterTypeCodes.includes(encounter)) return [];
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
    const userId = query.practitionerId ? this.clinicians.get(query.practitionerId)?.userId : undefined;
    const days = await Promise.all(
      dates.map((date) =>
        userId === undefined
          ? searchClinicians(this.search, date, true, clinic, encounter, signal).then((found) => found.slots)
          : clinicianOn(this.search, userId, date, clinic, encounter, signal),
      ),
    );
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

  /** The encounter types the clinic offers (`encounterTypeCodes`), as visit types. */
  async listServices(): Promise<Service[]> {
    return servicesOf(this.settings);
  }

  /**
   * The self-scheduling clinicians (all of them, with or without times today), read once per provider. SnapMD
   * says nothing of where they see patients or which visit types they offer.
   */
  listPractitioners(signal?: AbortSignal): Promise<Practitioner[]> {
    // Shared by every caller, not tied to one caller's signal: one that gives up does not spoil the others'.
    const list = once(this.lists, 'clinicians', async () => {
      const clinic = await this.clinic();
      const today = localDate(this.now().toISOString(), clinic.timeZone);
      return (await searchClinicians(this.search, today, false, clinic, this.settings.encounterTypeCode)).people;
    });
    return withSignal(list, signal);
  }

  // ------------------------------------------------------------------------------------------ booking

  private async body(
    slot: Slot,
    patientId: string,
    note: string | undefined,
    signal?: AbortSignal,
  ): Promise<AppointmentRequest> {
    const native = nativeOf(slot);
    const timeZoneId = await this.clinicZoneId(slot.timeZone, signal);
    const userZone = await this.userZone(signal);
    return appointmentRequest(this.settings, slot, native, patientId, note, { timeZoneId, userZone });
  }

  private appointment(raw: unknown, fallback?: Slot, signal?: AbortSignal): Promise<Appointment> {
    return mapAppointment(raw, {
      settings: this.settings,
      clinicians: this.clinicians,
      fallback,
      clinic: () => this.clinic(signal),
      zoneForId: (id) => this.zoneForId(id, signal),
      userZone: () => this.userZone(signal),
    });
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
    return this.booked.remember(request.idempotencyKey, {
      kind: 'booked',
      appointment: await this.appointment(response.body, request.slot, signal),
    });
  }

  async reschedule(appointment: Appointment, slot: Slot, signal?: AbortSignal): Promise<Appointment> {
    const native = appointment.native as SnapmdNative | undefined;
    const patientId = native?.patientPersonId ?? this.patientId;
    if (!patientId) throw new BookingError('validation', 'A patient (SnapMD personId) is needed to reschedule.');
    // The update replaces the appointment: the patient's note goes again.
    const body = await this.body(slot, patientId, native?.note, signal);
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
}

export const createSnapmdProvider: ProviderFactory = (config) => new SnapmdProvider(config);
export default createSnapmdProvider;
