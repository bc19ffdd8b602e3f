import { msg } from '@lit/localize';
import { html, nothing, type PropertyValues } from 'lit';
import { live } from 'lit/directives/live.js';
import { PATIENT_FIELDS, type PatientDetails, type PatientField } from '../../core/model.js';
import { ProviderElement, baseStyles, emit } from '../shared/base.js';
import { fieldStyles } from '../shared/field.styles.js';
import { styles } from './patient-form.styles.js';

/** Every text the patient reads, in the language loaded now (so called at render time, never at import). */
const strings = () => ({
  required: msg('(required)', { id: 'form.required' }),
  given: msg('First name', { id: 'form.given' }),
  family: msg('Last name', { id: 'form.family' }),
  phone: msg('Phone number', { id: 'form.phone' }),
  email: msg('Email address', { id: 'form.email' }),
  reason: msg('Reason for the visit', { id: 'form.reason' }),
  forWhom: msg('Who is the visit for?', { id: 'form.forWhom' }),
  newPatient: msg('Have you been to this clinic before?', { id: 'form.newPatient' }),
  insurance: msg('Insurance', { id: 'form.insurance' }),
  self: msg('Myself', { id: 'form.self' }),
  dependent: msg('Someone in my care', { id: 'form.dependent' }),
  isNew: msg('New patient', { id: 'form.isNew' }),
  seenBefore: msg('I have been seen here before', { id: 'form.seenBefore' }),
  lockedHint: msg('From your account. To change it, contact the clinic.', { id: 'form.lockedHint' }),
  notGiven: msg('Not given', { id: 'form.notGiven' }),
  hint: {
    phone: msg('The clinic calls this number if anything about your visit changes.', { id: 'form.hint.phone' }),
    email: msg('We send your confirmation here.', { id: 'form.hint.email' }),
    reason: msg('A few words are enough (up to 500 characters).', { id: 'form.hint.reason' }),
    forWhom: msg('You can book for a child or for someone you look after.', { id: 'form.hint.forWhom' }),
    newPatient: msg('New patients may need a little more time.', { id: 'form.hint.newPatient' }),
    insurance: msg('Plan name and member ID, as on the card. Leave it empty if you pay yourself.', {
      id: 'form.hint.insurance',
    }),
  },
  error: {
    birthDateIncomplete: msg('Enter a complete date of birth', { id: 'form.error.birthDateIncomplete' }),
    birthDateFuture: msg('A date of birth cannot be in the future', { id: 'form.error.birthDateFuture' }),
    birthDateEarly: msg('Check the year: it must be 1900 or later', { id: 'form.error.birthDateEarly' }),
    phoneMissing: msg('Enter a phone number we can call', { id: 'form.error.phoneMissing' }),
    phoneShort: msg('Enter a phone number we can call, with at least 7 digits', { id: 'form.error.phoneShort' }),
    phoneChars: msg('Use only digits, spaces and + ( ) - in a phone number', { id: 'form.error.phoneChars' }),
    emailMissing: msg('Enter your email address', { id: 'form.error.emailMissing' }),
    emailInvalid: msg('This email address looks incomplete', { id: 'form.error.emailInvalid' }),
    reasonMissing: msg('Tell us briefly why you would like to be seen', { id: 'form.error.reasonMissing' }),
    reasonLong: msg('Shorten the reason to 500 characters or fewer', { id: 'form.error.reasonLong' }),
    forWhomMissing: msg('Choose who the visit is for', { id: 'form.error.forWhomMissing' }),
    newPatientMissing: msg('Tell us if you have been seen here before', { id: 'form.error.newPatientMissing' }),
    insuranceMissing: msg('Enter your insurance plan and member ID', { id: 'form.error.insuranceMissing' }),
  },
});

/** Texts that name the person to be seen: the patient (`self`) or someone in their care (`dependent`). */
const personStrings = (dependent: boolean) =>
  dependent
    ? {
        name: msg('Their name', { id: 'form.dependent.name' }),
        nameHint: msg('The name of the person who will be seen.', { id: 'form.dependent.nameHint' }),
        birthDate: msg('Their date of birth', { id: 'form.dependent.birthDate' }),
        birthDateHint: msg('The clinic uses it to find their records.', { id: 'form.dependent.birthDateHint' }),
        givenMissing: msg('Enter their first name', { id: 'form.dependent.givenMissing' }),
        familyMissing: msg('Enter their last name', { id: 'form.dependent.familyMissing' }),
        birthDateMissing: msg('Enter their date of birth', { id: 'form.dependent.birthDateMissing' }),
      }
    : {
        name: msg('Your name', { id: 'form.self.name' }),
        nameHint: msg('As on your ID or insurance card.', { id: 'form.self.nameHint' }),
        birthDate: msg('Date of birth', { id: 'form.self.birthDate' }),
        birthDateHint: msg('The clinic uses it to find your records.', { id: 'form.self.birthDateHint' }),
        givenMissing: msg('Enter your first name', { id: 'form.self.givenMissing' }),
        familyMissing: msg('Enter your last name', { id: 'form.self.familyMissing' }),
        birthDateMissing: msg('Enter your date of birth', { id: 'form.self.birthDateMissing' }),
      };

/** One control's value, by the name of its form entry (`name.given`, `birthDate`, …). */
type Key = 'name.given' | 'name.family' | Exclude<PatientField, 'name'>;
type Values = Record<Key, string>;

/** The controls of each field; every field but the name has one. */
const keysOf = (field: PatientField): Key[] => (field === 'name' ? ['name.given', 'name.family'] : [field]);

const DEFAULT_FIELDS: PatientField[] = ['name', 'birthDate', 'phone', 'email', 'reason'];
const DEFAULT_REQUIRED = 'name birthDate phone';
const REASON_MAX = 500;
const EMAIL = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;
const PHONE = /^[\d\s+().-]+$/;

/** What is wrong with one field: the constraint, its message, and the control to fix it in. */
interface Problem {
  key: Key;
  flag: keyof ValidityStateFlags;
  message: string;
}

function valuesOf(details: PatientDetails | undefined): Values {
  const d = details ?? {};
  return {
    'name.given': d.name?.given ?? '',
    'name.family': d.name?.family ?? '',
    birthDate: d.birthDate ?? '',
    phone: d.phone ?? '',
    email: d.email ?? '',
    reason: d.reason ?? '',
    forWhom: d.forWhom ?? '',
    newPatient: d.newPatient === undefined ? '' : String(d.newPatient),
    insurance: d.insurance ?? '',
  };
}

/** Space-separated field names, known ones only, each once, in the page's order. */
function parseFields(text: string | undefined): PatientField[] {
  const named = (text ?? '').split(/\s+/) as PatientField[];
  return [...new Set(named.filter((name) => PATIENT_FIELDS.includes(name)))];
}

const pad = (n: number) => String(n).padStart(2, '0');
/** `YYYY-MM-DD` of a moment in the browser's zone. */
const localDate = (d: Date) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
const idOf = (key: Key) => key.replace('.', '-');

/**
 * The details of the person to be seen, for a patient the backend does not know yet: name, date of birth,
 * phone, email, the reason for the visit, who the visit is for, whether they are new to the clinic, and their
 * insurance, each asked only where the page says (`fields`). Native inputs with visible labels, hints and the
 * browser's autofill; each field says what is wrong next to it once the patient has left it (or tried to send).
 *
 * It is a form control: inside a `<form>` it submits one entry per control (`name.given`, `name.family`,
 * `birthDate`, `phone`, …; prefixed with `name` and a dot where it has a `name` attribute), blocks submitting
 * while a required field is missing or a value is wrong, resets to `prefill`, and is disabled with its
 * `<fieldset>`. Inside a `<booking-provider>` it hands the details to the session, which books with them.
 * The details never leave it in an event, an attribute or a log.
 *
 * A field named in `locked` is shown as text, not editable, when `prefill` has a value for it (a portal that
 * knows the patient); the page vouches for it, so it is not checked. Without a prefilled value it is asked.
 *
 * @summary The patient's details: who the visit is for, how to reach them, why they come.
 *
 * @event {CustomEvent<{ valid: boolean }>} patient-change - The patient changed a field (or the form was reset); `detail.valid` says whether they are complete and valid. Never the details themselves: read `value`.
 *
 * @csspart base - The wrapper of all fields.
 * @csspart field - One field: its label, hint, error and control(s).
 * @csspart label - A field's label (or legend).
 * @csspart input - An input, the textarea, or a radio button.
 * @csspart hint - The hint under a label.
 * @csspart error - What is wrong with a field, next to it.
 * @csspart value - A locked field's value, shown as text.
 *
 * @cssproperty --careslot-color-primary - The checked radio buttons. Default #0b5cad.
 * @cssproperty --careslot-color-text - Labels and values. Default #1f2430.
 * @cssproperty --careslot-color-muted - Hints and the "(required)" mark. Default #555d6e.
 * @cssproperty --careslot-color-surface - Background of the inputs. Default #ffffff.
 * @cssproperty --careslot-color-border - Borders of the inputs. Default #c5cad3.
 * @cssproperty --careslot-color-danger - Error messages and the border of a wrong input. Default #a4141c.
 * @cssproperty --careslot-color-focus - Focus ring. Default #1a73e8.
 * @cssproperty --careslot-font-family - Font. Default the system UI font.
 * @cssproperty --careslot-font-size - Base size, in px so a host page's root font size does not change it. Default 16px.
 * @cssproperty --careslot-radius - Corner radius of the inputs. Default 0.5em.
 */
export class PatientFormElement extends ProviderElement {
  static override styles = [baseStyles, fieldStyles, styles];
  static formAssociated = true;

  static override properties = {
    fields: { type: String },
    required: { type: String },
    locked: { type: String },
    name: { type: String, reflect: true },
    prefill: { attribute: false },
    values: { state: true },
    touched: { state: true },
    showAll: { state: true },
    formDisabled: { state: true },
  };

  /** The fields asked for, space separated, in this order. Default `name birthDate phone email reason`. */
  declare fields: string | undefined;
  /** The fields that must be filled in, space separated. Default `name birthDate phone`; empty: none. */
  declare required: string | undefined;
  /** The fields shown as text from `prefill`, not editable, space separated. */
  declare locked: string | undefined;
  /** Form name: its entries are prefixed with it and a dot (`patient.name.given`), so two forms fit in one `<form>`. */
  declare name: string | undefined;
  /** Details known beforehand (a portal's patient): they fill the fields, and `form.reset()` goes back to them. */
  declare prefill: PatientDetails | undefined;
  /** What the patient typed, per control: kept across renders and session changes. */
  declare private values: Values;
  /** Fields the patient has left: their errors show. */
  declare private touched: ReadonlySet<PatientField>;
  /** Every error shows (after a submit or `reportValidity()`). */
  declare private showAll: boolean;
  declare private formDisabled: boolean;

  private readonly internals: ElementInternals;
  /** Controls the patient changed: a new `prefill` fills only the others. */
  private edited = new Set<Key>();
  /** The date input holds a date typed only in part (the browser then reports an empty value). */
  private badDate = false;
  /** The details and validity last handed to the session. */
  private written: string | undefined;
  /** Set while the DOM is updated: a focused field that goes away (`fields` changed) was not left by the patient. */
  private rendering = false;
  /** Set while `checkValidity()` runs: its `invalid` event does not show the errors. */
  private quiet = false;

  constructor() {
    super();
    this.values = valuesOf(undefined);
    this.touched = new Set();
    this.showAll = false;
    this.formDisabled = false;
    this.internals = this.attachInternals();
    // A submit or `form.reportValidity()` found the details invalid: show what is wrong.
    this.addEventListener('invalid', () => {
      if (!this.quiet) this.showAll = true;
    });
  }

  /** The details shown, trimmed; a field left empty is absent. Read-only. */
  get value(): PatientDetails {
    const out: PatientDetails = {};
    const text = (key: Key) => this.values[key].trim();
    for (const field of this.shown()) {
      if (field === 'name') {
        const given = text('name.given');
        const family = text('name.family');
        if (given || family) out.name = { given, family };
      } else if (field === 'forWhom') {
        const who = text('forWhom');
        if (who === 'self' || who === 'dependent') out.forWhom = who;
      } else if (field === 'newPatient') {
        const seen = text('newPatient');
        if (seen) out.newPatient = seen === 'true';
      } else if (text(field)) out[field] = text(field);
    }
    return out;
  }

  /** Whether every field shown is filled in where required and looks right. */
  get valid(): boolean {
    return this.problems().length === 0;
  }

  /** The `<form>` it belongs to. */
  get form(): HTMLFormElement | null {
    return this.internals.form;
  }

  get validity(): ValidityState {
    return this.internals.validity;
  }

  /** The message of the first field that is wrong ('' when none is). */
  get validationMessage(): string {
    return this.internals.validationMessage;
  }

  get willValidate(): boolean {
    return this.internals.willValidate;
  }

  /** Whether the details are valid, without showing anything (fires `invalid` when not). */
  checkValidity(): boolean {
    this.quiet = true;
    try {
      return this.internals.checkValidity();
    } finally {
      this.quiet = false;
    }
  }

  /** Whether the details are valid; when not, shows every error and moves focus to the first wrong field. */
  reportValidity(): boolean {
    this.showAll = true;
    return this.internals.reportValidity();
  }

  /** @internal */
  formResetCallback(): void {
    this.values = valuesOf(this.prefill);
    this.edited.clear();
    this.touched = new Set();
    this.showAll = false;
    this.badDate = false;
    // A date typed in part is not in the input's value, so setting the same empty value would not clear it.
    const date = this.renderRoot?.querySelector<HTMLInputElement>('#birthDate');
    if (date) date.value = this.values.birthDate;
    this.changed();
  }

  /** @internal */
  formDisabledCallback(disabled: boolean): void {
    this.formDisabled = disabled;
  }

  /** @internal */
  formStateRestoreCallback(state: string | File | FormData | null): void {
    if (!(state instanceof FormData)) return;
    const values = { ...this.values };
    for (const key of Object.keys(values) as Key[]) {
      const restored = state.get(key);
      if (typeof restored !== 'string') continue;
      values[key] = restored;
      this.edited.add(key);
    }
    this.values = values;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.written = undefined;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('prefill')) {
      // A new prefill fills what the patient has not typed; locked fields always show it.
      const prefilled = valuesOf(this.prefill);
      const values = { ...this.values };
      for (const key of Object.keys(values) as Key[])
        if (!this.edited.has(key) || this.isLocked(key === 'name.given' || key === 'name.family' ? 'name' : key))
          values[key] = prefilled[key];
      this.values = values;
    }
    this.sync();
  }

  protected override updated(): void {
    // After rendering, so the first wrong control exists as the anchor of the browser's message.
    this.updateInternals();
  }

  protected override update(changed: PropertyValues<this>): void {
    this.rendering = true;
    try {
      super.update(changed);
    } finally {
      this.rendering = false;
    }
  }

  /** The fields shown, in the page's order. */
  private shown(): PatientField[] {
    const fields = parseFields(this.fields);
    return fields.length ? fields : DEFAULT_FIELDS;
  }

  private isRequired(field: PatientField): boolean {
    return parseFields(this.required ?? DEFAULT_REQUIRED).includes(field);
  }

  /** Locked and prefilled: shown as text. */
  private isLocked(field: PatientField): boolean {
    if (!parseFields(this.locked).includes(field)) return false;
    const prefilled = valuesOf(this.prefill);
    return keysOf(field).some((key) => prefilled[key].trim() !== '');
  }

  private get person() {
    return personStrings(this.values.forWhom === 'dependent');
  }

  /** What is wrong with a field, or undefined. Locked fields are the page's, and not checked. */
  private problem(field: PatientField): Problem | undefined {
    if (this.isLocked(field)) return undefined;
    const required = this.isRequired(field);
    const person = this.person;
    const error = strings().error;
    const value = (key: Key) => this.values[key].trim();
    const missing = (key: Key, message: string): Problem | undefined =>
      required && !value(key) ? { key, flag: 'valueMissing', message } : undefined;
    switch (field) {
      case 'name':
        return missing('name.given', person.givenMissing) ?? missing('name.family', person.familyMissing);
      case 'birthDate': {
        const date = value('birthDate');
        const today = localDate(this.session?.now() ?? new Date());
        if (this.badDate || (date && !/^\d{4}-\d{2}-\d{2}$/.test(date)))
          return { key: field, flag: 'badInput', message: error.birthDateIncomplete };
        if (date > today) return { key: field, flag: 'rangeOverflow', message: error.birthDateFuture };
        if (date && date < '1900-01-01') return { key: field, flag: 'rangeUnderflow', message: error.birthDateEarly };
        return missing(field, person.birthDateMissing);
      }
      case 'phone': {
        const phone = value('phone');
        if (!phone) return missing(field, error.phoneMissing);
        if (!PHONE.test(phone)) return { key: field, flag: 'patternMismatch', message: error.phoneChars };
        if (phone.replace(/\D/g, '').length < 7)
          return { key: field, flag: 'patternMismatch', message: error.phoneShort };
        return undefined;
      }
      case 'email': {
        const email = value('email');
        if (email && !EMAIL.test(email)) return { key: field, flag: 'typeMismatch', message: error.emailInvalid };
        return missing(field, error.emailMissing);
      }
      case 'reason':
        if (value('reason').length > REASON_MAX) return { key: field, flag: 'tooLong', message: error.reasonLong };
        return missing(field, error.reasonMissing);
      default:
        return missing(field, error[`${field}Missing`]);
    }
  }

  /** What is wrong, field by field in the order shown. */
  private problems(): Problem[] {
    return this.shown().flatMap((field) => this.problem(field) ?? []);
  }

  /**
   * The form entries and the validity: a flag for each kind of problem, the first one's message, and its
   * control as the anchor of the browser's message.
   */
  private updateInternals(): void {
    const prefix = this.name ? `${this.name}.` : '';
    const data = new FormData();
    const state = new FormData();
    for (const field of this.shown())
      for (const key of keysOf(field)) {
        data.append(prefix + key, this.values[key].trim());
        state.append(key, this.values[key]);
      }
    this.internals.setFormValue(data, state);
    const problems = this.problems();
    const [problem] = problems;
    if (!problem) return this.internals.setValidity({});
    const anchor = this.renderRoot?.querySelector<HTMLElement>(`[data-key="${problem.key}"]`) ?? undefined;
    const flags = Object.fromEntries(problems.map((p) => [p.flag, true]));
    this.internals.setValidity(flags, problem.message, anchor);
  }

  /** Hands the details to the session when they changed, or when the session lost them (another backend). */
  private sync(): void {
    const session = this.session;
    if (!session) return;
    const value = this.value;
    const valid = this.valid;
    const key = JSON.stringify([value, valid]);
    if (key === JSON.stringify([session.patientDetails ?? {}, session.patientValid])) {
      this.written = key;
      return;
    }
    // Another form under the same provider wrote since: it is not fought over.
    if (key === this.written && session.patientDetails) return;
    this.written = key;
    session.setPatientDetails(value, valid);
  }

  private changed(): void {
    this.updateInternals();
    this.sync();
    emit(this, 'patient-change', { valid: this.valid });
  }

  private onInput(event: Event): void {
    const control = event.target as HTMLInputElement;
    const key = control.dataset.key as Key | undefined;
    if (!key) return;
    this.values = { ...this.values, [key]: control.value };
    this.edited.add(key);
    if (key === 'birthDate') this.badDate = control.validity.badInput;
    this.changed();
  }

  /** Focus left a field (not only moved between its controls): its error may show now. */
  private onFocusOut(event: FocusEvent): void {
    const field = (event.target as Element).closest<HTMLElement>('[data-field]');
    if (this.rendering || !field || field.contains(event.relatedTarget as Node | null)) return;
    const date = field.querySelector<HTMLInputElement>('#birthDate');
    if (date) this.badDate = date.validity.badInput;
    this.touched = new Set([...this.touched, field.dataset.field as PatientField]);
  }

  override render() {
    return html`<div part="base" class="base" @input=${this.onInput} @focusout=${this.onFocusOut}>
      ${this.shown().map((field) => (this.isLocked(field) ? this.renderLocked(field) : this.renderField(field)))}
    </div>`;
  }

  private label(field: PatientField): string {
    const person = this.person;
    return field === 'name' ? person.name : field === 'birthDate' ? person.birthDate : strings()[field];
  }

  private hint(field: PatientField): string {
    const person = this.person;
    return field === 'name' ? person.nameHint : field === 'birthDate' ? person.birthDateHint : strings().hint[field];
  }

  private renderLocked(field: PatientField) {
    const t = strings();
    const values = this.values;
    const value = this.value;
    let text: string | undefined;
    if (field === 'name') text = `${values['name.given']} ${values['name.family']}`.trim();
    else if (field === 'birthDate' && value.birthDate && /^\d{4}-\d{2}-\d{2}$/.test(value.birthDate))
      text = new Intl.DateTimeFormat(this.session?.display.locale, { dateStyle: 'long', timeZone: 'UTC' }).format(
        new Date(`${value.birthDate}T00:00:00Z`),
      );
    else if (field === 'forWhom') text = value.forWhom && t[value.forWhom];
    else if (field === 'newPatient')
      text = value.newPatient === undefined ? undefined : value.newPatient ? t.isNew : t.seenBefore;
    else text = values[field].trim();
    return html`<div
      part="field"
      class="field locked"
      role="group"
      aria-labelledby="${field}-label"
      aria-describedby="${field}-hint"
      data-field=${field}
      data-locked
    >
      <span part="label" class="label" id="${field}-label">${this.label(field)}</span>
      <span part="value" class="value">${text || t.notGiven}</span>
      <span part="hint" class="hint" id="${field}-hint">${t.lockedHint}</span>
    </div>`;
  }

  private renderField(field: PatientField) {
    const t = strings();
    const required = this.isRequired(field);
    const problem = this.problem(field);
    const shown = problem && (this.showAll || this.touched.has(field)) ? problem : undefined;
    const mark = required ? html` <span class="required">${t.required}</span>` : nothing;
    const described = `${field}-hint ${field}-error`;
    const head = html`<div part="hint" class="hint" id="${field}-hint">${this.hint(field)}</div>
      <div part="error" class="error" id="${field}-error">${shown?.message ?? ''}</div>`;
    // Attributes every control has: its form key, the hint and error, invalid while its error shows.
    const control = (key: Key) => ({
      key,
      invalid: shown?.key === key || (field === 'name' && !!shown && !this.values[key].trim()) ? 'true' : 'false',
    });

    if (field === 'name')
      return html`<fieldset part="field" class="field" data-field="name">
        <legend part="label">${this.label(field)}${mark}</legend>
        ${head}
        <div class="pair">
          ${(['name.given', 'name.family'] as const).map((key) => {
            const c = control(key);
            return html`<div class="sub">
              <label part="label" for=${idOf(key)}>${key === 'name.given' ? t.given : t.family}</label>
              <input
                part="input"
                class="control"
                id=${idOf(key)}
                data-key=${key}
                type="text"
                autocomplete=${key === 'name.given' ? 'given-name' : 'family-name'}
                spellcheck="false"
                aria-required=${required ? 'true' : 'false'}
                aria-invalid=${c.invalid}
                aria-describedby=${described}
                ?disabled=${this.formDisabled}
                .value=${live(this.values[key])}
              />
            </div>`;
          })}
        </div>
      </fieldset>`;

    if (field === 'forWhom' || field === 'newPatient') {
      const options =
        field === 'forWhom'
          ? [
              ['self', t.self],
              ['dependent', t.dependent],
            ]
          : [
              ['true', t.isNew],
              ['false', t.seenBefore],
            ];
      return html`<fieldset
        part="field"
        class="field"
        role="radiogroup"
        data-field=${field}
        aria-required=${required ? 'true' : 'false'}
        aria-invalid=${shown ? 'true' : 'false'}
        aria-describedby=${described}
      >
        <legend part="label">${this.label(field)}${mark}</legend>
        ${head}
        ${options.map(
          ([value, text], i) =>
            html`<label class="choice" for="${field}-${i}">
              <input
                part="input"
                type="radio"
                id="${field}-${i}"
                name=${field}
                value=${value}
                data-key=${field}
                ?disabled=${this.formDisabled}
                .checked=${live(this.values[field] === value)}
              />
              ${text}
            </label>`,
        )}
      </fieldset>`;
    }

    const invalid = control(field).invalid;
    const ariaRequired = required ? 'true' : 'false';
    const label = html`<label part="label" for=${field}>${this.label(field)}${mark}</label>`;
    if (field === 'reason')
      return html`<div part="field" class="field" data-field=${field}>
        ${label} ${head}
        <textarea
          part="input"
          class="control"
          id=${field}
          data-key=${field}
          rows="3"
          maxlength=${REASON_MAX}
          aria-required=${ariaRequired}
          aria-invalid=${invalid}
          aria-describedby=${described}
          ?disabled=${this.formDisabled}
          .value=${live(this.values.reason)}
        ></textarea>
      </div>`;

    const type = { birthDate: 'date', phone: 'tel', email: 'email', insurance: 'text' }[field];
    const autocomplete = { birthDate: 'bday', phone: 'tel', email: 'email', insurance: 'off' }[field];
    const inputmode = field === 'phone' ? 'tel' : field === 'email' ? 'email' : undefined;
    const date = field === 'birthDate';
    return html`<div part="field" class="field" data-field=${field}>
      ${label} ${head}
      <input
        part="input"
        class="control"
        id=${field}
        data-key=${field}
        type=${type}
        autocomplete=${autocomplete}
        inputmode=${inputmode ?? nothing}
        spellcheck=${date ? nothing : 'false'}
        min=${date ? '1900-01-01' : nothing}
        max=${date ? localDate(this.session?.now() ?? new Date()) : nothing}
        aria-required=${ariaRequired}
        aria-invalid=${invalid}
        aria-describedby=${described}
        ?disabled=${this.formDisabled}
        .value=${live(this.values[field])}
      />
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'patient-form': PatientFormElement;
  }
}
