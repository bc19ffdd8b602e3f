import { BookingError, DEFAULT_MESSAGES, kindForStatus, type BookingErrorKind } from '../../core/errors.js';
import type { HttpFailure } from '../../core/http.js';
import {
  isOperationOutcome,
  issueText,
  outcomeError,
  type OperationOutcome,
  type OperationOutcomeIssue,
} from '../fhir-common/index.js';

/** True when an OperationOutcome holds an error (not just information or a warning). */
export function isErrorOutcome(value: unknown): value is OperationOutcome {
  return (
    isOperationOutcome(value) && (value.issue ?? []).some((i) => i?.severity === 'error' || i?.severity === 'fatal')
  );
}

/** Issue codes that say a field of the request is wrong (`validation`; a 422 with one is not about the slot). */
const FIELD_ISSUES = new Set([
  'invalid',
  'structure',
  'required',
  'value',
  'invariant',
  'code-invalid',
  'extension',
  'too-long',
]);

/** The kind each other issue code means. */
const ISSUE_KINDS: Record<string, BookingErrorKind> = {
  login: 'auth-expired',
  expired: 'auth-expired',
  security: 'forbidden',
  forbidden: 'forbidden',
  suppressed: 'forbidden',
  'not-found': 'not-found',
  deleted: 'not-found',
  conflict: 'conflict',
  duplicate: 'conflict',
  'multiple-matches': 'conflict',
  'not-supported': 'not-supported',
  throttled: 'rate-limited',
  'too-costly': 'rate-limited',
  timeout: 'timeout',
  transient: 'upstream-unavailable',
  exception: 'upstream-unavailable',
  'business-rule': 'validation',
};

/**
 * The kind of an OperationOutcome issue code, refined by the HTTP status (0 when there is none): 401 and 403
 * always mean auth; a server error (5xx) with a client-side code (throttled, invalid) and a client error (4xx)
 * with a server-side code (exception, transient) keep the status' kind.
 */
export function kindForIssue(status: number, code: string | undefined): BookingErrorKind {
  const byStatus: BookingErrorKind = status ? kindForStatus(status) : 'unknown';
  if (status === 401) return 'auth-expired';
  if (status === 403) return 'forbidden';
  const kind = code ? (FIELD_ISSUES.has(code) ? 'validation' : ISSUE_KINDS[code]) : undefined;
  if (kind === 'upstream-unavailable') return status >= 400 && status < 500 ? byStatus : kind;
  if (kind === 'validation' || kind === 'rate-limited') return status >= 500 ? byStatus : kind;
  return kind ?? byStatus;
}

/** Whether an issue is about the slot (Argonaut `$book`/`$hold` refusals, a double-booking guard). */
function aboutSlot(issue: OperationOutcomeIssue | undefined): boolean {
  if (!issue) return false;
  const where = [...(issue.expression ?? []), ...(issue.location ?? [])].join(' ');
  return /\bslot\b/i.test(where) || /\bslot\b/i.test(issueText(issue) ?? '');
}

/** The kind of an issue code and status; a refusal that is about the slot means someone else has it. */
function fhirKind(issue: OperationOutcomeIssue | undefined, status: number): BookingErrorKind {
  const kind = kindForIssue(status, issue?.code);
  const refused = kind === 'conflict' || kind === 'validation' || status === 409 || status === 412 || status === 422;
  return refused && aboutSlot(issue) ? 'slot-unavailable' : kind;
}

/** Maps an OperationOutcome (from any status) to a BookingError with the server's own words. */
export function fhirError(outcome: OperationOutcome, status: number): BookingError {
  return outcomeError(outcome, status, fhirKind);
}

/** The HttpClient hook: every OperationOutcome body becomes a BookingError of the right kind. */
export function mapFhirError(failure: HttpFailure): BookingError | undefined {
  if (isOperationOutcome(failure.json)) return fhirError(failure.json, failure.status);
  return undefined;
}

/** For booking: a conflict, a failed precondition or a refused slot means someone else has the slot. */
export function asSlotUnavailable(error: unknown): unknown {
  if (!(error instanceof BookingError)) return error;
  // A 422 naming a wrong field (and not the slot: that is slot-unavailable already) keeps its kind.
  if (error.status === 422 && error.kind === 'validation' && FIELD_ISSUES.has(error.backendCode ?? '')) return error;
  const taken = error.kind === 'conflict' || error.status === 409 || error.status === 412 || error.status === 422;
  if (!taken || error.kind === 'slot-unavailable') return error;
  const message =
    error.status === 412 ||
    !error.message ||
    error.message === DEFAULT_MESSAGES[error.kind] ||
    /^precondition failed$/i.test(error.message)
      ? DEFAULT_MESSAGES['slot-unavailable']
      : error.message;
  return new BookingError('slot-unavailable', message, {
    status: error.status,
    backendCode: error.backendCode,
    cause: error,
  });
}
