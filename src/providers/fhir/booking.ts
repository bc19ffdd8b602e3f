import { BookingError, DEFAULT_MESSAGES, isAbortError } from '../../core/errors.js';
import type { HttpResponse } from '../../core/http.js';
import {
  isResource,
  parseReference,
  type Bundle,
  type FhirAppointment,
  type FhirParameters,
  type FhirResource,
  type FhirSlot,
} from '../fhir-common/index.js';
import { FHIR_JSON, etagVersion, ifMatch, malformed, type FhirClient, type ServerFeatures } from './client.js';
import { fhirError, isErrorOutcome } from './errors.js';
import type { SlotNative } from './mapping.js';

/**
 * The writes behind booking and cancelling: Argonaut `$hold`/`$book` where the server offers them, else
 * claiming the Slot and creating the Appointment with plain REST; status changes with If-Match.
 */

/** A hold the adapter placed: the pending appointment and its version. */
export interface HeldAppointment {
  slotId: string;
  appointment: FhirAppointment;
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
  appointment: FhirAppointment,
  signal?: AbortSignal,
): Promise<FhirAppointment> {
  const response = await client.http.request<unknown>({
    method: 'POST',
    path: 'Appointment/$hold',
    body: parameters([['appt-resource', appointment]]),
    headers: { 'Content-Type': FHIR_JSON },
    signal,
  });
  return appointmentIn(response.body, '$hold');
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

/** The extension that marks a Slot as claimed by one booking: `valueString` is its identifier (`system|key`). */
export const CLAIM_EXTENSION = 'urn:careslot:slot-claim';

/** The booking whose claim a Slot carries (its identifier), if any. */
function claimOf(slot: FhirSlot): string | undefined {
  return slot.extension?.find((e) => e?.url === CLAIM_EXTENSION)?.valueString;
}

/** The Slot with a status and careslot's claim (none to give it back); its other extensions stay. */
function withClaim(slot: FhirSlot, status: string, claim?: string): FhirSlot {
  const extension = [
    ...(slot.extension ?? []).filter((e) => e?.url !== CLAIM_EXTENSION),
    ...(claim ? [{ url: CLAIM_EXTENSION, valueString: claim }] : []),
  ];
  return { ...slot, status, extension: extension.length ? extension : undefined };
}

function versionOf(response: HttpResponse<unknown>): string | undefined {
  return (
    etagVersion(response) ?? (isResource<FhirSlot>(response.body, 'Slot') ? response.body.meta?.versionId : undefined)
  );
}

/** Puts a Slot back to `free` without careslot's claim, with If-Match on the version given; best effort. */
async function giveBack(client: FhirClient, slot: FhirSlot, versionId: string | undefined): Promise<void> {
  await client.http
    .request({
      method: 'PUT',
      path: `Slot/${slot.id}`,
      body: { ...withClaim(slot, 'free'), meta: undefined },
      headers: { 'Content-Type': FHIR_JSON, ...ifMatch(versionId) },
      expect: 'none',
    })
    .catch(() => undefined);
}

/**
 * After a claim whose answer never came (timeout, network, the page went away): the server may have applied
 * it. If the Slot now carries this booking's claim, no Appointment follows it, so the Slot is given back and the
 * time is not lost to everyone. Runs without the caller's signal (it may be the one that aborted).
 */
async function releaseLostClaim(client: FhirClient, slotId: string, identifier: string): Promise<void> {
  try {
    const read = await client.http.request<unknown>({ path: `Slot/${slotId}` });
    if (isResource<FhirSlot>(read.body, 'Slot') && read.body.status === 'busy' && claimOf(read.body) === identifier)
      await giveBack(client, read.body, versionOf(read));
  } catch {
    // Left busy with this booking's claim: a retry with the same key carries on with it.
  }
}

/** PUT the Slot `busy` with this booking's claim and If-Match on the version read; the claimed version. */
async function claimSlot(
  client: FhirClient,
  slot: FhirSlot,
  versionId: string | undefined,
  identifier: string,
  signal?: AbortSignal,
): Promise<string | undefined> {
  try {
    const claimed = await client.http.request<unknown>({
      method: 'PUT',
      path: `Slot/${slot.id}`,
      body: withClaim(slot, 'busy', identifier),
      headers: { 'Content-Type': FHIR_JSON, ...ifMatch(versionId) },
      signal,
    });
    return versionOf(claimed);
  } catch (error) {
    // A refusal with a status (412: someone else was first) claimed nothing; anything else may have.
    if (!(error instanceof BookingError && error.status !== undefined))
      await releaseLostClaim(client, slot.id ?? '', identifier);
    throw error;
  }
}

/**
 * Without `$book`: claim the Slot first (PUT `busy` with If-Match on the version just read, so of two
 * patients only one can win, and with this booking's identifier in the claim extension), then create the
 * Appointment (If-None-Exist on the idempotency key, so a retry does not create a second one). If the
 * Appointment is refused, the Slot is given back. A busy Slot with this booking's own claim is the claim of
 * an earlier attempt whose answer was lost: the retry carries on with it instead of calling the time taken.
 */
export async function bookWithRest(
  client: FhirClient,
  native: SlotNative,
  appointment: FhirAppointment,
  identifier: string,
  features: ServerFeatures,
  signal?: AbortSignal,
): Promise<FhirAppointment> {
  const read = await client.http.request<unknown>({ path: `Slot/${native.slotId}`, signal });
  if (!isResource<FhirSlot>(read.body, 'Slot')) throw malformed('a Slot');
  const slot: FhirSlot = { ...read.body, id: read.body.id ?? native.slotId };
  let claimedVersion: string | undefined;
  if (slot.status === 'busy' && claimOf(slot) === identifier) {
    const mine = await findByIdentifier(client, identifier, signal);
    if (mine) return mine;
    claimedVersion = versionOf(read);
  } else if (slot.status && slot.status !== 'free') {
    throw new BookingError('slot-unavailable', DEFAULT_MESSAGES['slot-unavailable'], { status: 409 });
  } else {
    claimedVersion = await claimSlot(client, slot, versionOf(read), identifier, signal);
  }
  try {
    const key = `identifier=${encodeURIComponent(identifier)}`;
    const created = await client.http.request<unknown>({
      method: 'POST',
      path: 'Appointment',
      body: appointment,
      headers: {
        'Content-Type': FHIR_JSON,
        Prefer: 'return=representation',
        ...(features.conditionalCreate ? { 'If-None-Exist': key } : {}),
      },
      signal,
    });
    if (isResource<FhirAppointment>(created.body, 'Appointment')) return created.body;
    // `Prefer` ignored and no body: read what the Location header points at.
    const location = created.headers.get('Location') ?? created.headers.get('Content-Location');
    const ref = parseReference(location?.replace(/\/_history\/[^/]+$/, '') ?? undefined);
    if (!ref) throw malformed('a booking answer without the appointment');
    const again = await client.http.request<unknown>({ path: `Appointment/${ref.id}`, signal });
    if (!isResource<FhirAppointment>(again.body, 'Appointment')) throw malformed('an Appointment');
    return again.body;
  } catch (error) {
    // Give the slot back only when the server surely refused; after a timeout the appointment may
    // exist, and a retry with the same key finds it.
    if (error instanceof BookingError && error.status !== undefined) await giveBack(client, slot, claimedVersion);
    throw error;
  }
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

/** Without `$book` nobody else frees the slot of a cancelled appointment: do it, best effort. */
export async function freeSlots(client: FhirClient, appointment: FhirAppointment, signal?: AbortSignal): Promise<void> {
  for (const ref of appointment.slot ?? []) {
    const id = parseReference(ref.reference)?.id;
    if (!id) continue;
    try {
      const read = await client.http.request<unknown>({ path: `Slot/${id}`, signal });
      if (!isResource<FhirSlot>(read.body, 'Slot') || read.body.status === 'free') continue;
      await client.http.request({
        method: 'PUT',
        path: `Slot/${id}`,
        body: withClaim(read.body, 'free'),
        headers: { 'Content-Type': FHIR_JSON, ...ifMatch(etagVersion(read) ?? read.body.meta?.versionId) },
        expect: 'none',
        signal,
      });
    } catch (error) {
      if (isAbortError(error)) throw error;
      // The cancellation stands; the clinic's system reconciles the slot.
    }
  }
}
