/**
 * careslot: classes and types, without registering any element. Import `careslot/define` (or load
 * `dist/careslot.js`) to register the default tag names.
 */
export * from './core/model.js';
export * from './core/errors.js';
export * from './core/provider.js';
export * from './providers/registry.js';
export * from './core/time.js';
export { appointmentToIcs, type IcsOptions } from './core/ics.js';
export { HttpClient, bearerAuth } from './core/http.js';
export type { HttpClientOptions, HttpFailure, HttpRequest, HttpResponse } from './core/http.js';
export type { BookingSession, VisitFilter } from './elements/shared/context.js';
export { sessionContext } from './elements/shared/context.js';
export type {
  CareslotEvent,
  CareslotEventDetails,
  CareslotEventMap,
  CareslotEventName,
} from './elements/shared/events.js';
export { BookingProviderElement } from './elements/booking-provider/booking-provider.js';
export { SlotPickerElement } from './elements/slot-picker/slot-picker.js';
export { ConfirmButtonElement } from './elements/confirm-button/confirm-button.js';
export { AppointmentListElement, type AppointmentFilter } from './elements/appointment-list/appointment-list.js';
export { VisitFilterElement, type VisitFilterField } from './elements/visit-filter/visit-filter.js';
export { TimeZoneSelectElement } from './elements/time-zone-select/time-zone-select.js';
export { PatientFormElement } from './elements/patient-form/patient-form.js';
export { BookingConfirmationElement } from './elements/booking-confirmation/booking-confirmation.js';
export { BookingFlowElement, emergencyText } from './elements/booking-flow/booking-flow.js';
