import type { FhirCodeableConcept, FhirReference, FhirSchedule } from '../fhir-common/index.js';

/**
 * What Canvas sends beyond the FHIR R4 types in fhir-common (seeds/004_*, contracts §5). Only what the
 * adapter reads is typed.
 */

/** A Canvas Schedule: its id is `Location.<n>-Staff.<id>`, its comment "Schedule for <name> at <location>". */
export interface CanvasSchedule extends FhirSchedule {
  comment?: string;
}

/** The Appointment resource as Canvas sends it (only what the adapter reads is typed). */
export interface CanvasAppointment {
  resourceType: 'Appointment';
  id?: string;
  status?: string;
  meta?: { lastUpdated?: string };
  appointmentType?: FhirCodeableConcept;
  reasonCode?: FhirCodeableConcept[] | string;
  description?: string;
  supportingInformation?: FhirReference[];
  contained?: { resourceType?: string; id?: string; address?: string }[];
  start?: string;
  end?: string;
  participant?: { actor?: FhirReference; status?: string }[];
  [key: string]: unknown;
}
