import type { Patient } from '../../src/core/model.js';
import type { BookingProvider } from '../../src/core/provider.js';
import { DemoProvider, type DemoFailure } from '../../src/providers/demo/index.js';
import { NOW, tenantName } from '../helpers.js';
import { conformance, type Operation } from './conformance.js';
import { journeyConformance, type JourneyBackend } from './journey-conformance.js';

// The built-in demo clinic: no server, its clinic lives in the adapter. A tenant is one adapter that every
// page of the test shares, made on first use with the failures armed before.
const failures = new Map<string, Partial<Record<Operation, DemoFailure>>>();

const demo: JourneyBackend = {
  backend: 'demo',
  label: 'Demo',
  offers: { findSlots: true, book: 'api', listAppointments: true, cancel: true, confirm: true },
  now: NOW,
  patients: ['demo-patient', 'another-patient'],
  options: {},
  page: { practitioner: 'ruiz', start: '2026-03-03', days: 1 },
  wire: false,
  errorText: true,
  async tenant() {
    const name = tenantName('demo');
    const armed: Partial<Record<Operation, DemoFailure>> = {};
    failures.set(name, armed);
    let shared: BookingProvider | undefined;
    return {
      name,
      shared: (options) =>
        (shared ??= new DemoProvider({ options: { ...options, failures: armed }, now: () => new Date(NOW) })),
    };
  },
  async fault(t, op, fault) {
    if (fault.kind !== 'status') throw new Error(`the demo backend cannot fail with ${fault.kind}`);
    failures.get(t.name)![op] = { kind: 'upstream-unavailable', message: fault.message, times: fault.times };
  },
  // Holds (holdSeconds, default 600), new patients and dependents, all in memory; moves by booking, then cancelling.
  journey: { hold: true, reschedule: false, newPatient: true, dependents: true, signIn: false },
  newPatient: {
    details: { name: { given: 'Zelinda', family: 'Quintero' }, birthDate: '1990-04-12', phone: '+1 212 555 0100' },
    async records(t) {
      // The clinic's own records: the patients it registered, and their appointments.
      const clinic = t.shared!({}) as DemoProvider;
      const registered = [...(clinic as unknown as { registered: Map<string, Patient> }).registered.values()];
      const lists = await Promise.all(registered.map((p) => clinic.listAppointments({ patientId: p.id })));
      return { patients: registered.length, appointments: lists.flat().length };
    },
  },
};

conformance(demo);
journeyConformance(demo);
