import { BookingError, DEFAULT_MESSAGES } from '../../core/errors.js';
import { addDays, isoWeekday, localDate, today, wallTimeToInstant } from '../../core/time.js';
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
import { BookingsByKey, DAY_MS, appointmentFromSlot, byStart, inListWindow, sleep } from '../shared.js';
import { DEMO_LOCATIONS, DEMO_PATIENT, DEMO_PRACTITIONERS, DEMO_SERVICES, type DemoPractitioner } from './data.js';
import { readOptions, type DemoOperation, type DemoSettings } from './options.js';

export type { DemoFailure, DemoOperation, DemoOptions } from './options.js';

/** A free time before it is made a Slot: what filtering and the calendar need. */
interface DemoTime {
  id: string;
  start: string;
  t: number;
  step: number;
  practitioner: DemoPractitioner;
  mode: VisitMode;
}

/** Deterministic 0..1 from a string and a seed (FNV-1a then an avalanche mix). */
function hashUnit(text: string, seed: number): number {
  let hash = 0x811c9dc5 ^ seed;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  hash ^= hash >>> 15;
  hash = Math.imul(hash, 0x2c1b3c6d);
  hash ^= hash >>> 12;
  return (hash >>> 0) / 0x100000000;
}

/** The ids of the services (visit types) that these practitioners' working blocks offer, in DEMO_SERVICES order. */
function servicesOf(practitioners: DemoPractitioner[]): string[] {
  const modes = new Set(practitioners.flatMap((p) => p.blocks.map((b) => b.mode)));
  return Object.values(DEMO_SERVICES)
    .filter((s) => s.mode && modes.has(s.mode))
    .map((s) => s.id);
}

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
  };
  readonly phone = DEMO_LOCATIONS[0].phone;

  private readonly options: DemoSettings;
  private readonly now: () => Date;
  /** Slot ids no longer free: booked here or by the seeded appointments. */
  private readonly taken = new Set<string>();
  private readonly appointments: Appointment[] = [];
  private readonly booked = new BookingsByKey();
  private readonly failureCounts = new Map<DemoOperation, number>();
  private nextId = 1;

  constructor(config: ProviderConfig) {
    this.options = readOptions(config.options);
    this.now = config.now;
    this.seedAppointments();
  }

  async findSlots(query: SlotQuery, signal?: AbortSignal): Promise<Slot[]> {
    await this.call('findSlots', signal);
    return this.freeTimes(query).map((time) => this.slotOf(time));
  }

  /** The free times of `findSlots` with just what a calendar needs (same latency, failures and horizon). */
  async findAvailability(query: SlotQuery, signal?: AbortSignal): Promise<AvailableTime[]> {
    await this.call('findSlots', signal);
    return this.freeTimes(query).map(({ start, practitioner, mode }) => ({
      start,
      timeZone: this.locationOf(practitioner).timeZone,
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
      for (const time of this.generate(practitioner, from, to)) {
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
    if (
      !slot ||
      this.taken.has(slot.id) ||
      this.isSeededTaken(slot.id) ||
      Date.parse(slot.start) <= this.now().getTime()
    ) {
      throw new BookingError('slot-unavailable', DEFAULT_MESSAGES['slot-unavailable'], { status: 409 });
    }
    if (!request.patientId) throw new BookingError('validation', 'A patient is needed to book.');
    this.taken.add(slot.id);
    const appointment = appointmentFromSlot(slot, {
      id: `demo-appt-${this.nextId++}`,
      // Keep after `id`: it reads nextId once `id` has advanced it.
      telehealthUrl: slot.mode === 'video' ? `https://video.example.org/room/${this.nextId}` : undefined,
      instructions: request.note ? [`Your note: ${request.note}`] : undefined,
      native: { slotId: slot.id },
    });
    this.appointments.push(appointment);
    // The stored appointment itself: a repeat sees later changes (a cancel) as the list does.
    return this.booked.remember(request.idempotencyKey, { kind: 'booked', appointment });
  }

  async listAppointments(query: AppointmentQuery, signal?: AbortSignal): Promise<Appointment[]> {
    await this.call('listAppointments', signal);
    if (query.patientId !== DEMO_PATIENT.id) return [];
    return this.appointments
      .filter((a) => inListWindow(a, query))
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
    const time = [...this.generate(practitioner, t, t + 1)].find((s) => s.id === id);
    return time && this.slotOf(time);
  }

  private locationOf(practitioner: DemoPractitioner) {
    return DEMO_LOCATIONS.find((l) => l.id === practitioner.locationId)!;
  }

  private slotOf({ id, start, t, step, practitioner, mode }: DemoTime): Slot {
    const location = this.locationOf(practitioner);
    return {
      id,
      start,
      end: new Date(t + step).toISOString(),
      timeZone: location.timeZone,
      timeZoneSource: 'backend',
      mode,
      practitioner: { id: practitioner.id, name: practitioner.name, specialty: practitioner.specialty },
      location: { ...location },
      service: DEMO_SERVICES[mode],
      booking: { kind: 'api' },
    };
  }

  /**
   * Times of one practitioner starting in [from, to). Blocks are laid out in the clinic's wall-clock
   * time but stepped in real minutes, so a 25-hour day has one more slot and a 23-hour day one fewer.
   */
  private *generate(practitioner: DemoPractitioner, from: number, to: number): Generator<DemoTime> {
    const zone = this.locationOf(practitioner).timeZone;
    const lastDay = localDate(new Date(to).toISOString(), zone);
    const step = practitioner.slotMinutes * 60_000;
    for (let day = addDays(localDate(new Date(from).toISOString(), zone), -1); day <= lastDay; day = addDays(day, 1)) {
      if (!practitioner.weekdays.includes(isoWeekday(day))) continue;
      for (const block of practitioner.blocks) {
        // Wall-clock bounds (24:00 is the next midnight), stepped in real minutes.
        const blockEnd = wallTimeToInstant(day, block.to, zone);
        for (let t = wallTimeToInstant(day, block.from, zone); t + step <= blockEnd; t += step) {
          if (t < from || t >= to) continue;
          const start = new Date(t).toISOString();
          yield { id: `${practitioner.id}@${start}`, start, t, step, practitioner, mode: block.mode };
        }
      }
    }
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
      const slot = this.slotOf(this.generate(practitioner, start, start + 7 * DAY_MS).next().value as DemoTime);
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
