import { wallClock } from '../../core/zoned.js';
import { BookingError } from '../../core/errors.js';
import { HttpClient, type HttpFailure } from '../../core/http.js';
import type { Appointment, AppointmentQuery } from '../../core/model.js';
import type { BookingProvider, ProviderCapabilities, ProviderConfig, ProviderFactory } from '../../core/provider.js';
import { NO_CAPABILITIES } from '../../core/provider.js';
import { byStart, inListWindow } from '../shared.js';
import { isFault, kpError } from './errors.js';
import { parseLenientJson } from './lenient-json.js';
import { appointmentArray, clean, contactId, toAppointment } from './mapping.js';
import { KP_DEFAULTS, readOptions, type ResolvedOptions } from './options.js';
import type { KpAppointment } from './wire.js';

export type { KpAppointment, KpFault } from './wire.js';
export type { KpMycareOptions, KpSessionGetter } from './options.js';
export { KP_DEFAULTS } from './options.js';
export { kpError } from './errors.js';

/** Kaiser Permanente mycare appointments API v1.0: list, confirm, and cancel directly or by request. */
export class KpMycareProvider implements BookingProvider {
  readonly backend = 'kp-mycare';
  readonly capabilities: ProviderCapabilities;
  /** Cancel directly or by request: only an own method where `cancelPath` is set, else left out entirely. */
  declare readonly cancel?: (appointment: Appointment, signal?: AbortSignal) => Promise<Appointment>;

  private readonly options: ResolvedOptions;
  private readonly http: HttpClient;
  private readonly now: () => Date;
  /** The newest session: the host's, replaced by the fresh one KP sends back on every response. */
  private session: string | undefined;
  private learnedPhone: string | undefined;
  /** Calls run one at a time, so each one sends the session the previous answer handed back. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(config: ProviderConfig) {
    this.options = readOptions(config.options);
    this.now = config.now;
    const { cancelPath } = this.options;
    // Every call carries the member's own SSO session (`ssoession`, seed 000): a signed-in member only.
    this.capabilities = {
      ...NO_CAPABILITIES,
      listAppointments: true,
      confirm: true,
      cancel: cancelPath !== null,
      signIn: true,
    };
    if (cancelPath !== null) this.cancel = (appointment, signal) => this.cancelAt(cancelPath, appointment, signal);
    const o = this.options;
    const headers: Record<string, string> = {
      'X-useragentcategory': o.userAgentCategory,
      'X-osversion': o.osVersion,
      'X-useragenttype': o.userAgentType,
      'X-appName': o.appName,
      ...o.headers,
    };
    if (o.apiKey) headers['X-apiKey'] = o.apiKey;
    this.http = new HttpClient({
      backend: 'KP',
      baseUrl: config.baseUrl || KP_DEFAULTS.baseUrl,
      timeoutMs: o.timeoutMs,
      headers,
      auth: (refresh) => this.authHeaders(refresh),
      onResponse: (response) => this.rotate(response),
      mapError: (failure: HttpFailure) => kpError(failure.status, failure.json, failure.text),
    });
  }

  /** The clinic's phone: the option, else the Scheduling (or General) phone of the last department seen. */
  get phone(): string | undefined {
    return this.options.phone ?? this.learnedPhone;
  }

  async listAppointments(query: AppointmentQuery, signal?: AbortSignal): Promise<Appointment[]> {
    const paths = [this.options.futurePath, ...(this.options.pastPath ? [this.options.pastPath] : [])];
    const lists = [];
    // One after the other: each answer rotates the session the next call uses.
    for (const path of paths) lists.push(await this.fetchList(path, signal));
    const byId = new Map<string, Appointment>();
    for (const appointment of lists.flat()) if (!byId.has(appointment.id)) byId.set(appointment.id, appointment);
    return [...byId.values()].filter((a) => inListWindow(a, query)).sort(byStart);
  }

  async confirm(appointment: Appointment, signal?: AbortSignal): Promise<Appointment> {
    const native = this.nativeOf(appointment);
    if (!appointment.canConfirm) throw new BookingError('validation', 'This appointment is already confirmed.');
    const o = this.options;
    // The page's "JSON Request Body": `"Appointments": [ … ]`, in its braces.
    const body = await this.call(o.confirmMethod, o.confirmPath, { Appointments: [native] }, signal);
    const answer = this.answer(body, 'ConfirmAppointmentResponse');
    if (answer !== true) {
      throw new BookingError('unknown', 'KP did not confirm this appointment. Please call the clinic.', {
        backendCode: 'ConfirmAppointmentResponse=false',
      });
    }
    const localNow = wallClock(this.now().getTime(), appointment.timeZone);
    return {
      ...appointment,
      canConfirm: false,
      confirmedAt: this.now().toISOString(),
      native: { ...native, ConfirmInstant: localNow },
    };
  }

  /** Cancels directly or by request (`{cancelMethod} {cancelPath}`); only where `cancelPath` is not null. */
  private async cancelAt(path: string, appointment: Appointment, signal?: AbortSignal): Promise<Appointment> {
    const native = this.nativeOf(appointment);
    const o = this.options;
    if (appointment.cancel === 'none') {
      throw new BookingError('not-supported', 'This appointment cannot be cancelled online. Please call the clinic.');
    }
    if (appointment.status === 'cancelled') return appointment;
    const direct = appointment.cancel === 'direct';
    const body = await this.call(
      o.cancelMethod,
      path,
      {
        Appointments: [native],
        CancelType: direct ? 'Direct' : 'Request',
        Reason: o.cancelReason,
        Comments: '',
      },
      signal,
    );
    const answer = this.answer(body, 'CancelAppointmentResponse');
    if (answer !== true) {
      throw new BookingError('unknown', 'KP did not cancel this appointment. Please call the clinic.', {
        backendCode: 'CancelAppointmentResponse=false',
      });
    }
    return direct
      ? {
          ...appointment,
          status: 'cancelled',
          canConfirm: false,
          cancel: 'none',
          native: { ...native, IsCanceled: true, CancelRequestSent: true },
        }
      : { ...appointment, cancelRequested: true, native: { ...native, CancelRequestSent: true } };
  }

  /** Runs one HTTP exchange after the previous one has finished (KP rotates the session on every answer). */
  private serial<T>(work: () => Promise<T>): Promise<T> {
    const result = this.queue.then(work, work);
    this.queue = result.catch(() => undefined);
    return result;
  }

  private async fetchList(path: string, signal?: AbortSignal): Promise<Appointment[]> {
    const response = await this.serial(() => this.http.request<string>({ path, signal, expect: 'text' }));
    let body: unknown;
    try {
      body = response.body.trim() === '' ? { Appointments: [] } : parseLenientJson(response.body);
    } catch (cause) {
      throw new BookingError('malformed-response', 'KP sent an appointment list that is not valid JSON.', {
        cause,
        status: response.status,
      });
    }
    if (isFault(body)) throw kpError(response.status, body);
    const items = appointmentArray(body);
    const appointments = items.map((item, index) =>
      toAppointment(item, index, {
        contactIdType: this.options.contactIdType,
        timeZone: this.options.timeZone,
        now: this.now,
        cancelOffered: this.options.cancelPath !== null,
      }),
    );
    const phone = appointments.map((a) => a.location?.phone).find((p) => !!p);
    if (phone) this.learnedPhone = phone;
    return appointments;
  }

  /** One write call with `X-apptContactId`; returns the parsed JSON answer. */
  private async call(method: string, path: string, payload: unknown, signal?: AbortSignal): Promise<unknown> {
    const id = contactId(
      payload && typeof payload === 'object' && 'Appointments' in payload
        ? ((payload as { Appointments: KpAppointment[] }).Appointments[0] ?? {})
        : (payload as KpAppointment),
      this.options.contactIdType,
    );
    if (!id) throw new BookingError('validation', 'This appointment has no contact id KP could identify it by.');
    const response = await this.serial(() =>
      this.http.request<string>({
        method,
        path,
        signal,
        headers: { 'X-apptContactId': id },
        body: method === 'GET' || method === 'HEAD' ? undefined : payload,
        expect: 'text',
      }),
    );
    const body = this.http.parseJson(response.body);
    if (isFault(body)) throw kpError(response.status, body);
    return body;
  }

  /** Reads `{"<key>": true}`; anything else is an answer careslot cannot read. */
  private answer(body: unknown, key: string): boolean {
    if (body && typeof body === 'object' && !Array.isArray(body)) {
      const found = Object.entries(body).find(([k]) => k.toLowerCase() === key.toLowerCase() || k === 'result');
      if (found && typeof found[1] === 'boolean') return found[1];
      if (found && (found[1] === 'true' || found[1] === 'false')) return found[1] === 'true';
    }
    throw new BookingError(
      'malformed-response',
      `KP answered without "${key}"; careslot cannot tell whether it worked. Please reload your appointments.`,
    );
  }

  private nativeOf(appointment: Appointment): KpAppointment {
    const native = appointment.native;
    if (!native || typeof native !== 'object') {
      throw new BookingError(
        'validation',
        'This appointment did not come from KP mycare; reload the list and try again.',
      );
    }
    return native as KpAppointment;
  }

  private async authHeaders(refresh: boolean): Promise<Record<string, string>> {
    if (refresh || !this.session) {
      const getter = this.options.getSession;
      if (!getter) throw new BookingError('auth-expired', 'No KP session: the host page must pass options.getSession.');
      this.session = clean(await getter({ refresh }));
    }
    return this.session ? { [this.options.sessionHeader]: this.session } : {};
  }

  /** KP answers every call with a fresh session header; the next call sends that one. */
  private rotate(response: Response): void {
    if (response.status === 401) return;
    const fresh = clean(response.headers.get(this.options.sessionHeader));
    if (fresh) this.session = fresh;
  }
}

export const createKpMycareProvider: ProviderFactory = (config) => new KpMycareProvider(config);
export default createKpMycareProvider;
