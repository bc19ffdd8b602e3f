import { BookingError, DEFAULT_MESSAGES, kindForStatus, type BookingErrorKind } from '../../core/errors.js';
import type { HttpFailure } from '../../core/http.js';
import { isRecord as isObject, malformedAnswer, nonEmpty as str } from '../shared.js';
import { num } from './wire.js';

/** How SnapMD is named in messages (and to the HTTP client). */
export const BACKEND = 'SnapMD';

/** Reason phrases that say nothing more than the status: SnapMD puts its own message there instead. */
const STANDARD_REASONS =
  /^(OK|Bad Request|Unauthorized|Forbidden|Not Found|Internal Server Error|Service Unavailable|Bad Gateway|Gateway Timeout|Method Not Allowed|Conflict)$/i;
/** A 400 about the time rather than a field: someone else has the slot. */
const SLOT_TAKEN = /no longer available|not available|already (booked|taken|scheduled)|overlap|double[- ]book/i;

export function malformed(what: string): BookingError {
  return malformedAnswer(BACKEND, what);
}

/** Maps SnapMD's error answers (`{ responseCode, message, spCallResult }`, reason phrases) to BookingErrors. */
export function mapSnapmdError(failure: HttpFailure): BookingError {
  const body = isObject(failure.json) ? failure.json : undefined;
  const sp = isObject(body?.spCallResult) ? body.spCallResult : undefined;
  // The body's code wins: the seed's status line says 1000404 while its body says 1000400.
  const code = num(body?.responseCode) ?? num(sp?.ErrorCode) ?? num(/Sp Error (\d+)/i.exec(failure.statusText)?.[1]);
  const reason =
    failure.statusText && !/^Sp Error/i.test(failure.statusText) && !STANDARD_REASONS.test(failure.statusText)
      ? failure.statusText
      : undefined;
  const message =
    str(body?.message) ??
    str(body?.Message) ??
    str(sp?.Error) ??
    reason ??
    (failure.text && !body && failure.text.length < 300 ? failure.text.trim() : undefined);
  let kind: BookingErrorKind;
  if (code === 1000404) kind = 'not-found';
  else if (failure.status === 401) kind = message && /only patients/i.test(message) ? 'forbidden' : 'auth-expired';
  else if (failure.status === 400 || code === 1000400)
    kind = message && SLOT_TAKEN.test(message) ? 'slot-unavailable' : 'validation';
  else kind = kindForStatus(failure.status);
  return new BookingError(kind, message ?? DEFAULT_MESSAGES[kind], {
    status: failure.status,
    backendCode: code === undefined ? undefined : String(code),
  });
}
