import { BookingError } from '../core/errors.js';
import type { ProviderFactory } from '../core/provider.js';
import { BUILTIN_BACKENDS } from './builtins.js';

/*
 * The backends `<booking-provider backend=…>` can name: the built-in ones (./builtins.ts) and any a page
 * registers. It lives beside the adapters, not in src/core: the core knows no backend.
 */

/** Loads an adapter's module on first use, so a page downloads only the backend it names. */
export type ProviderLoader = () => Promise<ProviderFactory>;

const loaders = new Map<string, ProviderLoader>(Object.entries(BUILTIN_BACKENDS));
const loaded = new Map<string, Promise<ProviderFactory>>();

/** Registers a backend name. A later registration of the same name replaces the earlier one. */
export function registerBackend(name: string, loader: ProviderLoader): void {
  loaders.set(name, loader);
  loaded.delete(name);
}

export function registeredBackends(): string[] {
  return [...loaders.keys()].sort();
}

/** The factory for a backend name, importing its module once. */
export function loadBackend(name: string): Promise<ProviderFactory> {
  const loader = loaders.get(name);
  if (!loader) {
    const known = registeredBackends().join(', ') || 'none';
    return Promise.reject(
      new BookingError('not-supported', `Unknown backend "${name}". Registered backends: ${known}.`),
    );
  }
  let factory = loaded.get(name);
  if (!factory) {
    factory = loader().catch((cause: unknown) => {
      loaded.delete(name);
      throw new BookingError('network', `The "${name}" backend could not be loaded.`, { cause });
    });
    loaded.set(name, factory);
  }
  return factory;
}
