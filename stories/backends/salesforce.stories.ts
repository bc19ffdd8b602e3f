import type { Meta } from '@storybook/web-components-vite';
import { STORY_NOW } from '../support/page.js';
import { backendMeta, backendStory, control, type BackendStoryConfig } from '../support/backend.js';

/** Salesforce Health Cloud appointment management (docs/backends/salesforce.md). */
const config: BackendStoryConfig = {
  backend: 'salesforce',
  baseUrl: (tenant) => `/mock/salesforce/${tenant}`,
  patient: '001Hs00000PaT01AAA',
  options: {
    getToken: async () => 'storybook-access-token',
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
    ],
    listAppointments: 'soql',
    phone: '+1 312 555 0110',
  },
  picker: { practitioner: '0cmHs0000000Wh1AAE', days: 2 },
  // A fresh tenant lives at the stories' clock.
  prepare: (tenant) => control(`/mock/salesforce/${tenant}/__test/reset`, { now: STORY_NOW }),
  // Get Slots answers 500 once.
  breakOnce: (tenant) =>
    control(`/mock/salesforce/${tenant}/__test/fault`, { op: 'slots', kind: 'status', status: 500, times: 1 }),
  errorIn: 'slot-picker',
  offers: { slots: true, list: true, book: 'booked' },
};

const meta = { title: 'Backends/Salesforce Health Cloud', ...backendMeta(config) } satisfies Meta;
export default meta;

export const Works = backendStory(config, 'works');
export const BackendError = backendStory(config, 'error');
