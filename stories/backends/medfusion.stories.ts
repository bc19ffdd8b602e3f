import type { Meta } from '@storybook/web-components-vite';
import { backendMeta, backendStory, control, type BackendStoryConfig } from '../support/backend.js';

/**
 * Medfusion (docs/backends/medfusion.md): display only. The practice pushes appointments; the patient sees
 * them and a phone number. The contract server's test tenants hold the seed's December 2016 appointments.
 */
const config: BackendStoryConfig = {
  backend: 'medfusion',
  baseUrl: (tenant) => `/mock/medfusion/${tenant}`,
  patient: '787',
  now: '2016-12-01T12:00:00.000Z',
  options: {
    practiceId: '1c7ecf9f-9700-4e70-b976-9356db658274',
    getToken: async () => 'storybook-token',
    timeZone: 'America/Los_Angeles',
    phone: '(530) 555-0100',
  },
  filter: 'all',
  // The AppointmentData feed answers 503 once.
  breakOnce: (tenant) =>
    control(`/mock/medfusion/${tenant}/__test/fault`, { op: 'list', kind: 'status', status: 503, times: 1 }),
  errorIn: 'appointment-list',
  offers: { slots: false, list: true, book: false },
};

const meta = { title: 'Backends/Medfusion', ...backendMeta(config) } satisfies Meta;
export default meta;

export const Works = backendStory(config, 'works');
export const BackendError = backendStory(config, 'error');
