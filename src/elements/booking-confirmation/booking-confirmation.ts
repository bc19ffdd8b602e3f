import { msg, str } from '@lit/localize';
import { Task } from '@lit/task';
import { html, nothing, type PropertyValues } from 'lit';
import { type BookingError, isAbortError, toBookingError } from '../../core/errors.js';
import { addressParts, appointmentToIcs, type IcsLabels } from '../../core/ics.js';
import type { Appointment } from '../../core/model.js';
import { operation } from '../../core/provider.js';
import { appointmentActions } from '../shared/actions.js';
import { SessionElement, baseStyles, emit } from '../shared/base.js';
import { describeVisit, modeLabel, safeUrl, telHref, whenText } from '../shared/format.js';
import { patientMessage, patientText } from '../shared/messages.js';
import { styles } from './booking-confirmation.styles.js';

/** Every text the patient reads here, in the language loaded now (so called at render time, never at import). */
const strings = () => ({
  none: msg('No booking yet.', { id: 'confirmation.none' }),
  loading: msg('Loading your appointment…', { id: 'confirmation.loading' }),
  notFound: msg('We could not find that appointment.', { id: 'confirmation.notFound' }),
  booked: msg("You're booked", { id: 'confirmation.booked' }),
  cancelled: msg('Cancelled', { id: 'confirmation.cancelled' }),
  requested: msg('Requested', { id: 'confirmation.requested' }),
  cancellationRequested: msg('Cancellation requested', { id: 'confirmation.cancellationRequested' }),
  when: msg('When', { id: 'confirmation.when' }),
  with: msg('With', { id: 'confirmation.with' }),
  visit: msg('Visit', { id: 'confirmation.visit' }),
  where: msg('Where', { id: 'confirmation.where' }),
  phone: msg('Phone', { id: 'confirmation.phone' }),
  reference: msg('Reference', { id: 'confirmation.reference' }),
  map: msg('Show on map', { id: 'confirmation.map' }),
  newTab: msg('(opens in a new tab)', { id: 'confirmation.newTab' }),
  instructions: msg('Before your visit', { id: 'confirmation.instructions' }),
  requestedNote: msg('The clinic will confirm this time.', { id: 'confirmation.requestedNote' }),
  cancelRequestedNote: msg('Your cancellation request was sent to the clinic.', {
    id: 'confirmation.cancelRequestedNote',
  }),
  join: msg('Join video visit', { id: 'confirmation.join' }),
  calendar: msg('Add to calendar', { id: 'confirmation.calendar' }),
  reschedule: msg('Reschedule', { id: 'confirmation.reschedule' }),
  cancel: msg('Cancel appointment', { id: 'confirmation.cancel' }),
  requestCancel: msg('Request cancellation', { id: 'confirmation.requestCancel' }),
  question: msg('Cancel this appointment?', { id: 'confirmation.question' }),
  requestQuestion: msg('Send a cancellation request to the clinic?', { id: 'confirmation.requestQuestion' }),
  yes: msg('Yes, cancel', { id: 'confirmation.yes' }),
  yesRequest: msg('Yes, send request', { id: 'confirmation.yesRequest' }),
  cancelling: msg('Cancelling…', { id: 'confirmation.cancelling' }),
  keep: msg('Keep appointment', { id: 'confirmation.keep' }),
  moving: msg('Choose a new time. Your current appointment stays booked until the new time is booked.', {
    id: 'confirmation.moving',
  }),
  keepTime: msg('Keep current time', { id: 'confirmation.keepTime' }),
});

/** The calendar file's words, in the language loaded now. */
const icsLabels = (): IcsLabels => ({
  appointmentWith: (name: string) => msg(str`Appointment with ${name}`, { id: 'confirmation.ics.with' }),
  appointment: msg('Appointment', { id: 'confirmation.ics.appointment' }),
  mode: { 'in-person': modeLabel('in-person'), video: modeLabel('video'), phone: modeLabel('phone') },
  video: msg('Join the video visit:', { id: 'confirmation.ics.video' }),
  phone: msg('Clinic phone:', { id: 'confirmation.ics.phone' }),
  reference: msg('Reference:', { id: 'confirmation.ics.reference' }),
});

type State = 'booked' | 'cancelled' | 'requested';

/**
 * The confirmation a patient keeps: when (with "your time" where the patient's zone reads differently), who,
 * where (address, a map link), the clinic's phone, the backend's instructions, a reference, the video link,
 * an "Add to calendar" file (.ics), and Reschedule and Cancel where the backend and the appointment allow them.
 * It shows the appointment `appointment` names, by default the booking just made under its `<booking-provider>`.
 * Everything from the backend is shown as text.
 *
 * @summary The booked appointment, with add to calendar, reschedule and cancel.
 *
 * @event {CustomEvent<{ appointment: Appointment }>} appointment-cancelled - The patient cancelled (or asked to cancel) the appointment: `detail.appointment`, as the backend has it now.
 * @event {CustomEvent<{ appointment: Appointment; previous: Appointment }>} appointment-rescheduled - The appointment moved to the new time chosen after Reschedule: `detail.appointment` (new) and `detail.previous`.
 *
 * @csspart base - The wrapper (also of the "No booking yet" hint).
 * @csspart heading - "You're booked", "Requested" or "Cancelled".
 * @csspart details - The list of when, who, where, phone and reference.
 * @csspart when - Date, time and zone.
 * @csspart reference - The appointment's reference (its id).
 * @csspart map - The map link of the address.
 * @csspart phone - The clinic's phone link.
 * @csspart instructions - The clinic's instructions.
 * @csspart join - The video visit link.
 * @csspart calendar - The "Add to calendar" link.
 * @csspart action - Reschedule, cancel and the answers of the cancel question.
 * @csspart status - Notes, loading and error messages.
 *
 * @cssproperty --careslot-confirmation-padding - Padding of the confirmation. Default 1em 1.25em.
 * @cssproperty --careslot-color-primary - Links, the video and calendar links. Default #0b5cad.
 * @cssproperty --careslot-color-on-primary - Text of the video link. Default #ffffff.
 * @cssproperty --careslot-color-text - Body text. Default #1f2430.
 * @cssproperty --careslot-color-muted - Labels and the empty hint. Default #555d6e.
 * @cssproperty --careslot-color-surface - Background of the confirmation and buttons. Default #ffffff.
 * @cssproperty --careslot-color-border - Borders of the confirmation, notes and buttons. Default #c5cad3.
 * @cssproperty --careslot-color-danger - The cancelled heading, cancel answer and errors. Default #a4141c.
 * @cssproperty --careslot-color-success - The "You're booked" heading. Default #1d6b35.
 * @cssproperty --careslot-color-focus - Focus ring. Default #1a73e8.
 * @cssproperty --careslot-font-family - Font. Default the system UI font.
 * @cssproperty --careslot-font-size - Base size, in px so a host page's root font size does not change it. Default 16px.
 * @cssproperty --careslot-radius - Corner radius of the confirmation, buttons and messages. Default 0.5em.
 */
export class BookingConfirmationElement extends SessionElement {
  static override styles = [baseStyles, styles];

  static override properties = {
    ...SessionElement.properties,
    appointment: { type: String },
    current: { state: true },
    asking: { state: true },
    busy: { state: true },
    error: { state: true },
    announcement: { state: true },
  };

  /** Id of the appointment to show; default: the one booked (or moved) last under the `<booking-provider>`. */
  declare appointment: string | undefined;
  /** The id of the booking just made (the session's `lastBooked`, or the last `booking-confirmed`). */
  declare private current: string | undefined;
  declare private asking: boolean;
  declare private busy: boolean;
  declare private error: BookingError | undefined;
  declare private announcement: string;

  /** Appointments as this element last had them (an event's, a cancel's answer), where the session has none. */
  private readonly known = new Map<string, Appointment>();
  /** Moved appointments: old id → new id, so a confirmation follows its visit to the new time. */
  private readonly moved = new Map<string, string>();
  private lastBooked: Appointment | undefined;
  private providerElement: Element | null = null;
  private ics: { appointment: Appointment; phone?: string; words: string; url: string } | undefined;
  /** What was announced for: id and state, so a change (booked, cancelled elsewhere) is announced once. */
  private spoken = '';

  /** With `appointment`: the id looked up in the patient's list when the session has not seen it. */
  private readonly lookup = this.connection.track(
    new Task(this, {
      task: async ([provider, patientId, id], { signal }) => {
        if (!provider || !patientId || !id || this.session?.appointment(id) || !provider.capabilities.listAppointments)
          return undefined;
        const list = await this.session!.listAppointments(patientId, signal);
        return list.find((a) => a.id === id) ?? null;
      },
      args: () => [this.session?.provider, this.session?.patientId, this.appointment] as const,
    }),
  );

  private readonly onConfirmed = (event: Event) => {
    const appointment = (event as CustomEvent<{ appointment?: Appointment }>).detail?.appointment;
    if (!appointment?.id) return;
    this.known.set(appointment.id, appointment);
    this.current = appointment.id;
  };

  private readonly onRescheduled = (event: Event) => {
    const { appointment, previous } = (event as CustomEvent<{ appointment: Appointment; previous: Appointment }>)
      .detail;
    this.known.set(appointment.id, appointment);
    this.moved.set(previous.id, appointment.id);
    this.requestUpdate();
  };

  constructor() {
    super();
    this.asking = false;
    this.busy = false;
    this.announcement = '';
    this.addEventListener('appointment-rescheduled', this.onRescheduled);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // `<confirm-button>` announces what it booked on its way up through the provider.
    this.providerElement = this.closest('booking-provider');
    this.providerElement?.addEventListener('booking-confirmed', this.onConfirmed);
    this.requestUpdate();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.providerElement?.removeEventListener('booking-confirmed', this.onConfirmed);
    this.providerElement = null;
    this.dropIcs();
  }

  /** The appointment shown, in its latest state. */
  private shown(): Appointment | undefined {
    let id = this.appointment || this.current;
    for (let hops = 0; id && this.moved.has(id) && hops < 10; hops++) id = this.moved.get(id);
    if (!id) return undefined;
    const lookedUp = this.lookup.value;
    return this.session?.appointment(id) ?? this.known.get(id) ?? (lookedUp?.id === id ? lookedUp : undefined);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    const lastBooked = this.session?.lastBooked;
    if (lastBooked && lastBooked !== this.lastBooked) this.current = lastBooked.id;
    this.lastBooked = lastBooked;
    if (changed.has('appointment')) {
      this.asking = false;
      this.error = undefined;
    }
    const shown = this.shown();
    this.updateIcs(shown);
    // A new booking, or a change of state (cancelled here or elsewhere), is announced once.
    const spoken = shown ? `${shown.id}|${shown.status}|${!!shown.cancelRequested}` : '';
    if (spoken !== this.spoken) {
      if (!shown) this.announcement = '';
      else if (this.display && this.hasUpdated)
        this.announcement = `${this.headingOf(shown)}: ${describeVisit(shown, this.display)}.`;
      this.spoken = spoken;
    }
  }

  override render() {
    return html`${this.renderBody()}
      <div class="visually-hidden" role="status" aria-live="polite">${this.announcement}</div>`;
  }

  private renderBody() {
    const t = strings();
    const shown = this.shown();
    if (shown && this.display) return this.renderAppointment(shown);
    if (this.appointment && this.session?.provider) {
      const message = this.lookup.render({
        initial: () => t.loading,
        pending: () => t.loading,
        // Found, it is shown above; nothing to look up in (no patient, no list): not found either.
        complete: () => t.notFound,
        error: (error) =>
          isAbortError(error) ? t.loading : patientMessage(toBookingError(error), this.session?.provider?.phone),
      });
      return html`<div part="base" class="base empty" data-state="lookup"><span part="status">${message}</span></div>`;
    }
    return html`<div part="base" class="base empty" data-state="empty">
      <span part="status">${t.none}</span>
    </div>`;
  }

  private stateOf(appointment: Appointment): State {
    if (appointment.status === 'cancelled') return 'cancelled';
    return appointment.status === 'pending' || appointment.status === 'proposed' ? 'requested' : 'booked';
  }

  private headingOf(appointment: Appointment): string {
    const t = strings();
    if (appointment.cancelRequested && appointment.status !== 'cancelled') return t.cancellationRequested;
    return t[this.stateOf(appointment)];
  }

  private renderAppointment(appointment: Appointment) {
    const t = strings();
    const session = this.session!;
    const provider = session.provider;
    const capabilities = provider?.capabilities;
    const when = whenText(appointment, this.display!);
    const state = this.stateOf(appointment);
    const open = Date.parse(appointment.start) > session.now().getTime() && state !== 'cancelled';
    const { canCancel, canMove } = appointmentActions(appointment, capabilities, open);
    const moving = canMove && session.rescheduling?.id === appointment.id;
    const phone = appointment.location?.phone ?? provider?.phone;
    const video =
      appointment.mode === 'video' && state !== 'cancelled' ? safeUrl(appointment.telehealthUrl) : undefined;
    const location = appointment.mode === 'in-person' ? appointment.location : undefined;
    const mode = modeLabel(appointment.mode);
    const service = appointment.service?.name;
    return html`<div part="base" class="base state-${state}" data-state=${state} data-id=${appointment.id}>
      <h2 part="heading" tabindex="-1">${this.headingOf(appointment)}</h2>
      <dl part="details">
        <dt>${t.when}</dt>
        <dd part="when" class="when">
          <span class="line">${when.date}</span>
          <span class="line"
            >${when.time} ${when.zone}${when.other ? html` <span class="muted">(${when.other})</span>` : nothing}</span
          >
        </dd>
        ${
          appointment.practitioner
            ? html`<dt>${t.with}</dt>
                <dd>${appointment.practitioner.name}</dd>`
            : nothing
        }
        <dt>${t.visit}</dt>
        <dd>${mode}${service && service !== mode ? ` · ${service}` : ''}</dd>
        ${
          location
            ? html`<dt>${t.where}</dt>
                <dd>${this.renderPlace(appointment)}</dd>`
            : nothing
        }
        ${
          phone
            ? html`<dt>${t.phone}</dt>
                <dd><a part="phone" href=${telHref(phone)}>${phone}</a></dd>`
            : nothing
        }
        <dt>${t.reference}</dt>
        <dd part="reference">${appointment.id}</dd>
      </dl>
      ${
        appointment.instructions?.length
          ? html`<section aria-labelledby="instructions">
              <h3 id="instructions">${t.instructions}</h3>
              <ul part="instructions">
                ${appointment.instructions.map((line) => html`<li>${line}</li>`)}
              </ul>
            </section>`
          : nothing
      }
      ${
        state === 'requested' && !appointment.cancelRequested
          ? html`<p part="status" class="note">${t.requestedNote}</p>`
          : nothing
      }
      ${
        appointment.cancelRequested && state !== 'cancelled'
          ? html`<p part="status" class="note">${t.cancelRequestedNote}</p>`
          : nothing
      }
      ${
        video || (this.ics && state !== 'cancelled') || canMove || canCancel
          ? html`<div class="actions">
              ${
                video
                  ? html`<a part="join" class="button primary" href=${video} target="_blank" rel="noopener noreferrer"
                      >${t.join}<span class="visually-hidden"> ${t.newTab}</span></a
                    >`
                  : nothing
              }
              ${
                this.ics && state !== 'cancelled'
                  ? html`<a part="calendar" class="button" href=${this.ics.url} download="appointment.ics"
                      >${t.calendar}</a
                    >`
                  : nothing
              }
              ${
                canMove && !moving && !this.asking
                  ? html`<button part="action" class="reschedule" @click=${() => this.reschedule(appointment)}>
                      ${t.reschedule}
                    </button>`
                  : nothing
              }
              ${
                canCancel && !this.asking
                  ? html`<button part="action" class="cancel" @click=${() => this.ask()}>
                      ${appointment.cancel === 'request' ? t.requestCancel : t.cancel}
                    </button>`
                  : nothing
              }
            </div>`
          : nothing
      }
      ${canCancel && this.asking ? this.renderQuestion(appointment) : nothing}
      ${
        moving
          ? html`<div part="status" class="note moving" tabindex="-1">
              ${t.moving}
              <button part="action" class="keep-time" @click=${() => this.keepTime()}>${t.keepTime}</button>
            </div>`
          : nothing
      }
      ${
        this.error
          ? html`<div part="status" class="message error" role="alert">${patientMessage(this.error, phone)}</div>`
          : nothing
      }
    </div>`;
  }

  private renderPlace(appointment: Appointment) {
    const t = strings();
    const location = appointment.location!;
    const address = location.address;
    const parts = addressParts(appointment);
    const cityLine = address
      ? [address.city, [address.state, address.postalCode].filter(Boolean).join(' ')].filter(Boolean).join(', ')
      : '';
    const lines = address ? [...address.lines, cityLine, address.country ?? ''].filter((l) => l.trim()) : [];
    const map = `https://www.openstreetmap.org/search?query=${encodeURIComponent(parts.join(', '))}`;
    return html`<span class="line">${location.name}</span>
      ${lines.map((line) => html`<span class="line">${line}</span>`)}
      ${
        parts.length
          ? html`<a part="map" class="line" href=${map} target="_blank" rel="noopener noreferrer"
              >${t.map}<span class="visually-hidden"> ${t.newTab}</span></a
            >`
          : nothing
      }`;
  }

  private renderQuestion(appointment: Appointment) {
    const t = strings();
    const request = appointment.cancel === 'request';
    const question = request ? t.requestQuestion : t.question;
    return html`<div class="actions question" role="group" aria-label=${question} @keydown=${this.onQuestionKey}>
      <span>${question}</span>
      <button
        part="action"
        class="danger"
        aria-disabled=${this.busy ? 'true' : 'false'}
        @click=${() => this.cancel(appointment)}
      >
        ${this.busy ? t.cancelling : request ? t.yesRequest : t.yes}
      </button>
      <button part="action" class="keep" @click=${() => this.keep()}>${t.keep}</button>
    </div>`;
  }

  private readonly onQuestionKey = (event: KeyboardEvent) => {
    if (event.key !== 'Escape' || this.busy) return;
    event.preventDefault();
    event.stopPropagation();
    void this.keep();
  };

  private async ask(): Promise<void> {
    if (this.busy) return;
    this.error = undefined;
    this.asking = true;
    await this.updateComplete;
    this.focusOn('.question .danger');
  }

  private async keep(): Promise<void> {
    this.asking = false;
    await this.updateComplete;
    this.focusOn('button.cancel');
  }

  private async cancel(appointment: Appointment): Promise<void> {
    const session = this.session;
    const provider = session?.provider;
    if (!session || !provider || this.busy) return;
    this.busy = true;
    this.error = undefined;
    try {
      const updated = await operation(provider, 'cancel')(appointment, this.connection.signal);
      this.known.set(updated.id, updated);
      this.asking = false;
      emit(this, 'appointment-cancelled', { appointment: updated });
      session.appointmentChanged(updated);
      session.refresh();
      // The pressed button is gone: focus goes to the heading, which now says what happened.
      await this.updateComplete;
      this.focusOn('[part="heading"]');
    } catch (cause) {
      if (isAbortError(cause)) return;
      const error = toBookingError(cause);
      this.error = error;
      this.asking = false;
      this.announcement = patientText(error, appointment.location?.phone ?? provider.phone);
      await this.updateComplete;
      this.focusOn('button.cancel');
    } finally {
      this.busy = false;
    }
  }

  private async reschedule(appointment: Appointment): Promise<void> {
    this.session?.startReschedule(appointment, this);
    this.announcement = strings().moving;
    await this.updateComplete;
    this.focusOn('.moving');
  }

  private async keepTime(): Promise<void> {
    this.session?.startReschedule(null);
    this.announcement = '';
    await this.updateComplete;
    this.focusOn('button.reschedule');
  }

  private focusOn(selector: string): void {
    this.renderRoot.querySelector<HTMLElement>(selector)?.focus();
  }

  /** The .ics file of the shown appointment as a blob: URL, made again when the appointment changes. */
  private updateIcs(appointment: Appointment | undefined): void {
    const phone = this.session?.provider?.phone;
    // The file's words follow the language: a new language (or override) makes the file again.
    const labels = icsLabels();
    const words = [labels.appointmentWith('\u0000'), labels.appointment, labels.video, labels.phone, labels.reference]
      .concat(Object.values(labels.mode))
      .join('\u0001');
    if (this.ics?.appointment === appointment && this.ics?.phone === phone && this.ics?.words === words) return;
    this.dropIcs();
    if (!appointment || Number.isNaN(Date.parse(appointment.start)) || !this.isConnected) return;
    const text = appointmentToIcs(appointment, { now: this.session?.now() ?? new Date(), phone, labels });
    const url = URL.createObjectURL(new Blob([text], { type: 'text/calendar;charset=utf-8' }));
    this.ics = { appointment, phone, words, url };
  }

  private dropIcs(): void {
    if (this.ics) URL.revokeObjectURL(this.ics.url);
    this.ics = undefined;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'booking-confirmation': BookingConfirmationElement;
  }
}
