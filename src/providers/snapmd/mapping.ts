import { BookingError } from '../../core/errors.js';
import type { Appointment, AppointmentStatus, Location, Practitioner, Slot, VisitMode } from '../../core/model.js';
import { isValidZone } from '../../core/time.js';
import { localToUtc, toUtcInstant, wallClock } from '../../core/zoned.js';
import { isRecord as isObject, nonEmpty as str, type ZoneChoice } from '../shared.js';
import { malformed } from './errors.js';
import type { SnapmdSettings } from './options.js';
import {
  num,
  STATUS_NAMES,
  type AppointmentRequest,
  type AppointmentResponse,
  type SelfSchedulingClinician,
} from './wire.js';
import { WINDOWS_TO_IANA } from './zones.js';

/** What a careslot Slot / Appointment keeps to book, update or cancel again. */
export interface SnapmdNative {
  availabilityBlockId?: string;
  clinicianPersonId?: string;
  clinicianUserId?: number;
  patientPersonId?: string;
  serviceTypeId?: number;
  encounterTypeCode?: number;
  appointmentTypeCode?: number;
  /** The patient's note (`intakeMetadata.additionalNotes`): an update sends it again instead of erasing it. */
  note?: string;
}

/** The clinic's zone and where it came from. */
export type Clinic = ZoneChoice;

/** A clinician seen in a slot answer, with the int user id that appointments name it by. */
export type KnownClinician = Practitioner & { userId?: number };

/** `appointmentStatusCode`: a string in V3, an int in v2.1. */
function mapStatus(value: unknown): AppointmentStatus {
  const name = typeof value === 'number' ? STATUS_NAMES[value] : str(value);
  switch (name?.toLowerCase()) {
    case 'scheduled':
      return 'booked';
    case 'waiting':
      return 'arrived';
    case 'cancelledbypatient':
    case 'cancelledbyprovider':
      return 'cancelled';
    case 'fulfilled':
      return 'fulfilled';
    default:
      return 'unknown';
  }
}

/** `encounterTypeCode`: 1 Text, 2 Phone, 3 Video, 4 InPerson. Text chats count as remote (patient's zone). */
export function modeOf(code: number | undefined): VisitMode {
  if (code === 4) return 'in-person';
  if (code === 2) return 'phone';
  return 'video';
}

/** A zone name from the map or SnapMD's list: an IANA name, or a Windows id. */
export function toIana(name: string | undefined): string | undefined {
  if (!name) return undefined;
  const trimmed = name.trim();
  if (WINDOWS_TO_IANA[trimmed]) return WINDOWS_TO_IANA[trimmed];
  return trimmed.includes('/') && isValidZone(trimmed) ? trimmed : trimmed === 'UTC' ? 'UTC' : undefined;
}

function hasOffset(value: unknown): value is string {
  return typeof value === 'string' && /T/.test(value) && /([zZ]|[+-]\d{2}(:?\d{2})?)$/.test(value.trim());
}

/** A SnapMD date-time: with an offset it is an instant; without one it is wall-clock time in `zone`. */
function snapTime(value: unknown, zone: string): string | undefined {
  if (typeof value !== 'string' || !value.trim()) return undefined;
  return hasOffset(value) ? toUtcInstant(value) : localToUtc(value, zone);
}

/**
 * An answer's `startTime`/`endTime`: with an offset it is an instant; else `zonedTime`'s value in its zone
 * (`zonedZone`: its id's zone, else the clinic's); else wall-clock time in the current user's zone, as the
 * request's plain times are.
 */
function answerTime(plain: unknown, zonedValue: unknown, zonedZone: string, userZone: string): string | undefined {
  if (hasOffset(plain)) return toUtcInstant(plain);
  return snapTime(zonedValue, zonedZone) ?? snapTime(plain, userZone);
}

/** Wall-clock time of an instant in a zone, without offset: `2019-03-14T17:48:00`. */
function wallClockOf(instant: string, zone: string): string {
  return wallClock(Date.parse(instant), zone);
}

/** The clinic of the `location` option, in the clinic's zone. */
function clinicLocation(settings: SnapmdSettings, clinic: Clinic): Location | undefined {
  const l = settings.location;
  return l ? { id: l.id, name: l.name, address: l.address, phone: l.phone, ...clinic } : undefined;
}

/** The slots of one clinician of a self-scheduling answer; the clinician goes into `clinicians`. */
export function clinicianSlots(
  value: unknown,
  clinic: Clinic,
  settings: SnapmdSettings,
  clinicians: Map<string, KnownClinician>,
  encounter = settings.encounterTypeCode,
): Slot[] {
  if (!isObject(value)) throw malformed('a clinician that');
  const raw = value as SelfSchedulingClinician;
  const personId = str(raw.personId);
  if (!personId) throw malformed('a clinician without personId, which');
  const name = [str(raw.name), str(raw.lastName)].filter(Boolean).join(' ') || 'Clinician';
  const practitioner: KnownClinician = {
    id: personId,
    name,
    specialty: str(raw.medicalSpeciality) ?? str(raw.subSpeciality),
    photoUrl: str(raw.profilePhoto),
    userId: num(raw.userId),
  };
  clinicians.set(personId, practitioner);
  const { userId, ...shown } = practitioner;
  if (raw.slots !== undefined && !Array.isArray(raw.slots)) throw malformed('clinician slots that');
  const mode = modeOf(encounter);
  // The encounter type of a visit type the patient chose rides along to the booking.
  const chosen = encounter === settings.encounterTypeCode ? {} : { encounterTypeCode: encounter };
  return ((raw.slots as unknown[] | undefined) ?? []).map((item) => {
    const start = isObject(item) ? snapTime(item.from, clinic.timeZone) : undefined;
    const end = isObject(item) ? snapTime(item.to, clinic.timeZone) : undefined;
    const block = isObject(item) ? str(item.availabilityBlockId) : undefined;
    if (!start || !end || !block) throw malformed('a slot whose block or times');
    const native: SnapmdNative = {
      availabilityBlockId: block,
      clinicianPersonId: personId,
      clinicianUserId: userId,
      ...chosen,
    };
    return {
      id: `${block}|${start}`,
      start,
      end,
      ...clinic,
      mode,
      practitioner: shown,
      location: mode === 'in-person' ? clinicLocation(settings, clinic) : undefined,
      booking: { kind: 'api' },
      native,
    } satisfies Slot;
  });
}

/** What a slot of this backend keeps; a slot from anywhere else cannot be booked here. */
export function nativeOf(slot: Slot): SnapmdNative {
  const native = slot.native as SnapmdNative | undefined;
  if (!native?.availabilityBlockId || !native.clinicianPersonId) {
    throw new BookingError(
      'validation',
      'This time did not come from the SnapMD backend; choose a time from the list.',
    );
  }
  return native;
}

/**
 * The create/update body: the slot's block, the patient and clinician; `zonedTime` in the clinic zone
 * `timeZoneId`, and the plain `startTime`/`endTime` "in current user time zone" (seed 001): `userZone`.
 */
export function appointmentRequest(
  settings: SnapmdSettings,
  slot: Slot,
  native: SnapmdNative,
  patientId: string,
  note: string | undefined,
  zones: { timeZoneId: number; userZone: string },
): AppointmentRequest {
  const { timeZoneId, userZone } = zones;
  return {
    availabilityBlockId: native.availabilityBlockId,
    appointmentTypeCode: settings.appointmentTypeCode,
    encounterTypeCode: native.encounterTypeCode ?? settings.encounterTypeCode,
    ...(settings.serviceTypeId !== undefined ? { serviceTypeId: settings.serviceTypeId } : {}),
    ...(settings.waiveFee !== undefined ? { waiveFee: settings.waiveFee } : {}),
    intakeMetadata: {
      concerns: settings.concerns.map((c, i) => ({
        isPrimary: i === 0,
        customCode: { code: c.code, description: c.description },
      })),
      additionalNotes: note ?? '',
    },
    paymentRequisites: settings.paymentRequisites,
    participants: [
      { attendenceCode: 1, personId: patientId, participantTypeCode: 1 },
      { attendenceCode: 1, personId: native.clinicianPersonId, participantTypeCode: 2 },
    ],
    ...(settings.where ? { where: settings.where } : {}),
    // SnapMD reads these in the current user's profile zone; zonedTime takes precedence over them.
    startTime: wallClockOf(slot.start, userZone),
    endTime: wallClockOf(slot.end, userZone),
    zonedTime: {
      timeZoneId,
      startTime: wallClockOf(slot.start, slot.timeZone),
      endTime: wallClockOf(slot.end, slot.timeZone),
    },
  };
}

/** What reading an appointment needs besides the answer: zones come from the options or SnapMD's list. */
export interface AppointmentContext {
  settings: SnapmdSettings;
  clinicians: ReadonlyMap<string, KnownClinician>;
  /** The slot it was booked in: its zone, practitioner and block fill what the answer lacks. */
  fallback?: Slot;
  /** The clinic zone from the options (may ask SnapMD). */
  clinic: () => Promise<Clinic>;
  /** IANA zone of a SnapMD zone id. */
  zoneForId: (id: number) => Promise<string | undefined>;
  /** The current user's zone: offset-less answer times are read in it. */
  userZone: () => Promise<string>;
}

/** Reads an AppointmentResponse (bare in V3, inside `data` in v2.1). */
export async function mapAppointment(value: unknown, context: AppointmentContext): Promise<Appointment> {
  const { settings, fallback } = context;
  if (!isObject(value)) throw malformed('an appointment that');
  const raw = value as AppointmentResponse;
  const id = str(raw.appointmentId) ?? str(raw.id);
  if (!id) throw malformed('an appointment without appointmentId, which');
  const clinic = fallback
    ? { timeZone: fallback.timeZone, timeZoneSource: fallback.timeZoneSource ?? 'config' }
    : await context.clinic();
  let zone: Clinic = clinic;
  const zoned = isObject(raw.zonedTime) ? raw.zonedTime : undefined;
  const zonedId = num(zoned?.timeZoneId);
  const zonedZone = zonedId === undefined ? undefined : await context.zoneForId(zonedId).catch(() => undefined);
  if (zonedZone) zone = { timeZone: zonedZone, timeZoneSource: 'backend' };
  // The user's zone matters only for times without an offset (resolving it may ask SnapMD's zone list).
  const userZone = hasOffset(raw.startTime) && hasOffset(raw.endTime) ? 'UTC' : await context.userZone();
  const start = answerTime(raw.startTime, zoned?.startTime, zone.timeZone, userZone);
  const end = answerTime(raw.endTime, zoned?.endTime, zone.timeZone, userZone);
  if (!start || !end) throw malformed('an appointment whose times');
  const participants = Array.isArray(raw.participants) ? raw.participants.filter(isObject) : [];
  const clinicianPart = participants.find((p) => num(p.participantTypeCode) === 2);
  const patientPart = participants.find((p) => num(p.participantTypeCode) === 1);
  const clinicianId =
    str(clinicianPart?.personId) ?? (isObject(clinicianPart?.person) ? str(clinicianPart.person.id) : undefined);
  const person = isObject(clinicianPart?.person) ? clinicianPart.person : undefined;
  const personName = isObject(person?.name)
    ? [str(person.name.prefix), str(person.name.given), str(person.name.family), str(person.name.suffix)]
        .filter(Boolean)
        .join(' ')
    : undefined;
  const known = clinicianId ? context.clinicians.get(clinicianId) : undefined;
  const practitioner: Practitioner | undefined = clinicianId
    ? {
        id: clinicianId,
        name: personName || known?.name || str(isObject(person?.name) ? person.name.text : undefined) || 'Clinician',
        specialty: known?.specialty,
      }
    : fallback?.practitioner;
  const status = mapStatus(raw.appointmentStatusCode);
  const encounter = num(raw.encounterTypeCode) ?? settings.encounterTypeCode;
  const mode = modeOf(encounter);
  const native: SnapmdNative = {
    availabilityBlockId:
      str(raw.availabilityBlockId) ?? (fallback?.native as SnapmdNative | undefined)?.availabilityBlockId,
    clinicianPersonId: clinicianId,
    clinicianUserId: num(raw.clinicianId),
    patientPersonId: str(patientPart?.personId),
    serviceTypeId: num(raw.serviceTypeId),
    encounterTypeCode: encounter,
    appointmentTypeCode: num(raw.appointmentTypeCode),
    note: isObject(raw.intakeMetadata) ? str(raw.intakeMetadata.additionalNotes) : undefined,
  };
  const serviceName = str(raw.serviceTypeName);
  return {
    id,
    status,
    start,
    end,
    ...zone,
    mode,
    practitioner,
    location: mode === 'in-person' ? clinicLocation(settings, zone) : undefined,
    service: serviceName ? { id: String(native.serviceTypeId ?? serviceName), name: serviceName } : undefined,
    canConfirm: false,
    cancel: status === 'booked' ? 'direct' : 'none',
    native,
  };
}
