import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { PatientDetails } from '../src/core/model.js';
import { PatientFormElement } from '../src/elements/patient-form/patient-form.js';
import { defineElement } from '../src/elements/shared/base.js';
import type { BookingSession } from '../src/elements/shared/context.js';
import { DemoProvider } from '../src/providers/demo/index.js';
import { NOW, all, fold, mountProvider, one } from './helpers.js';

// The test browser runs in America/Los_Angeles, en-US; inside a provider the clock is Monday 2 March 2026.
defineElement('patient-form', PatientFormElement);

const PREFILL: PatientDetails = {
  name: { given: 'Ana', family: 'Ruiz' },
  birthDate: '1985-03-04',
  phone: '+1 212 555 0100',
  email: 'ana@example.org',
};

/** The control of a form entry (`name.given`, `birthDate`, …). */
const control = <T extends HTMLElement = HTMLInputElement>(el: Element, key: string) =>
  one<T>(el, `[data-key="${key}"]`);
/** The error text next to a field ('' when none shows). */
const errorOf = (el: Element, field: string) => fold(one(el, `#${field}-error`).textContent);
const errors = (el: Element) =>
  all(el, '[part="error"]')
    .map((e) => fold(e.textContent))
    .filter(Boolean);

/** Types into a control as the browser does for a paste: the value, then an `input` event. */
async function fill(el: PatientFormElement, key: string, value: string): Promise<void> {
  const target = control(el, key);
  target.value = value;
  target.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  await el.updateComplete;
}

/** Focuses a control, then moves focus out of the field: the field counts as touched. */
async function touch(el: PatientFormElement, key: string): Promise<void> {
  control(el, key).focus();
  control(el, key).blur();
  await el.updateComplete;
}

async function fillValid(el: PatientFormElement): Promise<void> {
  await fill(el, 'name.given', ' Ana ');
  await fill(el, 'name.family', 'Ruiz');
  await fill(el, 'birthDate', '1985-03-04');
  await fill(el, 'phone', '212 555 0100');
}

async function inForm(template = html`<patient-form></patient-form>`) {
  const form = await fixture<HTMLFormElement>(html`<form>${template}<button>Send</button></form>`);
  const el = form.querySelector('patient-form')!;
  await el.updateComplete;
  return { form, el };
}

/** The session the provider shares, as the form reads it. */
function sessionOf(el: Element): BookingSession {
  return (el as unknown as { session: BookingSession }).session;
}

async function inProvider(template = html`<patient-form></patient-form>`) {
  const root = await mountProvider(
    html`<booking-provider backend="demo" now=${NOW} locale="en-US">${template}</booking-provider>`,
  );
  const el = root.querySelector('patient-form')!;
  await el.updateComplete;
  return { root, el };
}

describe('<patient-form>', () => {
  it('asks for name, date of birth, phone, email and reason by default, each labelled, required in words', async () => {
    const el = await fixture<PatientFormElement>(html`<patient-form></patient-form>`);
    const labels = all(el, 'legend, label').map((l) => fold(l.textContent));
    expect(labels).to.deep.equal([
      'Your name (required)',
      'First name',
      'Last name',
      'Date of birth (required)',
      'Phone number (required)',
      'Email address',
      'Reason for the visit',
    ]);
    for (const key of ['name.given', 'name.family', 'birthDate', 'phone'])
      expect(control(el, key).getAttribute('aria-required'), key).to.equal('true');
    expect(control(el, 'email').getAttribute('aria-required')).to.equal('false');
    // Each control is described by its hint and its error.
    for (const key of ['name.given', 'birthDate', 'phone', 'email', 'reason']) {
      const ids = control(el, key).getAttribute('aria-describedby')!.split(' ');
      const field = key.split('.')[0];
      expect(ids).to.deep.equal([`${field}-hint`, `${field}-error`]);
      expect(fold(one(el, `#${ids[0]}`).textContent)).not.to.equal('');
    }
    expect(errors(el)).to.deep.equal([]);
    expect(all(el, '[aria-invalid="true"]')).to.have.length(0);
    expect(el.value).to.deep.equal({});
    await expect(el).to.be.accessible();
  });

  it('gives the browser autofill and phone keyboards what they need', async () => {
    const el = await fixture<PatientFormElement>(
      html`<patient-form fields="name birthDate phone email reason forWhom newPatient insurance"></patient-form>`,
    );
    const attrs = (key: string) => {
      const c = control(el, key);
      return [c.getAttribute('type'), c.getAttribute('autocomplete'), c.getAttribute('inputmode')];
    };
    expect(attrs('name.given')).to.deep.equal(['text', 'given-name', null]);
    expect(attrs('name.family')).to.deep.equal(['text', 'family-name', null]);
    expect(attrs('birthDate')).to.deep.equal(['date', 'bday', null]);
    expect(attrs('phone')).to.deep.equal(['tel', 'tel', 'tel']);
    expect(attrs('email')).to.deep.equal(['email', 'email', 'email']);
    expect(attrs('insurance')).to.deep.equal(['text', 'off', null]);
    expect(control(el, 'reason').localName).to.equal('textarea');
    expect(control(el, 'reason').getAttribute('maxlength')).to.equal('500');
    expect(control(el, 'birthDate').min).to.equal('1900-01-01');
    const radios = (field: string) =>
      all<HTMLInputElement>(el, `input[name="${field}"]`).map((r) => [r.value, fold(r.parentElement!.textContent)]);
    expect(radios('forWhom')).to.deep.equal([
      ['self', 'Myself'],
      ['dependent', 'Someone in my care'],
    ]);
    expect(radios('newPatient')).to.deep.equal([
      ['true', 'New patient'],
      ['false', 'I have been seen here before'],
    ]);
    await expect(el).to.be.accessible();
  });

  it('fills `value` and the form data as the patient types, trimmed, only for the fields shown', async () => {
    const { form, el } = await inForm(html`<patient-form fields="name birthDate phone email"></patient-form>`);
    el.prefill = { reason: 'not shown' };
    await fillValid(el);
    await fill(el, 'email', '  ana@example.org ');
    expect(el.value).to.deep.equal({
      name: { given: 'Ana', family: 'Ruiz' },
      birthDate: '1985-03-04',
      phone: '212 555 0100',
      email: 'ana@example.org',
    });
    expect([...new FormData(form)]).to.deep.equal([
      ['name.given', 'Ana'],
      ['name.family', 'Ruiz'],
      ['birthDate', '1985-03-04'],
      ['phone', '212 555 0100'],
      ['email', 'ana@example.org'],
    ]);
    await fill(el, 'email', '   ');
    expect(el.value.email).to.equal(undefined);
    expect(new FormData(form).get('email')).to.equal('');
    // With a `name`, the entries are prefixed by it (two forms in one <form>).
    el.setAttribute('name', 'patient');
    await fill(el, 'phone', '212 555 0101');
    expect(new FormData(form).get('patient.phone')).to.equal('212 555 0101');
    expect(el.form).to.equal(form);
    expect(el.name).to.equal('patient');
    el.name = 'guardian';
    await el.updateComplete;
    expect(new FormData(form).get('guardian.phone')).to.equal('212 555 0101');
  });

  it('shows what is wrong next to a field once the patient leaves it, and marks the input invalid', async () => {
    const el = await fixture<PatientFormElement>(html`<patient-form></patient-form>`);
    await touch(el, 'phone');
    expect(errorOf(el, 'phone')).to.equal('Enter a phone number we can call');
    expect(control(el, 'phone').getAttribute('aria-invalid')).to.equal('true');
    // The others are not touched yet: no errors there.
    expect(errors(el)).to.deep.equal(['Enter a phone number we can call']);
    await expect(el).to.be.accessible();
    await fill(el, 'phone', '555 01');
    expect(errorOf(el, 'phone')).to.equal('Enter a phone number we can call, with at least 7 digits');
    await fill(el, 'phone', 'call me');
    expect(errorOf(el, 'phone')).to.equal('Use only digits, spaces and + ( ) - in a phone number');
    await fill(el, 'phone', '(212) 555-0100');
    expect(errorOf(el, 'phone')).to.equal('');
    expect(control(el, 'phone').getAttribute('aria-invalid')).to.equal('false');

    // Moving from the first to the last name does not touch the name yet; leaving both does.
    control(el, 'name.given').focus();
    control(el, 'name.family').focus();
    await el.updateComplete;
    expect(errorOf(el, 'name')).to.equal('');
    control(el, 'email').focus();
    await el.updateComplete;
    expect(errorOf(el, 'name')).to.equal('Enter your first name');
    expect(control(el, 'name.given').getAttribute('aria-invalid')).to.equal('true');
    expect(control(el, 'name.family').getAttribute('aria-invalid')).to.equal('true');
    await fill(el, 'name.given', 'Ana');
    expect(errorOf(el, 'name')).to.equal('Enter your last name');
    expect(control(el, 'name.given').getAttribute('aria-invalid')).to.equal('false');

    await fill(el, 'email', 'ana@example');
    await touch(el, 'email');
    expect(errorOf(el, 'email')).to.equal('This email address looks incomplete');
    await fill(el, 'email', 'ana@example.org');
    expect(errorOf(el, 'email')).to.equal('');
    await expect(el).to.be.accessible();
  });

  it('checks the date of birth: not in the future, not before 1900, complete', async () => {
    const { el } = await inProvider();
    expect(control(el, 'birthDate').max).to.equal('2026-03-02');
    await touch(el, 'birthDate');
    expect(errorOf(el, 'birthDate')).to.equal('Enter your date of birth');
    await fill(el, 'birthDate', '2026-03-03');
    expect(errorOf(el, 'birthDate')).to.equal('A date of birth cannot be in the future');
    expect(el.validity.rangeOverflow).to.equal(true);
    await fill(el, 'birthDate', '2026-03-02');
    expect(errorOf(el, 'birthDate')).to.equal('');
    await fill(el, 'birthDate', '1899-12-31');
    expect(errorOf(el, 'birthDate')).to.equal('Check the year: it must be 1900 or later');
    // A date typed in part: the browser reports no value, but the input knows it is incomplete.
    await fill(el, 'birthDate', '');
    control(el, 'birthDate').focus();
    await sendKeys({ type: '03' });
    control(el, 'email').focus();
    await el.updateComplete;
    expect(errorOf(el, 'birthDate')).to.equal('Enter a complete date of birth');
  });

  it('checkValidity() and reportValidity(): every error shows, focus goes to the first wrong input', async () => {
    const { el } = await inForm();
    expect(el.checkValidity()).to.equal(false);
    // checkValidity() shows nothing.
    await el.updateComplete;
    expect(errors(el)).to.deep.equal([]);
    expect(el.validity.valueMissing).to.equal(true);
    expect(el.validationMessage).to.equal('Enter your first name');
    expect(el.willValidate).to.equal(true);
    expect(el.reportValidity()).to.equal(false);
    await el.updateComplete;
    expect(errors(el)).to.deep.equal([
      'Enter your first name',
      'Enter your date of birth',
      'Enter a phone number we can call',
    ]);
    expect(el.shadowRoot!.activeElement).to.equal(control(el, 'name.given'));
    await expect(el).to.be.accessible();
    await fillValid(el);
    expect(el.checkValidity()).to.equal(true);
    expect(el.reportValidity()).to.equal(true);
    expect(el.validity.valid).to.equal(true);
    expect(el.validationMessage).to.equal('');
    expect(errors(el)).to.deep.equal([]);
    await expect(el).to.be.accessible();
  });

  it('blocks the form from submitting while invalid, and shows the errors; submits once valid', async () => {
    const { form, el } = await inForm();
    let submitted = 0;
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      submitted++;
    });
    form.requestSubmit();
    await el.updateComplete;
    expect(submitted).to.equal(0);
    expect(errors(el)).to.have.length(3);
    expect(form.checkValidity()).to.equal(false);
    await fillValid(el);
    await fill(el, 'email', 'ana@');
    form.requestSubmit();
    expect(submitted).to.equal(0);
    await el.updateComplete;
    expect(errors(el)).to.deep.equal(['This email address looks incomplete']);
    await fill(el, 'email', '');
    form.requestSubmit();
    expect(submitted).to.equal(1);
  });

  it('form.reset() goes back to the prefill and hides the errors', async () => {
    const { form, el } = await inForm();
    el.prefill = PREFILL;
    await el.updateComplete;
    expect(control(el, 'name.given').value).to.equal('Ana');
    expect(control(el, 'phone').value).to.equal('+1 212 555 0100');
    await fill(el, 'name.given', 'Someone');
    await fill(el, 'phone', '');
    await touch(el, 'phone');
    expect(errors(el)).to.deep.equal(['Enter a phone number we can call']);
    // A later prefill does not overwrite what the patient typed.
    el.prefill = { ...PREFILL, name: { given: 'Anita', family: 'Ruiz' }, reason: 'Checkup' };
    await el.updateComplete;
    expect(control(el, 'name.given').value).to.equal('Someone');
    expect(control(el, 'reason').value).to.equal('Checkup');
    form.reset();
    await el.updateComplete;
    expect(control(el, 'name.given').value).to.equal('Anita');
    expect(control(el, 'phone').value).to.equal('+1 212 555 0100');
    expect(errors(el)).to.deep.equal([]);
    expect(el.value).to.deep.equal({ ...PREFILL, name: { given: 'Anita', family: 'Ruiz' }, reason: 'Checkup' });
    expect(el.checkValidity()).to.equal(true);
  });

  it('is disabled inside a disabled <fieldset>: its inputs are disabled, it does not block the form', async () => {
    const form = await fixture<HTMLFormElement>(
      html`<form>
        <fieldset disabled><patient-form fields="name phone forWhom"></patient-form></fieldset>
      </form>`,
    );
    const el = form.querySelector('patient-form')!;
    await el.updateComplete;
    const controls = all<HTMLInputElement>(el, 'input, textarea');
    expect(controls).to.have.length(5);
    for (const c of controls) expect(c.disabled, c.id).to.equal(true);
    expect(el.matches(':disabled')).to.equal(true);
    expect(form.checkValidity()).to.equal(true);
    form.querySelector('fieldset')!.disabled = false;
    await el.updateComplete;
    for (const c of controls) expect(c.disabled, c.id).to.equal(false);
    expect(form.checkValidity()).to.equal(false);
  });

  it('shows locked fields as text from the prefill, not editable; they keep the prefill', async () => {
    const { form, el } = await inForm(
      html`<patient-form fields="name birthDate phone email" locked="name birthDate email"></patient-form>`,
    );
    el.prefill = { name: { given: 'Ana', family: 'Ruiz' }, birthDate: '1985-03-04' };
    await el.updateComplete;
    // Name and date of birth are text; email has no prefill, so the patient is asked for it.
    expect(el.shadowRoot!.querySelector('[data-key="name.given"], [data-key="birthDate"]')).to.equal(null);
    const locked = all(el, '[data-locked]').map((f) => fold(f.textContent));
    expect(locked).to.deep.equal([
      'Your name Ana Ruiz From your account. To change it, contact the clinic.',
      'Date of birth March 4, 1985 From your account. To change it, contact the clinic.',
    ]);
    expect(control(el, 'email').readOnly).to.equal(false);
    await fill(el, 'phone', '212 555 0100');
    expect(el.value).to.deep.equal({
      name: { given: 'Ana', family: 'Ruiz' },
      birthDate: '1985-03-04',
      phone: '212 555 0100',
    });
    expect(new FormData(form).get('name.family')).to.equal('Ruiz');
    expect(el.checkValidity()).to.equal(true);
    // A new prefill and a reset keep locked fields on the prefill.
    el.prefill = { name: { given: 'Ana María', family: 'Ruiz' }, birthDate: '1985-03-04' };
    form.reset();
    await el.updateComplete;
    expect(el.value.name).to.deep.equal({ given: 'Ana María', family: 'Ruiz' });
    await expect(el).to.be.accessible();
  });

  it('hands the details to the session inside a <booking-provider>, and fires patient-change with `valid` only', async () => {
    const { root, el } = await inProvider(html`<patient-form fields="name birthDate phone email"></patient-form>`);
    expect(sessionOf(el).patientValid).to.equal(false);
    const details: unknown[] = [];
    const seen: { valid: boolean; session: boolean }[] = [];
    document.addEventListener('patient-change', (e) => {
      details.push(e.detail);
      seen.push({ valid: e.detail.valid, session: sessionOf(el).patientValid });
    });
    await fill(el, 'name.given', 'Ana');
    await fill(el, 'name.family', 'Ruiz');
    await fill(el, 'birthDate', '1985-03-04');
    expect(sessionOf(el).patientDetails).to.deep.equal({
      name: { given: 'Ana', family: 'Ruiz' },
      birthDate: '1985-03-04',
    });
    expect(sessionOf(el).patientValid).to.equal(false);
    await fill(el, 'phone', '212 555 0100');
    await fill(el, 'email', 'ana.ruiz@example.org');
    expect(sessionOf(el).patientValid).to.equal(true);
    expect(sessionOf(el).patientDetails?.email).to.equal('ana.ruiz@example.org');
    // The session knows before the event: a listener reading it sees the same validity.
    expect(seen.map((s) => s.valid)).to.deep.equal([false, false, false, true, true]);
    expect(seen.every((s) => s.valid === s.session)).to.equal(true);
    // Events are composed, so any script on the page reads them: no patient data in them.
    for (const detail of details) expect(Object.keys(detail as object)).to.deep.equal(['valid']);
    const serialised = JSON.stringify(details);
    for (const typed of ['Ana', 'Ruiz', '1985', '555', 'example.org']) expect(serialised).not.to.contain(typed);
    // A new backend (a new session object): nothing typed is lost, and the session gets the details back.
    root.provider = new DemoProvider({ options: { takenShare: 0 }, now: () => new Date(NOW) });
    await el.updateComplete;
    expect(control(el, 'name.given').value).to.equal('Ana');
    expect(el.value.email).to.equal('ana.ruiz@example.org');
    expect(sessionOf(el).patientValid).to.equal(true);
    await fill(el, 'phone', '');
    expect(sessionOf(el).patientValid).to.equal(false);
    expect(sessionOf(el).patientDetails?.phone).to.equal(undefined);
  });

  it('hands a valid prefill to the session without any typing', async () => {
    const root = await mountProvider(
      html`<booking-provider backend="demo" now=${NOW} locale="en-US">
        <patient-form .prefill=${PREFILL} locked="name"></patient-form>
      </booking-provider>`,
    );
    const el = root.querySelector('patient-form')!;
    await el.updateComplete;
    expect(sessionOf(el).patientValid).to.equal(true);
    expect(sessionOf(el).patientDetails).to.deep.equal(PREFILL);
  });

  it('keeps what was typed across re-renders: fields shown again still hold their text', async () => {
    const el = await fixture<PatientFormElement>(html`<patient-form></patient-form>`);
    await fill(el, 'email', 'ana@example.org');
    await fill(el, 'reason', 'Sore throat');
    el.fields = 'name phone';
    await el.updateComplete;
    expect(el.value).to.deep.equal({});
    el.fields = 'name phone email reason';
    await el.updateComplete;
    expect(control(el, 'email').value).to.equal('ana@example.org');
    expect(control(el, 'reason').value).to.equal('Sore throat');
    el.requestUpdate();
    await el.updateComplete;
    expect(el.value).to.deep.equal({ email: 'ana@example.org', reason: 'Sore throat' });
  });

  it('can be filled by keyboard alone: Tab through the fields, type, arrows choose a radio', async () => {
    const { form, el } = await inForm(
      html`<patient-form fields="forWhom name birthDate phone email newPatient"></patient-form>`,
    );
    const before = document.createElement('button');
    before.textContent = 'before';
    form.before(before);
    before.focus();
    await sendKeys({ press: 'Tab' });
    expect(el.shadowRoot!.activeElement?.id).to.equal('forWhom-0');
    await sendKeys({ press: 'ArrowDown' });
    expect(el.value.forWhom).to.equal('dependent');
    await el.updateComplete;
    // Booking for someone else: the labels speak of them.
    expect(fold(one(el, '[data-field="name"] legend').textContent)).to.equal('Their name (required)');
    await sendKeys({ press: 'Tab' });
    expect(el.shadowRoot!.activeElement).to.equal(control(el, 'name.given'));
    await sendKeys({ type: 'Ana' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ type: 'Ruiz' });
    await sendKeys({ press: 'Tab' });
    expect(el.shadowRoot!.activeElement).to.equal(control(el, 'birthDate'));
    // Month, day and year (en-US); the browser moves from part to part as they fill.
    await sendKeys({ type: '03041985' });
    expect(control(el, 'birthDate').value).to.equal('1985-03-04');
    // Chromium's date input has its own stop after the year (the calendar button).
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Tab' });
    expect(el.shadowRoot!.activeElement).to.equal(control(el, 'phone'));
    await sendKeys({ type: '212 555 0100' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ type: 'ana@example.org' });
    await sendKeys({ press: 'Tab' });
    expect(el.shadowRoot!.activeElement?.id).to.equal('newPatient-0');
    await sendKeys({ press: 'Space' });
    await el.updateComplete;
    expect(el.value).to.deep.equal({
      forWhom: 'dependent',
      name: { given: 'Ana', family: 'Ruiz' },
      birthDate: '1985-03-04',
      phone: '212 555 0100',
      email: 'ana@example.org',
      newPatient: true,
    });
    expect(new FormData(form).get('newPatient')).to.equal('true');
    expect(errors(el)).to.deep.equal([]);
    expect(el.checkValidity()).to.equal(true);
    await expect(el).to.be.accessible();
    before.remove();
  });

  it('asks in the words of the person booking for someone in their care', async () => {
    const el = await fixture<PatientFormElement>(
      html`<patient-form fields="forWhom name birthDate" .prefill=${{ forWhom: 'dependent' }}></patient-form>`,
    );
    expect(el.reportValidity()).to.equal(false);
    await el.updateComplete;
    expect(errors(el)).to.deep.equal(['Enter their first name', 'Enter their date of birth']);
    expect(fold(one(el, 'label[for="birthDate"]').textContent)).to.equal('Their date of birth (required)');
    await expect(el).to.be.accessible();
  });

  it('follows `required`: optional fields may stay empty, required radio groups must be chosen', async () => {
    const el = await fixture<PatientFormElement>(
      html`<patient-form fields="reason newPatient insurance" required="newPatient insurance"></patient-form>`,
    );
    expect(el.checkValidity()).to.equal(false);
    el.reportValidity();
    await el.updateComplete;
    expect(errors(el)).to.deep.equal([
      'Tell us if you have been seen here before',
      'Enter your insurance plan and member ID',
    ]);
    const group = one(el, '[data-field="newPatient"]');
    expect(group.getAttribute('role')).to.equal('radiogroup');
    expect(group.getAttribute('aria-invalid')).to.equal('true');
    expect(el.shadowRoot!.activeElement?.id).to.equal('newPatient-0');
    await expect(el).to.be.accessible();
    one<HTMLInputElement>(el, '#newPatient-1').click();
    await fill(el, 'insurance', 'Aetna W123456');
    expect(el.value).to.deep.equal({ newPatient: false, insurance: 'Aetna W123456' });
    expect(el.checkValidity()).to.equal(true);
    el.required = '';
    el.fields = 'name';
    await el.updateComplete;
    expect(el.checkValidity()).to.equal(true);
  });

  it('restores its state when the browser restores the form (back/forward, autofill)', async () => {
    const { el } = await inForm();
    const state = new FormData();
    state.append('name.given', 'Ana');
    state.append('phone', '212 555 0100');
    el.formStateRestoreCallback(state);
    await el.updateComplete;
    expect(control(el, 'name.given').value).to.equal('Ana');
    expect(el.value).to.deep.equal({ name: { given: 'Ana', family: '' }, phone: '212 555 0100' });
  });
});
