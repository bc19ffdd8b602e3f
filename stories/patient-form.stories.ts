import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { expect, userEvent } from 'storybook/test';
import type { PatientDetails } from '../src/core/model.js';
import type { PatientFormElement } from '../src/elements/patient-form/patient-form.js';
import { deepActiveElement, findIn } from './support/dom.js';
import { bookingProvider, darkFrame, phoneFrame, type ProviderSetup } from './support/page.js';

interface FormArgs {
  fields?: string;
  required?: string;
  locked?: string;
  prefill?: PatientDetails;
  /** Show every error on load, as after a submit (not an element attribute). */
  showErrors?: boolean;
  /** `<booking-provider>` settings for this story (not an element attribute). */
  setup?: ProviderSetup;
}

const ALL_FIELDS = 'forWhom name birthDate phone email reason newPatient insurance';

/** A patient a portal knows (made-up data). */
const PORTAL_PATIENT: PatientDetails = {
  name: { given: 'Ana', family: 'Ruiz' },
  birthDate: '1985-03-04',
  phone: '+1 212 555 0100',
  email: 'ana.ruiz@example.org',
};

const meta = {
  title: 'Elements/Patient form',
  component: 'patient-form',
  args: {},
  argTypes: {
    fields: {
      control: 'select',
      options: [undefined, 'name birthDate phone email reason', 'name phone', ALL_FIELDS],
    },
    required: { control: 'text' },
    locked: { control: 'text' },
    prefill: { control: 'object' },
    showErrors: { control: 'boolean', table: { category: 'story' } },
    setup: { control: false, table: { disable: true } },
  },
  render: (args) =>
    bookingProvider(
      { patient: null, ...args.setup },
      html`<form @submit=${(e: Event) => e.preventDefault()}>
        <patient-form
          fields=${ifDefined(args.fields)}
          required=${ifDefined(args.required)}
          locked=${ifDefined(args.locked)}
          .prefill=${args.prefill}
        ></patient-form>
      </form>`,
    ),
  play: async ({ canvasElement, args }) => {
    const el = form(canvasElement);
    await el.updateComplete;
    if (args.showErrors) el.reportValidity();
  },
} satisfies Meta<FormArgs>;

export default meta;
type Story = StoryObj<FormArgs>;

const form = (root: HTMLElement) => root.querySelector<PatientFormElement>('patient-form')!;
const inputIn = (root: HTMLElement, key: string) =>
  findIn<HTMLInputElement>(root, 'patient-form', `[data-key="${key}"]`);

/** A new patient: name, date of birth and phone required; email and reason optional. */
export const Empty: Story = {
  play: async ({ canvasElement }) => {
    await inputIn(canvasElement, 'name.given');
    await expect(form(canvasElement).value).toEqual({});
    await expect(form(canvasElement).checkValidity()).toBe(false);
  },
};

/** A portal's patient: the name and date of birth come from the account and are shown as text. */
export const PrefilledAndLocked: Story = {
  args: { prefill: PORTAL_PATIENT, locked: 'name birthDate', setup: { patient: 'demo-patient' } },
  play: async ({ canvasElement }) => {
    await findIn(canvasElement, 'patient-form', '[data-locked]', { text: 'Ana Ruiz' });
    await expect((await inputIn(canvasElement, 'phone')).value).toBe('+1 212 555 0100');
    await expect(form(canvasElement).checkValidity()).toBe(true);
  },
};

/** Booking for a child or someone in their care: the labels and messages speak of "them". */
export const Dependent: Story = {
  args: { fields: 'forWhom name birthDate phone reason', prefill: { forWhom: 'dependent' } },
  play: async ({ canvasElement }) => {
    await findIn(canvasElement, 'patient-form', 'legend', { text: 'Their name' });
  },
};

/** Every field the element can ask for. */
export const AllFields: Story = {
  args: { fields: ALL_FIELDS, required: 'forWhom name birthDate phone newPatient' },
  play: async ({ canvasElement }) => {
    await inputIn(canvasElement, 'insurance');
    await expect(form(canvasElement).shadowRoot!.querySelectorAll('input[type="radio"]')).toHaveLength(4);
  },
};

/** After a submit with missing and wrong values: each error next to its field, the first one focused. */
export const WithErrors: Story = {
  args: { prefill: { phone: '555 01', email: 'ana@example' }, showErrors: true },
  play: async ({ canvasElement }) => {
    const el = form(canvasElement);
    await el.updateComplete;
    el.reportValidity();
    await findIn(canvasElement, 'patient-form', '#phone-error', {
      text: 'Enter a phone number we can call, with at least 7 digits',
    });
    await findIn(canvasElement, 'patient-form', '#email-error', { text: 'This email address looks incomplete' });
    await expect(deepActiveElement()).toBe(await inputIn(canvasElement, 'name.given'));
  },
};

/** Typing, then leaving a field: its error shows once left, and goes as it is fixed. */
export const ErrorAfterLeavingAField: Story = {
  play: async ({ canvasElement }) => {
    const phone = await inputIn(canvasElement, 'phone');
    await userEvent.type(phone, '555');
    phone.blur();
    const error = await findIn(canvasElement, 'patient-form', '#phone-error', { text: 'at least 7 digits' });
    await expect(phone.getAttribute('aria-invalid')).toBe('true');
    await userEvent.type(phone, ' 0100');
    phone.blur();
    await form(canvasElement).updateComplete;
    await expect(error.textContent?.trim()).toBe('');
  },
};

/** Inside a disabled `<fieldset>`: every input is disabled. */
export const Disabled: Story = {
  render: (args) =>
    bookingProvider(
      { patient: null, ...args.setup },
      html`<form>
        <fieldset disabled style="border: 0; padding: 0"><patient-form></patient-form></fieldset>
      </form>`,
    ),
  play: async ({ canvasElement }) => {
    await expect((await inputIn(canvasElement, 'phone')).disabled).toBe(true);
  },
};

/** A 320 px phone screen: first and last name stack. */
export const MobileWidth: Story = {
  globals: { viewport: { value: 'mobile1', isRotated: false } },
  decorators: [(story) => phoneFrame(story())],
  play: async ({ canvasElement }) => {
    const given = (await inputIn(canvasElement, 'name.given')).getBoundingClientRect();
    const family = (await inputIn(canvasElement, 'name.family')).getBoundingClientRect();
    await expect(family.top).toBeGreaterThan(given.bottom);
  },
};

/** Dark colour scheme through the public custom properties, with errors shown. */
export const DarkScheme: Story = {
  globals: { backgrounds: { value: 'dark' } },
  decorators: [(story) => darkFrame(story())],
  args: { fields: ALL_FIELDS, showErrors: true },
};
