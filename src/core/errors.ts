/**
 * Every failure in careslot becomes a BookingError with a `kind` the elements understand. `message` is for
 * developers: adapters put the backend's own words there. Patients never read it: the elements show a short
 * sentence per kind that says what to do next (src/elements/shared/messages.ts).
 */
export type BookingErrorKind =
  /** Someone else took the slot, or it is no longer offered. */
  | 'slot-unavailable'
  /** The session or token expired and one refresh did not help. */
  | 'auth-expired'
  /** Booking needs a signed-in patient (no `patient` on `<booking-provider>`). */
  | 'sign-in-required'
  /** Authenticated, but not allowed. */
  | 'forbidden'
  /** The request was refused as invalid (bad field, missing header). */
  | 'validation'
  | 'not-found'
  /** The resource changed since it was read (FHIR If-Match, Canvas 412). */
  | 'conflict'
  /** The backend (or this adapter) does not offer that operation. */
  | 'not-supported'
  /** Too many requests; try later. */
  | 'rate-limited'
  /** No answer in time. */
  | 'timeout'
  /** The request never reached the server (offline, DNS, CORS). */
  | 'network'
  /** The backend answered 5xx or said it is unavailable. */
  | 'upstream-unavailable'
  /** The backend answered something this adapter cannot understand. */
  | 'malformed-response'
  | 'unknown';

const RETRYABLE: ReadonlySet<BookingErrorKind> = new Set([
  'timeout',
  'network',
  'upstream-unavailable',
  'rate-limited',
  'malformed-response',
  'unknown',
]);

export interface BookingErrorInit {
  status?: number;
  /** The backend's own error code (KP faultcode, SnapMD responseCode, OperationOutcome issue.code, ...). */
  backendCode?: string;
  cause?: unknown;
}

export class BookingError extends Error {
  override readonly name = 'BookingError';
  readonly kind: BookingErrorKind;
  readonly status?: number;
  readonly backendCode?: string;
  /** Whether trying the same call again may succeed. */
  readonly retryable: boolean;

  constructor(kind: BookingErrorKind, message: string, init: BookingErrorInit = {}) {
    super(message, init.cause === undefined ? undefined : { cause: init.cause });
    this.kind = kind;
    this.status = init.status;
    this.backendCode = init.backendCode;
    this.retryable = RETRYABLE.has(kind);
  }

  /** The plain shape event details carry: `{ kind, message }` (plus status/code when known). */
  toJSON(): { kind: BookingErrorKind; message: string; status?: number; backendCode?: string } {
    return { kind: this.kind, message: this.message, status: this.status, backendCode: this.backendCode };
  }
}

/** Default kind for an HTTP status, for backends whose body says nothing more specific. */
export function kindForStatus(status: number): BookingErrorKind {
  if (status === 401) return 'auth-expired';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not-found';
  if (status === 405 || status === 501) return 'not-supported';
  if (status === 409 || status === 412) return 'conflict';
  if (status === 408 || status === 504) return 'timeout';
  if (status === 429) return 'rate-limited';
  if (status >= 500) return 'upstream-unavailable';
  if (status >= 400) return 'validation';
  return 'unknown';
}

/** A default developer message per kind, for adapters whose backend says nothing more specific. */
export const DEFAULT_MESSAGES: Record<BookingErrorKind, string> = {
  'slot-unavailable': 'That time is no longer available. Please choose another.',
  'auth-expired': 'Your session has expired. Please sign in again.',
  'sign-in-required': 'No patient is signed in.',
  forbidden: 'You are not allowed to do that online.',
  validation: 'The request was not accepted.',
  'not-found': 'That appointment or time could not be found.',
  conflict: 'This appointment changed in the meantime. Please reload and try again.',
  'not-supported': 'This clinic does not offer that online.',
  'rate-limited': 'Too many requests. Please wait a moment and try again.',
  timeout: 'The scheduling system did not answer in time.',
  network: 'The scheduling system could not be reached. Check your connection.',
  'upstream-unavailable': 'The scheduling system is unavailable right now.',
  'malformed-response': 'The scheduling system sent an answer careslot could not read.',
  unknown: 'Something went wrong.',
};

/** Turns anything thrown into a BookingError; abort errors pass through untouched. */
export function toBookingError(error: unknown): BookingError {
  if (error instanceof BookingError) return error;
  const message = error instanceof Error && error.message ? error.message : DEFAULT_MESSAGES.unknown;
  return new BookingError('unknown', message, { cause: error });
}

/** True for the error an aborted fetch or task throws: such a result is stale and not shown. */
export function isAbortError(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}
