import type { HttpClient } from '../../core/http.js';
import type { PatientRegistration } from '../../core/model.js';
import type { FhirExtension } from '../fhir-common/index.js';
import { referenceId } from '../fhir-common/index.js';
import { patientResource, REGISTRATION_SYSTEM, type FhirPatient } from '../fhir-common/patient.js';
import { malformedAnswer } from '../shared.js';
import { bundleResources, expectBundle } from './mapping.js';

/**
 * `registerPatient` for Canvas (docs/backends/canvas.md, "Who books"): Canvas documents neither `Patient/$match`
 * nor conditional create (its conditional requests are If-Unmodified-Since on updates only), so the record an
 * earlier attempt with the same key made is looked up by its identifier first, and only then is the Patient
 * created (201, body `null`, the id in `Location`). Patient data only in the body, never in a URL.
 */

/** US Core birth sex "unknown": Canvas requires the extension, and the form does not ask. */
export const UNKNOWN_BIRTH_SEX: FhirExtension = {
  url: 'http://hl7.org/fhir/us/core/StructureDefinition/us-core-birthsex',
  valueCode: 'UNK',
};

/** The id of the patient registered with this key: an earlier attempt's, or a new one. */
export async function registerCanvasPatient(
  http: HttpClient,
  { details, idempotencyKey }: PatientRegistration,
  extension: FhirExtension[],
  signal?: AbortSignal,
): Promise<string> {
  const identifier = `${REGISTRATION_SYSTEM}|${idempotencyKey}`;
  const find = async () => {
    const response = await http.request<unknown>({ path: 'Patient', query: { identifier }, signal });
    expectBundle(response.body, 'Patient search');
    return bundleResources<FhirPatient>(response.body, 'Patient').find((p) => p.id)?.id;
  };
  const earlier = await find();
  if (earlier) return earlier;
  const response = await http.request<string>({
    method: 'POST',
    path: 'Patient',
    body: { ...patientResource(details, idempotencyKey), extension },
    expect: 'text',
    signal,
  });
  // Without the header (not exposed by CORS, say) the new patient is found by its identifier.
  const id = referenceId(response.headers.get('Location') ?? undefined, 'Patient') ?? (await find());
  if (!id) throw malformedAnswer('Canvas', 'a Patient create answer without the patient');
  return id;
}
