import { DateTime } from 'luxon';
import { BookingError, DEFAULT_MESSAGES, kindForStatus, type BookingErrorKind } from '../../core/errors.js';
import { HttpClient, type HttpFailure } from '../../core/http.js';
import type { Appointment, AppointmentQuery } from '../../core/model.js';
import type { BookingProvider, ProviderCapabilities, ProviderConfig, ProviderFactory } from '../../core/provider.js';
import { NO_CAPABILITIES } from '../../core/provider.js';
import { byStart, inListWindow, trimmed as str } from '../shared.js';
import {
  appointmentArray,
  clean,
  contactId,
  isFault,
  parseLenientJson,
  toAppointment,
  type KpAppointment,
  type KpFault,
} from './wire.js';

export type { KpAppointment, KpFault } from './wire.js';

/** Hands the adapter the member's SSO session (the value of the `ssoession` header). */
export type KpSessionGetter = (options: { refresh: boolean }) => string | Promise<string>;

/**
 * Options of the `kp-mycare` backend (`<booking-provider>.options`). Only `getSession` and `apiKey` are
 * needed against the real API; everything else has a documented default. See docs/backends/kp-mycare.md.
 */
export interface KpMycareOptions {
  /** The member's single-sign-on session. Called again with `refresh: true` once after a 401. */
  getSession?: KpSessionGetter;
  /** `X-apiKey`. */
  apiKey?: string;
  /** `X-appName`. Default `careslot`. */
  appName?: string;
  /** `X-useragentcategory`: I = iOS, A = Android, M = mobile web. Default `M`. */
  userAgentCategory?: string;
  /** `X-useragenttype`. Default `Browser`. */
  userAgentType?: string;
  /** `X-osversion`. Default `1.0`. */
  osVersion?: string;
  /** Name of the session header. Default `ssoession` (as documented); KP's sibling APIs spell it `ssosession`. */
  sessionHeader?: string;
  /** Replaces `{version}` in the paths. Default `v1.0`. */
  apiVersion?: string;
  /** Get Future Appointments. Default `mycare/appointments/{version}/future`. */
  futurePath?: string;
  /** Past appointments; `null` (default) does not ask for them. */
  pastPath?: string | null;
  /** Confirm Appointment. Default `mycare/appointments/{version}/confirmation`. */
  confirmPath?: string;
  /** Default `POST` (the page says GET, its 404 text says POST only). */
  confirmMethod?: string;
  /** Cancel (direct or by request). Default `mycare/appointments/{version}/cancellation`; `null` turns cancel off. */
  cancelPath?: string | null;
  /** Default `POST`. */
  cancelMethod?: string;
  /** Reason sent with a cancellation. Default `Cancelled by the patient online`. */
  cancelReason?: string;
  /** Which `ContactIDs` type is `X-apptContactId`. Default `CSN`. */
  contactIdType?: string;
  /** Phone number for "Online booking is not offered". Default: the department's Scheduling (else General) phone. */
  phone?: string;
  /** Clinic zone when `OfficialTimeZone.Title` is missing. Default: the browser's zone. */
  timeZone?: string;
  /** Per-call time limit in ms. Default 15000. */
  timeoutMs?: number;
  /** Extra headers on every call. */
  headers?: Record<string, string>;
}

interface ResolvedOptions {
  getSession?: KpSessionGetter;
  apiKey?: string;
  appName: string;
  userAgentCategory: string;
  userAgentType: string;
  osVersion: string;
  sessionHeader: string;
  futurePath: string;
  pastPath: string | null;
  confirmPath: string;
  confirmMethod: string;
  cancelPath: string | null;
  cancelMethod: string;
  cancelReason: string;
  contactIdType: string;
  phone?: string;
  timeZone?: string;
  timeoutMs?: number;
  headers: Record<string, string>;
}

export const KP_DEFAULTS = {
  baseUrl: 'https://api.kaiserpermanente.org',
  appName: 'careslot',
  userAgentCategory: 'M',
  userAgentType: 'Browser',
  osVersion: '1.0',
  sessionHeader: 'ssoession',
  apiVersion: 'v1.0',
  futurePath: 'mycare/appointments/{version}/future',
  confirmPath: 'mycare/appointments/{version}/confirmation',
  confirmMethod: 'POST',
  cancelPath: 'mycare/appointments/{version}/cancellation',
  cancelMethod: 'POST',
  cancelReason: 'Cancelled by the patient online',
  contactIdType: 'CSN',
} as const;

/** What the page's "Response Codes" table says, used when the body has no Fault. */
const STATUS_TEXT: Record<number, string> = {
  401: 'Unauthorized; invalid ssoSession or ObSSOCookie.',
  403: 'Unauthorized; invalid ssoSession or ObSSOCookie.',
  404: 'Method not supported/ resource not found.',
  405: 'Method not supported.',
  412: 'Invalid data.',
  500: 'Internal server error.',
  503: 'Referenced service not available.',
};

function pathOption(value: unknown, fallback: string, version: string): string {
  return (str(value) ?? fallback).replace('{version}', version);
}

function readOptions(raw: Record<string, unknown>): ResolvedOptions {
  const version = str(raw.apiVersion) ?? KP_DEFAULTS.apiVersion;
  const headers: Record<string, string> = {};
  if (raw.headers && typeof raw.headers === 'object') {
    for (const [k, v] of Object.entries(raw.headers as Record<string, unknown>))
      if (typeof v === 'string') headers[k] = v;
  }
  return {
    getSession: typeof raw.getSession === 'function' ? (raw.getSession as KpSessionGetter) : undefined,
    apiKey: str(raw.apiKey),
    appName: str(raw.appName) ?? KP_DEFAULTS.appName,
    userAgentCategory: str(raw.userAgentCategory) ?? KP_DEFAULTS.userAgentCategory,
    userAgentType: str(raw.userAgentType) ?? KP_DEFAULTS.userAgentType,
    osVersion: str(raw.osVersion) ?? KP_DEFAULTS.osVersion,
    sessionHeader: str(raw.sessionHeader) ?? KP_DEFAULTS.sessionHeader,
    futurePath: pathOption(raw.futurePath, KP_DEFAULTS.futurePath, version),
    pastPath: str(raw.pastPath) ? pathOption(raw.pastPath, '', version) : null,
    confirmPath: pathOption(raw.confirmPath, KP_DEFAULTS.confirmPath, version),
    confirmMethod: (str(raw.confirmMethod) ?? KP_DEFAULTS.confirmMethod).toUpperCase(),
    cancelPath: raw.cancelPath === null ? null : pathOption(raw.cancelPath, KP_DEFAULTS.cancelPath, version),
    cancelMethod: (str(raw.cancelMethod) ?? KP_DEFAULTS.cancelMethod).toUpperCase(),
    cancelReason: str(raw.cancelReason) ?? KP_DEFAULTS.cancelReason,
    contactIdType: str(raw.contactIdType) ?? KP_DEFAULTS.contactIdType,
    phone: str(raw.phone),
    timeZone: str(raw.timeZone),
    timeoutMs: typeof raw.timeoutMs === 'number' && raw.timeoutMs > 0 ? raw.timeoutMs : undefined,
    headers,
  };
}

/** Maps a KP answer that failed (or a 200 carrying a Fault) to a BookingError with KP's own words. */
export function kpError(status: number, body: unknown, text = ''): BookingError {
  const fault = isFault(body) ? (body as KpFault).Fault : undefined;
  const faultText = str(fault?.faultstring);
  const plain = !fault && text && text.length < 300 && !/[<{]/.test(text.trim()[0] ?? '') ? text.trim() : undefined;
  const message = faultText ?? plain ?? STATUS_TEXT[status];
  // The kind is read from what KP said, not from the page's generic text for the status.
  const lower = (faultText ?? plain ?? '').toLowerCase();
  let kind: BookingErrorKind;
  switch (status) {
    case 401:
      kind = 'auth-expired';
      break;
    case 403:
      // The page lists 403 with 401 (invalid session); KP's sibling APIs use 403 for "User is not entitled".
      kind = /session|cookie|sso|expired/.test(lower) ? 'auth-expired' : 'forbidden';
      break;
    case 404:
      // 404 is documented as "Method not supported/ resource not found".
      kind = /method|only supports/.test(lower) ? 'not-supported' : 'not-found';
      break;
    case 405:
      kind = 'not-supported';
      break;
    case 400:
    case 412:
      kind = 'validation';
      break;
    case 200:
      kind = 'upstream-unavailable';
      break;
    default:
      kind = kindForStatus(status);
  }
  const code = str(fault?.faultcode);
  const type = str(fault?.detail?.FaultType?.Type);
  return new BookingError(kind, message ?? DEFAULT_MESSAGES[kind], {
    status,
    backendCode: code && type ? `${code} (${type})` : (code ?? type),
  });
}

/** Kaiser Permanente mycare appointments API v1.0: list, confirm, and cancel directly or by request. */
export class KpMycareProvider implements BookingProvider {
  readonly backend = 'kp-mycare';
  readonly capabilities: ProviderCapabilities;

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
    this.capabilities = {
      ...NO_CAPABILITIES,
      listAppointments: true,
      confirm: true,
      cancel: this.options.cancelPath !== null,
    };
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
    const body = await this.call(o.confirmMethod, o.confirmPath, native, signal);
    const answer = this.answer(body, 'ConfirmAppointmentResponse');
    if (answer !== true) {
      throw new BookingError('unknown', 'KP did not confirm this appointment. Please call the clinic.', {
        backendCode: 'ConfirmAppointmentResponse=false',
      });
    }
    const localNow = DateTime.fromJSDate(this.now()).setZone(appointment.timeZone).toFormat("yyyy-MM-dd'T'HH:mm:ss");
    return {
      ...appointment,
      canConfirm: false,
      confirmedAt: this.now().toISOString(),
      native: { ...native, ConfirmInstant: localNow },
    };
  }

  async cancel(appointment: Appointment, signal?: AbortSignal): Promise<Appointment> {
    const native = this.nativeOf(appointment);
    const o = this.options;
    if (o.cancelPath === null || appointment.cancel === 'none') {
      throw new BookingError('not-supported', 'This appointment cannot be cancelled online. Please call the clinic.');
    }
    if (appointment.status === 'cancelled') return appointment;
    const direct = appointment.cancel === 'direct';
    const body = await this.call(
      o.cancelMethod,
      o.cancelPath,
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
