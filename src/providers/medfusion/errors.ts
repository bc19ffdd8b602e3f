import { BookingError, DEFAULT_MESSAGES, kindForStatus, type BookingErrorKind } from '../../core/errors.js';
import type { HttpFailure } from '../../core/http.js';
import { errorText } from './xml.js';

/** What Medfusion's page says each status means; used when the body says nothing readable. */
const STATUS_TEXT: Record<number, string> = {
  400: 'Bad request. The data given in the HTTP request failed validation.',
  401: 'Unauthorized request. Check the OAuth attributes.',
  404: 'Not found. The requested resource was not found in the server.',
  415: 'Unsupported media type. The server could not process the request because the content type specified in the request header is not supported.',
};

/** Maps a failed call to a BookingError with Medfusion's own error text, else what its page says the status means. */
export function medfusionError(failure: Pick<HttpFailure, 'status' | 'text' | 'headers'>): BookingError {
  const kind: BookingErrorKind = failure.status === 415 ? 'validation' : kindForStatus(failure.status);
  const message =
    errorText(failure.text, failure.headers.get('content-type')) ??
    STATUS_TEXT[failure.status] ??
    DEFAULT_MESSAGES[kind];
  return new BookingError(kind, message, { status: failure.status });
}
