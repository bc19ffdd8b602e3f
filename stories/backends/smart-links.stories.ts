import type { Meta } from '@storybook/web-components-vite';
import { backendMeta, backendStory, control, type BackendStoryConfig } from '../support/backend.js';

/**
 * A SMART Scheduling Links publisher (docs/backends/smart-links.md): times from the `$bulk-publish` files;
 * booking continues on the clinic's site (deep link) or by phone; no appointment list.
 */
const config: BackendStoryConfig = {
  backend: 'smart-links',
  baseUrl: (tenant) => `/mock/smart-links/${tenant}`,
  options: {
    source: 'careslot-storybook',
    stateTimeZones: { MA: 'America/New_York', CA: 'America/Los_Angeles', AZ: 'America/Phoenix' },
  },
  picker: { days: 2 },
  // The manifest answers 503 once.
  breakOnce: (tenant) =>
    control(`/mock/smart-links/${tenant}/__test/fault`, { op: 'manifest', kind: 'status', status: 503, times: 1 }),
  errorIn: 'slot-picker',
  offers: { slots: true, list: false, book: 'redirect' },
};

const meta = { title: 'Backends/SMART Scheduling Links', ...backendMeta(config) } satisfies Meta;
export default meta;

export const Works = backendStory(config, 'works');
export const BackendError = backendStory(config, 'error');
