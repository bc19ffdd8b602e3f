import type { Meta } from '@storybook/web-components-vite';
import { backendMeta, backendStory, control, type BackendStoryConfig } from '../support/backend.js';

const NEW_YORK = '5f3f2f5e-6c1b-4b8e-9a6f-1c2d3e4f5a61';
const PHOENIX = '8b7c6d5e-4f3a-4b2c-8d1e-0f9a8b7c6d52';

/** Canvas Medical's FHIR API (docs/backends/canvas.md). */
const config: BackendStoryConfig = {
  backend: 'canvas',
  baseUrl: (tenant) => `/mock/canvas/${tenant}`,
  patient: 'a29eaebb284143ba97c76b01fdb46964',
  options: {
    getToken: 'canvas-test-token',
    locationTimeZones: { [NEW_YORK]: 'America/New_York', [PHOENIX]: 'America/Phoenix' },
    scheduleLocations: { '1': NEW_YORK, '2': PHOENIX },
    durationMinutes: 20,
  },
  picker: { practitioner: '3a182f42885645e0bc3d608e7c02aad8', days: 2 },
  // The Slot search answers 500 once.
  breakOnce: (tenant) =>
    control(`/mock/canvas/${tenant}/__test/fault`, { op: 'slots', kind: 'status', status: 500, times: 1 }),
  errorIn: 'slot-picker',
  offers: { slots: true, list: true, book: 'booked' },
};

const meta = { title: 'Backends/Canvas', ...backendMeta(config) } satisfies Meta;
export default meta;

export const Works = backendStory(config, 'works');
export const BackendError = backendStory(config, 'error');
