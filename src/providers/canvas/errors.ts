import { kindForStatus, type BookingError, type BookingErrorKind } from '../../core/errors.js';
import type { HttpFailure } from '../../core/http.js';
import { isOperationOutcome, outcomeError, type OperationOutcomeIssue } from '../fhir-common/index.js';

const SLOT_UNAVAILABLE = /no longer available/i;

/** Kinds Canvas words for engineers, not patients: careslot's default message reads better. */
const DEFAULT_WORDING: ReadonlySet<BookingErrorKind> = new Set([
  'auth-expired',
  'upstream-unavailable',
  'timeout',
  'rate-limited',
  'forbidden',
  'conflict',
]);

/**
 * Canvas' error kinds (docs/backends/canvas.md): the HTTP status decides unless the issue code says more;
 * a 422 is a time no longer available or a refused request.
 */
function canvasKind(issue: OperationOutcomeIssue | undefined, status: number): BookingErrorKind {
  if (status === 422) return SLOT_UNAVAILABLE.test(issue?.details?.text ?? '') ? 'slot-unavailable' : 'validation';
  if (status === 401) return 'auth-expired';
  switch (issue?.code) {
    case 'expired':
      return 'auth-expired';
    case 'forbidden':
    case 'security':
      return 'forbidden';
    case 'not-found':
      return 'not-found';
    case 'not-supported':
      return 'not-supported';
    case 'throttled':
      return 'rate-limited';
    case 'timeout':
      return 'timeout';
    case 'transient':
      return 'upstream-unavailable';
    default:
      return kindForStatus(status);
  }
}

/** The HttpClient hook: an OperationOutcome (or any failed call) → BookingError, with Canvas' kinds and wording. */
export function mapCanvasError(failure: HttpFailure): BookingError {
  return outcomeError(isOperationOutcome(failure.json) ? failure.json : undefined, failure.status, canvasKind, {
    defaultWording: DEFAULT_WORDING,
    fallbackCode: `canvas-http-${failure.status}`,
  });
}
