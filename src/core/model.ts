/**
 * The careslot domain model. Every adapter maps its backend's wire format onto these shapes, and the
 * elements only ever see these shapes.
 *
 * Time rule: an instant is a UTC ISO-8601 string (`2026-03-09T14:00:00.000Z`); everything that happens
 * somewhere carries that place's IANA zone in `timeZone`. Local text is made only at the display edge.
 */

/** A UTC ISO-8601 instant, e.g. `2026-03-09T14:00:00.000Z`. */
export type Instant = string;

/** How the patient attends. In-person visits show in the clinic's zone, the others in the patient's. */
export type VisitMode = 'in-person' | 'video' | 'phone';

/** Where a `timeZone` came from; anything but `backend` and `config` is a guess the UI may flag. */
export type TimeZoneSource = 'backend' | 'config' | 'offset' | 'default';

export interface Practitioner {
  id: string;
  /** Display name as the backend gives it, e.g. "Annette M. Moore, RN". Always rendered as text. */
  name: string;
  specialty?: string;
  photoUrl?: string;
  /** Where they see patients (Location ids), where the backend says: `<visit-filter>` narrows by it. */
  locationIds?: string[];
  /** What they offer (Service ids), where the backend says. */
  serviceIds?: string[];
}

export interface Address {
  lines: string[];
  city?: string;
  state?: string;
  postalCode?: string;
  country?: string;
}

export interface Location {
  id: string;
  name: string;
  /** IANA zone of the clinic. */
  timeZone: string;
  timeZoneSource?: TimeZoneSource;
  address?: Address;
  phone?: string;
  /** What is offered there (Service ids), where the backend says: `<visit-filter>` narrows by it. */
  serviceIds?: string[];
}

export interface Patient {
  id: string;
  name?: string;
  /** The patient's own zone; video and phone visits show in it. Defaults to the browser's zone. */
  timeZone?: string;
}

/** The fields `<patient-form>` can ask for (its `fields`, `required` and `locked` attributes). */
export type PatientField = 'name' | 'birthDate' | 'phone' | 'email' | 'reason' | 'forWhom' | 'newPatient' | 'insurance';

export const PATIENT_FIELDS: readonly PatientField[] = [
  'name',
  'birthDate',
  'phone',
  'email',
  'reason',
  'forWhom',
  'newPatient',
  'insurance',
];

/**
 * Who the visit is for, as typed in `<patient-form>` (or prefilled by a portal). Patient data: it goes to
 * the backend that books, and never into events, URLs, attributes or logs.
 */
export interface PatientDetails {
  /** The name of the person to be seen (for a dependent: the dependent's). */
  name?: { given: string; family: string };
  /** `YYYY-MM-DD`. */
  birthDate?: string;
  phone?: string;
  email?: string;
  /** Reason for the visit, free text. */
  reason?: string;
  /** The person booking books for themselves or for a dependent (a child, a person in their care). */
  forWhom?: 'self' | 'dependent';
  /** New to the clinic (true) or seen there before (false). */
  newPatient?: boolean;
  /** Insurance, as the patient names it (plan and member id). */
  insurance?: string;
}

/** What `registerPatient` hands an adapter: the details and the key that makes a retry find the same record. */
export interface PatientRegistration {
  details: PatientDetails;
  /** Same key for a retry of the same intent: a retry finds the patient it made instead of making a second. */
  idempotencyKey: string;
  /** The signed-in account holder, when booking for a dependent of theirs. */
  accountPatientId?: string;
}

export interface Service {
  id: string;
  name: string;
  /** How it is attended, where the backend says (a video visit type). */
  mode?: VisitMode;
}

/** One free time, with just what a calendar needs to mark its day (`findAvailability`). */
export interface AvailableTime {
  start: Instant;
  /** IANA zone of the clinic that offers it. */
  timeZone: string;
  mode: VisitMode;
}

/** How a slot is booked: through the API, by following a link (SMART Scheduling Links), or by phone. */
export type SlotBooking =
  { kind: 'api' } | { kind: 'link'; url: string; phone?: string } | { kind: 'phone'; phone: string };

export interface Slot {
  /** Stable within one provider; adapters synthesise one where the backend has none (Canvas). */
  id: string;
  start: Instant;
  end: Instant;
  /** IANA zone of the clinic that offers the slot. */
  timeZone: string;
  timeZoneSource?: TimeZoneSource;
  mode: VisitMode;
  practitioner?: Practitioner;
  location?: Location;
  service?: Service;
  /** More than one booking fits (SMART `slot-capacity`): show as availability, not as one seat. */
  capacity?: number;
  booking?: SlotBooking;
  /** Backend data the adapter needs to book this slot again (opaque to elements). */
  native?: unknown;
}

export type AppointmentStatus =
  'proposed' | 'pending' | 'booked' | 'arrived' | 'fulfilled' | 'cancelled' | 'noshow' | 'unknown';

/** How an appointment may be cancelled: directly, only by request to the clinic, or not online. */
export type CancelMode = 'direct' | 'request' | 'none';

export interface Appointment {
  id: string;
  status: AppointmentStatus;
  start: Instant;
  end: Instant;
  /** IANA zone of the clinic. */
  timeZone: string;
  timeZoneSource?: TimeZoneSource;
  mode: VisitMode;
  practitioner?: Practitioner;
  location?: Location;
  service?: Service;
  /** The patient may confirm it online (KP unconfirmed, Canvas `proposed`). */
  canConfirm: boolean;
  cancel: CancelMode;
  /** A cancellation request was sent and is waiting for the clinic. */
  cancelRequested?: boolean;
  confirmedAt?: Instant;
  telehealthUrl?: string;
  instructions?: string[];
  copay?: { amount: string; currency: string };
  native?: unknown;
}

export interface SlotQuery {
  /** Inclusive start of the window. */
  start: Instant;
  /** Exclusive end of the window. */
  end: Instant;
  practitionerId?: string;
  locationId?: string;
  serviceId?: string;
}

export interface AppointmentQuery {
  patientId: string;
  /** Inclusive lower bound on start; absent means "all the backend will give". */
  from?: Instant;
  to?: Instant;
}

export interface BookingRequest {
  slot: Slot;
  patientId: string;
  /** Free text from the patient (reason for visit). */
  note?: string;
  /** The hold on this slot, where the backend holds (FHIR `$hold`): booking converts it. */
  hold?: SlotHold;
  /** Same key for a retry of the same intent; adapters use it to avoid double bookings. */
  idempotencyKey: string;
}

export type BookingResult =
  /** The backend booked it. */
  | { kind: 'booked'; appointment: Appointment }
  /** The backend accepted it for later processing (Medfusion 202); the appointment may follow. */
  | { kind: 'pending'; appointment?: Appointment; message: string }
  /** Booking happens elsewhere (SMART booking-deep-link): the element opens this URL. */
  | { kind: 'redirect'; url: string };

/** A hold on a slot while the patient confirms (FHIR `$hold`). */
export interface SlotHold {
  slotId: string;
  id: string;
  expires?: Instant;
}
