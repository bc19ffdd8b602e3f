import { createContext } from '@lit/context';
import type { BookingError } from '../../core/errors.js';
import type { Slot } from '../../core/model.js';
import type { BookingProvider } from '../../core/provider.js';
import type { DisplaySettings } from '../../core/time.js';

/**
 * What `<booking-provider>` shares with the elements inside it. The object is replaced on every change
 * (never mutated), because context consumers are only told about a new object.
 */
export interface BookingSession {
  /** The adapter, once loaded. */
  provider?: BookingProvider;
  /** `loading` while the adapter module loads, `error` when it could not be created. */
  status: 'loading' | 'ready' | 'error';
  error?: BookingError;
  patientId?: string;
  display: DisplaySettings;
  now: () => Date;
  /** The slot chosen in this provider, shared by `<slot-picker>` and `<confirm-button>`. */
  selection: Slot | null;
  /** Bumped after anything that changes slots or appointments, so lists reload. */
  revision: number;
  select(slot: Slot | null): void;
  /** Reloads slots and appointments everywhere under this provider. */
  refresh(): void;
}

export const sessionContext = createContext<BookingSession | undefined>(Symbol.for('careslot.session'));
