// The demo site's pages: one per backend, each against its contract server under /mock/<backend>/demo.
// Each demo/<file> is a stub with its <title>; demo/page.ts renders the shared chrome (header, nav, the
// picker, button and appointment cards) from the page's row here. To add a backend's page, add a row and
// copy a stub (demo/<backend>.html).
import { html, type TemplateResult } from 'lit';

export interface DemoPage {
  /** The page's file in demo/ ('' is index.html), also its nav link. */
  file: string;
  /** Its name in the nav. */
  label: string;
  heading: string;
  lead: TemplateResult;
  /** <booking-provider> attributes and adapter options. */
  backend: string;
  baseUrl?: string;
  patient?: string;
  options?: Record<string, unknown>;
  /** <visit-filter> and <time-zone-select> above the picker; `initial` presets the clinician or place. */
  filter?: {
    attribute: 'practitioner' | 'location';
    initial?: string;
  };
  /** Card headings, when the page says something else than "1. Pick a time" / "2. Book it". */
  pickHeading?: string;
  bookHeading?: string;
  /** Confirm this appointment (id) instead of booking the picked time. */
  confirmAppointment?: string;
  /** Whether the page lists the patient's appointments (a slot publisher has none). */
  appointments?: boolean;
  /** The whole journey in one `<booking-flow>` (for a visitor the backend does not know yet). */
  flow?: boolean;
}

export const DEMO_PAGES: DemoPage[] = [
  {
    file: '',
    label: 'Demo clinic',
    heading: 'Book a visit',
    lead: html`New here? Choose the kind of visit, a time with one of our clinicians in New York, Phoenix, Adelaide or
    London (or a video visit from home), tell us who you are, and you are booked. We hold your time for ten minutes
    while you fill in your details. In-person times are shown in the clinic's time zone; video and phone visits in
    yours.`,
    backend: 'demo',
    options: { latencyMs: 350 },
    flow: true,
  },
  {
    file: 'portal.html',
    label: 'Patient portal',
    heading: 'Your visits',
    lead: html`Signed in as Jordan Avery: choose a time with one of our clinicians, or confirm, move or cancel the
    appointments you have.`,
    backend: 'demo',
    patient: 'demo-patient',
    options: { latencyMs: 350 },
    filter: {
      attribute: 'practitioner',
      initial: 'ruiz',
    },
  },
  {
    file: 'fhir.html',
    label: 'FHIR R4',
    heading: 'Book a visit (FHIR R4 server)',
    lead: html`These times come from a FHIR R4 server (Medplum's FHIR engine behind <code>/mock/fhir/demo</code>):
      Schedules and free Slots, booked by creating an Appointment and claiming the Slot with <code>If-Match</code>. New
      York and Phoenix name their zone with the FHIR timezone extension; the Chicago clinic has none, so this page sets
      it in the options. Times are shown in each clinic's zone.`,
    backend: 'fhir',
    baseUrl: '/mock/fhir/demo',
    patient: 'pat-1',
    options: { locationTimeZones: { 'loc-chi': 'America/Chicago' } },
    filter: {
      attribute: 'practitioner',
      initial: 'pr-ruiz',
    },
  },
  {
    file: 'canvas.html',
    label: 'Canvas',
    heading: 'Book a visit (Canvas Medical)',
    lead: html`Times and appointments come from a stand-in for the Canvas Medical FHIR API
      (<code>/mock/canvas/demo</code>): Slot search per schedule, bookings answered <code>201</code> with a
      <code>null</code> body, cancel and confirm as <code>PUT</code>. Canvas locations carry no time zone, so the page
      says New York for Harbor Family Clinic and Phoenix for Desert Springs Clinic. Confirm the unconfirmed visit,
      cancel another, or join the video visit.`,
    backend: 'canvas',
    baseUrl: '/mock/canvas/demo',
    patient: 'a29eaebb284143ba97c76b01fdb46964',
    options: {
      getToken: 'canvas-test-token',
      locationTimeZones: {
        '5f3f2f5e-6c1b-4b8e-9a6f-1c2d3e4f5a61': 'America/New_York',
        '8b7c6d5e-4f3a-4b2c-8d1e-0f9a8b7c6d52': 'America/Phoenix',
      },
      scheduleLocations: {
        '1': '5f3f2f5e-6c1b-4b8e-9a6f-1c2d3e4f5a61',
        '2': '8b7c6d5e-4f3a-4b2c-8d1e-0f9a8b7c6d52',
      },
      durationMinutes: 20,
    },
    filter: {
      attribute: 'practitioner',
      initial: '3a182f42885645e0bc3d608e7c02aad8',
    },
  },
  {
    file: 'kp-mycare.html',
    label: 'KP mycare',
    heading: 'Your appointments (KP mycare)',
    lead: html`These appointments come from a stand-in for Kaiser Permanente's mycare appointments API v1.0
    (<code>/mock/kp-mycare/demo</code>). KP offers no online booking here, so the picker gives the clinic's phone
    number. Confirm an appointment, cancel one directly, or send a cancellation request where only that is allowed.
    In-person visits show in the clinic's zone (Oregon); the video visit with the Honolulu clinic shows in yours, with
    the clinic's time beside it.`,
    backend: 'kp-mycare',
    baseUrl: '/mock/kp-mycare/demo',
    patient: 'member',
    // A real portal gets the session from KP's single sign-on; the contract server takes any value.
    options: {
      apiKey: 'demo-api-key',
      appName: 'careslot-demo',
      pastPath: 'mycare/appointments/{version}/past',
      phone: '503-571-2640',
      getSession: async () => 'demo-session',
    },
    pickHeading: 'Book a visit',
    bookHeading: 'Confirm your next visit',
    confirmAppointment: '285270678',
  },
  {
    file: 'medfusion.html',
    label: 'Medfusion',
    heading: 'Your appointments (Medfusion)',
    lead: html`Medfusion's appointmentsdata API is display-only: the practice pushes appointments (NEW, UPDATE, CANCEL)
    into the portal as XML. This page reads them from the practice's AppointmentData feed on a stand-in server
    (<code>/mock/medfusion/demo</code>). There is no online booking, so the picker gives the practice's phone number.
    Times are shown in the practice's zone (Pacific).`,
    backend: 'medfusion',
    baseUrl: '/mock/medfusion/demo',
    patient: '787',
    // A real portal gets the OAuth access token from its own server; the contract server takes any bearer token.
    options: {
      practiceId: '1c7ecf9f-9700-4e70-b976-9356db658274',
      getToken: async () => 'demo-token',
      timeZone: 'America/Los_Angeles',
      phone: '(530) 555-0100',
    },
    pickHeading: 'Book a visit',
    bookHeading: 'Book it',
  },
  {
    file: 'salesforce.html',
    label: 'Salesforce Health Cloud',
    heading: 'Book at Lakeside Medical Center',
    lead: html`These times come from a stand-in for the Salesforce Health Cloud appointment-management Connect API
    (<code>/mock/salesforce/demo</code>): Get Slots, Book, Update and Cancel, with the appointment list read through a
    ServiceAppointment query. Lakeside is in Chicago: in-person times show in its zone, Dr. Ortiz's video visits in
    yours, with the clinic's time beside them.`,
    backend: 'salesforce',
    baseUrl: '/mock/salesforce/demo',
    patient: '001Hs00000PaT01AAA',
    // A real portal gets the token from its OAuth flow; the contract server takes any token.
    options: {
      getToken: async () => 'demo-access-token',
      workTypeId: '08qHs000000WtA1AAK',
      workTypeName: 'Office visit',
      channelId: '0eFHs000000Ch01AAC',
      locations: [
        {
          id: '0lzHs000000Lk01AAC',
          name: 'Lakeside Medical Center',
          timeZone: 'America/Chicago',
          phone: '+1 312 555 0110',
        },
      ],
      resources: [
        { id: '0cmHs0000000Wh1AAE', name: 'Dr. Grace Whitfield', specialty: 'Family medicine' },
        { id: '0cmHs0000000Wh2AAE', name: 'Dr. Samuel Ortiz', specialty: 'Internal medicine', mode: 'video' },
        { id: '0cmHs0000000Wh3AAE', name: 'Dr. Ana Lindqvist', specialty: 'Radiology' },
      ],
      listAppointments: 'soql',
      phone: '+1 312 555 0110',
    },
    filter: {
      attribute: 'practitioner',
      initial: '0cmHs0000000Wh1AAE',
    },
  },
  {
    file: 'snapmd.html',
    label: 'SnapMD',
    heading: 'Book a video visit',
    lead: html`These times come from a stand-in for SnapMD's Connected Care V3 API (<code>/mock/snapmd/demo/api</code>):
      self-scheduling slots, appointments created with <code>zonedTime</code>, cancelled with DELETE. The clinic is in
      New York; video visits show in your time zone with the clinic's time beside them.`,
    backend: 'snapmd',
    baseUrl: '/mock/snapmd/demo/api',
    patient: '5b4fd4d8-d234-40ee-bd7c-1894411c9b21',
    // A real portal gets the token from POST v2/account/token (or SSO); the contract server takes "patient…" tokens.
    options: {
      developerId: 'careslot-dev',
      apiKey: 'careslot-key',
      getToken: async () => 'patient-demo-token',
      timeZone: 'America/New_York',
      serviceTypeId: 307,
      concerns: [{ code: 2305, description: 'Fever (100+)' }],
      phone: '+1 212 555 0142',
    },
    filter: {
      attribute: 'practitioner',
    },
  },
  {
    file: 'smart-links.html',
    label: 'SMART Scheduling Links',
    heading: 'Find a vaccine appointment (SMART Scheduling Links)',
    lead: html`Free times come from a SMART Scheduling Links publisher (<code
        >/mock/smart-links/demo/$bulk-publish</code
      >
      and its NDJSON files). Booking continues on the clinic's own site: the button opens its booking link. Phoenix
      takes bookings by phone only, and some Pittsfield times have several places. Times show in each clinic's zone,
      taken from its state.`,
    backend: 'smart-links',
    baseUrl: '/mock/smart-links/demo',
    options: {
      source: 'careslot-demo',
      stateTimeZones: { MA: 'America/New_York', CA: 'America/Los_Angeles', AZ: 'America/Phoenix' },
    },
    filter: {
      attribute: 'location',
      initial: '123',
    },
    appointments: false,
  },
];
