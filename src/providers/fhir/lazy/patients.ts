import { BookingError } from '../../../core/errors.js';
import type { PatientDetails } from '../../../core/model.js';
import { FHIR_JSON, createdId } from '../../fhir-common/http.js';
import { isResource, type Bundle } from '../../fhir-common/index.js';
import { patientResource, REGISTRATION_SYSTEM, type FhirPatient } from '../../fhir-common/patient.js';
import { malformedAnswer } from '../../shared.js';
import type { FhirClient, ServerFeatures } from '../client.js';

/**
 * `registerPatient` for the `fhir` adapter: the patient the server is certain these details describe
 * (`Patient/$match` where offered), else a new Patient created with If-None-Exist on the registration key, so
 * that a retry after a lost answer finds the record the first attempt made. Patient data only in bodies.
 * A lazy part of the adapter (its own chunk, loaded on the first registration): it imports only the shared
 * helpers, of which it gets its own copy (vite.config.ts), and types from the rest of the adapter.
 */

const malformed = (what: string) => malformedAnswer('The FHIR server', what);

const MATCH_GRADE = 'http://hl7.org/fhir/StructureDefinition/match-grade';

/** `Patient/$match` with `onlyCertainMatches`: the id of the one patient graded `certain`, if any. */
async function certainMatch(
  client: FhirClient,
  patient: FhirPatient,
  signal?: AbortSignal,
): Promise<string | undefined> {
  try {
    const { body } = await client.http.request<unknown>({
      method: 'POST',
      path: 'Patient/$match',
      body: {
        resourceType: 'Parameters',
        parameter: [
          { name: 'resource', resource: patient },
          { name: 'onlyCertainMatches', valueBoolean: true },
          { name: 'count', valueInteger: 1 },
        ],
      },
      headers: { 'Content-Type': FHIR_JSON },
      signal,
    });
    if (!isResource<Bundle<FhirPatient>>(body, 'Bundle')) throw malformed('a $match answer that is not a Bundle');
    const certain = body.entry?.find((e) =>
      e?.search?.extension?.some((x) => x?.url === MATCH_GRADE && x.valueCode === 'certain'),
    );
    return isResource<FhirPatient>(certain?.resource, 'Patient') ? certain.resource.id : undefined;
  } catch (error) {
    // Details the server cannot match on (too few, or not for this client) are no reason not to register.
    if (error instanceof BookingError && (error.kind === 'validation' || error.kind === 'not-supported'))
      return undefined;
    throw error;
  }
}

/** The id of the patient these details describe: matched, made by an earlier attempt, or created now. */
export async function registerPatient(
  client: FhirClient,
  features: ServerFeatures,
  details: PatientDetails,
  key: string,
  signal?: AbortSignal,
): Promise<string> {
  const patient = patientResource(details, key);
  const matched = features.match ? await certainMatch(client, patient, signal) : undefined;
  if (matched) return matched;
  const identifier = `${REGISTRATION_SYSTEM}|${key}`;
  if (!features.patientConditionalCreate) {
    // A server that may ignore If-None-Exist: look for the record of an earlier attempt first.
    const { matches } = await client.search<FhirPatient>('Patient', { identifier }, signal, 1);
    if (matches[0]?.id) return matches[0].id;
  }
  const created = await client.http.request<unknown>({
    method: 'POST',
    path: 'Patient',
    body: patient,
    headers: {
      'Content-Type': FHIR_JSON,
      Prefer: 'return=representation',
      'If-None-Exist': `identifier=${encodeURIComponent(identifier)}`,
    },
    signal,
  });
  const id = isResource<FhirPatient>(created.body, 'Patient') ? created.body.id : createdId(created);
  if (!id) throw malformed('a Patient create answer without the patient');
  return id;
}
