import type { Location, Practitioner, Service, VisitMode } from '../../core/model.js';

/** The demo clinic group: four sites chosen for their time zones. */
export const DEMO_LOCATIONS: Location[] = [
  {
    id: 'harbor',
    name: 'Harbor Family Clinic',
    timeZone: 'America/New_York', // DST (US dates)
    address: { lines: ['120 Water Street'], city: 'New York', state: 'NY', postalCode: '10038', country: 'US' },
    phone: '+1 212 555 0142',
  },
  {
    id: 'desert',
    name: 'Desert Springs Clinic',
    timeZone: 'America/Phoenix', // no DST
    address: { lines: ['4410 E Camelback Rd'], city: 'Phoenix', state: 'AZ', postalCode: '85018', country: 'US' },
    phone: '+1 602 555 0199',
  },
  {
    id: 'adelaide',
    name: 'Adelaide Hills Health',
    timeZone: 'Australia/Adelaide', // half-hour offset, southern-hemisphere DST
    address: { lines: ['18 Mount Barker Rd'], city: 'Adelaide', state: 'SA', postalCode: '5000', country: 'AU' },
    phone: '+61 8 5550 1234',
  },
  {
    id: 'thames',
    name: 'Thameside Surgery',
    timeZone: 'Europe/London', // DST on European dates
    address: { lines: ['7 Riverside Walk'], city: 'London', postalCode: 'SE1 9PP', country: 'GB' },
    phone: '+44 20 5550 7788',
  },
];

/** The demo's visit types: one per way of attending, so a block's mode is its service. */
export const DEMO_SERVICES: Record<VisitMode, Service> = {
  'in-person': { id: 'office-visit', name: 'Office visit', mode: 'in-person' },
  video: { id: 'video-visit', name: 'Video visit', mode: 'video' },
  phone: { id: 'phone-visit', name: 'Phone call', mode: 'phone' },
};

/** A block of working time in the clinic's local wall-clock time, minutes from midnight. */
export interface WorkBlock {
  from: number;
  to: number;
  mode: VisitMode;
}

export interface DemoPractitioner extends Practitioner {
  locationId: string;
  slotMinutes: number;
  /** ISO weekdays worked (1 = Monday). */
  weekdays: number[];
  blocks: WorkBlock[];
}

const h = (hours: number, minutes = 0): number => hours * 60 + minutes;
const WEEKDAYS = [1, 2, 3, 4, 5];

export const DEMO_PRACTITIONERS: DemoPractitioner[] = [
  {
    id: 'ruiz',
    name: 'Dr. Ana Ruiz',
    specialty: 'Family medicine',
    locationId: 'harbor',
    slotMinutes: 30,
    weekdays: WEEKDAYS,
    blocks: [
      { from: h(9), to: h(12), mode: 'in-person' },
      { from: h(13), to: h(16, 30), mode: 'video' },
    ],
  },
  {
    id: 'okafor',
    name: 'Dr. Chidi Okafor',
    specialty: 'Pediatrics',
    locationId: 'harbor',
    slotMinutes: 20,
    weekdays: [1, 2, 4, 5],
    blocks: [
      { from: h(8, 30), to: h(12), mode: 'in-person' },
      { from: h(13), to: h(15), mode: 'in-person' },
    ],
  },
  {
    // Works through the night in New York, so DST changes fall inside the working hours.
    id: 'night-line',
    name: 'Night Nurse Line',
    specialty: 'Nurse triage',
    locationId: 'harbor',
    slotMinutes: 30,
    weekdays: [1, 2, 3, 4, 5, 6, 7],
    blocks: [{ from: h(0), to: h(4), mode: 'video' }],
  },
  {
    id: 'nguyen',
    name: 'Dr. Linh Nguyen',
    specialty: 'Dermatology',
    locationId: 'desert',
    slotMinutes: 30,
    weekdays: WEEKDAYS,
    blocks: [
      { from: h(7), to: h(11), mode: 'in-person' },
      { from: h(12), to: h(15), mode: 'video' },
    ],
  },
  {
    id: 'begay',
    name: 'Dr. Daniel Begay',
    specialty: 'Family medicine',
    locationId: 'desert',
    slotMinutes: 30,
    weekdays: [1, 3, 5],
    blocks: [
      { from: h(9), to: h(12), mode: 'in-person' },
      { from: h(13), to: h(17), mode: 'in-person' },
    ],
  },
  {
    id: 'walsh',
    name: 'Dr. Siobhan Walsh',
    specialty: 'General practice',
    locationId: 'adelaide',
    slotMinutes: 30,
    weekdays: WEEKDAYS,
    blocks: [
      { from: h(8, 30), to: h(12, 30), mode: 'in-person' },
      { from: h(13, 30), to: h(17), mode: 'in-person' },
    ],
  },
  {
    id: 'tan',
    name: 'Dr. Mei Tan',
    specialty: 'Psychology',
    locationId: 'adelaide',
    slotMinutes: 45,
    weekdays: [2, 3, 4, 6],
    blocks: [
      { from: h(10), to: h(13), mode: 'video' },
      { from: h(14), to: h(18, 30), mode: 'video' },
    ],
  },
  {
    id: 'patel',
    name: 'Dr. Priya Patel',
    specialty: 'Cardiology',
    locationId: 'thames',
    slotMinutes: 30,
    weekdays: WEEKDAYS,
    blocks: [
      { from: h(9), to: h(12, 30), mode: 'in-person' },
      { from: h(13, 30), to: h(17), mode: 'phone' },
    ],
  },
];

export const DEMO_PATIENT = { id: 'demo-patient', name: 'Jordan Avery' };
