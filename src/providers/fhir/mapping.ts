import type {
  Appointment,
  BookingRequest,
  Location,
  Practitioner,
  Service,
  Slot,
  TimeZoneSource,
  VisitMode,
} from '../../core/model.js';
import { isValidZone } from '../../core/time.js';
import { offsetZoneFromInstant, toUtcInstant } from '../../core/zoned.js';
import {
  appointmentStatus,
  humanName,
  mapAddress,
  telecomPhone,
  type FhirAppointment,
  type FhirCodeableConcept,
  type FhirLocation,
  type FhirParticipant,
  type FhirPractitioner,
  type FhirResource,
  type FhirSchedule,
  type FhirSlot,
} from '../fhir-common/index.js';
import { configuredZone } from '../shared.js';
import type { HeldAppointment } from './booking.js';

/** The core FHIR extension that carries a location's IANA zone (`valueCode`). */
export const TIMEZONE_EXTENSION = 'http://hl7.org/fhir/StructureDefinition/timezone';

export function mapPractitioner(resource: FhirPractitioner): Practitioner {
  const qualification = resource.qualification?.[0]?.code;
  return {
    id: resource.id ?? '',
    name: humanName(resource.name) ?? 'Clinician',
    specialty: qualification ? conceptText(qualification) : undefined,
    photoUrl: resource.photo?.find((p) => typeof p?.url === 'string')?.url,
  };
}

function conceptText(concept: FhirCodeableConcept | undefined): string | undefined {
  return (
    concept?.text ?? concept?.coding?.find((c) => c.display)?.display ?? concept?.coding?.find((c) => c.code)?.code
  );
}

export function mapService(concept: FhirCodeableConcept | undefined): Service | undefined {
  if (!concept) return undefined;
  const coding = concept.coding?.find((c) => c.code);
  const name = conceptText(concept);
  const id = coding?.code ?? name;
  return id && name ? { id, name } : undefined;
}

/** The zone written on a resource with the core timezone extension, when it is a zone the browser knows. */
export function extensionZone(resource: FhirResource | undefined): string | undefined {
  const ext = resource?.extension?.find((e) => e?.url === TIMEZONE_EXTENSION);
  const zone = ext?.valueCode ?? ext?.valueString;
  return isValidZone(zone) ? zone : undefined;
}

export interface ZoneSettings {
  locationTimeZones: Record<string, string>;
  defaultTimeZone?: string;
}

/**
 * The clinic's zone, by trust: the Location's timezone extension, the Schedule's, the per-location
 * option, the default option, and last the offset written in the instant (flagged as a guess).
 */
export function resolveZone(
  location: FhirLocation | undefined,
  schedule: FhirSchedule | undefined,
  instant: string | undefined,
  settings: ZoneSettings,
): { timeZone: string; timeZoneSource: TimeZoneSource } {
  const fromBackend = extensionZone(location) ?? extensionZone(schedule);
  if (fromBackend) return { timeZone: fromBackend, timeZoneSource: 'backend' };
  return configuredZone(
    [location?.id ? settings.locationTimeZones[location.id] : undefined, settings.defaultTimeZone],
    () => {
      const guessed = instant ? offsetZoneFromInstant(instant) : undefined;
      return guessed ? { timeZone: guessed, timeZoneSource: 'offset' } : { timeZone: 'UTC', timeZoneSource: 'default' };
    },
  );
}

export function mapLocation(
  resource: FhirLocation,
  zone: { timeZone: string; timeZoneSource: TimeZoneSource },
): Location {
  return {
    id: resource.id ?? '',
    name: resource.name ?? 'Clinic',
    ...zone,
    address: mapAddress(resource.address),
    phone: telecomPhone(resource.telecom),
  };
}

/** In person unless a service or appointment type says video or phone. */
export function visitMode(concepts: (FhirCodeableConcept | undefined)[]): VisitMode {
  const words = concepts
    .flatMap((c) => [c?.text, ...(c?.coding ?? []).flatMap((k) => [k.code, k.display])])
    .filter((w): w is string => typeof w === 'string')
    .join(' ')
    .toLowerCase();
  if (/video|virtual|telehealth|telemedicine|online/.test(words)) return 'video';
  if (/phone|telephone|call/.test(words)) return 'phone';
  return 'in-person';
}

/** What the adapter keeps on a Slot to book it again. */
export interface SlotNative {
  slotId: string;
  /** The instants as the server wrote them (with their offsets). */
  start: string;
  end: string;
  scheduleId?: string;
  practitionerId?: string;
  locationId?: string;
  serviceType?: FhirCodeableConcept[];
}

export interface SlotContext {
  schedule?: FhirSchedule;
  practitioner?: FhirPractitioner;
  location?: FhirLocation;
  /** Ids from the schedule's actors, known even when the resource could not be read. */
  practitionerId?: string;
  locationId?: string;
}

/**
 * What a Slot and an Appointment show alike: their clinic's zone, the visit mode and type their `serviceType`
 * (or `appointmentType`) says, and the practitioner and location they are with.
 */
function visitFields(
  instant: string | undefined,
  serviceType: FhirCodeableConcept[] | undefined,
  appointmentType: FhirCodeableConcept | undefined,
  context: { practitioner?: FhirPractitioner; location?: FhirLocation; schedule?: FhirSchedule },
  settings: ZoneSettings,
) {
  const zone = resolveZone(context.location, context.schedule, instant, settings);
  return {
    ...zone,
    mode: visitMode([...(serviceType ?? []), appointmentType]),
    practitioner: context.practitioner ? mapPractitioner(context.practitioner) : undefined,
    location: context.location ? mapLocation(context.location, zone) : undefined,
    service: mapService(serviceType?.[0] ?? appointmentType),
  };
}

export function mapSlot(resource: FhirSlot, context: SlotContext, settings: ZoneSettings): Slot | undefined {
  const start = toUtcInstant(resource.start);
  const end = toUtcInstant(resource.end);
  if (!resource.id || !start || !end || !resource.start || !resource.end) return undefined;
  const serviceType = resource.serviceType?.length ? resource.serviceType : context.schedule?.serviceType;
  const native: SlotNative = {
    slotId: resource.id,
    start: resource.start,
    end: resource.end,
    scheduleId: context.schedule?.id,
    practitionerId: context.practitionerId ?? context.practitioner?.id,
    locationId: context.locationId ?? context.location?.id,
    serviceType,
  };
  return {
    id: resource.id,
    start,
    end,
    ...visitFields(resource.start, serviceType, resource.appointmentType, context, settings),
    booking: { kind: 'api' },
    native,
  };
}

/** What a slot keeps to be booked, or what can be read from a slot that lost it. */
export function slotNative(slot: Slot): SlotNative {
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

/** A patient id as a reference: references and URLs as they are, else the `patientReference` template. */
export function patientReference(id: string, template: string): string {
  if (/^[A-Z][A-Za-z]+\//.test(id) || /^https?:/.test(id)) return id;
  return template.replaceAll('{id}', id);
}

/**
 * The Appointment a booking or hold sends: slot, time, patient, practitioner and location; with a request,
 * its idempotency key as identifier (`identifierSystem`) and its note as comment.
 */
export function appointmentFor(
  slot: Slot,
  status: string,
  ids: { patient: string; identifierSystem: string },
  request?: BookingRequest,
): FhirAppointment {
  const native = slotNative(slot);
  const participant: FhirParticipant[] = [
    {
      actor: { reference: ids.patient },
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
    ...(request ? { identifier: [{ system: ids.identifierSystem, value: request.idempotencyKey }] } : {}),
    ...(native.serviceType?.length ? { serviceType: native.serviceType } : {}),
    start: native.start,
    end: native.end,
    slot: [{ reference: `Slot/${native.slotId}` }],
    participant,
    ...(request?.note ? { comment: request.note } : {}),
  };
}

/**
 * When a `$hold` ends on the provider's clock: the time left by the server's clock (the expiry on the held
 * appointment, an extension `…hold-expires`, less the answer's `Date`; without that header its own clock is
 * taken for the server's), else `holdMinutes`, else not said.
 */
export function holdExpires(held: HeldAppointment, now: number, holdMinutes?: number): string | undefined {
  const extension = held.appointment.extension?.find((e) => /hold-?expir/i.test(e?.url ?? ''));
  const left = Date.parse(extension?.valueInstant ?? extension?.valueDateTime ?? '') - (held.date || now);
  const ms = Number.isNaN(left) ? (holdMinutes ?? NaN) * 60_000 : left;
  return Number.isNaN(ms) ? undefined : new Date(now + ms).toISOString();
}

/** What the adapter keeps on an Appointment to cancel it (the resource for a PUT, its version for If-Match). */
export interface AppointmentNative {
  resource: FhirAppointment;
  versionId?: string;
}

export interface AppointmentContext {
  practitioner?: FhirPractitioner;
  location?: FhirLocation;
}

export function mapAppointment(
  resource: FhirAppointment,
  context: AppointmentContext,
  settings: ZoneSettings,
): Appointment | undefined {
  const start = toUtcInstant(resource.start);
  let end = toUtcInstant(resource.end);
  if (!end && start && typeof resource.minutesDuration === 'number') {
    end = new Date(Date.parse(start) + resource.minutesDuration * 60_000).toISOString();
  }
  if (!resource.id || !start || !end || resource.status === 'entered-in-error') return undefined;
  const status = appointmentStatus(resource.status);
  const open = status === 'proposed' || status === 'pending' || status === 'booked';
  const native: AppointmentNative = { resource, versionId: resource.meta?.versionId };
  return {
    id: resource.id,
    status,
    start,
    end,
    ...visitFields(resource.start, resource.serviceType, resource.appointmentType, context, settings),
    canConfirm: false,
    cancel: open ? 'direct' : 'none',
    instructions:
      typeof resource.patientInstruction === 'string' && resource.patientInstruction.trim()
        ? [resource.patientInstruction.trim()]
        : undefined,
    native,
  };
}
