import { createContext } from '@lit/context';
import type { BookingError } from '../../core/errors.js';
import type { Appointment, BookingResult, Instant, PatientDetails, Slot } from '../../core/model.js';
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

  /** What booking still needs (see BookingNeed); `book()` only runs when this is `nothing`, or `details` filled in. */
  need: BookingNeed;
  /** The patient's details from `<patient-form>` (never in events), and whether they are complete and valid. */
  patientDetails?: PatientDetails;
  patientValid: boolean;
  setPatientDetails(details: PatientDetails | undefined, valid: boolean): void;
  /** The "Sign in to book" link: `sign-in-url` with a return address that keeps the chosen slot's id. */
  signInHref?: string;
  /** The hold on the chosen time, while it lasts. */
  held?: HeldTime;
  /** The last hold that ran out, until another time is chosen. */
  expired?: ExpiredHold;
  /** The appointment being moved (`startReschedule`): booking then moves it to the chosen time. */
  rescheduling?: Appointment;
  /** `origin`: the element the move started from, which then fires `appointment-rescheduled`. */
  startReschedule(appointment: Appointment | null, origin?: HTMLElement): void;
  /** The appointment booked or moved last under this provider (`<booking-confirmation>` shows it by default). */
  lastBooked?: Appointment;
  /** True while `book()` runs. */
  booking: boolean;
  /**
   * Books the chosen time for the patient: registers a new patient from their details where needed, books
   * (converting the hold), or moves `rescheduling` to it (the backend's reschedule, else book the new time and
   * only then cancel the old one). One intent books once however often it is called. Fires the booking events.
   * Rejects with a BookingError (the patient's details and choice stay).
   */
  book(signal?: AbortSignal): Promise<BookOutcome>;
  /**
   * The patient asks to sign in (the "Sign in to book" link): fires the cancelable `booking-sign-in-required`;
   * false when a portal took it over (`preventDefault()`), so the link must not be followed.
   */
  requestSignIn(): boolean;
}

/** The outcome of `book()`. */
export interface BookOutcome {
  result: BookingResult;
  /** The appointment that was moved, where this booking moved one. */
  previous?: Appointment;
  /** Moving booked the new time but could not cancel the old one: the patient has both, and is told. */
  problem?: BookingError;
}

/** The time held for the patient while they finish, where the backend holds. */
export interface HeldTime {
  slot: Slot;
  /** When the hold runs out, by the backend; absent where it does not say. */
  expires?: Instant;
  /** The same moment on the browser's real clock (`Date.now()` ms), for a countdown. */
  deadline?: number;
}

/** A hold that ran out, with the nearest free times to offer instead (up to three). */
export interface ExpiredHold {
  slot: Slot;
  alternatives: Slot[];
}

/**
 * What booking still needs before it can succeed: `nothing` (a known patient), `details` (a new patient's
 * valid details: `<patient-form>`), `sign-in` (the backend books only for signed-in patients and
 * `sign-in-url` leads there), `unavailable` (it cannot book online at all, or needs a sign-in no page offers).
 */
export type BookingNeed = 'nothing' | 'details' | 'sign-in' | 'unavailable';

export const sessionContext = createContext<BookingSession | undefined>(Symbol.for('careslot.session'));
