import { BookingError } from '../../core/errors.js';
import type { Appointment, Location, Practitioner, Service, Slot, VisitMode } from '../../core/model.js';
import { toUtcInstant } from '../../core/zoned.js';
import {
  appointmentStatus,
  humanName,
  isResource,
  mapAddress,
  referenceId,
  telecomPhone,
  type Bundle,
  type FhirCodeableConcept,
  type FhirCoding,
  type FhirLocation,
  type FhirPractitioner,
  type FhirSlot,
} from '../fhir-common/index.js';
import { configuredZone, isRecord, type ZoneChoice } from '../shared.js';
import type { CanvasAppointmentType, CanvasOptions } from './options.js';
import type { CanvasAppointment, CanvasSchedule } from './wire.js';

/** Canvas wire ↔ careslot domain. Pure: no fetch, no DOM. */

const TELEMEDICINE_CODE = '448337001';

/** What a Canvas slot keeps to be booked again (Canvas slots have no id). */
export interface CanvasSlotNative {
  schedule: string;
  practitionerId: string;
  locationNumber?: string;
  locationId?: string;
  start: string;
  end: string;
  /** The visit type the patient chose (`appointmentTypes`), sent with the booking. */
  appointmentType?: FhirCoding;
}

/** Schedules, practitioners and locations of the instance, read once per provider. */
export interface Directory {
  schedules: CanvasSchedule[];
  practitioners: Map<string, Practitioner>;
  locations: Map<string, FhirLocation>;
}

/** What the mapping reads besides the resource: the options and the directory. */
export interface MapContext {
  options: CanvasOptions;
  directory: Directory;
}

/** `Location.1-Staff.abc` → `{ locationNumber: '1', staffId: 'abc' }`. */
export function parseScheduleId(id: string): { locationNumber?: string; staffId?: string } {
  const match = /^Location\.([^-]+)-Staff\.(.+)$/.exec(id);
  return match ? { locationNumber: match[1], staffId: match[2] } : {};
}

/** "Schedule for Larry Weed at Harbor Clinic" → names, as a fallback for the directory. */
function parseScheduleComment(comment: string | undefined): { practitioner?: string; location?: string } {
  const match = /^Schedule for (.+) at (.+)$/.exec(comment?.trim() ?? '');
  return match ? { practitioner: match[1], location: match[2] } : {};
}

/** Refuses an answer that is not a FHIR Bundle. */
export function expectBundle(body: unknown, what: string): void {
  if (!isResource<Bundle>(body, 'Bundle')) {
    throw new BookingError(
      'malformed-response',
      `Canvas answered the ${what} with something that is not a FHIR Bundle.`,
    );
  }
}

/** The resources of a Bundle of one type (entries of other types, e.g. OperationOutcome, are skipped). */
export function bundleResources<T extends { resourceType?: string }>(bundle: unknown, resourceType: string): T[] {
  if (!isResource<Bundle>(bundle, 'Bundle')) return [];
  const entries: unknown[] = Array.isArray(bundle.entry) ? bundle.entry : [];
  return entries
    .map((e) => (isRecord(e) ? e.resource : undefined))
    .filter((r): r is T => isRecord(r) && r.resourceType === resourceType);
}

/** The UTC date of an instant, as Canvas' `start`/`end`/`date` parameters take it. */
export function utcDate(instant: string | number): string {
  return new Date(instant).toISOString().slice(0, 10);
}

/**
 * Canvas documents `reasonCode` as a string and its examples send a string of pseudo-JSON; the real
 * resource is an array of CodeableConcepts. Anything else becomes `[{ text }]` or is dropped.
 */
export function repairReasonCode(value: unknown, description?: string): FhirCodeableConcept[] | undefined {
  if (Array.isArray(value)) return value.filter(isRecord) as FhirCodeableConcept[];
  if (typeof value === 'string') {
    try {
      const parsed: unknown = JSON.parse(value);
      if (Array.isArray(parsed)) return parsed.filter(isRecord) as FhirCodeableConcept[];
    } catch {
      // The documented example is not valid JSON (a missing comma); keep its text only.
    }
    const text = /"text"\s*:\s*"([^"]*)"/.exec(value)?.[1] ?? description;
    return text ? [{ text }] : undefined;
  }
  return undefined;
}

/** The directory's practitioners by id, named as Canvas shows them ("Dr. Ana Ruiz, MD"). */
export function practitionersById(resources: FhirPractitioner[]): Map<string, Practitioner> {
  return new Map(
    resources.filter((p) => p.id).map((p) => [p.id!, { id: p.id!, name: humanName(p.name, ', ') ?? 'Clinician' }]),
  );
}

/** The Location uuid the number in a schedule id stands for (`scheduleLocations`). */
export function locationIdOf(options: CanvasOptions, locationNumber: string | undefined): string | undefined {
  if (!locationNumber) return undefined;
  const mapped = options.scheduleLocations?.[locationNumber];
  return typeof mapped === 'string' ? mapped : undefined;
}

/**
 * Every key a clinic may be named by in `locationTimeZones`: its Location uuid and the schedule numbers that
 * `scheduleLocations` maps to it, read both ways. A slot knows its clinic by number (`Location.2-…`), the visit
 * booked from it by uuid (`Location/<uuid>`): both find the same keys, so both show in the same zone.
 */
function locationKeys(options: CanvasOptions, locationId?: string, locationNumber?: string): string[] {
  const numbers = options.scheduleLocations ?? {};
  const id = locationId ?? locationIdOf(options, locationNumber);
  const aliases = id ? Object.keys(numbers).filter((number) => numbers[number] === id) : [];
  return [...new Set([id, locationNumber, ...aliases])].filter((key): key is string => !!key);
}

/** Canvas Locations carry no zone: the configured one under any of the clinic's keys, else the default. */
function zoneFor(options: CanvasOptions, locationId?: string, locationNumber?: string): ZoneChoice {
  const zones = options.locationTimeZones ?? {};
  const keys = locationKeys(options, locationId, locationNumber);
  return configuredZone([...keys.map((key) => zones[key]), options.defaultTimeZone]);
}

export function toLocation(
  context: MapContext,
  locationId: string | undefined,
  locationNumber: string | undefined,
  fallbackName?: string,
): Location | undefined {
  const resource = locationId ? context.directory.locations.get(locationId) : undefined;
  const id = locationId ?? locationNumber;
  if (!id) return undefined;
  const phone = telecomPhone(resource?.telecom);
  const address = mapAddress(resource?.address);
  return {
    id,
    name: resource?.name ?? fallbackName ?? `Location ${id}`,
    ...zoneFor(context.options, locationId, locationNumber),
    ...(address ? { address } : {}),
    ...(phone ? { phone } : {}),
  };
}

/** The visit type a slot query chose, with how it is attended (none chosen: the options' mode). */
export interface SlotType {
  coding?: CanvasAppointmentType;
  mode: VisitMode;
  service?: Service;
}

export function toSlot(
  context: MapContext,
  slot: FhirSlot,
  schedule: CanvasSchedule,
  duration: number,
  type: SlotType = { mode: context.options.visitMode ?? 'in-person' },
): Slot | undefined {
  if (slot.status && slot.status !== 'free') return undefined;
  const start = toUtcInstant(slot.start);
  const end =
    toUtcInstant(slot.end) ?? (start ? new Date(Date.parse(start) + duration * 60_000).toISOString() : undefined);
  if (!start || !end) return undefined;
  const scheduleId = schedule.id ?? referenceId(slot.schedule?.reference, 'Schedule') ?? '';
  const { locationNumber, staffId } = parseScheduleId(scheduleId);
  const practitionerId = staffId ?? referenceId(schedule.actor?.[0]?.reference, 'Practitioner') ?? '';
  const names = parseScheduleComment(schedule.comment);
  const locationId = locationIdOf(context.options, locationNumber);
  const location = toLocation(context, locationId, locationNumber, names.location);
  const practitioner =
    context.directory.practitioners.get(practitionerId) ??
    (names.practitioner ? { id: practitionerId, name: names.practitioner } : undefined);
  const native: CanvasSlotNative = {
    schedule: scheduleId,
    practitionerId,
    locationNumber,
    locationId,
    start,
    end,
    ...(type.coding
      ? { appointmentType: { system: type.coding.system, code: type.coding.code, display: type.coding.display } }
      : {}),
  };
  return {
    // Canvas slots have no id: schedule + start + length is stable for as long as the slot exists.
    id: `${scheduleId}|${start}|${duration}`,
    start,
    end,
    ...zoneFor(context.options, locationId, locationNumber),
    mode: type.mode,
    practitioner,
    location,
    ...(type.service ? { service: type.service } : {}),
    booking: { kind: 'api' },
    native,
  };
}

/** What a slot of this adapter keeps to be booked; a slot from elsewhere is refused. */
export function slotNative(slot: Slot): CanvasSlotNative {
  const native = slot.native;
  if (
    !isRecord(native) ||
    typeof native.schedule !== 'string' ||
    typeof native.practitionerId !== 'string' ||
    typeof native.start !== 'string'
  ) {
    throw new BookingError('validation', 'That time did not come from this Canvas instance. Please choose it again.');
  }
  return native as unknown as CanvasSlotNative;
}

/** The Appointment a booking POSTs: patient, practitioner, the slot's time and location, the note as reason. */
export function newAppointment(
  native: CanvasSlotNative,
  patientId: string,
  note: string | undefined,
  options: CanvasOptions,
): CanvasAppointment {
  const type = native.appointmentType ?? options.appointmentType;
  return {
    resourceType: 'Appointment',
    status: options.bookedStatus ?? 'booked',
    ...(type ? { appointmentType: { coding: [type] } } : {}),
    ...(note ? { reasonCode: [{ text: note }], description: note } : {}),
    participant: [
      { actor: { reference: `Patient/${patientId}`, type: 'Patient' }, status: 'accepted' },
      { actor: { reference: `Practitioner/${native.practitionerId}`, type: 'Practitioner' }, status: 'accepted' },
    ],
    start: native.start,
    end: native.end,
    supportingInformation: [
      { reference: `Location/${native.locationId ?? native.locationNumber ?? '1'}`, type: 'Location' },
    ],
  };
}

/** Canvas Appointment → domain Appointment; `entered-in-error` and unreadable times are left out. */
export function toAppointment(context: MapContext, resource: CanvasAppointment): Appointment | undefined {
  if (!resource.id || resource.status === 'entered-in-error') return undefined;
  const start = toUtcInstant(resource.start);
  const end = toUtcInstant(resource.end) ?? start;
  if (!start || !end) return undefined;
  const status = appointmentStatus(resource.status);
  const practitionerId = resource.participant
    ?.map((p) => referenceId(p.actor?.reference, 'Practitioner'))
    .find((id): id is string => !!id);
  const locationRef = resource.supportingInformation
    ?.map((s) => referenceId(s.reference, 'Location'))
    .find((id): id is string => !!id);
  // `Location/1` (integer, deprecated) is a schedule location number; a uuid is a Location id.
  const isNumber = !!locationRef && /^\d+$/.test(locationRef);
  const locationId = isNumber ? locationIdOf(context.options, locationRef) : locationRef;
  const locationNumber = isNumber ? locationRef : undefined;
  const telehealthUrl = telehealthLink(resource);
  const codings = resource.appointmentType?.coding ?? [];
  const video = !!telehealthUrl || codings.some((c) => c.code === TELEMEDICINE_CODE);
  const type = codings[0];
  const reasonCode = repairReasonCode(resource.reasonCode, resource.description);
  const native: CanvasAppointment = { ...resource };
  if (reasonCode) native.reasonCode = reasonCode;
  else delete native.reasonCode;
  const open = status === 'proposed' || status === 'pending' || status === 'booked';
  return {
    id: resource.id,
    status,
    start,
    end,
    ...zoneFor(context.options, locationId, locationNumber),
    mode: video ? 'video' : 'in-person',
    practitioner: practitionerId
      ? (context.directory.practitioners.get(practitionerId) ?? { id: practitionerId, name: 'Clinician' })
      : undefined,
    location: toLocation(context, locationId, locationNumber),
    service: type?.code ? { id: type.code, name: type.display ?? type.code } : undefined,
    canConfirm: status === 'proposed',
    cancel: open ? 'direct' : 'none',
    telehealthUrl,
    native,
  };
}

/** The telehealth link: the contained Endpoint that `supportingInformation` points at (`#id`). */
function telehealthLink(resource: CanvasAppointment): string | undefined {
  const contained = Array.isArray(resource.contained) ? resource.contained : [];
  const endpoints = contained.filter(
    (c) => isRecord(c) && c.resourceType === 'Endpoint' && typeof c.address === 'string',
  );
  const refs = (resource.supportingInformation ?? [])
    .map((s) => s.reference)
    .filter((r): r is string => !!r && r.startsWith('#'));
  const referenced = endpoints.find((e) => refs.includes(`#${e.id}`));
  return (referenced ?? endpoints[0])?.address;
}
