import { msg, str } from '@lit/localize';
import { Task } from '@lit/task';
import { html, nothing, type PropertyValues } from 'lit';
import type { Slot } from '../../core/model.js';
import { browserLocale } from '../../core/time.js';
import { findAvailability } from '../shared/availability.js';
import { SessionElement, baseStyles, emit } from '../shared/base.js';
import type { BookingStep } from '../shared/events.js';
import { modeLabel, telHref, whenText } from '../shared/format.js';
import { HoldCountdownController, clock } from '../shared/hold-countdown.js';
import { loadElement } from '../tags.js';
import { styles } from './booking-flow.styles.js';

/** Every text the patient reads here, in the language loaded now (so called at render time, never at import). */
const strings = () => ({
  steps: {
    visit: msg('What kind of visit', { id: 'flow.step.visit' }),
    time: msg('Choose a time', { id: 'flow.step.time' }),
    details: msg('Your details', { id: 'flow.step.details' }),
    review: msg('Review and book', { id: 'flow.step.review' }),
    done: msg('Booked', { id: 'flow.step.done' }),
  } satisfies Record<BookingStep, string>,
  stepOf: (n: number, total: number) => msg(str`Step ${n} of ${total}`, { id: 'flow.stepOf' }),
  progress: msg('Booking steps', { id: 'flow.progress' }),
  next: msg('Continue', { id: 'flow.next' }),
  back: msg('Back', { id: 'flow.back' }),
  chooseFirst: msg('Choose a time to continue.', { id: 'flow.chooseFirst' }),
  detailsFirst: msg('Fill in the details marked as required to continue.', { id: 'flow.detailsFirst' }),
  nothingSoon: msg('Nothing soon? Call us at', { id: 'flow.nothingSoon' }),
  nothingSoonNoPhone: msg('Nothing soon? Please call the clinic.', { id: 'flow.nothingSoonNoPhone' }),
  what: msg('What', { id: 'flow.what' }),
  when: msg('When', { id: 'flow.when' }),
  where: msg('Where', { id: 'flow.where' }),
  who: msg('With', { id: 'flow.who' }),
  forWhom: msg('For', { id: 'flow.forWhom' }),
  myself: msg('Myself', { id: 'flow.myself' }),
  heldFor: msg('This time is held for you for', { id: 'flow.heldFor' }),
  signIn: msg('Sign in to book', { id: 'flow.signIn' }),
  signInWhy: msg('This clinic books online for patients with an account. You will come back to this time.', {
    id: 'flow.signInWhy',
  }),
  another: msg('Book another visit', { id: 'flow.another' }),
  moving: msg('Choose the new time for your appointment.', { id: 'flow.moving' }),
});

const ALL_STEPS: readonly BookingStep[] = ['visit', 'time', 'details', 'review', 'done'];

/** The emergency number by the locale's country; most of the world answers 112. */
const EMERGENCY: Record<string, string> = {
  US: '911',
  CA: '911',
  MX: '911',
  PH: '911',
  GB: '999',
  IE: '112',
  AU: '000',
  NZ: '111',
  HK: '999',
  TW: '119',
  KR: '119',
  JP: '119',
  CN: '120',
  VN: '115',
  BR: '192',
  HT: '116',
};

/**
 * "If this is an emergency, call 911." in the language loaded now, with the number of the country the locale
 * names (`es-MX` → 911, `fr-FR` → 112). A language alone says nothing of where the clinic is (Spanish on a US
 * clinic's page is `es`): it gets the US number, as a locale without a region does.
 */
export function emergencyText(locale: string): string {
  let region: string | undefined;
  try {
    region = new Intl.Locale(locale).region;
  } catch {
    region = undefined;
  }
  const number = EMERGENCY[region ?? 'US'] ?? '112';
  return msg(str`If this is an emergency, call ${number}.`, { id: 'flow.emergency' });
}

const TWO_WEEKS_MS = 14 * 86_400_000;

/**
 * The whole booking journey in one tag, inside a `<booking-provider>`: what (visit type, place, clinician),
 * when (a day, then a time, in the patient's zone), who (the patient's details, or a sign-in), review (with
 * the time held counting down where the backend holds), done (the confirmation with a calendar file). Each
 * step has a heading that receives focus, so screen readers announce it; Back keeps everything chosen and typed.
 *
 * @summary The patient's booking journey in one element.
 *
 * @event {CustomEvent<{ step: 'visit' | 'time' | 'details' | 'review' | 'done' }>} booking-step - The step shown now.
 *
 * @csspart emergency - The emergency notice.
 * @csspart progress - The list of steps.
 * @csspart step - Each step's section.
 * @csspart heading - Each step's heading.
 * @csspart nav - The Back / Continue buttons.
 * @csspart review - The summary of the visit on the review step.
 * @csspart soon - "Nothing soon? Call us" when no time is free in the next two weeks.
 *
 * @cssproperty --careslot-color-primary - The Continue button, the current step and links. Default #0b5cad.
 * @cssproperty --careslot-color-on-primary - Text of the Continue button. Default #ffffff.
 * @cssproperty --careslot-color-text - Body text. Default #1f2430.
 * @cssproperty --careslot-color-muted - Steps not reached yet, hints. Default #555d6e.
 * @cssproperty --careslot-color-surface - Background of buttons. Default #ffffff.
 * @cssproperty --careslot-color-border - Borders of buttons and the notice. Default #c5cad3.
 * @cssproperty --careslot-color-danger - The emergency notice's edge. Default #a4141c.
 * @cssproperty --careslot-color-focus - Focus ring. Default #1a73e8.
 * @cssproperty --careslot-font-family - Font. Default the system UI font.
 * @cssproperty --careslot-font-size - Base size. Default 16px.
 * @cssproperty --careslot-radius - Corner radius. Default 0.5em.
 */
export class BookingFlowElement extends SessionElement {
  static override styles = [baseStyles, styles];

  static override properties = {
    ...SessionElement.properties,
    steps: { type: String },
    emergencyNotice: { type: String, attribute: 'emergency-notice' },
    current: { state: true },
    hint: { state: true },
  };

  /** The steps to show, space-separated, in journey order (default all: `visit time details review done`). */
  declare steps: string | undefined;
  /** The emergency notice's text, or `off`. Default "If this is an emergency, call 911." (the locale's number). */
  declare emergencyNotice: string | undefined;
  declare private current: BookingStep;
  /** The hint under Continue, by what it says (its words in the language of each render). */
  declare private hint: '' | 'moving' | 'chooseFirst' | 'detailsFirst';

  private readonly countdown = new HoldCountdownController(this, () => this.session?.held);
  private focusHeading = false;
  private lastStep: BookingStep | undefined;
  private lastBookedId: string | undefined;
  /** Whether the session's outcomes have been seen once (the first are where it stood before the flow came). */
  private followed = false;
  private lastMoving: string | undefined;
  private lastExpired: unknown;

  /** Whether any time is free in the next two weeks (false: "Nothing soon? Call us"). */
  private readonly soonTask = this.connection.track(
    new Task(this, {
      task: async ([provider, revision, start, practitionerId, locationId, serviceId], { signal }) => {
        void revision;
        if (!provider?.capabilities.findSlots) return true;
        const end = new Date(Date.parse(start) + TWO_WEEKS_MS).toISOString();
        const { times } = await findAvailability(
          provider,
          { start, end, practitionerId, locationId, serviceId },
          signal,
        );
        return times.length > 0;
      },
      args: () => {
        const session = this.session;
        const filter = session?.filter ?? {};
        const now = session?.now().toISOString().slice(0, 13) ?? '';
        return [
          session?.provider,
          session?.revision,
          now ? `${now}:00:00.000Z` : '',
          filter.practitioner,
          filter.location,
          filter.service,
        ] as const;
      },
    }),
  );

  constructor() {
    super();
    this.current = 'visit';
    this.hint = '';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // The script tag's autoloader does not see inside shadow roots: load what the steps use.
    for (const tag of ['visit-filter', 'time-zone-select', 'patient-form', 'booking-confirmation'])
      void loadElement(tag);
  }

  /** The steps in use: the `steps` attribute's, in journey order; details only where booking needs them. */
  private activeSteps(): BookingStep[] {
    const asked = (this.steps ?? '').split(/\s+/).filter((s): s is BookingStep => ALL_STEPS.includes(s as BookingStep));
    const chosen = asked.length ? ALL_STEPS.filter((s) => asked.includes(s)) : [...ALL_STEPS];
    const need = this.session?.need;
    return chosen.filter((s) => s !== 'details' || need === 'details' || need === 'sign-in');
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const session = this.session;
    const steps = this.activeSteps();
    if (!steps.includes(this.current)) this.current = steps[0] ?? 'time';
    if (!session) return;
    // A flow that comes after a booking or an expired hold starts at its first step, not at their outcome.
    if (!this.followed) {
      this.followed = true;
      this.lastBookedId = session.lastBooked?.id;
      this.lastExpired = session.expired;
    }
    // Follow the session: a booking made (done), a move started (time), a hold run out or a time taken (time).
    const booked = session.lastBooked?.id;
    if (booked && booked !== this.lastBookedId && steps.includes('done')) this.go('done');
    this.lastBookedId = booked;
    const moving = session.rescheduling?.id;
    if (moving && moving !== this.lastMoving && steps.includes('time')) {
      this.go('time');
      this.hint = 'moving';
    }
    this.lastMoving = moving;
    if (session.expired && session.expired !== this.lastExpired && steps.includes('time')) this.go('time');
    this.lastExpired = session.expired;
    const after = steps.indexOf(this.current) > steps.indexOf('time');
    if (!session.selection && after && this.current !== 'done' && steps.includes('time')) this.go('time');
  }

  protected override updated(): void {
    if (this.current !== this.lastStep) {
      this.lastStep = this.current;
      emit(this, 'booking-step', { step: this.current });
    }
    if (this.focusHeading) {
      this.focusHeading = false;
      this.renderRoot.querySelector<HTMLElement>(`section[data-step="${this.current}"] h2`)?.focus();
    }
  }

  override render() {
    const t = strings();
    const steps = this.activeSteps();
    const index = steps.indexOf(this.current);
    return html`${this.renderEmergency()}
      <ol part="progress" class="progress" aria-label=${t.progress}>
        ${steps.map(
          (step, i) =>
            html`<li
              class=${i < index ? 'past' : i === index ? 'current' : ''}
              aria-current=${i === index ? 'step' : nothing}
            >
              ${t.steps[step]}
            </li>`,
        )}
      </ol>
      ${steps.map((step, i) => this.renderStep(step, i, steps))}`;
  }

  private renderEmergency() {
    const notice = this.emergencyNotice;
    if (notice === 'off') return nothing;
    const text = notice || emergencyText(this.display?.locale ?? browserLocale());
    return html`<p part="emergency" class="emergency" role="note">${text}</p>`;
  }

  /** Every step stays in the page (hidden when not current), so what was chosen and typed is kept on Back. */
  private renderStep(step: BookingStep, i: number, steps: BookingStep[]) {
    const t = strings();
    const shown = step === this.current;
    return html`<section part="step" class="step" data-step=${step} ?hidden=${!shown} aria-labelledby=${`h-${step}`}>
      <h2 part="heading" id=${`h-${step}`} tabindex="-1">
        <span class="count">${t.stepOf(i + 1, steps.length)}:</span> ${t.steps[step]}
      </h2>
      ${this.renderBody(step)} ${step !== 'done' ? this.renderNav(step, i, steps) : nothing}
    </section>`;
  }

  private renderBody(step: BookingStep) {
    const t = strings();
    switch (step) {
      case 'visit':
        return html`<visit-filter></visit-filter>`;
      case 'time':
        return html`${this.session?.rescheduling ? html`<p class="hint">${t.moving}</p>` : nothing}
          <time-zone-select></time-zone-select>
          <slot-picker></slot-picker>
          ${this.renderSoon()}`;
      case 'details':
        return this.session?.need === 'sign-in'
          ? html`<p>${t.signInWhy}</p>
              <a class="button primary" href=${this.session.signInHref ?? '#'} @click=${this.onSignIn}>${t.signIn}</a>`
          : html`<patient-form></patient-form>${this.renderHold()}`;
      case 'review':
        // The button shows (and announces) the time left on the hold itself.
        return html`${this.renderReview()}<confirm-button></confirm-button>`;
      case 'done':
        return html`<booking-confirmation></booking-confirmation>
          <button class="another" @click=${this.startOver}>${t.another}</button>`;
    }
  }

  private renderSoon() {
    const t = strings();
    if (this.soonTask.value !== false) return nothing;
    const phone = this.session?.provider?.phone;
    return html`<p part="soon" class="soon">
      ${phone ? html`${t.nothingSoon} <a href=${telHref(phone)}>${phone}</a>.` : t.nothingSoonNoPhone}
    </p>`;
  }

  private renderHold() {
    const left = this.countdown.secondsLeft;
    const held = this.session?.held;
    if (left === undefined || !held || held.slot.id !== this.session?.selection?.id) return nothing;
    return html`<p class="hold">${strings().heldFor} <strong class="clock">${clock(left)}</strong></p>`;
  }

  /** What, when (both zones where they differ), where, with whom and for whom, before Book. */
  private renderReview() {
    const t = strings();
    const slot: Slot | null | undefined = this.session?.selection;
    const display = this.display;
    if (!slot || !display) return nothing;
    const when = whenText(slot, display);
    const details = this.session?.patientDetails;
    const address = slot.location?.address;
    const forWhom = details?.name
      ? `${details.name.given} ${details.name.family}${details.forWhom === 'dependent' ? '' : ` (${t.myself})`}`
      : undefined;
    return html`<dl part="review" class="review">
      <dt>${t.what}</dt>
      <dd>${slot.service?.name ?? modeLabel(slot.mode)}</dd>
      <dt>${t.when}</dt>
      <dd>
        ${when.date}, ${when.time}
        ${when.zone}${when.other ? html`<br /><span class="muted">${when.other}</span>` : nothing}
      </dd>
      ${
        slot.location
          ? html`<dt>${t.where}</dt>
              <dd>
                ${slot.location.name}${address ? html`<br />${[...address.lines, address.city, address.state].filter(Boolean).join(', ')}` : nothing}
              </dd>`
          : nothing
      }
      ${
        slot.practitioner
          ? html`<dt>${t.who}</dt>
              <dd>${slot.practitioner.name}</dd>`
          : nothing
      }
      ${
        forWhom
          ? html`<dt>${t.forWhom}</dt>
              <dd>${forWhom}</dd>`
          : nothing
      }
    </dl>`;
  }

  private renderNav(step: BookingStep, i: number, steps: BookingStep[]) {
    const t = strings();
    const next = steps[i + 1];
    const showNext = next && step !== 'review' && !(step === 'details' && this.session?.need === 'sign-in');
    return html`<div part="nav" class="nav">
      ${i > 0 ? html`<button class="back" @click=${() => this.go(steps[i - 1])}>${t.back}</button>` : nothing}
      ${showNext ? html`<button class="primary next" @click=${() => this.onNext(step, next)}>${t.next}</button>` : nothing}
      ${step === this.current && this.hint ? html`<span class="hint" role="status">${t[this.hint]}</span>` : nothing}
    </div>`;
  }

  private onNext(step: BookingStep, next: BookingStep): void {
    const session = this.session;
    if (step === 'time' && !session?.selection) {
      this.hint = 'chooseFirst';
      return;
    }
    if (step === 'details' && !session?.patientValid) {
      const form = this.renderRoot.querySelector<HTMLElement & { reportValidity?: () => boolean }>('patient-form');
      // Shows every missing field's message next to it and focuses the first.
      if (form?.reportValidity?.() !== true) {
        this.hint = 'detailsFirst';
        return;
      }
    }
    this.go(next);
  }

  private go(step: BookingStep): void {
    if (step === this.current) return;
    this.current = step;
    this.hint = '';
    this.focusHeading = true;
  }

  private startOver(): void {
    this.session?.select(null);
    this.go(this.activeSteps()[0] ?? 'time');
  }

  private onSignIn(event: Event): void {
    if (this.session?.requestSignIn() === false || !this.session?.signInHref) event.preventDefault();
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'booking-flow': BookingFlowElement;
  }
}
