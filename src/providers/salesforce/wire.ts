/**
 * The Salesforce Health Cloud appointment-management Connect API on the wire (research/backend-contracts.md
 * §4.3): what careslot sends and what it reads back. Answers are read field by field (they are checked, not
 * trusted), so their fields are typed loosely.
 */

/** One entry of Get Slots' `resources`. */
export interface GetSlotsResource {
  resourceId: string;
  /** `Provider` (the seed's example) or `device` (the documented enum). */
  resourceType: 'Provider' | 'device';
  serviceTerritoryId?: string;
  serviceResourceId?: string;
}

/** The external-EHR fields (e.g. `sourceSystem: "cerner"`), sent with Get Slots, book and reschedule. */
export interface EhrFields {
  sourceSystem?: string;
  appointmentTypes?: string[];
  serviceCategories?: string[];
  serviceTypes?: string[];
}

/** `POST …/slots` (Get Slots). Times are UTC instants. */
export interface GetSlotsRequest extends EhrFields {
  resources: GetSlotsResource[];
  startDate: string;
  endDate: string;
  workTypeId?: string;
  channelId?: string;
}

/** One Get Slots slot as Salesforce sends it. */
export interface WireSlot {
  slotId?: string;
  slotStartDate?: string;
  slotEndDate?: string;
  sourceSystem?: string;
}

/** Get Slots' answer: the JSON example (and the server) say `resourceSlotDetails`, the output table `resourceSlots`. */
export interface GetSlotsAnswer {
  resourceSlotDetails?: { resourceId?: string; availableSlots?: WireSlot[] }[] | null;
  resourceSlots?: GetSlotsAnswer['resourceSlotDetails'];
}

/** `Patient/<Account id>`, `Facility/<id>`, `Practitioner/<id>` or `Device/<id>`. */
export interface Participant {
  reference: string;
  isReferenceRequired?: boolean;
}

/** The body of book (`POST …/appointment`) and, with `id`, of reschedule (`PUT …/appointment/{id}`). */
export interface AppointmentInput extends EhrFields {
  id?: string;
  startDate: string;
  endDate: string;
  workTypeId?: string;
  channelId?: string;
  comment?: string;
  /** The clinic's IANA zone. */
  timeZone: string;
  specialties?: string[];
  /** The EHR's own slot, for external-EHR bookings. */
  slots?: { id: string; reference: string }[];
  participants: Participant[];
}

/** The body of cancel (`PATCH …/appointment/{id}`); the API spells it `canceled`. */
export interface CancelInput {
  id: string;
  status: 'canceled';
  cancellationReason?: string;
}

/** A ServiceAppointment record as the SOQL query in `listAppointments` selects it. */
export interface ServiceAppointmentRecord {
  Id?: string;
  Status?: string;
  /** `…+0000` (no colon in the offset). */
  SchedStartTime?: string;
  SchedEndTime?: string;
  ServiceTerritoryId?: string;
  WorkTypeId?: string;
  Comments?: string;
  ServiceResources?: { records?: { ServiceResourceId?: string }[] } | null;
}

/** A SOQL string literal. */
export function soqlString(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}
