import type { BookingError } from '../../core/errors.js';
import type { VisitMode } from '../../core/model.js';
import type { FhirCoding, FhirExtension } from '../fhir-common/index.js';
import { checkZone, checkZoneMap, horizonOption, isRecord, optionError } from '../shared.js';

/**
 * Options of the `canvas` backend (Canvas Medical FHIR API, "fumage"). See docs/backends/canvas.md.
 */
export interface CanvasOptions {
  /**
   * The OAuth bearer token, or a getter for it. The getter is called with `refresh: true` once after a 401;
   * a second 401 becomes `auth-expired`. Never logged.
   */
  getToken?: string | ((options: { refresh: boolean }) => string | Promise<string>);
  /**
   * IANA zone per clinic, keyed by Canvas Location id (uuid) or by the number in a schedule id (`Location.1-…` →
   * `"1"`); with `scheduleLocations` linking the two, either key serves slots and appointments alike.
   */
  locationTimeZones?: Record<string, string>;
  /** Zone for a clinic without an entry in `locationTimeZones`. Default: the browser's zone (flagged as a guess). */
  defaultTimeZone?: string;
  /** Maps the number in a schedule id (`Location.1-Staff.…`) to the Location uuid it stands for. */
  scheduleLocations?: Record<string, string>;
  /** Slot length asked of Canvas (`duration`), in minutes. Default 20 (Canvas' own default). */
  durationMinutes?: number;
  /** Appointment type sent with a booking (Canvas note type coding). Default: the instance's default type. */
  appointmentType?: FhirCoding;
  /**
   * The scheduleable note types patients may choose (Settings > Note types: system, code and display; Canvas' FHIR
   * API cannot list them). With them the adapter lists visit types; a chosen one is sent with the booking, its
   * `durationMinutes` is asked of Canvas, and a `telehealth` one is a video visit.
   */
  appointmentTypes?: CanvasAppointmentType[];
  /** How many days ahead the clinic books (the elements offer no later days). Default: not said. */
  horizonDays?: number;
  /** Status of a new booking: `booked` (Canvas "confirmed", default) or `proposed` (Canvas "unconfirmed"). */
  bookedStatus?: 'booked' | 'proposed';
  /** How patients attend the offered slots. Default `in-person`. */
  visitMode?: VisitMode;
  /** `_count` per page of an Appointment search (Canvas allows up to 100). Default 100. */
  pageSize?: number;
  /** Per-call time limit in ms. Default 15000. */
  timeoutMs?: number;
  /** Phone number shown where something cannot be done online. */
  phone?: string;
  /**
   * Extensions sent with every new patient (`registerPatient`). Default: the US Core birth sex `UNK`, which
   * Canvas requires and the patient form does not ask; add e.g. Canvas' business-line extension where used.
   */
  newPatientExtensions?: FhirExtension[];
}

/** A Canvas note type patients may book: its FHIR coding, and how it is attended and how long it takes. */
export interface CanvasAppointmentType extends FhirCoding {
  code: string;
  /** Canvas' "Is telehealth": a video visit. */
  telehealth?: boolean;
  /** Slot length for this type, in minutes. Default `durationMinutes`. */
  durationMinutes?: number;
}

/** A wrong option or setting: a `validation` error that names the backend. */
export function invalid(message: string): BookingError {
  return optionError('canvas', message);
}

/** Checks the options; a wrong one is a `validation` error naming it. `token` is accepted for `getToken`. */
export function readOptions(raw: Record<string, unknown>): CanvasOptions {
  const options = raw as CanvasOptions;
  checkZoneMap('canvas', options.locationTimeZones, 'locationTimeZones', 'location id');
  if (options.defaultTimeZone !== undefined) checkZone('canvas', options.defaultTimeZone, 'defaultTimeZone');
  if (options.scheduleLocations !== undefined && !isRecord(options.scheduleLocations))
    throw invalid('scheduleLocations must be an object.');
  if (
    options.durationMinutes !== undefined &&
    !(Number.isInteger(options.durationMinutes) && options.durationMinutes > 0)
  ) {
    throw invalid('durationMinutes must be a positive whole number.');
  }
  if (options.bookedStatus !== undefined && options.bookedStatus !== 'booked' && options.bookedStatus !== 'proposed') {
    throw invalid('bookedStatus must be "booked" or "proposed".');
  }
  const types = options.appointmentTypes;
  if (types !== undefined && !(Array.isArray(types) && types.every((t) => isRecord(t) && typeof t.code === 'string')))
    throw invalid('appointmentTypes must be a list of { system, code, display } note types.');
  horizonOption('canvas', options.horizonDays);
  const extensions = options.newPatientExtensions;
  if (extensions !== undefined && !(Array.isArray(extensions) && extensions.every((e) => isRecord(e) && e.url)))
    throw invalid('newPatientExtensions must be a list of FHIR extensions, each with a url.');
  const token = options.getToken ?? (raw.token as CanvasOptions['getToken']);
  if (token !== undefined && typeof token !== 'string' && typeof token !== 'function')
    throw invalid('getToken must be a string or a function.');
  return { ...options, getToken: token };
}
