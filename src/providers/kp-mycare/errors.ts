import { BookingError, DEFAULT_MESSAGES, kindForStatus, type BookingErrorKind } from '../../core/errors.js';
import { trimmed as str } from '../shared.js';
import type { KpFault } from './wire.js';

/** Whether a body is KP's `{"Fault": {...}}` (on an error status or, now and then, on a 200). */
export function isFault(value: unknown): value is KpFault {
  return (
    !!value &&
    typeof value === 'object' &&
    'Fault' in value &&
    !!(value as KpFault).Fault &&
    typeof (value as KpFault).Fault === 'object'
  );
}

/** What the page's "Response Codes" table says, used when the body has no Fault. */
const STATUS_TEXT: Record<number, string> = {
  401: 'Unauthorized; invalid ssoSession or ObSSOCookie.',
  403: 'Unauthorized; invalid ssoSession or ObSSOCookie.',
  404: 'Method not supported/ resource not found.',
  405: 'Method not supported.',
  412: 'Invalid data.',
  500: 'Internal server error.',
  503: 'Referenced service not available.',
};

/** Maps a KP answer that failed (or a 200 carrying a Fault) to a BookingError with KP's own words. */
export function kpError(status: number, body: unknown, text = ''): BookingError {
  const fault = isFault(body) ? (body as KpFault).Fault : undefined;
  const faultText = str(fault?.faultstring);
  const plain = !fault && text && text.length < 300 && !/[<{]/.test(text.trim()[0] ?? '') ? text.trim() : undefined;
  const message = faultText ?? plain ?? STATUS_TEXT[status];
  // The kind is read from what KP said, not from the page's generic text for the status.
  const lower = (faultText ?? plain ?? '').toLowerCase();
  let kind: BookingErrorKind;
  switch (status) {
    case 401:
      kind = 'auth-expired';
      break;
    case 403:
      // The page lists 403 with 401 (invalid session); KP's sibling APIs use 403 for "User is not entitled".
      kind = /session|cookie|sso|expired/.test(lower) ? 'auth-expired' : 'forbidden';
      break;
    case 404:
      // 404 is documented as "Method not supported/ resource not found".
      kind = /method|only supports/.test(lower) ? 'not-supported' : 'not-found';
      break;
    case 405:
      kind = 'not-supported';
      break;
    case 400:
    case 412:
      kind = 'validation';
      break;
    case 200:
      kind = 'upstream-unavailable';
      break;
    default:
      kind = kindForStatus(status);
  }
  const code = str(fault?.faultcode);
  const type = str(fault?.detail?.FaultType?.Type);
  return new BookingError(kind, message ?? DEFAULT_MESSAGES[kind], {
    status,
    backendCode: code && type ? `${code} (${type})` : (code ?? type),
  });
}

/** An appointment of a list that cannot be read; `index` counts from 0. */
export function unreadable(index: number, why: string): BookingError {
  return new BookingError(
    'malformed-response',
    `KP sent appointment ${index + 1} in a form careslot cannot read: ${why}.`,
  );
}
