import { msg, str } from '@lit/localize';
import { Task } from '@lit/task';
import { html, nothing } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { type BookingError, isAbortError, toBookingError } from '../../core/errors.js';
import type { Appointment, AppointmentStatus } from '../../core/model.js';
import { operation } from '../../core/provider.js';
import { appointmentActions } from '../shared/actions.js';
import { SessionElement, baseStyles, emit } from '../shared/base.js';
import { describeVisit, modeLabel, safeUrl, whenText } from '../shared/format.js';
import { patientMessage, patientText } from '../shared/messages.js';
import { styles } from './appointment-list.styles.js';

export type AppointmentFilter = 'upcoming' | 'past' | 'all';

/** The status labels in the current language (computed at render time). */
const statusLabels = (): Record<AppointmentStatus, string> => ({
  proposed: msg('Needs your confirmation', { id: 'list.status.proposed' }),
  pending: msg('Waiting for the clinic', { id: 'list.status.pending' }),
  booked: msg('Booked', { id: 'list.status.booked' }),
  arrived: msg('Checked in', { id: 'list.status.arrived' }),
  fulfilled: msg('Completed', { id: 'list.status.fulfilled' }),
  cancelled: msg('Cancelled', { id: 'list.status.cancelled' }),
  noshow: msg('Missed', { id: 'list.status.noshow' }),
  unknown: msg('Scheduled', { id: 'list.status.unknown' }),
});

/** What the live region says after an action, written when it is shown (in the language of the moment). */
type Announcement =
  | { kind: 'confirmed' | 'cancelled' | 'requested'; appointment: Appointment }
  | { kind: 'move' }
  | { kind: 'error'; error: BookingError };

type Action = 'confirm' | 'cancel';

/**
 * The patient's appointments, upcoming or past, with Confirm, Move and Cancel where the backend allows them
 * for that appointment. Cancelling asks once more before it is sent. Move lets the patient choose a new time
 * in the `<slot-picker>`; the old visit is given up only once the new one is booked.
 *
 * @summary The patient's appointments with confirm and cancel.
 *
 * @event {CustomEvent<{ appointment: Appointment }>} appointment-confirmed - The patient confirmed an appointment: `detail.appointment`, as the backend has it now.
 * @event {CustomEvent<{ appointment: Appointment }>} appointment-cancelled - The patient cancelled (or asked to cancel) an appointment: `detail.appointment`.
 * @event {CustomEvent<{ appointment: Appointment; previous: Appointment }>} appointment-rescheduled - An appointment whose Move started here was moved to a new time (Move, then a time, then "Move appointment").
 *
 * @csspart base - The wrapper.
 * @csspart list - The `<ul>` of appointments.
 * @csspart item - One appointment.
 * @csspart when - Date and time of an appointment.
 * @csspart badge - The status label.
 * @csspart action - Confirm / move / cancel buttons.
 * @csspart status - Loading, empty and error messages.
 * @csspart retry - The retry button of the error state.
 *
 * @cssproperty --careslot-item-gap - Space between appointments. Default 0.75em.
 * @cssproperty --careslot-color-primary - The Confirm button, and links. Default #0b5cad.
 * @cssproperty --careslot-color-on-primary - Text of the Confirm button. Default #ffffff.
 * @cssproperty --careslot-color-text - Body text. Default #1f2430.
 * @cssproperty --careslot-color-muted - Practitioner, place and visit details; loading text. Default #555d6e.
 * @cssproperty --careslot-color-surface - Background of the appointments and buttons. Default #ffffff.
 * @cssproperty --careslot-color-border - Borders of appointments, status labels and buttons. Default #c5cad3.
 * @cssproperty --careslot-color-danger - The cancel confirmation button and error messages. Default #a4141c.
 * @cssproperty --careslot-color-focus - Focus ring. Default #1a73e8.
 * @cssproperty --careslot-font-family - Font. Default the system UI font.
 * @cssproperty --careslot-font-size - Base size, in px so a host page's root font size does not change it. Default 16px.
 * @cssproperty --careslot-radius - Corner radius of appointments, buttons and messages. Default 0.5em.
 */
export class AppointmentListElement extends SessionElement {
  static override styles = [baseStyles, styles];

  static override properties = {
    ...SessionElement.properties,
    patient: { type: String },
    filter: { type: String },
    busyId: { state: true },
    askingCancelId: { state: true },
    itemErrors: { state: true },
    announcement: { state: true },
  };

  /** Patient id; default: the `<booking-provider>`'s `patient`. */
  declare patient: string | undefined;
  /** `upcoming` (default), `past` or `all`. */
  declare filter: AppointmentFilter;
  declare private busyId: string | undefined;
  declare private askingCancelId: string | undefined;
  declare private itemErrors: Record<string, BookingError>;
  declare private announcement: Announcement | undefined;
  /** Announced while nothing else is: the loading state, set while the body renders. */
  private liveText = '';

  private readonly appointmentsTask = this.connection.track(
    new Task(this, {
      task: async ([provider, patientId], { signal }) => {
        if (!provider || !patientId || !provider.capabilities.listAppointments) return undefined;
        // Through the session, which remembers them: `<confirm-button appointment=…>` confirms without a new list.
        return this.session!.listAppointments(patientId, signal);
      },
      args: () => [this.session?.provider, this.patient ?? this.session?.patientId, this.session?.revision] as const,
    }),
  );

  constructor() {
    super();
    this.filter = 'upcoming';
    this.itemErrors = {};
    this.announcement = undefined;
  }

  override render() {
    this.liveText = '';
    return html`<div part="base" class="base">
      ${this.renderBody()}
      <div class="visually-hidden" role="status" aria-live="polite">${this.spoken() || this.liveText}</div>
    </div>`;
  }

  /** The sentence of the last action, in the current language. */
  private spoken(): string {
    const said = this.announcement;
    if (!said) return '';
    if (said.kind === 'move')
      return msg('Choose a new time for this appointment, then press Move appointment.', { id: 'list.moveHint' });
    if (said.kind === 'error') return patientText(said.error, this.session?.provider?.phone);
    const visit = this.display ? describeVisit(said.appointment, this.display) : '';
    if (said.kind === 'confirmed') return msg(str`Confirmed: ${visit}.`, { id: 'book.confirmed' });
    if (said.kind === 'cancelled') return msg(str`Cancelled: ${visit}.`, { id: 'book.cancelled' });
    return msg(str`Cancellation requested: ${visit}.`, { id: 'list.requested' });
  }

  private renderBody() {
    const session = this.session;
    if (!session) return this.status(msg('Waiting for a <booking-provider>…', { id: 'list.noProvider' }));
    if (session.status === 'error')
      return this.status(msg('Appointments are not available.', { id: 'list.unavailable' }));
    const provider = session.provider;
    if (provider && !provider.capabilities.listAppointments)
      return this.status(msg("This clinic's system does not list appointments online.", { id: 'list.notListed' }));
    if (provider && !(this.patient ?? session.patientId))
      return this.status(msg('Sign in to see your appointments.', { id: 'list.signIn' }));
    return this.appointmentsTask.render({
      initial: () => this.loading(),
      // A reload after confirm/cancel keeps the list in place instead of flashing a spinner.
      pending: () => (this.appointmentsTask.value ? this.renderList(this.appointmentsTask.value) : this.loading()),
      error: (error) => {
        // Interrupted because the list left the page: it runs again when it comes back.
        if (isAbortError(error)) return this.loading();
        const e = toBookingError(error);
        return html`<div part="status" class="message error" role="alert">
          ${patientMessage(e, this.session?.provider?.phone)}
          <button part="retry" @click=${() => void this.appointmentsTask.run()}>
            ${msg('Try again', { id: 'provider.retry' })}
          </button>
        </div>`;
      },
      complete: (list) => (list ? this.renderList(list) : this.loading()),
    });
  }

  private loading() {
    this.liveText = msg('Loading appointments…', { id: 'list.loading' });
    return html`<div part="status" class="message loading" data-state="loading">
      <span class="spinner" aria-hidden="true"></span>${this.liveText}
    </div>`;
  }

  private status(text: string) {
    return html`<div part="status" class="message">${text}</div>`;
  }

  private visible(list: Appointment[]): Appointment[] {
    const now = (this.session?.now() ?? new Date()).getTime();
    const filter = this.filter === 'past' || this.filter === 'all' ? this.filter : 'upcoming';
    const shown = list.filter((a) => filter === 'all' || (filter === 'past') === Date.parse(a.end) < now);
    return shown.sort((a, b) => (filter === 'past' ? -1 : 1) * (Date.parse(a.start) - Date.parse(b.start)));
  }

  private renderList(list: Appointment[]) {
    const shown = this.visible(list);
    const label =
      this.filter === 'past'
        ? msg('Past appointments', { id: 'list.past' })
        : this.filter === 'all'
          ? msg('Appointments', { id: 'list.all' })
          : msg('Upcoming appointments', { id: 'list.upcoming' });
    if (shown.length === 0) {
      return html`<div part="status" class="message" data-state="empty">
        ${
          this.filter === 'past'
            ? msg('No past appointments.', { id: 'list.noPast' })
            : msg('No upcoming appointments.', { id: 'list.noUpcoming' })
        }
      </div>`;
    }
    return html`<ul part="list" class="list" aria-label=${label}>
      ${repeat(
        shown,
        (a) => a.id,
        (a) => this.renderItem(a),
      )}
    </ul>`;
  }

  private renderItem(appointment: Appointment) {
    const display = this.display!;
    const provider = this.session!.provider!;
    const when = whenText(appointment, display);
    const now = this.session!.now().getTime();
    const upcoming = Date.parse(appointment.end) >= now;
    const open = upcoming && appointment.status !== 'cancelled';
    const canConfirm = open && appointment.canConfirm && provider.capabilities.confirm;
    const { canCancel, canMove } = appointmentActions(appointment, provider.capabilities, open);
    const busy = this.busyId === appointment.id;
    const error = this.itemErrors[appointment.id];
    const video = appointment.mode === 'video' && open ? safeUrl(appointment.telehealthUrl) : undefined;
    const badge =
      appointment.cancelRequested && appointment.status !== 'cancelled'
        ? msg('Cancellation requested', { id: 'list.status.cancelRequested' })
        : statusLabels()[appointment.status];
    return html`<li part="item" class="item status-${appointment.status}" data-id=${appointment.id} tabindex="-1">
      <div class="head">
        <span part="when" class="when">
          <span class="visually-hidden">${describeVisit(appointment, display)}</span>
          <span aria-hidden="true"
            ><strong>${when.date}</strong>, ${when.time}
            ${when.zone}${when.other ? html` <span class="muted">(${when.other})</span>` : nothing}</span
          >
        </span>
        <span part="badge" class="badge">${badge}</span>
      </div>
      <div class="details">
        ${appointment.practitioner ? html`<span>${appointment.practitioner.name}</span>` : nothing}
        ${appointment.location ? html`<span>${appointment.location.name}</span>` : nothing}
        <span
          >${modeLabel(appointment.mode)}${appointment.service && appointment.service.name !== modeLabel(appointment.mode) ? ` · ${appointment.service.name}` : ''}</span
        >
        ${appointment.copay ? html`<span>${msg(str`Copay: ${appointment.copay.amount} ${appointment.copay.currency}`, { id: 'list.copay' })}</span>` : nothing}
      </div>
      ${
        appointment.instructions?.length
          ? html`<ul class="instructions">
              ${appointment.instructions.map((i) => html`<li>${i}</li>`)}
            </ul>`
          : nothing
      }
      ${video ? html`<a href=${video} target="_blank" rel="noopener noreferrer">${msg('Join video visit', { id: 'list.joinVideo' })}</a>` : nothing}
      ${canConfirm || canCancel || canMove ? this.renderActions(appointment, canConfirm, canCancel, busy, canMove) : nothing}
      ${
        error
          ? html`<div part="status" class="message error" role="alert">
              ${patientMessage(error, this.session?.provider?.phone)}
            </div>`
          : nothing
      }
    </li>`;
  }

  private renderActions(
    appointment: Appointment,
    canConfirm: boolean,
    canCancel: boolean,
    busy: boolean,
    canMove = false,
  ) {
    const description = describeVisit(appointment, this.display!);
    if (this.askingCancelId === appointment.id) {
      const question = msg('Cancel this appointment?', { id: 'list.cancelQuestion' });
      return html`<div class="actions" role="group" aria-label=${question} @keydown=${this.onQuestionKey}>
        <span
          >${appointment.cancel === 'request' ? msg('Send a cancellation request to the clinic?', { id: 'list.requestQuestion' }) : question}</span
        >
        <button
          part="action"
          class="danger"
          aria-disabled=${busy ? 'true' : 'false'}
          @click=${() => this.act('cancel', appointment)}
        >
          ${
            busy
              ? msg('Cancelling…', { id: 'list.cancelling' })
              : appointment.cancel === 'request'
                ? msg('Yes, send request', { id: 'list.yesRequest' })
                : msg('Yes, cancel', { id: 'list.yesCancel' })
          }
        </button>
        <button part="action" class="keep" @click=${() => void this.keepAppointment()}>
          ${msg('Keep appointment', { id: 'list.keep' })}
        </button>
      </div>`;
    }
    return html`<div class="actions">
      ${
        canConfirm
          ? html`<button
              part="action"
              class="primary"
              aria-label=${msg(str`Confirm ${description}`, { id: 'list.confirmLabel' })}
              aria-disabled=${busy ? 'true' : 'false'}
              @click=${() => this.act('confirm', appointment)}
            >
              ${busy ? msg('Confirming…', { id: 'book.confirming' }) : msg('Confirm', { id: 'list.confirm' })}
            </button>`
          : nothing
      }
      ${
        canMove
          ? html`<button
              part="action"
              aria-label=${msg(str`Move ${description}`, { id: 'list.moveLabel' })}
              aria-pressed=${this.session?.rescheduling?.id === appointment.id ? 'true' : 'false'}
              @click=${() => this.startMove(appointment)}
            >
              ${msg('Move', { id: 'list.move' })}
            </button>`
          : nothing
      }
      ${
        canCancel
          ? html`<button
              part="action"
              class="cancel"
              aria-label=${
                appointment.cancel === 'request'
                  ? msg(str`Request cancellation of ${description}`, { id: 'list.requestLabel' })
                  : msg(str`Cancel ${description}`, { id: 'list.cancelLabel' })
              }
              aria-disabled=${busy ? 'true' : 'false'}
              @click=${() => this.askCancel(appointment)}
            >
              ${
                appointment.cancel === 'request'
                  ? msg('Request cancellation', { id: 'list.request' })
                  : msg('Cancel', { id: 'list.cancel' })
              }
            </button>`
          : nothing
      }
    </div>`;
  }

  /** Starts moving the appointment: the picker's next chosen time becomes its new time ("Move appointment"). */
  private startMove(appointment: Appointment): void {
    const session = this.session;
    if (!session) return;
    const again = session.rescheduling?.id === appointment.id;
    session.startReschedule(again ? null : appointment, this);
    this.announcement = again ? undefined : { kind: 'move' };
  }

  private async askCancel(appointment: Appointment): Promise<void> {
    if (this.busyId) return;
    this.askingCancelId = appointment.id;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLButtonElement>('.actions .danger')?.focus();
  }

  /** Escape in the cancel question answers "Keep appointment". */
  private onQuestionKey(event: KeyboardEvent): void {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    event.stopPropagation();
    void this.keepAppointment();
  }

  /** Closes the cancel question; focus goes back to that appointment's Cancel button. */
  private async keepAppointment(): Promise<void> {
    const id = this.askingCancelId;
    if (!id || this.busyId === id) return;
    this.askingCancelId = undefined;
    await this.updateComplete;
    this.item(id)?.querySelector<HTMLElement>('button.cancel')?.focus();
  }

  /** The list item of an appointment. */
  private item(id: string): HTMLElement | undefined {
    return [...this.renderRoot.querySelectorAll<HTMLElement>('[part="item"]')].find((item) => item.dataset.id === id);
  }

  /** Keeps keyboard focus on the appointment (the pressed button is gone), and it in view. */
  private focusItem(id: string): void {
    const item = this.item(id);
    if (!item) return;
    item.focus({ preventScroll: true });
    item.scrollIntoView({ block: 'nearest' });
  }

  private async refocusAfterReload(id: string): Promise<void> {
    try {
      await this.appointmentsTask.taskComplete;
    } catch {
      return;
    }
    await this.updateComplete;
    // Only if the patient has not moved on meanwhile.
    const active = this.renderRoot instanceof ShadowRoot ? this.renderRoot.activeElement : null;
    if (!active || active === this.item(id)) this.focusItem(id);
  }

  private async act(action: Action, appointment: Appointment): Promise<void> {
    const session = this.session;
    const provider = session?.provider;
    if (!provider || this.busyId) return;
    this.busyId = appointment.id;
    const { [appointment.id]: _dropped, ...rest } = this.itemErrors;
    this.itemErrors = rest;
    try {
      const signal = this.connection.signal;
      const updated =
        action === 'confirm'
          ? await operation(provider, 'confirm')(appointment, signal)
          : await operation(provider, 'cancel')(appointment, signal);
      this.announcement = {
        kind: action === 'confirm' ? 'confirmed' : updated.status === 'cancelled' ? 'cancelled' : 'requested',
        appointment: updated,
      };
      this.askingCancelId = undefined;
      emit(this, action === 'confirm' ? 'appointment-confirmed' : 'appointment-cancelled', { appointment: updated });
      session!.appointmentChanged(updated);
      session!.refresh();
      // The pressed button is gone now; keep keyboard focus on the appointment instead of the page, also once
      // the list has reloaded (items are keyed by id, so the same element stays).
      await this.updateComplete;
      this.focusItem(appointment.id);
      void this.refocusAfterReload(appointment.id);
    } catch (cause) {
      // Removed from the page meanwhile: nobody is there to read an error.
      if (isAbortError(cause)) return;
      const error = toBookingError(cause);
      this.itemErrors = { ...this.itemErrors, [appointment.id]: error };
      this.announcement = { kind: 'error', error };
    } finally {
      this.busyId = undefined;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'appointment-list': AppointmentListElement;
  }
}
