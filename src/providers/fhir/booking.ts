import {
  isResource,
  parseReference,
  type Bundle,
  type FhirAppointment,
  type FhirParameters,
  type FhirResource,
} from '../fhir-common/index.js';
import { FHIR_JSON, ifMatch, malformed, type FhirClient } from './client.js';
import { fhirError, isErrorOutcome } from './errors.js';

/**
 * The writes behind booking and cancelling: Argonaut `$hold`/`$book` where the server offers them (booking
 * without them, claiming the Slot, is in claims.ts), finding a booking by its identifier, and status changes
 * with If-Match.
 */

/** A hold the adapter placed: the pending appointment and its version, and the server's clock then. */
export interface HeldAppointment {
  slotId: string;
  appointment: FhirAppointment;
  /** The `Date` of the `$hold` answer (ms; NaN where the header is absent or not exposed). */
  date?: number;
}

function parameters(values: [string, string | FhirResource][]): FhirParameters {
  return {
    resourceType: 'Parameters',
    parameter: values.map(([name, value]) =>
      typeof value === 'string' ? { name, valueString: value } : { name, resource: value },
    ),
  };
}

/** The Appointment in an operation's answer: the resource itself, a Bundle, or Parameters `return`. */
function appointmentIn(body: unknown, operation: string): FhirAppointment {
  if (isErrorOutcome(body)) throw fhirError(body, 0);
  if (isResource<FhirAppointment>(body, 'Appointment')) return body;
  const candidates: unknown[] = [];
  if (isResource<Bundle>(body, 'Bundle')) candidates.push(...(body.entry ?? []).map((e) => e?.resource));
  if (isResource<FhirParameters>(body, 'Parameters'))
    candidates.push(...(body.parameter ?? []).map((p) => p?.resource));
  const found = candidates.find((r): r is FhirAppointment => isResource<FhirAppointment>(r, 'Appointment'));
  if (found) return found;
  const problem = candidates.find(isErrorOutcome);
  if (problem) throw fhirError(problem, 0);
  throw malformed(`a ${operation} answer without an Appointment`);
}

/** `$hold`: the server keeps the slot for this (proposed) appointment and answers with it, pending. */
export async function holdWithOperation(
  client: FhirClient,
  slotId: string,
  appointment: FhirAppointment,
  signal?: AbortSignal,
): Promise<HeldAppointment> {
  const response = await client.http.request<unknown>({
    method: 'POST',
    path: 'Appointment/$hold',
    body: parameters([['appt-resource', appointment]]),
    headers: { 'Content-Type': FHIR_JSON },
    signal,
  });
  return {
    slotId,
    appointment: appointmentIn(response.body, '$hold'),
    date: Date.parse(response.headers.get('Date') ?? ''),
  };
}

/** `$book`: the held appointment (by id), or a new (proposed) one, with the patient's note. */
export async function bookWithOperation(
  client: FhirClient,
  appointment: string | FhirAppointment,
  note: string | undefined,
  signal?: AbortSignal,
): Promise<FhirAppointment> {
  const comment: [string, string | FhirResource][] = note ? [['comment', note]] : [];
  const body =
    typeof appointment === 'string'
      ? parameters([['appt-id', `Appointment/${appointment}`], ...comment])
      : parameters([['appt-resource', appointment], ...comment]);
  const response = await client.http.request<unknown>({
    method: 'POST',
    path: 'Appointment/$book',
    body,
    headers: { 'Content-Type': FHIR_JSON },
    signal,
  });
  return appointmentIn(response.body, '$book');
}

/** A live appointment with this identifier (`system|idempotency key`): a booking that did go through. */
export async function findByIdentifier(
  client: FhirClient,
  identifier: string,
  signal?: AbortSignal,
): Promise<FhirAppointment | undefined> {
  const found = await client.search<FhirAppointment>('Appointment', { identifier }, signal, 1);
  return found.matches.find((a) => a.status === 'booked' || a.status === 'pending' || a.status === 'proposed');
}

/** PATCH where the server offers it, else PUT of the whole resource; both with If-Match. */
export async function setStatus(
  client: FhirClient,
  resource: FhirAppointment,
  versionId: string | undefined,
  status: string,
  signal?: AbortSignal,
  keepalive?: boolean,
): Promise<FhirAppointment> {
  const path = `Appointment/${resource.id}`;
  const response = client.features?.patch
    ? await client.http.request<unknown>({
        method: 'PATCH',
        path,
        body: JSON.stringify([{ op: 'replace', path: '/status', value: status }]),
        headers: {
          'Content-Type': 'application/json-patch+json',
          Prefer: 'return=representation',
          ...ifMatch(versionId),
        },
        signal,
        keepalive,
      })
    : await client.http.request<unknown>({
        method: 'PUT',
        path,
        body: {
          ...resource,
          status,
          participant: (resource.participant ?? []).map((p) =>
            status === 'cancelled' && parseReference(p.actor?.reference)?.type === 'Patient'
              ? { ...p, status: 'declined' }
              : p,
          ),
        },
        headers: { 'Content-Type': FHIR_JSON, Prefer: 'return=representation', ...ifMatch(versionId) },
        signal,
        keepalive,
      });
  if (isResource<FhirAppointment>(response.body, 'Appointment')) return response.body;
  const again = await client.http.request<unknown>({ path, signal, keepalive });
  if (!isResource<FhirAppointment>(again.body, 'Appointment')) throw malformed('an Appointment');
  return again.body;
}
