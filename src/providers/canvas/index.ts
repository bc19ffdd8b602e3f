import { BookingError } from '../../core/errors.js';
import { HttpClient, bearerAuth } from '../../core/http.js';
import type {
  Appointment,
  AppointmentQuery,
  BookingRequest,
  BookingResult,
  Location,
  Patient,
  PatientRegistration,
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
import {
  referenceId,
  sameOriginNext,
  type FhirLocation,
  type FhirPractitioner,
  type FhirSlot,
} from '../fhir-common/index.js';
import { bookableWindow, BookingsByKey, byStart, DAY_MS, inListWindow, isRecord, startsWithin } from '../shared.js';
import { locationsOf, practitionersOf, servicesOf, typeMode } from './directory.js';
import { mapCanvasError } from './errors.js';
import {
  bundleResources,
  expectBundle,
  locationIdOf,
  newAppointment,
  parseScheduleId,
  practitionersById,
  slotNative,
  toAppointment,
  toSlot,
  utcDate,
  type CanvasSlotNative,
  type Directory,
  type MapContext,
} from './mapping.js';
import { invalid, readOptions, type CanvasOptions } from './options.js';
import { registerCanvasPatient, UNKNOWN_BIRTH_SEX } from './patients.js';
import type { CanvasAppointment, CanvasSchedule } from './wire.js';

export type { CanvasOptions } from './options.js';
export type { CanvasAppointment } from './wire.js';
export { parseScheduleId, repairReasonCode } from './mapping.js';

/** The Canvas Medical FHIR adapter. */
export class CanvasProvider implements BookingProvider {
  readonly backend = 'canvas';
  readonly capabilities: ProviderCapabilities = {
    ...NO_CAPABILITIES,
    findSlots: true,
    book: true,
    cancel: true,
    confirm: true,
    listAppointments: true,
    newPatient: true,
  };
  readonly phone?: string;
  /** The `horizonDays` option: how many days ahead the clinic books. */
  readonly horizonDays?: number;
  /** Only with `options.appointmentTypes`: Canvas' FHIR API cannot list note types. */
  declare readonly listServices?: (signal?: AbortSignal) => Promise<Service[]>;

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
    this.horizonDays = this.options.horizonDays;
    if (this.options.appointmentTypes) this.listServices = async () => servicesOf(this.options);
    this.http = new HttpClient({
      backend: 'Canvas',
      baseUrl: config.baseUrl,
      timeoutMs: this.options.timeoutMs,
      headers: { Accept: 'application/json' },
      auth: bearerAuth(this.options.getToken),
      mapError: mapCanvasError,
    });
  }

  async findSlots(query: SlotQuery, signal?: AbortSignal): Promise<Slot[]> {
    // A chosen visit type must be one of `appointmentTypes`; it sets the slot length and how it is attended.
    const coding = query.serviceId ? this.options.appointmentTypes?.find((t) => t.code === query.serviceId) : undefined;
    if (query.serviceId && !coding) return [];
    const context = await this.context(signal);
    const duration = coding?.durationMinutes ?? this.options.durationMinutes ?? 20;
    const type = coding && {
      coding,
      mode: typeMode(this.options, coding),
      service: { id: coding.code, name: coding.display ?? coding.code },
    };
    const { from, to } = bookableWindow(query, this.now());
    if (!(to > from)) return [];
    const schedules = context.directory.schedules.filter((schedule) => {
      const { staffId, locationNumber } = parseScheduleId(schedule.id ?? '');
      const practitionerId = staffId ?? referenceId(schedule.actor?.[0]?.reference, 'Practitioner');
      if (!practitionerId) return false;
      if (query.practitionerId && practitionerId !== query.practitionerId) return false;
      if (
        query.locationId &&
        query.locationId !== locationNumber &&
        query.locationId !== locationIdOf(this.options, locationNumber)
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
        expectBundle(response.body, 'Slot search');
        return bundleResources<FhirSlot>(response.body, 'Slot').map((slot) =>
          toSlot(context, slot, schedule, duration, type),
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
    const native = slotNative(request.slot);
    if (!request.patientId) throw new BookingError('validation', 'A patient is needed to book.');
    // A retry after a lost answer (timeout, network) may find the first attempt already booked.
    if (this.attempted.has(request.idempotencyKey)) {
      const existing = await this.findBooked(request.patientId, native, signal);
      if (existing) return this.remember(request.idempotencyKey, existing);
    }
    const resource = newAppointment(native, request.patientId, request.note?.trim(), this.options);
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
      const context = await this.context(signal);
      return this.remember(request.idempotencyKey, toAppointment(context, { ...resource, id })!);
    }
    // Without the header (e.g. not exposed by CORS) the new appointment is looked up by its time.
    const found = await this.findBooked(request.patientId, native, signal);
    if (found) return this.remember(request.idempotencyKey, found);
    return { kind: 'pending', message: 'Canvas accepted the booking. It will show in your appointments shortly.' };
  }

  /** The patient registered with this key: found by its identifier (a retry), else created. */
  async registerPatient(registration: PatientRegistration, signal?: AbortSignal): Promise<Patient> {
    const extensions = this.options.newPatientExtensions ?? [UNKNOWN_BIRTH_SEX];
    return { id: await registerCanvasPatient(this.http, registration, extensions, signal) };
  }

  async listAppointments(query: AppointmentQuery, signal?: AbortSignal): Promise<Appointment[]> {
    if (!query.patientId) return [];
    const context = await this.context(signal);
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
      .map((r) => toAppointment(context, r))
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

  /** The clinicians that have a schedule, each with the places of their schedules. */
  async listPractitioners(signal?: AbortSignal): Promise<Practitioner[]> {
    return practitionersOf(await this.context(signal));
  }

  /** The places that have a schedule, named as their slots name them. */
  async listLocations(signal?: AbortSignal): Promise<Location[]> {
    return locationsOf(await this.context(signal));
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
    const context = await this.context(signal);
    return toAppointment(context, { ...resource, meta: undefined }) ?? { ...appointment, status };
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
    const context = await this.context(signal);
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
      .map((r) => toAppointment(context, r))
      .find((a) => !!a && a.start === native.start && a.status !== 'cancelled');
  }

  /**
   * A search followed through its `next` links (relative to the FHIR root, as Canvas sends them), only on the
   * FHIR root's own origin: the bearer token goes with every page.
   */
  private async searchAll<T extends { resourceType?: string }>(
    type: string,
    query: Record<string, string | number | readonly string[] | undefined>,
    signal?: AbortSignal,
  ): Promise<T[]> {
    const out: T[] = [];
    let response = await this.http.request<unknown>({ path: type, query, signal });
    for (let page = 0; page < 50; page++) {
      expectBundle(response.body, `${type} search`);
      out.push(...bundleResources<T>(response.body, type));
      const next = sameOriginNext(response.body, this.http.url(''), 'Canvas');
      if (!next) break;
      response = await this.http.request<unknown>({ path: next, signal });
    }
    return out;
  }

  /** What the mapping needs: the options and the directory. */
  private async context(signal?: AbortSignal): Promise<MapContext> {
    return { options: this.options, directory: await this.loadDirectory(signal) };
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
          practitioners: practitionersById(practitioners),
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
}

export const createCanvasProvider: ProviderFactory = (config) => new CanvasProvider(config);
export default createCanvasProvider;
