import { msg, str } from '@lit/localize';
import { html, nothing, type PropertyValues } from 'lit';
import { type BookingError, isAbortError, toBookingError } from '../../core/errors.js';
import type { Appointment, Slot } from '../../core/model.js';
import { SessionElement, baseStyles, emit } from '../shared/base.js';
import { HoldCountdownController, clock } from '../shared/hold-countdown.js';
import { describeVisit, safeUrl } from '../shared/format.js';
import { patientMessage, pendingText, withPhoneLink } from '../shared/messages.js';
import { styles } from './confirm-button.styles.js';

/** The button's sentences in the current language (computed at render time). */
const strings = () => ({
  oldNotCancelled: msg('Your earlier appointment could not be cancelled online: please call the clinic to cancel it.', {
    id: 'book.oldNotCancelled',
  }),
  detailsToBook: msg('Fill in your details to book this time.', { id: 'book.detailsToBook' }),
  chooseThenDetails: msg('Choose a time. You will then give your name, date of birth and phone number.', {
    id: 'book.chooseThenDetails',
  }),
  chooseFirst: msg('Choose a time first.', { id: 'book.chooseFirst' }),
  loading: msg('Loading…', { id: 'book.loading' }),
  moving: msg('Moving your appointment:', { id: 'book.moving' }),
  keepTime: msg('Keep my current time', { id: 'book.keepTime' }),
  heldFor: msg('This time is held for you for', { id: 'book.heldFor' }),
  released: msg('The time you chose was held for you and has now been released.', { id: 'book.released' }),
  nearest: msg('The nearest free times:', { id: 'book.nearest' }),
  signIn: msg('Sign in to book', { id: 'book.signIn' }),
  signInKeeps: msg('You will come back to this time after signing in.', { id: 'book.signInKeeps' }),
  signInNeeded: msg('Choose a time, then sign in to your patient account to book it.', { id: 'book.signInNeeded' }),
  accountNeeded: msg('Booking online needs a patient account with this clinic.', { id: 'book.accountNeeded' }),
  notOffered: msg('Online booking is not offered.', { id: 'book.notOffered' }),
  callClinic: msg('Please call the clinic.', { id: 'book.callClinic' }),
  book: msg('Book appointment', { id: 'book.button' }),
  confirm: msg('Confirm appointment', { id: 'book.confirm' }),
  move: msg('Move appointment', { id: 'book.move' }),
  booking: msg('Booking…', { id: 'book.booking' }),
  confirming: msg('Confirming…', { id: 'book.confirming' }),
  movingBusy: msg('Moving…', { id: 'book.movingBusy' }),
  redirect: msg("Booking continues on the clinic's site.", { id: 'book.redirect' }),
  badLink: msg('The booking link is not valid.', { id: 'book.badLink' }),
  openPage: msg('Open the booking page', { id: 'book.openPage' }),
});

/** "Please call <number>." with the number as a tel: link. */
const pleaseCall = (phone: string) =>
  withPhoneLink((mark) => msg(str`Please call ${mark}.`, { id: 'book.callAt' }), phone);

/** The outcome sentence of a booked, moved, confirmed or cancelled visit. */
function outcomeText(kind: 'booked' | 'moved' | 'confirmed' | 'cancelled', visit: string): string {
  switch (kind) {
    case 'moved':
      return msg(str`Moved: ${visit}.`, { id: 'book.moved' });
    case 'confirmed':
      return msg(str`Confirmed: ${visit}.`, { id: 'book.confirmed' });
    case 'cancelled':
      return msg(str`Cancelled: ${visit}.`, { id: 'book.cancelled' });
    default:
      return msg(str`Booked: ${visit}.`, { id: 'book.booked' });
  }
}

/** What happened; its sentence is written at render time, in the language of the moment. */
type Outcome =
  | { kind: 'booked'; appointment: Appointment; verb: 'booked' | 'moved' | 'confirmed'; problem?: boolean }
  | { kind: 'cancelled'; appointment: Appointment }
  | { kind: 'pending' }
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

  private lastSelectionId: string | undefined;
  private readonly countdown = new HoldCountdownController(this, () => this.session?.held);

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
        this.outcome = { kind: 'cancelled', appointment: now };
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
    const link = selection?.booking?.kind === 'link';
    const need = confirming || link ? 'nothing' : (session?.need ?? 'nothing');
    if (provider && need === 'sign-in') return this.renderSignIn(selection);
    if (provider && need === 'unavailable') return this.renderNoPatient(selection, provider.phone);
    const detailsMissing = need === 'details' && !session?.patientValid;
    const ready = !!provider && (confirming || (!!selection && !detailsMissing));
    const moving = !confirming && session?.rescheduling;
    const t = strings();
    const label = confirming ? t.confirm : moving ? t.move : t.book;
    const hint = !provider
      ? t.loading
      : ready
        ? ''
        : need === 'details'
          ? selection
            ? t.detailsToBook
            : t.chooseThenDetails
          : t.chooseFirst;
    return html`<div part="base" class="base">
      ${moving && this.display ? html`<p part="summary" class="summary">${t.moving} ${describeVisit(moving, this.display)}</p>` : nothing}
      ${
        !confirming && selection && this.display
          ? html`<p part="summary" class="summary" id="summary">${describeVisit(selection, this.display)}</p>`
          : nothing
      }
      ${this.renderHold(selection)}
      <button
        part="button"
        class="primary"
        aria-disabled=${ready && !this.busy ? 'false' : 'true'}
        aria-busy=${this.busy ? 'true' : 'false'}
        aria-describedby=${hint ? 'hint' : selection && !confirming ? 'summary' : nothing}
        @click=${this.onClick}
      >
        ${this.busy ? html`<span class="spinner" aria-hidden="true"></span>${confirming ? t.confirming : moving ? t.movingBusy : t.booking}` : html`<slot>${label}</slot>`}
      </button>
      ${hint ? html`<span id="hint" class="muted hint">${hint}</span>` : nothing}
      ${moving ? html`<button part="keep" class="link" @click=${() => session?.startReschedule(null)}>${t.keepTime}</button>` : nothing}
      ${this.renderExpired()} ${this.renderOutcome()}
    </div>`;
  }

  /** The time left on the hold of the chosen time. */
  private renderHold(selection: Slot | null) {
    const held = this.session?.held;
    const left = this.countdown.secondsLeft;
    if (!selection || held?.slot.id !== selection.id || left === undefined) return nothing;
    return html`<p part="hold" class="muted hold">${strings().heldFor} <span class="clock">${clock(left)}</span></p>`;
  }

  /** The hold ran out: the patient is told, and offered the nearest free times. */
  private renderExpired() {
    const expired = this.session?.expired;
    const display = this.display;
    if (!expired || !display || this.session?.selection) return nothing;
    const t = strings();
    return html`<div part="status" class="message" role="alert">
      <p>${t.released}</p>
      ${
        expired.alternatives.length
          ? html`<p>${t.nearest}</p>
              <ul class="alternatives">
                ${expired.alternatives.map(
                  (slot) =>
                    html`<li>
                      <button class="alternative" @click=${() => this.session?.select(slot)}>
                        ${describeVisit(slot, display)}
                      </button>
                    </li>`,
                )}
              </ul>`
          : nothing
      }
    </div>`;
  }

  /** The backend books only for signed-in patients: a "Sign in to book" link that comes back to this time. */
  private renderSignIn(selection: Slot | null) {
    const href = this.session?.signInHref;
    const t = strings();
    return html`<div part="base" class="base">
      ${selection && this.display ? html`<p part="summary" class="summary">${describeVisit(selection, this.display)}</p>` : nothing}
      <a part="button sign-in" class="primary button" href=${href ?? '#'} @click=${this.onSignIn}>${t.signIn}</a>
      <span class="muted hint">${selection ? t.signInKeeps : t.signInNeeded}</span>
    </div>`;
  }

  /** Nobody is signed in and the backend cannot book for new patients: nothing here can book. */
  private renderNoPatient(selection: Slot | null, phone: string | undefined) {
    const t = strings();
    return html`<div part="base" class="base">
      ${selection && this.display ? html`<p part="summary" class="summary">${describeVisit(selection, this.display)}</p>` : nothing}
      <p part="status" class="message">${t.accountNeeded} ${phone ? pleaseCall(phone) : t.callClinic}</p>
    </div>`;
  }

  private onSignIn(event: Event): void {
    // A portal that signs patients in itself took it over.
    if (this.session?.requestSignIn() === false || !this.session?.signInHref) event.preventDefault();
  }

  private renderUnavailable(phone: string | undefined) {
    const t = strings();
    return html`<div part="base" class="base">
      <p part="status" class="message">${t.notOffered} ${phone ? pleaseCall(phone) : t.callClinic}</p>
    </div>`;
  }

  /** A slot that can only be booked by phone (SMART `booking-phone`): the number instead of the button. */
  private renderCallToBook(slot: Slot, phone: string) {
    return html`<div part="base" class="base">
      ${this.display ? html`<p part="summary" class="summary">${describeVisit(slot, this.display)}</p>` : nothing}
      <p part="status" class="message" role="status">
        ${withPhoneLink((mark) => msg(str`Call ${mark} to book this time.`, { id: 'book.callToBook' }), phone)}
      </p>
    </div>`;
  }

  /** The visible outcome, and one live region that stays in place so its new text is announced. */
  private renderOutcome() {
    const outcome = this.outcome;
    const region = (cls: string, content: unknown, role?: string) =>
      html`<div part="status" class="message ${cls}" role=${role ?? nothing}>${content}</div>`;
    const t = strings();
    let visible: unknown = nothing;
    let spoken = this.busy ? (this.appointment ? t.confirming : t.booking) : this.countdown.announcement;
    if (outcome?.kind === 'error') {
      const phone = this.session?.provider?.phone;
      visible = region('error', patientMessage(outcome.error, phone), 'alert');
    } else if (outcome?.kind === 'redirect') {
      const url = safeUrl(outcome.url);
      spoken = url ? t.redirect : t.badLink;
      visible = region(
        '',
        url ? html`${spoken} <a href=${url} target="_blank" rel="noopener noreferrer">${t.openPage}</a>` : spoken,
      );
    } else if (outcome) {
      spoken = this.outcomeSentence(outcome, t.oldNotCancelled);
      visible = region(outcome.kind === 'booked' ? 'success' : '', spoken);
    }
    return html`${visible}
      <div class="visually-hidden" role="status" aria-live="polite">${spoken}</div>`;
  }

  /** The sentence of a booked, moved, confirmed, cancelled or pending outcome. */
  private outcomeSentence(
    outcome: Extract<Outcome, { kind: 'booked' | 'cancelled' | 'pending' }>,
    oldNotCancelled: string,
  ) {
    if (outcome.kind === 'pending') return pendingText();
    const visit = describeVisit(outcome.appointment, this.display!);
    if (outcome.kind === 'cancelled') return outcomeText('cancelled', visit);
    const text = outcomeText(outcome.verb, visit);
    return outcome.problem ? `${text} ${oldNotCancelled}` : text;
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

  /** Books through the session (./booking-provider/journey.ts): who books, the hold, moving, one booking per intent. */
  private async book(slot: Slot): Promise<void> {
    const session = this.session!;
    if (slot.booking?.kind === 'link') this.openExternal(slot.booking.url);
    try {
      const { result, previous, problem } = await session.book(this.connection.signal);
      if (result.kind === 'redirect') {
        this.outcome = { kind: 'redirect', url: result.url };
        if (slot.booking?.kind !== 'link') this.openExternal(result.url);
        return;
      }
      if (result.kind === 'pending') {
        this.outcome = { kind: 'pending' };
        return;
      }
      this.outcome = {
        kind: 'booked',
        appointment: result.appointment,
        verb: previous ? 'moved' : 'booked',
        problem: !!problem,
      };
      emit(this, 'booking-confirmed', { appointment: result.appointment });
    } catch (cause) {
      // Removed from the page meanwhile. The session keeps the key: a retry of this intent cannot book twice.
      if (isAbortError(cause)) return;
      this.fail(toBookingError(cause));
    }
  }

  /** Confirms by id through the provider element, which knows the appointments listed under it. */
  private async confirmAppointment(id: string): Promise<void> {
    const session = this.session!;
    try {
      const confirmed = await session.confirmAppointment(id, this.connection.signal);
      this.outcome = { kind: 'booked', appointment: confirmed, verb: 'confirmed' };
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
