import { BookingError, DEFAULT_MESSAGES, kindForStatus } from './errors.js';

/** What an adapter asks of one HTTP call. */
export interface HttpRequest {
  method?: string;
  /** Relative to the client's base URL, or absolute. */
  path: string;
  query?: Record<string, string | number | boolean | undefined | readonly string[]>;
  headers?: Record<string, string>;
  /** Objects are sent as JSON; strings as they are (set a content-type header for XML). */
  body?: unknown;
  signal?: AbortSignal;
  /** How to read a successful body. Default `json`. `none` skips reading. */
  expect?: 'json' | 'text' | 'none';
  /** Override the client's timeout for this call. */
  timeoutMs?: number;
  /** The request must outlive the page (sent on `pagehide`): fetch `keepalive`. */
  keepalive?: boolean;
}

export interface HttpResponse<T = unknown> {
  status: number;
  headers: Headers;
  /** Parsed body (`json`), text (`text`), or undefined (`none`, or an empty body). */
  body: T;
  url: string;
}

/** A non-2xx answer, handed to the adapter's error mapper with its body already read. */
export interface HttpFailure {
  status: number;
  statusText: string;
  headers: Headers;
  text: string;
  /** The body parsed as JSON when it is JSON, else undefined. */
  json: unknown;
  url: string;
}

export interface HttpClientOptions {
  baseUrl: string;
  /** Per-call time limit. Default 15 s. */
  timeoutMs?: number;
  /** Headers for every call (API keys, device headers). */
  headers?: Record<string, string>;
  /**
   * Auth headers for a call, e.g. `{ Authorization: 'Bearer …' }`. Called with `refresh: true` once after
   * a 401; a second 401 becomes `auth-expired`.
   */
  auth?: (refresh: boolean) => Promise<Record<string, string>>;
  /** Maps a vendor error body to a BookingError; return undefined to use the default mapping. */
  mapError?: (failure: HttpFailure) => BookingError | undefined;
  /** Reads every response, failed or not (e.g. KP's rotated session header). */
  onResponse?: (response: Response) => void;
  /** Name of the backend, for error messages. */
  backend: string;
  fetch?: typeof fetch;
}

/** The fetch helper every adapter shares: base URL, timeout, abort, auth refresh, JSON and error mapping. */
export class HttpClient {
  constructor(private readonly options: HttpClientOptions) {}

  /** Resolves a path against the base URL and appends query parameters. */
  url(path: string, query?: HttpRequest['query']): string {
    const base = this.options.baseUrl.endsWith('/') ? this.options.baseUrl : `${this.options.baseUrl}/`;
    const url = new URL(path.replace(/^\//, ''), new URL(base, globalThis.location?.href));
    for (const [key, value] of Object.entries(query ?? {})) {
      if (value === undefined) continue;
      const values: readonly (string | number | boolean)[] = Array.isArray(value) ? value : [value as string];
      for (const v of values) url.searchParams.append(key, String(v));
    }
    return url.href;
  }

  async request<T = unknown>(request: HttpRequest): Promise<HttpResponse<T>> {
    let response = await this.send(request, false);
    if (response.status === 401 && this.options.auth) response = await this.send(request, true);
    if (!response.ok) throw await this.failure(response);
    const expect = request.expect ?? 'json';
    if (expect === 'none')
      return { status: response.status, headers: response.headers, body: undefined as T, url: response.url };
    const text = await this.readText(response, request.signal);
    if (expect === 'text')
      return { status: response.status, headers: response.headers, body: text as T, url: response.url };
    return { status: response.status, headers: response.headers, body: this.parseJson(text) as T, url: response.url };
  }

  /** Like request, but hands back the unread Response of a 2xx (for streaming NDJSON). */
  async stream(request: HttpRequest): Promise<Response> {
    let response = await this.send(request, false);
    if (response.status === 401 && this.options.auth) response = await this.send(request, true);
    if (!response.ok) throw await this.failure(response);
    return response;
  }

  /** Parses JSON text; an empty body is `undefined`, a broken one a `malformed-response` error. */
  parseJson(text: string): unknown {
    if (text.trim() === '') return undefined;
    try {
      return JSON.parse(text);
    } catch (cause) {
      throw new BookingError('malformed-response', `${this.options.backend} sent a response that is not valid JSON.`, {
        cause,
      });
    }
  }

  private async send(request: HttpRequest, refresh: boolean): Promise<Response> {
    const { signal } = request;
    signal?.throwIfAborted();
    const timeoutMs = request.timeoutMs ?? this.options.timeoutMs ?? 15_000;
    const timeout = AbortSignal.timeout(timeoutMs);
    const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
    const headers: Record<string, string> = { Accept: 'application/json', ...this.options.headers, ...request.headers };
    let body: BodyInit | undefined;
    if (typeof request.body === 'string') body = request.body;
    else if (request.body !== undefined) {
      body = JSON.stringify(request.body);
      headers['Content-Type'] ??= 'application/json';
    }
    try {
      if (this.options.auth) Object.assign(headers, await this.options.auth(refresh));
      signal?.throwIfAborted();
      const doFetch = this.options.fetch ?? globalThis.fetch.bind(globalThis);
      const response = await doFetch(this.url(request.path, request.query), {
        method: request.method ?? 'GET',
        headers,
        body,
        signal: combined,
        credentials: 'omit',
        ...(request.keepalive ? { keepalive: true } : {}),
      });
      this.options.onResponse?.(response);
      return response;
    } catch (error) {
      throw this.transportError(error, signal, timeout, timeoutMs);
    }
  }

  private async readText(response: Response, signal: AbortSignal | undefined): Promise<string> {
    try {
      return await response.text();
    } catch (error) {
      throw this.transportError(error, signal, undefined, 0);
    }
  }

  private transportError(
    error: unknown,
    signal: AbortSignal | undefined,
    timeout: AbortSignal | undefined,
    ms: number,
  ): unknown {
    if (signal?.aborted) return signal.reason ?? error;
    if (error instanceof BookingError) return error;
    if (timeout?.aborted) {
      return new BookingError(
        'timeout',
        `${this.options.backend} did not answer within ${ms < 1000 ? `${ms} ms` : `${Math.round(ms / 100) / 10} s`}.`,
        {
          cause: error,
        },
      );
    }
    return new BookingError('network', DEFAULT_MESSAGES.network, { cause: error });
  }

  private async failure(response: Response): Promise<BookingError> {
    let text = '';
    try {
      text = await response.text();
    } catch {
      // The status alone still says enough.
    }
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    const failure: HttpFailure = {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
      text,
      json,
      url: response.url,
    };
    const mapped = this.options.mapError?.(failure);
    if (mapped) return mapped;
    const kind = kindForStatus(response.status);
    return new BookingError(kind, DEFAULT_MESSAGES[kind], { status: response.status });
  }
}

/** Turns an adapter's token option (string or async getter) into the client's `auth` hook. */
export function bearerAuth(
  token: string | ((options: { refresh: boolean }) => string | Promise<string>) | undefined,
): HttpClientOptions['auth'] {
  if (token === undefined) return undefined;
  return async (refresh): Promise<Record<string, string>> => {
    const value = typeof token === 'function' ? await token({ refresh }) : token;
    return value ? { Authorization: `Bearer ${value}` } : {};
  };
}
