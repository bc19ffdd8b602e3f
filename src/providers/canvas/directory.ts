import type { Location, Practitioner, Service, VisitMode } from '../../core/model.js';
import { referenceId } from '../fhir-common/index.js';
import { locationIdOf, parseScheduleId, toLocation, type MapContext } from './mapping.js';
import type { CanvasAppointmentType, CanvasOptions } from './options.js';
import type { CanvasSchedule } from './wire.js';

/**
 * The `canvas` adapter's lists for `<visit-filter>`, from the directory it reads once (`GET /Schedule`,
 * `/Practitioner`, `/Location`): the clinicians and places that have a schedule, each clinician with the places
 * of their schedules (`Location.<n>-Staff.<id>`). Canvas' FHIR API has no list of note types: the visit types are
 * the scheduleable ones the clinic names in `options.appointmentTypes` (Settings > Note types).
 */

/** A schedule's practitioner and the id careslot knows its clinic by (the mapped uuid, else the number). */
function scheduleOf(
  options: CanvasOptions,
  schedule: CanvasSchedule,
): { practitionerId?: string; locationId?: string } {
  const { locationNumber, staffId } = parseScheduleId(schedule.id ?? '');
  return {
    practitionerId: staffId ?? referenceId(schedule.actor?.[0]?.reference, 'Practitioner'),
    locationId: locationIdOf(options, locationNumber) ?? locationNumber,
  };
}

/** The place name in a schedule's comment ("Schedule for Ana Ruiz at Harbor Clinic"). */
function commentPlace(schedule: CanvasSchedule): string | undefined {
  return /^Schedule for .+ at (.+)$/.exec(schedule.comment?.trim() ?? '')?.[1];
}

/** How a visit type is attended: video for a telehealth note type (or the Telemedicine code), else the option. */
export function typeMode(options: CanvasOptions, type: CanvasAppointmentType): VisitMode {
  return type.telehealth || type.code === '448337001' ? 'video' : (options.visitMode ?? 'in-person');
}

/** The visit types of `options.appointmentTypes`, by code. */
export function servicesOf(options: CanvasOptions): Service[] {
  return (options.appointmentTypes ?? []).map((type) => ({
    id: type.code,
    name: type.display ?? type.code,
    mode: typeMode(options, type),
  }));
}

/**
 * The clinicians with a schedule, each with the places of their schedules (none known, so none ruled out, when one
 * of their schedules names no place).
 */
export function practitionersOf(context: MapContext): Practitioner[] {
  const places = new Map<string, Set<string> | undefined>();
  for (const schedule of context.directory.schedules) {
    const { practitionerId, locationId } = scheduleOf(context.options, schedule);
    if (!practitionerId || !context.directory.practitioners.has(practitionerId)) continue;
    const seen = places.has(practitionerId) ? places.get(practitionerId) : new Set<string>();
    places.set(practitionerId, seen && locationId ? seen.add(locationId) : undefined);
  }
  return [...places].map(([id, seen]) => ({
    ...context.directory.practitioners.get(id)!,
    locationIds: seen && [...seen],
  }));
}

/** The places that have a schedule, as slots name them: the Location `scheduleLocations` maps, else the number. */
export function locationsOf(context: MapContext): Location[] {
  const byId = new Map<string, Location>();
  for (const schedule of context.directory.schedules) {
    const { locationNumber } = parseScheduleId(schedule.id ?? '');
    const location = toLocation(
      context,
      locationIdOf(context.options, locationNumber),
      locationNumber,
      commentPlace(schedule),
    );
    if (location && !byId.has(location.id)) byId.set(location.id, location);
  }
  return [...byId.values()];
}
