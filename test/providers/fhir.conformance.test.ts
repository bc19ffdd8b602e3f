import { expect } from '@open-wc/testing';
import type { PatientDetails } from '../../src/core/model.js';
import { NOW } from '../helpers.js';
import { conformance, contractServer } from './conformance.js';
import { NO_JOURNEY, journeyConformance, type JourneyBackend } from './journey-conformance.js';

// FHIR R4 against Medplum's engine (test/servers/fhir/server.mjs): Dr. Ana Ruiz in New York, 9:00, 9:30 and
// 10:00 on the weekdays around the DST change of 8 March 2026; plain REST (no $hold/$book).
const NEW_PATIENT: PatientDetails = {
  name: { given: 'Zelinda', family: 'Quintero' },
  birthDate: '1990-04-12',
  phone: '+1 212 555 0100',
};
const server = contractServer('fhir', { prefix: 'plain', ops: { cancel: 'update' } });

const fhir: JourneyBackend = {
  backend: 'fhir',
  label: 'The FHIR server',
  offers: { findSlots: true, book: 'api', listAppointments: true, cancel: true, confirm: false },
  now: NOW,
  patients: ['pat-1', 'pat-2'],
  options: {},
  page: { practitioner: 'pr-ruiz', start: '2026-03-06', days: 4 },
  ...server,
  wire: true,
  errorText: true,
  tokens: {
    options: (getToken) => ({ getToken }),
    expired: 'expired-token',
    fresh: 'fresh-token',
    setup: { requireToken: 'fresh-token' },
  },
  // Every test tenant has a practitioner named so (pr-xss, Phoenix).
  markup: { texts: ['<img src=x onerror=alert(1)>'], page: { practitioner: 'pr-xss' } },
  errors: {
    // The OperationOutcome's text, for developers (patients read the sentence of the error's kind).
    'error:findSlots': { message: 'Injected failure 500.' },
    'token-refused': { message: 'The access token is missing or has expired.' },
    'malformed:findSlots': { message: 'The FHIR server sent a response that is not valid JSON.' },
  },
  race: async (t, slot) => {
    const search = await fetch(`${t.baseUrl}/Appointment?slot=Slot/${slot.id}&status=booked`);
    expect(((await search.json()) as { entry?: unknown[] }).entry).to.have.length(1);
  },

  // Holds only where the CapabilityStatement offers $hold/$book (tenants named ops…); a release cancels the held
  // appointment. Moves by booking, then cancelling. New patients: $match where offered, else If-None-Exist.
  journey: { ...NO_JOURNEY, newPatient: true },
  hold: {
    setup: { prefix: 'ops' },
    // The held appointment carries its expiry (an extension ending in hold-expires), else the holdMinutes option.
    released: (r, hold) => r.op === 'update' && r.path === `/Appointment/${hold.id}`,
  },
  newPatient: {
    details: NEW_PATIENT,
    records: async (t) => {
      const search = async (query: string) =>
        ((await (await fetch(`${t.baseUrl}/${query}`)).json()) as { entry?: { resource: { id: string } }[] }).entry ??
        [];
      const patients = await search(`Patient?family=${NEW_PATIENT.name!.family}&birthdate=${NEW_PATIENT.birthDate}`);
      const appointments = await Promise.all(
        patients.map((p) => search(`Appointment?patient=Patient/${p.resource.id}`)),
      );
      return { patients: patients.length, appointments: appointments.flat().length };
    },
  },
};

conformance(fhir);
journeyConformance(fhir);
