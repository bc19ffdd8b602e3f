import { msg } from '@lit/localize';
import { Task, TaskStatus } from '@lit/task';
import { html, nothing } from 'lit';
import { live } from 'lit/directives/live.js';
import { toBookingError } from '../../core/errors.js';
import type { Location, Practitioner, Service } from '../../core/model.js';
import type { BookingProvider } from '../../core/provider.js';
import { ProviderElement, baseStyles, emit } from '../shared/base.js';
import type { VisitFilter } from '../shared/context.js';
import { patientMessage } from '../shared/messages.js';
import { fieldStyles } from '../shared/field.styles.js';
import { styles } from './visit-filter.styles.js';

/** A choice `<visit-filter>` can offer. */
export type VisitFilterField = 'service' | 'location' | 'practitioner';

/** In the order of the patient's journey: what, where, with whom. */
const FIELDS: readonly VisitFilterField[] = ['service', 'location', 'practitioner'];

const LIST_METHOD = {
  service: 'listServices',
  location: 'listLocations',
  practitioner: 'listPractitioners',
} as const satisfies Record<VisitFilterField, keyof BookingProvider>;

/** A field's label, in the language of the moment. */
function label(field: VisitFilterField): string {
  if (field === 'service') return msg('Type of visit', { id: 'filter.service' });
  if (field === 'location') return msg('Location', { id: 'filter.location' });
  return msg('Clinician', { id: 'filter.practitioner' });
}

/** The option of a field that chooses none. */
function any(field: VisitFilterField): string {
  if (field === 'service') return msg('Any type of visit', { id: 'filter.anyService' });
  if (field === 'location') return msg('Any location', { id: 'filter.anyLocation' });
  return msg('Any clinician', { id: 'filter.anyPractitioner' });
}

const loadingText = () => msg('Loading choices…', { id: 'filter.loading' });

/** The lists the backend gave, per field; absent where it was not asked or cannot list. */
interface Lists {
  service?: Service[];
  location?: Location[];
  practitioner?: Practitioner[];
}

type Item = Service | Location | Practitioner;

/**
 * Whether a choice fits together by what the backend says of its relations: the location offers the visit
 * type, the clinician offers it and works there. A relation the backend does not give rules nothing out.
 */
function fits(lists: Lists, choice: VisitFilter): boolean {
  const { service, location } = choice;
  const place = lists.location?.find((l) => l.id === location);
  const clinician = lists.practitioner?.find((p) => p.id === choice.practitioner);
  if (service && place?.serviceIds && !place.serviceIds.includes(service)) return false;
  if (service && clinician?.serviceIds && !clinician.serviceIds.includes(service)) return false;
  return !(location && clinician?.locationIds && !clinician.locationIds.includes(location));
}

/**
 * The choice without what the backend does not list or what does not fit: an id missing from its loaded
 * list becomes "any", and so does a choice that does not fit the ones before it (service, location, clinician).
 */
function reconcile(lists: Lists, choice: VisitFilter): VisitFilter {
  const out: VisitFilter = {};
  for (const field of FIELDS) {
    const id = choice[field];
    const list: Item[] | undefined = lists[field];
    if (id && (!list || list.some((item) => item.id === id)) && fits(lists, { ...out, [field]: id })) out[field] = id;
  }
  return out;
}

const keyOf = (filter: VisitFilter) => FIELDS.map((field) => filter[field] ?? '').join('|');

/** An option's text: a clinician with their specialty, a place with its city. Always rendered as text. */
function optionText(item: Item): string {
  const extra = 'specialty' in item ? item.specialty : 'timeZone' in item ? item.address?.city : undefined;
  return extra ? `${item.name}, ${extra}` : item.name;
}

/**
 * What the patient wants to book: the type of visit, the place and the clinician, as the backend lists them.
 * Each choice narrows the others (a clinician's places, a place's visit types), and "Any …" widens again.
 * The choice goes to the `<booking-provider>`: a `<slot-picker>` without its own `practitioner`, `location`
 * and `service` attributes shows the times that fit it. A field whose list the backend does not offer is not
 * shown. Native `<select>` elements with visible labels, so keyboards, screen readers and phones work as usual.
 *
 * @summary The patient's visit type, location and clinician.
 *
 * @event {CustomEvent<VisitFilter>} filter-change - The patient changed a choice: `detail.service`, `detail.location` and `detail.practitioner` are backend ids, absent for "any".
 *
 * @csspart base - The wrapper.
 * @csspart field - One label with its select.
 * @csspart label - The label of a field.
 * @csspart select - A `<select>`.
 * @csspart status - Loading and error messages.
 * @csspart retry - The retry button of the error state.
 *
 * @cssproperty --careslot-color-primary - Links (the clinic's phone number in an error). Default #0b5cad.
 * @cssproperty --careslot-color-text - Labels and choices. Default #1f2430.
 * @cssproperty --careslot-color-muted - Loading text. Default #555d6e.
 * @cssproperty --careslot-color-surface - Background of the selects and the retry button. Default #ffffff.
 * @cssproperty --careslot-color-border - Borders of the selects, buttons and messages. Default #c5cad3.
 * @cssproperty --careslot-color-danger - The error message. Default #a4141c.
 * @cssproperty --careslot-color-focus - Focus ring. Default #1a73e8.
 * @cssproperty --careslot-font-family - Font. Default the system UI font.
 * @cssproperty --careslot-font-size - Base size, in px so a host page's root font size does not change it. Default 16px.
 * @cssproperty --careslot-radius - Corner radius of the selects, buttons and messages. Default 0.5em.
 */
export class VisitFilterElement extends ProviderElement {
  static override styles = [baseStyles, fieldStyles, styles];

  static override properties = {
    fields: { type: String },
    service: { type: String },
    location: { type: String },
    practitioner: { type: String },
  };

  /** The choices shown, space separated: a subset of `service location practitioner`. Default: all the backend can list. */
  declare fields: string | undefined;
  /** The chosen visit type (backend id); absent: any. The attribute is the initial choice. */
  declare service: string | undefined;
  /** The chosen location (backend id); absent: any. */
  declare location: string | undefined;
  /** The chosen clinician (backend id); absent: any. */
  declare practitioner: string | undefined;

  /** The choice last written to the session; undefined: write it on the next update. */
  private written: string | undefined;
  /** Whether the body shows the loading message (what the live region says), set while it renders. */
  private loadingShown = false;

  // Only the lists of the fields shown or chosen, so a hidden field costs no request. Plain values as arguments.
  private readonly listsTask = this.connection.track(
    new Task(this, {
      task: async ([provider, wanted], { signal }) => {
        if (!provider) return undefined;
        const want = (field: VisitFilterField) => wanted.split(' ').includes(field);
        const [service, location, practitioner] = await Promise.all([
          want('service') ? provider.listServices?.(signal) : undefined,
          want('location') ? provider.listLocations?.(signal) : undefined,
          want('practitioner') ? provider.listPractitioners?.(signal) : undefined,
        ]);
        const lists: Lists = { service, location, practitioner };
        return { provider, lists };
      },
      args: () => [this.session?.provider, this.wanted().join(' ')] as const,
    }),
  );

  /** The choice: `{ service, location, practitioner }`, backend ids, `undefined` for "any". */
  get value(): VisitFilter {
    return {
      service: this.service || undefined,
      location: this.location || undefined,
      practitioner: this.practitioner || undefined,
    };
  }

  set value(value: VisitFilter) {
    this.service = value?.service;
    this.location = value?.location;
    this.practitioner = value?.practitioner;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.written = undefined;
  }

  /** The fields asked for in `fields` (all when it names none). */
  private requested(): VisitFilterField[] {
    const named = (this.fields ?? '').split(/\s+/);
    const fields = FIELDS.filter((field) => named.includes(field));
    return fields.length ? fields : [...FIELDS];
  }

  /** The fields whose list to load: shown or chosen (a hidden choice still narrows), and listed by the backend. */
  private wanted(): VisitFilterField[] {
    const provider = this.session?.provider;
    const requested = this.requested();
    return FIELDS.filter(
      (field) => (requested.includes(field) || this[field]) && typeof provider?.[LIST_METHOD[field]] === 'function',
    );
  }

  /** The lists, once they are those of the current backend. */
  private lists(): Lists | undefined {
    // Kept while another set of lists loads (a hidden choice came or went), so the selects do not flash.
    const result = this.listsTask.value;
    return result && result.provider === this.session?.provider ? result.lists : undefined;
  }

  protected override willUpdate(): void {
    // A choice the backend does not list, or that does not fit the others, becomes "any".
    const lists = this.lists();
    const fitting = lists && reconcile(lists, this.value);
    if (fitting && keyOf(fitting) !== keyOf(this.value)) this.value = fitting;
    // Before rendering: the session's answer (a new session object) joins this update instead of causing another.
    this.sync();
  }

  /** Writes the choice to the session when it changed (attributes, `value`, the patient) or the element came back. */
  private sync(): void {
    const session = this.session;
    if (!session) return;
    const key = keyOf(this.value);
    if (key === this.written) return;
    this.written = key;
    if (keyOf(session.filter) !== key) session.setFilter(this.value);
  }

  private choose(field: VisitFilterField, event: Event): void {
    this[field] = (event.target as HTMLSelectElement).value || undefined;
    this.sync();
    emit(this, 'filter-change', this.value);
  }

  override render() {
    const body = this.renderBody();
    return html`<div part="base" class="base">
      ${body}
      <div class="visually-hidden" role="status" aria-live="polite">${this.loadingShown ? loadingText() : ''}</div>
    </div>`;
  }

  private renderBody() {
    this.loadingShown = false;
    const session = this.session;
    if (!session) return this.status(msg('Waiting for a <booking-provider>…', { id: 'filter.waiting' }));
    if (session.status === 'error') return this.status(msg('Choices are not available.', { id: 'filter.unavailable' }));
    if (session.provider && this.wanted().length === 0) return nothing;
    if (this.listsTask.status === TaskStatus.ERROR)
      return html`<div part="status" class="message error" role="alert" data-state="error">
        ${patientMessage(toBookingError(this.listsTask.error), session.provider?.phone)}
        <button part="retry" @click=${() => void this.listsTask.run()}>
          ${msg('Try again', { id: 'filter.retry' })}
        </button>
      </div>`;
    const lists = this.lists();
    if (!lists) {
      this.loadingShown = true;
      return html`<div part="status" class="message loading" data-state="loading">
        <span class="spinner" aria-hidden="true"></span>${loadingText()}
      </div>`;
    }
    const requested = this.requested();
    return FIELDS.filter((field) => requested.includes(field)).map((field) => this.renderField(field, lists));
  }

  private renderField(field: VisitFilterField, lists: Lists) {
    const list: Item[] | undefined = lists[field];
    if (!list?.length) return nothing;
    const choice = this.value;
    // The options that fit the other two choices; the chosen one always fits them (reconciled).
    const options = list.filter((item) => fits(lists, { ...choice, [field]: item.id }));
    return html`<div part="field" class="field">
      <label part="label" for=${field}>${label(field)}</label>
      <select part="select" class="control" id=${field} @change=${(event: Event) => this.choose(field, event)}>
        <option value="" .selected=${live(!choice[field])}>${any(field)}</option>
        ${options.map(
          (item) =>
            html`<option value=${item.id} .selected=${live(item.id === choice[field])}>${optionText(item)}</option>`,
        )}
      </select>
    </div>`;
  }

  private status(text: string) {
    return html`<div part="status" class="message">${text}</div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'visit-filter': VisitFilterElement;
  }
}
