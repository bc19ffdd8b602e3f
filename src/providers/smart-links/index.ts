import { BookingError, isAbortError } from '../../core/errors.js';
import { HttpClient } from '../../core/http.js';
import type {
  BookingRequest,
  BookingResult,
  Location,
  Service,
  Slot,
  SlotBooking,
  SlotQuery,
} from '../../core/model.js';
import {
  NO_CAPABILITIES,
  type BookingProvider,
  type ProviderConfig,
  type ProviderFactory,
} from '../../core/provider.js';
import { toUtcInstant } from '../../core/time.js';
import {
  bookableWindow,
  byStart,
  checkZone,
  checkZoneMap,
  configuredZone,
  isRecord,
  optionError,
  startsWithin,
  withSignal,
  type ZoneChoice,
} from '../shared.js';

/**
 * Options of the `smart-links` backend (SMART Scheduling Links slot publishers). See
 * docs/backends/smart-links.md. `base-url` is the `$bulk-publish` manifest URL, or the folder that holds it.
 */
export interface SmartLinksOptions {
  /** `source` appended to every booking deep link: who referred the patient. Default `careslot`. */
  source?: string;
  /** `booking-referral` appended to deep links. Default: one random UUID per provider instance (session). */
  bookingReferral?: string | ((slot: { id: string }) => string);
  /** IANA zone per Location id. */
  locationTimeZones?: Record<string, string>;
  /** IANA zone per US state code (`MA`), for locations without an entry in `locationTimeZones`. */
  stateTimeZones?: Record<string, string>;
  /** Zone of a location found in neither map. Default: the browser's zone (flagged as a guess). */
  defaultTimeZone?: string;
  /** Only read manifest files whose `extension.state` lists one of these states (files without it are always read). */
  states?: string[];
  /** How long to keep the data when the publisher sends no `Cache-Control: max-age`, in seconds. Default 60. */
  defaultMaxAgeSeconds?: number;
  /** Per-request time limit in ms (the whole file download). Default 15000. */
  timeoutMs?: number;
  /** A phone number shown where a slot carries none. */
  phone?: string;
}

const EXT = 'http://fhir-registry.smarthealthit.org/StructureDefinition/';
const DEEP_LINK = `${EXT}booking-deep-link`;
const PHONES = [`${EXT}booking-phone`, `${EXT}booking-hhone`]; // the spec's example files misspell it
const CAPACITY = `${EXT}slot-capacity`;

interface ManifestOutput {
  type?: string;
  url?: string;
  extension?: { state?: string[] };
}

interface Extension {
  url?: string;
  valueUrl?: string;
  valueString?: string;
  valueInteger?: number;
}

interface SmartLocation {
  resourceType: 'Location';
  id?: string;
  name?: string;
  telecom?: { system?: string; value?: string }[];
  address?: { line?: string[]; city?: string; state?: string; postalCode?: string; district?: string };
  description?: string;
}

interface SmartSchedule {
  resourceType: 'Schedule';
  id?: string;
  actor?: { reference?: string; display?: string }[];
  serviceType?: { coding?: { system?: string; code?: string; display?: string }[]; text?: string }[];
}

interface SmartSlot {
  resourceType: 'Slot';
  id?: string;
  schedule?: { reference?: string };
  status?: string;
  start?: string;
  end?: string;
  extension?: Extension[];
}

/** A free slot as kept in memory: only what a query and the mapping need. */
interface SlotRecord {
  id: string;
  scheduleId: string;
  start: string;
  end: string;
  deepLink?: string;
  phone?: string;
  capacity?: number;
}

interface ScheduleRecord {
  locationId?: string;
  practitioner?: { id: string; name: string };
  codes: string[];
  service?: Service;
}

interface Catalog {
  locations: Map<string, Location>;
  schedules: Map<string, ScheduleRecord>;
  slots: SlotRecord[];
  /** `performance.now()` after which the publisher's data is stale. */
  expires: number;
}

function invalid(message: string): BookingError {
  return optionError('smart-links', message);
}

function readOptions(raw: Record<string, unknown>): SmartLinksOptions {
  const options = raw as SmartLinksOptions;
  for (const key of ['locationTimeZones', 'stateTimeZones'] as const) checkZoneMap('smart-links', options[key], key);
  if (options.defaultTimeZone !== undefined) checkZone('smart-links', options.defaultTimeZone, 'defaultTimeZone');
  if (options.states !== undefined && !Array.isArray(options.states))
    throw invalid('states must be a list of state codes.');
  return options;
}

/** The manifest URL: base-url itself when it ends in `$bulk-publish`, else `<base-url>/$bulk-publish`. */
export function manifestUrl(baseUrl: string): string {
  const base = new URL(baseUrl, globalThis.location?.href);
  if (/\$bulk-publish$/.test(decodeURIComponent(base.pathname))) return base.href;
  base.search = '';
  base.hash = '';
  if (!base.pathname.endsWith('/')) base.pathname += '/';
  return new URL('$bulk-publish', base).href;
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

function extension(slot: SmartSlot, urls: string | string[]): Extension | undefined {
  const list = Array.isArray(urls) ? urls : [urls];
  return (Array.isArray(slot.extension) ? slot.extension : []).find(
    (e) => isRecord(e) && typeof e.url === 'string' && list.includes(e.url),
  );
}

/** The SMART Scheduling Links adapter: read-only slot discovery, booking by redirect. */
export class SmartLinksProvider implements BookingProvider {
  readonly backend = 'smart-links';
  /**
   * `book` is true in the sense of a redirect: the confirm button opens the publisher's booking deep link
   * (or shows its phone number). Nothing is booked, listed, cancelled or confirmed through this adapter.
   */
  readonly capabilities = { ...NO_CAPABILITIES, findSlots: true, book: true };
  readonly phone?: string;

  private readonly options: SmartLinksOptions;
  private readonly http: HttpClient;
  private readonly manifest: string;
  private readonly now: () => Date;
  private readonly referral: string;
  private catalog: Catalog | undefined;
  private loading: Promise<Catalog> | undefined;

  constructor(config: ProviderConfig) {
    if (!config.baseUrl) throw invalid("set base-url to the publisher's $bulk-publish URL (or its folder).");
    this.options = readOptions(config.options);
    this.manifest = manifestUrl(config.baseUrl);
    this.now = config.now;
    this.phone = typeof this.options.phone === 'string' ? this.options.phone : undefined;
    this.referral =
      typeof this.options.bookingReferral === 'string' ? this.options.bookingReferral : crypto.randomUUID();
    this.http = new HttpClient({
      backend: 'The slot publisher',
      baseUrl: this.manifest,
      timeoutMs: this.options.timeoutMs,
    });
  }

  async findSlots(query: SlotQuery, signal?: AbortSignal): Promise<Slot[]> {
    const catalog = await withSignal(this.load(), signal);
    const { from, to } = bookableWindow(query, this.now());
    const out: Slot[] = [];
    for (const record of catalog.slots) {
      if (!startsWithin(record, from, to)) continue;
      const schedule = catalog.schedules.get(record.scheduleId);
      if (!schedule) continue;
      if (query.locationId && schedule.locationId !== query.locationId) continue;
      if (query.serviceId && !schedule.codes.includes(query.serviceId)) continue;
      if (query.practitionerId && schedule.practitioner?.id !== query.practitionerId) continue;
      const slot = this.toSlot(record, schedule, catalog);
      if (slot) out.push(slot);
    }
    return out.sort(byStart);
  }

  async book(request: BookingRequest): Promise<BookingResult> {
    const booking = request.slot.booking;
    if (booking?.kind === 'link') return { kind: 'redirect', url: booking.url };
    if (booking?.kind === 'phone') throw new BookingError('not-supported', `Call ${booking.phone} to book this time.`);
    throw new BookingError('not-supported', 'This time can only be booked with the clinic directly.');
  }

  async listLocations(signal?: AbortSignal): Promise<Location[]> {
    return [...(await withSignal(this.load(), signal)).locations.values()];
  }

  /** The publisher's data, from the cache while `Cache-Control: max-age` says it is fresh. */
  private load(): Promise<Catalog> {
    if (this.catalog && performance.now() < this.catalog.expires) return Promise.resolve(this.catalog);
    if (!this.loading) {
      // Not tied to one caller's signal: a newer query reuses the same download.
      this.loading = this.fetchCatalog().then(
        (catalog) => {
          this.catalog = catalog;
          this.loading = undefined;
          return catalog;
        },
        (error: unknown) => {
          this.loading = undefined;
          throw error;
        },
      );
    }
    return this.loading;
  }

  private async fetchCatalog(): Promise<Catalog> {
    const started = performance.now();
    const response = await this.http.request<unknown>({ path: this.manifest });
    const manifest = response.body;
    if (!isRecord(manifest) || !Array.isArray(manifest.output)) {
      throw new BookingError(
        'malformed-response',
        'The slot publisher\'s $bulk-publish manifest has no "output" list.',
      );
    }
    const ages: (number | undefined)[] = [maxAgeSeconds(response.headers.get('Cache-Control'))];
    const wanted = this.options.states?.map((s) => s.toUpperCase());
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
        const url = new URL(output.url!, this.manifest).href;
        const age = await this.readFile(url, output.type!, (resource) => {
          if (output.type === 'Location') locations.push(resource as unknown as SmartLocation);
          else if (output.type === 'Schedule') schedules.push(resource as unknown as SmartSchedule);
          else {
            const record = this.slotRecord(resource as unknown as SmartSlot);
            if (record) catalog.slots.push(record);
          }
        });
        ages.push(age);
      }),
    );
    for (const location of locations) if (location.id) catalog.locations.set(location.id, this.toLocation(location));
    for (const schedule of schedules)
      if (schedule.id) catalog.schedules.set(schedule.id, this.scheduleRecord(schedule));
    const known = ages.filter((a): a is number => a !== undefined);
    const seconds = known.length ? Math.min(...known) : (this.options.defaultMaxAgeSeconds ?? 60);
    catalog.expires = started + seconds * 1000;
    return catalog;
  }

  /** Streams one NDJSON file, line by line, into `take`. Returns its max-age. */
  private async readFile(
    url: string,
    type: string,
    take: (resource: Record<string, unknown>) => void,
  ): Promise<number | undefined> {
    const response = await this.http.stream({ path: url, headers: { Accept: 'application/fhir+ndjson' } });
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
      if (isAbortError(error) || error instanceof BookingError) throw error;
      const timeout = error instanceof DOMException && error.name === 'TimeoutError';
      throw new BookingError(
        timeout ? 'timeout' : 'network',
        timeout ? 'The slot publisher did not send its files in time.' : 'A slot file could not be downloaded.',
        { cause: error },
      );
    }
    if (bad > 0 && good === 0) {
      throw new BookingError(
        'malformed-response',
        `The slot publisher's ${type} file is not NDJSON (no line could be read).`,
      );
    }
    return maxAgeSeconds(response.headers.get('Cache-Control'));
  }

  private slotRecord(slot: SmartSlot): SlotRecord | undefined {
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

  private scheduleRecord(schedule: SmartSchedule): ScheduleRecord {
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
      practitioner: practitionerId
        ? { id: practitionerId, name: practitionerActor?.display ?? 'Clinician' }
        : undefined,
      codes,
      service: named?.code ? { id: named.code, name: named.display ?? named.code } : undefined,
    };
  }

  private zoneFor(id: string | undefined, state: string | undefined): ZoneChoice {
    const byId = id ? this.options.locationTimeZones?.[id] : undefined;
    const byState = state ? this.options.stateTimeZones?.[state.toUpperCase()] : undefined;
    return configuredZone([byId, byState, this.options.defaultTimeZone]);
  }

  private toLocation(location: SmartLocation): Location {
    const address = isRecord(location.address) ? location.address : undefined;
    const phone = (Array.isArray(location.telecom) ? location.telecom : []).find((t) => t?.system === 'phone')?.value;
    return {
      id: location.id!,
      name: typeof location.name === 'string' && location.name ? location.name : `Location ${location.id}`,
      ...this.zoneFor(location.id, address?.state),
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

  private toSlot(record: SlotRecord, schedule: ScheduleRecord, catalog: Catalog): Slot | undefined {
    const location = schedule.locationId ? catalog.locations.get(schedule.locationId) : undefined;
    const zone = location
      ? { timeZone: location.timeZone, timeZoneSource: location.timeZoneSource }
      : this.zoneFor(undefined, undefined);
    const phone = record.phone ?? location?.phone ?? this.phone;
    let booking: SlotBooking | undefined;
    const url = record.deepLink
      ? deepLinkUrl(record.deepLink, this.options.source ?? 'careslot', this.referralFor(record.id))
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

  private referralFor(slotId: string): string {
    const option = this.options.bookingReferral;
    return typeof option === 'function' ? option({ id: slotId }) : this.referral;
  }
}

export const createSmartLinksProvider: ProviderFactory = (config) => new SmartLinksProvider(config);
export default createSmartLinksProvider;
