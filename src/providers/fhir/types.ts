/**
 * The small part of FHIR R4 this adapter reads and writes. Every field is optional because servers
 * differ; the mapping checks what it uses.
 */

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

export interface FhirLocation extends FhirResource {
  resourceType: 'Location';
  name?: string;
  address?: { line?: string[]; city?: string; state?: string; postalCode?: string; country?: string };
  telecom?: { system?: string; value?: string }[];
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

export interface BundleEntry {
  fullUrl?: string;
  resource?: FhirResource;
  search?: { mode?: string };
}

export interface Bundle extends FhirResource {
  resourceType: 'Bundle';
  type?: string;
  total?: number;
  link?: { relation?: string; url?: string }[];
  entry?: BundleEntry[];
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

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function isResource<T extends FhirResource>(value: unknown, type: T['resourceType']): value is T {
  return isRecord(value) && value.resourceType === type;
}
