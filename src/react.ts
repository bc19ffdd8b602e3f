/**
 * `careslot/react`: React components for the careslot elements, made with `@lit/react`. Importing this
 * module registers the elements (it imports `careslot/define`). Properties are set as element
 * properties (so `provider`, `options` and `value` take objects), and each element's events are
 * typed React props: `onSlotSelect`, `onBookingConfirmed`, …
 *
 * ```tsx
 * import { BookingProvider, SlotPicker, ConfirmButton } from 'careslot/react';
 *
 * <BookingProvider backend="demo" patient="demo-patient" options={{ getToken }}>
 *   <SlotPicker days={5} onSlotSelect={(e) => console.log(e.detail.slot.start)} />
 *   <ConfirmButton onBookingConfirmed={(e) => navigate(`/visits/${e.detail.appointment.id}`)} />
 * </BookingProvider>
 * ```
 *
 * Needs `react` (18 or 19) and `@lit/react` installed next to careslot (optional peer dependencies).
 */
import { createComponent, type EventName } from '@lit/react';
import * as React from 'react';
import type { CareslotEvent } from './elements/shared/events.js';
import {
  AppointmentListElement,
  BookingConfirmationElement,
  BookingFlowElement,
  BookingProviderElement,
  ConfirmButtonElement,
  PatientFormElement,
  SlotPickerElement,
  TimeZoneSelectElement,
  VisitFilterElement,
} from './define.js';

// The React event types are the ones of the shared event map (src/elements/shared/events.ts).
/** `booking-provider-error` and `booking-failed`: `{ error }`. */
export type BookingErrorEvent = CareslotEvent<'booking-failed'>;
/** `slot-select`: `{ slot }`. */
export type SlotSelectEvent = CareslotEvent<'slot-select'>;
/** `booking-confirmed`, `appointment-confirmed` and `appointment-cancelled`: `{ appointment }`. */
export type AppointmentEvent = CareslotEvent<'booking-confirmed'>;
/** `filter-change`: the chosen backend ids, absent for "any". */
export type FilterChangeEvent = CareslotEvent<'filter-change'>;
/** `time-zone-change`: `{ timeZone }`. */
export type TimeZoneChangeEvent = CareslotEvent<'time-zone-change'>;
/** `patient-change`: `{ valid }` (never the details: read the element's `value`). */
export type PatientChangeEvent = CareslotEvent<'patient-change'>;
/** `appointment-rescheduled`: `{ appointment, previous }`. */
export type AppointmentRescheduledEvent = CareslotEvent<'appointment-rescheduled'>;

/** `<booking-provider>`: the backend connection every element inside it uses. */
export const BookingProvider = createComponent({
  react: React,
  tagName: 'booking-provider',
  elementClass: BookingProviderElement,
  displayName: 'BookingProvider',
  events: {
    onBookingProviderError: 'booking-provider-error' as EventName<BookingErrorEvent>,
  },
});

/** `<slot-picker>`: free times grouped by day; a form control whose value is the slot id. */
export const SlotPicker = createComponent({
  react: React,
  tagName: 'slot-picker',
  elementClass: SlotPickerElement,
  displayName: 'SlotPicker',
  events: {
    onSlotSelect: 'slot-select' as EventName<SlotSelectEvent>,
    onChange: 'change' as EventName<Event>,
  },
});

/** `<confirm-button>`: books the chosen time, or confirms the appointment named by `appointment`. */
export const ConfirmButton = createComponent({
  react: React,
  tagName: 'confirm-button',
  elementClass: ConfirmButtonElement,
  displayName: 'ConfirmButton',
  events: {
    onBookingConfirmed: 'booking-confirmed' as EventName<AppointmentEvent>,
    onBookingFailed: 'booking-failed' as EventName<BookingErrorEvent>,
  },
});

/** `<appointment-list>`: the patient's appointments with confirm and cancel. */
export const AppointmentList = createComponent({
  react: React,
  tagName: 'appointment-list',
  elementClass: AppointmentListElement,
  displayName: 'AppointmentList',
  events: {
    onAppointmentConfirmed: 'appointment-confirmed' as EventName<AppointmentEvent>,
    onAppointmentCancelled: 'appointment-cancelled' as EventName<AppointmentEvent>,
  },
});

/** `<visit-filter>`: the patient's visit type, location and clinician; `<SlotPicker>`s without their own follow it. */
export const VisitFilter = createComponent({
  react: React,
  tagName: 'visit-filter',
  elementClass: VisitFilterElement,
  displayName: 'VisitFilter',
  events: {
    onFilterChange: 'filter-change' as EventName<FilterChangeEvent>,
  },
});

/** `<time-zone-select>`: the patient's own time zone, searchable. */
export const TimeZoneSelect = createComponent({
  react: React,
  tagName: 'time-zone-select',
  elementClass: TimeZoneSelectElement,
  displayName: 'TimeZoneSelect',
  events: {
    onTimeZoneChange: 'time-zone-change' as EventName<TimeZoneChangeEvent>,
  },
});

/** `<patient-form>`: the patient's details, a form control; `prefill` takes an object. */
export const PatientForm = createComponent({
  react: React,
  tagName: 'patient-form',
  elementClass: PatientFormElement,
  displayName: 'PatientForm',
  events: {
    onPatientChange: 'patient-change' as EventName<PatientChangeEvent>,
  },
});

/** `<booking-confirmation>`: the booked visit, with add to calendar, reschedule and cancel. */
export const BookingConfirmation = createComponent({
  react: React,
  tagName: 'booking-confirmation',
  elementClass: BookingConfirmationElement,
  displayName: 'BookingConfirmation',
  events: {
    onAppointmentCancelled: 'appointment-cancelled' as EventName<AppointmentEvent>,
    onAppointmentRescheduled: 'appointment-rescheduled' as EventName<AppointmentRescheduledEvent>,
  },
});

/** `booking-step`: `{ step }`. */
export type BookingStepEvent = CareslotEvent<'booking-step'>;

/** `<booking-flow>`: the whole booking journey in one element. */
export const BookingFlow = createComponent({
  react: React,
  tagName: 'booking-flow',
  elementClass: BookingFlowElement,
  displayName: 'BookingFlow',
  events: {
    onBookingStep: 'booking-step' as EventName<BookingStepEvent>,
  },
});
