import type { Location, Service, Slot, SlotBooking } from '../../core/model.js';
import { toUtcInstant } from '../../core/zoned.js';
import { configuredZone, isRecord, type ZoneChoice } from '../shared.js';
import type { SmartLinksOptions } from './options.js';
import type { Extension, SmartLocation, SmartSchedule, SmartSlot } from './wire.js';

/** SMART Scheduling Links resources → what the adapter keeps in memory → domain. Pure: no fetch, no DOM. */

const EXT = 'http://fhir-registry.smarthealthit.org/StructureDefinition/';
const DEEP_LINK = `${EXT}booking-deep-link`;
const PHONES = [`${EXT}booking-phone`, `${EXT}booking-hhone`]; // the spec's example files misspell it
const CAPACITY = `${EXT}slot-capacity`;

/** A free slot as kept in memory: only what a query and the mapping need. */
export interface SlotRecord {
  id: string;
  scheduleId: string;
  start: string;
  end: string;
  deepLink?: string;
  phone?: string;
  capacity?: number;
}

export interface ScheduleRecord {
  locationId?: string;
  practitioner?: { id: string; name: string };
  codes: string[];
  service?: Service;
}

/** The publisher's data, as kept between queries. */
export interface Catalog {
  locations: Map<string, Location>;
  schedules: Map<string, ScheduleRecord>;
  slots: SlotRecord[];
  /** `performance.now()` after which the publisher's data is stale. */
  expires: number;
}

/**
 * Appends `source` and `booking-referral` to a booking deep link, keeping its own query and fragment as they
 * are (`?` added when there is none, `&` otherwise). Only http(s) links are accepted.
 */
export function deepLinkUrl(link: string, source: string, referral: string): string | undefined {
  let url: URL;
  try {
    url = new URL(link);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
  const extra = `source=${encodeURIComponent(source)}&booking-referral=${encodeURIComponent(referral)}`;
  const query = url.search.replace(/^\?/, '');
  url.search = query ? `?${query}&${extra}` : `?${extra}`;
  return url.href;
}

function extension(slot: SmartSlot, urls: string | string[]): Extension | undefined {
  const list = Array.isArray(urls) ? urls : [urls];
  return (Array.isArray(slot.extension) ? slot.extension : []).find(
    (e) => isRecord(e) && typeof e.url === 'string' && list.includes(e.url),
  );
}

/** A free slot with its schedule and times; busy and unreadable ones are left out. */
export function slotRecord(slot: SmartSlot): SlotRecord | undefined {
  if (!slot.id || slot.status !== 'free') return undefined;
  const scheduleId = /(?:^|\/)Schedule\/([^/]+)$/.exec(slot.schedule?.reference ?? '')?.[1];
  const start = toUtcInstant(slot.start);
  const end = toUtcInstant(slot.end);
  if (!scheduleId || !start || !end) return undefined;
  const link = extension(slot, DEEP_LINK)?.valueUrl;
  const phone = extension(slot, PHONES)?.valueString;
  const capacity = extension(slot, CAPACITY)?.valueInteger;
  return {
    id: slot.id,
    scheduleId,
    start,
    end,
    ...(typeof link === 'string' ? { deepLink: link } : {}),
    ...(typeof phone === 'string' && phone.trim() ? { phone: phone.trim() } : {}),
    ...(typeof capacity === 'number' && capacity > 0 ? { capacity } : {}),
  };
}

export function scheduleRecord(schedule: SmartSchedule): ScheduleRecord {
  const actors = Array.isArray(schedule.actor) ? schedule.actor : [];
  const locationId = actors.map((a) => /(?:^|\/)Location\/([^/]+)$/.exec(a?.reference ?? '')?.[1]).find((id) => !!id);
  const practitionerActor = actors.find((a) =>
    /(?:^|\/)(Practitioner|PractitionerRole)\/[^/]+$/.test(a?.reference ?? ''),
  );
  const practitionerId = practitionerActor?.reference?.split('/').pop();
  const codings = (Array.isArray(schedule.serviceType) ? schedule.serviceType : []).flatMap((t) =>
    Array.isArray(t?.coding) ? t.coding : [],
  );
  const codes = codings.map((c) => c.code).filter((c): c is string => typeof c === 'string');
  const named = codings.find((c) => c.display) ?? codings[0];
  return {
    locationId,
    practitioner: practitionerId ? { id: practitionerId, name: practitionerActor?.display ?? 'Clinician' } : undefined,
    codes,
    service: named?.code ? { id: named.code, name: named.display ?? named.code } : undefined,
  };
}

/** Publishers send no zone: the Location's entry, else its state's, else the default. */
function zoneFor(options: SmartLinksOptions, id: string | undefined, state: string | undefined): ZoneChoice {
  const byId = id ? options.locationTimeZones?.[id] : undefined;
  const byState = state ? options.stateTimeZones?.[state.toUpperCase()] : undefined;
  return configuredZone([byId, byState, options.defaultTimeZone]);
}

export function toLocation(options: SmartLinksOptions, location: SmartLocation): Location {
  const address = isRecord(location.address) ? location.address : undefined;
  const phone = (Array.isArray(location.telecom) ? location.telecom : []).find((t) => t?.system === 'phone')?.value;
  return {
    id: location.id!,
    name: typeof location.name === 'string' && location.name ? location.name : `Location ${location.id}`,
    ...zoneFor(options, location.id, address?.state),
    ...(address
      ? {
          address: {
            lines: Array.isArray(address.line) ? address.line : [],
            city: address.city,
            state: address.state,
            postalCode: address.postalCode,
          },
        }
      : {}),
    ...(phone ? { phone } : {}),
  };
}

/** The `booking-referral` of a slot: the option's getter, else the session's referral. */
function referralFor(options: SmartLinksOptions, sessionReferral: string, slotId: string): string {
  const option = options.bookingReferral;
  return typeof option === 'function' ? option({ id: slotId }) : sessionReferral;
}

/** A slot to show: booked through its deep link (with source and referral), else by phone. */
export function toSlot(
  record: SlotRecord,
  schedule: ScheduleRecord,
  catalog: Catalog,
  options: SmartLinksOptions,
  sessionReferral: string,
): Slot | undefined {
  const location = schedule.locationId ? catalog.locations.get(schedule.locationId) : undefined;
  const zone = location
    ? { timeZone: location.timeZone, timeZoneSource: location.timeZoneSource }
    : zoneFor(options, undefined, undefined);
  const phone = record.phone ?? location?.phone ?? (typeof options.phone === 'string' ? options.phone : undefined);
  let booking: SlotBooking | undefined;
  const url = record.deepLink
    ? deepLinkUrl(record.deepLink, options.source ?? 'careslot', referralFor(options, sessionReferral, record.id))
    : undefined;
  if (url) booking = { kind: 'link', url, ...(phone ? { phone } : {}) };
  else if (phone) booking = { kind: 'phone', phone };
  return {
    id: record.id,
    start: record.start,
    end: record.end,
    ...zone,
    mode: 'in-person',
    ...(schedule.practitioner ? { practitioner: { ...schedule.practitioner } } : {}),
    ...(location ? { location } : {}),
    ...(schedule.service ? { service: schedule.service } : {}),
    ...(record.capacity ? { capacity: record.capacity } : {}),
    ...(booking ? { booking } : {}),
    native: { slotId: record.id, scheduleId: record.scheduleId },
  };
}
