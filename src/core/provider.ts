import { BookingError } from './errors.js';
import type {
  AvailableTime,
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
  SlotHold,
  SlotQuery,
} from './model.js';

/**
 * What a backend can do. Elements read this and adapt: no booking button where `book` is false, a phone
 * number where `phone` is set, no cancel button where `cancel` is false.
 */
export interface ProviderCapabilities {
  findSlots: boolean;
  book: boolean;
  /** Hold a slot on selection and release it on change (FHIR `$hold`). */
  hold: boolean;
  cancel: boolean;
  confirm: boolean;
  reschedule: boolean;
  listAppointments: boolean;
  /** Books for people it does not know yet: `registerPatient` finds or creates them from their details. */
  newPatient: boolean;
  /** Books for a dependent of the signed-in patient. */
  dependents: boolean;
  /** Books only for a signed-in patient (a portal session): without one, `sign-in-url` leads there. */
  signIn: boolean;
}

/**
 * The contract every backend adapter implements. Adapters are plain objects: no DOM, no Lit. Every call
 * takes an AbortSignal and rejects with a BookingError (or the signal's AbortError when aborted).
 *
 * How the eight backends map onto it:
 *
 * | backend      | findSlots                                   | book                                  | cancel / confirm                         | listAppointments                  |
 * |--------------|---------------------------------------------|---------------------------------------|------------------------------------------|-----------------------------------|
 * | demo         | generated in memory from working hours      | takes the slot away                   | status change in memory                  | in memory                         |
 * | fhir         | Schedule search, then `Slot?schedule=&status=free` (Bundle `next`) | `$hold`/`$book` if the CapabilityStatement has them, else POST Appointment with If-None-Exist | PUT/PATCH `status` with If-Match; confirm not offered | `Appointment?patient=&date=ge` |
 * | canvas       | `Slot?schedule=Location.1-Staff.<id>&duration=` (slots have no id) | POST Appointment → 201, null body, id in `Location` | PUT status cancelled; proposed → PUT booked = confirm | `Appointment?patient=` with `_count`/`_offset` |
 * | smart-links  | `$bulk-publish` manifest → Location/Schedule/Slot NDJSON | `redirect` to `booking-deep-link` (+ source, booking-referral) | not offered                    | not offered                       |
 * | salesforce   | POST Get Slots resource (UTC + IANA `timeZone`) | POST …/appointment with participants; `isSuccess:false` on 200 is a failure | PATCH status canceled; reschedule via PUT | not offered by the Connect API |
 * | kp-mycare    | not offered (no public slot API)            | not offered                           | confirm via …/confirmation (`ConfirmAppointmentResponse`); direct cancel vs cancel request from flags | future appointments (PascalCase, `apptDateTimeUTC`, `OfficialTimeZone.Title`) |
 * | snapmd       | self-scheduling clinicians / availability blocks | POST v3 …/appointments with `zonedTime` (int zone id → IANA) | DELETE v3 …/appointments/{id}; update via PUT | v2.1 patients/appointments  |
 * | medfusion    | not offered: display only (phone number)    | not offered                           | not offered (practice pushes CANCEL)     | AppointmentData XML (NEW/UPDATE/CANCEL) |
 */
export interface BookingProvider {
  /** The backend name it was registered under, e.g. `demo`, `fhir`. */
  readonly backend: string;
  readonly capabilities: ProviderCapabilities;
  /** A phone number patients can call where online booking is not offered. */
  readonly phone?: string;
  /** Booking continues on the clinic's own site (SMART booking deep links): nobody needs to sign in here. */
  readonly redirects?: boolean;

  // Every operation is optional: a backend that does not offer one leaves it out (no stub that only throws),
  // and its `capabilities` say false for it. Elements check the capability before they call.
  findSlots?(query: SlotQuery, signal?: AbortSignal): Promise<Slot[]>;
  book?(request: BookingRequest, signal?: AbortSignal): Promise<BookingResult>;
  hold?(slot: Slot, signal?: AbortSignal): Promise<SlotHold>;
  /** Gives a held slot back. `keepalive`: the page is going away, so the request must outlive it. */
  release?(hold: SlotHold, signal?: AbortSignal, options?: { keepalive?: boolean }): Promise<void>;
  /**
   * Finds the patient these details describe (by identifier, or `Patient/$match` where offered), else creates
   * them; the same idempotency key never creates a second record. Declared by `newPatient`.
   */
  registerPatient?(registration: PatientRegistration, signal?: AbortSignal): Promise<Patient>;
  listAppointments?(query: AppointmentQuery, signal?: AbortSignal): Promise<Appointment[]>;
  cancel?(appointment: Appointment, signal?: AbortSignal): Promise<Appointment>;
  confirm?(appointment: Appointment, signal?: AbortSignal): Promise<Appointment>;
  reschedule?(appointment: Appointment, slot: Slot, signal?: AbortSignal): Promise<Appointment>;
  /**
   * The free times in a window with as little as a calendar needs (days with times). Cheap where the backend
   * allows (FHIR `_elements`); elements fall back to `findSlots` where it is absent.
   */
  findAvailability?(query: SlotQuery, signal?: AbortSignal): Promise<AvailableTime[]>;
  /** Visit types (services) patients can choose from, for `<visit-filter>`. */
  listServices?(signal?: AbortSignal): Promise<Service[]>;
  /** Clinicians patients can choose from, with their locations and services where the backend says. */
  listPractitioners?(signal?: AbortSignal): Promise<Practitioner[]>;
  /** Places patients can choose from, with their services where the backend says. */
  listLocations?(signal?: AbortSignal): Promise<Location[]>;
  /** How many days ahead the backend offers times (its booking horizon), where known. */
  readonly horizonDays?: number;
}

/** What `<booking-provider>` hands an adapter factory. */
export interface ProviderConfig {
  /** Root URL of the backend's API (the `base-url` attribute). */
  baseUrl?: string;
  /** The patient's id in that backend (the `patient` attribute). */
  patientId?: string;
  /** Adapter options (the `options` property or a JSON `<script>` child): tokens, paths, zone maps. */
  options: ProviderOptions;
  /** The clock; tests and stories inject a fixed one. */
  now: () => Date;
}

/** Adapter options: each adapter documents and validates its own keys. */
export type ProviderOptions = Record<string, unknown>;

export type ProviderFactory = (config: ProviderConfig) => BookingProvider;

/** Capabilities of a backend that offers nothing; adapters spread it and switch on what they have. */
export const NO_CAPABILITIES: ProviderCapabilities = {
  findSlots: false,
  book: false,
  hold: false,
  cancel: false,
  confirm: false,
  reschedule: false,
  listAppointments: false,
  newPatient: false,
  dependents: false,
  signIn: false,
};

/** The operations a backend may offer (each an optional method of BookingProvider). */
export type ProviderOperation =
  | 'findSlots'
  | 'book'
  | 'listAppointments'
  | 'cancel'
  | 'confirm'
  | 'hold'
  | 'release'
  | 'reschedule'
  | 'registerPatient';

/**
 * One of the provider's operations, bound to it; a `not-supported` BookingError when the backend does not
 * offer it (elements check capabilities first, so this only catches a provider that claims what it lacks).
 */
export function operation<K extends ProviderOperation>(
  provider: BookingProvider,
  name: K,
): NonNullable<BookingProvider[K]> {
  const method = provider[name];
  if (typeof method !== 'function') {
    throw new BookingError('not-supported', `The ${provider.backend} backend does not offer ${name}.`);
  }
  return method.bind(provider) as NonNullable<BookingProvider[K]>;
}
