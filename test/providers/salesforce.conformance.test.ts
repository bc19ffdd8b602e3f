import { expect } from '@open-wc/testing';
import { NOW, armFault } from '../helpers.js';
import { conformance, contractServer } from './conformance.js';
import { NO_JOURNEY, journeyConformance, type JourneyBackend } from './journey-conformance.js';

// Salesforce Health Cloud against test/servers/salesforce/server.mjs, at the fixed clock (Monday 2 March 2026,
// 9:00 AM in Chicago): Dr. Grace Whitfield, 30-minute slots; appointments listed through SOQL.
const WHITFIELD = '0cmHs0000000Wh1AAE';
const server = contractServer('salesforce', { prefix: 'sf', setup: { now: NOW } });
const options = {
  getToken: async () => 'test-access-token',
  workTypeId: '08qHs000000WtA1AAK',
  channelId: '0eFHs000000Ch01AAC',
  locations: [{ id: '0lzHs000000Lk01AAC', name: 'Lakeside Medical Center', timeZone: 'America/Chicago' }],
  resources: [
    { id: WHITFIELD, name: 'Dr. Grace Whitfield', specialty: 'Family medicine' },
    { id: '0cmHs0000000Wh2AAE', name: 'Dr. Samuel Ortiz', mode: 'video' },
    { id: '0cmHs0000000Wh3AAE', name: 'Dr. Ana Lindqvist' },
  ],
  listAppointments: 'soql',
};

const salesforce: JourneyBackend = {
  backend: 'salesforce',
  label: 'Salesforce',
  offers: { findSlots: true, book: 'api', listAppointments: true, cancel: true, confirm: false },
  now: NOW,
  patients: ['001Hs00000PaT01AAA', '001Hs00000PaT02AAA'],
  options,
  page: { practitioner: WHITFIELD, start: '2026-03-02', days: 2 },
  ...server,
  wire: true,
  errorText: true,
  tokens: { options: (getToken) => ({ getToken }), expired: 'expired-token', fresh: 'fresh-token' },
  // Practitioner names come from the configuration.
  markup: {
    texts: ['<img src=x onerror=alert(1)>'],
    options: { resources: [{ id: WHITFIELD, name: '<img src=x onerror=alert(1)>' }, options.resources[1]] },
    page: { practitioner: '' },
  },
  errors: {
    taken: { message: 'The selected time slot is no longer available. Select another slot.' },
    race: { message: 'The selected time slot is no longer available. Select another slot.' },
    'error:findSlots': { message: /^An unexpected error occurred/, backendCode: 'UNKNOWN_EXCEPTION' },
    'token-refused': { message: 'Session expired or invalid', backendCode: 'INVALID_SESSION_ID' },
    'malformed:findSlots': { message: 'Salesforce sent a response that is not valid JSON.' },
  },
  race: async (t) => {
    // Both Book calls reached Salesforce, one per patient; it kept one appointment.
    const books = (await server.log!(t)).filter((r) => r.op === 'book') as { body?: { participants: unknown } }[];
    expect(books).to.have.length(2);
    expect(new Set(books.map((r) => JSON.stringify(r.body?.participants))).size).to.equal(2);
  },

  // Reschedules (PUT …/appointment/{id}); books only for a known patient (Account id).
  journey: { ...NO_JOURNEY, reschedule: true },
  reschedule: { fault: (t, fault) => armFault('salesforce', t.name, { ...fault, op: 'update' }) },
};

conformance(salesforce);
journeyConformance(salesforce);
