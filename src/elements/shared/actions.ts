import type { Appointment } from '../../core/model.js';
import type { ProviderCapabilities } from '../../core/provider.js';

/**
 * What a patient may do with an appointment that is still open (not past, not cancelled): one rule for every
 * element that offers Cancel and Move. Moving is the backend's reschedule, else booking the new time and then
 * cancelling this one, which needs a direct cancel: a cancel that is only a request would leave two visits.
 */
export function appointmentActions(
  appointment: Appointment,
  capabilities: ProviderCapabilities | undefined,
  open: boolean,
): { canCancel: boolean; canMove: boolean } {
  const live = open && !appointment.cancelRequested && !!capabilities;
  return {
    canCancel: live && appointment.cancel !== 'none' && capabilities.cancel,
    canMove:
      live &&
      (capabilities.reschedule || (capabilities.book && capabilities.cancel && appointment.cancel === 'direct')),
  };
}
