/** Registers the careslot elements under their default tag names. Safe to load more than once. */
import { AppointmentListElement } from './elements/appointment-list/appointment-list.js';
import { BookingProviderElement } from './elements/booking-provider/booking-provider.js';
import { ConfirmButtonElement } from './elements/confirm-button/confirm-button.js';
import { defineElement } from './elements/shared/base.js';
import { SlotPickerElement } from './elements/slot-picker/slot-picker.js';

export function defineCareslot(): void {
  defineElement('booking-provider', BookingProviderElement);
  defineElement('slot-picker', SlotPickerElement);
  defineElement('confirm-button', ConfirmButtonElement);
  defineElement('appointment-list', AppointmentListElement);
}

defineCareslot();
