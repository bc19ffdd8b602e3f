import { BookingError, isAbortError } from '../../core/errors.js';

/** A manifest without its list of files. */
export function noOutputList(): BookingError {
  return new BookingError('malformed-response', 'The slot publisher\'s $bulk-publish manifest has no "output" list.');
}

/** A file of which not one line was JSON. */
export function notNdjson(type: string): BookingError {
  return new BookingError(
    'malformed-response',
    `The slot publisher's ${type} file is not NDJSON (no line could be read).`,
  );
}

/** A download that broke off while streaming: aborts and BookingErrors stay as they are. */
export function downloadError(error: unknown): unknown {
  if (isAbortError(error) || error instanceof BookingError) return error;
  const timeout = error instanceof DOMException && error.name === 'TimeoutError';
  return new BookingError(
    timeout ? 'timeout' : 'network',
    timeout ? 'The slot publisher did not send its files in time.' : 'A slot file could not be downloaded.',
    { cause: error },
  );
}
