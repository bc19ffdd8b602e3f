import type { Meta } from '@storybook/web-components-vite';
import { STORY_NOW } from '../support/page.js';
import { backendMeta, backendStory, control, type BackendStoryConfig } from '../support/backend.js';

/** SnapMD / Connected Care (docs/backends/snapmd.md). */
const config: BackendStoryConfig = {
  backend: 'snapmd',
  baseUrl: (tenant) => `/mock/snapmd/${tenant}/api`,
  patient: '5b4fd4d8-d234-40ee-bd7c-1894411c9b21',
  options: {
    developerId: 'careslot-dev',
    apiKey: 'careslot-key',
    getToken: async () => 'patient-storybook-token',
    timeZoneId: 1001,
    serviceTypeId: 307,
    concerns: [{ code: 2305, description: 'Fever (100+)' }],
    phone: '+1 212 555 0142',
  },
  picker: { days: 2 },
  prepare: (tenant) => control(`/mock/snapmd/${tenant}/__test/reset`, { now: STORY_NOW }),
  // The clinician search answers 500 once.
  breakOnce: (tenant) =>
    control(`/mock/snapmd/${tenant}/__test/fault`, { op: 'slots', kind: 'status', status: 500, times: 1 }),
  errorIn: 'slot-picker',
  offers: { slots: true, list: true, book: 'booked' },
};

const meta = { title: 'Backends/SnapMD', ...backendMeta(config) } satisfies Meta;
export default meta;

export const Works = backendStory(config, 'works');
export const BackendError = backendStory(config, 'error');
