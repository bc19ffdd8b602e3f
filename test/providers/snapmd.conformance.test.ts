import { expect } from '@open-wc/testing';
import { NOW, armFault } from '../helpers.js';
import { conformance, contractServer } from './conformance.js';
import { NO_JOURNEY, journeyConformance, type JourneyBackend } from './journey-conformance.js';

// SnapMD / Connected Care against test/servers/snapmd/server.mjs, at the fixed clock (Monday 2 March 2026,
// 10:00 AM in New York): Bob Ivonoff's video self-scheduling block, 2–6 PM Eastern, 15-minute slots.
const BOB = '53484dcc-83ea-4e9f-8af7-c93bbeb1445d';
const PATIENT = '5b4fd4d8-d234-40ee-bd7c-1894411c9b21';
const SECOND_PATIENT = '6c5e7f80-1a2b-4c3d-9e8f-0a1b2c3d4e5f';
const server = contractServer('snapmd', {
  prefix: 'snap',
  setup: { now: NOW },
  baseUrl: (name) => `/mock/snapmd/${name}/api`,
});

const snapmd: JourneyBackend = {
  backend: 'snapmd',
  label: 'SnapMD',
  offers: { findSlots: true, book: 'api', listAppointments: true, cancel: true, confirm: false },
  now: NOW,
  patients: [PATIENT, SECOND_PATIENT],
  options: {
    developerId: 'careslot-dev',
    apiKey: 'careslot-key',
    getToken: async () => 'patient-token',
    timeZoneId: 1001,
    serviceTypeId: 307,
    concerns: [{ code: 2305, description: 'Fever (100+)' }],
  },
  page: { practitioner: BOB, start: '2026-03-02', days: 2 },
  ...server,
  wire: true,
  errorText: true,
  tokens: { options: (getToken) => ({ getToken }), expired: 'expired-token', fresh: 'patient-fresh' },
  markup: {
    texts: ['<img src=x onerror=alert(1)>'],
    setup: { clinicianNames: { [BOB]: { name: '<img src=x onerror=alert(1)>', lastName: '' } } },
    page: { practitioner: '' },
  },
  errors: {
    taken: { message: 'The selected time is no longer available' },
    race: { message: 'The selected time is no longer available' },
    'error:findSlots': { message: 'An error has occurred.' },
    'token-refused': { message: 'Authorization has been denied for this request.' },
    'malformed:findSlots': { message: 'SnapMD sent a response that is not valid JSON.' },
    'malformed:listAppointments': { message: 'SnapMD sent a response that is not valid JSON.' },
  },
  race: async (t) => {
    // Both creates reached SnapMD, one per patient.
    type Create = { body: { participants: { personId: string; participantTypeCode: number }[] } };
    const creates = (await server.log!(t)).filter((r) => r.op === 'book') as unknown as Create[];
    expect(creates).to.have.length(2);
    const patients = creates.map((r) => r.body.participants.find((p) => p.participantTypeCode === 1)!.personId);
    expect(patients.sort()).to.deep.equal([PATIENT, SECOND_PATIENT].sort());
  },

  // Reschedules (PUT v3/…/appointments/{id}); `role: 'patients'` books with the patient's own token: signed in.
  journey: { ...NO_JOURNEY, reschedule: true, signIn: true },
  reschedule: { fault: (t, fault) => armFault('snapmd', t.name, { ...fault, op: 'update' }) },
};

conformance(snapmd);
journeyConformance(snapmd);
