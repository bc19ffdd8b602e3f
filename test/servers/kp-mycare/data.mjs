// Appointments for the kp-mycare contract server, in the wire shape of KP's "Confirm Appointment" page.
// `seedAppointment()` is that page's example repaired into one object (it is split across two array
// elements on the page and lacks its outer braces); the verbatim broken form is as-documented.json.txt.

/** The page's example, repaired: Monday June 13 2016, 5:20 PM Pacific, Sunnyside Surgery, Annette M. Moore, RN. */
export function seedAppointment() {
  return {
    CancelDirectAllowed: true,
    CancelRequestAllowed: true,
    CancelRequestSent: false,
    ConfirmInstant: null,
    ContactIDs: [
      { ID: '57449', Type: 'DAT' },
      { ID: '285270678', Type: 'ASN' },
      { ID: '285270678', Type: 'CSN' },
      { ID: '49512373761', Type: 'UCI' },
    ],
    Copay: { Amount: '0', AskPatient: null, EnablePayment: false, PaymentAuthorized: false },
    Date: '2016-06-13',
    Duration: 30,
    IsSurgery: false,
    PatientInstructions: [],
    ProviderDepartments: [
      {
        Department: {
          Address: {
            City: 'CLACKAMAS',
            Country: { Abbreviation: null, Number: null, Title: null },
            County: { Abbreviation: null, Number: null, Title: null },
            District: { Abbreviation: null, Number: null, Title: null },
            PostalCode: '97015',
            State: { Abbreviation: 'OR', Number: '38', Title: 'Oregon' },
            StreetAddress: ['10180 S E SUNNYSIDE RD'],
          },
          IDs: [
            { ID: '637', Type: 'Internal' },
            { ID: '637', Type: 'External' },
            { ID: '1201500310637', Type: 'CID' },
          ],
          LocationInstructions: [],
          Name: 'Sunnyside Surgery',
          OfficialTimeZone: { Abbreviation: 'America/LAX', Number: '12', Title: 'America/Los_Angeles' },
          Phones: [
            { Number: '503-571-2640', Type: 'General' },
            { Number: null, Type: 'Scheduling' },
          ],
          Specialty: { Abbreviation: 'SURG', ExternalName: null, Number: '57', Title: 'Surgery, General' },
        },
        Provider: {
          IDs: [
            { ID: '8126G', Type: '#15' },
            { ID: ' 10818', Type: 'Internal' },
            { ID: '10818', Type: 'External' },
            { ID: '12015010818', Type: 'CID' },
          ],
          Name: 'Annette M. Moore, RN',
          PhotoURL: null,
          WebsiteURL: null,
        },
      },
    ],
    SurgeryTimeOfDay: null,
    Time: ' 5:20 PM',
    apptDateTimeUTC: '2016-06-14T00:20:00.000Z',
    VisitType: 'Office Visit',
    eCheckInStatus: {
      Barcode: null,
      DateAvailable: null,
      Status: { Abbreviation: 'Not Offered', Number: '1', Title: 'Not Offered' },
    },
    eCheckInSteps: [],
  };
}

const DEPARTMENTS = {
  moanalua: {
    Address: {
      City: 'HONOLULU',
      Country: { Abbreviation: null, Number: null, Title: null },
      County: { Abbreviation: null, Number: null, Title: null },
      District: { Abbreviation: null, Number: null, Title: null },
      PostalCode: '96819',
      State: { Abbreviation: 'HI', Number: '15', Title: 'Hawaii' },
      StreetAddress: ['3288 MOANALUA RD'],
    },
    IDs: [
      { ID: '412', Type: 'Internal' },
      { ID: '412', Type: 'External' },
    ],
    LocationInstructions: [],
    Name: 'Moanalua Medical Center',
    OfficialTimeZone: { Abbreviation: 'Pacific/HNL', Number: '14', Title: 'Pacific/Honolulu' },
    Phones: [
      { Number: '808-432-0000', Type: 'General' },
      { Number: '\u202a808-432-2000\u202c', Type: 'Scheduling' },
    ],
    Specialty: { Abbreviation: 'IM', ExternalName: null, Number: '31', Title: 'Internal Medicine' },
  },
  rockwood: {
    Address: {
      City: 'PORTLAND',
      Country: { Abbreviation: null, Number: null, Title: null },
      County: { Abbreviation: null, Number: null, Title: null },
      District: { Abbreviation: null, Number: null, Title: null },
      PostalCode: '97233',
      State: { Abbreviation: 'OR', Number: '38', Title: 'Oregon' },
      StreetAddress: ['19250 S E STARK ST'],
    },
    IDs: [
      { ID: '702', Type: 'Internal' },
      { ID: '702', Type: 'External' },
    ],
    LocationInstructions: ['Park in the east lot; enter through door B.'],
    Name: 'Rockwood Medical Office',
    OfficialTimeZone: { Abbreviation: 'America/LAX', Number: '12', Title: 'America/Los_Angeles' },
    Phones: [
      { Number: '503-249-5300', Type: 'General' },
      { Number: '503-249-5301', Type: 'Scheduling' },
    ],
    Specialty: { Abbreviation: 'FP', ExternalName: null, Number: '22', Title: 'Family Practice' },
  },
};

function sunnyside() {
  return seedAppointment().ProviderDepartments[0].Department;
}

function localParts(instant, zone) {
  const d = new Date(instant);
  const date = new Intl.DateTimeFormat('en-CA', {
    timeZone: zone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(d);
  const time = new Intl.DateTimeFormat('en-US', { timeZone: zone, hour: 'numeric', minute: '2-digit' })
    .format(d)
    .replace(/[\u202f\u00a0]/g, ' ');
  return { date, time: time.padStart(8, ' ') };
}

/** The clinic-local wall clock without offset, as KP writes ConfirmInstant ("2017-06-13T10:01:37"). */
export function localWallClock(instant, zone) {
  return new Intl.DateTimeFormat('sv-SE', {
    timeZone: zone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  })
    .format(new Date(instant))
    .replace(' ', 'T');
}

/** One more appointment in the same wire shape, at a UTC instant in one of the departments above. */
export function makeAppointment({
  csn,
  start,
  department,
  provider,
  providerId,
  visitType = 'Office Visit',
  duration = 20,
  copay = '0',
  confirmInstant = null,
  cancelDirect = true,
  cancelRequest = true,
  cancelRequestSent = false,
  instructions = [],
}) {
  const dept = department === 'sunnyside' ? sunnyside() : structuredClone(DEPARTMENTS[department]);
  const zone = dept.OfficialTimeZone.Title;
  const { date, time } = localParts(start, zone);
  return {
    CancelDirectAllowed: cancelDirect,
    CancelRequestAllowed: cancelRequest,
    CancelRequestSent: cancelRequestSent,
    ConfirmInstant: confirmInstant,
    ContactIDs: [
      { ID: String(Number(csn) - 285000000 + 50000), Type: 'DAT' },
      { ID: csn, Type: 'ASN' },
      { ID: csn, Type: 'CSN' },
      { ID: `495${csn}`, Type: 'UCI' },
    ],
    Copay: { Amount: copay, AskPatient: null, EnablePayment: copay !== '0', PaymentAuthorized: false },
    Date: date,
    Duration: duration,
    IsSurgery: false,
    PatientInstructions: instructions,
    ProviderDepartments: [
      {
        Department: dept,
        Provider: {
          IDs: [
            { ID: ` ${providerId}`, Type: 'Internal' },
            { ID: providerId, Type: 'External' },
          ],
          Name: provider,
          PhotoURL: null,
          WebsiteURL: null,
        },
      },
    ],
    SurgeryTimeOfDay: null,
    Time: time,
    apptDateTimeUTC: new Date(start).toISOString(),
    VisitType: visitType,
    eCheckInStatus: {
      Barcode: null,
      DateAvailable: null,
      Status: { Abbreviation: 'Not Offered', Number: '1', Title: 'Not Offered' },
    },
    eCheckInSteps: [],
  };
}

/** The fixed data set of test tenants (June 2016, around the page's example). */
export function testAppointments() {
  return {
    future: [
      seedAppointment(),
      makeAppointment({
        csn: '285270700',
        start: '2016-06-20T19:00:00.000Z',
        department: 'moanalua',
        provider: 'Keoni Kahananui, MD',
        providerId: '20411',
        visitType: 'Video Visit',
        copay: '25',
        confirmInstant: '2016-06-01T08:00:00',
        cancelDirect: false,
        cancelRequest: true,
        instructions: ['Join from a quiet, private place.'],
      }),
      makeAppointment({
        csn: '285270812',
        start: '2016-07-05T17:40:00.000Z',
        department: 'rockwood',
        provider: 'Maria L. Ortega, MD',
        providerId: '30977',
        cancelDirect: false,
        cancelRequest: true,
        cancelRequestSent: true,
      }),
    ],
    past: [
      makeAppointment({
        csn: '285269001',
        start: '2016-05-02T16:00:00.000Z',
        department: 'rockwood',
        provider: 'Maria L. Ortega, MD',
        providerId: '30977',
        confirmInstant: '2016-04-28T12:00:00',
        cancelDirect: false,
        cancelRequest: false,
      }),
    ],
  };
}

/** The `demo` tenant: the same clinics, placed relative to the server's clock. */
export function demoAppointments(now = Date.now()) {
  const day = 86_400_000;
  const at = (days, utcHour, minute = 0) => {
    const d = new Date(now + days * day);
    d.setUTCHours(utcHour, minute, 0, 0);
    return d.toISOString();
  };
  const future = [
    makeAppointment({
      csn: '285270678',
      start: at(3, 0, 20),
      department: 'sunnyside',
      provider: 'Annette M. Moore, RN',
      providerId: '10818',
      duration: 30,
    }),
    makeAppointment({
      csn: '285270700',
      start: at(5, 20),
      department: 'moanalua',
      provider: 'Keoni Kahananui, MD',
      providerId: '20411',
      visitType: 'Video Visit',
      copay: '25',
      confirmInstant: localWallClock(now - day, 'Pacific/Honolulu'),
      cancelDirect: false,
      instructions: ['Join from a quiet, private place.'],
    }),
    makeAppointment({
      csn: '285270812',
      start: at(9, 17, 40),
      department: 'rockwood',
      provider: 'Maria L. Ortega, MD',
      providerId: '30977',
      cancelDirect: false,
      cancelRequest: true,
    }),
  ];
  const past = [
    makeAppointment({
      csn: '285269001',
      start: at(-14, 16),
      department: 'rockwood',
      provider: 'Maria L. Ortega, MD',
      providerId: '30977',
      confirmInstant: localWallClock(now - 16 * day, 'America/Los_Angeles'),
      cancelDirect: false,
      cancelRequest: false,
    }),
  ];
  return { future, past };
}
