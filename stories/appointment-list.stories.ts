import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { expect, userEvent } from 'storybook/test';
import type { DemoOptions } from '../src/providers/demo/index.js';
import { findIn, waitForText } from './support/dom.js';
import { bookingProvider, darkFrame, phoneFrame, type ProviderSetup } from './support/page.js';

interface ListArgs {
  filter: 'upcoming' | 'past' | 'all';
  patient?: string;
  'time-zone'?: string;
  demo?: DemoOptions;
  setup?: ProviderSetup;
}

const meta = {
  title: 'Elements/Appointment list',
  component: 'appointment-list',
  args: { filter: 'upcoming' },
  argTypes: {
    filter: { control: 'inline-radio', options: ['upcoming', 'past', 'all'] },
    patient: { control: 'text' },
    demo: { control: 'object', table: { category: 'story' } },
    setup: { control: false, table: { disable: true } },
  },
  render: (args) =>
    bookingProvider(
      { options: args.demo, ...args.setup },
      html`<appointment-list
        filter=${args.filter}
        patient=${ifDefined(args.patient || undefined)}
        time-zone=${ifDefined(args['time-zone'] || undefined)}
      ></appointment-list>`,
    ),
} satisfies Meta<ListArgs>;

export default meta;
type Story = StoryObj<ListArgs>;

const list = (root: HTMLElement) => root.querySelector('appointment-list')!;

/**
 * The demo patient's upcoming visits: one to confirm and cancel, one cancellable only by request, one
 * not cancellable online, booked ones with a Cancel button.
 */
export const Upcoming: Story = {
  play: async ({ canvasElement }) => {
    await findIn(canvasElement, 'appointment-list', '[part="list"]');
    await findIn(canvasElement, 'appointment-list', 'button[part="action"]', { text: 'Confirm' });
    await findIn(canvasElement, 'appointment-list', 'button[part="action"]', { text: 'Request cancellation' });
    await findIn(canvasElement, 'appointment-list', '[part="badge"]', { text: 'Needs your confirmation' });
  },
};

/** Past visits: completed and cancelled ones, no actions. */
export const Past: Story = {
  args: { filter: 'past' },
  play: async ({ canvasElement }) => {
    await findIn(canvasElement, 'appointment-list', '[part="badge"]', { text: 'Completed' });
    await findIn(canvasElement, 'appointment-list', '[part="badge"]', { text: 'Cancelled' });
    await expect(list(canvasElement).shadowRoot!.querySelector('button[part="action"]')).toBeNull();
  },
};

/** Everything, past and upcoming. */
export const All: Story = { args: { filter: 'all' } };

/** Confirming a proposed visit. */
export const ConfirmAnAppointment: Story = {
  play: async ({ canvasElement }) => {
    const confirmed: CustomEvent[] = [];
    canvasElement.addEventListener('appointment-confirmed', (e) => confirmed.push(e as CustomEvent));
    const buttons = await findIn(canvasElement, 'appointment-list', 'button[part="action"]', { text: 'Confirm' });
    await userEvent.click(buttons);
    await waitForText(list(canvasElement), 'Confirmed:');
    await expect(confirmed).toHaveLength(1);
  },
};

/** Cancelling asks once more, then cancels. */
export const CancelAnAppointment: Story = {
  play: async ({ canvasElement, step }) => {
    const cancelled: CustomEvent[] = [];
    canvasElement.addEventListener('appointment-cancelled', (e) => cancelled.push(e as CustomEvent));
    await step('Cancel asks for confirmation', async () => {
      const cancel = await findIn(canvasElement, 'appointment-list', 'button[part="action"]:not(.primary)', {
        text: /^\s*Cancel\s*$/,
      });
      await userEvent.click(cancel);
      await findIn(canvasElement, 'appointment-list', '[role="group"]', { text: 'Cancel this appointment?' });
    });
    await step('Yes, cancel', async () => {
      await userEvent.click(await findIn(canvasElement, 'appointment-list', 'button.danger'));
      await waitForText(list(canvasElement), 'Cancelled:');
    });
    await expect(cancelled[0]?.detail.appointment.status).toBe('cancelled');
  },
};

/** The cancel question, open (for design review of the inline confirmation). */
export const CancelQuestion: Story = {
  play: async ({ canvasElement }) => {
    await userEvent.click(
      await findIn(canvasElement, 'appointment-list', 'button[part="action"]', { text: 'Request cancellation' }),
    );
    await findIn(canvasElement, 'appointment-list', 'button.danger', { text: 'Yes, send request' });
  },
};

/** A clinic that only takes cancellation requests: the badge says the request is waiting. */
export const CancellationRequested: Story = {
  play: async ({ canvasElement }) => {
    await userEvent.click(
      await findIn(canvasElement, 'appointment-list', 'button[part="action"]', { text: 'Request cancellation' }),
    );
    await userEvent.click(await findIn(canvasElement, 'appointment-list', 'button.danger'));
    await findIn(canvasElement, 'appointment-list', '[part="badge"]', {
      text: 'Cancellation requested',
      timeout: 8000,
    });
  },
};

/** Cancelling fails (the appointment changed meanwhile): the error shows on that appointment. */
export const CancelFails: Story = {
  args: { demo: { failures: { cancel: 'conflict' } } },
  play: async ({ canvasElement }) => {
    await userEvent.click(
      await findIn(canvasElement, 'appointment-list', 'button[part="action"]:not(.primary)', {
        text: /^\s*Cancel\s*$/,
      }),
    );
    await userEvent.click(await findIn(canvasElement, 'appointment-list', 'button.danger'));
    await findIn(canvasElement, 'appointment-list', '[part="item"] [role="alert"]', {
      text: 'changed in the meantime',
    });
  },
};

export const Loading: Story = {
  args: { demo: { latencyMs: 86_400_000 } },
  play: async ({ canvasElement }) => {
    await findIn(canvasElement, 'appointment-list', '[data-state="loading"]');
  },
};

/** The list fails once; "Try again" loads it. */
export const ErrorWithRetry: Story = {
  args: { demo: { failures: { listAppointments: { kind: 'network', times: 1 } } } },
  play: async ({ canvasElement }) => {
    await userEvent.click(await findIn(canvasElement, 'appointment-list', 'button[part="retry"]'));
    await findIn(canvasElement, 'appointment-list', '[part="list"]');
  },
};

/** A patient with nothing booked. */
export const NoAppointments: Story = {
  args: { setup: { patient: 'new-patient' } },
  play: async ({ canvasElement }) => {
    await findIn(canvasElement, 'appointment-list', '[data-state="empty"]', { text: 'No upcoming appointments.' });
  },
};

/** No patient signed in. */
export const SignedOut: Story = {
  args: { setup: { patient: null } },
  play: async ({ canvasElement }) => {
    await waitForText(list(canvasElement), 'Sign in to see your appointments.');
  },
};

/** A backend that cannot list appointments. */
export const NotOffered: Story = {
  args: { setup: { custom: 'display-only' } },
  play: async ({ canvasElement }) => {
    await waitForText(list(canvasElement), 'does not list appointments online');
  },
};

/** Long practitioner, location and service names, a long instruction, request-only cancellation. */
export const LongNames: Story = {
  args: { setup: { custom: 'long-names' } },
  play: async ({ canvasElement }) => {
    await findIn(canvasElement, 'appointment-list', '[part="item"]', { text: 'Featherstonehaugh' });
  },
};

export const MobileWidth: Story = {
  globals: { viewport: { value: 'mobile1', isRotated: false } },
  decorators: [(story) => phoneFrame(story())],
  args: { filter: 'all' },
};

export const DarkScheme: Story = {
  globals: { backgrounds: { value: 'dark' } },
  decorators: [(story) => darkFrame(story())],
  args: { filter: 'all' },
};
