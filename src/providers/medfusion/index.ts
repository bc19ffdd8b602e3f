import { BookingError } from '../../core/errors.js';
import { HttpClient, bearerAuth } from '../../core/http.js';
import type { Appointment, AppointmentQuery, BookingResult } from '../../core/model.js';
import type { BookingProvider, ProviderCapabilities, ProviderConfig, ProviderFactory } from '../../core/provider.js';
import { NO_CAPABILITIES } from '../../core/provider.js';
import { browserZone } from '../../core/time.js';
import { isoWithOffset } from '../../core/zoned.js';
import { configuredZone, inListWindow, sleep, type ZoneChoice } from '../shared.js';
import { medfusionError } from './errors.js';
import { MEDFUSION_DEFAULTS, readOptions, type MedfusionSettings } from './options.js';
import { buildAppointmentData, findDeep, parseXml, readAppointmentData, textOf, type MedfusionStatus } from './xml.js';

export { medfusionError } from './errors.js';
export { MEDFUSION_DEFAULTS, type MedfusionOptions, type MedfusionToken } from './options.js';

/** The outcome of a posted change: accepted for processing (202). */
export interface MedfusionSubmission {
  dataJobId?: string;
  messageId?: string;
  statusUrl: string;
}

export type ProcessingState = 'COMPLETED' | 'ERROR' | 'PROCESSING';

/**
 * Medfusion appointmentsdata (XML): a display-only portal feed; no slots, no booking, no patient writes. What
 * `createMedfusionProvider` makes unless the `practiceCancel` option is on.
 */
export class MedfusionFeed implements BookingProvider {
  readonly backend = 'medfusion';
  readonly capabilities: ProviderCapabilities;
  readonly phone?: string;

  private readonly http: HttpClient;
  private readonly now: () => Date;
  private readonly patientId?: string;
  protected readonly o: MedfusionSettings;
  /** Changes accepted (202) but not yet processed: appointment id -> status URL. */
  protected readonly pending = new Map<string, string>();

  constructor(config: ProviderConfig) {
    this.o = readOptions(config.options);
    this.phone = this.o.phone;
    this.now = config.now;
    this.patientId = config.patientId;
    this.capabilities = { ...NO_CAPABILITIES, listAppointments: true, cancel: this.o.practiceCancel };
    this.http = new HttpClient({
      backend: 'Medfusion',
      baseUrl: config.baseUrl || MEDFUSION_DEFAULTS.baseUrl,
      timeoutMs: this.o.timeoutMs,
      headers: { Accept: 'application/xml' },
      auth: bearerAuth(this.o.token),
      mapError: (failure) => medfusionError(failure),
    });
  }

  async listAppointments(query: AppointmentQuery, signal?: AbortSignal): Promise<Appointment[]> {
    this.requirePractice();
    const patientId = query.patientId || this.patientId;
    const response = await this.http.request<string>({
      path: this.o.listPath,
      query: { PatientId: patientId },
      expect: 'text',
      signal,
    });
    const doc = parseXml(response.body, 'an appointment list');
    const list = readAppointmentData(doc, {
      patientId,
      zoneFor: (location) => this.zoneFor(location),
      naiveTimes: this.o.naiveTimes,
      durationMinutes: this.o.durationMinutes,
      phone: this.phone,
      practiceCancel: this.o.practiceCancel,
      now: this.now,
    });
    await this.settlePending(list, signal);
    return list
      .map((a) => (this.pending.has(a.id) && a.status !== 'cancelled' ? { ...a, cancelRequested: true } : a))
      .filter((a) => inListWindow(a, query));
  }

  /** Posts AppointmentData with these appointments at these statuses; resolves on the 202. */
  async submit(
    changes: { appointment: Appointment; status: MedfusionStatus }[],
    signal?: AbortSignal,
  ): Promise<MedfusionSubmission> {
    this.requirePractice();
    const items = changes.map(({ appointment, status }) => {
      const native = appointment.native as { xml?: unknown } | undefined;
      if (typeof native?.xml !== 'string')
        throw new BookingError(
          'validation',
          'This appointment did not come from Medfusion; reload the list and try again.',
        );
      return { xml: native.xml, status };
    });
    const body = buildAppointmentData(this.o.namespace, this.sender(), items);
    const response = await this.http.request<string>({
      method: 'POST',
      path: this.o.postPath,
      body,
      headers: { 'Content-Type': this.o.contentType },
      expect: 'text',
      signal,
    });
    const doc = parseXml(response.body, 'a processing response');
    const root = doc.documentElement;
    const processing = textOf(root, 'ProcessingStatus');
    if (root.localName.toLowerCase() !== 'processingresponse') {
      throw new BookingError(
        'malformed-response',
        `Medfusion sent <${root.localName}> where a ProcessingResponse was expected.`,
      );
    }
    if (processing && !/^success/i.test(processing)) {
      throw new BookingError(
        'validation',
        textOf(root, 'ResponseMessage') ?? `Medfusion did not accept the change (${processing}).`,
        { status: response.status, backendCode: processing },
      );
    }
    const messageId = textOf(root, 'MessageId');
    const location = response.headers.get('Location');
    if (!location && !messageId)
      throw new BookingError(
        'malformed-response',
        'Medfusion accepted the change but gave no way to follow it (no Location, no MessageId).',
      );
    const statusUrl = location
      ? new URL(location, response.url).href
      : this.http.url(this.o.statusPath.replace('{messageId}', encodeURIComponent(messageId!)));
    return { dataJobId: textOf(root, 'DataJobId'), messageId, statusUrl };
  }

  /** As a BookingResult: `pending` until Medfusion has processed it. */
  pendingResult(submission: MedfusionSubmission): BookingResult {
    return {
      kind: 'pending',
      message: `Medfusion accepted the change (message ${submission.messageId ?? 'without id'}); it will be processed shortly.`,
    };
  }

  /** Reads the processing state once. ERROR becomes a BookingError with Medfusion's error text. */
  async processingState(statusUrl: string, signal?: AbortSignal): Promise<ProcessingState> {
    const response = await this.http.request<string>({ path: statusUrl, expect: 'text', signal });
    const doc = parseXml(response.body, 'a processing status');
    const stateEl = findDeep(doc.documentElement, 'State', 'ProcessingState');
    const state = stateEl?.textContent?.trim().toUpperCase();
    if (!state) throw new BookingError('malformed-response', 'Medfusion sent a processing status without a State.');
    if (state === 'ERROR' || state === 'ERRORED' || state === 'FAILED') {
      const detail = findDeep(doc.documentElement, 'Error', 'ErrorMessage', 'ResponseMessage')
        ?.textContent?.replace(/\s+/g, ' ')
        .trim();
      throw new BookingError('validation', detail || 'Medfusion could not process the change.', {
        backendCode: `State=${state}`,
      });
    }
    return state === 'COMPLETED' ? 'COMPLETED' : 'PROCESSING';
  }

  /** Polls until COMPLETED, ERROR (thrown) or `pollTimeoutMs` (returns PROCESSING). */
  async waitForProcessing(statusUrl: string, signal?: AbortSignal): Promise<ProcessingState> {
    const deadline = Date.now() + this.o.pollTimeoutMs;
    for (;;) {
      const state = await this.processingState(statusUrl, signal);
      if (state === 'COMPLETED' || Date.now() + this.o.pollIntervalMs > deadline) return state;
      await sleep(this.o.pollIntervalMs, signal);
    }
  }

  /** One status read per pending change: done ones drop out (the feed shows them), failed ones too. */
  private async settlePending(list: Appointment[], signal?: AbortSignal): Promise<void> {
    for (const [id, url] of this.pending) {
      if (list.find((a) => a.id === id)?.status === 'cancelled') {
        this.pending.delete(id);
        continue;
      }
      try {
        if ((await this.processingState(url, signal)) === 'COMPLETED') this.pending.delete(id);
      } catch (error) {
        if (signal?.aborted) throw error;
        this.pending.delete(id);
      }
    }
  }

  private sender() {
    return {
      vendorName: this.o.vendorName,
      deviceName: this.o.deviceName,
      deviceVersion: this.o.deviceVersion,
      deviceLocalTime: isoWithOffset(this.now().getTime(), this.o.timeZone ?? browserZone()),
    };
  }

  private zoneFor(location: string | undefined): ZoneChoice {
    return configuredZone([location ? this.o.locationTimeZones[location] : undefined, this.o.timeZone]);
  }

  private requirePractice(): void {
    if (!this.o.practiceId)
      throw new BookingError(
        'validation',
        'The medfusion backend needs options.practiceId (the practice integration id).',
      );
  }
}

/** The feed plus the practice-side cancel: what `createMedfusionProvider` makes with `practiceCancel` on. */
export class MedfusionProvider extends MedfusionFeed {
  /**
   * Practice-side cancel (option `practiceCancel`): posts the appointment again with Status CANCEL, then
   * polls the processing status. COMPLETED → cancelled; ERROR → an error with Medfusion's text; still
   * processing after `pollTimeoutMs` → returned with `cancelRequested` (pending), settled on a later list.
   */
  async cancel(appointment: Appointment, signal?: AbortSignal): Promise<Appointment> {
    // Only reachable when the class is built directly without the option; the factory never does that.
    if (!this.o.practiceCancel)
      throw new BookingError('not-supported', 'Appointments are cancelled by the practice. Please call the practice.');
    if (appointment.status === 'cancelled') return appointment;
    const submission = await this.submit([{ appointment, status: 'CANCEL' }], signal);
    this.pending.set(appointment.id, submission.statusUrl);
    const state = await this.waitForProcessing(submission.statusUrl, signal);
    if (state === 'PROCESSING') return { ...appointment, cancelRequested: true };
    this.pending.delete(appointment.id);
    return { ...appointment, status: 'cancelled', cancel: 'none', cancelRequested: false };
  }
}

// Without `practiceCancel` the adapter has no cancel at all, rather than one that only refuses.
export const createMedfusionProvider: ProviderFactory = (config) =>
  readOptions(config.options).practiceCancel ? new MedfusionProvider(config) : new MedfusionFeed(config);
export default createMedfusionProvider;
