import type { ProviderFactory } from '../core/provider.js';

/**
 * Starts fetching what an adapter chunk imports beyond dist/careslot.js (the zone parser, the HTTP
 * client) together with the adapter itself: the files arrive in one round trip instead of one after the
 * other, when the browser would only find them by parsing the adapter.
 */
function together<T>(adapter: Promise<T>, shared: Promise<unknown>[]): Promise<T> {
  return Promise.all([adapter, ...shared]).then(([module]) => module);
}

const vendorShared = () => [import('../core/zoned.js'), import('../core/http.js')];

/**
 * The built-in backends, by name. Each is a dynamic import, so the bundler makes it a separate chunk
 * that a page downloads only when a `<booking-provider>` names it.
 */
export const BUILTIN_BACKENDS: Record<string, () => Promise<ProviderFactory>> = {
  demo: () => import('./demo/index.js').then((m) => m.createDemoProvider),
  fhir: () => together(import('./fhir/index.js'), vendorShared()).then((m) => m.createFhirProvider),
  canvas: () => together(import('./canvas/index.js'), vendorShared()).then((m) => m.createCanvasProvider),
  'smart-links': () =>
    together(import('./smart-links/index.js'), vendorShared()).then((m) => m.createSmartLinksProvider),
  'kp-mycare': () => together(import('./kp-mycare/index.js'), vendorShared()).then((m) => m.createKpMycareProvider),
  medfusion: () => together(import('./medfusion/index.js'), vendorShared()).then((m) => m.createMedfusionProvider),
  salesforce: () => together(import('./salesforce/index.js'), vendorShared()).then((m) => m.createSalesforceProvider),
  snapmd: () => together(import('./snapmd/index.js'), vendorShared()).then((m) => m.createSnapmdProvider),
};
