import { putTenantData, tenantData } from '../helpers.js';
import { conformance, contractServer } from './conformance.js';
import { NO_JOURNEY, journeyConformance, type JourneyBackend } from './journey-conformance.js';

// Kaiser Permanente mycare against test/servers/kp-mycare/server.mjs: the member's June 2016 appointments
// around the API page's example (no slot search, so no online booking).
const server = contractServer('kp-mycare', { prefix: 'kp' });

interface KpAppointment {
  ProviderDepartments: { Provider: { Name: string }; Department: { Name: string } }[];
  PatientInstructions: unknown[];
}

const kp: JourneyBackend = {
  backend: 'kp-mycare',
  label: 'KP',
  offers: { findSlots: false, book: false, listAppointments: true, cancel: true, confirm: true },
  now: '2016-06-01T12:00:00.000Z',
  patients: ['member-1'],
  options: { apiKey: 'test-api-key', appName: 'careslot-tests', getSession: async () => 'host-session' },
  page: { filter: 'all' },
  ...server,
  wire: true,
  errorText: true,
  tokens: { options: (getSession) => ({ getSession }), expired: 'expired-session', fresh: 'renewed-session' },
  phone: { number: '1-800-813-2000', options: { phone: '1-800-813-2000' } },
  markup: {
    texts: ['<img src=x onerror=alert(1)>', '<b>Sunnyside</b>', '<script>alert(2)</script>'],
    prepare: async (t) => {
      const { Appointments } = JSON.parse(await tenantData('kp-mycare', t.name)) as { Appointments: KpAppointment[] };
      const [evil] = Appointments;
      evil.ProviderDepartments[0].Provider.Name = '<img src=x onerror=alert(1)>';
      evil.ProviderDepartments[0].Department.Name = '<b>Sunnyside</b>';
      evil.PatientInstructions = ['<script>alert(2)</script>'];
      await putTenantData('kp-mycare', t.name, { Appointments: [evil] });
    },
  },
  errors: {
    'malformed:listAppointments': { message: 'KP sent an appointment list that is not valid JSON.' },
    'error:confirm': { message: 'An application error occurred.', backendCode: 'a:InternalFault (UnknownError)' },
    'token-refused': {
      message: 'Unauthorized; invalid ssoSession or ObSSOCookie',
      backendCode: 'a:SecurityFault (InvalidSession)',
    },
  },

  // Every call carries the member's own SSO session: signed in, but nothing to book here.
  journey: { ...NO_JOURNEY, signIn: true },
};

conformance(kp);
journeyConformance(kp);
