import { BUILTIN_BACKENDS } from './providers/builtins.js';

/**
 * Starts downloading the adapter chunks of the backends the page's `<booking-provider>`s name, as the
 * script tag begins to run: the adapter's request then leaves while the rest of careslot.js is still
 * evaluating, instead of after its elements connect. The registry's own import later finds the module
 * loaded (or loading). Import this module first. It calls the built-in loaders, not the registry's
 * `loadBackend`: the registry imports the error classes, which the bundler would then split out of
 * careslot.js into a chunk of their own (test/dist/script-tag.test.mjs checks careslot.js is one file).
 */
export function prefetchBackends(root: ParentNode | undefined = globalThis.document): void {
  if (!root) return;
  for (const element of root.querySelectorAll('booking-provider[backend]')) {
    const load = BUILTIN_BACKENDS[element.getAttribute('backend') ?? ''];
    // A failure here is reported by the provider's own load, with its message.
    load?.().catch(() => undefined);
  }
}

prefetchBackends();
