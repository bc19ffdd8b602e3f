import type { CareslotEventName } from '../../src/elements/shared/events.js';

/** Every careslot event, for the Actions panel; `satisfies` fails to compile when the event map changes. */
const EVENTS = {
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
} satisfies Record<CareslotEventName, true>;

export const CARESLOT_EVENT_NAMES = Object.keys(EVENTS) as CareslotEventName[];
