import { NOW } from '../helpers.js';
import { conformance, contractServer } from './conformance.js';
import { NO_JOURNEY, journeyConformance, type JourneyBackend } from './journey-conformance.js';

// A SMART Scheduling Links publisher (test/servers/smart-links/server.mjs): the spec's Pittsfield pharmacy,
// 9:00–11:40 New York time every 20 minutes; booking continues on the clinic's site (a deep link).
const server = contractServer('smart-links', { prefix: 'sl', ops: { findSlots: 'manifest' } });

const smartLinks: JourneyBackend = {
  backend: 'smart-links',
  label: 'The slot publisher',
  offers: { findSlots: true, book: 'redirect', listAppointments: false, cancel: false, confirm: false },
  now: NOW,
  patients: [],
  options: {
    source: 'careslot-test',
    bookingReferral: 'ref-123',
    stateTimeZones: { MA: 'America/New_York', CA: 'America/Los_Angeles' },
    locationTimeZones: { 'phoenix-walk-in': 'America/Phoenix' },
  },
  page: { location: '123', start: '2026-03-03', days: 1 },
  ...server,
  wire: true,
  // Tenants named xss… name the Echo Park location so.
  markup: {
    texts: ['<img src=x onerror=alert(1)>'],
    setup: { prefix: 'xss' },
    page: { location: 'echo-park', service: 'covid19-immunization' },
  },
  errors: {
    'error:findSlots': { message: 'The scheduling system is unavailable right now.' },
    'malformed:findSlots': { message: 'The slot publisher sent a response that is not valid JSON.' },
  },

  journey: NO_JOURNEY,
};

conformance(smartLinks);
journeyConformance(smartLinks);
