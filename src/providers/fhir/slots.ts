import type { Slot, SlotQuery } from '../../core/model.js';
import {
  parseReference,
  type FhirLocation,
  type FhirPractitioner,
  type FhirSchedule,
  type FhirSlot,
} from '../fhir-common/index.js';
import { bookableWindow, byStart, startsWithin } from '../shared.js';
import type { FhirClient } from './client.js';
import { mapSlot, type SlotContext } from './mapping.js';
import type { ResolvedFhirOptions } from './options.js';

/**
 * The free-slot search of the `fhir` adapter, shared by `findSlots` and `findAvailability`: the Schedules that
 * fit a query, then their free Slots, each with the practitioner and location its Schedule names.
 */

/** The active Schedules for a query's practitioner, location and service (`_include` of their actors where offered). */
export async function findSchedules(
  client: FhirClient,
  options: ResolvedFhirOptions,
  query: Pick<SlotQuery, 'practitionerId' | 'locationId' | 'serviceId'>,
  signal?: AbortSignal,
): Promise<FhirSchedule[]> {
  const features = await client.serverFeatures(signal);
  const actor = [
    query.practitionerId ? `Practitioner/${query.practitionerId}` : undefined,
    query.locationId ? `Location/${query.locationId}` : undefined,
  ].filter((a): a is string => !!a);
  const include = options.include === 'always' || (options.include === 'auto' && features.scheduleInclude);
  const found = await client.search<FhirSchedule>(
    'Schedule',
    {
      actor: actor.length ? actor : undefined,
      'service-type': query.serviceId,
      _include: include ? 'Schedule:actor' : undefined,
      _count: options.pageSize,
    },
    signal,
  );
  for (const resource of found.included) client.remember(resource);
  return found.matches.filter((s) => s.id && s.active !== false);
}

/**
 * The Practitioner and Location among some references (a Schedule's actors, an Appointment's participants), from
 * the cache or read once; their ids are known even when they cannot be read.
 */
export async function actorsOf(
  client: FhirClient,
  references: { reference?: string }[] | undefined,
  signal?: AbortSignal,
): Promise<Omit<SlotContext, 'schedule'>> {
  const refs = (references ?? []).map((r) => parseReference(r.reference));
  const practitionerId = refs.find((r) => r?.type === 'Practitioner')?.id;
  const locationId = refs.find((r) => r?.type === 'Location')?.id;
  const [practitioner, location] = await Promise.all([
    practitionerId ? client.actor<FhirPractitioner>('Practitioner', practitionerId, signal) : undefined,
    locationId ? client.actor<FhirLocation>('Location', locationId, signal) : undefined,
  ]);
  return { practitioner, location, practitionerId, locationId };
}

/** The practitioner and location a schedule is for. */
export async function scheduleContext(
  client: FhirClient,
  schedule: FhirSchedule,
  signal?: AbortSignal,
): Promise<SlotContext> {
  return { schedule, ...(await actorsOf(client, schedule.actor, signal)) };
}

/**
 * The free slots of a query that start in its bookable part, by start: `Slot?schedule=…&status=free&start=ge…&
 * start=lt…` for the query's Schedules (20 at a time: long OR lists make long URLs), each Slot once, with the
 * practitioner and location its Schedule names. With `elements` (`findAvailability`) the Slots may come without
 * their `end`: only their start counts then.
 */
export async function findFree(
  client: FhirClient,
  options: ResolvedFhirOptions,
  now: Date,
  query: SlotQuery,
  elements: string | undefined,
  signal?: AbortSignal,
): Promise<Slot[]> {
  const schedules = await findSchedules(client, options, query, signal);
  const byId = new Map(schedules.map((s) => [s.id ?? '', s]));
  const resources: FhirSlot[] = [];
  for (let i = 0; i < schedules.length; i += 20) {
    const refs = schedules
      .slice(i, i + 20)
      .map((s) => `Schedule/${s.id}`)
      .join(',');
    const found = await client.search<FhirSlot>(
      'Slot',
      {
        schedule: refs,
        status: 'free',
        start: [`ge${query.start}`, `lt${query.end}`],
        _elements: elements,
        _count: options.pageSize,
      },
      signal,
    );
    resources.push(...found.matches);
  }
  const { from, to } = bookableWindow(query, now);
  const slots = new Map<string, Slot>();
  for (const resource of resources) {
    if (resource.status && resource.status !== 'free') continue;
    const schedule = byId.get(parseReference(resource.schedule?.reference)?.id ?? '');
    if (!schedule || !resource.id || slots.has(resource.id)) continue;
    const context = await scheduleContext(client, schedule, signal);
    if (query.practitionerId && context.practitionerId !== query.practitionerId) continue;
    if (query.locationId && context.locationId !== query.locationId) continue;
    const slot = mapSlot(elements ? { ...resource, end: resource.end ?? resource.start } : resource, context, options);
    if (slot && startsWithin(slot, from, to)) slots.set(resource.id, slot);
  }
  return [...slots.values()].sort((a, b) => byStart(a, b) || a.id.localeCompare(b.id));
}
