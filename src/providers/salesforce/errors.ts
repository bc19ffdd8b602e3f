import { BookingError, DEFAULT_MESSAGES, kindForStatus, type BookingErrorKind } from '../../core/errors.js';
import type { HttpFailure } from '../../core/http.js';
import { isRecord as isObject, malformedAnswer, nonEmpty as str } from '../shared.js';

/** How Salesforce is named in messages (and to the HTTP client). */
export const BACKEND = 'Salesforce';

export function malformed(what: string): BookingError {
  return malformedAnswer(BACKEND, what);
}

/** `error` / `errorMessages` of a `isSuccess: false` answer: an array, an object, or strings. */
function problems(body: Record<string, unknown>): { code?: string; message?: string }[] {
  const out: { code?: string; message?: string }[] = [];
  const take = (item: unknown) => {
    if (typeof item === 'string' && item) out.push({ message: item });
    else if (isObject(item)) {
      const message = str(item.message) ?? str(item.errorMessage);
      const code = str(item.errorCode) ?? str(item.code);
      if (message || code) out.push({ code, message });
    }
  };
  for (const field of [body.error, body.errors, body.errorMessages]) {
    if (Array.isArray(field)) field.forEach(take);
    else take(field);
  }
  return out;
}

const CODE_KINDS: [RegExp, BookingErrorKind][] = [
  [/^(INVALID_SESSION_ID|INVALID_AUTH_HEADER)$/, 'auth-expired'],
  [/^REQUEST_LIMIT_EXCEEDED$/, 'rate-limited'],
  [/^(INSUFFICIENT_ACCESS|API_DISABLED_FOR_ORG|API_CURRENTLY_DISABLED|FUNCTIONALITY_NOT_ENABLED)/, 'forbidden'],
  [/^(NOT_FOUND|ENTITY_IS_DELETED)$/, 'not-found'],
  [/SLOT|UNAVAILABLE_TIME|TIME_NOT_AVAILABLE|SCHEDULING_CONFLICT|OVERLAP/, 'slot-unavailable'],
  [/^(SERVER_UNAVAILABLE|UNKNOWN_EXCEPTION|SERVICE_UNAVAILABLE)$/, 'upstream-unavailable'],
  [
    /^(JSON_PARSER_ERROR|INVALID_|REQUIRED_FIELD_MISSING|MALFORMED_ID|FIELD_|STRING_TOO_LONG|BAD_REQUEST)/,
    'validation',
  ],
];

function kindForCode(code: string | undefined): BookingErrorKind | undefined {
  if (!code) return undefined;
  return CODE_KINDS.find(([pattern]) => pattern.test(code))?.[1];
}

const TIME_REJECTION =
  /no longer available|not available|already (booked|taken|scheduled)|slot|overlap|conflict|in the past|must be in the future/i;

/** Maps a `200 { isSuccess: false }` answer to a BookingError with Salesforce's own words. */
function rejection(body: Record<string, unknown>, action: string): BookingError {
  const found = problems(body);
  const message =
    found
      .map((p) => p.message)
      .filter(Boolean)
      .join(' ') || undefined;
  const code = found.find((p) => p.code)?.code;
  const status = str(body.status);
  let kind = kindForCode(code);
  if (!kind && message && /already cancel+ed/i.test(message)) kind = 'conflict';
  if (!kind && message && TIME_REJECTION.test(message)) kind = 'slot-unavailable';
  if (!kind) kind = status?.toLowerCase() === 'rejected' && action !== 'cancel' ? 'slot-unavailable' : 'unknown';
  const text =
    message ??
    (kind === 'slot-unavailable'
      ? DEFAULT_MESSAGES['slot-unavailable']
      : `${BACKEND} did not ${action} the appointment${status ? ` (status "${status}")` : ''}.`);
  return new BookingError(kind, text, { status: 200, backendCode: code ?? status });
}

/** Maps Salesforce's platform errors (`[{ errorCode, message }]`) to BookingErrors. */
export function mapSalesforceError(failure: HttpFailure): BookingError {
  const items: unknown[] = Array.isArray(failure.json)
    ? failure.json
    : failure.json !== undefined
      ? [failure.json]
      : [];
  const first = items.find(isObject);
  const code = first ? (str(first.errorCode) ?? str(first.code)) : undefined;
  const messages = items
    .filter(isObject)
    .map((i) => str(i.message))
    .filter((m): m is string => !!m);
  let kind = kindForCode(code) ?? kindForStatus(failure.status);
  // A 401 that survived one token refresh is an expired session whatever its code says.
  if (failure.status === 401) kind = 'auth-expired';
  if (failure.status >= 500) kind = 'upstream-unavailable';
  const message = messages.join(' ') || DEFAULT_MESSAGES[kind];
  return new BookingError(kind, message, { status: failure.status, backendCode: code });
}

/** Reads an "Appointment Management Output": `{ id, isSuccess, status, error }`; `isSuccess: false` is a failure. */
export function readOutput(body: unknown, action: 'book' | 'reschedule' | 'cancel'): { id?: string; status?: string } {
  if (!isObject(body)) throw malformed(`an answer to ${action} that`);
  if (body.isSuccess !== true) {
    if (body.isSuccess === false || body.error || body.errorMessages) throw rejection(body, action);
    throw malformed(`an answer to ${action} without isSuccess, which`);
  }
  return { id: str(body.id), status: str(body.status) };
}
