import type { BookingErrorKind } from '../../core/errors.js';
import type { ProviderOperation, ProviderOptions } from '../../core/provider.js';

/** The demo's operations that latency and injected failures apply to. */
export type DemoOperation = ProviderOperation | 'listServices' | 'listPractitioners' | 'listLocations';

/** One injected failure: a kind, or a kind with a message and how many calls fail before success. */
export type DemoFailure = BookingErrorKind | { kind: BookingErrorKind; message?: string; times?: number };

/**
 * Options of the `demo` backend (set through `<booking-provider>.options` or a JSON script child).
 */
export interface DemoOptions {
  /** Varies which slots are already taken. Default 1. */
  seed?: number;
  /** Simulated network delay per call, in ms. Default 0. */
  latencyMs?: number;
  /** Share of free slots shown as already taken, 0..1. Default 0.3. */
  takenShare?: number;
  /** How many days ahead slots are offered. Default 30. */
  days?: number;
  /** Make operations fail, for stories and tests. */
  failures?: Partial<Record<DemoOperation, DemoFailure>>;
  /** Return no slots at all (the "no slots in range" state). */
  noSlots?: boolean;
  /** How long a chosen time is held, in seconds (0: no holds). Default 600. */
  holdSeconds?: number;
}

/** The options with their defaults filled in. */
export type DemoSettings = Required<Omit<DemoOptions, 'failures'>> & Pick<DemoOptions, 'failures'>;

/** Reads the options; a value of the wrong type gets its default (the demo refuses nothing). */
export function readOptions(raw: ProviderOptions): DemoSettings {
  const num = (value: unknown, fallback: number) =>
    typeof value === 'number' && Number.isFinite(value) ? value : fallback;
  return {
    seed: num(raw.seed, 1),
    latencyMs: num(raw.latencyMs, 0),
    takenShare: Math.min(1, Math.max(0, num(raw.takenShare, 0.3))),
    days: num(raw.days, 30),
    noSlots: raw.noSlots === true,
    holdSeconds: Math.max(0, num(raw.holdSeconds, 600)),
    failures: (raw.failures as DemoOptions['failures']) ?? undefined,
  };
}
