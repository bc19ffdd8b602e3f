/**
 * A tiny in-memory BookingProvider for stories that need data the demo clinic does not have: very long
 * practitioner and location names, a display-only clinic (phone number instead of booking), a patient
 * with nothing booked. It implements the same contract as every backend adapter (src/core/provider.ts).
 */
import { DemoProvider } from '../../src/providers/demo/index.js';
import { BookingError } from '../../src/core/errors.js';
import type {
  Appointment,
  BookingRequest,
  BookingResult,
  Location,
  Practitioner,
  Slot,
  SlotQuery,
  VisitMode,
} from '../../src/core/model.js';
import { NO_CAPABILITIES, type BookingProvider, type ProviderCapabilities } from '../../src/core/provider.js';

export interface StoryProviderInit {
  practitioners: Practitioner[];
  locations: Location[];
  /** First slot, UTC; slots repeat every `stepMinutes` on `days` consecutive days from 09:00 clinic time. */
  firstDay: string;
  days?: number;
  perDay?: number;
  stepMinutes?: number;
  capabilities?: Partial<ProviderCapabilities>;
  phone?: string;
  /** Appointments the patient already has (relative to `firstDay`). */
  appointments?: (now: Date) => Appointment[];
}

const MODES: VisitMode[] = ['in-person', 'video', 'in-person', 'phone'];

export class StoryProvider implements BookingProvider {
  readonly backend = 'story';
  readonly capabilities: ProviderCapabilities;
  readonly phone?: string;
  private readonly slots: Slot[];
  private readonly appointments: Appointment[];
  private nextId = 1;

  constructor(
    private readonly init: StoryProviderInit,
    now: Date = new Date(init.firstDay),
  ) {
    this.capabilities = {
      ...NO_CAPABILITIES,
      findSlots: true,
      book: true,
      cancel: true,
      confirm: true,
      listAppointments: true,
      ...init.capabilities,
    };
    this.phone = init.phone;
    this.slots = this.generate();
    this.appointments = init.appointments?.(now) ?? [];
  }

  private generate(): Slot[] {
    const { practitioners, locations, firstDay, days = 5, perDay = 4, stepMinutes = 45 } = this.init;
    const slots: Slot[] = [];
    const first = Date.parse(firstDay);
    for (let day = 0; day < days; day++) {
      for (let i = 0; i < perDay; i++) {
        const practitioner = practitioners[(day + i) % practitioners.length];
        const location = locations[(day + i) % locations.length];
        const start = first + day * 86_400_000 + i * stepMinutes * 60_000;
        slots.push({
          id: `story-${practitioner.id}-${day}-${i}`,
          start: new Date(start).toISOString(),
          end: new Date(start + 30 * 60_000).toISOString(),
          timeZone: location.timeZone,
          timeZoneSource: 'backend',
          mode: MODES[(day + i) % MODES.length],
          practitioner,
          location,
          service: { id: 'visit', name: 'Comprehensive new-patient consultation with extended history review' },
          booking: { kind: 'api' },
        });
      }
    }
    return slots;
  }

  async findSlots(query: SlotQuery, signal?: AbortSignal): Promise<Slot[]> {
    signal?.throwIfAborted();
    return this.slots.filter(
      (s) =>
        s.start >= query.start &&
        s.start < query.end &&
        (!query.practitionerId || s.practitioner?.id === query.practitionerId),
    );
  }

  async book(request: BookingRequest, signal?: AbortSignal): Promise<BookingResult> {
    signal?.throwIfAborted();
    const index = this.slots.findIndex((s) => s.id === request.slot.id);
    if (index < 0)
      throw new BookingError('slot-unavailable', 'That time is no longer available. Please choose another.');
    const [slot] = this.slots.splice(index, 1);
    const appointment: Appointment = {
      ...slot,
      id: `story-appt-${this.nextId++}`,
      status: 'booked',
      canConfirm: false,
      cancel: 'direct',
    };
    this.appointments.push(appointment);
    return { kind: 'booked', appointment };
  }

  async listAppointments(): Promise<Appointment[]> {
    return this.appointments.map((a) => ({ ...a }));
  }

  async cancel(appointment: Appointment): Promise<Appointment> {
    const stored = this.appointments.find((a) => a.id === appointment.id);
    if (!stored) throw new BookingError('not-found', 'That appointment could not be found.');
    stored.status = 'cancelled';
    return { ...stored };
  }

  async confirm(appointment: Appointment): Promise<Appointment> {
    const stored = this.appointments.find((a) => a.id === appointment.id);
    if (!stored) throw new BookingError('not-found', 'That appointment could not be found.');
    stored.status = 'booked';
    stored.canConfirm = false;
    return { ...stored };
  }
}

export const LONG_PRACTITIONERS: Practitioner[] = [
  {
    id: 'long-1',
    name: 'Dr. Maximiliana Alexandra Featherstonehaugh-Wolfeschlegelsteinhausen, MD, PhD, FAAP',
    specialty: 'Paediatric and adolescent medicine',
  },
  {
    id: 'long-2',
    name: 'Prof. Dr. med. Hans-Christoph Oberhauser-Schwarzenbach-Lindqvist',
    specialty: 'Internal medicine',
  },
];

export const LONG_LOCATIONS: Location[] = [
  {
    id: 'long-site',
    name: 'St. Bartholomew-the-Great Interdisciplinary Outpatient Paediatric and Adolescent Medicine Centre, North Annex, Building 4, Level 2',
    timeZone: 'America/New_York',
    phone: '+1 212 555 0100',
  },
];

/** Slots and appointments with very long practitioner, location and service names. */
export function longNamesProvider(now: string): StoryProvider {
  // 09:00 New York on the day after `now`.
  const day = new Date(now);
  day.setUTCDate(day.getUTCDate() + 1);
  day.setUTCHours(14, 0, 0, 0);
  const firstDay = day.toISOString();
  return new StoryProvider(
    {
      practitioners: LONG_PRACTITIONERS,
      locations: LONG_LOCATIONS,
      firstDay,
      appointments: () => [
        {
          id: 'long-appt-1',
          status: 'proposed',
          start: firstDay,
          end: new Date(Date.parse(firstDay) + 30 * 60_000).toISOString(),
          timeZone: 'America/New_York',
          mode: 'in-person',
          practitioner: LONG_PRACTITIONERS[0],
          location: LONG_LOCATIONS[0],
          service: { id: 'visit', name: 'Comprehensive new-patient consultation with extended history review' },
          canConfirm: true,
          cancel: 'request',
          instructions: [
            'Please bring your insurance card, photo identification, a list of current medications and any recent test results from other providers.',
          ],
        },
      ],
    },
    new Date(now),
  );
}

/** A clinic whose system only shows appointments: no online booking, a phone number instead. */
export function displayOnlyProvider(now: string): StoryProvider {
  return new StoryProvider(
    {
      practitioners: LONG_PRACTITIONERS.slice(0, 1),
      locations: LONG_LOCATIONS,
      firstDay: now,
      phone: '+1 (212) 555-0100',
      capabilities: { findSlots: false, book: false, cancel: false, confirm: false, listAppointments: false },
    },
    new Date(now),
  );
}

/** The demo clinic, booking only for signed-in patients (as kp-mycare, snapmd and salesforce do). */
export function signInOnlyProvider(now: string): BookingProvider {
  const provider = new DemoProvider({ options: {}, now: () => new Date(now) });
  Object.assign(provider, { capabilities: { ...provider.capabilities, newPatient: false, signIn: true } });
  return provider;
}
