import type { HttpClient } from '../../core/http.js';
import type { Practitioner, Service, Slot } from '../../core/model.js';
import { isRecord as isObject } from '../shared.js';
import { malformed } from './errors.js';
import { clinicianSlots, modeOf, type Clinic, type KnownClinician } from './mapping.js';
import type { SnapmdSettings } from './options.js';

/**
 * SnapMD's self-scheduling clinicians, the one list its patient API offers: the search
 * (`GET v2.1/patients/appointments/self-scheduling/clinicians?searchRequest.…`, skip/take pages, `data[].clinicians[]`)
 * and the one-clinician resource (`…/clinicians/{userId}?date=`, `data[]`), both with each clinician's slots.
 */

/** The visit types SnapMD knows (`encounterTypeCode`); the options say which the clinic offers. */
const ENCOUNTER_NAMES: Record<number, string> = {
  1: 'Text chat',
  2: 'Phone call',
  3: 'Video visit',
  4: 'In-person visit',
};

/** The encounter types the clinic offers as visit types (`encounterTypeCodes`, else the one it books). */
export function servicesOf(settings: SnapmdSettings): Service[] {
  return settings.encounterTypeCodes.map((code) => ({
    id: String(code),
    name: ENCOUNTER_NAMES[code] ?? `Visit type ${code}`,
    mode: modeOf(code),
  }));
}

/** The clinicians of an answer: `data[].clinicians[]` (the search) or `data[]` (the one-clinician resource). */
function cliniciansOf(body: unknown): unknown[] {
  if (!isObject(body) || !Array.isArray(body.data)) throw malformed('a self-scheduling answer that');
  return body.data.flatMap((entry: unknown) => {
    if (!isObject(entry) || (entry.clinicians !== undefined && !Array.isArray(entry.clinicians)))
      throw malformed('a self-scheduling entry that');
    return entry.clinicians === undefined && entry.personId !== undefined
      ? [entry]
      : ((entry.clinicians as unknown[]) ?? []);
  });
}

export interface ClinicianSearch {
  http: HttpClient;
  settings: SnapmdSettings;
  /** Clinicians seen so far, by personId: filled from every answer (appointments name clinicians by id only). */
  known: Map<string, KnownClinician>;
}

/**
 * The search on one date, page by page (`take` = `pageSize`, at most 20 pages): every clinician's slots, and the
 * clinicians in the order SnapMD lists them. `availableOnly: false` lists clinicians without times too.
 */
export async function searchClinicians(
  s: ClinicianSearch,
  date: string,
  availableOnly: boolean,
  clinic: Clinic,
  encounter: number,
  signal?: AbortSignal,
): Promise<{ slots: Slot[]; people: Practitioner[] }> {
  const slots: Slot[] = [];
  const people: Practitioner[] = [];
  for (let skip = 0, page = 0; page < 20; page++, skip += s.settings.pageSize) {
    const { body } = await s.http.request<unknown>({
      path: s.settings.slotsPath,
      query: {
        'searchRequest.date': date,
        'searchRequest.availableOnly': availableOnly,
        'searchRequest.onlyMyProviders': false,
        'searchRequest.skip': skip,
        'searchRequest.take': s.settings.pageSize,
      },
      signal,
    });
    const found = cliniciansOf(body);
    for (const clinician of found) {
      slots.push(...clinicianSlots(clinician, clinic, s.settings, s.known, encounter));
      const { userId: _userId, ...person } = s.known.get((clinician as { personId: string }).personId)!;
      people.push(person);
    }
    if (found.length < s.settings.pageSize) break;
  }
  return { slots, people };
}

/** One clinician's slots on one date, from the one-clinician resource (`…/clinicians/{userId}?date=`). */
export async function clinicianOn(
  s: ClinicianSearch,
  userId: number,
  date: string,
  clinic: Clinic,
  encounter: number,
  signal?: AbortSignal,
): Promise<Slot[]> {
  const { body } = await s.http.request<unknown>({
    path: `${s.settings.slotsPath}/${userId}`,
    query: { date },
    signal,
  });
  return cliniciansOf(body).flatMap((c) => clinicianSlots(c, clinic, s.settings, s.known, encounter));
}
