import type { Meta } from '@storybook/web-components-vite';
import { backendMeta, backendStory, control, type BackendStoryConfig } from '../support/backend.js';

/**
 * Kaiser Permanente mycare (docs/backends/kp-mycare.md): no slot search, so no online booking (a phone
 * number instead); the member's appointments with confirm and direct or requested cancellation. The contract
 * server's test tenants hold the June 2016 data around the API page's example, hence the 2016 clock.
 */
const config: BackendStoryConfig = {
  backend: 'kp-mycare',
  baseUrl: (tenant) => `/mock/kp-mycare/${tenant}`,
  patient: 'member-1',
  now: '2016-06-01T12:00:00.000Z',
  options: {
    apiKey: 'storybook-api-key',
    appName: 'careslot-storybook',
    getSession: async () => 'storybook-session',
    phone: '503-571-2640',
  },
  filter: 'all',
  // The appointment list answers 503 once.
  breakOnce: (tenant) =>
    control(`/mock/kp-mycare/${tenant}/__test/fault`, { op: 'list', kind: 'status', status: 503, times: 1 }),
  errorIn: 'appointment-list',
  offers: { slots: false, list: true, book: false },
};

const meta = { title: 'Backends/KP mycare', ...backendMeta(config) } satisfies Meta;
export default meta;

export const Works = backendStory(config, 'works');
export const BackendError = backendStory(config, 'error');
