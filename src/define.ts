/**
 * `careslot/define`: registers every careslot element under its default tag name (for bundlers: each
 * element is imported up front; the script-tag build, src/careslot.ts, loads the rarer ones lazily). Safe
 * to load more than once, and next to another copy of careslot (a tag that is already defined is skipped).
 */
import { AppointmentListElement } from './elements/appointment-list/appointment-list.js';
import { BookingFlowElement } from './elements/booking-flow/booking-flow.js';
import { BookingConfirmationElement } from './elements/booking-confirmation/booking-confirmation.js';
import { BookingProviderElement } from './elements/booking-provider/booking-provider.js';
import { ConfirmButtonElement } from './elements/confirm-button/confirm-button.js';
import { PatientFormElement } from './elements/patient-form/patient-form.js';
import { defineElement } from './elements/shared/base.js';
import { SlotPickerElement } from './elements/slot-picker/slot-picker.js';
import { defineFirstScreen } from './elements/tags.js';
import { TimeZoneSelectElement } from './elements/time-zone-select/time-zone-select.js';
import { VisitFilterElement } from './elements/visit-filter/visit-filter.js';

// Re-exported so that `import 'careslot/define'` also brings the elements' typings (the
// HTMLElementTagNameMap and event-map entries declared next to each class) into a consumer's program.
export {
  AppointmentListElement,
  BookingConfirmationElement,
  BookingFlowElement,
  BookingProviderElement,
  ConfirmButtonElement,
  PatientFormElement,
  SlotPickerElement,
  TimeZoneSelectElement,
  VisitFilterElement,
};

export function defineCareslot(): void {
  defineFirstScreen();
  defineElement('visit-filter', VisitFilterElement);
  defineElement('time-zone-select', TimeZoneSelectElement);
  defineElement('patient-form', PatientFormElement);
  defineElement('booking-confirmation', BookingConfirmationElement);
  defineElement('booking-flow', BookingFlowElement);
}

defineCareslot();
