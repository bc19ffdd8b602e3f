import { BookingError, DEFAULT_MESSAGES, isAbortError } from '../../core/errors.js';
import { HttpClient, bearerAuth, type HttpRequest, type HttpResponse } from '../../core/http.js';
import type {
  Appointment,
  AppointmentQuery,
  BookingRequest,
  BookingResult,
  Location,
  Practitioner,
  Slot,
  SlotHold,
  SlotQuery,
} from '../../core/model.js';
import type { BookingProvider, ProviderCapabilities, ProviderConfig, ProviderFactory } from '../../core/provider.js';
import { asSlotUnavailable, fhirError, isErrorOutcome, mapFhirError } from './errors.js';
import {
  mapAppointment,
  mapLocation,
  mapPractitioner,
  mapSlot,
  resolveZone,
  type AppointmentNative,
  type SlotNative,
  type ZoneSettings,
} from './mapping.js';
import { readOptions, type ResolvedFhirOptions } from './options.js';
import {
  isResource,
  nextLink,
  parseReference,
  type Bundle,
  type CapabilityStatement,
  type FhirAppointment,
  type FhirLocation,
  type FhirParameters,
  type FhirParticipant,
  type FhirPractitioner,
  type FhirResource,
  type FhirSchedule,
  type FhirSlot,
} from '../fhir-common/index.js';
import { bookableWindow, byStart, isRecord, malformedAnswer, startsWithin, withSignal } from '../shared.js';

export type { FhirOptions, FhirTokenGetter } from './options.js';

const BACKEND = 'fhir';
const FHIR_JSON = 'application/fhir+json';

/** What the server's CapabilityStatement says this adapter may use. */
interface ServerFeatures {
  /** Argonaut `$hold` and `$book` on Appointment. */
  operations: boolean;
  /** `_include` of Schedule actors / Appointment practitioner and location. */
  scheduleInclude: boolean;
  appointmentInclude: string[];
  patch: boolean;
  conditionalCreate: boolean;
}

/** A hold the adapter placed: the pending appointment and its version. */
interface HeldAppointment {
  slotId: string;
  appointment: FhirAppointment;
}

function malformed(what: string): BookingError {
  return malformedAnswer('The FHIR server', what);
}

function etagVersion(response: HttpResponse<unknown>): string | undefined {
  const etag = response.headers.get('ETag');
  const match = etag ? /"([^"]+)"/.exec(etag) : null;
  return match?.[1];
}

function ifMatch(versionId: string | undefined): Record<string, string> {
  return versionId ? { 'If-Match': `W/"${versionId}"` } : {};
}

function operationNamed(op: { name?: string; definition?: string }, name: string): boolean {
  const n = (op.name ?? '').replace(/^\$/, '').toLowerCase();
  const def = (op.definition ?? '').toLowerCase();
  return n === name || n === `appointment-${name}` || def.endsWith(`appointment-${name}`) || def.endsWith(`/${name}`);
}

function readFeatures(statement: unknown): ServerFeatures {
  const none: ServerFeatures = {
    operations: false,
    scheduleInclude: false,
    appointmentInclude: [],
    patch: false,
    conditionalCreate: false,
  };
  if (!isResource<CapabilityStatement>(statement, 'CapabilityStatement')) return none;
  const rest = (statement.rest ?? []).find((r) => r?.mode !== 'client') ?? statement.rest?.[0];
  const resources = Array.isArray(rest?.resource) ? rest.resource : [];
  const of = (type: string) => resources.find((r) => r?.type === type);
  const appointment = of('Appointment');
  const schedule = of('Schedule');
  const ops = [...(appointment?.operation ?? []), ...(rest?.operation ?? [])];
  const includes = (r: typeof schedule) => (Array.isArray(r?.searchInclude) ? r.searchInclude : []);
  return {
    operations: ops.some((o) => operationNamed(o, 'hold')) && ops.some((o) => operationNamed(o, 'book')),
    scheduleInclude: includes(schedule).some((i) => i === '*' || i === 'Schedule:actor'),
    appointmentInclude: includes(appointment).filter((i) =>
      ['Appointment:practitioner', 'Appointment:location', 'Appointment:actor'].includes(i),
    ),
    patch: (appointment?.interaction ?? []).some((i) => i?.code === 'patch'),
    conditionalCreate: appointment?.conditionalCreate === true,
  };
}

/**
 * The `fhir` backend: any HL7 FHIR R4 server with Schedule, Slot and Appointment. Uses the Argonaut
 * `$hold`/`$book` operations where the CapabilityStatement offers them, else creates the Appointment
 * itself, claiming the Slot with If-Match so that one slot cannot be booked twice.
 */
export class FhirProvider implements BookingProvider {
  readonly backend = BACKEND;
  readonly phone?: string;

  private readonly http: HttpClient;
  private readonly options: ResolvedFhirOptions;
  private readonly zones: ZoneSettings;
  private readonly now: () => Date;
  private readonly patientId?: string;
  private features: ServerFeatures | undefined;
  private featuresRequest: Promise<ServerFeatures> | undefined;
  /** Practitioners and Locations by `Type/id`, for the life of this provider. */
  private readonly actors = new Map<string, Promise<FhirResource | undefined>>();
  private readonly holds = new Map<string, Promise<HeldAppointment | undefined>>();
  /** Held appointments that `$book` turned into bookings: releasing them must do nothing. */
  private readonly consumedHolds = new Set<string>();

  constructor(config: ProviderConfig) {
    if (!config.baseUrl) throw new BookingError('validation', 'The fhir backend needs the FHIR base URL in base-url.');
    this.options = readOptions(config.options);
    this.zones = { locationTimeZones: this.options.locationTimeZones, defaultTimeZone: this.options.defaultTimeZone };
    this.now = config.now;
    this.patientId = config.patientId;
    this.phone = this.options.phone;
    this.http = new HttpClient({
      baseUrl: config.baseUrl,
      backend: 'The FHIR server',
      timeoutMs: this.options.timeoutMs,
      headers: { Accept: FHIR_JSON, ...this.options.headers },
      auth: bearerAuth(this.options.token),
      mapError: mapFhirError,
    });
  }

  /** Known once the CapabilityStatement was read (on the first call); `hold` only where `$hold` is offered. */
  get capabilities(): ProviderCapabilities {
    return {
      findSlots: true,
      book: true,
      hold: this.useOperations(this.features),
      cancel: true,
      confirm: false,
      reschedule: false,
      listAppointments: true,
    };
  }

  // ------------------------------------------------------------------------------------------ slots

  async findSlots(query: SlotQuery, signal?: AbortSignal): Promise<Slot[]> {
    const features = await this.serverFeatures(signal);
    const schedules = await this.findSchedules(query, features, signal);
    if (schedules.length === 0) return [];
    const byId = new Map(schedules.map((s) => [s.id ?? '', s]));
    const resources: FhirSlot[] = [];
    // Long OR lists make long URLs: ask for 20 schedules at a time.
    for (let i = 0; i < schedules.length; i += 20) {
      const refs = schedules
        .slice(i, i + 20)
        .map((s) => `Schedule/${s.id}`)
        .join(',');
      const found = await this.search<FhirSlot>(
        'Slot',
        {
          schedule: refs,
          status: 'free',
          start: [`ge${query.start}`, `lt${query.end}`],
          _count: this.options.pageSize,
        },
        signal,
      );
      resources.push(...found.matches);
    }
    const { from, to } = bookableWindow(query, this.now());
    const slots: Slot[] = [];
    const seen = new Set<string>();
    for (const resource of resources) {
      if (resource.status && resource.status !== 'free') continue;
      const schedule = byId.get(parseReference(resource.schedule?.reference)?.id ?? '');
      if (!schedule || !resource.id || seen.has(resource.id)) continue;
      const context = await this.scheduleContext(schedule, signal);
      if (query.practitionerId && context.practitionerId !== query.practitionerId) continue;
      if (query.locationId && context.locationId !== query.locationId) continue;
      const slot = mapSlot(resource, context, this.zones);
      if (!slot) continue;
      if (!startsWithin(slot, from, to)) continue;
      seen.add(resource.id);
      slots.push(slot);
    }
    return slots.sort((a, b) => Date.parse(a.start) - Date.parse(b.start) || a.id.localeCompare(b.id));
  }

  async listPractitioners(signal?: AbortSignal): Promise<Practitioner[]> {
    const found = await this.search<FhirPractitioner>('Practitioner', { _count: this.options.pageSize }, signal);
    return found.matches.filter((p) => p.id).map(mapPractitioner);
  }

  async listLocations(signal?: AbortSignal): Promise<Location[]> {
    const found = await this.search<FhirLocation>('Location', { _count: this.options.pageSize }, signal);
    return found.matches
      .filter((l) => l.id)
      .map((l) => mapLocation(l, resolveZone(l, undefined, undefined, this.zones)));
  }

  private async findSchedules(
    query: SlotQuery,
    features: ServerFeatures,
    signal?: AbortSignal,
  ): Promise<FhirSchedule[]> {
    const actor = [
      query.practitionerId ? `Practitioner/${query.practitionerId}` : undefined,
      query.locationId ? `Location/${query.locationId}` : undefined,
    ].filter((a): a is string => !!a);
    const include = this.options.include === 'always' || (this.options.include === 'auto' && features.scheduleInclude);
    const found = await this.search<FhirSchedule>(
      'Schedule',
      {
        actor: actor.length ? actor : undefined,
        'service-type': query.serviceId,
        _include: include ? 'Schedule:actor' : undefined,
        _count: this.options.pageSize,
      },
      signal,
    );
    for (const resource of found.included) this.remember(resource);
    return found.matches.filter((s) => s.id && s.active !== false);
  }

  /** The practitioner and location a schedule is for, from the cache or read once. */
  private async scheduleContext(schedule: FhirSchedule, signal?: AbortSignal) {
    const refs = (schedule.actor ?? []).map((a) => parseReference(a.reference)).filter((r) => !!r);
    const practitionerRef = refs.find((r) => r.type === 'Practitioner');
    const locationRef = refs.find((r) => r.type === 'Location');
    const [practitioner, location] = await Promise.all([
      practitionerRef ? this.actor<FhirPractitioner>('Practitioner', practitionerRef.id, signal) : undefined,
      locationRef ? this.actor<FhirLocation>('Location', locationRef.id, signal) : undefined,
    ]);
    return { schedule, practitioner, location, practitionerId: practitionerRef?.id, locationId: locationRef?.id };
  }

  private remember(resource: FhirResource): void {
    if ((resource.resourceType === 'Practitioner' || resource.resourceType === 'Location') && resource.id) {
      this.actors.set(`${resource.resourceType}/${resource.id}`, Promise.resolve(resource));
    }
  }

  /** Reads a Practitioner or Location once per provider; a missing one is left out, a failure is not cached. */
  private async actor<T extends FhirResource>(
    type: T['resourceType'],
    id: string,
    signal?: AbortSignal,
  ): Promise<T | undefined> {
    const key = `${type}/${id}`;
    let pending = this.actors.get(key);
    if (!pending) {
      pending = this.http
        .request<unknown>({ path: key })
        .then((r) => (isResource<T>(r.body, type) ? r.body : undefined))
        .catch((error: unknown) => {
          this.actors.delete(key);
          if (error instanceof BookingError && error.kind === 'not-found') return undefined;
          throw error;
        });
      this.actors.set(key, pending);
    }
    return (await withSignal(pending, signal)) as T | undefined;
  }

  // ---------------------------------------------------------------------------------------- booking

  async hold(slot: Slot, signal?: AbortSignal): Promise<SlotHold> {
    const features = await this.serverFeatures(signal);
    if (!this.useOperations(features))
      throw new BookingError('not-supported', 'This FHIR server does not offer holds.');
    const native = this.slotNative(slot);
    const pending = (async (): Promise<HeldAppointment> => {
      const body = this.parameters([['appt-resource', this.appointmentFor(slot, native, 'proposed')]]);
      const response = await this.http.request<unknown>({
        method: 'POST',
        path: 'Appointment/$hold',
        body,
        headers: { 'Content-Type': FHIR_JSON },
        signal,
      });
      const appointment = this.appointmentIn(response.body, '$hold');
      return { slotId: slot.id, appointment };
    })();
    this.holds.set(
      slot.id,
      pending.catch(() => undefined),
    );
    try {
      const held = await pending;
      return { slotId: slot.id, id: held.appointment.id ?? '' };
    } catch (error) {
      this.holds.delete(slot.id);
      throw asSlotUnavailable(error);
    }
  }

  async release(hold: SlotHold, signal?: AbortSignal): Promise<void> {
    const held = await this.holds.get(hold.slotId);
    if (held?.appointment.id === hold.id) this.holds.delete(hold.slotId);
    if (!hold.id || this.consumedHolds.has(hold.id)) return;
    try {
      const current = await this.http.request<unknown>({ path: `Appointment/${hold.id}`, signal });
      if (!isResource<FhirAppointment>(current.body, 'Appointment') || current.body.status !== 'pending') return;
      await this.setStatus(current.body, etagVersion(current) ?? current.body.meta?.versionId, 'cancelled', signal);
    } catch (error) {
      // A hold that is already gone, or changed meanwhile, needs no release.
      if (error instanceof BookingError && (error.kind === 'not-found' || error.kind === 'conflict')) return;
      throw error;
    }
  }

  async book(request: BookingRequest, signal?: AbortSignal): Promise<BookingResult> {
    const features = await this.serverFeatures(signal);
    if (!request.patientId) throw new BookingError('validation', 'A patient is needed to book.');
    try {
      const appointment = this.useOperations(features)
        ? await this.bookWithOperation(request, signal)
        : await this.bookWithRest(request, features, signal);
      return { kind: 'booked', appointment: await this.toAppointment(appointment, signal) };
    } catch (cause) {
      const error = asSlotUnavailable(cause);
      if (error instanceof BookingError && error.kind === 'slot-unavailable') {
        // A retry of a booking that did go through finds its own appointment.
        const mine = await this.findByKey(request.idempotencyKey, signal).catch(() => undefined);
        if (mine) return { kind: 'booked', appointment: await this.toAppointment(mine, signal) };
      }
      throw error;
    }
  }

  private async bookWithOperation(request: BookingRequest, signal?: AbortSignal): Promise<FhirAppointment> {
    const native = this.slotNative(request.slot);
    const held = await this.holds.get(request.slot.id);
    const note: [string, string | FhirResource][] = request.note ? [['comment', request.note]] : [];
    const body = held?.appointment.id
      ? this.parameters([['appt-id', `Appointment/${held.appointment.id}`], ...note])
      : this.parameters([['appt-resource', this.appointmentFor(request.slot, native, 'proposed', request)], ...note]);
    const response = await this.http.request<unknown>({
      method: 'POST',
      path: 'Appointment/$book',
      body,
      headers: { 'Content-Type': FHIR_JSON },
      signal,
    });
    const appointment = this.appointmentIn(response.body, '$book');
    if (held?.appointment.id) {
      this.consumedHolds.add(held.appointment.id);
      this.holds.delete(request.slot.id);
    }
    return appointment;
  }

  /**
   * Without `$book`: claim the Slot first (PUT `busy` with If-Match on the version just read, so of two
   * patients only one can win), then create the Appointment (If-None-Exist on the idempotency key, so a
   * retry does not create a second one). If the Appointment is refused, the Slot is given back.
   */
  private async bookWithRest(
    request: BookingRequest,
    features: ServerFeatures,
    signal?: AbortSignal,
  ): Promise<FhirAppointment> {
    const native = this.slotNative(request.slot);
    const read = await this.http.request<unknown>({ path: `Slot/${native.slotId}`, signal });
    if (!isResource<FhirSlot>(read.body, 'Slot')) throw malformed('a Slot');
    const slot = read.body;
    if (slot.status && slot.status !== 'free')
      throw new BookingError('slot-unavailable', DEFAULT_MESSAGES['slot-unavailable'], { status: 409 });
    const claimed = await this.http.request<unknown>({
      method: 'PUT',
      path: `Slot/${native.slotId}`,
      body: { ...slot, status: 'busy' },
      headers: { 'Content-Type': FHIR_JSON, ...ifMatch(etagVersion(read) ?? slot.meta?.versionId) },
      signal,
    });
    const claimedVersion =
      etagVersion(claimed) ?? (isResource<FhirSlot>(claimed.body, 'Slot') ? claimed.body.meta?.versionId : undefined);
    const appointment = this.appointmentFor(request.slot, native, 'booked', request);
    try {
      const key = `identifier=${encodeURIComponent(`${this.options.identifierSystem}|${request.idempotencyKey}`)}`;
      const created = await this.http.request<unknown>({
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
      const again = await this.http.request<unknown>({ path: `Appointment/${ref.id}`, signal });
      if (!isResource<FhirAppointment>(again.body, 'Appointment')) throw malformed('an Appointment');
      return again.body;
    } catch (error) {
      // Give the slot back only when the server surely refused; after a timeout the appointment may
      // exist, and a retry with the same key finds it.
      if (error instanceof BookingError && error.status !== undefined) {
        await this.http
          .request({
            method: 'PUT',
            path: `Slot/${native.slotId}`,
            body: { ...slot, status: 'free', meta: undefined },
            headers: { 'Content-Type': FHIR_JSON, ...ifMatch(claimedVersion) },
            expect: 'none',
          })
          .catch(() => undefined);
      }
      throw error;
    }
  }

  private async findByKey(key: string, signal?: AbortSignal): Promise<FhirAppointment | undefined> {
    const found = await this.search<FhirAppointment>(
      'Appointment',
      { identifier: `${this.options.identifierSystem}|${key}` },
      signal,
      1,
    );
    return found.matches.find((a) => a.status === 'booked' || a.status === 'pending' || a.status === 'proposed');
  }

  /** The Appointment a booking sends: slot, time, patient, practitioner and location. */
  private appointmentFor(slot: Slot, native: SlotNative, status: string, request?: BookingRequest): FhirAppointment {
    const participant: FhirParticipant[] = [
      {
        actor: { reference: this.patientReference(request?.patientId ?? this.patientId ?? '') },
        status: status === 'booked' ? 'accepted' : 'needs-action',
        required: 'required',
      },
    ];
    const practitionerId = native.practitionerId ?? slot.practitioner?.id;
    const locationId = native.locationId ?? slot.location?.id;
    if (practitionerId)
      participant.push({
        actor: { reference: `Practitioner/${practitionerId}` },
        status: 'accepted',
        required: 'required',
      });
    if (locationId)
      participant.push({ actor: { reference: `Location/${locationId}` }, status: 'accepted', required: 'required' });
    return {
      resourceType: 'Appointment',
      status,
      ...(request ? { identifier: [{ system: this.options.identifierSystem, value: request.idempotencyKey }] } : {}),
      ...(native.serviceType?.length ? { serviceType: native.serviceType } : {}),
      start: native.start,
      end: native.end,
      slot: [{ reference: `Slot/${native.slotId}` }],
      participant,
      ...(request?.note ? { comment: request.note } : {}),
    };
  }

  private slotNative(slot: Slot): SlotNative {
    const native = slot.native as Partial<SlotNative> | undefined;
    return {
      slotId: native?.slotId ?? slot.id,
      start: native?.start ?? slot.start,
      end: native?.end ?? slot.end,
      scheduleId: native?.scheduleId,
      practitionerId: native?.practitionerId ?? slot.practitioner?.id,
      locationId: native?.locationId ?? slot.location?.id,
      serviceType: native?.serviceType,
    };
  }

  private parameters(values: [string, string | FhirResource][]): FhirParameters {
    return {
      resourceType: 'Parameters',
      parameter: values.map(([name, value]) =>
        typeof value === 'string' ? { name, valueString: value } : { name, resource: value },
      ),
    };
  }

  /** The Appointment in an operation's answer: the resource itself, a Bundle, or Parameters `return`. */
  private appointmentIn(body: unknown, operation: string): FhirAppointment {
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

  // ----------------------------------------------------------------------------------- appointments

  async listAppointments(query: AppointmentQuery, signal?: AbortSignal): Promise<Appointment[]> {
    const features = await this.serverFeatures(signal);
    const from = query.from ?? new Date(this.now().getTime() - this.options.historyDays * 86_400_000).toISOString();
    const include =
      this.options.include === 'always'
        ? ['Appointment:practitioner', 'Appointment:location']
        : this.options.include === 'auto'
          ? features.appointmentInclude
          : [];
    const found = await this.search<FhirAppointment>(
      'Appointment',
      {
        patient: this.patientReference(query.patientId),
        date: [`ge${from}`, ...(query.to ? [`lt${query.to}`] : [])],
        _include: include.length ? include : undefined,
        _count: this.options.pageSize,
      },
      signal,
    );
    for (const resource of found.included) this.remember(resource);
    const list: Appointment[] = [];
    for (const resource of found.matches) {
      const appointment = await this.mapAppointment(resource, signal);
      if (appointment) list.push(appointment);
    }
    return list.sort(byStart);
  }

  async cancel(appointment: Appointment, signal?: AbortSignal): Promise<Appointment> {
    await this.serverFeatures(signal);
    const native = appointment.native as Partial<AppointmentNative> | undefined;
    let resource = native?.resource;
    let versionId = native?.versionId;
    if (!resource) {
      const read = await this.http.request<unknown>({ path: `Appointment/${appointment.id}`, signal });
      if (!isResource<FhirAppointment>(read.body, 'Appointment')) throw malformed('an Appointment');
      resource = read.body;
      versionId = etagVersion(read) ?? resource.meta?.versionId;
    }
    if (resource.status === 'cancelled') return this.toAppointment(resource, signal);
    let updated: FhirAppointment;
    try {
      updated = await this.setStatus(resource, versionId, 'cancelled', signal);
    } catch (error) {
      if (error instanceof BookingError && error.status === 412) {
        throw new BookingError('conflict', DEFAULT_MESSAGES.conflict, { status: 412, cause: error });
      }
      throw error;
    }
    if (!this.useOperations(this.features)) await this.freeSlots(updated, signal);
    return this.toAppointment(updated, signal);
  }

  /** PATCH where the server offers it, else PUT of the whole resource; both with If-Match. */
  private async setStatus(
    resource: FhirAppointment,
    versionId: string | undefined,
    status: string,
    signal?: AbortSignal,
  ): Promise<FhirAppointment> {
    const path = `Appointment/${resource.id}`;
    const response = this.features?.patch
      ? await this.http.request<unknown>({
          method: 'PATCH',
          path,
          body: JSON.stringify([{ op: 'replace', path: '/status', value: status }]),
          headers: {
            'Content-Type': 'application/json-patch+json',
            Prefer: 'return=representation',
            ...ifMatch(versionId),
          },
          signal,
        })
      : await this.http.request<unknown>({
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
        });
    if (isResource<FhirAppointment>(response.body, 'Appointment')) return response.body;
    const again = await this.http.request<unknown>({ path, signal });
    if (!isResource<FhirAppointment>(again.body, 'Appointment')) throw malformed('an Appointment');
    return again.body;
  }

  /** Without `$book` nobody else frees the slot of a cancelled appointment: do it, best effort. */
  private async freeSlots(appointment: FhirAppointment, signal?: AbortSignal): Promise<void> {
    for (const ref of appointment.slot ?? []) {
      const id = parseReference(ref.reference)?.id;
      if (!id) continue;
      try {
        const read = await this.http.request<unknown>({ path: `Slot/${id}`, signal });
        if (!isResource<FhirSlot>(read.body, 'Slot') || read.body.status === 'free') continue;
        await this.http.request({
          method: 'PUT',
          path: `Slot/${id}`,
          body: { ...read.body, status: 'free' },
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

  private async toAppointment(resource: FhirAppointment, signal?: AbortSignal): Promise<Appointment> {
    const appointment = await this.mapAppointment(resource, signal);
    if (!appointment) throw malformed('an Appointment without id or time');
    return appointment;
  }

  private async mapAppointment(resource: FhirAppointment, signal?: AbortSignal): Promise<Appointment | undefined> {
    const refs = (resource.participant ?? []).map((p) => parseReference(p.actor?.reference)).filter((r) => !!r);
    const practitionerRef = refs.find((r) => r.type === 'Practitioner');
    const locationRef = refs.find((r) => r.type === 'Location');
    const [practitioner, location] = await Promise.all([
      practitionerRef ? this.actor<FhirPractitioner>('Practitioner', practitionerRef.id, signal) : undefined,
      locationRef ? this.actor<FhirLocation>('Location', locationRef.id, signal) : undefined,
    ]);
    return mapAppointment(resource, { practitioner, location, canCancel: true }, this.zones);
  }

  private patientReference(id: string): string {
    if (/^[A-Z][A-Za-z]+\//.test(id) || /^https?:/.test(id)) return id;
    return this.options.patientReference.replaceAll('{id}', id);
  }

  // ------------------------------------------------------------------------------------- plumbing

  private useOperations(features: ServerFeatures | undefined): boolean {
    if (this.options.operations === 'always') return true;
    if (this.options.operations === 'never') return false;
    return !!features?.operations;
  }

  /** Reads `metadata` once. A server without one gets plain REST; a failure that may pass is not cached. */
  private async serverFeatures(signal?: AbortSignal): Promise<ServerFeatures> {
    if (this.features) return this.features;
    this.featuresRequest ??= this.http
      .request<unknown>({ path: 'metadata' })
      .then((response) => readFeatures(response.body))
      .catch((error: unknown) => {
        const kind = error instanceof BookingError ? error.kind : undefined;
        if (kind === 'not-found' || kind === 'not-supported' || kind === 'validation' || kind === 'forbidden')
          return readFeatures(undefined);
        throw error;
      })
      .then((features) => (this.features = features))
      .finally(() => (this.featuresRequest = undefined));
    return withSignal(this.featuresRequest, signal);
  }

  /**
   * One search, following Bundle `next` links up to `maxPages`. Links are only followed on the server's
   * own origin, so the bearer token never goes anywhere else.
   */
  private async search<T extends FhirResource>(
    type: T['resourceType'],
    query: HttpRequest['query'],
    signal?: AbortSignal,
    maxPages = this.options.maxPages,
  ): Promise<{ matches: T[]; included: FhirResource[] }> {
    const matches: T[] = [];
    const included: FhirResource[] = [];
    const origin = new URL(this.http.url('')).origin;
    let request: HttpRequest = { path: type, query, signal };
    for (let page = 0; page < maxPages; page++) {
      const response = await this.http.request<unknown>(request);
      const bundle = response.body;
      if (isErrorOutcome(bundle)) throw fhirError(bundle, response.status);
      if (!isResource<Bundle>(bundle, 'Bundle')) throw malformed(`a ${type} search answer that is not a Bundle`);
      for (const entry of bundle.entry ?? []) {
        const resource = entry?.resource;
        if (!isRecord(resource) || typeof resource.resourceType !== 'string') continue;
        if (resource.resourceType === type && entry.search?.mode !== 'include') matches.push(resource as T);
        else if (resource.resourceType !== 'OperationOutcome') included.push(resource as FhirResource);
      }
      const next = nextLink(bundle);
      if (!next) break;
      const url = new URL(next, this.http.url(''));
      if (url.origin !== origin)
        throw new BookingError(
          'malformed-response',
          'The FHIR server sent a next-page link to another site; careslot did not follow it.',
        );
      request = { path: url.href, signal };
    }
    return { matches, included };
  }
}

export const createFhirProvider: ProviderFactory = (config) => new FhirProvider(config);
export default createFhirProvider;
