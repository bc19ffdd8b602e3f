import type { Meta } from '@storybook/web-components-vite';
import { backendMeta, backendStory, control, type BackendStoryConfig } from '../support/backend.js';

/** Any FHIR R4 server: Medplum's engine with the seed clinics (docs/backends/fhir.md). */
const config: BackendStoryConfig = {
  backend: 'fhir',
  baseUrl: (tenant) => `/mock/fhir/${tenant}`,
  patient: 'pat-1',
  options: { locationTimeZones: { 'loc-chi': 'America/Chicago' } },
  picker: { practitioner: 'pr-ruiz', days: 3 },
  // The Slot search answers 503 once.
  breakOnce: (tenant) =>
    control(`/mock/fhir/${tenant}/__test/fault`, { op: 'slots', kind: 'status', status: 503, times: 1 }),
  errorIn: 'slot-picker',
  offers: { slots: true, list: true, book: 'booked' },
};

const meta = { title: 'Backends/FHIR R4', ...backendMeta(config) } satisfies Meta;
export default meta;

export const Works = backendStory(config, 'works');
export const BackendError = backendStory(config, 'error');
