import { BookingError, DEFAULT_MESSAGES, kindForStatus, type BookingErrorKind } from '../../core/errors.js';
import type { HttpFailure } from '../../core/http.js';

/**
 * Small FHIR helpers shared by the FHIR-flavoured adapters (`canvas`, and open for `fhir`): reading an
 * OperationOutcome, mapping it to a BookingError, and walking a Bundle. No DOM, no vendor knowledge.
 */

export interface FhirCoding {
  system?: string;
  code?: string;
  display?: string;
}

export interface FhirCodeableConcept {
  coding?: FhirCoding[];
  text?: string;
}

export interface FhirReference {
  reference?: string;
  type?: string;
  display?: string;
}

export interface OperationOutcomeIssue {
  severity?: string;
  code?: string;
  details?: { text?: string; coding?: FhirCoding[] };
  diagnostics?: string;
}

export interface OperationOutcome {
  resourceType: 'OperationOutcome';
  id?: string;
  issue?: OperationOutcomeIssue[];
}

export interface BundleLink {
  relation?: string;
  url?: string;
}

export interface Bundle<T> {
  resourceType: 'Bundle';
  type?: string;
  total?: number;
  link?: BundleLink[];
  entry?: { resource?: T; fullUrl?: string }[];
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function isOperationOutcome(value: unknown): value is OperationOutcome {
  return isRecord(value) && value.resourceType === 'OperationOutcome';
}

/** The first error issue of an OperationOutcome (or its first issue). */
export function firstIssue(outcome: OperationOutcome): OperationOutcomeIssue | undefined {
  const issues = Array.isArray(outcome.issue) ? outcome.issue : [];
  return issues.find((i) => i?.severity === 'error' || i?.severity === 'fatal') ?? issues[0];
}

/** Human text of an issue: `details.text`, else `diagnostics`, else a coding display. */
export function issueText(issue: OperationOutcomeIssue | undefined): string | undefined {
  if (!issue) return undefined;
  const text = issue.details?.text ?? issue.diagnostics ?? issue.details?.coding?.[0]?.display;
  return typeof text === 'string' && text.trim() ? text.trim() : undefined;
}

/** Default kind of an OperationOutcome issue code, refined by the HTTP status. */
export function kindForIssue(status: number, code: string | undefined): BookingErrorKind {
  switch (code) {
    case 'login':
    case 'unknown':
      return status === 401 ? 'auth-expired' : kindForStatus(status);
    case 'expired':
      return 'auth-expired';
    case 'forbidden':
    case 'security':
      return 'forbidden';
    case 'not-found':
      return 'not-found';
    case 'not-supported':
      return 'not-supported';
    case 'conflict':
      return status === 412 || status === 409 ? 'conflict' : kindForStatus(status);
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

/** Kinds whose server wording is not meant for a patient: the default message reads better. */
const GENERIC_KINDS: ReadonlySet<BookingErrorKind> = new Set(['auth-expired', 'upstream-unavailable', 'timeout', 'rate-limited', 'forbidden', 'conflict']);

/**
 * Maps a failed FHIR call to a BookingError. `refine` may pick another kind from the issue (e.g. Canvas'
 * 422 "This appointment time is no longer available." → `slot-unavailable`).
 */
export function operationOutcomeError(
  failure: HttpFailure,
  backend: string,
  refine?: (issue: OperationOutcomeIssue | undefined, status: number) => BookingErrorKind | undefined,
): BookingError {
  const outcome = isOperationOutcome(failure.json) ? failure.json : undefined;
  const issue = outcome ? firstIssue(outcome) : undefined;
  const kind = refine?.(issue, failure.status) ?? kindForIssue(failure.status, issue?.code);
  const text = issueText(issue);
  const message = text && !GENERIC_KINDS.has(kind) ? text : DEFAULT_MESSAGES[kind];
  return new BookingError(kind, message, { status: failure.status, backendCode: issue?.code ?? (outcome ? undefined : `${backend}-http-${failure.status}`) });
}

/** The resources of a Bundle of one type (entries of other types, e.g. OperationOutcome, are skipped). */
export function bundleResources<T extends { resourceType?: string }>(bundle: unknown, resourceType: string): T[] {
  if (!isRecord(bundle) || bundle.resourceType !== 'Bundle') return [];
  const entries = Array.isArray(bundle.entry) ? bundle.entry : [];
  return entries
    .map((e: unknown) => (isRecord(e) ? e.resource : undefined))
    .filter((r): r is T => isRecord(r) && r.resourceType === resourceType);
}

/** The `next` link of a Bundle, if any. */
export function nextLink(bundle: unknown): string | undefined {
  if (!isRecord(bundle) || !Array.isArray(bundle.link)) return undefined;
  const next = (bundle.link as unknown[]).find((l): l is BundleLink => isRecord(l) && l.relation === 'next');
  return typeof next?.url === 'string' && next.url ? next.url : undefined;
}

/** `Practitioner/abc` → `abc` when the type matches; undefined otherwise. */
export function referenceId(reference: string | undefined, type: string): string | undefined {
  if (!reference) return undefined;
  const match = new RegExp(`(?:^|/)${type}/([^/?#]+)`).exec(reference);
  return match?.[1];
}
