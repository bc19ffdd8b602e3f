import { html, nothing, type PropertyValues } from 'lit';
import { BookingError, isAbortError, toBookingError } from '../../core/errors.js';
import type { Appointment, Slot } from '../../core/model.js';
import { operation } from '../../core/provider.js';
import { SessionElement, baseStyles, emit } from '../shared/base.js';
import { describeVisit, safeUrl, telHref } from '../shared/format.js';
import { PENDING_TEXT, patientMessage } from '../shared/messages.js';
import { styles } from './confirm-button.styles.js';

type Outcome =
  | { kind: 'booked'; appointment: Appointment; text: string }
  | { kind: 'cancelled'; appointment: Appointment; text: string }
  | { kind: 'pending'; text: string }
  | { kind: 'redirect'; url: string }
  | { kind: 'error'; error: BookingError };

/**
 * Books the time chosen in the `<slot-picker>` of the same `<booking-provider>`, or, with `appointment`,
 * confirms that existing appointment. Repeated clicks while a request runs do nothing, so one intent
 * books once. When the time was taken meanwhile, it says so and the slot list reloads.
 *
 * @summary The book / confirm button with its outcome message.
 *
 * @slot - Button label. Default "Book appointment" (or "Confirm appointment" with `appointment`).
 *
 * @event {CustomEvent<{ appointment: Appointment }>} booking-confirmed - Booked or confirmed: `detail.appointment` with `id`, `status`, `start`, `end`, `timeZone`.
 * @event {CustomEvent<{ error: BookingError }>} booking-failed - It did not work: `detail.error` with `kind` and `message`.
 *
 * @csspart base - The wrapper.
 * @csspart summary - The chosen time, above the button.
 * @csspart button - The button.
 * @csspart status - The success, pending or error message.
 *
 * @cssproperty --careslot-button-width - Width of the button. Default auto.
 * @cssproperty --careslot-color-primary - Background of the button, and links. Default #0b5cad.
 * @cssproperty --careslot-color-on-primary - Text of the button. Default #ffffff.
 * @cssproperty --careslot-color-text - Body text. Default #1f2430.
 * @cssproperty --careslot-color-muted - The hint under the button. Default #555d6e.
 * @cssproperty --careslot-color-border - Border of the outcome message. Default #c5cad3.
 * @cssproperty --careslot-color-danger - The error message. Default #a4141c.
 * @cssproperty --careslot-color-success - The booked / confirmed message. Default #1d6b35.
 * @cssproperty --careslot-color-focus - Focus ring. Default #1a73e8.
 * @cssproperty --careslot-font-family - Font. Default the system UI font.
 * @cssproperty --careslot-font-size - Base size, in px so a host page's root font size does not change it. Default 16px.
 * @cssproperty --careslot-radius - Corner radius of the button and messages. Default 0.5em.
 */
export class ConfirmButtonElement extends SessionElement {
  static override styles = [baseStyles, styles];

  static override properties = {
    ...SessionElement.properties,
    appointment: { type: String },
    busy: { state: true },
    outcome: { state: true },
  };

  /** Id of an appointment to confirm instead of booking the selection. */
  declare appointment: string | undefined;
  declare private busy: boolean;
  declare private outcome: Outcome | undefined;

  /** One key per chosen slot: a retry after a timeout cannot book twice. */
  private idempotency: { slotId: string; key: string } | undefined;
  private lastSelectionId: string | undefined;

  constructor() {
    super();
    this.busy = false;
  }

  protected override willUpdate(_changed: PropertyValues<this>): void {
    const selectionId = this.session?.selection?.id;
    if (selectionId && selectionId !== this.lastSelectionId && this.outcome?.kind !== 'redirect')
      this.outcome = undefined;
    this.lastSelectionId = selectionId;
    // The outcome follows the appointment: cancelled from the list (or elsewhere) after it was booked here.
    const outcome = this.outcome;
    if (outcome?.kind === 'booked' && this.display) {
      const now = this.session?.appointment(outcome.appointment.id);
      if (now?.status === 'cancelled') {
        this.outcome = { kind: 'cancelled', appointment: now, text: `Cancelled: ${describeVisit(now, this.display)}.` };
      }
    }
  }

  override render() {
    const session = this.session;
    const provider = session?.provider;
    const confirming = !!this.appointment;
    const selection = session?.selection ?? null;
    if (provider && !confirming && !provider.capabilities.book) {
      return this.renderUnavailable(provider.phone);
    }
    if (!confirming && selection?.booking?.kind === 'phone')
      return this.renderCallToBook(selection, selection.booking.phone);
    const ready = !!provider && (confirming || !!selection);
    const label = confirming ? 'Confirm appointment' : 'Book appointment';
    const hint = !provider ? 'Loading…' : !ready ? 'Choose a time first.' : '';
    return html`<div part="base" class="base">
      ${
        !confirming && selection && this.display
          ? html`<p part="summary" class="summary" id="summary">${describeVisit(selection, this.display)}</p>`
          : nothing
      }
      <button
        part="button"
        class="primary"
        aria-disabled=${ready && !this.busy ? 'false' : 'true'}
        aria-busy=${this.busy ? 'true' : 'false'}
        aria-describedby=${hint ? 'hint' : selection && !confirming ? 'summary' : nothing}
        @click=${this.onClick}
      >
        ${this.busy ? html`<span class="spinner" aria-hidden="true"></span>${confirming ? 'Confirming…' : 'Booking…'}` : html`<slot>${label}</slot>`}
      </button>
      ${hint ? html`<span id="hint" class="muted hint">${hint}</span>` : nothing} ${this.renderOutcome()}
    </div>`;
  }

  private renderUnavailable(phone: string | undefined) {
    return html`<div part="base" class="base">
      <p part="status" class="message">
        Online booking is not offered.
        ${phone ? html`Please call <a href=${telHref(phone)}>${phone}</a>.` : 'Please call the clinic.'}
      </p>
    </div>`;
  }

  /** A slot that can only be booked by phone (SMART `booking-phone`): the number instead of the button. */
  private renderCallToBook(slot: Slot, phone: string) {
    return html`<div part="base" class="base">
      ${this.display ? html`<p part="summary" class="summary">${describeVisit(slot, this.display)}</p>` : nothing}
      <p part="status" class="message" role="status">Call <a href=${telHref(phone)}>${phone}</a> to book this time.</p>
    </div>`;
  }

  /** The visible outcome, and one live region that stays in place so its new text is announced. */
  private renderOutcome() {
    const outcome = this.outcome;
    const region = (cls: string, content: unknown, role?: string) =>
      html`<div part="status" class="message ${cls}" role=${role ?? nothing}>${content}</div>`;
    let visible: unknown = nothing;
    let spoken = this.busy ? (this.appointment ? 'Confirming…' : 'Booking…') : '';
    if (outcome?.kind === 'error') {
      const phone = this.session?.provider?.phone;
      visible = region('error', patientMessage(outcome.error, phone), 'alert');
    } else if (outcome?.kind === 'redirect') {
      const url = safeUrl(outcome.url);
      spoken = url ? "Booking continues on the clinic's site." : 'The booking link is not valid.';
      visible = region(
        '',
        url
          ? html`${spoken} <a href=${url} target="_blank" rel="noopener noreferrer">Open the booking page</a>`
          : spoken,
      );
    } else if (outcome) {
      spoken = outcome.text;
      visible = region(outcome.kind === 'booked' ? 'success' : '', outcome.text);
    }
    return html`${visible}
      <div class="visually-hidden" role="status" aria-live="polite">${spoken}</div>`;
  }

  private async onClick(): Promise<void> {
    const session = this.session;
    const provider = session?.provider;
    if (this.busy || !session || !provider) return;
    this.busy = true;
    this.outcome = undefined;
    try {
      if (this.appointment) await this.confirmAppointment(this.appointment);
      else if (session.selection) await this.book(session.selection);
    } finally {
      this.busy = false;
    }
  }

  private async book(slot: Slot): Promise<void> {
    const session = this.session!;
    const provider = session.provider!;
    if (slot.booking?.kind === 'link') {
      this.outcome = { kind: 'redirect', url: slot.booking.url };
      this.openExternal(slot.booking.url);
      return;
    }
    if (!session.patientId) {
      this.fail(
        new BookingError(
          'sign-in-required',
          'No patient is signed in: set the patient attribute on <booking-provider> to book.',
        ),
      );
      return;
    }
    if (this.idempotency?.slotId !== slot.id) this.idempotency = { slotId: slot.id, key: crypto.randomUUID() };
    try {
      const result = await operation(provider, 'book')(
        { slot, patientId: session.patientId, idempotencyKey: this.idempotency.key },
        this.connection.signal,
      );
      if (result.kind === 'redirect') {
        this.outcome = { kind: 'redirect', url: result.url };
        this.openExternal(result.url);
        return;
      }
      this.idempotency = undefined;
      if (result.kind === 'pending') {
        this.outcome = { kind: 'pending', text: PENDING_TEXT };
      } else {
        this.outcome = {
          kind: 'booked',
          appointment: result.appointment,
          text: `Booked: ${describeVisit(result.appointment, this.display!)}.`,
        };
        emit(this, 'booking-confirmed', { appointment: result.appointment });
        session.appointmentChanged(result.appointment);
      }
      session.select(null);
      session.refresh();
    } catch (cause) {
      // Removed from the page meanwhile. The key stays: a retry of this intent cannot book twice.
      if (isAbortError(cause)) return;
      const error = toBookingError(cause);
      this.fail(error);
      if (error.kind === 'slot-unavailable') {
        this.idempotency = undefined;
        session.select(null);
        session.refresh();
      }
    }
  }

  /** Confirms by id through the provider element, which knows the appointments listed under it. */
  private async confirmAppointment(id: string): Promise<void> {
    const session = this.session!;
    try {
      const confirmed = await session.confirmAppointment(id, this.connection.signal);
      this.outcome = {
        kind: 'booked',
        appointment: confirmed,
        text: `Confirmed: ${describeVisit(confirmed, this.display!)}.`,
      };
      emit(this, 'booking-confirmed', { appointment: confirmed });
      session.refresh();
    } catch (cause) {
      if (isAbortError(cause)) return;
      this.fail(toBookingError(cause));
    }
  }

  private fail(error: BookingError): void {
    this.outcome = { kind: 'error', error };
    emit(this, 'booking-failed', { error });
  }

  private openExternal(url: string): void {
    const safe = safeUrl(url);
    if (safe) window.open(safe, '_blank', 'noopener,noreferrer');
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'confirm-button': ConfirmButtonElement;
  }
}
