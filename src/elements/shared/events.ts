import type { BookingError } from '../../core/errors.js';
import type { Appointment, Slot } from '../../core/model.js';
import type { VisitFilter } from './context.js';

/**
 * Every careslot event, by name, with the type of its `detail`. Each one is a bubbling, composed
 * CustomEvent; `emit()` only accepts these names and details, and `addEventListener('slot-select', …)`
 * on any element, the document or the window gets the typed event (see the event-map augmentation below).
 *
 * Details never carry patient data: events are composed and any script on the page can read them.
 */
export interface CareslotEventDetails {
  /** `<booking-provider>`: the backend could not be loaded or set up, or a hold failed. */
  'booking-provider-error': { error: BookingError };
  /** `<slot-picker>`: the patient chose a time. */
  'slot-select': { slot: Slot };
  /** `<confirm-button>`: the chosen time was booked, or the appointment confirmed. */
  'booking-confirmed': { appointment: Appointment };
  /** `<confirm-button>`: booking or confirming did not work. */
  'booking-failed': { error: BookingError };
  /** `<appointment-list>`: the patient confirmed an appointment. */
  'appointment-confirmed': { appointment: Appointment };
  /** `<appointment-list>`: the patient cancelled (or asked to cancel) an appointment. */
  'appointment-cancelled': { appointment: Appointment };
  /** `<visit-filter>`: the patient chose a visit type, place or clinician (backend ids; absent: any). */
  'filter-change': VisitFilter;
  /** `<time-zone-select>`: the patient chose their own time zone (IANA name). */
  'time-zone-change': { timeZone: string };
  /** `<booking-provider>`: the chosen time is held for the patient until `expires` (where the backend says). */
  'slot-held': { slot: Slot; expires?: string };
  /** `<booking-provider>`: the hold ran out; the time is no longer kept for the patient. */
  'hold-expired': { slot: Slot };
  /** `<booking-provider>`: the backend took the booking for later processing; the appointment may follow. */
  'booking-pending': { appointment?: Appointment };
  /** `<booking-provider>`: booking continues on another site (SMART booking deep link), opened at `url`. */
  'booking-redirect': { url: string };
  /**
   * `<booking-provider>`: the backend books only for a signed-in patient and none is. Cancelable: a portal that
   * signs patients in itself calls `preventDefault()` and does so; otherwise the `sign-in-url` link is followed.
   */
  'booking-sign-in-required': { slot: Slot | null };
  /** `<booking-provider>`: an appointment moved to a new time; `previous` is the old one. */
  'appointment-rescheduled': { appointment: Appointment; previous: Appointment };
  /** `<booking-flow>`: the step shown now. */
  'booking-step': { step: BookingStep };
  /** `<patient-form>`: the details changed; whether they are complete and valid (never the details). */
  'patient-change': { valid: boolean };
}

/** The steps of `<booking-flow>`, in order. */
export type BookingStep = 'visit' | 'time' | 'details' | 'review' | 'done';

/** The name of a careslot event. */
export type CareslotEventName = keyof CareslotEventDetails;

/**
 * Every careslot event name once, for tools (Storybook's Actions panel, tests); `satisfies` fails to compile
 * when the event map gains or loses one. Nothing in the elements imports it, so no bundle carries it.
 */
export const CARESLOT_EVENT_NAMES = Object.keys({
  'booking-provider-error': true,
  'slot-select': true,
  'booking-confirmed': true,
  'booking-failed': true,
  'appointment-confirmed': true,
  'appointment-cancelled': true,
  'filter-change': true,
  'time-zone-change': true,
  'slot-held': true,
  'hold-expired': true,
  'booking-pending': true,
  'booking-redirect': true,
  'booking-sign-in-required': true,
  'appointment-rescheduled': true,
  'booking-step': true,
  'patient-change': true,
} satisfies Record<CareslotEventName, true>) as CareslotEventName[];

/** The event object of a careslot event, e.g. `CareslotEvent<'slot-select'>`. */
export type CareslotEvent<K extends CareslotEventName> = CustomEvent<CareslotEventDetails[K]>;

/** Every careslot event name mapped to its event object, as DOM event maps are written. */
export type CareslotEventMap = { [K in CareslotEventName]: CareslotEvent<K> };

// Typed listeners: `el.addEventListener('booking-confirmed', (e) => e.detail.appointment)` on any element, and on
// `document` and `window` too, where these composed events arrive (their maps extend GlobalEventHandlersEventMap).
/* eslint-disable @typescript-eslint/no-empty-object-type */
declare global {
  interface HTMLElementEventMap extends CareslotEventMap {}
  interface GlobalEventHandlersEventMap extends CareslotEventMap {}
}
/* eslint-enable @typescript-eslint/no-empty-object-type */
