import type { Location, Practitioner, Service } from '../../core/model.js';
import { relatedIds } from '../shared.js';
import { locationOf, toLocation, toPractitioner, toService } from './mapping.js';
import type { SalesforceResource, SalesforceSettings } from './options.js';

/**
 * The `salesforce` adapter's lists for `<visit-filter>`. The appointment-management Connect API has no list
 * resource (Get Slots and Book take the ids), so the lists are the ones the options give, with the relations the
 * seed's Book request implies: each resource (practitioner) books with its work type (`workTypeId`, or several in
 * `workTypeIds`) at its facility (`locationId`), and a facility offers the work types of its resources.
 */

/** The work types a resource books with; undefined when none is configured (Get Slots then goes without). */
export function workTypesOf(settings: SalesforceSettings, resource: SalesforceResource): string[] | undefined {
  const ids = resource.workTypeIds ?? [resource.workTypeId ?? settings.workTypeId];
  const known = ids.filter((id): id is string => !!id);
  return known[0] ? known : undefined;
}

/** Every work type the options name: `workTypes` first, then the adapter's and the resources' own. */
function workTypeIds(settings: SalesforceSettings): string[] {
  const ids = [
    ...settings.workTypes.map((w) => w.id),
    settings.workTypeId,
    ...settings.resources.flatMap((r) => workTypesOf(settings, r) ?? []),
  ];
  return [...new Set(ids.filter((id): id is string => !!id))];
}

/** Whether the options name any work type (else there is no list of visit types). */
export function hasWorkTypes(settings: SalesforceSettings): boolean {
  return workTypeIds(settings).length > 0;
}

export function servicesOf(settings: SalesforceSettings): Service[] {
  return workTypeIds(settings).map((id) => toService(settings, id)!);
}

/** The resources, each with its facility and work types. */
export function practitionersOf(settings: SalesforceSettings): Practitioner[] {
  return settings.resources.map((resource) => {
    const location = locationOf(settings, resource)?.id ?? resource.locationId;
    return {
      ...toPractitioner(resource),
      locationIds: location ? [location] : undefined,
      serviceIds: workTypesOf(settings, resource),
    };
  });
}

/** The facilities, each with the work types of the resources that work there. */
export function locationsOf(settings: SalesforceSettings): Location[] {
  return settings.locations.map((location) => ({
    ...toLocation(location)!,
    serviceIds: relatedIds(
      settings.resources.filter((r) => locationOf(settings, r)?.id === location.id),
      (r) => workTypesOf(settings, r),
    ),
  }));
}
