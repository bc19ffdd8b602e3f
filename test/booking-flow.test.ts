// <booking-flow>: a new patient, unknown to the backend (no `patient` attribute), books on the demo clinic through
// the one tag alone: visit → time → details → review → done, by mouse and by keyboard, with the hold counting
// down while they type, Back keeping everything, and a confirmation with a calendar file.
import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import ICAL from 'ical.js';
import type { BookingFlowElement } from '../src/elements/booking-flow/booking-flow.js';
import '../src/define.js';
import { emergencyText } from '../src/elements/booking-flow/booking-flow.js';
import type { BookingProviderElement } from '../src/elements/booking-provider/booking-provider.js';
import type { PatientFormElement } from '../src/elements/patient-form/patient-form.js';
import type { SlotPickerElement } from '../src/elements/slot-picker/slot-picker.js';
import { DemoProvider } from '../src/providers/demo/index.js';
import { NOW, all, fold, one, slotButtons, text, until } from './helpers.js';

/** Within a node of a shadow root (a step's section): its own query and text. */
function q<T extends Element = HTMLElement>(node: Element, selector: string): T {
  const found = node.querySelector<T>(selector);
  if (!found) throw new Error(`nothing matches ${selector}`);
  return found;
}
const said = (node: Element) => fold(node.textContent);

function demo(options: Record<string, unknown> = {}): DemoProvider {
  return new DemoProvider({ options: { takenShare: 0, ...options }, now: () => new Date(NOW) });
}

async function flow(provider = demo(), attrs = html`<booking-flow></booking-flow>`) {
  // Listening before the flow renders: its first step is announced too.
  const steps: string[] = [];
  const onStep = (e: Event) => steps.push((e as CustomEvent<{ step: string }>).detail.step);
  document.addEventListener('booking-step', onStep);
  const root = await fixture<BookingProviderElement>(
    html`<booking-provider now=${NOW} .provider=${provider}>${attrs}</booking-provider>`,
  );
  const el = root.querySelector<BookingFlowElement>('booking-flow')!;
  await until(() => el.shadowRoot?.querySelector('h2'), 'flow did not render');
  await el.updateComplete;
  document.removeEventListener('booking-step', onStep);
  el.addEventListener('booking-step', onStep);
  const section = (step: string) => one(el, `section[data-step="${step}"]`);
  const shown = () => all(el, 'section.step').find((s) => !s.hidden)!.dataset.step;
  const inner = <T extends Element>(tag: string) => el.shadowRoot!.querySelector<T>(tag)!;
  const next = () => (section(shown()!).querySelector('button.next') as HTMLButtonElement).click();
  return { root, el, steps, section, shown, inner, next };
}

type Flow = Awaited<ReturnType<typeof flow>>;

async function fillDetails(f: Flow): Promise<PatientFormElement> {
  const form = f.inner<PatientFormElement>('patient-form');
  await until(() => form.shadowRoot?.querySelector('[data-key="name.given"]'), 'no form');
  const set = async (key: string, value: string) => {
    const input = one<HTMLInputElement>(form, `[data-key="${key}"]`);
    input.value = value;
    input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    await form.updateComplete;
  };
  await set('name.given', 'Ana');
  await set('name.family', 'Quintero');
  await set('birthDate', '1990-04-12');
  await set('phone', '212 555 0100');
  return form;
}

describe('<booking-flow>', () => {
  it('takes a new patient from visit type to a confirmation, one step at a time, each announced', async () => {
    const provider = demo();
    const patients: string[] = [];
    const register = provider.registerPatient.bind(provider);
    provider.registerPatient = async (r, s) => {
      const patient = await register(r, s);
      patients.push(patient.id);
      return patient;
    };
    const f = await flow(provider);
    expect(text(f.el)).to.contain('If this is an emergency, call 911.');
    expect(f.shown()).to.equal('visit');
    expect(fold(q(f.section('visit'), 'h2').textContent)).to.equal('Step 1 of 5: What kind of visit');
    await until(() => f.steps[0] === 'visit', 'no booking-step for the first step');
    f.next();
    await until(() => f.shown() === 'time', 'not on the time step');
    // The heading takes focus, so a screen reader announces the new step.
    await until(() => f.el.shadowRoot!.activeElement === q(f.section('time'), 'h2'), 'focus not on the heading');
    const picker = f.inner<SlotPickerElement>('slot-picker');
    await until(() => slotButtons(picker).length > 0, 'no times');
    // Continue without a time says what is missing.
    f.next();
    await until(() => text(f.el).includes('Choose a time to continue.'), 'no hint');
    slotButtons(picker)[0].click();
    const chosen = picker.value!;
    f.next();
    await until(() => f.shown() === 'details', 'not on details');
    // The chosen time is held and counts down while the patient types.
    await until(() => said(f.section('details')).includes('This time is held for you for'), 'no countdown');
    // Continue with empty details shows what is needed next to each field.
    f.next();
    await until(() => text(f.el).includes('Fill in the details marked as required'), 'no details hint');
    await fillDetails(f);
    f.next();
    await until(() => f.shown() === 'review', 'not on review');
    const review = said(f.section('review'));
    expect(review).to.contain('Office visit');
    expect(review).to.contain('Monday, March 2, 2026, 10:10 AM EST');
    expect(review).to.contain('Harbor Family Clinic');
    expect(review).to.contain('Ana Quintero (Myself)');
    const button = f.inner<HTMLElement>('confirm-button');
    await until(() => one(button, 'button.primary').getAttribute('aria-disabled') === 'false', 'Book is off');
    one<HTMLButtonElement>(button, 'button.primary').click();
    await until(() => f.shown() === 'done', 'not done');
    expect(f.steps).to.deep.equal(['visit', 'time', 'details', 'review', 'done']);
    // The confirmation: reference, address, phone and a calendar file at the right instant.
    const confirmation = f.inner<HTMLElement>('booking-confirmation');
    await until(() => confirmation.shadowRoot?.querySelector('a[download]'), 'no calendar link');
    const confirmationText = text(confirmation);
    expect(confirmationText).to.contain('Harbor Family Clinic');
    expect(confirmationText).to.match(/Reference/);
    const ics = await (await fetch(one<HTMLAnchorElement>(confirmation, 'a[download]').href)).text();
    const event = new ICAL.Event(new ICAL.Component(ICAL.parse(ics)).getFirstSubcomponent('vevent')!);
    expect(event.startDate.toJSDate().toISOString()).to.equal(chosen.start);
    // Exactly one visit, for one new patient.
    expect(patients).to.have.length(1);
    const booked = (await provider.listAppointments({ patientId: patients[0] })).filter((a) => a.status === 'booked');
    expect(booked).to.have.length(1);

    // Then moves it from the confirmation: a new time, the same patient, still exactly one visit.
    one<HTMLButtonElement>(confirmation, 'button.reschedule').click();
    await until(() => f.shown() === 'time', 'Reschedule did not go back to the times');
    await until(() => slotButtons(picker).length > 0, 'no times to move to');
    slotButtons(picker)[3].click();
    const moveTo = picker.value!;
    f.next();
    await until(() => f.shown() === 'details', 'not on details when moving');
    f.next();
    await until(() => f.shown() === 'review', 'not on review when moving');
    await until(() => text(button).includes('Move appointment'), 'the button does not say Move');
    await until(() => one(button, 'button.primary').getAttribute('aria-disabled') === 'false', 'Move is off');
    one<HTMLButtonElement>(button, 'button.primary').click();
    await until(() => f.shown() === 'done', 'not done after moving');
    const after = await provider.listAppointments({ patientId: patients[0] });
    expect(patients).to.have.length(1);
    expect(after.filter((a) => a.status === 'booked').map((a) => a.start)).to.deep.equal([moveTo.start]);
    expect(after.find((a) => a.id === booked[0].id)!.status).to.equal('cancelled');
  });

  it('Back keeps the chosen time and everything typed', async () => {
    const f = await flow();
    f.next();
    const picker = f.inner<SlotPickerElement>('slot-picker');
    await until(() => slotButtons(picker).length > 0, 'no times');
    slotButtons(picker)[2].click();
    const chosen = picker.value!.id;
    f.next();
    await until(() => f.shown() === 'details', 'not on details');
    const form = await fillDetails(f);
    (q(f.section('details'), 'button.back') as HTMLButtonElement).click();
    await until(() => f.shown() === 'time', 'not back on time');
    expect(picker.value?.id).to.equal(chosen);
    f.next();
    await until(() => f.shown() === 'details', 'not on details again');
    expect(form.value.name).to.deep.equal({ given: 'Ana', family: 'Quintero' });
    expect(one<HTMLInputElement>(form, '[data-key="phone"]').value).to.equal('212 555 0100');
  });

  it('books by keyboard alone', async () => {
    const f = await flow();
    const firstNext = q<HTMLButtonElement>(f.section('visit'), 'button.next');
    firstNext.focus();
    await sendKeys({ press: 'Enter' });
    await until(() => f.shown() === 'time', 'not on time');
    const picker = f.inner<SlotPickerElement>('slot-picker');
    await until(() => slotButtons(picker).length > 0, 'no times');
    // The first time is the picker's tab stop; Enter chooses it.
    slotButtons(picker)[0].focus();
    await sendKeys({ press: 'Enter' });
    await until(() => !!picker.value, 'no time chosen by keyboard');
    q<HTMLButtonElement>(f.section('time'), 'button.next').focus();
    await sendKeys({ press: 'Enter' });
    await until(() => f.shown() === 'details', 'not on details');
    const form = f.inner<PatientFormElement>('patient-form');
    await until(() => form.shadowRoot?.querySelector('[data-key="name.given"]'), 'no form');
    one<HTMLInputElement>(form, '[data-key="name.given"]').focus();
    await sendKeys({ type: 'Ana' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ type: 'Quintero' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ type: '04121990' });
    one<HTMLInputElement>(form, '[data-key="phone"]').focus();
    await sendKeys({ type: '2125550100' });
    q<HTMLButtonElement>(f.section('details'), 'button.next').focus();
    await sendKeys({ press: 'Enter' });
    await until(() => f.shown() === 'review', `not on review: ${said(f.section('details'))}`);
    const button = f.inner<HTMLElement>('confirm-button');
    await until(() => one(button, 'button.primary').getAttribute('aria-disabled') === 'false', 'Book is off');
    one<HTMLButtonElement>(button, 'button.primary').focus();
    await sendKeys({ press: 'Enter' });
    await until(() => f.shown() === 'done', 'not done');
  });

  it('says "Nothing soon? Call us" with the clinic phone when no time is free in two weeks', async () => {
    const f = await flow(demo({ noSlots: true }));
    f.next();
    await until(() => said(f.section('time')).includes('Nothing soon? Call us at'), 'no call-us notice');
    expect(q(f.section('time'), '[part="soon"] a').getAttribute('href')).to.equal('tel:+12125550142');
  });

  it('a flow that comes after a booking starts at its first step, not at the old outcome', async () => {
    const root = await fixture<BookingProviderElement>(
      html`<booking-provider now=${NOW} patient="demo-patient" .provider=${demo()}>
        <slot-picker practitioner="ruiz"></slot-picker><confirm-button></confirm-button>
      </booking-provider>`,
    );
    const picker = root.querySelector('slot-picker')!;
    const button = root.querySelector('confirm-button')!;
    await until(() => slotButtons(picker).length > 0, 'no times');
    slotButtons(picker)[0].click();
    await until(() => one(button, 'button.primary').getAttribute('aria-disabled') === 'false', 'Book is off');
    const confirmed = new Promise((resolve) => button.addEventListener('booking-confirmed', resolve, { once: true }));
    one<HTMLButtonElement>(button, 'button.primary').click();
    await confirmed;
    const later = document.createElement('booking-flow') as BookingFlowElement;
    root.append(later);
    await until(() => later.shadowRoot?.querySelector('section.step:not([hidden])'), 'flow did not render');
    await later.updateComplete;
    expect(all(later, 'section.step').find((s) => !s.hidden)!.dataset.step).to.equal('visit');
  });

  it('emergency notice: the number by locale, custom text, or off', async () => {
    expect(emergencyText('en-US')).to.equal('If this is an emergency, call 911.');
    expect(emergencyText('en-GB')).to.equal('If this is an emergency, call 999.');
    expect(emergencyText('en-AU')).to.equal('If this is an emergency, call 000.');
    expect(emergencyText('de-DE')).to.equal('If this is an emergency, call 112.');
    // A language says nothing of the country: Spanish or Korean on a US clinic's page keeps 911.
    expect(emergencyText('es')).to.equal('If this is an emergency, call 911.');
    expect(emergencyText('ko')).to.equal('If this is an emergency, call 911.');
    expect(emergencyText('es-MX')).to.equal('If this is an emergency, call 911.');
    expect(emergencyText('es-ES')).to.equal('If this is an emergency, call 112.');
    const off = await flow(demo(), html`<booking-flow emergency-notice="off"></booking-flow>`);
    expect(off.el.shadowRoot!.querySelector('[part="emergency"]')).to.equal(null);
    const own = await flow(
      demo(),
      html`<booking-flow emergency-notice="In an emergency dial 911 now."></booking-flow>`,
    );
    expect(said(one(own.el, '[part="emergency"]'))).to.equal('In an emergency dial 911 now.');
  });

  it('shows only the steps asked for, and skips details for a known patient', async () => {
    const root = await fixture<BookingProviderElement>(
      html`<booking-provider now=${NOW} patient="demo-patient" .provider=${demo()}
        ><booking-flow steps="time review done"></booking-flow
      ></booking-provider>`,
    );
    const el = root.querySelector('booking-flow')!;
    await until(() => el.shadowRoot?.querySelector('h2'), 'no render');
    expect(all(el, 'section.step').map((s) => s.dataset.step)).to.deep.equal(['time', 'review', 'done']);
    expect(fold(q(el.shadowRoot!.querySelector('section[data-step="time"]')!, 'h2').textContent)).to.equal(
      'Step 1 of 3: Choose a time',
    );
  });

  it('is accessible at every step', async () => {
    const f = await flow();
    await expect(f.el).to.be.accessible();
    f.next();
    const picker = f.inner<SlotPickerElement>('slot-picker');
    await until(() => slotButtons(picker).length > 0, 'no times');
    await expect(f.el).to.be.accessible();
    slotButtons(picker)[0].click();
    f.next();
    await until(() => f.shown() === 'details', 'not on details');
    await fillDetails(f);
    await expect(f.el).to.be.accessible();
    f.next();
    await until(() => f.shown() === 'review', 'not on review');
    await expect(f.el).to.be.accessible();
  });
});
