/**
 * The script-tag build (`dist/careslot.js`): registers the first screen's elements, loads the others
 * (`<visit-filter>`, `<time-zone-select>`, …) as lazy chunks when their tags appear, and exports what a
 * page script next to them needs — the first screen's classes, `registerBackend` for a page's own
 * adapter, `BookingError`, `loadElement`.
 *
 * It deliberately exports less than the npm package `careslot` (no HTTP or time helpers): whatever is
 * exported here cannot be tree-shaken, and this one file (lit, the first screen, the core) has a
 * 40 KB min+gzip budget (.size-limit.mjs). The HTTP client then travels in the lazy adapter chunks
 * that use it. Pages that want the full API use the npm package.
 */
// First: it starts the adapter's download before the rest of this file evaluates.
import './prefetch-backend.js';
import { autoloadElements, defineFirstScreen, loadElement } from './elements/tags.js';

export { AppointmentListElement } from './elements/appointment-list/appointment-list.js';
export { BookingProviderElement } from './elements/booking-provider/booking-provider.js';
export { ConfirmButtonElement } from './elements/confirm-button/confirm-button.js';
export { SlotPickerElement } from './elements/slot-picker/slot-picker.js';
export { registerBackend, registeredBackends } from './providers/registry.js';
export { BookingError, toBookingError } from './core/errors.js';
/** Loads a lazy element (e.g. `visit-filter`) before its tag is in the page; resolves once it is defined. */
export { loadElement };

/** Registers the first screen's elements and loads the others when their tags appear. */
export function defineCareslot(): void {
  defineFirstScreen();
  autoloadElements();
}

defineCareslot();
