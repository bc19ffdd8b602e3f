import { putTenantData } from '../helpers.js';
import { conformance, contractServer } from './conformance.js';
import { NO_JOURNEY, journeyConformance, type JourneyBackend } from './journey-conformance.js';

// Medfusion against test/servers/medfusion/server.mjs: display only, the seed's December 2016 appointments of
// patient 787; with `practiceCancel` the adapter cancels by posting Status=CANCEL and polling the job.
const server = contractServer('medfusion', { prefix: 'mf', ops: { cancel: 'post' } });

const medfusion: JourneyBackend = {
  backend: 'medfusion',
  label: 'Medfusion',
  offers: { findSlots: false, book: false, listAppointments: true, cancel: true, confirm: false },
  now: '2016-12-01T12:00:00.000Z',
  patients: ['787'],
  options: {
    practiceId: '1c7ecf9f-9700-4e70-b976-9356db658274',
    getToken: async () => 'test-token',
    timeZone: 'America/Los_Angeles',
    phone: '(530) 555-0100',
    pollIntervalMs: 30,
    practiceCancel: true,
  },
  page: { filter: 'all' },
  ...server,
  wire: true,
  tokens: { options: (getToken) => ({ getToken }), expired: 'expired-token', fresh: 'fresh-token' },
  phone: { number: '(530) 555-0100' },
  markup: {
    texts: ['<img src=x onerror=alert(1)>', '<b>Chico</b>', '<script>alert(2)</script>'],
    prepare: (t) =>
      putTenantData(
        'medfusion',
        t.name,
        `<AppointmentData><Appointments><AppointmentId>9</AppointmentId><Status>NEW</Status><Time>2016-12-20T17:00:00Z</Time>
        <Location>&lt;b&gt;Chico&lt;/b&gt;</Location><Description><![CDATA[<script>alert(2)</script>]]></Description>
        <Patient><PatientId>787</PatientId></Patient>
        <Participant><Type>PROVIDER</Type><ProviderName>&lt;img src=x onerror=alert(1)&gt;</ProviderName></Participant></Appointments></AppointmentData>`,
      ),
  },
  errors: {
    'malformed:listAppointments': { message: 'Medfusion sent an appointment list that is not valid XML.' },
    'error:listAppointments': { message: 'The server encountered an internal error.' },
    'token-refused': { message: 'Unauthorized request. Check the OAuth attributes.' },
  },

  journey: NO_JOURNEY,
};

conformance(medfusion);
journeyConformance(medfusion);
