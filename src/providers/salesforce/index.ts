import { BookingError } from '../../core/errors.js';
import { HttpClient, bearerAuth } from '../../core/http.js';
import type {
  Appointment,
  AppointmentQuery,
  BookingRequest,
  BookingResult,
  Location,
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
  BookingsByKey,
  DAY_MS,
  bookableWindow,
  byStart,
  isRecord as isObject,
  nonEmpty as str,
  startsWithin,
} from '../shared.js';
import { BACKEND, malformed, mapSalesforceError, readOutput } from './errors.js';
import {
  appointmentFrom,
  appointmentInput,
  ehrFields,
  fromRecord,
  locationOf,
  mapSlots,
  mapStatus,
  type SalesforceNative,
} from './mapping.js';
import { hasWorkTypes, locationsOf, practitionersOf, servicesOf, workTypesOf } from './lists.js';
import { readOptions, type SalesforceResource, type SalesforceSettings } from './options.js';
import { soqlString, type CancelInput, type GetSlotsRequest } from './wire.js';

export { mapSalesforceError } from './errors.js';
export type { SalesforceNative } from './mapping.js';
export type { SalesforceLocation, SalesforceOptions, SalesforceResource, SalesforceWorkType } from './options.js';

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
export class SalesforceProvider implements BookingProvider {
  readonly backend = 'salesforce';
  readonly capabilities: ProviderCapabilities;
  readonly phone?: string;
  /** Only with `listAppointments: 'soql'`: the Connect API itself has no list resource. */
  readonly listAppointments?: (query: AppointmentQuery, signal?: AbortSignal) => Promise<Appointment[]>;
  /** Only where the options name a work type: the Connect API cannot list them. */
  readonly listServices?: () => Promise<Service[]>;
  /** The `horizonDays` option: how many days ahead the clinic books. */
  readonly horizonDays?: number;

  private readonly settings: SalesforceSettings;
  private readonly http: HttpClient;
  private readonly now: () => Date;
  private readonly booked = new BookingsByKey();
  /** The `patient` attribute: the Account id a reschedule is sent for. */
  private readonly patientId: string | undefined;

  constructor(config: ProviderConfig) {
    this.settings = readOptions(config.options);
    this.now = config.now;
    this.patientId = config.patientId;
    this.phone = this.settings.phone;
    // Book names an existing Patient (Account id) and seed 003 says nothing of whose token books, nor of making
    // patients: `newPatient` and `signIn` stay false (docs/backends/salesforce.md, "Who books").
    this.capabilities = {
      ...NO_CAPABILITIES,
      findSlots: true,
      book: true,
      cancel: true,
      reschedule: true,
      listAppointments: this.settings.list === 'soql',
    };
    if (this.settings.list === 'soql') this.listAppointments = (query, signal) => this.listBySoql(query, signal);
    if (hasWorkTypes(this.settings)) this.listServices = async () => servicesOf(this.settings);
    this.horizonDays = this.settings.horizonDays;
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

  async findSlots(query: SlotQuery, signal?: AbortSignal): Promise<Slot[]> {
    const { settings } = this;
    const resources = settings.resources.filter((r) => {
      if (query.practitionerId && r.id !== query.practitionerId) return false;
      if (query.locationId && locationOf(settings, r)?.id !== query.locationId) return false;
      // A resource whose work types are known and exclude the chosen one has no times for it.
      const workTypes = workTypesOf(settings, r);
      return !(query.serviceId && workTypes && !workTypes.includes(query.serviceId));
    });
    if (resources.length === 0) return [];
    const { from, to } = bookableWindow(query, this.now());
    if (!(from < to)) return [];
    // One call per (work type, channel) group and per window of at most maxWindowDays.
    const groups = new Map<string, SalesforceResource[]>();
    for (const resource of resources) {
      const workTypeId = query.serviceId ?? workTypesOf(settings, resource)?.[0];
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
    const body: GetSlotsRequest = {
      resources: resources.map((r) => {
        const territory = r.serviceTerritoryId ?? locationOf(settings, r)?.serviceTerritoryId;
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
      ...ehrFields(settings),
    };
    const response = await this.http.request<unknown>({
      method: 'POST',
      path: this.path(settings.slotsPath),
      body,
      signal,
    });
    return mapSlots(response.body, resources, workTypeId, channelId, settings);
  }

  async book(request: BookingRequest, signal?: AbortSignal): Promise<BookingResult> {
    const repeat = this.booked.get(request.idempotencyKey);
    if (repeat) return repeat;
    if (!request.patientId) throw new BookingError('validation', 'A patient (Account id) is needed to book.');
    const body = appointmentInput(this.settings, request.slot, request.patientId, request.note);
    const response = await this.http.request<unknown>({
      method: 'POST',
      path: this.path(this.settings.appointmentPath),
      body,
      signal,
    });
    const { id, status } = readOutput(response.body, 'book');
    if (!id) throw malformed('a booking answer without an appointment id, which');
    return this.booked.remember(request.idempotencyKey, {
      kind: 'booked',
      appointment: appointmentFrom(id, request.slot, status, request.note),
    });
  }

  async reschedule(appointment: Appointment, slot: Slot, signal?: AbortSignal): Promise<Appointment> {
    const patientId = this.patientOf(appointment);
    const comment = (appointment.native as SalesforceNative | undefined)?.comment;
    const body = { id: appointment.id, ...appointmentInput(this.settings, slot, patientId, comment) };
    const response = await this.http.request<unknown>({
      method: 'PUT',
      path: this.path(this.settings.appointmentPath, encodeURIComponent(appointment.id)),
      body,
      signal,
    });
    // The output names the appointment it updated: the same id, unless Salesforce says otherwise.
    const { id, status } = readOutput(response.body, 'reschedule');
    return appointmentFrom(id ?? appointment.id, slot, status, comment);
  }

  private patientOf(_appointment: Appointment): string {
    if (!this.patientId) throw new BookingError('validation', 'A patient (Account id) is needed to reschedule.');
    return this.patientId;
  }

  async cancel(appointment: Appointment, signal?: AbortSignal): Promise<Appointment> {
    const body: CancelInput = {
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
    const { status } = readOutput(response.body, 'cancel');
    const mapped = status ? mapStatus(status) : 'cancelled';
    return { ...appointment, status: mapped === 'unknown' ? 'cancelled' : mapped, cancel: 'none', canConfirm: false };
  }

  /** ServiceAppointment records through the standard REST query resource, following `nextRecordsUrl`. */
  private async listBySoql(query: AppointmentQuery, signal?: AbortSignal): Promise<Appointment[]> {
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
    return records.map((record) => fromRecord(this.settings, record));
  }

  /** The resources of the options, each with its facility and work types. */
  async listPractitioners(): Promise<Practitioner[]> {
    return practitionersOf(this.settings);
  }

  /** The facilities of the options, each with the work types of its resources. */
  async listLocations(): Promise<Location[]> {
    return locationsOf(this.settings);
  }
}

export const createSalesforceProvider: ProviderFactory = (config) => new SalesforceProvider(config);
export default createSalesforceProvider;
