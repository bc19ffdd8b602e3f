/**
 * The KP mycare appointments API v1.0 wire format (PascalCase JSON, from the "Confirm Appointment" page)
 * and its mapping to the careslot domain. Everything here is pure: no DOM, no fetch.
 */
import { BookingError } from '../../core/errors.js';
import type { Address, Appointment, Location, Practitioner, VisitMode } from '../../core/model.js';
import { isValidZone, localToUtc, toUtcInstant } from '../../core/time.js';
import { configuredZone, isRecord, type ZoneChoice } from '../shared.js';

/** `{Abbreviation, Number, Title}`, KP's code triple (State, Country, OfficialTimeZone, Specialty, ...). */
export interface KpCode {
  Abbreviation?: string | null;
  Number?: string | null;
  Title?: string | null;
  ExternalName?: string | null;
}

export interface KpId {
  ID?: string | null;
  /** DAT | ASN | CSN | UCI on appointments; Internal | External | CID | #15 on departments and providers. */
  Type?: string | null;
}

export interface KpPhone {
  Number?: string | null;
  /** General | Scheduling */
  Type?: string | null;
}

export interface KpDepartment {
  Address?: {
    City?: string | null;
    PostalCode?: string | null;
    StreetAddress?: (string | null)[] | null;
    State?: KpCode | null;
    Country?: KpCode | null;
    County?: KpCode | null;
    District?: KpCode | null;
  } | null;
  IDs?: KpId[] | null;
  LocationInstructions?: unknown[] | null;
  Name?: string | null;
  OfficialTimeZone?: KpCode | null;
  Phones?: KpPhone[] | null;
  Specialty?: KpCode | null;
}

export interface KpProvider {
  IDs?: KpId[] | null;
  Name?: string | null;
  PhotoURL?: string | null;
  WebsiteURL?: string | null;
}

/** One appointment as "Get Future Appointments" returns it and "Confirm Appointment" takes it. */
export interface KpAppointment {
  CancelDirectAllowed?: boolean | null;
  CancelRequestAllowed?: boolean | null;
  /** Set once a cancellation (request) is under way. */
  CancelRequestSent?: boolean | null;
  /** Clinic-local wall-clock time without offset ("2017-06-13T10:01:37"), null until confirmed. */
  ConfirmInstant?: string | null;
  ContactIDs?: KpId[] | null;
  Copay?: {
    Amount?: string | number | null;
    AskPatient?: boolean | null;
    EnablePayment?: boolean | null;
    PaymentAuthorized?: boolean | null;
  } | null;
  /** Clinic-local date, "2016-06-13". */
  Date?: string | null;
  Duration?: number | string | null;
  IsSurgery?: boolean | null;
  PatientInstructions?: unknown[] | null;
  ProviderDepartments?: { Department?: KpDepartment | null; Provider?: KpProvider | null }[] | null;
  SurgeryTimeOfDay?: string | null;
  /** Clinic-local 12-hour time with a leading space, " 5:20 PM". */
  Time?: string | null;
  /** The instant, "2016-06-14T00:20:00.000Z". */
  apptDateTimeUTC?: string | null;
  VisitType?: string | null;
  eCheckInStatus?: { Barcode?: string | null; DateAvailable?: string | null; Status?: KpCode | null } | null;
  eCheckInSteps?: unknown[] | null;
  /** Not in the seed; the KP web portal and Epic expose these, so they are read when present. */
  IsCanceled?: boolean | null;
  IsNoShow?: boolean | null;
  IsTelemedicine?: boolean | null;
}

/** `{"Fault": {...}}`, a SOAP fault serialised as JSON. */
export interface KpFault {
  Fault: {
    faultcode?: string;
    faultstring?: string;
    detail?: { FaultType?: { Type?: string } };
  };
}

export function isFault(value: unknown): value is KpFault {
  return (
    !!value &&
    typeof value === 'object' &&
    'Fault' in value &&
    !!(value as KpFault).Fault &&
    typeof (value as KpFault).Fault === 'object'
  );
}

// ---------------------------------------------------------------------------------------------------
// Lenient JSON: the documented example is not valid JSON (no outer braces, one appointment split over
// two array elements, a member after the array element closed, a stray closing brace). The real server
// is assumed to send valid JSON; this parser only runs when JSON.parse fails, and its result is only
// accepted when every appointment in it is complete.
// ---------------------------------------------------------------------------------------------------

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

class LenientParser {
  private i = 0;
  constructor(private readonly s: string) {}

  parseDocument(): Json {
    this.ws();
    // A bare member list ("Appointments": [...]) without the outer braces.
    if (this.peek() === '"') {
      const save = this.i;
      this.string();
      this.ws();
      if (this.peek() === ':') {
        this.i = save;
        const obj = this.members(true);
        this.ws();
        if (this.i < this.s.length) throw new SyntaxError(`unexpected ${this.peek()} at ${this.i}`);
        return obj;
      }
      this.i = save;
    }
    const value = this.value();
    this.ws();
    // Stray closers after a complete document are ignored.
    while (this.peek() === '}' || this.peek() === ']' || this.peek() === ',') {
      this.i++;
      this.ws();
    }
    if (this.i < this.s.length) throw new SyntaxError(`unexpected ${this.peek()} at ${this.i}`);
    return value;
  }

  private peek(): string {
    return this.s[this.i] ?? '';
  }

  private ws(): void {
    while (/\s/.test(this.peek())) this.i++;
  }

  private value(): Json {
    this.ws();
    const c = this.peek();
    if (c === '{') {
      this.i++;
      return this.members(false);
    }
    if (c === '[') return this.array();
    if (c === '"') return this.string();
    const literal = /^(?:true|false|null|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(this.s.slice(this.i));
    if (!literal) throw new SyntaxError(`unexpected ${c || 'end'} at ${this.i}`);
    this.i += literal[0].length;
    return JSON.parse(literal[0]) as Json;
  }

  private string(): string {
    const match = /^"(?:[^"\\\n]|\\.)*"/.exec(this.s.slice(this.i));
    if (!match) throw new SyntaxError(`bad string at ${this.i}`);
    this.i += match[0].length;
    return JSON.parse(match[0]) as string;
  }

  /** Object members up to `}` (or the end of the text for the implicit outer object). */
  private members(implicit: boolean): { [key: string]: Json } {
    const obj: { [key: string]: Json } = {};
    for (;;) {
      this.ws();
      const c = this.peek();
      if (c === '}' && !implicit) {
        this.i++;
        return obj;
      }
      if (c === '') {
        if (implicit) return obj;
        throw new SyntaxError('unexpected end inside an object');
      }
      if (c === ',') {
        this.i++;
        continue;
      }
      if (c === '}' && implicit) {
        this.i++; // stray closer at the top level
        continue;
      }
      const key = this.string();
      this.ws();
      if (this.peek() !== ':') throw new SyntaxError(`expected : at ${this.i}`);
      this.i++;
      obj[key] = this.value();
    }
  }

  private array(): Json[] {
    this.i++;
    const items: Json[] = [];
    for (;;) {
      this.ws();
      const c = this.peek();
      if (c === ']') {
        this.i++;
        return items;
      }
      if (c === '') return items; // the documented example never closes its array
      if (c === ',') {
        this.i++;
        continue;
      }
      if (c === '}') {
        this.i++; // stray closer inside an array
        continue;
      }
      if (c === '"') {
        // A "key": value member inside an array belongs to the object before it.
        const save = this.i;
        const key = this.string();
        this.ws();
        if (this.peek() === ':') {
          this.i++;
          const value = this.value();
          const last = items[items.length - 1];
          if (!last || typeof last !== 'object' || Array.isArray(last))
            throw new SyntaxError(`member ${key} outside an object`);
          last[key] = value;
          continue;
        }
        this.i = save;
      }
      items.push(this.value());
    }
  }
}

/** Parses JSON, or the documented example's broken JSON; throws SyntaxError when neither works. */
export function parseLenientJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return new LenientParser(text).parseDocument();
  }
}

/**
 * The documented example splits one appointment over two array elements (flags and ContactIDs in the
 * first, everything else in the second). Adjacent fragments whose keys do not overlap, one without a time
 * and one without ids, are joined back into one appointment.
 */
export function joinFragments(items: unknown[]): unknown[] {
  const out: unknown[] = [];
  for (const item of items) {
    const prev = out[out.length - 1];
    if (isRecord(prev) && isRecord(item)) {
      const overlap = Object.keys(item).some((k) => k in prev);
      const prevHasTime = 'apptDateTimeUTC' in prev || 'Date' in prev;
      const itemHasTime = 'apptDateTimeUTC' in item || 'Date' in item;
      const prevHasIds = 'ContactIDs' in prev;
      const itemHasIds = 'ContactIDs' in item;
      if (!overlap && prevHasTime !== itemHasTime && prevHasIds !== itemHasIds) {
        out[out.length - 1] = { ...prev, ...item };
        continue;
      }
    }
    out.push(item);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------
// Wire -> domain
// ---------------------------------------------------------------------------------------------------

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

function unreadable(index: number, why: string): BookingError {
  return new BookingError(
    'malformed-response',
    `KP sent appointment ${index + 1} in a form careslot cannot read: ${why}.`,
  );
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
