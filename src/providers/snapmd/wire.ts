/**
 * The SnapMD Connected Care API on the wire (research/backend-contracts.md §2.3): what careslot sends and
 * what it reads back. Answers are read field by field (they are checked, not trusted). The misspellings
 * (`attendenceCode`, `medicalSpeciality`) are SnapMD's own.
 */

/** A wire integer: SnapMD sends ids and codes as numbers, and sometimes as digit strings. */
export function num(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && /^-?\d+$/.test(value.trim())) return Number(value);
  return undefined;
}

/** `appointmentStatusCode` by ordinal (v2.1 sends the int, V3 the name). */
export const STATUS_NAMES = [
  'NotSpecified',
  'Scheduled',
  'Waiting',
  'CancelledByPatient',
  'CancelledByProvider',
  'Fulfilled',
  'Transferred',
];

/** One self-scheduling slot: `from`/`to` carry an offset; the block is what a booking goes into. */
export interface WireSlot {
  availabilityBlockId?: string;
  from?: string;
  to?: string;
}

/** A clinician of the self-scheduling search (`data[].clinicians[]`). */
export interface SelfSchedulingClinician {
  personId?: string;
  userId?: number;
  name?: string;
  lastName?: string;
  medicalSpeciality?: string;
  subSpeciality?: string;
  profilePhoto?: string;
  slots?: WireSlot[];
}

/** `participantTypeCode` 1 is the patient, 2 the clinician; `attendenceCode` 1 is required. */
export interface AppointmentParticipant {
  personId?: string;
  attendenceCode?: number;
  participantTypeCode?: number;
  person?: {
    id?: string;
    name?: { given?: string; family?: string; prefix?: string; suffix?: string; text?: string };
  };
}

/** `zonedTime`: wall-clock times in the zone with SnapMD's integer id; it wins over `startTime`/`endTime`. */
export interface ZonedTime {
  timeZoneId: number;
  startTime: string;
  endTime: string;
}

/** The body of create (`POST v3/{role}/appointments`) and update (`PUT …/{id}`): `AppointmentApiRequest`. */
export interface AppointmentRequest {
  availabilityBlockId?: string;
  appointmentTypeCode: number;
  encounterTypeCode: number;
  serviceTypeId?: number;
  waiveFee?: boolean;
  intakeMetadata: {
    concerns: { isPrimary: boolean; customCode: { code: number; description: string } }[];
    additionalNotes: string;
  };
  paymentRequisites: Record<string, unknown>;
  participants: AppointmentParticipant[];
  where?: string;
  /** Wall-clock time without offset, read in the user's profile zone unless `zonedTime` is sent. */
  startTime: string;
  endTime: string;
  zonedTime: ZonedTime;
}

/** `AppointmentResponse`: bare in V3, inside `data` in v2.1. */
export interface AppointmentResponse {
  appointmentId?: string;
  id?: string;
  /** A name in V3, an ordinal in v2.1. */
  appointmentStatusCode?: string | number;
  availabilityBlockId?: string;
  startTime?: string;
  endTime?: string;
  zonedTime?: Partial<ZonedTime>;
  participants?: AppointmentParticipant[];
  clinicianId?: number;
  encounterTypeCode?: number;
  appointmentTypeCode?: number;
  serviceTypeId?: number;
  serviceTypeName?: string;
  intakeMetadata?: { additionalNotes?: string };
}
