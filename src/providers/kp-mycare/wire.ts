/**
 * The KP mycare appointments API v1.0 wire format: PascalCase JSON, from the "Confirm Appointment" page
 * (seeds/000_*, contracts §1). Types only.
 */

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
