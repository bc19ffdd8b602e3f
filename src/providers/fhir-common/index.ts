import { BookingError, DEFAULT_MESSAGES, type BookingErrorKind } from '../../core/errors.js';
import type { Address, AppointmentStatus } from '../../core/model.js';
import { isRecord } from '../shared.js';

/**
 * The FHIR R4 code the FHIR-speaking adapters share (`fhir`, and `canvas` for the Canvas Medical FHIR API):
 * the resource types they read and write, reading an OperationOutcome into a BookingError, a Bundle's `next`
 * link (followed on the server's own origin only), and the resource → domain mapping that is the same for
 * both. Only code both use lives here; each adapter keeps what its server does differently. Every field is
 * optional because servers differ; the mapping checks what it uses.
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
  valueInstant?: string;
  valueDateTime?: string;
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
  /** A list in FHIR; Canvas (and its seed) sends `prefix` and `suffix` as one string. */
  prefix?: string[] | string;
  suffix?: string[] | string;
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
  search?: { mode?: string; extension?: FhirExtension[] };
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

/** How an adapter reads the kind of a failure from the main issue (undefined without an outcome) and the status. */
export type IssueKind = (issue: OperationOutcomeIssue | undefined, status: number) => BookingErrorKind;

/** What an adapter words differently. */
export interface OutcomeErrorOptions {
  /** Kinds shown with careslot's default message instead of the server's words. */
  defaultWording?: ReadonlySet<BookingErrorKind>;
  /** `backendCode` when the body is no OperationOutcome. */
  fallbackCode?: string;
}

/**
 * Maps an OperationOutcome (from any status; 0 for one inside a 200 answer) to a BookingError of the kind
 * the adapter reads from it, with the server's own words (the main issue's text), else careslot's default
 * message for the kind.
 */
export function outcomeError(
  outcome: OperationOutcome | undefined,
  status: number,
  kindOf: IssueKind,
  options: OutcomeErrorOptions = {},
): BookingError {
  const issue = outcome ? mainIssue(outcome) : undefined;
  const kind = kindOf(issue, status);
  const text = issueText(issue);
  const message = text && !options.defaultWording?.has(kind) ? text : DEFAULT_MESSAGES[kind];
  return new BookingError(kind, message, {
    status: status || undefined,
    backendCode: issue?.code ?? (outcome ? undefined : options.fallbackCode),
  });
}

// ---------------------------------------------------------------------------------------- Bundle

/** The `next` link of a Bundle, if any. */
export function nextLink(bundle: unknown): string | undefined {
  if (!isRecord(bundle) || !Array.isArray(bundle.link)) return undefined;
  const next = (bundle.link as unknown[]).find((l): l is BundleLink => isRecord(l) && l.relation === 'next');
  return typeof next?.url === 'string' && next.url ? next.url : undefined;
}

/**
 * The `next` link of a Bundle (as the server wrote it), if any, once it is known to stay on the origin of
 * `base` (the FHIR root the adapter talks to). Every page is asked for with the bearer token, so a link to
 * another site is refused (`malformed-response`, naming that site) and never followed. `server` names the
 * sender in the message, e.g. "Canvas".
 */
export function sameOriginNext(bundle: unknown, base: string, server: string): string | undefined {
  const next = nextLink(bundle);
  if (!next) return undefined;
  const origin = new URL(base).origin;
  let target: string;
  try {
    target = new URL(next, base).origin;
  } catch {
    throw new BookingError('malformed-response', `${server} sent a next-page link careslot could not read.`);
  }
  if (target !== origin) {
    throw new BookingError(
      'malformed-response',
      `${server} sent a next-page link to another site (${target}); careslot did not follow it.`,
    );
  }
  return next;
}

// ------------------------------------------------------------------------- resources → domain

/** `Practitioner/123` → `{ type: 'Practitioner', id: '123' }`; absolute references keep their last two segments. */
export function parseReference(reference: string | undefined): { type: string; id: string } | undefined {
  if (!reference) return undefined;
  const match = /(?:^|\/)([A-Z][A-Za-z]+)\/([A-Za-z0-9\-.]{1,64})(?:\/_history\/[^/]+)?$/.exec(reference);
  return match ? { type: match[1], id: match[2] } : undefined;
}

/** The id of a reference when it is of this type (`Practitioner/abc` → `abc`), else undefined. */
export function referenceId(reference: string | undefined, type: string): string | undefined {
  const parsed = parseReference(reference);
  return parsed?.type === type ? parsed.id : undefined;
}

/** The words of a HumanName part, whether it came as a list or as one string. */
function nameParts(value: string[] | string | undefined): string[] {
  return (Array.isArray(value) ? value : [value]).filter((p): p is string => typeof p === 'string' && p.trim() !== '');
}

/**
 * The display name of a HumanName list (the official name, else the usual one, else the first): its `text`,
 * else prefix, given and family joined with spaces, and the suffixes after `suffixSeparator` (FHIR's plain
 * `Dr. Ana Ruiz MD` by default; Canvas shows `Dr. Ana Ruiz, MD`). Only ever rendered as text.
 */
export function humanName(names: FhirHumanName[] | undefined, suffixSeparator = ' '): string | undefined {
  if (!Array.isArray(names) || names.length === 0) return undefined;
  const name = names.find((n) => n?.use === 'official') ?? names.find((n) => n?.use === 'usual') ?? names[0];
  if (typeof name?.text === 'string' && name.text.trim()) return name.text.trim();
  const main = [...nameParts(name?.prefix), ...nameParts(name?.given), ...nameParts(name?.family)].join(' ');
  const suffix = nameParts(name?.suffix).join(suffixSeparator);
  return [main, suffix].filter(Boolean).join(suffixSeparator) || undefined;
}

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
