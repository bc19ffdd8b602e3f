import type { Meta } from '@storybook/web-components-vite';
import { backendMeta, backendStory, type BackendStoryConfig } from '../support/backend.js';

/** The built-in demo clinic: no server, failures through its `failures` option (docs/backends/demo.md). */
const config: BackendStoryConfig = {
  backend: 'demo',
  patient: 'demo-patient',
  picker: { location: 'harbor', days: 2 },
  errorOptions: { failures: { findSlots: 'upstream-unavailable' } },
  errorIn: 'slot-picker',
  offers: { slots: true, list: true, book: 'booked' },
};

const meta = { title: 'Backends/Demo', ...backendMeta(config) } satisfies Meta;
export default meta;

export const Works = backendStory(config, 'works');
export const BackendError = backendStory(config, 'error');
