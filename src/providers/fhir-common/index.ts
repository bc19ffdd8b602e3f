import { BookingError, DEFAULT_MESSAGES, kindForStatus, type BookingErrorKind } from '../../core/errors.js';
import type { Address, AppointmentStatus } from '../../core/model.js';
import { isRecord } from '../shared.js';

export { isRecord } from '../shared.js';

/**
 * The FHIR R4 code the FHIR-speaking adapters share (`fhir`, and `canvas` for the Canvas Medical FHIR API):
 * the resource types they read and write, OperationOutcome → BookingError, Bundle and reference helpers, and
 * the resource → domain mapping that is the same for both. Each adapter keeps what its server does
 * differently. Every field is optional because servers differ; the mapping checks what it uses.
 */

// ------------------------------------------------------------------------------------------ types

export interface FhirMeta {
  versionId?: string;
  lastUpdated?: string;
}

export interface FhirExtension {
  url?: string;
  valueCode?: string;
  valueString?: string;
  valueUrl?: string;
}

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

export interface FhirResource {
  resourceType: string;
  id?: string;
  meta?: FhirMeta;
  extension?: FhirExtension[];
}

export interface FhirHumanName {
  text?: string;
  family?: string;
  given?: string[];
  prefix?: string[];
  suffix?: string[];
  use?: string;
}

export interface FhirPractitioner extends FhirResource {
  resourceType: 'Practitioner';
  name?: FhirHumanName[];
  qualification?: { code?: FhirCodeableConcept }[];
  photo?: { url?: string }[];
}

export interface FhirAddress {
  line?: string[];
  city?: string;
  state?: string;
  postalCode?: string;
  country?: string;
}

export interface FhirContactPoint {
  system?: string;
  value?: string;
}

export interface FhirLocation extends FhirResource {
  resourceType: 'Location';
  name?: string;
  address?: FhirAddress;
  telecom?: FhirContactPoint[];
}

export interface FhirSchedule extends FhirResource {
  resourceType: 'Schedule';
  active?: boolean;
  actor?: FhirReference[];
  serviceType?: FhirCodeableConcept[];
}

export interface FhirSlot extends FhirResource {
  resourceType: 'Slot';
  schedule?: FhirReference;
  status?: string;
  start?: string;
  end?: string;
  serviceType?: FhirCodeableConcept[];
  appointmentType?: FhirCodeableConcept;
}

export interface FhirParticipant {
  actor?: FhirReference;
  status?: string;
  required?: string;
  type?: FhirCodeableConcept[];
}

export interface FhirAppointment extends FhirResource {
  resourceType: 'Appointment';
  status?: string;
  identifier?: { system?: string; value?: string }[];
  start?: string;
  end?: string;
  minutesDuration?: number;
  slot?: FhirReference[];
  participant?: FhirParticipant[];
  serviceType?: FhirCodeableConcept[];
  appointmentType?: FhirCodeableConcept;
  comment?: string;
  description?: string;
  patientInstruction?: string;
  cancelationReason?: FhirCodeableConcept;
}

export interface OperationOutcomeIssue {
  severity?: string;
  code?: string;
  details?: { text?: string; coding?: FhirCoding[] };
  diagnostics?: string;
  expression?: string[];
  location?: string[];
}

export interface OperationOutcome extends FhirResource {
  resourceType: 'OperationOutcome';
  issue?: OperationOutcomeIssue[];
}

export interface BundleEntry<T extends FhirResource = FhirResource> {
  fullUrl?: string;
  resource?: T;
  search?: { mode?: string };
}

export interface BundleLink {
  relation?: string;
  url?: string;
}

export interface Bundle<T extends FhirResource = FhirResource> extends FhirResource {
  resourceType: 'Bundle';
  type?: string;
  total?: number;
  link?: BundleLink[];
  entry?: BundleEntry<T>[];
}

export interface FhirParameters extends FhirResource {
  resourceType: 'Parameters';
  parameter?: { name: string; valueString?: string; valueUri?: string; resource?: FhirResource }[];
}

export interface CapabilityStatement extends FhirResource {
  resourceType: 'CapabilityStatement';
  rest?: {
    mode?: string;
    resource?: {
      type?: string;
      interaction?: { code?: string }[];
      versioning?: string;
      conditionalCreate?: boolean;
      searchInclude?: string[];
      operation?: { name?: string; definition?: string }[];
    }[];
    operation?: { name?: string; definition?: string }[];
  }[];
}

export function isResource<T extends FhirResource>(value: unknown, type: T['resourceType']): value is T {
  return isRecord(value) && value.resourceType === type;
}

// ------------------------------------------------------------------------------ OperationOutcome

export function isOperationOutcome(value: unknown): value is OperationOutcome {
  return isResource<OperationOutcome>(value, 'OperationOutcome');
}

/** The issue that explains a failure: the first error or fatal one, else the first. */
export function mainIssue(outcome: OperationOutcome): OperationOutcomeIssue | undefined {
  const issues = Array.isArray(outcome.issue) ? outcome.issue : [];
  return issues.find((i) => i?.severity === 'error' || i?.severity === 'fatal') ?? issues[0];
}

/** `details.text`, else `diagnostics`, else a coding's display. */
export function issueText(issue: OperationOutcomeIssue | undefined): string | undefined {
  const text = issue?.details?.text ?? issue?.diagnostics ?? issue?.details?.coding?.[0]?.display;
  return typeof text === 'string' && text.trim() ? text.trim() : undefined;
}

/** True when an OperationOutcome holds an error (not just information or a warning). */
export function isErrorOutcome(value: unknown): value is OperationOutcome {
  return isOperationOutcome(value) && (value.issue ?? []).some((i) => i?.severity === 'error' || i?.severity === 'fatal');
}

/** The kind of an OperationOutcome issue code, refined by the HTTP status (0 when there is none). */
export function kindForIssue(status: number, code: string | undefined): BookingErrorKind {
  const byStatus: BookingErrorKind = status ? kindForStatus(status) : 'unknown';
  if (status === 401) return 'auth-expired';
  if (status === 403) return 'forbidden';
  switch (code) {
    case 'login':
    case 'expired':
      return 'auth-expired';
    case 'security':
    case 'forbidden':
    case 'suppressed':
      return 'forbidden';
    case 'not-found':
    case 'deleted':
      return 'not-found';
    case 'conflict':
    case 'duplicate':
    case 'multiple-matches':
      return 'conflict';
    case 'not-supported':
      return 'not-supported';
    case 'throttled':
    case 'too-costly':
      return status >= 500 ? byStatus : 'rate-limited';
    case 'timeout':
      return 'timeout';
    case 'transient':
    case 'exception':
      return status >= 400 && status < 500 ? byStatus : 'upstream-unavailable';
    case 'invalid':
    case 'structure':
    case 'required':
    case 'value':
    case 'invariant':
    case 'business-rule':
    case 'code-invalid':
    case 'extension':
    case 'too-long':
      return status >= 500 ? byStatus : 'validation';
    default:
      return byStatus;
  }
}

/** What an adapter does differently when it turns an OperationOutcome into a BookingError. */
export interface OutcomeErrorOptions {
  /** The kind of the main issue (undefined without an outcome). Default: `kindForIssue`. */
  kind?: (issue: OperationOutcomeIssue | undefined, status: number) => BookingErrorKind;
  /** Kinds shown with careslot's default message instead of the server's words. */
  defaultWording?: ReadonlySet<BookingErrorKind>;
  /** `backendCode` when the body is no OperationOutcome. */
  fallbackCode?: string;
}

/**
 * Maps an OperationOutcome (from any status; 0 for one inside a 200 answer) to a BookingError with the
 * server's own words (its main issue's text), else careslot's default message for the kind.
 */
export function outcomeError(outcome: OperationOutcome | undefined, status: number, options: OutcomeErrorOptions = {}): BookingError {
  const issue = outcome ? mainIssue(outcome) : undefined;
  const kind = options.kind ? options.kind(issue, status) : kindForIssue(status, issue?.code);
  const text = issueText(issue);
  const message = text && !options.defaultWording?.has(kind) ? text : DEFAULT_MESSAGES[kind];
  return new BookingError(kind, message, { status: status || undefined, backendCode: issue?.code ?? (outcome ? undefined : options.fallbackCode) });
}

// ---------------------------------------------------------------------------- Bundle, references

/** The resources of a Bundle of one type (entries of other types, e.g. OperationOutcome, are skipped). */
export function bundleResources<T extends { resourceType?: string }>(bundle: unknown, resourceType: string): T[] {
  if (!isResource<Bundle>(bundle, 'Bundle')) return [];
  const entries: unknown[] = Array.isArray(bundle.entry) ? bundle.entry : [];
  return entries
    .map((e) => (isRecord(e) ? e.resource : undefined))
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

// ------------------------------------------------------------------------- resources → domain

const STATUS: Record<string, AppointmentStatus> = {
  proposed: 'proposed',
  pending: 'pending',
  booked: 'booked',
  arrived: 'arrived',
  'checked-in': 'arrived',
  fulfilled: 'fulfilled',
  cancelled: 'cancelled',
  noshow: 'noshow',
  waitlist: 'pending',
};

/** FHIR Appointment.status → domain status: `checked-in` is arrived, `waitlist` pending, anything else unknown. */
export function appointmentStatus(status: string | undefined): AppointmentStatus {
  return (status && STATUS[status]) || 'unknown';
}

/** A FHIR Address → domain Address. */
export function mapAddress(address: FhirAddress | undefined): Address | undefined {
  if (!address) return undefined;
  return {
    lines: Array.isArray(address.line) ? address.line.filter((l) => typeof l === 'string') : [],
    city: address.city,
    state: address.state,
    postalCode: address.postalCode,
    country: address.country,
  };
}

/** The first phone number of a `telecom` list. */
export function telecomPhone(telecom: FhirContactPoint[] | undefined): string | undefined {
  return telecom?.find((t) => t?.system === 'phone' && typeof t.value === 'string')?.value;
}
