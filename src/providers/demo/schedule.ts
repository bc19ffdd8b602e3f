import { addDays, isoWeekday, localDate, wallTimeToInstant } from '../../core/time.js';
import type { Slot, VisitMode } from '../../core/model.js';
import { DEMO_LOCATIONS, DEMO_SERVICES, type DemoPractitioner } from './data.js';

// The demo clinic's timetable: free times laid out from working hours, and the slots made from them.

/** A free time before it is made a Slot: what filtering and the calendar need. */
export interface DemoTime {
  id: string;
  start: string;
  t: number;
  step: number;
  practitioner: DemoPractitioner;
  mode: VisitMode;
}

/** Deterministic 0..1 from a string and a seed (FNV-1a then an avalanche mix). */
export function hashUnit(text: string, seed: number): number {
  let hash = 0x811c9dc5 ^ seed;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  hash ^= hash >>> 15;
  hash = Math.imul(hash, 0x2c1b3c6d);
  hash ^= hash >>> 12;
  return (hash >>> 0) / 0x100000000;
}

/** The ids of the services (visit types) that these practitioners' working blocks offer, in DEMO_SERVICES order. */
export function servicesOf(practitioners: DemoPractitioner[]): string[] {
  const modes = new Set(practitioners.flatMap((p) => p.blocks.map((b) => b.mode)));
  return Object.values(DEMO_SERVICES)
    .filter((s) => s.mode && modes.has(s.mode))
    .map((s) => s.id);
}

const locations = new Map(DEMO_LOCATIONS.map((l) => [l.id, l]));

export function locationOf(practitioner: DemoPractitioner) {
  return locations.get(practitioner.locationId)!;
}

export function slotOf({ id, start, t, step, practitioner, mode }: DemoTime): Slot {
  const location = locationOf(practitioner);
  return {
    id,
    start,
    end: new Date(t + step).toISOString(),
    timeZone: location.timeZone,
    timeZoneSource: 'backend',
    mode,
    practitioner: { id: practitioner.id, name: practitioner.name, specialty: practitioner.specialty },
    location: { ...location },
    service: DEMO_SERVICES[mode],
    booking: { kind: 'api' },
  };
}

/**
 * Times of one practitioner starting in [from, to), earliest first, at most `limit`. Blocks are laid out in
 * the clinic's wall-clock time but stepped in real minutes, so a 25-hour day has one more slot and a 23-hour
 * day one fewer. A plain loop into an array: a month of the clinic is about 1,500 times, made on the first
 * screen while the code is still cold.
 */
export function generate(practitioner: DemoPractitioner, from: number, to: number, limit = Infinity): DemoTime[] {
  const times: DemoTime[] = [];
  const zone = locationOf(practitioner).timeZone;
  const lastDay = localDate(new Date(to).toISOString(), zone);
  const step = practitioner.slotMinutes * 60_000;
  for (let day = addDays(localDate(new Date(from).toISOString(), zone), -1); day <= lastDay; day = addDays(day, 1)) {
    if (!practitioner.weekdays.includes(isoWeekday(day))) continue;
    for (const block of practitioner.blocks) {
      // Wall-clock bounds (24:00 is the next midnight), stepped in real minutes.
      const blockEnd = wallTimeToInstant(day, block.to, zone);
      for (let t = wallTimeToInstant(day, block.from, zone); t + step <= blockEnd; t += step) {
        if (t < from || t >= to) continue;
        const start = new Date(t).toISOString();
        times.push({ id: `${practitioner.id}@${start}`, start, t, step, practitioner, mode: block.mode });
        if (times.length >= limit) return times;
      }
    }
  }
  return times;
}
