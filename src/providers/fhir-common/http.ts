import type { HttpResponse } from '../../core/http.js';
import { parseReference } from './index.js';

/** The FHIR REST details the writes need: the media type, versions for If-Match, and the id a create made. */

export const FHIR_JSON = 'application/fhir+json';

/** The version in an `ETag: W/"3"` header. */
export function etagVersion(response: HttpResponse<unknown>): string | undefined {
  const etag = response.headers.get('ETag');
  const match = etag ? /"([^"]+)"/.exec(etag) : null;
  return match?.[1];
}

export function ifMatch(versionId: string | undefined): Record<string, string> {
  return versionId ? { 'If-Match': `W/"${versionId}"` } : {};
}

/** The id in the `Location` (or `Content-Location`) header of a create's answer, without `_history`. */
export function createdId(response: HttpResponse<unknown>): string | undefined {
  const location = response.headers.get('Location') ?? response.headers.get('Content-Location');
  return parseReference(location ?? undefined)?.id;
}
