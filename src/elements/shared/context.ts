import { createContext } from '@lit/context';
import type { BookingError } from '../../core/errors.js';
import type { Appointment, Slot } from '../../core/model.js';
import type { BookingProvider } from '../../core/provider.js';
import type { DisplaySettings } from '../../core/time.js';

/** What the patient chose in `<visit-filter>` (backend ids); absent: any. */
export interface VisitFilter {
  service?: string;
  location?: string;
  practitioner?: string;
}

/**
 * What `<booking-provider>` shares with the elements inside it. The object is replaced on every change
 * (never mutated), because context consumers are only told about a new object.
 */
export interface BookingSession {
  /** The adapter, once loaded. */
  provider?: BookingProvider;
  /** `loading` while the adapter module loads, `error` when it could not be created. */
  status: 'loading' | 'ready' | 'error';
  error?: BookingError;
  patientId?: string;
  display: DisplaySettings;
  now: () => Date;
  /** The slot chosen in this provider, shared by `<slot-picker>` and `<confirm-button>`. */
  selection: Slot | null;
  /** Bumped after anything that changes slots or appointments, so lists reload. */
  revision: number;
  select(slot: Slot | null): void;
  /** The patient's visit type, place and clinician: a `<slot-picker>` without its own attributes follows it. */
  filter: VisitFilter;
  setFilter(filter: VisitFilter): void;
  /** Sets the patient's own zone (`<time-zone-select>`), which video and phone visits and "your time" use. */
  setPatientZone(zone: string): void;
  /** Reloads slots and appointments everywhere under this provider. */
  refresh(): void;
  /**
   * The patient's appointments from the backend. The provider remembers them by id, so that confirming
   * one of them by id needs no second list.
   */
  listAppointments(patientId: string, signal: AbortSignal): Promise<Appointment[]>;
  /**
   * Confirms the appointment with this id (`<confirm-button appointment=…>`): the one last listed or
   * confirmed under this provider, else found by one list of the session's patient. Rejects with a
   * BookingError: `not-supported` where the backend takes no confirmations, `not-found` for an unknown id.
   */
  confirmAppointment(id: string, signal: AbortSignal): Promise<Appointment>;
  /** The latest state of an appointment this provider has seen (listed, booked, confirmed, cancelled). */
  appointment(id: string): Appointment | undefined;
  /** Tells the provider an appointment changed (booked, cancelled…), so every element shows its new state. */
  appointmentChanged(appointment: Appointment): void;
}

export const sessionContext = createContext<BookingSession | undefined>(Symbol.for('careslot.session'));
