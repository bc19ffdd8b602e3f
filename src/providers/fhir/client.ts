import { BookingError } from '../../core/errors.js';
import { HttpClient, bearerAuth, type HttpRequest } from '../../core/http.js';
import { FHIR_JSON } from '../fhir-common/http.js';
import {
  isResource,
  sameOriginNext,
  type Bundle,
  type CapabilityStatement,
  type FhirResource,
} from '../fhir-common/index.js';
import { isRecord, malformedAnswer, withSignal } from '../shared.js';
import { fhirError, isErrorOutcome, mapFhirError } from './errors.js';
import type { ResolvedFhirOptions } from './options.js';

/**
 * How the `fhir` adapter talks to one server: the HTTP client, what the CapabilityStatement offers, searches
 * that follow Bundle `next` links, and the Practitioners and Locations read so far.
 */

export { FHIR_JSON, createdId, etagVersion, ifMatch } from '../fhir-common/http.js';

/** What the server's CapabilityStatement says this adapter may use. */
export interface ServerFeatures {
  /** Argonaut `$hold` and `$book` on Appointment. */
  operations: boolean;
  /** `_include` of Schedule actors / Appointment practitioner and location. */
  scheduleInclude: boolean;
  appointmentInclude: string[];
  patch: boolean;
  conditionalCreate: boolean;
  /** `Patient/$match` (MPI matching) is offered. */
  match: boolean;
  /** POST Patient honours If-None-Exist. */
  patientConditionalCreate: boolean;
}

export function malformed(what: string): BookingError {
  return malformedAnswer('The FHIR server', what);
}

/** An operation named `hold` (or `$hold`, `appointment-hold`, `Patient-match`), or defined by a URL ending so. */
function operationNamed(op: { name?: string; definition?: string }, name: string): boolean {
  const named = new RegExp(`(^\\$?|[/-])${name}$`, 'i');
  return named.test(op.name ?? '') || named.test(op.definition ?? '');
}

/** What a CapabilityStatement offers; nothing for anything else (a server without one gets plain REST). */
function readFeatures(statement: unknown): ServerFeatures {
  const rests =
    isResource<CapabilityStatement>(statement, 'CapabilityStatement') && Array.isArray(statement.rest)
      ? statement.rest
      : [];
  const rest = rests.find((r) => r?.mode !== 'client') ?? rests[0];
  const resources = Array.isArray(rest?.resource) ? rest.resource : [];
  const of = (type: string) => resources.find((r) => r?.type === type);
  const appointment = of('Appointment');
  const schedule = of('Schedule');
  const patient = of('Patient');
  const ops = [...(appointment?.operation ?? []), ...(rest?.operation ?? [])];
  const includes = (r: typeof schedule) => (Array.isArray(r?.searchInclude) ? r.searchInclude : []);
  return {
    operations: ops.some((o) => operationNamed(o, 'hold')) && ops.some((o) => operationNamed(o, 'book')),
    scheduleInclude: includes(schedule).some((i) => i === '*' || i === 'Schedule:actor'),
    appointmentInclude: includes(appointment).filter((i) => /^Appointment:(practitioner|location|actor)$/.test(i)),
    patch: (appointment?.interaction ?? []).some((i) => i?.code === 'patch'),
    conditionalCreate: appointment?.conditionalCreate === true,
    match: [...(patient?.operation ?? []), ...(rest?.operation ?? [])].some((o) => operationNamed(o, 'match')),
    patientConditionalCreate: patient?.conditionalCreate === true,
  };
}

export class FhirClient {
  readonly http: HttpClient;
  private known: ServerFeatures | undefined;
  private featuresRequest: Promise<ServerFeatures> | undefined;
  /** Practitioners and Locations by `Type/id`, for the life of this provider. */
  private readonly actors = new Map<string, Promise<FhirResource | undefined>>();

  constructor(
    baseUrl: string,
    private readonly options: ResolvedFhirOptions,
  ) {
    this.http = new HttpClient({
      baseUrl,
      backend: 'The FHIR server',
      timeoutMs: options.timeoutMs,
      headers: { Accept: FHIR_JSON, ...options.headers },
      auth: bearerAuth(options.token),
      mapError: mapFhirError,
    });
  }

  /** Known once the CapabilityStatement was read (on the first call). */
  get features(): ServerFeatures | undefined {
    return this.known;
  }

  /** Whether to use `$hold`/`$book`: the `operations` option, else what the server offers. */
  useOperations(features: ServerFeatures | undefined): boolean {
    if (this.options.operations === 'always') return true;
    if (this.options.operations === 'never') return false;
    return !!features?.operations;
  }

  /** Reads `metadata` once. A server without one gets plain REST; a failure that may pass is not cached. */
  async serverFeatures(signal?: AbortSignal): Promise<ServerFeatures> {
    if (this.known) return this.known;
    this.featuresRequest ??= this.http
      .request<unknown>({ path: 'metadata' })
      .then((response) => readFeatures(response.body))
      .catch((error: unknown) => {
        if (error instanceof BookingError && /^(not-found|not-supported|validation|forbidden)$/.test(error.kind))
          return readFeatures(undefined);
        throw error;
      })
      .then((features) => (this.known = features))
      .finally(() => (this.featuresRequest = undefined));
    return withSignal(this.featuresRequest, signal);
  }

  /**
   * One search, following Bundle `next` links up to `maxPages`. Links are only followed on the server's
   * own origin, so the bearer token never goes anywhere else.
   */
  async search<T extends FhirResource>(
    type: T['resourceType'],
    query: HttpRequest['query'],
    signal?: AbortSignal,
    maxPages = this.options.maxPages,
  ): Promise<{ matches: T[]; included: FhirResource[] }> {
    const matches: T[] = [];
    const included: FhirResource[] = [];
    const base = this.http.url('');
    let request: HttpRequest = { path: type, query, signal };
    for (let page = 0; page < maxPages; page++) {
      const response = await this.http.request<unknown>(request);
      const bundle = response.body;
      if (isErrorOutcome(bundle)) throw fhirError(bundle, response.status);
      if (!isResource<Bundle>(bundle, 'Bundle')) throw malformed(`a ${type} search answer that is not a Bundle`);
      for (const entry of bundle.entry ?? []) {
        const resource = entry?.resource;
        if (!isRecord(resource) || typeof resource.resourceType !== 'string') continue;
        if (resource.resourceType === type && entry.search?.mode !== 'include') matches.push(resource as T);
        else if (resource.resourceType !== 'OperationOutcome') included.push(resource as FhirResource);
      }
      const next = sameOriginNext(bundle, base, 'The FHIR server');
      if (!next) break;
      request = { path: new URL(next, base).href, signal };
    }
    return { matches, included };
  }

  /** Keeps a Practitioner or Location that came along with a search (`_include`). */
  remember(resource: FhirResource): void {
    if ((resource.resourceType === 'Practitioner' || resource.resourceType === 'Location') && resource.id) {
      this.actors.set(`${resource.resourceType}/${resource.id}`, Promise.resolve(resource));
    }
  }

  /** Reads a Practitioner or Location once per provider; a missing one is left out, a failure is not cached. */
  async actor<T extends FhirResource>(
    type: T['resourceType'],
    id: string,
    signal?: AbortSignal,
  ): Promise<T | undefined> {
    const key = `${type}/${id}`;
    let pending = this.actors.get(key);
    if (!pending) {
      pending = this.http
        .request<unknown>({ path: key })
        .then((r) => (isResource<T>(r.body, type) ? r.body : undefined))
        .catch((error: unknown) => {
          this.actors.delete(key);
          if (error instanceof BookingError && error.kind === 'not-found') return undefined;
          throw error;
        });
      this.actors.set(key, pending);
    }
    return (await withSignal(pending, signal)) as T | undefined;
  }
}
