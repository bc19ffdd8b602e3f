import { expect } from '@open-wc/testing';
import type { PatientDetails } from '../../src/core/model.js';
import { NOW } from '../helpers.js';
import { conformance, contractServer } from './conformance.js';
import { NO_JOURNEY, journeyConformance, type JourneyBackend } from './journey-conformance.js';

// Canvas Medical against test/servers/canvas/server.mjs: Dr. Ana Ruiz on Tuesday 10 March 2026, 20-minute slots.
const TOKEN = 'canvas-test-token';
const RUIZ = '3a182f42885645e0bc3d608e7c02aad8';
const HARBOR = '5f3f2f5e-6c1b-4b8e-9a6f-1c2d3e4f5a61';
const DESERT = '8b7c6d5e-4f3a-4b2c-8d1e-0f9a8b7c6d52';
const NEW_PATIENT: PatientDetails = {
  name: { given: 'Zelinda', family: 'Quintero' },
  birthDate: '1990-04-12',
  phone: '+1 212 555 0100',
};
const server = contractServer('canvas', { prefix: 'cv', ops: { cancel: 'update', confirm: 'update' } });

const canvas: JourneyBackend = {
  backend: 'canvas',
  label: 'Canvas',
  offers: { findSlots: true, book: 'api', listAppointments: true, cancel: true, confirm: true },
  now: NOW,
  patients: ['a29eaebb284143ba97c76b01fdb46964', '9420c5f6c44e47ec82d7e48f78d5723a'],
  options: {
    getToken: async () => TOKEN,
    locationTimeZones: { [HARBOR]: 'America/New_York', [DESERT]: 'America/Phoenix' },
    scheduleLocations: { '1': HARBOR, '2': DESERT },
  },
  page: { practitioner: RUIZ, start: '2026-03-10', days: 1 },
  ...server,
  wire: true,
  unread: { book: 'its booking answer has no body (201, null, the id in the Location header)' },
  tokens: { options: (getToken) => ({ getToken }), expired: 'expired-token', fresh: TOKEN },
  markup: {
    texts: ['<img src=x onerror=alert(1)>'],
    // Tenants named xss… have a practitioner named so.
    setup: { prefix: 'xss' },
    page: { practitioner: '' },
  },
  errors: {
    taken: { message: 'This appointment time is no longer available.', status: 422 },
    race: { message: 'This appointment time is no longer available.', status: 422 },
    'error:findSlots': { message: 'The scheduling system is unavailable right now.' },
    'token-refused': { message: 'Your session has expired. Please sign in again.' },
    'malformed:listAppointments': { message: 'Canvas sent a response that is not valid JSON.' },
  },
  race: async (t, slot) => {
    // Both POSTs reached Canvas; exactly one appointment holds that time.
    const log = await server.log!(t);
    expect(log.filter((r) => r.op === 'book')).to.have.length(2);
    const search = await fetch(
      `${t.baseUrl}/Appointment?practitioner=Practitioner/${RUIZ}&date=eq${slot.start.slice(0, 10)}&status=booked`,
      { headers: { Authorization: `Bearer ${TOKEN}` } },
    );
    const bundle = (await search.json()) as { entry: { resource: { start: string } }[] };
    const at = (s: string) => Date.parse(s) === Date.parse(slot.start);
    expect(bundle.entry.filter((e) => at(e.resource.start))).to.have.length(1);
  },

  // Moves by booking, then cancelling. New patients: a search by identifier, then POST Patient.
  journey: { ...NO_JOURNEY, newPatient: true },
  newPatient: {
    details: NEW_PATIENT,
    records: async (t) => {
      const search = async (query: string) =>
        (
          (await (await fetch(`${t.baseUrl}/${query}`, { headers: { Authorization: `Bearer ${TOKEN}` } })).json()) as {
            entry?: { resource: { id: string } }[];
          }
        ).entry ?? [];
      const patients = await search(`Patient?family=${NEW_PATIENT.name!.family}&birthdate=${NEW_PATIENT.birthDate}`);
      const appointments = await Promise.all(
        patients.map((p) => search(`Appointment?patient=Patient/${p.resource.id}`)),
      );
      return { patients: patients.length, appointments: appointments.flat().length };
    },
  },
};

conformance(canvas);
journeyConformance(canvas);
