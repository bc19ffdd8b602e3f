import type { PatientDetails } from '../../core/model.js';
import type { FhirContactPoint, FhirHumanName, FhirResource } from './index.js';

/**
 * The Patient both FHIR-speaking adapters send to register a new patient (`registerPatient`): the details from
 * `<patient-form>` and the identifier that carries the registration's idempotency key, so that a retry finds
 * the record the first attempt made. Only in request bodies, never in a URL.
 */

/** The identifier system of the registration key: `urn:careslot:registration|<idempotency key>`. */
export const REGISTRATION_SYSTEM = 'urn:careslot:registration';

export interface FhirIdentifier {
  system?: string;
  value?: string;
}

export interface FhirPatient extends FhirResource {
  resourceType: 'Patient';
  identifier?: FhirIdentifier[];
  name?: FhirHumanName[];
  birthDate?: string;
  telecom?: FhirContactPoint[];
}

/** A Patient from the details: official name, birth date, phone and email; what is not given is left out. */
export function patientResource(details: PatientDetails, key: string): FhirPatient {
  const { name, birthDate, phone, email } = details;
  // FHIR allows no empty strings: a name part left blank is left out, and a name with none at all too.
  const given = name?.given.trim().split(/\s+/).filter(Boolean) ?? [];
  const family = name?.family.trim() || undefined;
  const telecom = [
    { system: 'phone', value: phone },
    { system: 'email', value: email },
  ].filter((t) => t.value);
  return {
    resourceType: 'Patient',
    identifier: [{ system: REGISTRATION_SYSTEM, value: key }],
    // Absent fields are undefined, and JSON leaves them out.
    name: given.length || family ? [{ use: 'official', family, given: given.length ? given : undefined }] : undefined,
    birthDate,
    telecom: telecom.length ? telecom : undefined,
  };
}
