import { BookingError } from '../../core/errors.js';
import type { Address, Appointment, Location, Practitioner, VisitMode } from '../../core/model.js';
import { isValidZone } from '../../core/time.js';
import { localToUtc, toUtcInstant } from '../../core/zoned.js';
import { configuredZone, isRecord, type ZoneChoice } from '../shared.js';
import { unreadable } from './errors.js';
import { joinFragments } from './lenient-json.js';
import type { KpAppointment, KpDepartment, KpId, KpProvider } from './wire.js';

/** KP mycare wire → careslot domain. Pure: no DOM, no fetch. */

/** Trims and drops the bidi marks (U+202A..U+202E, U+200E/F) the KP portal puts around phone numbers. */
export function clean(value: unknown): string | undefined {
  if (typeof value === 'number') return String(value);
  if (typeof value !== 'string') return undefined;
  const trimmed = value.replace(/[\u200e\u200f\u202a-\u202e]/g, '').trim();
  return trimmed === '' ? undefined : trimmed;
}

function idOf(ids: KpId[] | null | undefined, ...types: string[]): string | undefined {
  if (!Array.isArray(ids)) return undefined;
  for (const type of types) {
    const found = ids.find((id) => clean(id?.Type)?.toLowerCase() === type.toLowerCase() && clean(id?.ID));
    if (found) return clean(found.ID);
  }
  return undefined;
}

/** The contact id of a type (DAT/ASN/CSN/UCI), trimmed; falls back to the first id there is. */
export function contactId(appointment: KpAppointment, type: string): string | undefined {
  return idOf(appointment.ContactIDs, type) ?? idOf(appointment.ContactIDs, 'CSN', 'DAT', 'ASN', 'UCI');
}

export function departmentPhone(department: KpDepartment | null | undefined): string | undefined {
  const phones = Array.isArray(department?.Phones) ? department.Phones : [];
  const of = (type: string) =>
    clean(phones.find((p) => clean(p?.Type)?.toLowerCase() === type && clean(p?.Number))?.Number);
  return of('scheduling') ?? of('general');
}

function address(department: KpDepartment): Address | undefined {
  const a = department.Address;
  if (!a) return undefined;
  const lines = (Array.isArray(a.StreetAddress) ? a.StreetAddress : []).map(clean).filter((l): l is string => !!l);
  const result: Address = { lines };
  const city = clean(a.City);
  const state = clean(a.State?.Abbreviation) ?? clean(a.State?.Title);
  const postalCode = clean(a.PostalCode);
  const country = clean(a.Country?.Abbreviation) ?? clean(a.Country?.Title);
  if (city) result.city = city;
  if (state) result.state = state;
  if (postalCode) result.postalCode = postalCode;
  if (country) result.country = country;
  return result;
}

function instructionText(item: unknown): string | undefined {
  if (typeof item === 'string') return clean(item);
  if (isRecord(item)) {
    for (const key of ['Text', 'Title', 'Instruction', 'Description', 'Value']) {
      const text = clean(item[key]);
      if (text) return text;
    }
  }
  return undefined;
}

function modeOf(appointment: KpAppointment): VisitMode {
  const type = (clean(appointment.VisitType) ?? '').toLowerCase();
  if (/video/.test(type)) return 'video';
  if (/phone|telephone/.test(type)) return 'phone';
  if (appointment.IsTelemedicine === true) return 'video';
  return 'in-person';
}

export interface MapOptions {
  /** Which ContactIDs type is the appointment's id and `X-apptContactId`. */
  contactIdType: string;
  /** Zone when `OfficialTimeZone.Title` is missing or not an IANA name. */
  timeZone?: string;
  now: () => Date;
  /** The backend offers cancel at all (the adapter has a cancel path). */
  cancelOffered: boolean;
}

/** Maps one KP appointment to the domain; `index` names it in the error when it cannot be read. */
export function toAppointment(raw: unknown, index: number, options: MapOptions): Appointment {
  if (!isRecord(raw)) throw unreadable(index, 'it is not an object');
  const appointment = raw as KpAppointment;
  const departments = Array.isArray(appointment.ProviderDepartments) ? appointment.ProviderDepartments : [];
  const first = departments.find((d) => isRecord(d)) ?? {};
  const department = isRecord(first.Department) ? (first.Department as KpDepartment) : undefined;
  const kpProvider = isRecord(first.Provider) ? (first.Provider as KpProvider) : undefined;

  const official = clean(department?.OfficialTimeZone?.Title);
  const { timeZone, timeZoneSource }: ZoneChoice = isValidZone(official)
    ? { timeZone: official, timeZoneSource: 'backend' }
    : configuredZone([options.timeZone]);

  const start =
    toUtcInstant(clean(appointment.apptDateTimeUTC)) ??
    localStart(clean(appointment.Date), clean(appointment.Time), timeZone);
  if (!start) throw unreadable(index, 'it has no readable apptDateTimeUTC or Date and Time');
  const id = contactId(appointment, options.contactIdType);
  if (!id) throw unreadable(index, 'it has no ContactIDs');

  const duration = Number(clean(appointment.Duration) ?? 30);
  const minutes = Number.isFinite(duration) && duration > 0 ? duration : 30;
  const end = new Date(Date.parse(start) + minutes * 60_000).toISOString();

  const confirmedAt = clean(appointment.ConfirmInstant);
  const confirmedUtc = confirmedAt
    ? (toUtcInstant(/[zZ]|[+-]\d\d(:?\d\d)?$/.test(confirmedAt) ? confirmedAt : undefined) ??
      localToUtc(confirmedAt, timeZone))
    : undefined;

  const practitioner: Practitioner | undefined =
    kpProvider && clean(kpProvider.Name)
      ? {
          id: idOf(kpProvider.IDs, 'Internal', 'External', 'CID') ?? clean(kpProvider.Name)!,
          name: clean(kpProvider.Name)!,
          ...(clean(department?.Specialty?.Title) ? { specialty: clean(department?.Specialty?.Title) } : {}),
          ...(clean(kpProvider.PhotoURL) ? { photoUrl: clean(kpProvider.PhotoURL) } : {}),
        }
      : undefined;

  const location: Location | undefined =
    department && clean(department.Name)
      ? {
          id: idOf(department.IDs, 'Internal', 'External', 'CID') ?? clean(department.Name)!,
          name: clean(department.Name)!,
          timeZone,
          timeZoneSource,
          ...(address(department) ? { address: address(department) } : {}),
          ...(departmentPhone(department) ? { phone: departmentPhone(department) } : {}),
        }
      : undefined;

  const cancelled = appointment.IsCanceled === true;
  const upcoming = Date.parse(end) >= options.now().getTime();
  const cancel =
    !options.cancelOffered || cancelled
      ? 'none'
      : appointment.CancelDirectAllowed === true
        ? 'direct'
        : appointment.CancelRequestAllowed === true
          ? 'request'
          : 'none';

  const instructions = [
    ...(Array.isArray(appointment.PatientInstructions) ? appointment.PatientInstructions : []),
    ...(Array.isArray(department?.LocationInstructions) ? department.LocationInstructions : []),
  ]
    .map(instructionText)
    .filter((t): t is string => !!t);
  if (appointment.IsSurgery === true && clean(appointment.SurgeryTimeOfDay)) {
    instructions.push(
      `Surgery in the ${clean(appointment.SurgeryTimeOfDay)}; the clinic will tell you the exact arrival time.`,
    );
  }

  const copayAmount = clean(appointment.Copay?.Amount);
  const copayNumber = copayAmount === undefined ? NaN : Number(copayAmount.replace(/[$,]/g, ''));
  const visitType = clean(appointment.VisitType);

  const result: Appointment = {
    id,
    // KP sends no status: an appointment that is over and was neither cancelled nor missed took place.
    status: cancelled ? 'cancelled' : appointment.IsNoShow === true ? 'noshow' : upcoming ? 'booked' : 'fulfilled',
    start,
    end,
    timeZone,
    timeZoneSource,
    mode: modeOf(appointment),
    canConfirm: !cancelled && upcoming && !confirmedAt,
    cancel,
    native: appointment,
  };
  if (practitioner) result.practitioner = practitioner;
  if (location) result.location = location;
  if (visitType) result.service = { id: visitType, name: visitType };
  if (appointment.CancelRequestSent === true) result.cancelRequested = true;
  if (confirmedUtc) result.confirmedAt = confirmedUtc;
  if (instructions.length) result.instructions = instructions;
  if (Number.isFinite(copayNumber)) result.copay = { amount: copayNumber.toFixed(2), currency: 'USD' };
  return result;
}

function localStart(date: string | undefined, time: string | undefined, zone: string): string | undefined {
  if (!date || !time) return undefined;
  const match = /^(\d{1,2}):(\d{2})\s*([AaPp])\.?[Mm]\.?$/.exec(time);
  if (!match) return undefined;
  let hour = Number(match[1]) % 12;
  if (match[3].toLowerCase() === 'p') hour += 12;
  return localToUtc(`${date}T${String(hour).padStart(2, '0')}:${match[2]}:00`, zone);
}

/** Finds the appointment array in a list response: `{Appointments: [...]}` or a bare array. */
export function appointmentArray(body: unknown): unknown[] {
  if (Array.isArray(body)) return joinFragments(body);
  if (isRecord(body)) {
    const key = Object.keys(body).find((k) => k.toLowerCase() === 'appointments');
    const list = key ? body[key] : undefined;
    if (Array.isArray(list)) return joinFragments(list);
    if (key && (list === null || list === undefined)) return [];
  }
  throw new BookingError(
    'malformed-response',
    'KP sent an appointment list careslot cannot read: there is no "Appointments" array in it.',
  );
}
