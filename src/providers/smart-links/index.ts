import { BookingError } from '../../core/errors.js';
import { HttpClient } from '../../core/http.js';
import type {
  BookingRequest,
  BookingResult,
  Location,
  Practitioner,
  Service,
  Slot,
  SlotQuery,
} from '../../core/model.js';
import {
  NO_CAPABILITIES,
  type BookingProvider,
  type ProviderConfig,
  type ProviderFactory,
} from '../../core/provider.js';
import { bookableWindow, byStart, startsWithin, withSignal } from '../shared.js';
import { fetchCatalog } from './catalog.js';
import { locationsOf, practitionersOf, servicesOf } from './lists.js';
import { toSlot, type Catalog } from './mapping.js';
import { invalid, manifestUrl, readOptions, type SmartLinksOptions } from './options.js';

export type { SmartLinksOptions } from './options.js';
export { manifestUrl } from './options.js';
export { deepLinkUrl } from './mapping.js';
export { maxAgeSeconds } from './catalog.js';

/** The SMART Scheduling Links adapter: read-only slot discovery, booking by redirect. */
export class SmartLinksProvider implements BookingProvider {
  readonly backend = 'smart-links';
  /**
   * `book` is true in the sense of a redirect: the confirm button opens the publisher's booking deep link
   * (or shows its phone number). Nothing is booked, listed, cancelled or confirmed through this adapter.
   */
  readonly capabilities = { ...NO_CAPABILITIES, findSlots: true, book: true };
  readonly redirects = true;
  readonly phone?: string;
  /** The `horizonDays` option: how many days ahead the publisher offers times. */
  readonly horizonDays?: number;

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
    this.horizonDays = this.options.horizonDays;
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
      const slot = toSlot(record, schedule, catalog, this.options, this.referral);
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

  /** The visit types of the publisher's Schedules (`serviceType`). */
  async listServices(signal?: AbortSignal): Promise<Service[]> {
    return servicesOf(await withSignal(this.load(), signal));
  }

  /** The Locations, each with the visit types of its Schedules. */
  async listLocations(signal?: AbortSignal): Promise<Location[]> {
    return locationsOf(await withSignal(this.load(), signal));
  }

  /** The clinicians the Schedules name as actors (often none: SMART Schedules are a Location's). */
  async listPractitioners(signal?: AbortSignal): Promise<Practitioner[]> {
    return practitionersOf(await withSignal(this.load(), signal));
  }

  /** The publisher's data, from the cache while `Cache-Control: max-age` says it is fresh. */
  private load(): Promise<Catalog> {
    if (this.catalog && performance.now() < this.catalog.expires) return Promise.resolve(this.catalog);
    if (!this.loading) {
      // Not tied to one caller's signal: a newer query reuses the same download.
      this.loading = fetchCatalog(this.http, this.manifest, this.options).then(
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
}

export const createSmartLinksProvider: ProviderFactory = (config) => new SmartLinksProvider(config);
export default createSmartLinksProvider;
