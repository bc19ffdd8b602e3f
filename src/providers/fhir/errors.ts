import { BookingError, DEFAULT_MESSAGES, type BookingErrorKind } from '../../core/errors.js';
import type { HttpFailure } from '../../core/http.js';
import { isOperationOutcome, issueText, kindForIssue, outcomeError, type OperationOutcome, type OperationOutcomeIssue } from '../fhir-common/index.js';

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
  return outcomeError(outcome, status, { kind: fhirKind });
}

/** The HttpClient hook: every OperationOutcome body becomes a BookingError of the right kind. */
export function mapFhirError(failure: HttpFailure): BookingError | undefined {
  if (isOperationOutcome(failure.json)) return fhirError(failure.json, failure.status);
  return undefined;
}

/** For booking: a conflict, a failed precondition or a refused slot means someone else has the slot. */
export function asSlotUnavailable(error: unknown): unknown {
  if (!(error instanceof BookingError)) return error;
  const taken = error.kind === 'conflict' || error.status === 409 || error.status === 412 || error.status === 422;
  if (!taken || error.kind === 'slot-unavailable') return error;
  const message = error.status === 412 || !error.message || error.message === DEFAULT_MESSAGES[error.kind] || /^precondition failed$/i.test(error.message)
    ? DEFAULT_MESSAGES['slot-unavailable']
    : error.message;
  return new BookingError('slot-unavailable', message, { status: error.status, backendCode: error.backendCode, cause: error });
}
