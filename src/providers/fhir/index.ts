import { BookingError, DEFAULT_MESSAGES } from '../../core/errors.js';
import type {
  Appointment,
  AppointmentQuery,
  AvailableTime,
  BookingRequest,
  BookingResult,
  Location,
  Practitioner,
  Service,
  Slot,
  SlotHold,
  SlotQuery,
} from '../../core/model.js';
import {
  NO_CAPABILITIES,
  type BookingProvider,
  type ProviderCapabilities,
  type ProviderConfig,
  type ProviderFactory,
} from '../../core/provider.js';
import { isResource, type FhirAppointment } from '../fhir-common/index.js';
import { byStart, DAY_MS, withSignal } from '../shared.js';
import {
  bookWithOperation,
  bookWithRest,
  findByIdentifier,
  freeSlots,
  holdWithOperation,
  setStatus,
  type HeldAppointment,
} from './booking.js';
import { FhirClient, etagVersion, malformed } from './client.js';
import { loadSchedules, locationsOf, practitionersOf, servicesOf } from './directory.js';
import { asSlotUnavailable } from './errors.js';
import {
  appointmentFor,
  mapAppointment,
  patientReference,
  slotNative,
  type AppointmentNative,
  type SlotContext,
} from './mapping.js';
import { readOptions, type ResolvedFhirOptions } from './options.js';
import { actorsOf, findFree } from './slots.js';

export type { FhirOptions, FhirTokenGetter } from './options.js';

/**
 * The `fhir` backend: any HL7 FHIR R4 server with Schedule, Slot and Appointment. Uses the Argonaut
 * `$hold`/`$book` operations where the CapabilityStatement offers them, else creates the Appointment
 * itself, claiming the Slot with If-Match so that one slot cannot be booked twice.
 */
export class FhirProvider implements BookingProvider {
  readonly backend = 'fhir';
  readonly phone?: string;
  /** The `horizonDays` option: how many days ahead the clinic books. */
  readonly horizonDays?: number;

  private readonly client: FhirClient;
  /** The active Schedules with their actors, read once for the lists. */
  private schedules?: Promise<SlotContext[]>;
  private readonly options: ResolvedFhirOptions;
  private readonly now: () => Date;
  private readonly patientId?: string;
  private readonly holds = new Map<string, Promise<HeldAppointment | undefined>>();
  /** Held appointments that `$book` turned into bookings: releasing them must do nothing. */
  private readonly consumedHolds = new Set<string>();

  constructor(config: ProviderConfig) {
    if (!config.baseUrl) throw new BookingError('validation', 'The fhir backend needs the FHIR base URL in base-url.');
    this.options = readOptions(config.options);
    this.now = config.now;
    this.patientId = config.patientId;
    this.phone = this.options.phone;
    this.client = new FhirClient(config.baseUrl, this.options);
    this.horizonDays = this.options.horizonDays;
  }

  /** Known once the CapabilityStatement was read (on the first call); `hold` only where `$hold` is offered. */
  get capabilities(): ProviderCapabilities {
    const hold = this.client.useOperations(this.client.features);
    return { ...NO_CAPABILITIES, findSlots: true, book: true, hold, cancel: true, listAppointments: true };
  }

  // ------------------------------------------------------------------------------------------ slots

  findSlots(query: SlotQuery, signal?: AbortSignal): Promise<Slot[]> {
    return findFree(this.client, this.options, this.now(), query, undefined, signal);
  }

  /**
   * The same search with `_elements=start,schedule`: a calendar needs no more than a slot's start, zone and mode.
   * A server that ignores `_elements` sends whole Slots, read as `findSlots` reads them.
   */
  findAvailability(query: SlotQuery, signal?: AbortSignal): Promise<AvailableTime[]> {
    return findFree(this.client, this.options, this.now(), query, 'start,schedule', signal).then((slots) =>
      slots.map(({ start, timeZone, mode }) => ({ start, timeZone, mode })),
    );
  }

  listServices(signal?: AbortSignal): Promise<Service[]> {
    return this.directory(signal).then(servicesOf);
  }

  listPractitioners(signal?: AbortSignal): Promise<Practitioner[]> {
    return this.directory(signal).then(practitionersOf);
  }

  listLocations(signal?: AbortSignal): Promise<Location[]> {
    return this.directory(signal).then((contexts) => locationsOf(contexts, this.options));
  }

  /**
   * What the lists are made of, read once per provider and shared by every caller (not tied to one caller's
   * signal: one that gives up does not spoil the others'); a failure is not kept, so Try again asks again.
   */
  private directory(signal?: AbortSignal): Promise<SlotContext[]> {
    this.schedules ??= loadSchedules(this.client, this.options).catch((error: unknown) => {
      this.schedules = undefined;
      throw error;
    });
    return withSignal(this.schedules, signal);
  }

  // ---------------------------------------------------------------------------------------- booking

  async hold(slot: Slot, signal?: AbortSignal): Promise<SlotHold> {
    const features = await this.client.serverFeatures(signal);
    if (!this.client.useOperations(features))
      throw new BookingError('not-supported', DEFAULT_MESSAGES['not-supported']);
    const pending = holdWithOperation(this.client, this.appointmentFor(slot, 'proposed'), signal).then(
      (appointment): HeldAppointment => ({ slotId: slot.id, appointment }),
    );
    this.holds.set(
      slot.id,
      pending.catch(() => undefined),
    );
    try {
      const held = await pending;
      return { slotId: slot.id, id: held.appointment.id ?? '' };
    } catch (error) {
      this.holds.delete(slot.id);
      throw asSlotUnavailable(error);
    }
  }

  async release(hold: SlotHold, signal?: AbortSignal, options?: { keepalive?: boolean }): Promise<void> {
    const held = await this.holds.get(hold.slotId);
    const mine = held?.appointment.id === hold.id ? held.appointment : undefined;
    if (mine) this.holds.delete(hold.slotId);
    if (!hold.id || this.consumedHolds.has(hold.id)) return;
    const keepalive = options?.keepalive;
    try {
      // The page is going away: only the first request is sure to leave, so it is the write, on the held version.
      if (keepalive && mine) {
        await setStatus(this.client, mine, mine.meta?.versionId, 'cancelled', signal, true);
        return;
      }
      const current = await this.client.http.request<unknown>({ path: `Appointment/${hold.id}`, signal, keepalive });
      if (!isResource<FhirAppointment>(current.body, 'Appointment') || current.body.status !== 'pending') return;
      const versionId = etagVersion(current) ?? current.body.meta?.versionId;
      await setStatus(this.client, current.body, versionId, 'cancelled', signal, keepalive);
    } catch (error) {
      // A hold that is already gone, or changed meanwhile, needs no release.
      if (error instanceof BookingError && (error.kind === 'not-found' || error.kind === 'conflict')) return;
      throw error;
    }
  }

  async book(request: BookingRequest, signal?: AbortSignal): Promise<BookingResult> {
    const features = await this.client.serverFeatures(signal);
    if (!request.patientId) throw new BookingError('validation', 'A patient is needed to book.');
    const identifier = `${this.options.identifierSystem}|${request.idempotencyKey}`;
    try {
      const appointment = this.client.useOperations(features)
        ? await this.bookHeld(request, signal)
        : await bookWithRest(
            this.client,
            slotNative(request.slot),
            this.appointmentFor(request.slot, 'booked', request),
            identifier,
            features,
            signal,
          );
      return { kind: 'booked', appointment: await this.toAppointment(appointment, signal) };
    } catch (cause) {
      const error = asSlotUnavailable(cause);
      if (error instanceof BookingError && error.kind === 'slot-unavailable') {
        // A retry of a booking that did go through finds its own appointment.
        const mine = await findByIdentifier(this.client, identifier, signal).catch(() => undefined);
        if (mine) return { kind: 'booked', appointment: await this.toAppointment(mine, signal) };
      }
      throw error;
    }
  }

  /** `$book` of the slot's hold when there is one (which then needs no release), else of a new appointment. */
  private async bookHeld(request: BookingRequest, signal?: AbortSignal): Promise<FhirAppointment> {
    const held = await this.holds.get(request.slot.id);
    const heldId = held?.appointment.id;
    const subject = heldId ? heldId : this.appointmentFor(request.slot, 'proposed', request);
    const appointment = await bookWithOperation(this.client, subject, request.note, signal);
    if (heldId) {
      this.consumedHolds.add(heldId);
      this.holds.delete(request.slot.id);
    }
    return appointment;
  }

  /** The Appointment a booking or hold sends, for the request's patient (else the configured one). */
  private appointmentFor(slot: Slot, status: string, request?: BookingRequest): FhirAppointment {
    const patient = patientReference(request?.patientId ?? this.patientId ?? '', this.options.patientReference);
    return appointmentFor(slot, status, { patient, identifierSystem: this.options.identifierSystem }, request);
  }

  // ----------------------------------------------------------------------------------- appointments

  async listAppointments(query: AppointmentQuery, signal?: AbortSignal): Promise<Appointment[]> {
    const features = await this.client.serverFeatures(signal);
    const from = query.from ?? new Date(this.now().getTime() - this.options.historyDays * DAY_MS).toISOString();
    const include =
      this.options.include === 'always'
        ? ['Appointment:practitioner', 'Appointment:location']
        : this.options.include === 'auto'
          ? features.appointmentInclude
          : [];
    const found = await this.client.search<FhirAppointment>(
      'Appointment',
      {
        patient: patientReference(query.patientId, this.options.patientReference),
        date: [`ge${from}`, ...(query.to ? [`lt${query.to}`] : [])],
        _include: include.length ? include : undefined,
        _count: this.options.pageSize,
      },
      signal,
    );
    for (const resource of found.included) this.client.remember(resource);
    const list = await Promise.all(found.matches.map((resource) => this.mapAppointment(resource, signal)));
    return list.filter((a): a is Appointment => !!a).sort(byStart);
  }

  async cancel(appointment: Appointment, signal?: AbortSignal): Promise<Appointment> {
    await this.client.serverFeatures(signal);
    const native = appointment.native as Partial<AppointmentNative> | undefined;
    let resource = native?.resource;
    let versionId = native?.versionId;
    if (!resource) {
      const read = await this.client.http.request<unknown>({ path: `Appointment/${appointment.id}`, signal });
      if (!isResource<FhirAppointment>(read.body, 'Appointment')) throw malformed('an Appointment');
      resource = read.body;
      versionId = etagVersion(read) ?? resource.meta?.versionId;
    }
    if (resource.status === 'cancelled') return this.toAppointment(resource, signal);
    let updated: FhirAppointment;
    try {
      updated = await setStatus(this.client, resource, versionId, 'cancelled', signal);
    } catch (error) {
      if (error instanceof BookingError && error.status === 412) {
        throw new BookingError('conflict', DEFAULT_MESSAGES.conflict, { status: 412, cause: error });
      }
      throw error;
    }
    if (!this.client.useOperations(this.client.features)) await freeSlots(this.client, updated, signal);
    return this.toAppointment(updated, signal);
  }

  private async toAppointment(resource: FhirAppointment, signal?: AbortSignal): Promise<Appointment> {
    const appointment = await this.mapAppointment(resource, signal);
    if (!appointment) throw malformed('an Appointment without id or time');
    return appointment;
  }

  /** Maps an Appointment with its practitioner and location, from the cache or read once. */
  private async mapAppointment(resource: FhirAppointment, signal?: AbortSignal): Promise<Appointment | undefined> {
    const actors = await actorsOf(
      this.client,
      (resource.participant ?? []).map((p) => p.actor ?? {}),
      signal,
    );
    return mapAppointment(resource, actors, this.options);
  }
}

export const createFhirProvider: ProviderFactory = (config) => new FhirProvider(config);
export default createFhirProvider;
