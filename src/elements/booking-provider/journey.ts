import { BookingError, isAbortError, toBookingError } from '../../core/errors.js';
import type { Appointment, PatientDetails, Slot, SlotHold } from '../../core/model.js';
import { operation, type BookingProvider } from '../../core/provider.js';
import { emit } from '../shared/base.js';
import type { BookOutcome, BookingNeed, ExpiredHold, HeldTime } from '../shared/context.js';

/** The query parameters a sign-in return address carries: the chosen slot's id and start (never patient data). */
export const RETURN_SLOT = 'careslot-slot';
export const RETURN_AT = 'careslot-at';

/** What the journey needs from `<booking-provider>`. */
export interface JourneyHost {
  element: HTMLElement;
  provider(): BookingProvider | undefined;
  /** The `patient` attribute: the signed-in patient's id in the backend. */
  patientId(): string | undefined;
  signInUrl(): string | undefined;
  /** The provider's clock (fixed in stories and tests), which the backend's `expires` is measured against. */
  now(): Date;
  selection(): Slot | null;
  select(slot: Slot | null): void;
  /** Aborted when the provider leaves the page. */
  signal(): AbortSignal;
  /** Something the elements show changed. */
  changed(): void;
  /** Slots and appointments changed: lists reload. */
  refresh(): void;
  remember(appointment: Appointment): void;
}

/**
 * The patient's way from a chosen time to a booked visit, for one `<booking-provider>`: who books (a known
 * patient, a new one from their details, a dependent, or a sign-in first), the hold on the chosen time (taken,
 * counted down, released, expired), and booking or moving an appointment exactly once per intent.
 */
export class Journey {
  details: PatientDetails | undefined;
  valid = false;
  held: HeldTime | undefined;
  expired: ExpiredHold | undefined;
  rescheduling: Appointment | undefined;
  lastBooked: Appointment | undefined;
  booking = false;

  private hold: SlotHold | undefined;
  private holdTimer: ReturnType<typeof setTimeout> | undefined;
  private holdToken = 0;
  /** One key per chosen slot and patient: a retry after a timeout cannot book twice. */
  private intent: { slotId: string; patientId: string; key: string } | undefined;
  /** Patients registered from details, by the details' text: going back and forth does not register twice. */
  private registered = new Map<string, { key: string; id?: string }>();
  private pending: Promise<BookOutcome> | undefined;
  private holding: Promise<void> = Promise.resolve();
  private origin: HTMLElement | undefined;

  constructor(private readonly host: JourneyHost) {}

  /** What booking still needs, for the current backend and patient. */
  need(): BookingNeed {
    const provider = this.host.provider();
    if (!provider?.capabilities.book) return 'unavailable';
    if (provider.redirects || this.host.patientId()) return 'nothing';
    if (provider.capabilities.newPatient && !provider.capabilities.signIn) return 'details';
    return this.host.signInUrl() ? 'sign-in' : 'unavailable';
  }

  /** The sign-in link, with a return address to this page that keeps the chosen slot. */
  signInHref(): string | undefined {
    const url = this.host.signInUrl();
    if (!url || typeof location === 'undefined') return undefined;
    const back = new URL(location.href);
    back.searchParams.delete(RETURN_SLOT);
    back.searchParams.delete(RETURN_AT);
    const slot = this.host.selection();
    if (slot) {
      back.searchParams.set(RETURN_SLOT, slot.id);
      back.searchParams.set(RETURN_AT, slot.start);
    }
    try {
      if (url.includes('{return}')) return url.replace('{return}', encodeURIComponent(back.href));
      const target = new URL(url, location.href);
      target.searchParams.set('return', back.href);
      return target.href;
    } catch {
      return undefined;
    }
  }

  setDetails(details: PatientDetails | undefined, valid: boolean): void {
    this.details = details;
    this.valid = valid;
    this.host.changed();
  }

  startReschedule(appointment: Appointment | null, origin?: HTMLElement): void {
    this.rescheduling = appointment ?? undefined;
    this.origin = origin;
    this.host.changed();
  }

  /** The time the patient chose changed: the old hold goes back, the new time is held. */
  selectionChanged(slot: Slot | null): Promise<void> {
    // Booking waits for this: a booking sent before its own hold came back would find the time held.
    this.holding = this.updateHold(slot);
    return this.holding;
  }

  private async updateHold(slot: Slot | null): Promise<void> {
    if (slot) this.expired = undefined;
    const token = ++this.holdToken;
    await this.releaseHold();
    // Another choice came while the old hold went back: that one holds its own time.
    if (token !== this.holdToken) return;
    const provider = this.host.provider();
    if (!slot || !provider?.capabilities.hold || !provider.hold) return;
    try {
      const hold = await provider.hold(slot, this.host.signal());
      if (token !== this.holdToken || this.host.selection() !== slot) {
        await provider.release?.(hold, this.host.signal()).catch(() => undefined);
        return;
      }
      this.hold = hold;
      const expires = hold.expires ? Date.parse(hold.expires) : NaN;
      // The time left by the backend's clock, counted down on the real one (a fixed clock never moves).
      const deadline = Number.isNaN(expires) ? undefined : Date.now() + expires - this.host.now().getTime();
      this.held = { slot, expires: hold.expires, deadline };
      emit(this.host.element, 'slot-held', { slot, expires: hold.expires });
      if (deadline !== undefined) this.watchExpiry(slot, deadline);
      this.host.changed();
    } catch (cause) {
      if (isAbortError(cause)) return;
      // A failed hold is not fatal: booking checks availability again.
      emit(this.host.element, 'booking-provider-error', { error: toBookingError(cause) });
    }
  }

  /** The page is going away (`pagehide`): the held time goes back, with a request that outlives the page. */
  leave(): void {
    const provider = this.host.provider();
    const hold = this.hold;
    this.clearHold();
    if (hold && provider?.release) void provider.release(hold, undefined, { keepalive: true }).catch(() => undefined);
  }

  /**
   * A new adapter or patient: the old one's hold goes back (call it while the old adapter is still the
   * provider), and nothing of its keys, outcome or move applies.
   */
  reset(): void {
    void this.releaseHold();
    this.holdToken++;
    this.lastBooked = undefined;
    this.origin = undefined;
    this.intent = undefined;
    this.registered.clear();
    this.expired = undefined;
    this.rescheduling = undefined;
  }

  /** Books the chosen time (see BookingSession.book). Calls while one runs share it. */
  book(signal?: AbortSignal): Promise<BookOutcome> {
    this.pending ??= this.run(signal ?? this.host.signal()).finally(() => {
      this.pending = undefined;
      this.booking = false;
      this.host.changed();
    });
    return this.pending;
  }

  private async run(signal: AbortSignal): Promise<BookOutcome> {
    const provider = this.host.provider();
    const slot = this.host.selection();
    if (!provider) throw new BookingError('upstream-unavailable', 'The scheduling system is not connected yet.');
    if (!slot) throw new BookingError('validation', 'No time is chosen: choose a time first.');
    if (slot.booking?.kind === 'link') {
      emit(this.host.element, 'booking-redirect', { url: slot.booking.url });
      return { result: { kind: 'redirect', url: slot.booking.url } };
    }
    const need = this.need();
    if (need === 'sign-in' || need === 'unavailable') {
      emit(this.host.element, 'booking-sign-in-required', { slot }, true);
      throw new BookingError(
        'sign-in-required',
        need === 'sign-in'
          ? 'The backend books only for a signed-in patient: sign in first (sign-in-url).'
          : 'No patient is signed in: set the patient attribute on <booking-provider> to book.',
      );
    }
    if (need === 'details' && (!this.valid || !this.details))
      throw new BookingError('validation', "The patient's details are missing or incomplete.");
    this.booking = true;
    this.host.changed();
    await this.holding;
    const patientId = await this.patientFor(provider, signal);
    if (this.intent?.slotId !== slot.id || this.intent.patientId !== patientId)
      this.intent = { slotId: slot.id, patientId, key: crypto.randomUUID() };
    const previous = this.rescheduling;
    try {
      let outcome: BookOutcome;
      if (previous && provider.capabilities.reschedule && provider.reschedule) {
        const moved = await provider.reschedule(previous, slot, signal);
        outcome = { result: { kind: 'booked', appointment: moved }, previous };
      } else {
        const result = await operation(provider, 'book')(
          { slot, patientId, note: this.details?.reason, hold: this.hold, idempotencyKey: this.intent.key },
          signal,
        );
        outcome = { result, previous };
        // Moving without a reschedule operation: the old visit is cancelled only once the new one is booked.
        if (previous && result.kind === 'booked') outcome.problem = await this.cancelOld(provider, previous, signal);
      }
      this.finish(outcome);
      return outcome;
    } catch (cause) {
      const error = toBookingError(cause);
      if (error.kind === 'slot-unavailable') {
        this.intent = undefined;
        this.host.select(null);
        this.host.refresh();
      }
      throw cause;
    }
  }

  private finish(outcome: BookOutcome): void {
    const { result, previous, problem } = outcome;
    this.intent = undefined;
    // Booking converted the hold: nothing to give back.
    this.clearHold();
    if (result.kind === 'redirect') {
      emit(this.host.element, 'booking-redirect', { url: result.url });
      return;
    }
    if (result.kind === 'pending') emit(this.host.element, 'booking-pending', { appointment: result.appointment });
    const appointment = result.appointment;
    if (appointment) {
      this.lastBooked = appointment;
      this.host.remember(appointment);
    }
    if (previous && appointment && !problem) {
      const target = this.origin?.isConnected ? this.origin : this.host.element;
      emit(target, 'appointment-rescheduled', { appointment, previous });
    }
    this.rescheduling = undefined;
    this.origin = undefined;
    this.host.select(null);
    this.host.refresh();
  }

  private async cancelOld(
    provider: BookingProvider,
    previous: Appointment,
    signal: AbortSignal,
  ): Promise<BookingError | undefined> {
    try {
      const cancelled = await operation(provider, 'cancel')(previous, signal);
      this.host.remember(cancelled);
      return undefined;
    } catch (cause) {
      return toBookingError(cause);
    }
  }

  /** The id to book for: the signed-in patient, their dependent, or a new patient registered from the details. */
  private async patientFor(provider: BookingProvider, signal: AbortSignal): Promise<string> {
    const signedIn = this.host.patientId();
    const details = this.details;
    const forDependent = details?.forWhom === 'dependent' && provider.capabilities.dependents;
    if (signedIn && !forDependent) return signedIn;
    if (!details) throw new BookingError('validation', "The patient's details are missing.");
    const text = JSON.stringify(details);
    let entry = this.registered.get(text);
    if (!entry) this.registered.set(text, (entry = { key: crypto.randomUUID() }));
    if (entry.id) return entry.id;
    const patient = await operation(provider, 'registerPatient')(
      { details, idempotencyKey: entry.key, accountPatientId: forDependent ? signedIn : undefined },
      signal,
    );
    entry.id = patient.id;
    return patient.id;
  }

  private watchExpiry(slot: Slot, deadline: number): void {
    clearTimeout(this.holdTimer);
    // Timers fire at once beyond 2^31 - 1 ms (24.8 days): a far-off expiry is looked at again then.
    const wait = Math.min(Math.max(0, deadline - Date.now()), 2 ** 31 - 1);
    this.holdTimer = setTimeout(() => {
      if (Date.now() < deadline) this.watchExpiry(slot, deadline);
      else void this.expire(slot);
    }, wait);
  }

  private async expire(slot: Slot): Promise<void> {
    if (this.held?.slot !== slot) return;
    this.hold = undefined;
    this.held = undefined;
    this.expired = { slot, alternatives: [] };
    emit(this.host.element, 'hold-expired', { slot });
    if (this.host.selection() === slot) this.host.select(null);
    this.host.changed();
    const alternatives = await this.nearest(slot);
    // Not if the patient chose another time meanwhile, or the adapter changed.
    if (this.expired?.slot !== slot) return;
    this.expired = { slot, alternatives };
    this.host.changed();
  }

  /** Up to three free times nearest the one that ran out (same clinician and place where it had them). */
  private async nearest(slot: Slot): Promise<Slot[]> {
    const provider = this.host.provider();
    if (!provider?.findSlots) return [];
    const at = Date.parse(slot.start);
    const day = 86_400_000;
    try {
      const slots = await provider.findSlots(
        {
          start: new Date(Math.max(at - 2 * day, this.host.now().getTime())).toISOString(),
          end: new Date(at + 7 * day).toISOString(),
          practitionerId: slot.practitioner?.id,
          locationId: slot.location?.id,
        },
        this.host.signal(),
      );
      return slots
        .filter((s) => s.id !== slot.id)
        .sort((a, b) => Math.abs(Date.parse(a.start) - at) - Math.abs(Date.parse(b.start) - at))
        .slice(0, 3)
        .sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
    } catch {
      return [];
    }
  }

  private async releaseHold(): Promise<void> {
    const provider = this.host.provider();
    const hold = this.hold;
    this.clearHold();
    if (!hold || !provider?.release) return;
    try {
      await provider.release(hold, this.host.signal());
    } catch (cause) {
      if (!isAbortError(cause)) emit(this.host.element, 'booking-provider-error', { error: toBookingError(cause) });
    }
  }

  private clearHold(): void {
    clearTimeout(this.holdTimer);
    this.holdTimer = undefined;
    const had = !!this.held;
    this.hold = undefined;
    this.held = undefined;
    if (had) this.host.changed();
  }
}
