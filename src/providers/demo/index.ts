import { BookingError, DEFAULT_MESSAGES } from '../../core/errors.js';
import { addDays, today, wallTimeToInstant } from '../../core/time.js';
import type {
  Appointment,
  AppointmentQuery,
  AvailableTime,
  BookingRequest,
  BookingResult,
  Location,
  Patient,
  PatientRegistration,
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
import { BookingsByKey, DAY_MS, appointmentFromSlot, byStart, inListWindow, sleep } from '../shared.js';
import { DEMO_LOCATIONS, DEMO_PATIENT, DEMO_PRACTITIONERS, DEMO_SERVICES } from './data.js';
import { readOptions, type DemoOperation, type DemoSettings } from './options.js';
import { generate, hashUnit, locationOf, servicesOf, slotOf, type DemoTime } from './schedule.js';

export type { DemoFailure, DemoOperation, DemoOptions } from './options.js';

const unavailable = () => new BookingError('slot-unavailable', DEFAULT_MESSAGES['slot-unavailable'], { status: 409 });

/** The built-in demo clinic: four sites in four zones, eight practitioners, all in memory. */
export class DemoProvider implements BookingProvider {
  readonly backend = 'demo';
  readonly capabilities: ProviderCapabilities = {
    ...NO_CAPABILITIES,
    findSlots: true,
    book: true,
    cancel: true,
    confirm: true,
    listAppointments: true,
    newPatient: true,
    dependents: true,
  };
  readonly phone = DEMO_LOCATIONS[0].phone;

  private readonly options: DemoSettings;
  private readonly now: () => Date;
  /** Slot ids no longer free: booked here or by the seeded appointments. */
  private readonly taken = new Set<string>();
  private readonly appointments: Appointment[] = [];
  private readonly booked = new BookingsByKey();
  private readonly failureCounts = new Map<DemoOperation, number>();
  /** Whose each appointment is (patient id, by appointment id); the seeded ones are the demo patient's. */
  private readonly owners = new Map<string, string>();
  /** Holds by slot id; `deadline` on the real clock, so a hold runs out under a fixed demo clock too. */
  private readonly holds = new Map<string, { id: string; deadline: number }>();
  /** Patients registered from details, by idempotency key. */
  private readonly registered = new Map<string, Patient>();
  private nextId = 1;

  constructor(config: ProviderConfig) {
    this.options = readOptions(config.options);
    this.now = config.now;
    // Holds only where they last: `holdSeconds: 0` turns them off.
    if (this.options.holdSeconds > 0) {
      this.capabilities = { ...this.capabilities, hold: true };
      this.hold = this.holdSlot;
      this.release = this.releaseHold;
    }
    this.seedAppointments();
  }

  declare hold?: (slot: Slot, signal?: AbortSignal) => Promise<SlotHold>;
  declare release?: (hold: SlotHold, signal?: AbortSignal) => Promise<void>;

  /** Keeps a slot for `holdSeconds`; a slot someone else holds cannot be held or booked meanwhile. */
  private async holdSlot(slot: Slot, signal?: AbortSignal): Promise<SlotHold> {
    await this.call('hold', signal);
    if (!this.isFree(slot.id, undefined)) throw unavailable();
    const ms = this.options.holdSeconds * 1000;
    const hold = { slotId: slot.id, id: `demo-hold-${this.nextId++}` };
    this.holds.set(slot.id, { id: hold.id, deadline: Date.now() + ms });
    return { ...hold, expires: new Date(this.now().getTime() + ms).toISOString() };
  }

  private async releaseHold(hold: SlotHold, signal?: AbortSignal): Promise<void> {
    await this.call('release', signal);
    if (this.holds.get(hold.slotId)?.id === hold.id) this.holds.delete(hold.slotId);
  }

  /** Finds a patient registered with the same key (a retry), else registers a new one, in memory. */
  async registerPatient(registration: PatientRegistration, signal?: AbortSignal): Promise<Patient> {
    await this.call('registerPatient', signal);
    const known = this.registered.get(registration.idempotencyKey);
    if (known) return { ...known };
    const { name, birthDate } = registration.details;
    if (!name?.given.trim() || !name.family.trim() || !birthDate)
      throw new BookingError('validation', 'A new patient needs a given name, a family name and a birth date.');
    const patient: Patient = { id: `demo-new-patient-${this.nextId++}`, name: `${name.given} ${name.family}` };
    this.registered.set(registration.idempotencyKey, patient);
    return { ...patient };
  }

  /** Free for this hold (or for anyone, without one): not booked, not seeded taken, not held by another, not past. */
  private isFree(slotId: string, holdId: string | undefined): boolean {
    const slot = this.findSlot(slotId);
    if (!slot || this.taken.has(slotId) || this.isSeededTaken(slotId)) return false;
    if (Date.parse(slot.start) <= this.now().getTime()) return false;
    const held = this.holds.get(slotId);
    return !held || held.deadline <= Date.now() || held.id === holdId;
  }

  async findSlots(query: SlotQuery, signal?: AbortSignal): Promise<Slot[]> {
    await this.call('findSlots', signal);
    return this.freeTimes(query).map((time) => slotOf(time));
  }

  /** The free times of `findSlots` with just what a calendar needs (same latency, failures and horizon). */
  async findAvailability(query: SlotQuery, signal?: AbortSignal): Promise<AvailableTime[]> {
    await this.call('findSlots', signal);
    return this.freeTimes(query).map(({ start, practitioner, mode }) => ({
      start,
      timeZone: locationOf(practitioner).timeZone,
      mode,
    }));
  }

  /** The free times of a query, earliest first: light records, made into slots only where a caller needs them. */
  private freeTimes(query: SlotQuery): DemoTime[] {
    if (this.options.noSlots) return [];
    // Only slots that start after now: one starting this instant can no longer be booked.
    const from = Math.max(Date.parse(query.start), this.now().getTime() + 1);
    const to = Math.min(Date.parse(query.end), this.now().getTime() + this.options.days * DAY_MS);
    const times: DemoTime[] = [];
    for (const practitioner of DEMO_PRACTITIONERS) {
      if (query.practitionerId && practitioner.id !== query.practitionerId) continue;
      if (query.locationId && practitioner.locationId !== query.locationId) continue;
      for (const time of generate(practitioner, from, to)) {
        if (query.serviceId && DEMO_SERVICES[time.mode].id !== query.serviceId) continue;
        if (this.taken.has(time.id) || this.isSeededTaken(time.id)) continue;
        times.push(time);
      }
    }
    return times.sort((a, b) => a.t - b.t);
  }

  /** Slots are offered this many days ahead (the `days` option). */
  get horizonDays(): number {
    return this.options.days;
  }

  async book(request: BookingRequest, signal?: AbortSignal): Promise<BookingResult> {
    await this.call('book', signal);
    const repeat = this.booked.get(request.idempotencyKey);
    if (repeat) return repeat;
    const slot = this.findSlot(request.slot.id);
    if (!slot || !this.isFree(slot.id, request.hold?.id)) throw unavailable();
    if (!request.patientId) throw new BookingError('validation', 'A patient is needed to book.');
    this.taken.add(slot.id);
    this.holds.delete(slot.id);
    const appointment = appointmentFromSlot(slot, {
      id: `demo-appt-${this.nextId++}`,
      // Keep after `id`: it reads nextId once `id` has advanced it.
      telehealthUrl: slot.mode === 'video' ? `https://video.example.org/room/${this.nextId}` : undefined,
      instructions: request.note ? [`Your note: ${request.note}`] : undefined,
      native: { slotId: slot.id },
    });
    this.appointments.push(appointment);
    this.owners.set(appointment.id, request.patientId);
    // The stored appointment itself: a repeat sees later changes (a cancel) as the list does.
    return this.booked.remember(request.idempotencyKey, { kind: 'booked', appointment });
  }

  async listAppointments(query: AppointmentQuery, signal?: AbortSignal): Promise<Appointment[]> {
    await this.call('listAppointments', signal);
    return this.appointments
      .filter((a) => (this.owners.get(a.id) ?? DEMO_PATIENT.id) === query.patientId && inListWindow(a, query))
      .map((a) => ({ ...a }))
      .sort(byStart);
  }

  async cancel(appointment: Appointment, signal?: AbortSignal): Promise<Appointment> {
    await this.call('cancel', signal);
    const stored = this.stored(appointment.id);
    if (stored.status === 'cancelled') return { ...stored };
    if (stored.cancel === 'none')
      throw new BookingError('not-supported', 'This appointment cannot be cancelled online. Please call the clinic.');
    if (stored.cancel === 'request') {
      stored.cancelRequested = true;
    } else {
      stored.status = 'cancelled';
      stored.canConfirm = false;
      const slotId = (stored.native as { slotId?: string } | undefined)?.slotId;
      if (slotId) this.taken.delete(slotId);
    }
    return { ...stored };
  }

  async confirm(appointment: Appointment, signal?: AbortSignal): Promise<Appointment> {
    await this.call('confirm', signal);
    const stored = this.stored(appointment.id);
    if (!stored.canConfirm) throw new BookingError('validation', 'This appointment does not need confirming.');
    stored.status = 'booked';
    stored.canConfirm = false;
    stored.confirmedAt = this.now().toISOString();
    return { ...stored };
  }

  /** The visit types: office visit, video visit, phone call. */
  async listServices(signal?: AbortSignal): Promise<Service[]> {
    await this.call('listServices', signal);
    return Object.values(DEMO_SERVICES).map((s) => ({ ...s }));
  }

  /** The clinicians, each with the site they work at and the visit types of their working hours. */
  async listPractitioners(signal?: AbortSignal): Promise<Practitioner[]> {
    await this.call('listPractitioners', signal);
    return DEMO_PRACTITIONERS.map((p) => ({
      id: p.id,
      name: p.name,
      specialty: p.specialty,
      locationIds: [p.locationId],
      serviceIds: servicesOf([p]),
    }));
  }

  /** The sites, each with the visit types its clinicians offer. */
  async listLocations(signal?: AbortSignal): Promise<Location[]> {
    await this.call('listLocations', signal);
    return DEMO_LOCATIONS.map((l) => ({
      ...l,
      serviceIds: servicesOf(DEMO_PRACTITIONERS.filter((p) => p.locationId === l.id)),
    }));
  }

  private stored(id: string): Appointment {
    const stored = this.appointments.find((a) => a.id === id);
    if (!stored) throw new BookingError('not-found', 'That appointment could not be found.', { status: 404 });
    return stored;
  }

  /** Latency and injected failures, shared by every operation. */
  private async call(operation: DemoOperation, signal?: AbortSignal): Promise<void> {
    await sleep(this.options.latencyMs, signal);
    const failure = this.options.failures?.[operation];
    if (!failure) return;
    const spec = typeof failure === 'string' ? { kind: failure } : failure;
    const count = (this.failureCounts.get(operation) ?? 0) + 1;
    this.failureCounts.set(operation, count);
    if (spec.times !== undefined && count > spec.times) return;
    throw new BookingError(spec.kind, spec.message ?? DEFAULT_MESSAGES[spec.kind]);
  }

  private isSeededTaken(slotId: string): boolean {
    return hashUnit(slotId, this.options.seed) < this.options.takenShare;
  }

  private findSlot(id: string): Slot | undefined {
    const [practitionerId, start] = id.split('@');
    const practitioner = DEMO_PRACTITIONERS.find((p) => p.id === practitionerId);
    if (!practitioner || !start) return undefined;
    const t = Date.parse(start);
    if (Number.isNaN(t)) return undefined;
    const time = generate(practitioner, t, t + 1).find((s) => s.id === id);
    return time && slotOf(time);
  }

  /** The demo patient's history and upcoming visits, placed relative to the clock. */
  private seedAppointments(): void {
    const plan: {
      days: number;
      practitionerId: string;
      hour: number;
      status: Appointment['status'];
      canConfirm: boolean;
      cancel: Appointment['cancel'];
    }[] = [
      { days: -45, practitionerId: 'nguyen', hour: 12, status: 'fulfilled', canConfirm: false, cancel: 'none' },
      { days: -20, practitionerId: 'ruiz', hour: 10, status: 'fulfilled', canConfirm: false, cancel: 'none' },
      { days: -10, practitionerId: 'begay', hour: 14, status: 'cancelled', canConfirm: false, cancel: 'none' },
      { days: 1, practitionerId: 'begay', hour: 9, status: 'booked', canConfirm: false, cancel: 'none' },
      { days: 3, practitionerId: 'okafor', hour: 10, status: 'proposed', canConfirm: true, cancel: 'direct' },
      { days: 6, practitionerId: 'walsh', hour: 11, status: 'booked', canConfirm: false, cancel: 'direct' },
      { days: 9, practitionerId: 'patel', hour: 15, status: 'booked', canConfirm: false, cancel: 'request' },
      { days: 12, practitionerId: 'tan', hour: 16, status: 'proposed', canConfirm: true, cancel: 'direct' },
    ];
    for (const item of plan) {
      const practitioner = DEMO_PRACTITIONERS.find((p) => p.id === item.practitionerId)!;
      const location = DEMO_LOCATIONS.find((l) => l.id === practitioner.locationId)!;
      const zone = location.timeZone;
      const start = wallTimeToInstant(addDays(today(zone, this.now()), item.days), item.hour * 60, zone);
      // The first real slot of the practitioner at or after that time, so cancelling frees a bookable slot.
      const slot = slotOf(generate(practitioner, start, start + 7 * DAY_MS, 1)[0]);
      const slotId = slot.id;
      this.taken.add(slotId);
      this.appointments.push(
        appointmentFromSlot(slot, {
          id: `demo-appt-${this.nextId++}`,
          status: item.status,
          canConfirm: item.canConfirm,
          cancel: item.cancel,
          native: { slotId },
        }),
      );
    }
  }
}

export const createDemoProvider: ProviderFactory = (config) => new DemoProvider(config);
export default createDemoProvider;
