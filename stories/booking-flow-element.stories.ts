import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { expect, waitFor } from 'storybook/test';
import type { BookingFlowElement } from '../src/elements/booking-flow/booking-flow.js';
import { deepQueryAll, findDeep, waitForText } from './support/dom.js';
import { bookingProvider, darkFrame, phoneFrame, type ProviderSetup } from './support/page.js';

interface FlowArgs {
  steps?: string;
  emergencyNotice?: string;
  /** `<booking-provider>` settings for this story (not an element attribute). */
  setup?: ProviderSetup;
}

const meta = {
  title: 'Elements/Booking flow',
  component: 'booking-flow',
  args: {},
  argTypes: {
    steps: { control: 'select', options: [undefined, 'time details review done', 'time review done'] },
    emergencyNotice: { control: 'text', name: 'emergency-notice' },
    setup: { control: false, table: { disable: true } },
  },
  render: (args) =>
    bookingProvider(
      { patient: null, ...args.setup },
      html`<booking-flow
        steps=${ifDefined(args.steps)}
        emergency-notice=${ifDefined(args.emergencyNotice)}
      ></booking-flow>`,
    ),
} satisfies Meta<FlowArgs>;

export default meta;
type Story = StoryObj<FlowArgs>;

const flowOf = (root: HTMLElement) => root.querySelector<BookingFlowElement>('booking-flow')!;
const shownStep = (root: HTMLElement) =>
  [...flowOf(root).shadowRoot!.querySelectorAll<HTMLElement>('section.step')].find((s) => !s.hidden)?.dataset.step;

async function next(root: HTMLElement, step: string): Promise<void> {
  const section = flowOf(root).shadowRoot!.querySelector(`section[data-step="${step}"]`)!;
  (section.querySelector('button.next') as HTMLButtonElement).click();
}

async function chooseTime(root: HTMLElement, index = 0): Promise<void> {
  await next(root, 'visit');
  await waitFor(() => expect(shownStep(root)).toBe('time'));
  const slots = await waitFor(() => {
    const found = deepQueryAll<HTMLButtonElement>(root, 'button.slot');
    if (!found.length) throw new Error('no times yet');
    return found;
  });
  slots[index].click();
  await next(root, 'time');
}

async function fillDetails(root: HTMLElement): Promise<void> {
  await waitFor(() => expect(shownStep(root)).toBe('details'));
  const set = async (key: string, value: string) => {
    const input = await findDeep<HTMLInputElement>(root, `[data-key="${key}"]`);
    input.value = value;
    input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  };
  await set('name.given', 'Ana');
  await set('name.family', 'Quintero');
  await set('birthDate', '1990-04-12');
  await set('phone', '212 555 0100');
}

async function toReview(root: HTMLElement): Promise<void> {
  await chooseTime(root);
  await fillDetails(root);
  await next(root, 'details');
  await waitFor(() => expect(shownStep(root)).toBe('review'));
}

async function book(root: HTMLElement): Promise<void> {
  const button = await findDeep<HTMLButtonElement>(root, 'button.primary[aria-disabled="false"]', {
    text: 'Book appointment',
    timeout: 8000,
  });
  button.click();
  await waitFor(() => expect(shownStep(root)).toBe('done'), { timeout: 8000 });
}

/** The first step: the emergency notice, the steps, the kind of visit. */
export const Start: Story = {
  play: async ({ canvasElement }) => {
    await waitForText(canvasElement, 'If this is an emergency, call 911.');
    await waitForText(canvasElement, /Step 1 of 5 ?: What kind of visit/);
  },
};

/** A new patient books from start to confirmation. */
export const NewPatientBooks: Story = {
  play: async ({ canvasElement }) => {
    await toReview(canvasElement);
    await waitForText(canvasElement, 'Ana Quintero (Myself)');
    await book(canvasElement);
    await waitForText(canvasElement, 'Add to calendar', 8000);
  },
};

/** The time is held while the patient types: the countdown next to the form. */
export const HoldTicking: Story = {
  play: async ({ canvasElement }) => {
    await chooseTime(canvasElement);
    await waitFor(() => expect(shownStep(canvasElement)).toBe('details'));
    await waitForText(canvasElement, 'This time is held for you for');
  },
};

/** The hold ran out (a 3-second hold here): the patient is told and offered the nearest times. */
export const HoldExpired: Story = {
  args: { setup: { options: { holdSeconds: 3 } } },
  play: async ({ canvasElement }) => {
    await chooseTime(canvasElement, 3);
    await waitForText(canvasElement, 'The time you chose was held for you and has now been released.', 8000);
    await waitForText(canvasElement, 'The nearest free times:', 8000);
  },
};

/** A backend that books only for signed-in patients: the details step is a sign-in link. */
export const SignInNeeded: Story = {
  args: { setup: { custom: 'sign-in-only', signInUrl: 'https://portal.example.org/login' } },
  play: async ({ canvasElement }) => {
    await chooseTime(canvasElement);
    await waitFor(() => expect(shownStep(canvasElement)).toBe('details'));
    const link = await findDeep<HTMLAnchorElement>(canvasElement, 'a.button', { text: 'Sign in to book' });
    await expect(link.href).toContain('careslot-slot');
  },
};

/** The review before booking: what, when (both zones), where, with whom, for whom. */
export const Review: Story = {
  play: async ({ canvasElement }) => {
    await toReview(canvasElement);
    await waitForText(canvasElement, 'Harbor Family Clinic');
  },
};

/** After booking: the confirmation with the calendar file, reschedule and cancel. */
export const Confirmation: Story = {
  play: NewPatientBooks.play,
};

/** Moving the visit from the confirmation: back to the times, then "Move appointment". */
export const Reschedule: Story = {
  play: async (context) => {
    const root = context.canvasElement;
    await NewPatientBooks.play!(context);
    (await findDeep<HTMLButtonElement>(root, 'button.reschedule')).click();
    await waitFor(() => expect(shownStep(root)).toBe('time'));
    await waitForText(root, 'Choose the new time for your appointment.');
  },
};

/** A known patient (a portal): no details step. */
export const KnownPatient: Story = {
  args: { setup: { patient: 'demo-patient' } },
  play: async ({ canvasElement }) => {
    await waitForText(canvasElement, /Step 1 of 4 ?: What kind of visit/);
  },
};

/** No time free in the next two weeks: "Nothing soon? Call us". */
export const NothingSoon: Story = {
  args: { setup: { options: { noSlots: true } } },
  play: async ({ canvasElement }) => {
    await next(canvasElement, 'visit');
    await waitForText(canvasElement, 'Nothing soon? Call us at', 8000);
  },
};

/** Only some steps, and a clinic's own emergency text. */
export const OwnStepsAndNotice: Story = {
  args: { steps: 'time details review done', emergencyNotice: 'In an emergency call 911 or go to the nearest ER.' },
};

/** On a phone. */
export const OnAPhone: Story = {
  globals: { viewport: { value: 'mobile1', isRotated: false } },
  decorators: [(story) => phoneFrame(story())],
  play: NewPatientBooks.play,
};

/** On a dark site. */
export const DarkSite: Story = {
  globals: { backgrounds: { value: 'dark' } },
  decorators: [(story) => darkFrame(story())],
};

// The whole journey in each of the twelve languages, up to the review (Arabic right to left).
const inLanguage = (locale: string): Story => ({
  args: { setup: { locale } },
  play: async ({ canvasElement }) => {
    await toReview(canvasElement);
    if (locale.startsWith('ar')) await expect(flowOf(canvasElement).getAttribute('dir')).toBe('rtl');
  },
});

/** The journey in en-US. */
export const JourneyEnglish: Story = inLanguage('en-US');

/** The journey in es-US. */
export const JourneySpanish: Story = inLanguage('es-US');

/** The journey in zh-Hans. */
export const JourneyChineseSimplified: Story = inLanguage('zh-Hans');

/** The journey in zh-Hant. */
export const JourneyChineseTraditional: Story = inLanguage('zh-Hant');

/** The journey in vi-VN. */
export const JourneyVietnamese: Story = inLanguage('vi-VN');

/** The journey in tl-PH. */
export const JourneyTagalog: Story = inLanguage('tl-PH');

/** The journey in ko-KR. */
export const JourneyKorean: Story = inLanguage('ko-KR');

/** The journey in ru-RU. */
export const JourneyRussian: Story = inLanguage('ru-RU');

/** The journey in ar-EG. */
export const JourneyArabic: Story = inLanguage('ar-EG');

/** The journey in fr-FR. */
export const JourneyFrench: Story = inLanguage('fr-FR');

/** The journey in ht-HT. */
export const JourneyHaitianCreole: Story = inLanguage('ht-HT');

/** The journey in pt-BR. */
export const JourneyPortuguese: Story = inLanguage('pt-BR');
