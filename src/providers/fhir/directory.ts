import type { Location, Practitioner, Service } from '../../core/model.js';
import type { FhirLocation, FhirPractitioner } from '../fhir-common/index.js';
import type { FhirClient } from './client.js';
import {
  mapLocation,
  mapPractitioner,
  mapService,
  resolveZone,
  visitMode,
  type SlotContext,
  type ZoneSettings,
} from './mapping.js';
import type { ResolvedFhirOptions } from './options.js';
import { relatedIds } from '../shared.js';
import { findSchedules, scheduleContext } from './slots.js';

/**
 * The `fhir` adapter's lists for `<visit-filter>`, all from one Schedule search (with `_include` of the actors
 * where the server offers it, else each actor read once, as slot searches do): the visit types of the active
 * Schedules (`serviceType`), and the Practitioners and Locations they name, each with the ids of the places and
 * visit types of its Schedules. The provider reads them once; a failure is not kept, so Try again asks again.
 */

/** Every active Schedule with the Practitioner and Location it names. */
export async function loadSchedules(client: FhirClient, options: ResolvedFhirOptions): Promise<SlotContext[]> {
  const schedules = await findSchedules(client, options, {});
  return Promise.all(schedules.map((schedule) => scheduleContext(client, schedule)));
}

/** The visit-type ids of a Schedule, or undefined when it names none (it may offer any). */
function serviceIds(context: SlotContext): string[] | undefined {
  const ids = (context.schedule?.serviceType ?? []).map((c) => mapService(c)?.id).filter((id): id is string => !!id);
  return ids[0] ? ids : undefined;
}

/** Each resource the Schedules name (in their order), mapped with the Schedules that name it. */
function named<R extends FhirPractitioner | FhirLocation, T>(
  contexts: SlotContext[],
  actor: (context: SlotContext) => R | undefined,
  map: (resource: R, own: SlotContext[]) => T,
): T[] {
  const byId = new Map<string, T>();
  for (const context of contexts) {
    const resource = actor(context);
    const id = resource?.id;
    if (id && !byId.has(id))
      byId.set(
        id,
        map(
          resource,
          contexts.filter((c) => actor(c)?.id === id),
        ),
      );
  }
  return [...byId.values()];
}

/** The visit types of the Schedules, once each (by code), with the mode their words say. */
export function servicesOf(contexts: SlotContext[]): Service[] {
  const byId = new Map<string, Service>();
  for (const concept of contexts.flatMap((c) => c.schedule?.serviceType ?? [])) {
    const service = mapService(concept);
    if (service && !byId.has(service.id)) byId.set(service.id, { ...service, mode: visitMode([concept]) });
  }
  return [...byId.values()];
}

/** The Practitioners the Schedules name, with the Locations and visit types of their Schedules. */
export function practitionersOf(contexts: SlotContext[]): Practitioner[] {
  return named(
    contexts,
    (c) => c.practitioner,
    (resource, own) => ({
      ...mapPractitioner(resource),
      locationIds: relatedIds(own, (c) => (c.locationId ? [c.locationId] : undefined)),
      serviceIds: relatedIds(own, serviceIds),
    }),
  );
}

/** The Locations the Schedules name, with the visit types of their Schedules. */
export function locationsOf(contexts: SlotContext[], zones: ZoneSettings): Location[] {
  return named(
    contexts,
    (c) => c.location,
    (resource, own) => ({
      ...mapLocation(resource, resolveZone(resource, undefined, undefined, zones)),
      serviceIds: relatedIds(own, serviceIds),
    }),
  );
}
