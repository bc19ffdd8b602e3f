import type { Location, Practitioner, Service } from '../../core/model.js';
import { relatedIds } from '../shared.js';
import type { Catalog, ScheduleRecord } from './mapping.js';

/**
 * The `smart-links` adapter's lists for `<visit-filter>`, from the publisher's Schedules: the visit types of
 * their `serviceType`, the Locations (each with the visit types of its Schedules) and the clinicians some
 * Schedules name as actors (each with its Locations and visit types). SMART publishers offer in-person visits.
 */

/** The visit-type codes a Schedule is found by (`service` filter), or undefined when it names none. */
const codesOf = (schedule: ScheduleRecord) => (schedule.service ? [schedule.service.id] : undefined);

/** Each visit type once, in the publisher's order. */
export function servicesOf(catalog: Catalog): Service[] {
  const byId = new Map<string, Service>();
  for (const { service } of catalog.schedules.values())
    if (service && !byId.has(service.id)) byId.set(service.id, { ...service, mode: 'in-person' });
  return [...byId.values()];
}

/** The Locations, each with the visit types of the Schedules held there. */
export function locationsOf(catalog: Catalog): Location[] {
  const schedules = [...catalog.schedules.values()];
  return [...catalog.locations.values()].map((location) => ({
    ...location,
    serviceIds: relatedIds(
      schedules.filter((s) => s.locationId === location.id),
      codesOf,
    ),
  }));
}

/** The clinicians Schedules name, each with the Locations and visit types of their Schedules. */
export function practitionersOf(catalog: Catalog): Practitioner[] {
  const byId = new Map<string, ScheduleRecord[]>();
  for (const schedule of catalog.schedules.values()) {
    const id = schedule.practitioner?.id;
    if (id) byId.set(id, [...(byId.get(id) ?? []), schedule]);
  }
  return [...byId.values()].map((own) => ({
    ...own[0].practitioner!,
    locationIds: relatedIds(own, (s) => (s.locationId ? [s.locationId] : undefined)),
    serviceIds: relatedIds(own, codesOf),
  }));
}
