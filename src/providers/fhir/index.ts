import { BookingError, DEFAULT_MESSAGES } from '../../core/errors.js';
import type {
  Appointment,
  AppointmentQuery,
  BookingRequest,
  BookingResult,
  Location,
  Practitioner,
  Slot,
  SlotHold,
  SlotQuery,
} from '../../core/model.js';
import type { BookingProvider, ProviderCapabilities, ProviderConfig, ProviderFactory } from '../../core/provider.js';
import {
  isResource,
  parseReference,
  type FhirAppointment,
  type FhirLocation,
  type FhirPractitioner,
  type FhirSchedule,
  type FhirSlot,
} from '../fhir-common/index.js';
import { bookableWindow, byStart, DAY_MS, startsWithin } from '../shared.js';
import {
  bookWithOperation,
  bookWithRest,
  findByIdentifier,
  freeSlots,
  holdWithOperation,
  setStatus,
  type HeldAppointment,
} from './booking.js';
import { FhirClient, etagVersion, malformed, type ServerFeatures } from './client.js';
import { asSlotUnavailable } from './errors.js';
import {
  appointmentFor,
  mapAppointment,
  mapLocation,
  mapPractitioner,
  mapSlot,
  patientReference,
  resolveZone,
  slotNative,
  type AppointmentNative,
  type ZoneSettings,
} from './mapping.js';
import { readOptions, type ResolvedFhirOptions } from './options.js';

export type { FhirOptions, FhirTokenGetter } from './options.js';

/**
 * The `fhir` backend: any HL7 FHIR R4 server with Schedule, Slot and Appointment. Uses the Argonaut
 * `$hold`/`$book` operations where the CapabilityStatement offers them, else creates the Appointment
 * itself, claiming the Slot with If-Match so that one slot cannot be booked twice.
 */
export class FhirProvider implements BookingProvider {
  readonly backend = 'fhir';
  readonly phone?: string;

  private readonly client: FhirClient;
  private readonly options: ResolvedFhirOptions;
  private readonly zones: ZoneSettings;
  private readonly now: () => Date;
  private readonly patientId?: string;
  private readonly holds = new Map<string, Promise<HeldAppointment | undefined>>();
  /** Held appointments that `$book` turned into bookings: releasing them must do nothing. */
  private readonly consumedHolds = new Set<string>();

  constructor(config: ProviderConfig) {
    if (!config.baseUrl) throw new BookingError('validation', 'The fhir backend needs the FHIR base URL in base-url.');
    this.options = readOptions(config.options);
    this.zones = { locationTimeZones: this.options.locationTimeZones, defaultTimeZone: this.options.defaultTimeZone };
    this.now = config.now;
    this.patientId = config.patientId;
    this.phone = this.options.phone;
    this.client = new FhirClient(config.baseUrl, this.options);
  }

  /** Known once the CapabilityStatement was read (on the first call); `hold` only where `$hold` is offered. */
  get capabilities(): ProviderCapabilities {
    return {
      findSlots: true,
      book: true,
      hold: this.client.useOperations(this.client.features),
      cancel: true,
      confirm: false,
      reschedule: false,
      listAppointments: true,
    };
  }

  // ------------------------------------------------------------------------------------------ slots

  async findSlots(query: SlotQuery, signal?: AbortSignal): Promise<Slot[]> {
    const features = await this.client.serverFeatures(signal);
    const schedules = await this.findSchedules(query, features, signal);
    if (schedules.length === 0) return [];
    const byId = new Map(schedules.map((s) => [s.id ?? '', s]));
    const resources: FhirSlot[] = [];
    // Long OR lists make long URLs: ask for 20 schedules at a time.
    for (let i = 0; i < schedules.length; i += 20) {
      const refs = schedules
        .slice(i, i + 20)
        .map((s) => `Schedule/${s.id}`)
        .join(',');
      const found = await this.client.search<FhirSlot>(
        'Slot',
        {
          schedule: refs,
          status: 'free',
          start: [`ge${query.start}`, `lt${query.end}`],
          _count: this.options.pageSize,
        },
        signal,
      );
      resources.push(...found.matches);
    }
    const { from, to } = bookableWindow(query, this.now());
    const slots: Slot[] = [];
    const seen = new Set<string>();
    for (const resource of resources) {
      if (resource.status && resource.status !== 'free') continue;
      const schedule = byId.get(parseReference(resource.schedule?.reference)?.id ?? '');
      if (!schedule || !resource.id || seen.has(resource.id)) continue;
      const context = await this.scheduleContext(schedule, signal);
      if (query.practitionerId && context.practitionerId !== query.practitionerId) continue;
      if (query.locationId && context.locationId !== query.locationId) continue;
      const slot = mapSlot(resource, context, this.zones);
      if (!slot) continue;
      if (!startsWithin(slot, from, to)) continue;
      seen.add(resource.id);
      slots.push(slot);
    }
    return slots.sort((a, b) => Date.parse(a.start) - Date.parse(b.start) || a.id.localeCompare(b.id));
  }

  async listPractitioners(signal?: AbortSignal): Promise<Practitioner[]> {
    const found = await this.client.search<FhirPractitioner>('Practitioner', { _count: this.options.pageSize }, signal);
    return found.matches.filter((p) => p.id).map(mapPractitioner);
  }

  async listLocations(signal?: AbortSignal): Promise<Location[]> {
    const found = await this.client.search<FhirLocation>('Location', { _count: this.options.pageSize }, signal);
    return found.matches
      .filter((l) => l.id)
      .map((l) => mapLocation(l, resolveZone(l, undefined, undefined, this.zones)));
  }

  private async findSchedules(
    query: SlotQuery,
    features: ServerFeatures,
    signal?: AbortSignal,
  ): Promise<FhirSchedule[]> {
    const actor = [
      query.practitionerId ? `Practitioner/${query.practitionerId}` : undefined,
      query.locationId ? `Location/${query.locationId}` : undefined,
    ].filter((a): a is string => !!a);
    const include = this.options.include === 'always' || (this.options.include === 'auto' && features.scheduleInclude);
    const found = await this.client.search<FhirSchedule>(
      'Schedule',
      {
        actor: actor.length ? actor : undefined,
        'service-type': query.serviceId,
        _include: include ? 'Schedule:actor' : undefined,
        _count: this.options.pageSize,
      },
      signal,
    );
    for (const resource of found.included) this.client.remember(resource);
    return found.matches.filter((s) => s.id && s.active !== false);
  }

  /** The practitioner and location a schedule is for, from the cache or read once. */
  private async scheduleContext(schedule: FhirSchedule, signal?: AbortSignal) {
    const refs = (schedule.actor ?? []).map((a) => parseReference(a.reference)).filter((r) => !!r);
    const practitionerRef = refs.find((r) => r.type === 'Practitioner');
    const locationRef = refs.find((r) => r.type === 'Location');
    const [practitioner, location] = await Promise.all([
      practitionerRef ? this.client.actor<FhirPractitioner>('Practitioner', practitionerRef.id, signal) : undefined,
      locationRef ? this.client.actor<FhirLocation>('Location', locationRef.id, signal) : undefined,
    ]);
    return { schedule, practitioner, location, practitionerId: practitionerRef?.id, locationId: locationRef?.id };
  }

  // ---------------------------------------------------------------------------------------- booking

  async hold(slot: Slot, signal?: AbortSignal): Promise<SlotHold> {
    const features = await this.client.serverFeatures(signal);
    if (!this.client.useOperations(features))
      throw new BookingError('not-supported', 'This FHIR server does not offer holds.');
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

  async release(hold: SlotHold, signal?: AbortSignal): Promise<void> {
    const held = await this.holds.get(hold.slotId);
    if (held?.appointment.id === hold.id) this.holds.delete(hold.slotId);
    if (!hold.id || this.consumedHolds.has(hold.id)) return;
    try {
      const current = await this.client.http.request<unknown>({ path: `Appointment/${hold.id}`, signal });
      if (!isResource<FhirAppointment>(current.body, 'Appointment') || current.body.status !== 'pending') return;
      const versionId = etagVersion(current) ?? current.body.meta?.versionId;
      await setStatus(this.client, current.body, versionId, 'cancelled', signal);
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
    const list: Appointment[] = [];
    for (const resource of found.matches) {
      const appointment = await this.mapAppointment(resource, signal);
      if (appointment) list.push(appointment);
    }
    return list.sort(byStart);
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
    const refs = (resource.participant ?? []).map((p) => parseReference(p.actor?.reference)).filter((r) => !!r);
    const practitionerRef = refs.find((r) => r.type === 'Practitioner');
    const locationRef = refs.find((r) => r.type === 'Location');
    const [practitioner, location] = await Promise.all([
      practitionerRef ? this.client.actor<FhirPractitioner>('Practitioner', practitionerRef.id, signal) : undefined,
      locationRef ? this.client.actor<FhirLocation>('Location', locationRef.id, signal) : undefined,
    ]);
    return mapAppointment(resource, { practitioner, location, canCancel: true }, this.zones);
  }
}

export const createFhirProvider: ProviderFactory = (config) => new FhirProvider(config);
export default createFhirProvider;
