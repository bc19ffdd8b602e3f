import type { HttpClient } from '../../core/http.js';
import { isRecord } from '../shared.js';
import { downloadError, noOutputList, notNdjson } from './errors.js';
import { scheduleRecord, slotRecord, toLocation, type Catalog } from './mapping.js';
import type { SmartLinksOptions } from './options.js';
import type { ManifestOutput, SmartLocation, SmartSchedule, SmartSlot } from './wire.js';

/** Downloading a publisher's data: the manifest, then its NDJSON files, streamed, with their max-age. */

/** Seconds of `Cache-Control: max-age`; 0 for no-store/no-cache; undefined when it says nothing. */
export function maxAgeSeconds(header: string | null): number | undefined {
  if (!header) return undefined;
  const maxAge = /(?:^|,)\s*max-age\s*=\s*"?(\d+)"?/i.exec(header);
  if (maxAge) return Number(maxAge[1]);
  if (/no-store|no-cache/i.test(header)) return 0;
  return undefined;
}

/** Lines of an NDJSON body, read chunk by chunk from the stream (the file is never held whole). */
async function* ndjsonLines(response: Response): AsyncGenerator<string> {
  if (!response.body) {
    yield* (await response.text()).split('\n');
    return;
  }
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += value;
      let newline = buffer.indexOf('\n');
      while (newline >= 0) {
        yield buffer.slice(0, newline);
        buffer = buffer.slice(newline + 1);
        newline = buffer.indexOf('\n');
      }
    }
    if (buffer) yield buffer;
  } finally {
    reader.releaseLock();
  }
}

/** The manifest and every file it lists (of the wanted states), kept until the shortest max-age ends. */
export async function fetchCatalog(
  http: HttpClient,
  manifestUrl: string,
  options: SmartLinksOptions,
): Promise<Catalog> {
  const started = performance.now();
  const response = await http.request<unknown>({ path: manifestUrl });
  const manifest = response.body;
  if (!isRecord(manifest) || !Array.isArray(manifest.output)) throw noOutputList();
  const ages: (number | undefined)[] = [maxAgeSeconds(response.headers.get('Cache-Control'))];
  const wanted = options.states?.map((s) => s.toUpperCase());
  const outputs = (manifest.output as unknown[])
    .filter((o): o is ManifestOutput => isRecord(o) && typeof o.url === 'string')
    .filter((o) => o.type === 'Location' || o.type === 'Schedule' || o.type === 'Slot')
    .filter(
      (o) =>
        !wanted ||
        !Array.isArray(o.extension?.state) ||
        o.extension.state.some((s) => wanted.includes(String(s).toUpperCase())),
    );
  const catalog: Catalog = { locations: new Map(), schedules: new Map(), slots: [], expires: 0 };
  const locations: SmartLocation[] = [];
  const schedules: SmartSchedule[] = [];
  await Promise.all(
    outputs.map(async (output) => {
      const url = new URL(output.url!, manifestUrl).href;
      const age = await readFile(http, url, output.type!, (resource) => {
        if (output.type === 'Location') locations.push(resource as unknown as SmartLocation);
        else if (output.type === 'Schedule') schedules.push(resource as unknown as SmartSchedule);
        else {
          const record = slotRecord(resource as unknown as SmartSlot);
          if (record) catalog.slots.push(record);
        }
      });
      ages.push(age);
    }),
  );
  for (const location of locations) if (location.id) catalog.locations.set(location.id, toLocation(options, location));
  for (const schedule of schedules) if (schedule.id) catalog.schedules.set(schedule.id, scheduleRecord(schedule));
  const known = ages.filter((a): a is number => a !== undefined);
  const seconds = known.length ? Math.min(...known) : (options.defaultMaxAgeSeconds ?? 60);
  catalog.expires = started + seconds * 1000;
  return catalog;
}

/** Streams one NDJSON file, line by line, into `take`. Returns its max-age. */
async function readFile(
  http: HttpClient,
  url: string,
  type: string,
  take: (resource: Record<string, unknown>) => void,
): Promise<number | undefined> {
  const response = await http.stream({ path: url, headers: { Accept: 'application/fhir+ndjson' } });
  let good = 0;
  let bad = 0;
  try {
    for await (const line of ndjsonLines(response)) {
      if (!line.trim()) continue;
      let resource: unknown;
      try {
        resource = JSON.parse(line);
      } catch {
        bad++;
        continue;
      }
      if (!isRecord(resource)) {
        bad++;
        continue;
      }
      good++;
      // Clients ignore resources of other types.
      if (resource.resourceType === type) take(resource);
    }
  } catch (error) {
    throw downloadError(error);
  }
  if (bad > 0 && good === 0) throw notNdjson(type);
  return maxAgeSeconds(response.headers.get('Cache-Control'));
}
