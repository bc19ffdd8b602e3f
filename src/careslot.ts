/**
 * The script-tag build (`dist/careslot.js`): registers every element and exports what a page script
 * next to them needs — the element classes, `registerBackend` for a page's own adapter, `BookingError`.
 *
 * It deliberately exports less than the npm package `careslot` (no HTTP or time helpers): whatever is
 * exported here cannot be tree-shaken, and this one file plus its static imports (lit, luxon) has a
 * 40 KB min+gzip budget (.size-limit.mjs). The HTTP client then travels in the lazy adapter chunks
 * that use it. Pages that want the full API use the npm package.
 */
export {
  defineCareslot,
  AppointmentListElement,
  BookingProviderElement,
  ConfirmButtonElement,
  SlotPickerElement,
  TimeZoneSelectElement,
  VisitFilterElement,
} from './define.js';
export { registerBackend, registeredBackends } from './providers/registry.js';
export { BookingError, toBookingError } from './core/errors.js';
