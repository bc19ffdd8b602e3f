import type { ProviderFactory } from '../core/provider.js';

/**
 * The built-in backends, by name. Each is a dynamic import, so the bundler makes it a separate chunk
 * that a page downloads only when a `<booking-provider>` names it.
 */
export const BUILTIN_BACKENDS: Record<string, () => Promise<ProviderFactory>> = {
  demo: () => import('./demo/index.js').then((m) => m.createDemoProvider),
  fhir: () => import('./fhir/index.js').then((m) => m.createFhirProvider),
  canvas: () => import('./canvas/index.js').then((m) => m.createCanvasProvider),
  'smart-links': () => import('./smart-links/index.js').then((m) => m.createSmartLinksProvider),
  'kp-mycare': () => import('./kp-mycare/index.js').then((m) => m.createKpMycareProvider),
  medfusion: () => import('./medfusion/index.js').then((m) => m.createMedfusionProvider),
  salesforce: () => import('./salesforce/index.js').then((m) => m.createSalesforceProvider),
  snapmd: () => import('./snapmd/index.js').then((m) => m.createSnapmdProvider),
};
