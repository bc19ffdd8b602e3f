import { BookingError } from '../../core/errors.js';
import type {
  Appointment,
  AppointmentStatus,
  Location,
  Practitioner,
  Service,
  Slot,
  VisitMode,
} from '../../core/model.js';
import { toUtcInstant } from '../../core/zoned.js';
import {
  appointmentFromSlot,
  configuredZone,
  isRecord as isObject,
  nonEmpty as str,
  type ZoneChoice,
} from '../shared.js';
import { malformed } from './errors.js';
import type { SalesforceLocation, SalesforceResource, SalesforceSettings } from './options.js';
import type {
  AppointmentInput,
  EhrFields,
  GetSlotsAnswer,
  Participant,
  ServiceAppointmentRecord,
  WireSlot,
} from './wire.js';

/** What a careslot Slot / Appointment keeps to book, reschedule or cancel again. */
export interface SalesforceNative {
  resourceId: string;
  locationId?: string;
  workTypeId?: string;
  channelId?: string;
  slotId?: string;
  sourceSystem?: string;
  comment?: string;
}

/** Salesforce date-times come as `…Z`, `…+00:00` or (SOQL) `…+0000`. */
export function instant(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  return toUtcInstant(value.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
}

export function mapStatus(status: string | undefined): AppointmentStatus {
  switch (status?.toLowerCase().replace(/[\s_-]/g, '')) {
    case 'scheduled':
    case 'booked':
    case 'dispatched':
    case 'confirmed':
      return 'booked';
    case 'canceled':
    case 'cancelled':
      return 'cancelled';
    case 'inprogress':
    case 'checkedin':
    case 'arrived':
      return 'arrived';
    case 'completed':
    case 'fulfilled':
      return 'fulfilled';
    case 'noshow':
    case 'cannotcomplete':
      return 'noshow';
    case 'none':
    case 'pending':
      return 'pending';
    default:
      return 'unknown';
  }
}

/** The facility a resource works at: its `locationId`, else the first location. */
export function locationOf(settings: SalesforceSettings, resource: SalesforceResource): SalesforceLocation | undefined {
  const { locations } = settings;
  return resource.locationId ? locations.find((l) => l.id === resource.locationId) : locations[0];
}

export function toLocation(location: SalesforceLocation | undefined): Location | undefined {
  if (!location) return undefined;
  return {
    id: location.id,
    name: location.name,
    timeZone: location.timeZone,
    timeZoneSource: 'config',
    address: location.address,
    phone: location.phone,
  };
}

export function toPractitioner(resource: SalesforceResource): Practitioner {
  return { id: resource.id, name: resource.name, specialty: resource.specialty };
}

/** A work type as a visit type: its name from `workTypes`, else `workTypeName`. */
export function toService(settings: SalesforceSettings, id: string | undefined): Service | undefined {
  if (!id) return undefined;
  const named = settings.workTypes.find((w) => w.id === id);
  return { id, name: named?.name ?? settings.workTypeName, ...(named?.mode ? { mode: named.mode } : {}) };
}

/** How a work type is attended, where `workTypes` says. */
export function workTypeMode(settings: SalesforceSettings, id: string | undefined): VisitMode | undefined {
  return settings.workTypes.find((w) => w.id === id)?.mode;
}

/** The clinic zone: the location's, else the `timeZone` option, else UTC (flagged as a guess). */
function clinicZone(settings: SalesforceSettings, location: SalesforceLocation | undefined): ZoneChoice {
  return configuredZone([location?.timeZone, settings.timeZone], () => ({
    timeZone: 'UTC',
    timeZoneSource: 'default',
  }));
}

/** The external-EHR fields, for Get Slots, book and reschedule. */
export function ehrFields(settings: SalesforceSettings, sourceSystem = settings.sourceSystem): EhrFields {
  return {
    ...(sourceSystem ? { sourceSystem } : {}),
    ...(settings.appointmentTypes ? { appointmentTypes: settings.appointmentTypes } : {}),
    ...(settings.serviceCategories ? { serviceCategories: settings.serviceCategories } : {}),
    ...(settings.serviceTypes ? { serviceTypes: settings.serviceTypes } : {}),
  };
}

/** The slots of a Get Slots answer, for the resources that were asked for (others are skipped). */
export function mapSlots(
  answer: unknown,
  resources: SalesforceResource[],
  workTypeId: string | undefined,
  channelId: string | undefined,
  settings: SalesforceSettings,
): Slot[] {
  if (!isObject(answer)) throw malformed('a Get Slots answer that');
  const { resourceSlotDetails, resourceSlots } = answer as GetSlotsAnswer;
  // The output table says `resourceSlots`; the JSON example (and the server) say `resourceSlotDetails`.
  const details = resourceSlotDetails ?? resourceSlots;
  if (details === undefined || details === null) return [];
  if (!Array.isArray(details)) throw malformed('a Get Slots answer whose resourceSlotDetails');
  const slots: Slot[] = [];
  for (const detail of details) {
    if (!isObject(detail)) throw malformed('a Get Slots entry that');
    const resource = resources.find((r) => r.id === detail.resourceId);
    if (!resource) continue; // not one we asked for
    const available = detail.availableSlots ?? [];
    if (!Array.isArray(available)) throw malformed('availableSlots that');
    const location = locationOf(settings, resource);
    for (const item of available as WireSlot[]) {
      const start = isObject(item) ? instant(item.slotStartDate) : undefined;
      const end = isObject(item) ? instant(item.slotEndDate) : undefined;
      if (!start || !end) throw malformed('a slot whose start or end time');
      const native: SalesforceNative = {
        resourceId: resource.id,
        locationId: location?.id,
        workTypeId,
        channelId,
        slotId: str(item.slotId),
        sourceSystem: str(item.sourceSystem),
      };
      slots.push({
        id: `${resource.id}|${native.slotId ?? start}`,
        start,
        end,
        ...clinicZone(settings, location),
        mode: workTypeMode(settings, workTypeId) ?? resource.mode ?? settings.mode,
        practitioner: toPractitioner(resource),
        location: toLocation(location),
        service: toService(settings, workTypeId),
        booking: { kind: 'api' },
        native,
      });
    }
  }
  return slots;
}

/** What a slot or appointment of this backend keeps; anything else was not made here. */
export function nativeOf(item: Slot | Appointment): SalesforceNative {
  const native = item.native as SalesforceNative | undefined;
  if (!native || typeof native.resourceId !== 'string') {
    throw new BookingError(
      'validation',
      'This time did not come from the Salesforce backend; choose a time from the list.',
    );
  }
  return native;
}

/**
 * The Facility a booking names: the slot's location, else the resource's `locationId` even when no location
 * of the options has that id. Salesforce requires one ("Patient and Facility are required", seed 003) and its
 * Get Slots answer names none, so without either this refuses before anything is sent.
 */
function facilityOf(native: SalesforceNative, resource: SalesforceResource | undefined): string {
  const facility = native.locationId ?? resource?.locationId;
  if (facility) return facility;
  throw new BookingError(
    'validation',
    `salesforce: booking needs a Facility (Salesforce requires Patient and Facility participants), and resource ` +
      `"${native.resourceId}" has none: set options.locations (the first is every resource's default facility) ` +
      `or locationId on that resource.`,
  );
}

/** The appointment body shared by book (POST) and reschedule (PUT). */
export function appointmentInput(
  settings: SalesforceSettings,
  slot: Slot,
  patientId: string,
  comment: string | undefined,
): AppointmentInput {
  const native = nativeOf(slot);
  const resource = settings.resources.find((r) => r.id === native.resourceId);
  const sourceSystem = native.sourceSystem ?? settings.sourceSystem;
  const participants: Participant[] = [
    { reference: `Patient/${patientId}` },
    { reference: `Facility/${facilityOf(native, resource)}` },
    {
      reference: `${resource?.resourceType === 'device' ? 'Device' : 'Practitioner'}/${native.resourceId}`,
      isReferenceRequired: true,
    },
  ];
  return {
    startDate: slot.start,
    endDate: slot.end,
    ...(native.workTypeId ? { workTypeId: native.workTypeId } : {}),
    ...(native.channelId ? { channelId: native.channelId } : {}),
    ...(comment ? { comment } : {}),
    timeZone: slot.timeZone,
    ...ehrFields(settings, sourceSystem),
    ...(settings.specialties ? { specialties: settings.specialties } : {}),
    ...(sourceSystem && native.slotId ? { slots: [{ id: native.slotId, reference: native.resourceId }] } : {}),
    participants,
  };
}

/** The appointment a booked or rescheduled slot became, keeping the comment for a later reschedule. */
export function appointmentFrom(id: string, slot: Slot, status: string | undefined, comment?: string): Appointment {
  const native = nativeOf(slot);
  return appointmentFromSlot(slot, {
    id,
    status: status ? mapStatus(status) : 'booked',
    native: { ...native, comment } satisfies SalesforceNative,
  });
}

/** A ServiceAppointment record of the SOQL list; its resource and location are matched to the options. */
export function fromRecord(settings: SalesforceSettings, raw: unknown): Appointment {
  if (!isObject(raw)) throw malformed('a ServiceAppointment that');
  const record = raw as ServiceAppointmentRecord;
  const id = str(record.Id);
  const start = instant(record.SchedStartTime);
  const end = instant(record.SchedEndTime) ?? start;
  if (!id || !start || !end) throw malformed('a ServiceAppointment without id or times, which');
  const assigned =
    isObject(record.ServiceResources) && Array.isArray(record.ServiceResources.records)
      ? record.ServiceResources.records
      : [];
  const resourceIds = assigned.filter(isObject).map((a) => str(a.ServiceResourceId));
  const resource = settings.resources.find(
    (r) => resourceIds.includes(r.serviceResourceId ?? r.id) || resourceIds.includes(r.id),
  );
  const territory = str(record.ServiceTerritoryId);
  const location =
    settings.locations.find((l) => territory && (l.serviceTerritoryId === territory || l.id === territory)) ??
    (resource ? locationOf(settings, resource) : undefined);
  const status = mapStatus(str(record.Status));
  const zone = clinicZone(settings, location);
  const workTypeId = str(record.WorkTypeId);
  return {
    id,
    status,
    start,
    end,
    ...zone,
    mode: workTypeMode(settings, workTypeId) ?? resource?.mode ?? settings.mode,
    practitioner: resource ? toPractitioner(resource) : undefined,
    location: toLocation(location),
    service: toService(settings, workTypeId),
    canConfirm: false,
    cancel: status === 'booked' || status === 'pending' ? 'direct' : 'none',
    native: resource
      ? ({
          resourceId: resource.id,
          locationId: location?.id,
          workTypeId,
          channelId: resource.channelId ?? settings.channelId,
          comment: str(record.Comments),
        } satisfies SalesforceNative)
      : undefined,
  };
}
