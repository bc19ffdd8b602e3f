import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { expect, userEvent } from 'storybook/test';
import type { DemoOptions } from '../src/providers/demo/index.js';
import { findIn, waitForText } from './support/dom.js';
import { bookingProvider, darkFrame, phoneFrame, type ProviderSetup } from './support/page.js';
import { bookingOutcome, chooseSlotByClick, chooseSlotByKeyboard, clickBook, slotButtons } from './support/play.js';

interface ButtonArgs {
  appointment?: string;
  /** Slotted label (the default slot). */
  label?: string;
  /** Show a `<slot-picker>` above the button (not an element attribute). */
  withPicker: boolean;
  demo?: DemoOptions;
  setup?: ProviderSetup;
}

const meta = {
  title: 'Elements/Confirm button',
  component: 'confirm-button',
  args: { withPicker: true },
  argTypes: {
    appointment: { control: 'text' },
    label: { control: 'text' },
    withPicker: { control: 'boolean', table: { category: 'story' } },
    demo: { control: 'object', table: { category: 'story' } },
    setup: { control: false, table: { disable: true } },
  },
  render: (args) =>
    bookingProvider(
      { options: args.demo, ...args.setup },
      html`${args.withPicker ? html`<slot-picker view="list" days="2" location=${ifDefined(args.setup?.custom ? undefined : 'harbor')}></slot-picker>` : ''}
        <confirm-button appointment=${ifDefined(args.appointment || undefined)}>${args.label ?? ''}</confirm-button>`,
    ),
} satisfies Meta<ButtonArgs>;

export default meta;
type Story = StoryObj<ButtonArgs>;

/** Nothing chosen yet: the button explains what is missing and does nothing. */
export const NothingChosen: Story = {
  args: { withPicker: false },
  play: async ({ canvasElement }) => {
    const button = await findIn(canvasElement, 'confirm-button', 'button[part="button"]');
    await waitForText(canvasElement.querySelector('confirm-button')!, 'Choose a time first.');
    await expect(button.getAttribute('aria-disabled')).toBe('true');
  },
};

/** A time is chosen: its summary shows above the button. */
export const TimeChosen: Story = {
  play: async ({ canvasElement }) => {
    await chooseSlotByClick(canvasElement);
    await findIn(canvasElement, 'confirm-button', '[part="summary"]');
  },
};

/** The happy path by keyboard: choose a time, book it, see the confirmation. */
export const BookingSuccess: Story = {
  play: async ({ canvasElement, step }) => {
    const booked: CustomEvent[] = [];
    canvasElement.addEventListener('booking-confirmed', (e) => booked.push(e as CustomEvent));
    await step('choose a time with the keyboard', async () => {
      await chooseSlotByKeyboard(canvasElement);
    });
    await step('book it', async () => {
      await clickBook(canvasElement);
      await bookingOutcome(canvasElement, 'Booked:');
    });
    await expect(booked).toHaveLength(1);
    await expect(booked[0].detail.appointment.status).toBe('booked');
  },
};

/** While the booking call runs: the button is busy, says "Booking…", and a second click does nothing. */
export const Booking: Story = {
  play: async ({ canvasElement }) => {
    await chooseSlotByClick(canvasElement);
    // Hold the booking call open, only now that the times are on screen.
    const provider = canvasElement.querySelector('booking-provider')!.activeBackend!;
    provider.book = () => new Promise(() => {});
    await clickBook(canvasElement);
    const button = await findIn(canvasElement, 'confirm-button', 'button[part="button"]');
    await waitForText(button, 'Booking…');
    await expect(button.getAttribute('aria-busy')).toBe('true');
  },
};

/** Someone else took the time while the patient was confirming: it says so and the times reload. */
export const SlotTakenWhileConfirming: Story = {
  args: { demo: { failures: { book: 'slot-unavailable' } } },
  play: async ({ canvasElement }) => {
    const failed: CustomEvent[] = [];
    canvasElement.addEventListener('booking-failed', (e) => failed.push(e as CustomEvent));
    await chooseSlotByClick(canvasElement, 1);
    await clickBook(canvasElement);
    const status = await bookingOutcome(canvasElement, 'That time was just taken');
    await expect(status.getAttribute('role')).toBe('alert');
    await expect(failed[0]?.detail.error.kind).toBe('slot-unavailable');
    // The picker reloaded with nothing selected.
    const buttons = await slotButtons(canvasElement);
    await expect(buttons.some((b) => b.getAttribute('part')?.includes('slot-selected'))).toBe(false);
  },
};

/** The first booking call times out; pressing the button again books (once, thanks to the idempotency key). */
export const TimeoutThenRetry: Story = {
  args: { demo: { failures: { book: { kind: 'timeout', times: 1 } } } },
  play: async ({ canvasElement }) => {
    await chooseSlotByClick(canvasElement);
    await clickBook(canvasElement);
    await bookingOutcome(canvasElement, 'The clinic took too long to answer');
    await clickBook(canvasElement);
    await bookingOutcome(canvasElement, 'Booked:');
  },
};

/** No patient signed in: before and after a time is chosen the button says details come next, and stays off. */
export const NoPatient: Story = {
  args: { setup: { patient: null } },
  play: async ({ canvasElement }) => {
    await waitForText(canvasElement, 'You will then give your name, date of birth and phone number.');
    await chooseSlotByClick(canvasElement);
    await waitForText(canvasElement, 'Fill in your details to book this time.');
    const book = await findIn(canvasElement, 'confirm-button', 'button[part="button"]');
    await expect(book.getAttribute('aria-disabled')).toBe('true');
  },
};

/** The time is held while the patient finishes: the countdown above the button. */
export const HoldCountingDown: Story = {
  play: async ({ canvasElement }) => {
    await chooseSlotByClick(canvasElement);
    await waitForText(canvasElement, 'This time is held for you for');
  },
};

/** A backend that books only for signed-in patients, with `sign-in-url`: "Sign in to book". */
export const SignInToBook: Story = {
  args: { setup: { patient: null, signInUrl: 'https://portal.example.org/login', custom: 'sign-in-only' } },
  play: async ({ canvasElement }) => {
    await chooseSlotByClick(canvasElement);
    const link = await findIn(canvasElement, 'confirm-button', 'a[part~="sign-in"]');
    await expect(link.getAttribute('href')).toContain('careslot-slot');
  },
};

/** `appointment="…"`: confirms an existing appointment (the demo patient's proposed visit). */
export const ConfirmExistingAppointment: Story = {
  args: { withPicker: false, appointment: 'demo-appt-5' },
  play: async ({ canvasElement }) => {
    await userEvent.click(await findIn(canvasElement, 'confirm-button', 'button[part="button"]'));
    await bookingOutcome(canvasElement, 'Confirmed:');
  },
};

/** A custom label in the default slot. */
export const CustomLabel: Story = {
  args: { label: 'Request this time' },
};

/** A display-only clinic: a phone number instead of the button. */
export const BookingNotOffered: Story = {
  args: { withPicker: false, setup: { custom: 'display-only' } },
  play: async ({ canvasElement }) => {
    await findIn(canvasElement, 'confirm-button', 'a[href^="tel:"]');
  },
};

/** Long practitioner and location names in the summary and the confirmation. */
export const LongNames: Story = {
  args: { setup: { custom: 'long-names' } },
  play: async ({ canvasElement }) => {
    await chooseSlotByClick(canvasElement);
    await clickBook(canvasElement);
    await bookingOutcome(canvasElement, 'Booked:');
  },
};

export const MobileWidth: Story = {
  globals: { viewport: { value: 'mobile1', isRotated: false } },
  decorators: [(story) => phoneFrame(story())],
  play: async ({ canvasElement }) => {
    await chooseSlotByClick(canvasElement);
    await clickBook(canvasElement);
    await bookingOutcome(canvasElement, 'Booked:');
  },
};

export const DarkScheme: Story = {
  globals: { backgrounds: { value: 'dark' } },
  decorators: [(story) => darkFrame(story())],
  play: async ({ canvasElement }) => {
    await chooseSlotByClick(canvasElement);
    await clickBook(canvasElement);
    await bookingOutcome(canvasElement, 'Booked:');
  },
};

/** The error message in the dark scheme (contrast of the danger colour). */
export const DarkSchemeError: Story = {
  args: { demo: { failures: { book: 'slot-unavailable' } } },
  globals: { backgrounds: { value: 'dark' } },
  decorators: [(story) => darkFrame(story())],
  play: async ({ canvasElement }) => {
    await chooseSlotByClick(canvasElement);
    await clickBook(canvasElement);
    await bookingOutcome(canvasElement, 'That time was just taken');
  },
};
